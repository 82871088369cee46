package fr.parcours.genericline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.parcours.device.DeviceRecords;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * bpmn/pathways/generic-line.bpmn (seed 001) in the whole application, with the real tracks, task checks, clocks and
 * mails: the start form's generic lines checked against catalogue/generic-lines.json, and the ministers' 60 days
 * from the receipt of the Démarches Simplifiées filing, suspended while the vendor answers their request for
 * information (row MINISTERS_DECISION, GENERIC_LINE: PAUSES); the ETAPES vendor's provisional certificate, billing
 * code within 15 days and final certificate through the real ANS track, and its lapse with the engine clock moved.
 * Every path of the diagram is covered by the lean
 * {@link GenericLinePathwayTest} (100 %).
 */
class GenericLineProcessTest extends ProcessTestBase {

  static final String VENDOR = "alice";
  static final String MINISTRY = "marc";
  static final String ANS_REVIEWER = "ana";

  Map<String, Object> applicationForm(List<String> lines) {
    Map<String, Object> form = Candidatures.valid();
    form.put("genericLines", lines);
    form.put("fromEtapes", false);
    return form;
  }

  /** A dossier whose two certifications were issued, waiting for the ministry to record its DS filing. */
  ProcessInstance certified() {
    return certified("DIABETES");
  }

  /** The same, for these lines (ids separated by commas, as the start stores them). */
  ProcessInstance certified(String genericLines) {
    return certified(genericLines, "DMN-2026-00717");
  }

  /** The same, under its own number (a test that reads the dossier page, which finds a dossier by its number). */
  ProcessInstance certified(String genericLines, String dossierId) {
    Map<String, Object> variables = new HashMap<>(Candidatures.valid());
    variables.putAll(Map.of("dossierId", dossierId, "vendorGroup", "vendor-medisoft",
        "pathway", GenericLineProcess.PATHWAY, "genericLines", genericLines, "applicant", VENDOR,
        "certificateNumber", "CC-2026-17", "fromEtapes", false, "softwareVersion", "2.1"));
    ProcessInstance dossier = runtimeService.createProcessInstanceByKey(GenericLineProcess.KEY)
        .businessKey(dossierId).startBeforeActivity("Task_RecordDsFiling").setVariables(variables).execute();
    executeJobs(dossier);
    return dossier;
  }

  @org.springframework.beans.factory.annotation.Autowired DeviceRecords deviceRecords;

  /** The proofs of the diabetes line's minimum requirements (catalogue/generic-lines.json). */
  static final String[] DIABETES_PROOFS = {"DIA_1.1.1.png", "DIA_1.1.2.log", "DIA_2.1.1.pdf"};
  static final String HEART_FAILURE_PROOF = "ICA_1.1.1.png";

