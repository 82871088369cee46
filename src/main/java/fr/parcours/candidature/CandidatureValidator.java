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

  /** The fields whose missing value has a sentence of its own ({@code missing.<field>} in the words). */
  private static final java.util.Set<String> MISSING = java.util.Set.of(DEVICE_CLASS, COMPANY_NAME, LEGAL_FORM,
      HEAD_OFFICE, SIREN, REPRESENTATIVE_NAME, REPRESENTATIVE_ROLE, APPLICANT_KIND, LEGAL_REP_NAME, LEGAL_REP_EMAIL,
      LEGAL_REP_PHONE, CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, SOFTWARE_NAME, SOFTWARE_VERSION,
      PLANNED_EVIDENCE_DATE, SOFTWARE_PROFILES, MEMBER_NAME, MEMBER_HEAD_OFFICE, MEMBER_SIREN, MEMBER_REPRESENTATIVE,
      COMPONENT_NAME, COMPONENT_VERSION);

  private static CandidatureWords missing(String key) {
    return MISSING.contains(key) ? CandidatureWords.of("missing." + key) : null;
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
      problems.add(CE_MARKED, CandidatureWords.of("ceNotMarked"));
    }
    choice(problems, DEVICE_CLASS, c.deviceClass(), true, DEVICE_CLASSES);
    choice(problems, CORRESPONDENCE_LANGUAGE, c.correspondenceLanguage(), false, CORRESPONDENCE_LANGUAGES);

    singleLine(problems, COMPANY_NAME, c.companyName(), true);
    singleLine(problems, LEGAL_FORM, c.legalForm(), true);
    multiLine(problems, HEAD_OFFICE, c.headOffice(), true);
    if (singleLine(problems, SIREN, c.siren(), true)) {
      siren(problems, SIREN, label(SIREN), c.siren(), "siren.fix.company");
    }
    singleLine(problems, NIE, c.nie(), false);
    choice(problems, REPRESENTATIVE_CIVILITY, c.representativeCivility(), false, CIVILITIES);
    singleLine(problems, REPRESENTATIVE_NAME, c.representativeName(), true);
    singleLine(problems, REPRESENTATIVE_ROLE, c.representativeRole(), true);
    choice(problems, APPLICANT_KIND, c.applicantKind(), true, APPLICANT_KINDS);
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
      problems.add(PLANNED_EVIDENCE_DATE, missing(PLANNED_EVIDENCE_DATE));
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
      problems.add(GROUP_MEMBERS, CandidatureWords.of("groupMembers.none"));
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
          && siren(problems, field, label, m.memberSiren(), "siren.fix.member")) {
        String memberSiren = Siren.normaliseSiren(m.memberSiren());
        Integer earlierRow = rowBySiren.putIfAbsent(memberSiren, row);
        if (memberSiren.equals(leadSiren)) {
          problems.add(field, label, CandidatureWords.of("groupMembers.leadSiren", row));
        } else if (earlierRow != null) {
          problems.add(field, label, CandidatureWords.of("groupMembers.repeatedSiren", row, earlierRow));
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
      problems.add(SOFTWARE_PROFILES, missing(SOFTWARE_PROFILES));
      return;
    }
    for (String profile : c.softwareProfiles()) {
      if (!SOFTWARE_PROFILE_VALUES.contains(profile)) {
        problems.add(SOFTWARE_PROFILES, CandidatureWords.of("profile.unknown", shown(profile),
            String.join(", ", SOFTWARE_PROFILE_VALUES)));
      }
    }
    if (c.softwareProfiles().contains(PROFILE_RI)) {
      if (c.nie() == null) {
        problems.add(NIE, CandidatureWords.of("profile.riNeedsNie"));
      }
      if (c.nil() == null) {
        problems.add(NIL, CandidatureWords.of("profile.riNeedsNil"));
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
      problems.add(listKey, CandidatureWords.of("tooManyRows", label(listKey), rows, MAX_ROWS));
      return true;
    }
    return false;
  }

  private static void document(Problems problems, String key, boolean provided, boolean required) {
    if (required && !provided && !problems.unreadable(key)) {
      problems.add(key, CandidatureWords.of("document.missing", label(key)));
    }
  }

  /** A valid SIREN, or a problem on the field. Returns whether it is valid. */
  private static boolean siren(Problems problems, String field, String label, String value, String fixKey) {
    String normalised = Siren.normaliseSiren(value);
    CandidatureWords fix = CandidatureWords.of(fixKey);
    if (!normalised.matches("[0-9]*")) {
      problems.add(field, label, CandidatureWords.of("siren.notDigits", shown(value), fix));
      return false;
    }
    if (normalised.length() != 9) {
      problems.add(field, label, CandidatureWords.of("siren.length", shown(value), normalised.length(), fix));
      return false;
    }
    if (!Siren.isValid(normalised)) {
      problems.add(field, label, CandidatureWords.of("siren.key", normalised, fix));
      return false;
    }
    return true;
  }

  private static void email(Problems problems, String key, String value) {
    if (text(problems, key, label(key), value, true, MAX_EMAIL, false, missing(key))
        && !isEmail(value)) {
      problems.add(key, CandidatureWords.of("email.invalid", shown(value)));
    }
  }

  static boolean isEmail(String value) {
    int at = value.lastIndexOf('@');
    return value.length() <= MAX_EMAIL && at > 0 && at <= 64 && EMAIL.matcher(value).matches();
  }

  private static void phone(Problems problems, String key, String value) {
    if (singleLine(problems, key, value, true) && !isPhone(value)) {
      problems.add(key, CandidatureWords.of("phone.invalid", shown(value)));
    }
  }

  static boolean isPhone(String value) {
    return PHONE_CHARACTERS.matcher(value).matches()
        && PHONE_DIGITS.matcher(PHONE_SEPARATORS.matcher(value).replaceAll("")).matches();
  }

  private static void choice(Problems problems, String key, String value, boolean required, List<String> allowed) {
    if (singleLine(problems, key, value, required) && value != null && !allowed.contains(value)) {
      problems.add(key, CandidatureWords.of("unknownValue", shown(value), label(key),
          CandidatureWords.of("choice." + key)));
    }
  }

  /** Checks a single-line text; returns whether it is present and clean, so that format checks may follow. */
  private static boolean singleLine(Problems problems, String key, String value, boolean required) {
    return text(problems, key, label(key), value, required, MAX_SINGLE_LINE, false, missing(key));
  }

  private static boolean multiLine(Problems problems, String key, String value, boolean required) {
    return text(problems, key, label(key), value, required, MAX_MULTI_LINE, true, missing(key));
  }

  private static boolean rowSingleLine(Problems problems, String listKey, int row, String childKey, String value,
      boolean required) {
    return text(problems, rowField(listKey, row, childKey), rowLabel(listKey, row, childKey), value, required,
        MAX_SINGLE_LINE, false, missing(childKey));
  }

  private static boolean rowMultiLine(Problems problems, String listKey, int row, String childKey, String value) {
    return text(problems, rowField(listKey, row, childKey), rowLabel(listKey, row, childKey), value, true,
        MAX_MULTI_LINE, true, missing(childKey));
  }

  private static boolean text(Problems problems, String field, String label, String value, boolean required,
      int maxLength, boolean multiLine, CandidatureWords missing) {
    if (problems.unreadable(field)) {
      return false;
    }
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add(field, label, missing != null ? missing : CandidatureWords.of("notFilled", label));
      }
      return false;
    }
    if (INVISIBLE.matcher(value).find()) {
      problems.add(field, label, CandidatureWords.of("text.invisible", label));
      return false;
    }
    if (!multiLine && CONTROL.matcher(value).find()) {
      problems.add(field, label, CandidatureWords.of("text.oneLine", label));
      return false;
    }
    if (multiLine && CONTROL_EXCEPT_LINE_BREAKS.matcher(value).find()) {
      problems.add(field, label, CandidatureWords.of("text.control", label));
      return false;
    }
    if (value.length() > maxLength) {
      problems.add(field, label, CandidatureWords.of("text.tooLong", label, value.length(), maxLength));
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

    private final Map<String, CandidatureWords> unreadable;
    private final List<FieldProblem> list = new ArrayList<>();

    Problems(Map<String, CandidatureWords> unreadable) {
      this.unreadable = unreadable;
      unreadable.forEach((key, explanation) ->
          list.add(new FieldProblem(key, label(key), CandidatureWords.of("unreadable", label(key), explanation))));
    }

    boolean unreadable(String key) {
      return unreadable.containsKey(key);
    }

    void add(String key, CandidatureWords message) {
      list.add(new FieldProblem(key, label(key), message));
    }

    void add(String field, String label, CandidatureWords message) {
      list.add(new FieldProblem(field, label, message));
    }

    List<FieldProblem> list() {
      return List.copyOf(list);
    }
  }
}
