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

  static final String CE_NOT_MARKED = "The device must be CE marked before its certification can start "
      + "(EU regulations 2017/745 and 2017/746). Obtain CE marking first, then start the application again.";

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

  /** "X is missing: how to fix it." for each required field. */
  private static final Map<String, String> MISSING = new HashMap<>();

  static {
    MISSING.put(DEVICE_CLASS, "The device class is missing: choose it as stated in the device's CE marking declaration.");
    MISSING.put(COMPANY_NAME, "The company name is missing: enter it as written on the company's Kbis extract.");
    MISSING.put(LEGAL_FORM, "The legal form is missing: enter it (SAS, SARL, ...) with the share capital if any.");
    MISSING.put(HEAD_OFFICE, "The head office is missing: enter the address of the company's registered office.");
    MISSING.put(SIREN, "The SIREN is missing: copy the 9 digits from the company's Kbis extract.");
    MISSING.put(REPRESENTATIVE_NAME, "The representative's name is missing: enter the first and last name of the "
        + "person who represents the company for this application.");
    MISSING.put(REPRESENTATIVE_ROLE, "The representative's role is missing: enter their position in the company "
        + "(for example Chief executive officer).");
    MISSING.put(APPLICANT_KIND, "The kind of applicant is missing: choose single device operator or lead of a "
        + "group of companies.");
    MISSING.put(LEGAL_REP_NAME, "The legal representative's name is missing: enter the first and last name of "
        + "the company's legal representative.");
    MISSING.put(LEGAL_REP_EMAIL, "The legal representative's email is missing: enter their email address.");
    MISSING.put(LEGAL_REP_PHONE, "The legal representative's phone is missing: enter their phone number.");
    MISSING.put(CONTACT_NAME, "The contact's name is missing: enter the person the ANS should write to about "
        + "this application.");
    MISSING.put(CONTACT_EMAIL, "The contact's email is missing: enter their email address.");
    MISSING.put(CONTACT_PHONE, "The contact's phone is missing: enter their phone number.");
    MISSING.put(SOFTWARE_NAME, "The software name is missing: enter the name of the device's main software component.");
    MISSING.put(SOFTWARE_VERSION, "The software version is missing: enter the version of the main software "
        + "component to be certified.");
    MISSING.put(PLANNED_EVIDENCE_DATE, "The planned date of the complete evidence deposit is missing: enter the "
        + "date on which you expect to have deposited all evidence (informative only).");
    MISSING.put(SOFTWARE_PROFILES, "No software profile is chosen: choose at least one; the choice is final and "
        + "decides which requirements apply.");
    MISSING.put(MEMBER_NAME, "The member's company name is missing: enter it as written on its Kbis extract.");
    MISSING.put(MEMBER_HEAD_OFFICE, "The member's head office is missing: enter the address of its registered office.");
    MISSING.put(MEMBER_SIREN, "The member's SIREN is missing: copy the 9 digits from the member company's Kbis extract.");
    MISSING.put(MEMBER_REPRESENTATIVE, "The member's representative is missing: enter the name and role of the "
        + "person who represents the member company.");
    MISSING.put(COMPONENT_NAME, "The component's name is missing: enter it, or remove the empty row.");
    MISSING.put(COMPONENT_VERSION, "The component's version is missing: enter the version to be certified.");
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
        "choose Class I, IIa, IIb or III (values I, IIA, IIB, III)");
    choice(problems, CORRESPONDENCE_LANGUAGE, c.correspondenceLanguage(), false, CORRESPONDENCE_LANGUAGES,
        "choose FR (Français) or EN (English)");

    singleLine(problems, COMPANY_NAME, c.companyName(), true);
    singleLine(problems, LEGAL_FORM, c.legalForm(), true);
    multiLine(problems, HEAD_OFFICE, c.headOffice(), true);
    if (singleLine(problems, SIREN, c.siren(), true)) {
      siren(problems, SIREN, label(SIREN), c.siren(), "the company's");
    }
    singleLine(problems, NIE, c.nie(), false);
    choice(problems, REPRESENTATIVE_CIVILITY, c.representativeCivility(), false, CIVILITIES, "choose MR or MS");
    singleLine(problems, REPRESENTATIVE_NAME, c.representativeName(), true);
    singleLine(problems, REPRESENTATIVE_ROLE, c.representativeRole(), true);
    choice(problems, APPLICANT_KIND, c.applicantKind(), true, APPLICANT_KINDS,
        "choose SINGLE_OPERATOR (single device operator) or GROUP_LEAD (lead of a group of companies)");
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
      problems.add(GROUP_MEMBERS, "A group lead must list each member of the group (company name, head office, "
          + "SIREN, NIE if any, representative): add one row per member company, or choose single device operator.");
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
          && siren(problems, field, label, m.memberSiren(), "the member company's")) {
        String memberSiren = Siren.normaliseSiren(m.memberSiren());
        Integer earlierRow = rowBySiren.putIfAbsent(memberSiren, row);
        if (memberSiren.equals(leadSiren)) {
          problems.add(field, label, "Group member " + row + "'s SIREN is the lead's own SIREN: list only the "
              + "other companies of the group here.");
        } else if (earlierRow != null) {
          problems.add(field, label, "Group member " + row + "'s SIREN repeats group member " + earlierRow
              + "'s: list each member company once.");
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
        problems.add(SOFTWARE_PROFILES, "Software profile '" + shown(profile) + "' is unknown: choose among "
            + String.join(", ", SOFTWARE_PROFILE_VALUES) + ".");
      }
    }
    if (c.softwareProfiles().contains(PROFILE_RI)) {
      String need = "Profile RI (identity referential) needs the NIE and the NIL issued by the CNDA through "
          + "homologation: enter the ";
      String orElse = ", or remove profile RI if the device does not use the identity referential.";
      if (c.nie() == null) {
        problems.add(NIE, need + "NIE (vendor identification number)" + orElse);
      }
      if (c.nil() == null) {
        problems.add(NIL, need + "NIL (software identification number)" + orElse);
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
      problems.add(listKey, label(listKey) + " has " + rows + " rows: at most " + MAX_ROWS
          + " are accepted; keep the rows that belong to this application.");
      return true;
    }
    return false;
  }

  private static void document(Problems problems, String key, boolean provided, boolean required) {
    if (required && !provided && !problems.unreadable(key)) {
      problems.add(key, label(key) + " has not been provided: provide it to the ANS, then tick its box in the "
          + "administrative dossier.");
    }
  }

  /** A valid SIREN, or a problem on the field. Returns whether it is valid. */
  private static boolean siren(Problems problems, String field, String label, String value, String whose) {
    String normalised = Siren.normaliseSiren(value);
    String fix = "copy the 9 digits from " + whose + " Kbis extract.";
    if (!normalised.matches("[0-9]*")) {
      problems.add(field, label, "SIREN must have exactly 9 digits: '" + shown(value)
          + "' has characters other than digits and spaces; " + fix);
      return false;
    }
    if (normalised.length() != 9) {
      problems.add(field, label, "SIREN must have exactly 9 digits: '" + shown(value) + "' has "
          + normalised.length() + "; " + fix);
      return false;
    }
    if (!Siren.isValid(normalised)) {
      problems.add(field, label, "SIREN '" + normalised + "' fails its checksum: " + fix);
      return false;
    }
    return true;
  }

  private static void email(Problems problems, String key, String value) {
    if (text(problems, key, label(key), value, true, MAX_EMAIL, false, MISSING.get(key))
        && !isEmail(value)) {
      problems.add(key, "'" + shown(value) + "' is not a valid email address: enter one address such as "
          + "jane.doe@company.fr, without spaces.");
    }
  }

  static boolean isEmail(String value) {
    int at = value.lastIndexOf('@');
    return value.length() <= MAX_EMAIL && at > 0 && at <= 64 && EMAIL.matcher(value).matches();
  }

  private static void phone(Problems problems, String key, String value) {
    if (singleLine(problems, key, value, true) && !isPhone(value)) {
      problems.add(key, "'" + shown(value) + "' is not a phone number: enter a French number of 10 digits "
          + "starting with 0 (01 23 45 67 89) or an international number starting with + (+33 1 23 45 67 89).");
    }
  }

  static boolean isPhone(String value) {
    return PHONE_CHARACTERS.matcher(value).matches()
        && PHONE_DIGITS.matcher(PHONE_SEPARATORS.matcher(value).replaceAll("")).matches();
  }

  private static void choice(Problems problems, String key, String value, boolean required, List<String> allowed,
      String fix) {
    if (singleLine(problems, key, value, required) && value != null && !allowed.contains(value)) {
      problems.add(key, label(key) + " '" + shown(value) + "' is unknown: " + fix + ".");
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
        problems.add(field, label, missing != null ? missing : label + " is missing: fill it in.");
      }
      return false;
    }
    if (INVISIBLE.matcher(value).find()) {
      problems.add(field, label, label + " contains invisible characters (such as zero-width spaces or"
          + " right-to-left overrides): type it again without them.");
      return false;
    }
    if (!multiLine && CONTROL.matcher(value).find()) {
      problems.add(field, label, label + " must be on one line: remove the line breaks and other control "
          + "characters.");
      return false;
    }
    if (multiLine && CONTROL_EXCEPT_LINE_BREAKS.matcher(value).find()) {
      problems.add(field, label, label + " contains control characters: remove them (line breaks are allowed).");
      return false;
    }
    if (value.length() > maxLength) {
      problems.add(field, label, label + " is too long (" + value.length() + " characters): shorten it to at most "
          + maxLength + " characters.");
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
          list.add(new FieldProblem(key, label(key), label(key) + " could not be read: " + explanation)));
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