  /** The reviewer's checklist of lines, as Tasklist sends it: a JSON list. */
  static Object lines(String... ids) {
    return org.camunda.spin.plugin.variable.SpinValues.jsonValue(java.util.Arrays.stream(ids)
        .map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"))).create();
  }

  /**
   * A generic-line dossier started from its start form and walked through the real ANS track to the review of its
   * complete evidence (the referential's proofs and those given), as the vendor and the ANS reviewer do.
   */
  /** A dossier walked to a step: its pathway's instance, its ANS track's, its number. */
  record Walk(ProcessInstance dossier, ProcessInstance ans, String dossierId) {
  }

  Walk toEvidenceReview(List<String> claimed, String... lineProofs) {
    ProcessInstance dossier = startApplication(VENDOR, GenericLineProcess.KEY, applicationForm(claimed));
    ProcessInstance ans = instanceOf(dossier, "ans-certification");
    toEvidenceDeposit(ans);
    sendCompleteEvidence(VENDOR, ans, lineProofs);
    complete(VENDOR, ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    assertWaitingAt(ans, "Task_ReviewEvidence");
    return new Walk(dossier, ans, (String) dossierVariable(dossier, "dossierId"));
  }

  /** The ANS track from the administrative deposit to the evidence deposit, as the vendor and the ANS do. */
  void toEvidenceDeposit(ProcessInstance ans) {
    complete(VENDOR, ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete(ANS_REVIEWER, ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete(VENDOR, ans, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "A. Martin"));
  }

  DeviceRecords.Certificate certificateOrNull(String number) {
    return deviceRecords.all().stream().flatMap(d -> d.certificates().stream()).filter(c -> c.number().equals(number))
        .findFirst().orElse(null);
  }

  @Test
  void shouldIssueBothCertificationsThroughTheRealAnsTrackAndRefuseWhatTheLineStepCannotTake() throws Exception {
    Walk walk = toEvidenceReview(List.of("DIABETES"), DIABETES_PROOFS);
    ProcessInstance dossier = walk.dossier();
    ProcessInstance ans = walk.ans();
    String dossierId = walk.dossierId();

    // the ANS sees the line's requirements in the report, beside the referential's
    assertThat((String) runtimeService.getVariable(ans.getId(), "evidenceReport"))
        .contains("**DIA 1**").contains("(ligne générique « Télésurveillance du diabète »)")
        .contains("DIA 2.1.1 déposée dans l’envoi 1").contains("**SEC 1**");

    Date analysisDue = task(ans, "Task_ReviewEvidence").getDueDate();
    complete(ANS_REVIEWER, ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
    assertThat(task(ans, "Task_CertifyLineRequirements").getDueDate()).as("the analysis window's last day")
        .isEqualTo(analysisDue);
    assertThat(runtimeService.getVariable(ans.getId(), "lineOptions").toString())
        .isEqualTo("[{\"label\":\"Télésurveillance du diabète\",\"value\":\"DIABETES\"}]");

    // bad inputs, each refused with a sentence and nothing recorded: a line the dossier does not claim, a refusal
    // without reasons
    Throwable notClaimed = catchThrowable(() -> complete(ANS_REVIEWER, ans, "Task_CertifyLineRequirements",
        Map.of("certifiedGenericLines", lines("DIABETES", "HEART_FAILURE"))));
    assertThat(notClaimed).isInstanceOf(BadInputException.class).hasMessageContaining(
        "La ligne « Télésurveillance de l’insuffisance cardiaque » n’est pas demandée par ce dossier");
    Throwable noReasons = catchThrowable(() -> complete(ANS_REVIEWER, ans, "Task_CertifyLineRequirements",
        Map.of("certifiedGenericLines", lines())));
    assertThat(noReasons).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Écrivez les motifs du refus de la ligne « Télésurveillance du diabète »");
    assertThat(deviceRecords.refusalsOf(dossierId)).isEmpty();

    complete(ANS_REVIEWER, ans, "Task_CertifyLineRequirements", Map.of("certifiedGenericLines", lines("DIABETES")));

    // both certificates are in the device's records and mailed; the dossier goes on to Démarches Simplifiées
    DeviceRecords.Certificate line = certificate("CL-" + dossierId + "-DIABETES");
    assertThat(line.referential()).isEqualTo("Exigences minimales de la ligne générique « Télésurveillance du diabète »");
    assertThat(certificate("CC-" + dossierId).withdrawn()).isFalse();
    String lineMail = text(mails(dossierId + " : certification des lignes génériques").get(0));
    assertThat(lineMail).contains("Télésurveillance du diabète").contains("CL-" + dossierId + "-DIABETES")
        .contains("Démarches Simplifiées").doesNotContain("refusée");
    assertThat(mails(dossierId + " : certificat")).isNotEmpty();
    assertThat(dossierVariable(dossier, "lineCertificationOutcome")).isEqualTo("CERTIFIED");
    assertWaitingAt(dossier, "Task_RecordDsFiling");
  }

  @Test
  void shouldRefuseALineAloneWhileTheReferentialIsCertified() throws Exception {
    Walk walk = toEvidenceReview(List.of("DIABETES", "HEART_FAILURE"), "DIA_1.1.1.png",
        "DIA_1.1.2.log", "DIA_2.1.1.pdf", HEART_FAILURE_PROOF);
    ProcessInstance dossier = walk.dossier();
    ProcessInstance ans = walk.ans();
    String dossierId = walk.dossierId();

    // the reviewer finds the heart-failure proof invalid: the referential may still conform, the line may not
    as(ANS_REVIEWER, () -> evidenceDeposits.invalidate(ans.getId(), "ICA 1.1.1", "Aucune saisie du poids visible.",
        ANS_REVIEWER));
    complete(ANS_REVIEWER, ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
    Throwable invalidProof = catchThrowable(() -> complete(ANS_REVIEWER, ans, "Task_CertifyLineRequirements",
        Map.of("certifiedGenericLines", lines("DIABETES", "HEART_FAILURE"))));
    assertThat(invalidProof).isInstanceOf(BadInputException.class).hasMessageContaining(
        "La ligne « Télésurveillance de l’insuffisance cardiaque » ne peut pas être certifiée")
        .hasMessageContaining("ICA 1.1.1 (invalide : Aucune saisie du poids visible.)");

    complete(ANS_REVIEWER, ans, "Task_CertifyLineRequirements", Map.of("certifiedGenericLines", lines("DIABETES"),
        "lineRequirementsReasons", "ICA 1 : le poids n’est pas recueilli chaque jour."));

    // the diabetes line is certified, the heart-failure line refused with its reasons, the referential certified
    assertThat(certificate("CL-" + dossierId + "-DIABETES").withdrawn()).isFalse();
    assertThat(certificateOrNull("CL-" + dossierId + "-HEART_FAILURE")).isNull();
    assertThat(deviceRecords.refusalsOf(dossierId)).singleElement().satisfies(r -> {
      assertThat(r.referential()).contains("Télésurveillance de l’insuffisance cardiaque");
      assertThat(r.reasons()).isEqualTo("ICA 1 : le poids n’est pas recueilli chaque jour.");
    });
    assertThat(certificate("CC-" + dossierId).withdrawn()).isFalse();
    String refusal = text(mails(dossierId + " : exigences de ligne générique non respectées").get(0));
    assertThat(refusal).contains("Télésurveillance de l’insuffisance cardiaque")
        .contains("ICA 1 : le poids n’est pas recueilli chaque jour.")
        .contains("Elle certifie en revanche Télésurveillance du diabète")
        .contains("La conformité au référentiel d’interopérabilité et de sécurité est certifiée");
    assertThat(dossierVariable(dossier, GenericLineProcess.OUTCOME)).isEqualTo("LINE_REQUIREMENTS_NOT_MET");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(dossier.getId()).count()).isZero();
  }

  @Test
  void shouldCertifyTheLineAloneWhenTheReferentialIsRefused() throws Exception {
    Walk walk = toEvidenceReview(List.of("DIABETES"), DIABETES_PROOFS);
    ProcessInstance dossier = walk.dossier();
    ProcessInstance ans = walk.ans();
    String dossierId = walk.dossierId();

    complete(ANS_REVIEWER, ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "REFUSED",
        "evidenceComment", "SEC 1 : le chiffrement des données au repos n’est pas démontré."));
    complete(ANS_REVIEWER, ans, "Task_CertifyLineRequirements", Map.of("certifiedGenericLines", lines("DIABETES")));

    assertThat(certificate("CL-" + dossierId + "-DIABETES").withdrawn()).isFalse();
    assertThat(certificateOrNull("CC-" + dossierId)).isNull();
    String lineMail = text(mails(dossierId + " : certification des lignes génériques").get(0));
    assertThat(lineMail).contains("CL-" + dossierId + "-DIABETES")
        .contains("La certification au référentiel d’interopérabilité et de sécurité est en revanche refusée")
        .doesNotContain("vous pouvez déposer votre demande de code individuel");
    assertThat(dossierVariable(dossier, GenericLineProcess.OUTCOME)).isEqualTo("ANS_CERTIFICATION_NOT_OBTAINED");
    assertThat(dossierVariable(dossier, "lineCertificationOutcome")).isEqualTo("CERTIFIED");
    // the referential's refusal is in the device's records, the line's certificate beside it
    assertThat(deviceRecords.refusalsOf(dossierId)).singleElement().satisfies(r -> assertThat(r.reasons())
        .isEqualTo("SEC 1 : le chiffrement des données au repos n’est pas démontré."));
  }

  @Test
  void shouldRefuseAnArchiveWithAProofOfALineTheDossierDoesNotClaim() throws Exception {
    ProcessInstance dossier = startApplication(VENDOR, GenericLineProcess.KEY, applicationForm(List.of("DIABETES")));
    ProcessInstance ans = instanceOf(dossier, "ans-certification");
    toEvidenceDeposit(ans);

    Throwable otherLine = catchThrowable(() -> sendCompleteEvidence(VENDOR, ans, "DIA_1.1.1.png",
        HEART_FAILURE_PROOF));
    assertThat(otherLine).isInstanceOf(fr.parcours.evidence.EvidenceRejectedException.class)
        .hasMessageContaining("contient la preuve ICA 1.1.1 (ICA_1.1.1.png), une exigence de la ligne générique"
            + " « Télésurveillance de l’insuffisance cardiaque », que ce dossier ne demande pas (il demande :"
            + " Télésurveillance du diabète)");
    assertThat(evidenceDeposits.report(ans.getId()).sends()).as("nothing of the archive kept").isZero();
  }

  @Test
  void shouldRefuseToCertifyALineTheDevicesProfilesCannotClaim() throws Exception {
    // a vendor cannot pass lines to the track (its start form has no such field); a caller passes any it wants, and
    // the track itself checks the device's profiles (here RI only) as its caller would
    Map<String, Object> caller = new HashMap<>(Candidatures.valid());
    caller.put("softwareProfiles", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[\"MSS\"]").create());
    caller.put("genericLines", "DIABETES");
    caller.put("applicant", VENDOR);
    ProcessInstance ans = runtimeService.startProcessInstanceByKey("ans-certification", caller);
    executeJobs(ans);
    toEvidenceDeposit(ans);
    sendCompleteEvidence(VENDOR, ans, "SEC_2.1.1.pdf"); // the MSS profile's own requirement
    complete(VENDOR, ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    complete(ANS_REVIEWER, ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));

    Throwable profile = catchThrowable(() -> complete(ANS_REVIEWER, ans, "Task_CertifyLineRequirements",
        Map.of("certifiedGenericLines", lines("DIABETES"))));
    assertThat(profile).isInstanceOf(BadInputException.class).hasMessageContaining(
        "La ligne « Télésurveillance du diabète » est réservée aux dispositifs de profil Exigences de base (tout"
            + " dispositif) ; ce dispositif a le profil Messagerie sécurisée de santé (MSSanté)");
    assertThat(certificateOrNull("CL-" + dossierVariable(ans, "dossierId") + "-DIABETES")).isNull();
  }

  /** An ETAPES dossier whose evidence deposit is complete, waiting for the ANS to issue its provisional certificate. */
  ProcessInstance evidenceComplete(String dossierId) {
    Map<String, Object> variables = new HashMap<>(Candidatures.valid());
    variables.putAll(Map.of("dossierId", dossierId, "vendorGroup", "vendor-medisoft",
        "pathway", GenericLineProcess.PATHWAY, "genericLines", "DIABETES", "applicant", VENDOR,
        "fromEtapes", true, "softwareVersion", "3.0"));
    ProcessInstance dossier = runtimeService.createProcessInstanceByKey(GenericLineProcess.KEY).businessKey(dossierId)
        .startBeforeActivity("Task_IssueProvisionalCertificate").setVariables(variables).execute();
    executeJobs(dossier);
    return dossier;
  }

  DeviceRecords.Certificate certificate(String number) {
    return deviceRecords.all().stream().flatMap(d -> d.certificates().stream()).filter(c -> c.number().equals(number))
        .findFirst().orElseThrow(() -> new AssertionError("no certificate " + number + " in the device records"));
  }

  @Test
  void shouldTakeAnEtapesVendorToItsBillingCodeWithinFifteenDaysThenMakeItsProvisionalCertificateFinal()
      throws Exception {
    Map<String, Object> form = applicationForm(List.of("DIABETES"));
    form.put("fromEtapes", true);
    ProcessInstance dossier = startApplication(VENDOR, GenericLineProcess.KEY, form);
    String dossierId = (String) dossierVariable(dossier, "dossierId");

    // the ANS track, up to the complete evidence deposit
    ProcessInstance ans = instanceOf(dossier, "ans-certification");
    toEvidenceDeposit(ans);
    // a complete deposit covers the line's minimum requirements too: without their proofs it is not complete
    sendCompleteEvidence(VENDOR, ans);
    Throwable withoutTheLine = catchThrowable(() -> complete(VENDOR, ans, "Task_DepositEvidence",
        Map.of("allEvidenceDeposited", true)));
    assertThat(withoutTheLine).isInstanceOf(BadInputException.class).hasMessageContaining("DIA 1.1.1 (manquante)");
    sendCompleteEvidence(VENDOR, ans, DIABETES_PROOFS);
    complete(VENDOR, ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));

    // the evidence is complete: the ANS issues the provisional certificate while it examines the evidence
    assertWaitingAt(dossier, "Task_IssueProvisionalCertificate", "Task_ReviewEvidence");
    LocalDate lastDay = T0.atZone(PARIS).toLocalDate().plusDays(120);
    // the ANS round beside this step answers its own version (here set to 2027, as a case (c) round would be)
    ProcessInstance round = runtimeService.createProcessInstanceQuery().superProcessInstanceId(dossier.getId())
        .singleResult();
    assertThat(runtimeService.getVariable(round.getId(), "referentialVersion")).isEqualTo("2025");
    runtimeService.setVariable(round.getId(), "referentialVersion", "2027");
    complete(ANS_REVIEWER, dossier, "Task_IssueProvisionalCertificate", Map.of("provisionalCertificateNumber",
        "CP-" + dossierId, "window_GENERIC_PROVISIONAL_COMPLIANCE_lastDay", lastDay.toString()));
    assertThat(text(mails("certificat provisoire").get(0))).contains("CP-" + dossierId).contains("2 mars 2027");

    // the vendor requests its billing code at once; a request without its reference is refused, the task kept
    Throwable noReference = catchThrowable(() -> complete(VENDOR, dossier, "Task_RequestBillingCode", Map.of()));
    // the refusal names the field as the form shows it, not the variable (fifth walk)
    assertThat(noReference).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Le champ « Numéro de la demande sur Démarches Simplifiées » est vide")
        .hasMessageNotContaining("billingRequestReference");
    complete(VENDOR, dossier, "Task_RequestBillingCode", Map.of("billingRequestReference", "DS-7001"));

    // the CNAM has 15 days (GENERIC_BILLING_CODE) and allocates the code on day 9
    assertThat(task(dossier, "Task_AllocateBillingCode").getDueDate()).isEqualTo(lastMomentOfDay(15));
    advance(Duration.ofDays(9));
    complete("nadia", dossier, "Task_AllocateBillingCode", Map.of("billingCode", "FAC-2026-0717"));
    assertThat(text(mails("code de facturation").get(0))).contains("FAC-2026-0717");
    assertPassed(dossier, "EndEvent_BillingCodeAllocated");
    assertThat(certificate("CP-" + dossierId).validUntil()).isEqualTo(lastDay);
    // it names the referential's version its ANS round answers, as every certificate does, never a setting's
    assertThat(certificate("CP-" + dossierId).referentialVersion()).isEqualTo("2027");

    // the ANS finds the evidence conforming before the date and certifies the line: the provisional certificate
    // becomes final
    complete(ANS_REVIEWER, ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
    complete(ANS_REVIEWER, ans, "Task_CertifyLineRequirements", Map.of("certifiedGenericLines", lines("DIABETES")));
    executeJobs(dossier); // the ANS track ended: its caller sends the next mails
    assertThat(text(mails("devenu définitif").get(0))).contains("CP-" + dossierId).contains("CC-" + dossierId);
    // the final certificate replaces it: one in force, the provisional one kept with its last day, not « caduc »
    assertThat(certificate("CP-" + dossierId).replacedBy()).as("replaced by the final").isEqualTo("CC-" + dossierId);
    assertThat(certificate("CP-" + dossierId).validUntil()).as("it keeps its last day").isEqualTo(lastDay);
    assertThat(certificate("CP-" + dossierId).withdrawn()).isFalse();
    assertThat(certificate("CC-" + dossierId).inForce()).isTrue();
    assertThat(dossierVariable(dossier, GenericLineProcess.PROVISIONAL_STATUS)).isEqualTo("FINAL");
    assertThat(timer(dossier, "Timer_ProvisionalCertificateLapses")).as("no lapse left to fire").isNull();
    assertWaitingAt(dossier, "Task_RecordDsFiling");
  }

  @Test
  void shouldLapseTheProvisionalCertificateWhenItsDatePassesAndTellTheVendor() throws Exception {
    ProcessInstance dossier = evidenceComplete("DMN-2026-00718");
    LocalDate lastDay = T0.atZone(PARIS).toLocalDate().plusDays(90);

    // bad inputs: no date, a date too close (the table's row asks at least 30 days), both refused, the task kept
    Throwable noDate = catchThrowable(() -> complete(ANS_REVIEWER, dossier, "Task_IssueProvisionalCertificate",
        Map.of("provisionalCertificateNumber", "CP-2026-718")));
    assertThat(noDate).isInstanceOf(BadInputException.class).hasMessageContaining(
        "« Preuve de conformité du certificat provisoire »");
    Throwable tooClose = catchThrowable(() -> complete(ANS_REVIEWER, dossier, "Task_IssueProvisionalCertificate",
        Map.of("provisionalCertificateNumber", "CP-2026-718",
            "window_GENERIC_PROVISIONAL_COMPLIANCE_lastDay", T0.atZone(PARIS).toLocalDate().plusDays(10).toString())));
    assertThat(tooClose).isInstanceOf(BadInputException.class).hasMessageContaining("doit être d’au moins 30 jours");
    assertThat(deviceRecords.all().stream().flatMap(d -> d.certificates().stream())
        .noneMatch(c -> c.number().equals("CP-2026-718"))).as("nothing recorded by a refused step").isTrue();

    complete(ANS_REVIEWER, dossier, "Task_IssueProvisionalCertificate", Map.of("provisionalCertificateNumber",
        "CP-2026-718", "window_GENERIC_PROVISIONAL_COMPLIANCE_lastDay", lastDay.toString()));

    assertThat(text(mails("certificat provisoire").get(0))).contains("CP-2026-718").contains("31 janvier 2027");
    assertThat(certificate("CP-2026-718").validUntil()).isEqualTo(lastDay);
    assertThat(timer(dossier, "Timer_ProvisionalCertificateLapses").getDuedate()).isEqualTo(endOf(lastDay));
    assertWaitingAt(dossier, "Task_RequestBillingCode", "Gateway_ProvisionalCertificateFate");

    // the engine clock reaches the end of the last day: the certificate lapses
    fire(dossier, "Timer_ProvisionalCertificateLapses");

    String lapsed = text(mails("certificat provisoire caduc").get(0));
    assertThat(lapsed).contains("CP-2026-718").contains("au plus tard le 31 janvier 2027")
        .contains("/dossiers/DMN-2026-00718");
    DeviceRecords.Certificate certificate = certificate("CP-2026-718");
    assertThat(certificate.withdrawn()).isTrue();
    assertThat(certificate.withdrawalReason())
        .isEqualTo("caduc, la preuve de la conformité n’a pas été apportée au plus tard le 31 janvier 2027");
    assertThat(task(dossier, "Task_RequestBillingCode")).as("the billing request closed").isNull();
    assertThat(dossierVariable(dossier, GenericLineProcess.PROVISIONAL_STATUS)).isEqualTo("LAPSED");
  }

  @Test
  void shouldStartFromTheStartFormWithTheClaimedLinesAndRefuseALineTheFileDoesNotHave() throws Exception {
    long running = runtimeService.createProcessInstanceQuery().processDefinitionKey(GenericLineProcess.KEY).count();
    Throwable refused = catchThrowable(() -> startApplication(VENDOR, GenericLineProcess.KEY,
        applicationForm(List.of("GOUT"))));
    assertThat(refused).isInstanceOf(BadInputException.class)
        .hasMessageContaining("« Lignes génériques demandées » : \"GOUT\" n’est pas l’un des choix de la liste");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(GenericLineProcess.KEY).count())
        .isEqualTo(running);

    ProcessInstance dossier = startApplication(VENDOR, GenericLineProcess.KEY,
        applicationForm(List.of("DIABETES", "HEART_FAILURE")));

    assertThat(dossierVariable(dossier, "genericLines")).isEqualTo("DIABETES,HEART_FAILURE");
    assertThat(dossierVariable(dossier, "pathway")).isEqualTo("GENERIC_LINE");
    assertWaitingAt(dossier, "CallActivity_AnsCertification");
  }

  /**
   * Walk 7 (31-…, 32-…): « Examiner la recevabilité » listed the profiles but not the claimed lines, and the
   * convention named only the referential. The ANS track carries the lines' names from the catalogue, and both forms
   * show them (hidden for a dossier that claims none).
   */
  @Test
  void shouldNameTheClaimedLinesToTheAdmissibilityReviewerAndInTheConvention() throws Exception {
    ProcessInstance dossier = startApplication(VENDOR, GenericLineProcess.KEY,
        applicationForm(List.of("DIABETES", "HEART_FAILURE")));
    ProcessInstance ans = instanceOf(dossier, "ans-certification");

    assertThat(runtimeService.getVariable(ans.getId(), "genericLineLabels"))
        .isEqualTo("Télésurveillance du diabète, Télésurveillance de l’insuffisance cardiaque");
    for (String form : List.of("review-admissibility", "sign-convention")) {
      assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("forms", "tracks", "ans-certification",
          form + ".form"))).as(form).contains("{{genericLineLabels}}");
    }
  }

