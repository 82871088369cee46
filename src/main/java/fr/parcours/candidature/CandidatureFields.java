package fr.parcours.candidature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process variables of the candidature dossier: the keys of
 * {@code forms/tracks/ans-certification/candidature.form} and
 * {@code forms/tracks/ans-certification/administrative-dossier.form}, with the labels the vendor sees, and the
 * allowed enum values.
 */
public final class CandidatureFields {

  public static final String CE_MARKED = "ceMarked";
  public static final String DEVICE_CLASS = "deviceClass";
  public static final String HAS_CONVERGENCE_ACCOUNT = "hasConvergenceAccount";
  public static final String CORRESPONDENCE_LANGUAGE = "correspondenceLanguage";
  public static final String COMPANY_NAME = "companyName";
  public static final String LEGAL_FORM = "legalForm";
  public static final String HEAD_OFFICE = "headOffice";
  public static final String SIREN = "siren";
  public static final String NIE = "nie";
  public static final String REPRESENTATIVE_CIVILITY = "representativeCivility";
  public static final String REPRESENTATIVE_NAME = "representativeName";
  public static final String REPRESENTATIVE_ROLE = "representativeRole";
  public static final String APPLICANT_KIND = "applicantKind";
  public static final String GROUP_MEMBERS = "groupMembers";
  public static final String MEMBER_NAME = "memberName";
  public static final String MEMBER_HEAD_OFFICE = "memberHeadOffice";
  public static final String MEMBER_SIREN = "memberSiren";
  public static final String MEMBER_NIE = "memberNie";
  public static final String MEMBER_REPRESENTATIVE = "memberRepresentative";
  public static final String LEGAL_REP_NAME = "legalRepName";
  public static final String LEGAL_REP_EMAIL = "legalRepEmail";
  public static final String LEGAL_REP_PHONE = "legalRepPhone";
  public static final String CONTACT_NAME = "contactName";
  public static final String CONTACT_EMAIL = "contactEmail";
  public static final String CONTACT_PHONE = "contactPhone";
  public static final String SOFTWARE_NAME = "softwareName";
  public static final String SOFTWARE_VERSION = "softwareVersion";
  public static final String BASIC_UDI_DI = "basicUdiDi";
  public static final String CONNECTED_OBJECTS = "connectedObjects";
  public static final String PLANNED_EVIDENCE_DATE = "plannedEvidenceDate";
  public static final String PLANNED_DATE_PUBLISHABLE = "plannedDatePublishable";
  public static final String NIL = "nil";
  public static final String SOFTWARE_PROFILES = "softwareProfiles";
  public static final String HANDLES_INS = "handlesIns";
  public static final String ADDITIONAL_COMPONENTS = "additionalComponents";
  public static final String COMPONENT_NAME = "componentName";
  public static final String COMPONENT_VERSION = "componentVersion";
  public static final String DOC_FUNCTIONAL = "docFunctional";
  public static final String DOC_PERSONAL_DATA = "docPersonalData";
  public static final String DOC_HEALTH_DATA_HOSTING = "docHealthDataHosting";
  public static final String DOC_CE_DECLARATION = "docCeDeclaration";
  public static final String DOC_NOTIFIED_BODY = "docNotifiedBody";
  public static final String DOC_MANDATES = "docMandates";

