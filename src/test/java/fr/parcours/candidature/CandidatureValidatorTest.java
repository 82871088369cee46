package fr.parcours.candidature;

import static fr.parcours.candidature.CandidatureFixtures.member;
import static fr.parcours.candidature.CandidatureFixtures.validGroupLeadVariables;
import static fr.parcours.candidature.CandidatureFixtures.validVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandidatureValidatorTest {

  private static final String KBIS = "copy the 9 digits from the company's Kbis extract.";

  private final CandidatureValidator validator = new CandidatureValidator();

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> v = validVariables();
    v.put(key, value);
    return v;
  }

  private List<FieldProblem> atStart(Map<String, Object> variables) {
    return validator.problemsAtStart(Candidature.from(variables));
  }

  private List<FieldProblem> atSubmission(Map<String, Object> variables) {
    return validator.problemsAtSubmission(Candidature.from(variables));
  }

  @Test
  void shouldAcceptValidCandidature() {
    assertThat(atStart(validVariables())).isEmpty();
    assertThat(atSubmission(validVariables())).isEmpty();
  }

  /** Bad inputs from the attack: text sent as bytes or JSON, invisible text, a list of 200,000 choices. */
  @Test
  void shouldRefuseTextSentAsAnotherType() {
    assertThat(atStart(with("companyName", "MediSoft SAS".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .containsExactly(new FieldProblem("companyName", "Company name", "Company name could not be read: it is not"
            + " text (it was sent as another type): type it in the form's field."));
    assertThat(atStart(with("contactEmail", org.camunda.spin.Spin.JSON("{\"to\": \"x@evil.example\"}"))))
        .extracting(FieldProblem::field).containsExactly("contactEmail");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200B\u200B\u200B", "MediSoft\u202E SAS", "\uFEFFMediSoft SAS", "Medi\u200DSoft"})
  void shouldRefuseInvisibleCharacters(String name) {
    assertThat(atStart(with("companyName", name))).containsExactly(new FieldProblem("companyName", "Company name",
        "Company name contains invisible characters (such as zero-width spaces or right-to-left overrides): type"
            + " it again without them."));
  }

  @Test
  void shouldRefuseAChoiceListOfTwoHundredThousandValues() {
    String huge = "[" + String.join(",", java.util.Collections.nCopies(200_000, "\"SOCLE\"")) + "]";
    assertThat(atStart(with("softwareProfiles", huge))).extracting(FieldProblem::message)
        .containsExactly("Software profiles could not be read: it holds 200000 values, and the form offers a"
            + " handful: choose them in the form.");
  }

  @Test
  void shouldAcceptValidGroupLeadCandidature() {
    assertThat(atSubmission(validGroupLeadVariables())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"552100554", "732829320", "356000000", "443061841", "443 061 841", "552\u00A0100\u00A0554"})
  void shouldAcceptRealSirens(String siren) {
    assertThat(atStart(with("siren", siren))).isEmpty();
  }

  @Test
  void shouldRefuseSirenWithBadChecksum() {
    assertThat(atStart(with("siren", "123456789")))
        .containsExactly(new FieldProblem("siren", "SIREN", "SIREN '123456789' fails its checksum: " + KBIS));
  }

  @Test
  void shouldRefuseSirenWithLetters() {
    assertThat(atStart(with("siren", "55210O554")))
        .containsExactly(new FieldProblem("siren", "SIREN", "SIREN must have exactly 9 digits: '55210O554' has "
            + "characters other than digits and spaces; " + KBIS));
  }

  @ParameterizedTest
  @MethodSource
  void shouldRefuseSirenWithWrongNumberOfDigits(String siren, int digits) {
    assertThat(atStart(with("siren", siren)))
        .containsExactly(new FieldProblem("siren", "SIREN", "SIREN must have exactly 9 digits: '" + siren + "' has "
            + digits + "; " + KBIS));
  }

  static Stream<Arguments> shouldRefuseSirenWithWrongNumberOfDigits() {
    return Stream.of(Arguments.of("55210055", 8), Arguments.of("12345", 5), Arguments.of("5521005540", 10),
        Arguments.of("552 100 55", 8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"claire.martintelesuivi.fr", "claire martin@telesuivi.fr", "claire@telesuivi",
      "@telesuivi.fr", "claire@@telesuivi.fr", "claire..martin@telesuivi.fr", "claire@telesuivi.fr, paul@x.fr"})
  void shouldRefuseMalformedEmail(String email) {
    assertThat(atStart(with("contactEmail", email)))
        .extracting(FieldProblem::field, FieldProblem::label, FieldProblem::message)
        .containsExactly(tuple("contactEmail", "Contact's email", "'" + email + "' is not a valid email address: "
            + "enter one address such as jane.doe@company.fr, without spaces."));
  }

  @Test
  void shouldRefuseEmailWithHeaderInjection() {
    assertThat(atStart(with("legalRepEmail", "a@b.fr\r\nBcc: x@y.fr")))
        .containsExactly(new FieldProblem("legalRepEmail", "Legal representative's email",
            "Legal representative's email must be on one line: remove the line breaks and other control characters."));
  }

  @Test
  void shouldRefuseTooLongEmail() {
    String email = "a".repeat(60) + "@" + ("b".repeat(60) + ".").repeat(4) + "fr";
    assertThat(atStart(with("contactEmail", email)))
        .extracting(FieldProblem::message)
        .containsExactly("Contact's email is too long (" + email.length() + " characters): shorten it to at most "
            + "254 characters.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01 23 45 67 89", "0123456789", "01.23.45.67.89", "01-23-45-67-89", "+33 1 23 45 67 89",
      "+33 (0)6 12 34 56 78", "+49 30 1234567"})
  void shouldAcceptPhones(String phone) {
    assertThat(atStart(with("contactPhone", phone))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"01 23 45 67", "1234567890", "01 23 45 67 89 0", "+33 1 23", "06 12 34 56 78 ext 2",
      "0033 1 23 45 67 89x", "+33 1 23 45 67 89 +1", "tel: 0123456789", "01/23/45/67/89"})
  void shouldRefuseMalformedPhone(String phone) {
    assertThat(atStart(with("legalRepPhone", phone)))
        .containsExactly(new FieldProblem("legalRepPhone", "Legal representative's phone", "'" + phone + "' is not "
            + "a phone number: enter a French number of 10 digits starting with 0 (01 23 45 67 89) or an "
            + "international number starting with + (+33 1 23 45 67 89)."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"companyName", "representativeName", "contactName", "softwareName", "softwareVersion",
      "nie", "nil", "basicUdiDi", "legalForm", "representativeRole", "legalRepName"})
  void shouldRefuseLineBreaksInSingleLineFields(String key) {
    assertThat(atStart(with(key, "Acme\nBcc: x@y.fr")))
        .extracting(FieldProblem::field, FieldProblem::message)
        .containsExactly(tuple(key, CandidatureFields.label(key) + " must be on one line: remove the line breaks "
            + "and other control characters."));
  }

  @Test
  void shouldAcceptLineBreaksInTextareas() {
    assertThat(atStart(with("headOffice", "12 rue des Lilas\r\n75015 Paris"))).isEmpty();
  }

  @Test
  void shouldRefuseControlCharactersInTextareas() {
    assertThat(atStart(with("connectedObjects", "Tensiomètre\u0000")))
        .containsExactly(new FieldProblem("connectedObjects", "Connected objects",
            "Connected objects contains control characters: remove them (line breaks are allowed)."));
  }

  @Test
  void shouldRefuseTooLongTexts() {
    assertThat(atStart(with("companyName", "x".repeat(201))))
        .containsExactly(new FieldProblem("companyName", "Company name",
            "Company name is too long (201 characters): shorten it to at most 200 characters."));
    assertThat(atStart(with("headOffice", "x".repeat(4000)))).isEmpty();
    assertThat(atStart(with("headOffice", "x".repeat(4001))))
        .extracting(FieldProblem::message)
        .containsExactly("Head office is too long (4001 characters): shorten it to at most 4000 characters.");
  }

  @ParameterizedTest
  @MethodSource
  void shouldRefuseMissingRequiredField(String key, String message) {
    Map<String, Object> variables = validVariables();
    variables.remove(key);
    assertThat(atStart(variables))
        .containsExactly(new FieldProblem(key, CandidatureFields.label(key), message));
    assertThat(atStart(with(key, "  "))).extracting(FieldProblem::field).containsExactly(key);
  }

  static Stream<Arguments> shouldRefuseMissingRequiredField() {
    return Stream.of(
        Arguments.of("companyName", "The company name is missing: enter it as written on the company's Kbis extract."),
        Arguments.of("legalForm", "The legal form is missing: enter it (SAS, SARL, ...) with the share capital if any."),
        Arguments.of("headOffice", "The head office is missing: enter the address of the company's registered office."),
        Arguments.of("siren", "The SIREN is missing: copy the 9 digits from the company's Kbis extract."),
        Arguments.of("representativeName", "The representative's name is missing: enter the first and last name of "
            + "the person who represents the company for this application."),
        Arguments.of("representativeRole", "The representative's role is missing: enter their position in the "
            + "company (for example Chief executive officer)."),
        Arguments.of("applicantKind", "The kind of applicant is missing: choose single device operator or lead of "
            + "a group of companies."),
        Arguments.of("legalRepName", "The legal representative's name is missing: enter the first and last name "
            + "of the company's legal representative."),
        Arguments.of("legalRepEmail", "The legal representative's email is missing: enter their email address."),
        Arguments.of("legalRepPhone", "The legal representative's phone is missing: enter their phone number."),
        Arguments.of("contactName", "The contact's name is missing: enter the person the ANS should write to "
            + "about this application."),
        Arguments.of("contactEmail", "The contact's email is missing: enter their email address."),
        Arguments.of("contactPhone", "The contact's phone is missing: enter their phone number."),
        Arguments.of("softwareName", "The software name is missing: enter the name of the device's main software "
            + "component."),
        Arguments.of("softwareVersion", "The software version is missing: enter the version of the main software "
            + "component to be certified."),
        Arguments.of("plannedEvidenceDate", "The planned date of the complete evidence deposit is missing: enter "
            + "the date on which you expect to have deposited all evidence (informative only)."),
        Arguments.of("softwareProfiles", "No software profile is chosen: choose at least one; the choice is final "
            + "and decides which requirements apply."),
        Arguments.of("deviceClass", "The device class is missing: choose it as stated in the device's CE marking "
            + "declaration."));
  }

  @Test
  void shouldAcceptMissingOptionalFields() {
    Map<String, Object> variables = validVariables();
    List.of("nie", "nil", "basicUdiDi", "connectedObjects", "representativeCivility", "correspondenceLanguage",
        "additionalComponents", "groupMembers", "hasConvergenceAccount", "plannedDatePublishable", "handlesIns")
        .forEach(variables::remove);
    assertThat(atStart(variables)).isEmpty();
  }

  @Test
  void shouldRefuseEmptyProfileList() {
    assertThat(atStart(with("softwareProfiles", "[]"))).extracting(FieldProblem::field)
        .containsExactly("softwareProfiles");
  }

  @ParameterizedTest
  @ValueSource(booleans = false)
  void shouldRefuseDeviceWithoutCeMarking(boolean ceMarked) {
    String message = "The device must be CE marked before its certification can start (EU regulations 2017/745 "
        + "and 2017/746). Obtain CE marking first, then start the application again.";
    assertThat(atStart(with("ceMarked", ceMarked)))
        .containsExactly(new FieldProblem("ceMarked", "CE marking", message));
    assertThat(atStart(with("ceMarked", "false"))).extracting(FieldProblem::message).containsExactly(message);
    assertThat(atStart(with("ceMarked", null))).extracting(FieldProblem::message).containsExactly(message);
  }

  @Test
  void shouldAcceptCeMarkingAsString() {
    assertThat(atStart(with("ceMarked", "true"))).isEmpty();
  }

  @Test
  void shouldRefuseUnreadableBoolean() {
    assertThat(atStart(with("ceMarked", "maybe")))
        .containsExactly(new FieldProblem("ceMarked", "CE marking",
            "CE marking could not be read: expected true or false, got 'maybe': tick or untick the box in the form."));
  }

  @Test
  void shouldRefuseGroupLeadWithoutMembers() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.remove("groupMembers");
    assertThat(atStart(variables))
        .containsExactly(new FieldProblem("groupMembers", "Group members", "A group lead must list each member of "
            + "the group (company name, head office, SIREN, NIE if any, representative): add one row per member "
            + "company, or choose single device operator."));
    variables.put("groupMembers", "[]");
    assertThat(atStart(variables)).extracting(FieldProblem::field).containsExactly("groupMembers");
  }

  @Test
  void shouldRefuseMemberWithBadSiren() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.put("groupMembers", List.of(member("Hôpital Numérique SA", "732829320"),
        member("Capteurs de France", "443061842")));
    assertThat(atStart(variables))
        .containsExactly(new FieldProblem("groupMembers[2].memberSiren", "Group member 2: SIREN",
            "SIREN '443061842' fails its checksum: copy the 9 digits from the member company's Kbis extract."));
  }

  @Test
  void shouldRefuseMemberWithTheLeadsSiren() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.put("groupMembers", List.of(member("Télésuivi Santé", "552100554")));
    assertThat(atStart(variables))
        .containsExactly(new FieldProblem("groupMembers[1].memberSiren", "Group member 1: SIREN",
            "Group member 1's SIREN is the lead's own SIREN: list only the other companies of the group here."));
  }

  @Test
  void shouldRefuseSameMemberTwice() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.put("groupMembers", List.of(member("A", "732829320"), member("B", "443061841"),
        member("A again", "732 829 320")));
    assertThat(atStart(variables))
        .containsExactly(new FieldProblem("groupMembers[3].memberSiren", "Group member 3: SIREN",
            "Group member 3's SIREN repeats group member 1's: list each member company once."));
  }

  @Test
  void shouldRefuseIncompleteMember() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.put("groupMembers", List.of(Map.of("memberNie", "X\nY")));
    assertThat(atStart(variables))
        .extracting(FieldProblem::field, FieldProblem::label)
        .containsExactly(
            tuple("groupMembers[1].memberName", "Group member 1: company name"),
            tuple("groupMembers[1].memberHeadOffice", "Group member 1: head office"),
            tuple("groupMembers[1].memberSiren", "Group member 1: SIREN"),
            tuple("groupMembers[1].memberNie", "Group member 1: NIE"),
            tuple("groupMembers[1].memberRepresentative", "Group member 1: representative"));
  }

  @Test
  void shouldIgnoreMembersOfSingleOperator() {
    assertThat(atStart(with("groupMembers", List.of(Map.of("memberName", "left over"))))).isEmpty();
  }

  @Test
  void shouldRefuseProfileRiWithoutNie() {
    Map<String, Object> variables = with("softwareProfiles", List.of("SOCLE", "RI"));
    variables.put("nil", "NIL-7");
    variables.remove("nie");
    assertThat(atStart(variables))
        .containsExactly(new FieldProblem("nie", "NIE", "Profile RI (identity referential) needs the NIE and the "
            + "NIL issued by the CNDA through homologation: enter the NIE (vendor identification number), or remove "
            + "profile RI if the device does not use the identity referential."));
  }

  @Test
  void shouldRefuseProfileRiWithoutNil() {
    assertThat(atStart(with("softwareProfiles", List.of("SOCLE", "RI"))))
        .containsExactly(new FieldProblem("nil", "NIL", "Profile RI (identity referential) needs the NIE and the "
            + "NIL issued by the CNDA through homologation: enter the NIL (software identification number), or "
            + "remove profile RI if the device does not use the identity referential."));
  }

  @Test
  void shouldAcceptProfileRiWithNieAndNil() {
    Map<String, Object> variables = with("softwareProfiles", List.of("SOCLE", "RI"));
    variables.put("nil", "NIL-7");
    assertThat(atStart(variables)).isEmpty();
  }

  @Test
  void shouldRefuseUnknownProfile() {
    assertThat(atStart(with("softwareProfiles", List.of("SOCLE", "TELEPORT"))))
        .containsExactly(new FieldProblem("softwareProfiles", "Software profiles",
            "Software profile 'TELEPORT' is unknown: choose among SOCLE, RI, MSS, DMP."));
  }

  @ParameterizedTest
  @MethodSource
  void shouldRefuseUnknownChoice(String key, String value, String message) {
    assertThat(atStart(with(key, value)))
        .containsExactly(new FieldProblem(key, CandidatureFields.label(key), message));
  }

  static Stream<Arguments> shouldRefuseUnknownChoice() {
    return Stream.of(
        Arguments.of("deviceClass", "IV", "Device class 'IV' is unknown: choose Class I, IIa, IIb or III "
            + "(values I, IIA, IIB, III)."),
        Arguments.of("correspondenceLanguage", "DE", "Correspondence language 'DE' is unknown: choose FR "
            + "(Français) or EN (English)."),
        Arguments.of("representativeCivility", "DR", "Representative's civility 'DR' is unknown: choose MR or MS."),
        Arguments.of("applicantKind", "CONSORTIUM", "Applicant 'CONSORTIUM' is unknown: choose SINGLE_OPERATOR "
            + "(single device operator) or GROUP_LEAD (lead of a group of companies)."));
  }

  @Test
  void shouldRefuseIncompleteAdditionalComponent() {
    assertThat(atStart(with("additionalComponents", "[{\"componentName\": \"Portail\"}, {}]")))
        .containsExactly(
            new FieldProblem("additionalComponents[1].componentVersion", "Additional component 1: version",
                "The component's version is missing: enter the version to be certified."),
            new FieldProblem("additionalComponents[2].componentName", "Additional component 2: name",
                "The component's name is missing: enter it, or remove the empty row."),
            new FieldProblem("additionalComponents[2].componentVersion", "Additional component 2: version",
                "The component's version is missing: enter the version to be certified."));
  }

  @Test
  void shouldRefuseUnreadableDate() {
    assertThat(atStart(with("plannedEvidenceDate", "31/03/2026")))
        .containsExactly(new FieldProblem("plannedEvidenceDate", "Planned date of the complete evidence deposit",
            "Planned date of the complete evidence deposit could not be read: '31/03/2026' is not a date: pick "
                + "the date in the form's calendar (yyyy-mm-dd)."));
  }

  @Test
  void shouldRefuseMissingDocumentsAtSubmissionOnly() {
    Map<String, Object> variables = validGroupLeadVariables();
    List.of("docFunctional", "docPersonalData", "docHealthDataHosting", "docCeDeclaration", "docNotifiedBody",
        "docMandates").forEach(key -> variables.put(key, false));
    assertThat(atStart(variables)).isEmpty();
    assertThat(atSubmission(variables))
        .extracting(FieldProblem::field, FieldProblem::label)
        .containsExactly(
            tuple("docFunctional", "Functional documentation"),
            tuple("docPersonalData", "Personal-data protection declaration"),
            tuple("docHealthDataHosting", "Health-data hosting declaration or HDS certificate"),
            tuple("docCeDeclaration", "CE marking declaration"),
            tuple("docNotifiedBody", "Notified-body certificate"),
            tuple("docMandates", "Mandates of the group members"));
    assertThat(atSubmission(variables).get(0).message()).isEqualTo("Functional documentation has not been "
        + "provided: provide it to the ANS, then tick its box in the administrative dossier.");
  }

  @Test
  void shouldNotRequireNotifiedBodyCertificateForClassI() {
    Map<String, Object> variables = with("deviceClass", "I");
    variables.put("docNotifiedBody", false);
    assertThat(atSubmission(variables)).isEmpty();
    variables.put("deviceClass", "IIB");
    assertThat(atSubmission(variables)).extracting(FieldProblem::field).containsExactly("docNotifiedBody");
  }

  @Test
  void shouldNotRequireMandatesFromSingleOperator() {
    assertThat(atSubmission(with("docMandates", false))).isEmpty();
  }

  @Test
  void shouldIncludeStartProblemsAtSubmission() {
    assertThat(atSubmission(with("siren", "123456789"))).extracting(FieldProblem::field).containsExactly("siren");
  }

  @Test
  void shouldThrowReadableExceptionWhenChecked() {
    Map<String, Object> variables = with("siren", "123456789");
    variables.put("contactEmail", "paul");
    assertThatThrownBy(() -> validator.checkAtStart(Candidature.from(variables)))
        .isInstanceOf(CandidatureRejectedException.class)
        .hasMessage("The candidature cannot be accepted: SIREN: SIREN '123456789' fails its checksum: copy the 9 "
            + "digits from the company's Kbis extract; Contact's email: 'paul' is not a valid email address: enter "
            + "one address such as jane.doe@company.fr, without spaces.")
        .satisfies(e -> assertThat(((CandidatureRejectedException) e).problems()).hasSize(2));
  }

  @Test
  void shouldNotQuoteMarkupOrControlCharactersBack() {
    Map<String, Object> variables = new HashMap<>(validVariables());
    variables.put("softwareProfiles", List.of("<b>X</b>"));
    assertThat(atStart(variables)).extracting(FieldProblem::message)
        .containsExactly("Software profile '?b?X?/b?' is unknown: choose among SOCLE, RI, MSS, DMP.");
  }
}