  @Test
  void shouldAddTheDayOfASameDayAnswerToTheSixtyDaysExceptOnTheDayTheyStarted() throws Exception {
    ProcessInstance dossier = certified();
    complete(MINISTRY, dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "4244",
        "dsReceivedDate", "2026-11-02"));
    assertThat(timer(dossier, "Timer_DecisionDue").getDuedate()).isEqualTo(endOfDay(60));

    // asked and answered on the day of the filing's receipt: the pause covers that date only, which is not one of
    // the 60 days (they run from the day after the receipt, CPC art. 641): the last day does not move
    askAndAnswerTheSameDay(dossier);
    assertThat(timer(dossier, "Timer_DecisionDue").getDuedate()).isEqualTo(endOfDay(60));

    // asked and answered on day 10: that date is one of the 60 and suspended, both ends included: one day more
    advance(Duration.ofDays(10));
    askAndAnswerTheSameDay(dossier);
    assertThat(timer(dossier, "Timer_DecisionDue").getDuedate()).isEqualTo(endOfDay(61));
    assertThat(task(dossier, "Task_EvaluateApplication").getDueDate()).isEqualTo(lastMomentOfDay(61));
  }

  /** The ministers ask for information on day 10 of their 60 days; the vendor answers on day 21. */
  void askOnDayTenAndAnswerOnDayTwentyOne(ProcessInstance dossier) {
    advance(Duration.ofDays(10));
    complete(MINISTRY, dossier, "Task_EvaluateApplication", Map.of("ministersDecision", "COMPLEMENTS",
        "ministersComment", "Joindre l’étude clinique."));
    advance(Duration.ofDays(11));
    complete(VENDOR, dossier, "Task_ProvideMinistersComplements",
        Map.of("ministersComplementsAnswer", "Étude clinique jointe au dossier Démarches Simplifiées."));
  }

  void askAndAnswerTheSameDay(ProcessInstance dossier) {
    complete(MINISTRY, dossier, "Task_EvaluateApplication", Map.of("ministersDecision", "COMPLEMENTS",
        "ministersComment", "Joindre l’étude clinique."));
    advance(Duration.ofMinutes(1));
    complete(VENDOR, dossier, "Task_ProvideMinistersComplements",
        Map.of("ministersComplementsAnswer", "Étude clinique jointe au dossier Démarches Simplifiées."));
  }

  @Test
  void shouldLetTheSixtyDaysPassAtDaySeventyTwoWhenTheVendorTookTwelveDaysToAnswer() throws Exception {
    ProcessInstance dossier = certified();

    // the ministry records the filing received on T0's day: the 60 days run from it
    Throwable future = catchThrowable(() -> complete(MINISTRY, dossier, "Task_RecordDsFiling",
        Map.of("dsDossierNumber", "4242", "dsReceivedDate", LocalDate.of(2026, 11, 5).toString())));
    assertThat(future).isInstanceOf(BadInputException.class).hasMessageContaining("est dans le futur");
    complete(MINISTRY, dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "4242",
        "dsReceivedDate", "2026-11-02"));
    assertThat(text(mails("").get(mails("").size() - 1))).contains("4242")
        .contains("Les ministres décident au plus tard le 1er janvier 2027 inclus").doesNotContain("60 jours");
    assertThat(task(dossier, "Task_EvaluateApplication").getDueDate()).isEqualTo(lastMomentOfDay(60));
    assertThat(timer(dossier, "Timer_DecisionDue").getDuedate()).isEqualTo(endOfDay(60));

    // day 10: information is missing; the vendor answers on day 21. The regulation suspends the 60 days "from the
    // date of the notification until the date of receipt": both dates count, 12 days (10 to 21) in all
    askOnDayTenAndAnswerOnDayTwentyOne(dossier);
    // her answer received, she is told the ministers' last day as it now stands: put back by those 12 days, the day
    // their task is due
    assertThat(task(dossier, "Task_EvaluateApplication").getDueDate()).isEqualTo(lastMomentOfDay(72));
    MimeMessage received = mails("compléments reçus, les ministres décident au plus tard le 13 janvier 2027").get(0);
    assertThat(text(received)).contains("Leur délai pour décider, suspendu pendant qu’ils attendaient vos compléments,"
        + " court de nouveau et son dernier jour est reporté d’autant : les ministres décident au plus tard le"
        + " 13 janvier 2027 inclus.");
    assertThat(html(received)).contains("au plus tard le <strong>13 janvier 2027</strong> inclus");

    // the 60 days were suspended for those 12 days: they pass at the end of day 72 (14 January 2027)
    assertThat(timer(dossier, "Timer_DecisionDue").getDuedate()).isEqualTo(endOfDay(72));
    fire(dossier, "Timer_DecisionDue");
    assertThat(dossierVariable(dossier, "decisionOverdue")).isEqualTo(true);
    assertWaitingAt(dossier, "Task_EvaluateApplication");
  }

  /**
   * The 60 days are one window of the dossier, opened by the pathway at the filing's receipt: the ministers' track
   * counts and suspends that window, so the code's task, which the same window dates, keeps the 12 days the vendor
   * took (before, the pathway opened a copy of its own at the code's task, from the receipt and without the pause:
   * due on day 60, not 72); the vendor's dossier page shows the window once, with the same day.
   */
  @Test
  void shouldDateTheCodeTaskWithTheSixtyDaysTheComplementsRoundSuspended() throws Exception {
    ProcessInstance dossier = certified();
    // started mid-way, as the start form would not: the vendor's company may read its dossier page
    dossierAccess.openTo("vendor-medisoft", dossier.getId());
    complete(MINISTRY, dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "4245",
        "dsReceivedDate", "2026-11-02"));
    askOnDayTenAndAnswerOnDayTwentyOne(dossier);
    assertThat(task(dossier, "Task_EvaluateApplication").getDueDate()).isEqualTo(lastMomentOfDay(72));
    assertThat(decisionWindowsOnThePage(dossier)).as("the page after the complements round").singleElement()
        .satisfies(w -> assertThat(w.lastDay()).isEqualTo("jusqu’au 13 janvier 2027 inclus"));

    complete(MINISTRY, dossier, "Task_EvaluateApplication", Map.of("ministersDecision", "FAVOURABLE"));
    assertThat(task(dossier, "Task_AllocateCode").getDueDate()).isEqualTo(lastMomentOfDay(72));
    assertThat(decisionWindowsOnThePage(dossier)).as("the page at the code's allocation").singleElement()
        .satisfies(w -> {
          assertThat(w.open()).isTrue();
          assertThat(w.lastDay()).isEqualTo("jusqu’au 13 janvier 2027 inclus");
        });
  }

  /**
   * The receipt mail gives the ministers' last day, not their length, counted as the dossier page counts it: from
   * the filing's receipt, though the ministry records it three days later (counted from the recording, the mail
   * would say 4 January).
   */
  @Test
  void shouldGiveTheMinistersLastDayInTheReceiptMailAsTheDossierPageShowsIt() throws Exception {
    ProcessInstance dossier = certified("DIABETES", "DMN-2026-00718");
    dossierAccess.openTo("vendor-medisoft", dossier.getId());
    advance(Duration.ofDays(3));
    complete(MINISTRY, dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "4246",
        "dsReceivedDate", "2026-11-02"));

    String onThePage = decisionWindowsOnThePage(dossier).stream().map(w -> w.lastDay()).reduce((a, b) -> a + " / " + b)
        .orElseThrow();
    assertThat(onThePage).isEqualTo("jusqu’au 1er janvier 2027 inclus");
    String day = onThePage.substring("jusqu’au ".length(), onThePage.length() - " inclus".length());
    MimeMessage receipt = mails("demande reçue par les ministres").get(0);
    assertThat(text(receipt)).contains("4246")
        .contains("Les ministres décident au plus tard le " + day + " inclus (délai compté à partir de la"
            + " réception).").doesNotContain("dans un délai de").doesNotContain("60 jours");
    assertThat(html(receipt)).contains("au plus tard le <strong>" + day + "</strong> inclus")
        .doesNotContain("60 jours");
    // the ministers' part holds no window of its own: the page says its step is dated by the pathway's, above, not
    // that no time limit has run (walk 10 read both, one under the other); the ANS part, ended, says nothing of it
    var parts = board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), dossier.getBusinessKey()).orElseThrow()
        .summary().tracks();
    assertThat(parts).filteredOn(t -> t.processKey().equals("ministers-decision")).singleElement()
        .satisfies(t -> assertThat(t.windows()).isEmpty())
        .satisfies(t -> assertThat(t.datedByCaller()).isTrue());
    assertThat(parts).filteredOn(t -> !t.processKey().equals("ministers-decision"))
        .allSatisfy(t -> assertThat(t.datedByCaller()).isFalse());
  }

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.dossierpage.DossierBoard board;
  @org.springframework.beans.factory.annotation.Autowired fr.parcours.security.DossierAccess dossierAccess;

  /** The rows « Décision des ministres » of the vendor's dossier page, in every part of the dossier. */
  List<fr.parcours.dossierpage.DossierSummary.Window> decisionWindowsOnThePage(ProcessInstance dossier) {
    return board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), dossier.getBusinessKey()).orElseThrow()
        .summary().tracks().stream().flatMap(t -> t.windows().stream())
        .filter(w -> w.clockId().equals("MINISTERS_DECISION")).toList();
  }

  @Test
  void shouldGiveTheCodeWithTheRegistrationEndFromTheLineAndRefuseItForAnotherDossier() throws Exception {
    ProcessInstance dossier = certified();
    complete(MINISTRY, dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "4243",
        "dsReceivedDate", "2026-11-02"));
    complete(MINISTRY, dossier, "Task_EvaluateApplication", Map.of("ministersDecision", "FAVOURABLE"));

    complete(MINISTRY, dossier, "Task_AllocateCode", Map.of("lppCode", "1100017"));

    Date lastDay = Date.from(LocalDate.of(2031, 11, 1).atStartOfDay(PARIS).toInstant());
    assertThat(dossierVariable(dossier, "registrationEndsAt")).isEqualTo(lastDay);
    assertThat(text(mails("code individuel").get(0))).contains("1100017").contains("1er novembre 2031");
    // the registration is in the device's records (/devices): the code, from the allocation to the line's last day
    List<DeviceRecords.Registration> registrations = deviceRecords.all().stream()
        .flatMap(d -> d.registrations().stream()).filter(r -> "1100017".equals(r.reference())).toList();
    assertThat(registrations).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(DeviceRecords.RegistrationKind.GENERIC_LINE);
      assertThat(r.startsOn()).isEqualTo(LocalDate.of(2026, 11, 2));
      assertThat(r.endsOn()).isEqualTo(LocalDate.of(2031, 11, 1));
      assertThat(r.dossierId()).isEqualTo("DMN-2026-00717");
    });
    assertWaitingAt(dossier, "Task_UpdateCnamBases");
    complete("nadia", dossier, "Task_UpdateCnamBases", Map.of("cnamBasesUpdated", true));
    assertThat(dossierVariable(dossier, GenericLineProcess.OUTCOME)).isEqualTo("CODE_ALLOCATED");
  }

  /**
   * The registration lasts as long as its line does (seed 001), which the catalogue of lines says; the seeds give no
   * length of their own. A dossier whose only line the catalogue no longer holds (removed since the start) is
   * refused with the reason, the task left open and no code recorded, rather than given a length guessed in code.
   */
  @Test
  void shouldRefuseTheCodeWhenNoLineOfTheDossierIsInTheCatalogueAnyMore() {
    ProcessInstance dossier = certified("RETIRED_LINE");
    complete(MINISTRY, dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "4244",
        "dsReceivedDate", "2026-11-02"));
    complete(MINISTRY, dossier, "Task_EvaluateApplication", Map.of("ministersDecision", "FAVOURABLE"));

    assertThat(catchThrowable(() -> complete(MINISTRY, dossier, "Task_AllocateCode", Map.of("lppCode", "1100018"))))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("aucune ligne de ce dossier (« RETIRED_LINE ») n’est plus dans le catalogue")
        .hasMessageContaining("rétablir la ligne dans catalogue/generic-lines.json");
    assertWaitingAt(dossier, "Task_AllocateCode");
    assertThat(runtimeService.getVariable(dossier.getId(), "registrationEndsAt")).isNull();
    assertThat(runtimeService.getVariable(dossier.getId(), "lppCodeAllocated")).isNull();
    assertThat(deviceRecords.all().stream().flatMap(d -> d.registrations().stream())
        .filter(r -> "1100018".equals(r.reference()))).isEmpty();
  }
}