  public static final List<String> DEVICE_CLASSES = List.of("I", "IIA", "IIB", "III");
  public static final List<String> CORRESPONDENCE_LANGUAGES = List.of("FR", "EN");
  public static final String DEFAULT_CORRESPONDENCE_LANGUAGE = "FR";
  public static final List<String> CIVILITIES = List.of("MR", "MS");
  public static final String SINGLE_OPERATOR = "SINGLE_OPERATOR";
  public static final String GROUP_LEAD = "GROUP_LEAD";
  public static final List<String> APPLICANT_KINDS = List.of(SINGLE_OPERATOR, GROUP_LEAD);
  /** Illustrative list of profiles; the referential decides the real one. */
  public static final List<String> SOFTWARE_PROFILE_VALUES = List.of("SOCLE", "RI", "MSS", "DMP");
  public static final String PROFILE_RI = "RI";

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put(CE_MARKED, "Le dispositif est marqué CE");
    LABELS.put(DEVICE_CLASS, "Classe du dispositif");
    LABELS.put(HAS_CONVERGENCE_ACCOUNT, "Nous avons déjà un compte Convergence");
    LABELS.put(CORRESPONDENCE_LANGUAGE, "Langue de correspondance");
    LABELS.put(COMPANY_NAME, "Raison sociale");
    LABELS.put(LEGAL_FORM, "Forme juridique");
    LABELS.put(HEAD_OFFICE, "Siège social");
    LABELS.put(SIREN, "SIREN");
    LABELS.put(NIE, "NIE");
    LABELS.put(REPRESENTATIVE_CIVILITY, "Civilité du représentant");
    LABELS.put(REPRESENTATIVE_NAME, "Nom du représentant");
    LABELS.put(REPRESENTATIVE_ROLE, "Fonction du représentant");
    LABELS.put(APPLICANT_KIND, "L’entreprise candidate en tant que");
    LABELS.put(GROUP_MEMBERS, "Membres du groupement");
    LABELS.put(MEMBER_NAME, "raison sociale");
    LABELS.put(MEMBER_HEAD_OFFICE, "siège social");
    LABELS.put(MEMBER_SIREN, "SIREN");
    LABELS.put(MEMBER_NIE, "NIE");
    LABELS.put(MEMBER_REPRESENTATIVE, "représentant");
    LABELS.put(LEGAL_REP_NAME, "Nom du représentant légal");
    LABELS.put(LEGAL_REP_EMAIL, "Courriel du représentant légal");
    LABELS.put(LEGAL_REP_PHONE, "Téléphone du représentant légal");
    LABELS.put(CONTACT_NAME, "Nom du contact");
    LABELS.put(CONTACT_EMAIL, "Courriel du contact");
    LABELS.put(CONTACT_PHONE, "Téléphone du contact");
    LABELS.put(SOFTWARE_NAME, "Nom du logiciel");
    LABELS.put(SOFTWARE_VERSION, "Version du logiciel");
    LABELS.put(BASIC_UDI_DI, "IUD-ID de base");
    LABELS.put(CONNECTED_OBJECTS, "Objets connectés");
    LABELS.put(PLANNED_EVIDENCE_DATE, "Date prévue du dépôt complet des preuves");
    LABELS.put(PLANNED_DATE_PUBLISHABLE, "L’ANS peut publier cette date prévue");
    LABELS.put(NIL, "NIL");
    LABELS.put(SOFTWARE_PROFILES, "Profils logiciels");
    LABELS.put(HANDLES_INS, "Le dispositif utilise l’identifiant national de santé (INS)");
    LABELS.put(ADDITIONAL_COMPONENTS, "Composants logiciels supplémentaires");
    LABELS.put(COMPONENT_NAME, "nom du composant");
    LABELS.put(COMPONENT_VERSION, "version du composant");
    LABELS.put(DOC_FUNCTIONAL, "Documentation fonctionnelle");
    LABELS.put(DOC_PERSONAL_DATA, "Déclaration de protection des données personnelles");
    LABELS.put(DOC_HEALTH_DATA_HOSTING, "Déclaration d’hébergement des données de santé ou certificat HDS");
    LABELS.put(DOC_CE_DECLARATION, "Déclaration de marquage CE");
    LABELS.put(DOC_NOTIFIED_BODY, "Certificat de l’organisme notifié");
    LABELS.put(DOC_MANDATES, "Mandats des membres du groupement");
  }

  private CandidatureFields() {
  }

  /** Every key of the dossier, list children included, in form order. */
  public static List<String> dossierKeys() {
    return List.copyOf(LABELS.keySet());
  }

  /** The label the vendor sees for a top-level key; the key itself when unknown. */
  public static String label(String key) {
    return LABELS.getOrDefault(key, key);
  }

  /** The field name of a row's child, 1-based as the form shows rows: {@code groupMembers[2].memberSiren}. */
  public static String rowField(String listKey, int rowNumber, String childKey) {
    return listKey + "[" + rowNumber + "]." + childKey;
  }

  /** "Membre 2 du groupement : SIREN", "Composant supplémentaire 1 : version du composant". */
  public static String rowLabel(String listKey, int rowNumber, String childKey) {
    String row = GROUP_MEMBERS.equals(listKey) ? "Membre " + rowNumber + " du groupement"
        : "Composant supplémentaire " + rowNumber;
    return row + " : " + label(childKey);
  }
}
