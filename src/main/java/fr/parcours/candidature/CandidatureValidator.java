package fr.parcours.candidature;

import static fr.parcours.candidature.CandidatureFields.*;

import fr.parcours.candidature.Candidature.AdditionalComponent;
import fr.parcours.candidature.Candidature.GroupMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a candidature dossier must follow, checked on the server: the browser's form validation can be
 * bypassed through the REST API. Every problem says what is wrong and how to fix it.
 *
 * <ul>
 *   <li>{@link #problemsAtStart} when the application starts (candidature form): CE marking, the required
 *   fields and their formats;</li>
 *   <li>{@link #problemsAtSubmission} when the administrative dossier is submitted to the ANS: the same, plus
 *   the documents.</li>
 * </ul>
 */
public final class CandidatureValidator {

  static final int MAX_SINGLE_LINE = 200;
  static final int MAX_MULTI_LINE = 4000;
  static final int MAX_EMAIL = 254;
  static final int MAX_ROWS = 100;

  static final String CE_NOT_MARKED = "Le dispositif doit être marqué CE avant que sa certification puisse "
      + "commencer (règlements (UE) 2017/745 et 2017/746). Obtenez d’abord le marquage CE, puis recommencez la "
      + "demande.";

  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
  private static final Pattern PHONE_CHARACTERS = Pattern.compile("[0-9+ .()-]+");
  private static final Pattern PHONE_SEPARATORS = Pattern.compile("[ .()-]");
  private static final Pattern PHONE_DIGITS = Pattern.compile("0[0-9]{9}|\\+[0-9]{8,15}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}|[\\u2028\\u2029]");
  /** Invisible format characters: zero-width spaces and joiners, direction overrides, byte-order marks. */
  private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");
  private static final Pattern CONTROL_EXCEPT_LINE_BREAKS = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");

  /** "X manque : comment y remédier." for each required field. */
  private static final Map<String, String> MISSING = new HashMap<>();

  static {
    MISSING.put(DEVICE_CLASS, "La classe du dispositif manque : choisissez-la telle qu’indiquée dans la déclaration "
        + "de marquage CE du dispositif.");
    MISSING.put(COMPANY_NAME, "La raison sociale manque : saisissez-la telle qu’écrite sur l’extrait Kbis de "
        + "l’entreprise.");
    MISSING.put(LEGAL_FORM, "La forme juridique manque : saisissez-la (SAS, SARL...) avec le capital social le cas "
        + "échéant.");
    MISSING.put(HEAD_OFFICE, "Le siège social manque : saisissez l’adresse du siège social de l’entreprise.");
    MISSING.put(SIREN, "Le SIREN manque : recopiez les 9 chiffres de l’extrait Kbis de l’entreprise.");
    MISSING.put(REPRESENTATIVE_NAME, "Le nom du représentant manque : saisissez le prénom et le nom de la personne "
        + "qui représente l’entreprise pour cette demande.");
    MISSING.put(REPRESENTATIVE_ROLE, "La fonction du représentant manque : saisissez sa fonction dans l’entreprise "
        + "(par exemple président-directeur général).");
    MISSING.put(APPLICANT_KIND, "Le type de candidat manque : choisissez exploitant unique du dispositif ou chef de "
        + "file d’un groupement d’entreprises.");
    MISSING.put(LEGAL_REP_NAME, "Le nom du représentant légal manque : saisissez le prénom et le nom du "
        + "représentant légal de l’entreprise.");
    MISSING.put(LEGAL_REP_EMAIL, "Le courriel du représentant légal manque : saisissez son adresse électronique.");
    MISSING.put(LEGAL_REP_PHONE, "Le téléphone du représentant légal manque : saisissez son numéro de téléphone.");
    MISSING.put(CONTACT_NAME, "Le nom du contact manque : saisissez la personne à qui l’ANS doit écrire au sujet "
        + "de cette demande.");
    MISSING.put(CONTACT_EMAIL, "Le courriel du contact manque : saisissez son adresse électronique.");
    MISSING.put(CONTACT_PHONE, "Le téléphone du contact manque : saisissez son numéro de téléphone.");
    MISSING.put(SOFTWARE_NAME, "Le nom du logiciel manque : saisissez le nom du composant logiciel principal du "
        + "dispositif.");
    MISSING.put(SOFTWARE_VERSION, "La version du logiciel manque : saisissez la version du composant logiciel "
        + "principal à certifier.");
    MISSING.put(PLANNED_EVIDENCE_DATE, "La date prévue du dépôt complet des preuves manque : saisissez la date à "
        + "laquelle vous pensez avoir déposé toutes les preuves (pour information seulement).");
    MISSING.put(SOFTWARE_PROFILES, "Aucun profil logiciel n’est choisi : choisissez-en au moins un ; ce choix est "
        + "définitif et décide des exigences qui s’appliquent.");
    MISSING.put(MEMBER_NAME, "La raison sociale du membre manque : saisissez-la telle qu’écrite sur son extrait Kbis.");
    MISSING.put(MEMBER_HEAD_OFFICE, "Le siège social du membre manque : saisissez l’adresse de son siège social.");
    MISSING.put(MEMBER_SIREN, "Le SIREN du membre manque : recopiez les 9 chiffres de l’extrait Kbis de l’entreprise "
        + "membre.");
    MISSING.put(MEMBER_REPRESENTATIVE, "Le représentant du membre manque : saisissez le nom et la fonction de la "
        + "personne qui représente l’entreprise membre.");
    MISSING.put(COMPONENT_NAME, "Le nom du composant manque : saisissez-le, ou supprimez la ligne vide.");
    MISSING.put(COMPONENT_VERSION, "La version du composant manque : saisissez la version à certifier.");
  }

  /** Problems that stop the application from starting: CE marking, required fields, formats. */
  public List<FieldProblem> problemsAtStart(Candidature c) {
    return problems(c, false);
  }

  /** Problems that stop the administrative dossier from being submitted: those at start, plus documents. */
  public List<FieldProblem> problemsAtSubmission(Candidature c) {
    return problems(c, true);
  }

  private static List<FieldProblem> problems(Candidature c, boolean atSubmission) {
    Problems problems = new Problems(c.unreadableValues());

    if (!c.ceMarked() && !problems.unreadable(CE_MARKED)) {
      problems.add(CE_MARKED, CE_NOT_MARKED);
    }
    choice(problems, DEVICE_CLASS, c.deviceClass(), true, DEVICE_CLASSES,
        "choisissez Classe I, Classe IIa, Classe IIb ou Classe III (valeurs I, IIA, IIB, III)");
    choice(problems, CORRESPONDENCE_LANGUAGE, c.correspondenceLanguage(), false, CORRESPONDENCE_LANGUAGES,
        "choisissez Français ou English (valeurs FR, EN)");

    singleLine(problems, COMPANY_NAME, c.companyName(), true);
    singleLine(problems, LEGAL_FORM, c.legalForm(), true);
    multiLine(problems, HEAD_OFFICE, c.headOffice(), true);
    if (singleLine(problems, SIREN, c.siren(), true)) {
      siren(problems, SIREN, label(SIREN), c.siren(), "de l’entreprise");
    }
    singleLine(problems, NIE, c.nie(), false);
    choice(problems, REPRESENTATIVE_CIVILITY, c.representativeCivility(), false, CIVILITIES, "choisissez M. ou Mme (valeurs MR, MS)");
    singleLine(problems, REPRESENTATIVE_NAME, c.representativeName(), true);
    singleLine(problems, REPRESENTATIVE_ROLE, c.representativeRole(), true);
    choice(problems, APPLICANT_KIND, c.applicantKind(), true, APPLICANT_KINDS,
        "choisissez exploitant unique du dispositif (SINGLE_OPERATOR) ou chef de file d’un groupement d’entreprises"
            + " (GROUP_LEAD)");
    if (c.isGroupLead()) {
      groupMembers(problems, c);
    }

    singleLine(problems, LEGAL_REP_NAME, c.legalRepName(), true);
    email(problems, LEGAL_REP_EMAIL, c.legalRepEmail());
    phone(problems, LEGAL_REP_PHONE, c.legalRepPhone());
    singleLine(problems, CONTACT_NAME, c.contactName(), true);
    email(problems, CONTACT_EMAIL, c.contactEmail());
    phone(problems, CONTACT_PHONE, c.contactPhone());

    singleLine(problems, SOFTWARE_NAME, c.softwareName(), true);
    singleLine(problems, SOFTWARE_VERSION, c.softwareVersion(), true);
    singleLine(problems, BASIC_UDI_DI, c.basicUdiDi(), false);
    multiLine(problems, CONNECTED_OBJECTS, c.connectedObjects(), false);
    if (c.plannedEvidenceDate() == null && !problems.unreadable(PLANNED_EVIDENCE_DATE)) {
      problems.add(PLANNED_EVIDENCE_DATE, MISSING.get(PLANNED_EVIDENCE_DATE));
    }
    singleLine(problems, NIL, c.nil(), false);
    softwareProfiles(problems, c);
    additionalComponents(problems, c);

    if (atSubmission) {
      document(problems, DOC_FUNCTIONAL, c.docFunctional(), true);
      document(problems, DOC_PERSONAL_DATA, c.docPersonalData(), true);
      document(problems, DOC_HEALTH_DATA_HOSTING, c.docHealthDataHosting(), true);
      document(problems, DOC_CE_DECLARATION, c.docCeDeclaration(), true);
      document(problems, DOC_NOTIFIED_BODY, c.docNotifiedBody(), !"I".equals(c.deviceClass()));
      document(problems, DOC_MANDATES, c.docMandates(), c.isGroupLead());
    }
    return problems.list();
  }

  /** Throws {@link CandidatureRejectedException} when {@link #problemsAtStart} finds anything. */
  public void checkAtStart(Candidature c) {
    rejectIfAny(problemsAtStart(c));
  }

  /** Throws {@link CandidatureRejectedException} when {@link #problemsAtSubmission} finds anything. */
  public void checkAtSubmission(Candidature c) {
    rejectIfAny(problemsAtSubmission(c));
  }

  private static void rejectIfAny(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw new CandidatureRejectedException(problems);
    }
  }

  private static void groupMembers(Problems problems, Candidature c) {
    List<GroupMember> members = c.groupMembers();
    if (problems.unreadable(GROUP_MEMBERS)) {
      return;
    }
    if (members.isEmpty()) {
      problems.add(GROUP_MEMBERS, "Un chef de file doit lister chaque membre du groupement (raison sociale, siège "
          + "social, SIREN, NIE le cas échéant, représentant) : ajoutez une ligne par entreprise membre, ou choisissez"
          + " exploitant unique du dispositif.");
      return;
    }
    if (tooManyRows(problems, GROUP_MEMBERS, members.size())) {
      return;
    }
    String leadSiren = Siren.normaliseSiren(c.siren());
    Map<String, Integer> rowBySiren = new HashMap<>();
    for (int i = 0; i < members.size(); i++) {
      GroupMember m = members.get(i);
      int row = i + 1;
      rowSingleLine(problems, GROUP_MEMBERS, row, MEMBER_NAME, m.memberName(), true);
      rowMultiLine(problems, GROUP_MEMBERS, row, MEMBER_HEAD_OFFICE, m.memberHeadOffice());
      String field = rowField(GROUP_MEMBERS, row, MEMBER_SIREN);
      String label = rowLabel(GROUP_MEMBERS, row, MEMBER_SIREN);
      if (rowSingleLine(problems, GROUP_MEMBERS, row, MEMBER_SIREN, m.memberSiren(), true)
          && siren(problems, field, label, m.memberSiren(), "de l’entreprise membre")) {
        String memberSiren = Siren.normaliseSiren(m.memberSiren());
        Integer earlierRow = rowBySiren.putIfAbsent(memberSiren, row);
        if (memberSiren.equals(leadSiren)) {
          problems.add(field, label, "Le SIREN du membre " + row + " est celui du chef de file : ne listez ici que "
              + "les autres entreprises du groupement.");
        } else if (earlierRow != null) {
          problems.add(field, label, "Le SIREN du membre " + row + " répète celui du membre " + earlierRow
              + " : listez chaque entreprise membre une seule fois.");
        }
      }
      rowSingleLine(problems, GROUP_MEMBERS, row, MEMBER_NIE, m.memberNie(), false);
      rowSingleLine(problems, GROUP_MEMBERS, row, MEMBER_REPRESENTATIVE, m.memberRepresentative(), true);
    }
  }

  private static void softwareProfiles(Problems problems, Candidature c) {
    if (problems.unreadable(SOFTWARE_PROFILES)) {
      return;
    }
    if (c.softwareProfiles().isEmpty()) {
      problems.add(SOFTWARE_PROFILES, MISSING.get(SOFTWARE_PROFILES));
      return;
    }
    for (String profile : c.softwareProfiles()) {
      if (!SOFTWARE_PROFILE_VALUES.contains(profile)) {
        problems.add(SOFTWARE_PROFILES, "Le profil logiciel « " + shown(profile) + " » est inconnu : choisissez parmi "
            + String.join(", ", SOFTWARE_PROFILE_VALUES) + ".");
      }
    }
    if (c.softwareProfiles().contains(PROFILE_RI)) {
      String need = "Le profil RI (référentiel identité) exige le NIE et le NIL délivrés par le CNDA lors "
          + "de l’homologation : saisissez le ";
      String orElse = ", ou retirez le profil RI si le dispositif n’utilise pas le référentiel identité.";
      if (c.nie() == null) {
        problems.add(NIE, need + "NIE (numéro d’identification de l’éditeur)" + orElse);
      }
      if (c.nil() == null) {
        problems.add(NIL, need + "NIL (numéro d’identification du logiciel)" + orElse);
      }
    }
  }

  private static void additionalComponents(Problems problems, Candidature c) {
    List<AdditionalComponent> components = c.additionalComponents();
    if (problems.unreadable(ADDITIONAL_COMPONENTS) || tooManyRows(problems, ADDITIONAL_COMPONENTS, components.size())) {
      return;
    }
    for (int i = 0; i < components.size(); i++) {
      AdditionalComponent component = components.get(i);
      rowSingleLine(problems, ADDITIONAL_COMPONENTS, i + 1, COMPONENT_NAME, component.componentName(), true);
      rowSingleLine(problems, ADDITIONAL_COMPONENTS, i + 1, COMPONENT_VERSION, component.componentVersion(), true);
    }
  }

  private static boolean tooManyRows(Problems problems, String listKey, int rows) {
    if (rows > MAX_ROWS) {
      problems.add(listKey, "La liste « " + label(listKey) + " » compte " + rows + " lignes : " + MAX_ROWS
          + " au plus sont acceptées ; gardez les lignes qui concernent cette demande.");
      return true;
    }
    return false;
  }

  private static void document(Problems problems, String key, boolean provided, boolean required) {
    if (required && !provided && !problems.unreadable(key)) {
      problems.add(key, "Document non fourni : « " + label(key) + " ». Fournissez-le à l’ANS, puis cochez sa "
          + "case dans le dossier administratif.");
    }
  }

  /** A valid SIREN, or a problem on the field. Returns whether it is valid. */
  private static boolean siren(Problems problems, String field, String label, String value, String whose) {
    String normalised = Siren.normaliseSiren(value);
    String fix = "recopiez les 9 chiffres de l’extrait Kbis " + whose + ".";
    if (!normalised.matches("[0-9]*")) {
      problems.add(field, label, "Le SIREN doit compter exactement 9 chiffres : « " + shown(value)
          + " » contient d’autres caractères que des chiffres et des espaces ; " + fix);
      return false;
    }
    if (normalised.length() != 9) {
      problems.add(field, label, "Le SIREN doit compter exactement 9 chiffres : « " + shown(value) + " » en compte "
          + normalised.length() + " ; " + fix);
      return false;
    }
    if (!Siren.isValid(normalised)) {
      problems.add(field, label, "Le SIREN « " + normalised + " » a une clé de contrôle fausse : " + fix);
      return false;
    }
    return true;
  }

  private static void email(Problems problems, String key, String value) {
    if (text(problems, key, label(key), value, true, MAX_EMAIL, false, MISSING.get(key))
        && !isEmail(value)) {
      problems.add(key, "« " + shown(value) + " » n’est pas une adresse électronique valide : saisissez une "
          + "seule adresse, comme jeanne.dupont@entreprise.fr, sans espaces.");
    }
  }

  static boolean isEmail(String value) {
    int at = value.lastIndexOf('@');
    return value.length() <= MAX_EMAIL && at > 0 && at <= 64 && EMAIL.matcher(value).matches();
  }

  private static void phone(Problems problems, String key, String value) {
    if (singleLine(problems, key, value, true) && !isPhone(value)) {
      problems.add(key, "« " + shown(value) + " » n’est pas un numéro de téléphone : saisissez un numéro français "
          + "de 10 chiffres commençant par 0 (01 23 45 67 89) ou un numéro international commençant par +"
          + " (+33 1 23 45 67 89).");
    }
  }

  static boolean isPhone(String value) {
    return PHONE_CHARACTERS.matcher(value).matches()
        && PHONE_DIGITS.matcher(PHONE_SEPARATORS.matcher(value).replaceAll("")).matches();
  }

  private static void choice(Problems problems, String key, String value, boolean required, List<String> allowed,
      String fix) {
    if (singleLine(problems, key, value, required) && value != null && !allowed.contains(value)) {
      problems.add(key, "La valeur « " + shown(value) + " » du champ « " + label(key) + " » est inconnue : " + fix
          + ".");
    }
  }

  /** Checks a single-line text; returns whether it is present and clean, so that format checks may follow. */
  private static boolean singleLine(Problems problems, String key, String value, boolean required) {
    return text(problems, key, label(key), value, required, MAX_SINGLE_LINE, false, MISSING.get(key));
  }

  private static boolean multiLine(Problems problems, String key, String value, boolean required) {
    return text(problems, key, label(key), value, required, MAX_MULTI_LINE, true, MISSING.get(key));
  }

  private static boolean rowSingleLine(Problems problems, String listKey, int row, String childKey, String value,
      boolean required) {
    return text(problems, rowField(listKey, row, childKey), rowLabel(listKey, row, childKey), value, required,
        MAX_SINGLE_LINE, false, MISSING.get(childKey));
  }

  private static boolean rowMultiLine(Problems problems, String listKey, int row, String childKey, String value) {
    return text(problems, rowField(listKey, row, childKey), rowLabel(listKey, row, childKey), value, true,
        MAX_MULTI_LINE, true, MISSING.get(childKey));
  }

  private static boolean text(Problems problems, String field, String label, String value, boolean required,
      int maxLength, boolean multiLine, String missing) {
    if (problems.unreadable(field)) {
      return false;
    }
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add(field, label, missing != null ? missing : "Le champ « " + label + " » n’est pas rempli : remplissez-le.");
      }
      return false;
    }
    if (INVISIBLE.matcher(value).find()) {
      problems.add(field, label, "Le champ « " + label + " » contient des caractères invisibles (espaces de largeur nulle,"
          + " inversions du sens d’écriture...) : saisissez-le de nouveau sans eux.");
      return false;
    }
    if (!multiLine && CONTROL.matcher(value).find()) {
      problems.add(field, label, "Le champ « " + label + " » doit tenir sur une ligne : retirez les retours à la ligne et autres "
          + "caractères de contrôle.");
      return false;
    }
    if (multiLine && CONTROL_EXCEPT_LINE_BREAKS.matcher(value).find()) {
      problems.add(field, label, "Le champ « " + label + " » contient des caractères de contrôle : retirez-les (les retours à la"
          + " ligne sont permis).");
      return false;
    }
    if (value.length() > maxLength) {
      problems.add(field, label, "Le champ « " + label + " » est trop long (" + value.length() + " caractères) : raccourcissez-le "
          + "à " + maxLength + " caractères au plus.");
      return false;
    }
    return true;
  }

  /**
   * A value the vendor sent, safe to quote in a one-line, plain-text message: control characters and
   * characters that could be read as markup become '?', and long values are cut.
   */
  static String shown(String value) {
    String safe = value.replaceAll("[\\p{Cntrl}\\u2028\\u2029<>\"&`]", "?");
    return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
  }

  /** The problems found so far; values that could not be read are reported once, first. */
  private static final class Problems {

    private final Map<String, String> unreadable;
    private final List<FieldProblem> list = new ArrayList<>();

    Problems(Map<String, String> unreadable) {
      this.unreadable = unreadable;
      unreadable.forEach((key, explanation) ->
          list.add(new FieldProblem(key, label(key), "Le champ « " + label(key) + " » n’a pas pu être lu : " + explanation)));
    }

    boolean unreadable(String key) {
      return unreadable.containsKey(key);
    }

    void add(String key, String message) {
      list.add(new FieldProblem(key, label(key), message));
    }

    void add(String field, String label, String message) {
      list.add(new FieldProblem(field, label, message));
    }

    List<FieldProblem> list() {
      return List.copyOf(list);
    }
  }
}
