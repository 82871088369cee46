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
    LABELS.put(CE_MARKED, "CE marking");
    LABELS.put(DEVICE_CLASS, "Device class");
    LABELS.put(HAS_CONVERGENCE_ACCOUNT, "Convergence account");
    LABELS.put(CORRESPONDENCE_LANGUAGE, "Correspondence language");
    LABELS.put(COMPANY_NAME, "Company name");
    LABELS.put(LEGAL_FORM, "Legal form");
    LABELS.put(HEAD_OFFICE, "Head office");
    LABELS.put(SIREN, "SIREN");
    LABELS.put(NIE, "NIE");
    LABELS.put(REPRESENTATIVE_CIVILITY, "Representative's civility");
    LABELS.put(REPRESENTATIVE_NAME, "Representative's name");
    LABELS.put(REPRESENTATIVE_ROLE, "Representative's role");
    LABELS.put(APPLICANT_KIND, "Applicant");
    LABELS.put(GROUP_MEMBERS, "Group members");
    LABELS.put(MEMBER_NAME, "company name");
    LABELS.put(MEMBER_HEAD_OFFICE, "head office");
    LABELS.put(MEMBER_SIREN, "SIREN");
    LABELS.put(MEMBER_NIE, "NIE");
    LABELS.put(MEMBER_REPRESENTATIVE, "representative");
    LABELS.put(LEGAL_REP_NAME, "Legal representative's name");
    LABELS.put(LEGAL_REP_EMAIL, "Legal representative's email");
    LABELS.put(LEGAL_REP_PHONE, "Legal representative's phone");
    LABELS.put(CONTACT_NAME, "Contact's name");
    LABELS.put(CONTACT_EMAIL, "Contact's email");
    LABELS.put(CONTACT_PHONE, "Contact's phone");
    LABELS.put(SOFTWARE_NAME, "Software name");
    LABELS.put(SOFTWARE_VERSION, "Software version");
    LABELS.put(BASIC_UDI_DI, "Basic UDI-DI");
    LABELS.put(CONNECTED_OBJECTS, "Connected objects");
    LABELS.put(PLANNED_EVIDENCE_DATE, "Planned date of the complete evidence deposit");
    LABELS.put(PLANNED_DATE_PUBLISHABLE, "Publication of the planned date");
    LABELS.put(NIL, "NIL");
    LABELS.put(SOFTWARE_PROFILES, "Software profiles");
    LABELS.put(HANDLES_INS, "National health identifier (INS)");
    LABELS.put(ADDITIONAL_COMPONENTS, "Additional components");
    LABELS.put(COMPONENT_NAME, "name");
    LABELS.put(COMPONENT_VERSION, "version");
    LABELS.put(DOC_FUNCTIONAL, "Functional documentation");
    LABELS.put(DOC_PERSONAL_DATA, "Personal-data protection declaration");
    LABELS.put(DOC_HEALTH_DATA_HOSTING, "Health-data hosting declaration or HDS certificate");
    LABELS.put(DOC_CE_DECLARATION, "CE marking declaration");
    LABELS.put(DOC_NOTIFIED_BODY, "Notified-body certificate");
    LABELS.put(DOC_MANDATES, "Mandates of the group members");
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

  /** "Group member 2: SIREN", "Additional component 1: version". */
  public static String rowLabel(String listKey, int rowNumber, String childKey) {
    String row = GROUP_MEMBERS.equals(listKey) ? "Group member " : "Additional component ";
    return row + rowNumber + ": " + label(childKey);
  }
}
