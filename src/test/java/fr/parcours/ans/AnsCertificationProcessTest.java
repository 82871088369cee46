package fr.parcours.ans;

import static fr.parcours.support.Candidatures.json;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.Candidatures;
import fr.parcours.support.FullProcessCoverage;
import fr.parcours.support.ProcessTestBase;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/**
 * Every path of bpmn/tracks/ans-certification.bpmn, driven as the vendor and the ANS reviewer would. The class
 * fails unless its tests together pass every flow node and sequence flow of the diagram.
 */
@Import(FullProcessCoverage.OfAnsTrack.class)
class AnsCertificationProcessTest extends ProcessTestBase {

  static final String VENDOR = "alice";
  static final String REVIEWER = "ana";

  // ---- the steps, as people take them ----

  ProcessInstance apply(Map<String, Object> form) {
    return startApplication(VENDOR, AnsProcess.KEY, form);
  }

  ProcessInstance applyWithAccount() {
    return apply(Candidatures.valid());
  }

  void submitDossier(ProcessInstance pi) {
    complete(VENDOR, pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
  }

  void admit(ProcessInstance pi) {
    complete(REVIEWER, pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
  }

  void signConvention(ProcessInstance pi) {
    complete(VENDOR, pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
  }

  void sendAllProofs(ProcessInstance pi, String... extraProofs) {
    sendCompleteEvidence(VENDOR, pi, extraProofs);
  }

  void depositAllEvidence(ProcessInstance pi) {
    sendAllProofs(pi);
    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
  }

  ProcessInstance atEvidenceReview() {
    ProcessInstance pi = applyWithAccount();
    submitDossier(pi);
    admit(pi);
    signConvention(pi);
    depositAllEvidence(pi);
    return pi;
  }

  void review(ProcessInstance pi, String decision, String comment) {
    Map<String, Object> form = new HashMap<>();
    form.put("evidenceDecision", decision);
    form.put("evidenceComment", comment);
    complete(REVIEWER, pi, "Task_ReviewEvidence", form);
  }

  void provideComplements(ProcessInstance pi) {
    complete(VENDOR, pi, "Task_ProvideComplements", Map.of("complementsAnswer", "Logs added for SECURITY 3.2"));
  }

  // ---- paths ----

  @Test
  void shouldIssueCertificateWhenVendorWithAccountAndReviewerWalkTheHappyPath() {
    ProcessInstance pi = applyWithAccount();

    assertThat(pi).isWaitingAt("Task_DepositAdministrativeDossier");
    assertThat(pi).task().hasCandidateGroup("vendor-medisoft");
    Assertions.assertThat(pi.getBusinessKey()).matches("DMN-2026-[2-9A-HJ-NP-Z]{5}");
    submitDossier(pi);
    assertThat(pi).isWaitingAt("Task_ReviewAdmissibility").task().hasCandidateGroup("ans-reviewer");
    admit(pi);
    assertThat(pi).isWaitingAt("Task_SignConvention");
    signConvention(pi);
    depositAllEvidence(pi);
    assertThat(pi).isWaitingAt("Task_ReviewEvidence").task().hasCandidateGroup("ans-reviewer");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "evidenceQueuedAt")).isEqualTo(day(0));
    review(pi, "CONFORMS", null);

    assertThat(pi).isEnded().hasPassed("Task_IssueCertificate", "EndEvent_CertificateIssued");
    assertThat(pi).variables().containsEntry("ansOutcome", "CERTIFIED")
        .containsEntry("certificateNumber", "CC-" + pi.getBusinessKey());
  }

  @Test
  void shouldRecordTheCertificateWithItsDeviceAndKeepItWhenTheDossiersHistoryIsDeleted() {
    ProcessInstance pi = atEvidenceReview();
    review(pi, "CONFORMS", null);
    assertThat(pi).isEnded().hasPassed("Task_IssueCertificate");

    String number = "CC-" + pi.getBusinessKey();
    Assertions.assertThat(certificateOf(number)).as("the certificate in the device's records").isNotNull()
        .satisfies(device -> {
          Assertions.assertThat(device.vendorGroup()).isEqualTo("vendor-medisoft");
          Assertions.assertThat(device.name()).isEqualTo(Candidatures.valid().get("softwareName"));
          Assertions.assertThat(device.certificates()).filteredOn(c -> c.number().equals(number)).singleElement()
              .satisfies(c -> {
                Assertions.assertThat(c.dossierId()).isEqualTo(pi.getBusinessKey());
                Assertions.assertThat(c.issuedAt()).isNotNull();
                Assertions.assertThat(c.withdrawn()).isFalse();
              });
        });

    // the history cleanup removes the ended dossier's history: the certificate stays
    historyService.deleteHistoricProcessInstance(pi.getId());
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).count())
        .isZero();
    Assertions.assertThat(certificateOf(number)).as("kept after the history is gone").isNotNull();
  }

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.device.DeviceRecords deviceRecords;

  fr.parcours.device.DeviceRecords.Device certificateOf(String number) {
    return deviceRecords.all().stream().filter(d -> d.certificates().stream().anyMatch(c -> c.number().equals(number)))
        .findFirst().orElse(null);
  }

  @Test
  void shouldOpenConvergenceAccountWithinThreeDaysWhenVendorHasNone() {
    ProcessInstance pi = apply(Candidatures.with("hasConvergenceAccount", false));

    assertThat(pi).isWaitingAt("Task_RequestConvergenceAccount").task().hasCandidateGroup("vendor-medisoft");
    // no window binds the request: the task says so, in its description and in the card's "Échéance" column
    Task request = task(pi, "Task_RequestConvergenceAccount");
    Assertions.assertThat(request.getDueDate()).isNull();
    Assertions.assertThat(request.getDescription()).isEqualTo("Aucun délai réglementaire ne s’applique à cette étape.");
    Assertions.assertThat(taskService.getVariablesLocal(request.getId()))
        .containsEntry("dueUntil", "Aucun délai réglementaire ne s’applique à cette étape.")
        .containsEntry("dueUntilEn", "No regulatory time limit applies to this step.");
    sendKbis(VENDOR, pi);
    complete(VENDOR, pi, "Task_RequestConvergenceAccount",
        Map.of("kbisProvided", true, "officerIdVerified", true, "representativeRegistered", true));
    Task open = task(pi, "Task_OpenConvergenceAccount");
    assertThat(open).hasCandidateGroup("ans-reviewer");
    // 3 days not counting the request's day: until Thursday 5 November included (Tasklist shows 23:59:59)
    Assertions.assertThat(open.getDueDate()).isEqualTo(lastMomentOfDay(3));
    Assertions.assertThat(open.getDescription()).isNull();
    Assertions.assertThat(taskService.getVariableLocal(open.getId(), "dueUntil")).isNotEqualTo(
        "Aucun délai réglementaire ne s’applique à cette étape.");
    complete(REVIEWER, pi, "Task_OpenConvergenceAccount", Map.of("convergenceAccountId", "CVG-1234"));

    assertThat(pi).isWaitingAt("Task_DepositAdministrativeDossier");
  }

  @Test
  void shouldKeepTheDossierAsDraftUntilTheVendorSubmitsIt() {
    ProcessInstance pi = applyWithAccount();

    complete(VENDOR, pi, "Task_DepositAdministrativeDossier",
        Map.of("depositAction", "DRAFT", "softwareVersion", "2.2", "docFunctional", false));

    assertThat(pi).isWaitingAt("Task_DepositAdministrativeDossier").hasPassed("Gateway_DraftMerge");
    assertThat(pi).variables().containsEntry("softwareVersion", "2.2");
    complete(VENDOR, pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT",
        "docFunctional", true));
    assertThat(pi).isWaitingAt("Task_ReviewAdmissibility");
  }

  @Test
  void shouldAskThePrecisionsAndReviewAgainWhenTheReviewerNeedsThem() {
    ProcessInstance pi = applyWithAccount();
    submitDossier(pi);

    complete(REVIEWER, pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "PRECISIONS",
        "admissibilityComment", "The HDS certificate is expired: upload the current one."));
    assertThat(pi).isWaitingAt("Task_ProvidePrecisions").task().hasCandidateGroup("vendor-medisoft");
    complete(VENDOR, pi, "Task_ProvidePrecisions", Map.of("precisionsAnswer", "Uploaded the 2026 certificate."));
    assertThat(pi).isWaitingAt("Task_ReviewAdmissibility");
    admit(pi);
    assertThat(pi).isWaitingAt("Task_SignConvention");
  }

  @Test
  void shouldEndInadmissibleWithTheReasonsWhenTheReviewerRefusesTheDossier() {
    ProcessInstance pi = applyWithAccount();
    submitDossier(pi);

    complete(REVIEWER, pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "INADMISSIBLE",
        "admissibilityComment", "The device is not a telemonitoring device."));

    assertThat(pi).isEnded().hasPassed("EndEvent_Inadmissible");
    assertThat(pi).variables().containsEntry("ansOutcome", "INADMISSIBLE")
        .containsEntry("admissibilityComment", "The device is not a telemonitoring device.");
  }

  @Test
  void shouldAcceptEvidenceSectionBySectionUntilTheVendorDeclaresItComplete() {
    ProcessInstance pi = applyWithAccount();
    submitDossier(pi);
    admit(pi);
    signConvention(pi);

    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", false));
    assertThat(pi).isWaitingAt("Task_DepositEvidence");
    assertThat(pi).variables().containsEntry("allEvidenceDeposited", false);
    advance(Duration.ofDays(20));
    depositAllEvidence(pi);

    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
    assertThat(pi).variables().containsEntry("evidenceCompleteAt", day(20));
  }

  /**
   * F7 of the third walk: the evidence complete, "Valider" without the box ticked sent nothing and gave the same task
   * back without a word. She may still come back later; the task that comes back says nothing went to the ANS and
   * what to do, and says nothing once the evidence is sent.
   */
  @Test
  void shouldTellTheVendorNothingWentToTheAnsWhenSheValidatesCompleteEvidenceWithoutTheBox() {
    ProcessInstance pi = applyWithAccount();
    submitDossier(pi);
    admit(pi);
    signConvention(pi);
    assertThat(pi).variables().doesNotContainKey("evidenceNotSentNotice");
    sendAllProofs(pi);
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "evidenceReportComplete")).isEqualTo(true);

    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", false));

    assertThat(pi).isWaitingAt("Task_DepositEvidence").hasNotPassed("Event_EvidenceComplete");
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "evidenceNotSentNotice"))
        .startsWith("**Rien n’a été envoyé à l’ANS.** Le 2 novembre 2026, vous avez validé cette tâche sans cocher"
            + " « Toutes les preuves sont déposées »").contains("cochez la case en bas du formulaire, puis Valider");
    // validated again without the box (no box at all): the same notice, the task back again
    complete(VENDOR, pi, "Task_DepositEvidence", Map.of());
    assertThat(pi).isWaitingAt("Task_DepositEvidence");
    Assertions.assertThat((String) runtimeService.getVariable(pi.getId(), "evidenceNotSentNotice"))
        .startsWith("**Rien n’a été envoyé à l’ANS.**");

    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
    assertThat(pi).variables().containsEntry("evidenceNotSentNotice", "");
  }

  @Test
  void shouldHoldTheInsTestDayWithinFourWeeksWhenTheDeviceUsesTheIns() {
    ProcessInstance pi = apply(Candidatures.with("handlesIns", true));
    submitDossier(pi);
    admit(pi);
    signConvention(pi);
    sendAllProofs(pi, "INS_1.1.1.png", "INS_1.1.2.log", "INS_2.1.1.jpeg");
    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    assertThat(pi).variables().containsKey("depositedSections");
    Assertions.assertThat(runtimeService.getVariable(pi.getId(), "depositedSections").toString())
        .isEqualTo("[\"INS\",\"PSC\",\"USER_IDENTIFICATION\",\"PORTABILITY\",\"SECURITY\",\"PERSONAL_DATA\"]");

    Task testDay = task(pi, "Task_RecordInsTestDay");
    assertThat(testDay).hasCandidateGroup("ans-reviewer");
    // 4 weeks from Monday 2026-11-02 is Monday 2026-11-30, a working day, included
    Assertions.assertThat(testDay.getDueDate()).isEqualTo(lastMomentOfDay(28));
    complete(REVIEWER, pi, "Task_RecordInsTestDay", Map.of("insTestDayDate", "2026-09-20",
        "insTestDayPassed", true, "insTestDayReport", "All INS scenarios passed."));
    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
  }

  @Test
  void shouldRefuseCertificationWhenTheEvidenceDoesNotConform() {
    ProcessInstance pi = atEvidenceReview();

    review(pi, "REFUSED", "The device stores health data outside an HDS host.");

    assertThat(pi).isEnded().hasPassed("EndEvent_EvidenceRefused", "EndEvent_CertificationRefused");
    assertThat(pi).variables().containsEntry("ansOutcome", "REFUSED");
    // the device's records keep the refusal, the referential's version the dossier answered, and the reasons
    Assertions.assertThat(deviceRecords.refusalsOf(pi.getBusinessKey())).singleElement().satisfies(r -> {
      Assertions.assertThat(r.referential()).isEqualTo(fr.parcours.device.DeviceRecords.ANS_REFERENTIAL
          + ", version 2025");
      Assertions.assertThat(r.reasons()).isEqualTo("The device stores health data outside an HDS host.");
    });
  }

  @Test
  void shouldTellTheCallerTheEvidenceIsCompleteAndWaitForItsGoAheadWhenAsked() {
    ProcessInstance pi = startedByACallerThatGivesTheGoAhead(Candidatures.valid());
    submitDossier(pi);
    admit(pi);
    signConvention(pi);
    depositAllEvidence(pi);

    assertThat(pi).hasPassed("Event_EvidenceComplete").isWaitingAt("Event_GoAheadReceived");
    Assertions.assertThat(task(pi, "Task_ReviewEvidence")).isNull();
    advance(Duration.ofDays(5));
    runtimeService.createMessageCorrelation(AnsProcess.MESSAGE_GO_AHEAD).processInstanceId(pi.getId()).correlate();
    executeJobs(pi);

    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
    assertThat(pi).variables().as("the queue keeps the order complete evidence was received")
        .containsEntry("evidenceQueuedAt", day(0));
    // seed 002 §11.a: at most 60 days of analysis "from the date of submission of ALL the evidence"; this
    // assertion said 60 days from the go-ahead (day 65) before issue 15
    Assertions.assertThat(timer(pi, "Timer_AnalysisTimeElapsed").getDuedate())
        .as("60 days from the complete evidence (day 0), not from the go-ahead (day 5)")
        .isEqualTo(endOfDay(60));
    Assertions.assertThat(task(pi, "Task_ReviewEvidence").getDueDate()).isEqualTo(lastMomentOfDay(60));
  }

  @Test
  void shouldCountTheInsTestDayFromTheCompleteEvidenceWhenTheInstructionWaitsForAGoAhead() {
    // Given a caller's dossier using the INS, its evidence complete on day 0
    ProcessInstance pi = startedByACallerThatGivesTheGoAhead(Candidatures.with("handlesIns", true));
    submitDossier(pi);
    admit(pi);
    signConvention(pi);
    sendAllProofs(pi, "INS_1.1.1.png", "INS_1.1.2.log", "INS_2.1.1.jpeg");
    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));

    // When the go-ahead comes on day 10
    advance(Duration.ofDays(10));
    runtimeService.createMessageCorrelation(AnsProcess.MESSAGE_GO_AHEAD).processInstanceId(pi.getId()).correlate();
    executeJobs(pi);

    // Then the test day is still due within 4 weeks of the deposit of all the evidence (seed 004 §6.4)
    Assertions.assertThat(task(pi, "Task_RecordInsTestDay").getDueDate()).isEqualTo(lastMomentOfDay(28));
  }

  /** As a calling pathway starts the track: the candidature, who applies, and the wish to give the go-ahead. */
  ProcessInstance startedByACallerThatGivesTheGoAhead(Map<String, Object> candidature) {
    Map<String, Object> variables = new HashMap<>(candidature);
    variables.put(AnsProcess.APPLICANT, VENDOR);
    variables.put(AnsProcess.WAITS_FOR_GO_AHEAD, true);
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(AnsProcess.KEY, variables);
    executeJobs(pi);
    return pi;
  }

  @Test
  void shouldNameNoPathwayInTheTrack() throws Exception {
    String diagram = java.nio.file.Files.readString(java.nio.file.Path.of("bpmn", "tracks", "ans-certification.bpmn"));
    Assertions.assertThat(diagram).doesNotContainIgnoringCase("pecan").doesNotContain("pathwayRelay")
        .doesNotContain("brand").doesNotContain("variables=\"all\"");
  }

  // ---- complements ----

  @Test
  void shouldReviewAgainWhenTheVendorProvidesTheComplementsInTime() {
    ProcessInstance pi = atEvidenceReview();
    review(pi, "COMPLEMENTS", "SECURITY 3.2: the audit logs are missing.");

    Task complements = task(pi, "Task_ProvideComplements");
    assertThat(complements).hasCandidateGroup("vendor-medisoft");
    // until Wednesday 2 December included
    Assertions.assertThat(complements.getDueDate()).isEqualTo(lastMomentOfDay(30));
    advance(Duration.ofDays(5));
    provideComplements(pi);

    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
    Assertions.assertThat(timer(pi, "Timer_ComplementsWindow")).isNull();
  }

  @Test
  void shouldRemindTheVendorSevenDaysBeforeTheComplementsWindowCloses() {
    ProcessInstance pi = atEvidenceReview();
    review(pi, "COMPLEMENTS", "SECURITY 3.2: the audit logs are missing.");

    // reminderBefore of ANS_COMPLEMENTS in the deadlines table: P7D before the window passes (00:00 after
    // day 30), so at 00:00 after day 23: the 7 days 24 to 30 are left
    Assertions.assertThat(timer(pi, "Timer_ComplementsReminder").getDuedate()).isEqualTo(endOfDay(23));
    int before = MAIL.getReceivedMessages().length;
    fire(pi, "Timer_ComplementsReminder");

    assertThat(pi).hasPassed("Event_NotifyComplementsReminder", "EndEvent_VendorReminded")
        .isWaitingAt("Task_ProvideComplements");
    Assertions.assertThat(MAIL.getReceivedMessages()).hasSize(before + 2);
    Assertions.assertThat(Arrays.stream(MAIL.getReceivedMessages()).map(message -> {
      try {
        return message.getSubject();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    })).filteredOn(subject -> subject.contains("rappel")).containsExactly(
        "Dossier " + pi.getBusinessKey() + " : rappel, réponse attendue jusqu’au 2 décembre 2026 inclus",
        "Dossier " + pi.getBusinessKey() + " : rappel, réponse attendue jusqu’au 2 décembre 2026 inclus");
  }

  @Test
  void shouldDeprioritiseTheApplicationWhenTheComplementsMissThirtyDays() throws Exception {
    ProcessInstance pi = atEvidenceReview();
    review(pi, "COMPLEMENTS", "SECURITY 3.2: the audit logs are missing.");

    fire(pi, "Timer_ComplementsWindow");
    // not before the last day (2 December) has ended: it fired at 10:00 that day before issue 15
    Assertions.assertThat(Date.from(now())).isEqualTo(endOfDay(30));
    assertThat(pi).isWaitingAt("Task_DecideOnLapsedComplements").task().hasCandidateGroup("ans-reviewer");
    complete(REVIEWER, pi, "Task_DecideOnLapsedComplements", Map.of("lapsedDecision", "DEPRIORITISE"));

    assertThat(pi).isWaitingAt("Task_ProvideComplements");
    assertThat(pi).variables().containsEntry("deprioritised", true)
        .containsEntry("evidenceQueuedAt", endOfDay(30));
    // the vendor is told the ANS's decision (the window-passed mail promised it), not the first request again
    // (walk12: the second request read word for word as the first, « pourra perdre son rang »)
    List<MimeMessage> asked = mails("compléments demandés");
    Assertions.assertThat(text(asked.get(0))).doesNotContain("moins prioritaire")
        .contains("pourra perdre son rang dans la file d’instruction");
    MimeMessage again = asked.get(asked.size() - 1);
    Assertions.assertThat(text(again)).contains("l’ANS a gardé votre candidature ouverte, moins prioritaire dans"
        + " l’ordre d’instruction, et vous les demande à nouveau")
        .contains("Passé ce nouveau délai, votre dossier pourra être réputé abandonné.")
        .doesNotContain("pourra perdre son rang");
    Assertions.assertThat(pdfText(attachment(again))).contains("la candidature est désormais moins prioritaire")
        .doesNotContain("peut perdre son rang");
    provideComplements(pi);
    assertThat(pi).isWaitingAt("Task_ReviewEvidence");
  }

  @Test
  void shouldFireTheComplementsTimerAtMidnightAfterTheLastDayAndNotBefore() {
    // Given complements asked on Monday 2 November at 15:00 Paris
    ProcessInstance pi = atEvidenceReview();
    advanceTo(T0.plus(Duration.ofHours(5)));
    review(pi, "COMPLEMENTS", "SECURITY 3.2: the audit logs are missing.");

    // Then 2 November is not counted: 30 days from 3 November, until Wednesday 2 December included
    Job window = timer(pi, "Timer_ComplementsWindow");
    Assertions.assertThat(window.getDuedate()).isEqualTo(endOfDay(30))
        .isEqualTo(Date.from(java.time.Instant.parse("2026-12-02T23:00:00Z")));
    Assertions.assertThat(task(pi, "Task_ProvideComplements").getDueDate()).isEqualTo(lastMomentOfDay(30));

    // When it is 23:59:59 on the last day, the timer is not due: the vendor may still answer
    advanceTo(lastMomentOfDay(30).toInstant());
    Assertions.assertThat(managementService.createJobQuery().jobId(window.getId()).executable().count()).isZero();
    // at 00:00 the next day it is
    advanceTo(endOfDay(30).toInstant());
    Assertions.assertThat(managementService.createJobQuery().jobId(window.getId()).executable().count()).isOne();
    managementService.executeJob(window.getId());
    executeJobs(pi);
    assertThat(pi).isWaitingAt("Task_DecideOnLapsedComplements");
  }

  @Test
  void shouldDeemTheApplicationAbandonedWhenTheComplementsMissThirtyDaysAndTheReviewerSaysSo() throws Exception {
    ProcessInstance pi = atEvidenceReview();
    review(pi, "COMPLEMENTS", "SECURITY 3.2: the audit logs are missing.");

    fire(pi, "Timer_ComplementsWindow");
    // the vendor sees her task closed: she is told, once at each address, before the ANS decides
    java.util.List<jakarta.mail.internet.MimeMessage> lapsed = mails(pi.getBusinessKey() + " : délai des compléments passé");
    Assertions.assertThat(lapsed).hasSize(2);
    Assertions.assertThat(text(lapsed.get(0))).contains("La tâche « Fournir des compléments » est close",
        "soit la candidature est réputée abandonnée, soit elle reste ouverte, moins prioritaire");
    complete(REVIEWER, pi, "Task_DecideOnLapsedComplements", Map.of("lapsedDecision", "ABANDON"));

    assertThat(pi).isEnded().hasPassed("EndEvent_ComplementsAbandoned", "EndEvent_DeemedAbandoned");
    assertThat(pi).variables().containsEntry("ansOutcome", "ABANDONED");
    Assertions.assertThat(mails(pi.getBusinessKey() + " : délai des compléments passé")).as("not again").hasSize(2);
    // the abandonment names the window that passed as the dossier page does, its last day, and what she can do now
    java.util.List<jakarta.mail.internet.MimeMessage> abandoned = mails(pi.getBusinessKey() + " : candidature réputée abandonnée");
    Assertions.assertThat(abandoned).hasSize(2);
    Assertions.assertThat(text(abandoned.get(0))).contains(
        "Le délai « Compléments demandés par l’ANS » est passé : son dernier jour était le 2 décembre 2026.",
        "plus rien ne peut y être déposé ni complété", "déposez une nouvelle demande dans Tasklist (« Démarrer un processus »")
        .doesNotContain("Faute de réponse dans les délais, ou d’évolution depuis plus de six mois");
    Assertions.assertThat(html(abandoned.get(0))).contains("« Compléments demandés par l’ANS »", "2 décembre 2026",
        "/camunda/app/tasklist/");
  }

  // ---- the analysis clock ----

  @Test
  void shouldFlagTheAnalysisOverdueAtDaySixtyWhenNobodyWaited() {
    ProcessInstance pi = atEvidenceReview();

    Job analysis = timer(pi, "Timer_AnalysisTimeElapsed");
    // the last day is day 60 (1 January 2027), whole: the timer fires at 00:00 after it
    Assertions.assertThat(analysis.getDuedate()).isEqualTo(endOfDay(60));
    Assertions.assertThat(task(pi, "Task_ReviewEvidence").getDueDate())
        .isEqualTo(lastMomentOfDay(60));
    fire(pi, "Timer_AnalysisTimeElapsed");

    assertThat(pi).hasPassed("Task_FlagAnalysisOverdue", "EndEvent_AnalysisOverdueFlagged")
        .isWaitingAt("Task_ReviewEvidence");
    assertThat(pi).variables().containsEntry("analysisOverdue", true);
    Assertions.assertThat(task(pi, "Task_ReviewEvidence").getPriority()).isEqualTo(90);
  }

  @Test
  void shouldFireTheAnalysisTimerAfterDaySeventyThreeWhenTheVendorAnsweredTwelveDaysAfterTheRequest() {
    ProcessInstance pi = atEvidenceReview();
    advance(Duration.ofDays(10));
    review(pi, "COMPLEMENTS", "PORTABILITY 1.1: the export sample is empty.");

    Job paused = timer(pi, "Timer_AnalysisTimeElapsed");
    Assertions.assertThat(paused.isSuspended()).as("the analysis timer waits while the vendor works").isTrue();
    advance(Duration.ofDays(12));
    provideComplements(pi);

    Job resumed = timer(pi, "Timer_AnalysisTimeElapsed");
    Assertions.assertThat(resumed.isSuspended()).isFalse();
    // the pause covers the dates of the request (day 10) and of the answer (day 22), both included: 13 days
    // (the elapsed hours gave 12 and a due instant at 10:00 on day 72)
    Assertions.assertThat(resumed.getDuedate()).isEqualTo(endOfDay(73));
    Assertions.assertThat(task(pi, "Task_ReviewEvidence").getDueDate())
        .isEqualTo(lastMomentOfDay(73));
    Assertions.assertThat((String) taskService.getVariableLocal(task(pi, "Task_ReviewEvidence").getId(),
        "analysisClockReport")).startsWith("Ouvert le ").contains("suspendu 13 jours. Jusqu’au 14 janvier 2027 inclus.")
        // written as the task opens (24 November) and read later: the days left are that day's, and it says so
        .contains("Il restait 51 jours après le 24 novembre 2026, jour où cette tâche s’est ouverte.")
        .as("the ANS reads French only").doesNotContain("paused").doesNotContain("Until");
    // the form shows the same last day as the report, the mails and Tasklist's due date, moved by the pause
    Assertions.assertThat(taskService.getVariablesLocal(task(pi, "Task_ReviewEvidence").getId()))
        .containsEntry("dueUntil", "jusqu’au 14 janvier 2027 inclus")
        .containsEntry("dueUntilEn", "until 14 January 2027 included");
    fire(pi, "Timer_AnalysisTimeElapsed");
    Assertions.assertThat(Date.from(now())).isEqualTo(endOfDay(73));
    assertThat(pi).hasPassed("Task_FlagAnalysisOverdue");
  }

  // ---- dormancy ----

  @Test
  void shouldAskTheReviewerAfterSixMonthsWithoutMoveAndKeepTheApplicationOpen() {
    ProcessInstance pi = applyWithAccount();
    Job dormancy = timer(pi, "StartEvent_ApplicationDormant");
    // six months from 2 November 2026: the last day is 2 May 2027, the timer fires at 00:00 after it
    Assertions.assertThat(dormancy.getDuedate()).isEqualTo(endOf(LocalDate.of(2027, 5, 2)));

    advance(Duration.ofDays(40));
    submitDossier(pi);
    Assertions.assertThat(timer(pi, "StartEvent_ApplicationDormant").getDuedate())
        .as("the dossier moved: six months from today, 12 December")
        .isEqualTo(endOf(LocalDate.of(2027, 6, 12)));

    fire(pi, "StartEvent_ApplicationDormant");
    assertThat(pi).isWaitingAt("Task_ReviewAdmissibility", "Task_ReviewDormantApplication");
    complete(REVIEWER, pi, "Task_ReviewDormantApplication", Map.of("dormantDecision", "KEEP_OPEN"));

    assertThat(pi).hasPassed("EndEvent_KeptOpen").isWaitingAt("Task_ReviewAdmissibility");
    Assertions.assertThat(timer(pi, "StartEvent_ApplicationDormant").getDuedate())
        .as("asked again six months after the decision to keep it open, taken on 13 June 2027")
        .isEqualTo(endOf(LocalDate.of(2027, 12, 13)));
  }

  @Test
  void shouldDeemTheApplicationAbandonedWhenTheReviewerConfirmsItIsDormant() throws Exception {
    ProcessInstance pi = applyWithAccount();

    fire(pi, "StartEvent_ApplicationDormant");
    complete(REVIEWER, pi, "Task_ReviewDormantApplication", Map.of("dormantDecision", "ABANDON",
        "dormantComment", "No news since the candidature."));

    assertThat(pi).isEnded().hasPassed("EndEvent_AbandonmentConfirmed", "StartEvent_AbandonmentConfirmed",
        "EndEvent_DormantApplicationAbandoned");
    assertThat(pi).variables().containsEntry("ansOutcome", "ABANDONED");
    // the mail names the six months' window as the dossier page does, with the last day that passed (2 May 2027)
    Assertions.assertThat(text(mails(pi.getBusinessKey() + " : candidature réputée abandonnée").get(0))).contains(
        "Le délai « Dossier ANS sans mouvement » est passé : son dernier jour était le 2 mai 2027.");
  }

  // ---- the second certification, for a caller that passes generic lines ----

  /** The track as a pathway calls it with the lines its dossier claims (a vendor's own start form has no such field). */
  ProcessInstance calledWithLines(String lines, String... lineProofs) {
    Map<String, Object> caller = new HashMap<>(Candidatures.valid());
    caller.put("genericLines", lines);
    caller.put("applicant", VENDOR);
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(AnsProcess.KEY, caller);
    executeJobs(pi);
    submitDossier(pi);
    admit(pi);
    signConvention(pi);
    sendAllProofs(pi, lineProofs);
    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    return pi;
  }

  static Object ticked(String json) {
    return org.camunda.spin.plugin.variable.SpinValues.jsonValue(json).create();
  }

  @Test
  void shouldCertifyEveryLineTheCallerPassesBesideTheReferential() {
    ProcessInstance pi = calledWithLines("DIABETES,HEART_FAILURE", "DIA_1.1.1.png", "DIA_1.1.2.log", "DIA_2.1.1.pdf",
        "ICA_1.1.1.png");
    review(pi, "CONFORMS", null);
    assertThat(pi).isWaitingAt("Task_CertifyLineRequirements").task().hasCandidateGroup("ans-reviewer");

    complete(REVIEWER, pi, "Task_CertifyLineRequirements",
        Map.of("certifiedGenericLines", ticked("[\"DIABETES\",\"HEART_FAILURE\"]")));

    assertThat(pi).isEnded().hasPassed("Task_RecordLineDecision", "Event_NotifyLineCertificateIssued",
        "Task_IssueCertificate");
    assertThat(pi).variables().containsEntry("ansOutcome", "CERTIFIED")
        .containsEntry("lineCertificationOutcome", "CERTIFIED").containsEntry("lineCertificateNumbers",
            "CL-" + pi.getBusinessKey() + "-DIABETES, CL-" + pi.getBusinessKey() + "-HEART_FAILURE");
    Assertions.assertThat(certificateOf("CL-" + pi.getBusinessKey() + "-HEART_FAILURE")).isNotNull();
    // the lines' certification reads the analysis window again after the instruction closed it, and the dormancy
    // window was never the instruction's: the finished track leaves neither running, and says where it ended
    Assertions.assertThat(windowsOf(pi)).as("the windows of the finished track")
        .contains("ANS_ANALYSIS STOPPED Closed: Certificat délivré",
            "ANS_INACTIVITY STOPPED Closed: Certificat délivré")
        .allSatisfy(window -> Assertions.assertThat(window).contains(" STOPPED "));
  }

  /** Each window the instance holds, in history: "ANS_ANALYSIS STOPPED Closed: Certificat délivré". */
  java.util.List<String> windowsOf(ProcessInstance pi) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableNameLike("clock_%").list().stream()
        .flatMap(v -> fr.parcours.clock.Clocks.stored(v.getName(), v.getValue()).stream())
        .map(clock -> clock.clockId() + " " + clock.state() + " "
            + clock.ledger().get(clock.ledger().size() - 1).reason())
        .toList();
  }

  @Test
  void shouldRefuseTheLineWithItsReasonsAndStillCertifyTheReferential() {
    ProcessInstance pi = calledWithLines("DIABETES", "DIA_1.1.1.png", "DIA_1.1.2.log", "DIA_2.1.1.pdf");
    review(pi, "CONFORMS", null);

    complete(REVIEWER, pi, "Task_CertifyLineRequirements", Map.of("certifiedGenericLines", ticked("[]"),
        "lineRequirementsReasons", "DIA 1 : aucune alerte n’est envoyée au-delà des seuils."));

    assertThat(pi).isEnded().hasPassed("Event_NotifyLineCertificationRefused", "Task_IssueCertificate");
    assertThat(pi).variables().containsEntry("ansOutcome", "CERTIFIED")
        .containsEntry("lineCertificationOutcome", "REFUSED");
    Assertions.assertThat(certificateOf("CL-" + pi.getBusinessKey() + "-DIABETES")).isNull();
    Assertions.assertThat(deviceRecords.refusalsOf(pi.getBusinessKey())).singleElement()
        .satisfies(r -> Assertions.assertThat(r.reasons()).startsWith("DIA 1 : aucune alerte"));
  }
}
