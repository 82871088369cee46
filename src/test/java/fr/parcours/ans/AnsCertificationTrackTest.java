package fr.parcours.ans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/tracks/ans-certification.bpmn on its own, without Spring, called by a stub caller that catches the milestone
 * "evidence complete" the track raises and reads what it hands back: every path from the candidature to the
 * certificate, the refusals, the complements and their window, the pauses of the analysis clock, the dormant
 * application. The application's parse listeners give the diagram its meaning (mail steps, clocks, outcomes); the
 * beans are stubs ({@link TrackEngine.Stubs}). The class fails below 100 % of the track's diagram. What the beans
 * themselves do, and the real windows' dates, are tested with the whole application in
 * {@link AnsCertificationProcessTest}.
 */
@Deployment(resources = {"bpmn/tracks/ans-certification.bpmn", "bpmn/deadlines.dmn"})
class AnsCertificationTrackTest extends TrackTestBase {

  /** A pathway reduced to its call of the track, the milestone it waits for and what it reads back. */
  static final String CALLER = "caller-of-ans-certification";
  static final String DOSSIER = "DMN-2026-00042";

  @RegisterExtension
  static ProcessEngineCoverageExtension engine =
      TrackEngine.withFullCoverage(List.of(AnsProcess.OUTCOMES, AnsProcess.INSTRUCTION_OUTCOMES), CALLER);

  @BeforeEach
  void deployTheCaller() {
    BpmnModelInstance caller = Bpmn.createExecutableProcess(CALLER).camundaHistoryTimeToLive(1)
        .startEvent()
        .callActivity("Call_AnsCertification").calledElement(AnsProcess.KEY)
        .camundaIn("dossierId", "dossierId").camundaIn("vendorGroup", "vendorGroup")
        .camundaIn("hasConvergenceAccount", "hasConvergenceAccount").camundaIn("handlesIns", "handlesIns")
        .camundaIn("waitsForGoAhead", "waitsForGoAhead").camundaIn("genericLines", "genericLines")
        .camundaOut("ansOutcome", "ansOutcome").camundaOut("certificateNumber", "certificateNumber")
        .camundaOut("lineCertificationOutcome", "lineCertificationOutcome")
        .endEvent("Caller_TrackEnded")
        .moveToActivity("Call_AnsCertification").boundaryEvent("Caller_CatchEvidenceComplete")
        .cancelActivity(false).escalation(AnsProcess.ESCALATION_EVIDENCE_COMPLETE)
        .endEvent("Caller_EvidenceComplete")
        .done();
    track.engine().getRepositoryService().createDeployment().addModelInstance(CALLER + ".bpmn", caller).deploy();
  }

  ProcessInstance call(boolean hasConvergenceAccount, boolean handlesIns, boolean waitsForGoAhead) {
    return track.start(CALLER, Map.of("dossierId", DOSSIER, "vendorGroup", "vendor-medisoft",
        "hasConvergenceAccount", hasConvergenceAccount, "handlesIns", handlesIns, "waitsForGoAhead", waitsForGoAhead));
  }

  /** A caller that passes the generic lines its dossier claims: the track certifies them too. */
  ProcessInstance callWithLines(String lines) {
    return track.start(CALLER, Map.of("dossierId", DOSSIER, "vendorGroup", "vendor-medisoft",
        "hasConvergenceAccount", true, "handlesIns", false, "waitsForGoAhead", false, "genericLines", lines));
  }

  ProcessInstance ansTrack(ProcessInstance caller) {
    ProcessInstance ans = track.engine().getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(caller.getId()).singleResult();
    track.runJobs(ans);
    return ans;
  }

  /** Completes a task of the track, then runs the notification steps that follow it. */
  void step(ProcessInstance ans, String task, Map<String, Object> variables) {
    track.complete(ans, task, variables);
    track.runJobs(ans);
  }

  /** From a dossier submitted with an account to the evidence declared complete. */
  void toCompleteEvidence(ProcessInstance ans) {
    step(ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    step(ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    step(ans, "Task_SignConvention", Map.of());
    step(ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
  }

  /** A dossier with an account, without INS, that does not wait for a go-ahead, under instruction. */
  ProcessInstance underInstruction(ProcessInstance caller) {
    ProcessInstance ans = ansTrack(caller);
    toCompleteEvidence(ans);
    return ans;
  }

  @Test
  void shouldCertifyAfterAccountDraftPrecisionsEvidenceInSectionsInsAndComplements() {
    // Given a vendor without a Convergence account whose device uses the INS
    ProcessInstance caller = call(false, true, false);
    ProcessInstance ans = ansTrack(caller);

    // When the account is opened, the dossier saved as draft then submitted, precisions asked and given
    assertThat(track.task(ans, "Task_RequestConvergenceAccount")).hasCandidateGroup("vendor-medisoft");
    step(ans, "Task_RequestConvergenceAccount", Map.of());
    assertThat(track.task(ans, "Task_OpenConvergenceAccount")).hasCandidateGroup("ans-reviewer")
        .hasDueDate(TrackEngine.Stubs.DUE);
    step(ans, "Task_OpenConvergenceAccount", Map.of());
    step(ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "DRAFT"));
    step(ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    step(ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "PRECISIONS"));
    step(ans, "Task_ProvidePrecisions", Map.of());
    step(ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    // and the evidence deposited in two sends
    step(ans, "Task_SignConvention", Map.of());
    step(ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", false));
    assertThat(caller).hasNotPassed("Caller_EvidenceComplete");
    step(ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));

    // Then the caller hears the evidence is complete, the queue dates the dossier, the instruction starts
    assertThat(caller).hasPassed("Caller_EvidenceComplete").isWaitingAt("Call_AnsCertification");
    assertThat(stubs.evidenceQueue).containsExactly("evidence complete");
    assertThat(track.task(ans, "Task_RecordInsTestDay")).hasCandidateGroup("ans-reviewer")
        .hasDueDate(TrackEngine.Stubs.DUE);
    step(ans, "Task_RecordInsTestDay", Map.of());
    Task review = track.task(ans, "Task_ReviewEvidence");
    assertThat(review).hasCandidateGroup("ans-reviewer").hasDueDate(TrackEngine.Stubs.DUE);
    assertThat(track.engine().getTaskService().getVariableLocal(review.getId(), AnsProcess.ANALYSIS_CLOCK_REPORT))
        .isEqualTo("report of ANS_ANALYSIS");

    // When complements are asked and provided: the analysis clock pauses while the vendor has the file
    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS"));
    assertThat(track.task(ans, "Task_ProvideComplements")).hasCandidateGroup("vendor-medisoft")
        .hasDueDate(TrackEngine.Stubs.DUE);
    assertThat(stubs.clocks.ledger).contains("paused ANS_ANALYSIS at Task_ProvideComplements")
        .doesNotContain("resumed ANS_ANALYSIS at Task_ProvideComplements");
    step(ans, "Task_ProvideComplements", Map.of());
    assertThat(stubs.clocks.ledger).contains("resumed ANS_ANALYSIS at Task_ProvideComplements");
    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));

    // Then the certificate is issued and sent, and the caller reads it
    assertThat(stubs.certificates).containsExactly(DOSSIER);
    assertThat(stubs.mails).containsExactly("APPLICATION_RECEIVED", "CONVERGENCE_ACCOUNT_TO_OPEN",
        "CONVERGENCE_ACCOUNT_OPENED", "ADMINISTRATIVE_FILE_RECEIVED", "PRECISIONS_REQUESTED", "ADMISSIBLE",
        "CONVENTION_TO_SIGN", "EVIDENCE_DEPOSIT_OPEN", "EVIDENCE_RECEIVED", "COMPLEMENTS_REQUESTED", "COMPLEMENTS_RECEIVED",
        "CERTIFICATE_ISSUED");
    assertThat(stubs.windowsAsked).contains("CONVERGENCE_ACCOUNT", "ANS_INS_TEST_DAY from evidenceCompleteAt",
        "ANS_ANALYSIS from evidenceCompleteAt", "ANS_COMPLEMENTS", "reminder ANS_COMPLEMENTS", "cycle ANS_INACTIVITY");
    assertThat(stubs.candidatures).containsExactly(DOSSIER);
    // every completed task counts as progress; the analysis window closes with the instruction
    assertThat(stubs.clocks.ledger).contains("moved by Task_ReviewEvidence",
        "closed ANS_ANALYSIS at SubProcess_Instruction");
    assertThat(ans).isEnded().hasPassed("EndEvent_EvidenceConforms", "EndEvent_CertificateIssued");
    // a caller that passes no generic line gets the track as it always was: no second certification
    assertThat(ans).hasPassed("Gateway_LinesDone").hasNotPassed("Task_CertifyLineRequirements");
    assertThat(stubs.lineDecisions).isEmpty();
    assertThat(caller).isEnded().hasPassed("Caller_TrackEnded").variables()
        .containsEntry("ansOutcome", "CERTIFIED").containsEntry("certificateNumber", "CC-" + DOSSIER)
        .extractingByKey("lineCertificationOutcome").isNull();
  }

  @Test
  void shouldIssueBothCertificationsWhenTheReferentialAndEveryLineConform() {
    // Given a caller that claims two generic lines, its evidence complete
    ProcessInstance caller = callWithLines("DIABETES,HEART_FAILURE");
    ProcessInstance ans = underInstruction(caller);

    // When the evidence conforms, then the reviewer certifies both lines
    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
    Task lines = track.task(ans, "Task_CertifyLineRequirements");
    assertThat(lines).hasCandidateGroup("ans-reviewer").hasDueDate(TrackEngine.Stubs.DUE);
    assertThat(stubs.windowsAsked).contains("ANS_ANALYSIS from evidenceCompleteAt");
    step(ans, "Task_CertifyLineRequirements", Map.of("certifiedGenericLines", "DIABETES,HEART_FAILURE"));

    // Then the lines' certificates are sent, then the referential's, and the caller reads both outcomes
    assertThat(stubs.lineDecisions).containsExactly("offered DIABETES,HEART_FAILURE",
        "certified [DIABETES,HEART_FAILURE] of [DIABETES,HEART_FAILURE]");
    assertThat(stubs.mails).endsWith("EVIDENCE_RECEIVED", "LINE_CERTIFICATE_ISSUED", "CERTIFICATE_ISSUED");
    assertThat(ans).isEnded().hasPassed("Task_RecordLineDecision", "Event_NotifyLineCertificateIssued",
        "EndEvent_CertificateIssued").hasNotPassed("Event_NotifyLineCertificationRefused");
    assertThat(caller).isEnded().variables().containsEntry("ansOutcome", "CERTIFIED")
        .containsEntry("lineCertificationOutcome", "CERTIFIED");
  }

  @Test
  void shouldRefuseALineAloneWhenTheReferentialConforms() {
    ProcessInstance caller = callWithLines("DIABETES,HEART_FAILURE");
    ProcessInstance ans = underInstruction(caller);

    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
    step(ans, "Task_CertifyLineRequirements", Map.of("certifiedGenericLines", "DIABETES",
        "lineRequirementsReasons", "ICA 1 : la saisie quotidienne du poids n’est pas proposée."));

    // the line is refused with its mail; the referential's certificate is issued all the same
    assertThat(stubs.mails).endsWith("EVIDENCE_RECEIVED", "LINE_CERTIFICATION_REFUSED", "CERTIFICATE_ISSUED");
    assertThat(stubs.certificates).containsExactly(DOSSIER);
    assertThat(ans).isEnded().hasPassed("Event_NotifyLineCertificationRefused", "EndEvent_CertificateIssued")
        .hasNotPassed("Event_NotifyLineCertificateIssued");
    assertThat(caller).isEnded().variables().containsEntry("ansOutcome", "CERTIFIED")
        .containsEntry("lineCertificationOutcome", "REFUSED");
  }

  @Test
  void shouldCertifyTheLinesAloneWhenTheReferentialIsRefused() {
    ProcessInstance caller = callWithLines("DIABETES");
    ProcessInstance ans = underInstruction(caller);

    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "REFUSED", "evidenceComment", "SEC 1 manquante"));
    step(ans, "Task_CertifyLineRequirements", Map.of("certifiedGenericLines", "DIABETES"));

    assertThat(stubs.certificates).isEmpty();
    assertThat(stubs.mails).endsWith("EVIDENCE_RECEIVED", "LINE_CERTIFICATE_ISSUED", "CERTIFICATION_REFUSED");
    assertThat(ans).isEnded().hasPassed("Event_NotifyLineCertificateIssued", "EndEvent_CertificationRefused");
    assertThat(caller).isEnded().variables().containsEntry("ansOutcome", "REFUSED")
        .containsEntry("lineCertificationOutcome", "CERTIFIED");
  }

  @Test
  void shouldNotCertifyTheLinesOfAnApplicationDeemedAbandoned() {
    ProcessInstance caller = callWithLines("DIABETES");
    ProcessInstance ans = underInstruction(caller);
    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS"));
    track.fire(ans, "Timer_ComplementsWindow");
    step(ans, "Task_DecideOnLapsedComplements", Map.of("lapsedDecision", "ABANDON"));

    assertThat(ans).isEnded().hasPassed("Gateway_LinesDone", "EndEvent_DeemedAbandoned")
        .hasNotPassed("Task_CertifyLineRequirements");
    assertThat(stubs.mails).endsWith("COMPLEMENTS_REQUESTED", "COMPLEMENTS_WINDOW_PASSED", "APPLICATION_ABANDONED");
    assertThat(caller).isEnded().variables().containsEntry("ansOutcome", "ABANDONED")
        .extractingByKey("lineCertificationOutcome").isNull();
  }

  @Test
  void shouldEndInadmissibleWhenTheReviewerRefusesTheDossier() {
    ProcessInstance caller = call(true, false, false);
    ProcessInstance ans = ansTrack(caller);

    step(ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    step(ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "INADMISSIBLE"));

    assertThat(stubs.mails).containsExactly("APPLICATION_RECEIVED", "ADMINISTRATIVE_FILE_RECEIVED", "INADMISSIBLE");
    assertThat(ans).isEnded().hasPassed("EndEvent_Inadmissible").hasNotPassed("Task_OpenConvergenceAccount");
    assertThat(caller).isEnded().hasNotPassed("Caller_EvidenceComplete").variables()
        .containsEntry("ansOutcome", "INADMISSIBLE");
  }

  @Test
  void shouldRefuseCertificationWhenTheEvidenceDoesNotConform() {
    ProcessInstance caller = call(true, false, false);
    ProcessInstance ans = underInstruction(caller);

    assertThat(ans).hasNotPassed("Task_RecordInsTestDay");
    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "REFUSED"));

    assertThat(stubs.certificates).isEmpty();
    assertThat(stubs.mails).endsWith("EVIDENCE_RECEIVED", "CERTIFICATION_REFUSED");
    assertThat(ans).isEnded().hasPassed("EndEvent_EvidenceRefused", "EndEvent_CertificationRefused");
    assertThat(caller).isEnded().variables().containsEntry("ansOutcome", "REFUSED");
  }

  @Test
  void shouldHoldTheInstructionUntilTheCallersGoAheadWhenItAsksToWait() {
    ProcessInstance caller = call(true, false, true);
    ProcessInstance ans = underInstruction(caller);

    // the caller has heard the evidence is complete; the track waits for its word, and the vendor has been told
    // her evidence is complete now, not when the go-ahead comes
    assertThat(caller).hasPassed("Caller_EvidenceComplete");
    assertThat(ans).isWaitingAt("Event_GoAheadReceived").hasPassed("Event_NotifyEvidenceReceived");
    assertThat(stubs.mails).endsWith("EVIDENCE_DEPOSIT_OPEN", "EVIDENCE_RECEIVED");

    track.engine().getRuntimeService().createMessageCorrelation(AnsProcess.MESSAGE_GO_AHEAD)
        .processInstanceId(ans.getId()).correlate();
    track.runJobs(ans);

    assertThat(ans).isWaitingAt("Task_ReviewEvidence");
    assertThat(stubs.mails).as("the go-ahead does not tell her again").endsWith("EVIDENCE_DEPOSIT_OPEN",
        "EVIDENCE_RECEIVED");
    assertThat(stubs.mails.stream().filter("EVIDENCE_RECEIVED"::equals)).hasSize(1);
  }

  @Test
  void shouldRemindTheVendorBeforeTheComplementsWindowClosesAndKeepWaiting() {
    ProcessInstance ans = underInstruction(call(true, false, false));
    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS"));

    track.fire(ans, "Timer_ComplementsReminder");

    assertThat(stubs.mails).endsWith("COMPLEMENTS_REQUESTED", "WINDOW_CLOSING_REMINDER");
    assertThat(ans).hasPassed("EndEvent_VendorReminded").isWaitingAt("Task_ProvideComplements");
  }

  @Test
  void shouldDeprioritiseWhenTheComplementsLapseThenDeemAbandonedWhenTheyLapseAgain() {
    ProcessInstance caller = call(true, false, false);
    ProcessInstance ans = underInstruction(caller);
    step(ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS"));

    // the window passes: the reviewer keeps the dossier but sends it to the back of the queue
    track.fire(ans, "Timer_ComplementsWindow");
    assertThat(track.task(ans, "Task_DecideOnLapsedComplements")).hasCandidateGroup("ans-reviewer");
    step(ans, "Task_DecideOnLapsedComplements", Map.of("lapsedDecision", "DEPRIORITISE"));
    assertThat(stubs.evidenceQueue).containsExactly("evidence complete", "deprioritised");
    assertThat(ans).isWaitingAt("Task_ProvideComplements");

    // it passes again: the reviewer deems the application abandoned
    track.fire(ans, "Timer_ComplementsWindow");
    step(ans, "Task_DecideOnLapsedComplements", Map.of("lapsedDecision", "ABANDON"));

    assertThat(stubs.mails).endsWith("COMPLEMENTS_REQUESTED", "COMPLEMENTS_WINDOW_PASSED", "COMPLEMENTS_REQUESTED",
        "COMPLEMENTS_WINDOW_PASSED", "APPLICATION_ABANDONED");
    assertThat(ans).isEnded().hasPassed("EndEvent_ComplementsAbandoned", "EndEvent_DeemedAbandoned")
        .hasNotPassed("Task_IssueCertificate");
    assertThat(caller).isEnded().variables().containsEntry("ansOutcome", "ABANDONED");
  }

  @Test
  void shouldFlagTheAnalysisOverdueAndKeepTheReviewOpen() {
    ProcessInstance ans = underInstruction(call(true, false, false));

    track.fire(ans, "Timer_AnalysisTimeElapsed");

    assertThat(ans).hasPassed("Task_FlagAnalysisOverdue", "EndEvent_AnalysisOverdueFlagged")
        .isWaitingAt("Task_ReviewEvidence").variables().containsEntry(AnsProcess.ANALYSIS_OVERDUE, true);
  }

  @Test
  void shouldAskTheReviewerAboutADormantApplicationAndKeepItOpen() {
    ProcessInstance ans = ansTrack(call(true, false, false));

    track.fire(ans, "StartEvent_ApplicationDormant");
    assertThat(track.task(ans, "Task_ReviewDormantApplication")).hasCandidateGroup("ans-reviewer");
    step(ans, "Task_ReviewDormantApplication", Map.of("dormantDecision", "KEEP_OPEN"));

    assertThat(ans).hasPassed("EndEvent_KeptOpen").isWaitingAt("Task_DepositAdministrativeDossier");
  }

  @Test
  void shouldDeemADormantApplicationAbandonedWhenTheReviewerConfirmsIt() {
    ProcessInstance caller = call(true, false, false);
    ProcessInstance ans = ansTrack(caller);

    track.fire(ans, "StartEvent_ApplicationDormant");
    step(ans, "Task_ReviewDormantApplication", Map.of("dormantDecision", "ABANDON"));

    assertThat(stubs.mails).endsWith("APPLICATION_ABANDONED");
    assertThat(ans).isEnded().hasPassed("EndEvent_AbandonmentConfirmed", "EndEvent_DormantApplicationAbandoned")
        .hasNotPassed("Task_ReviewAdmissibility");
    assertThat(caller).isEnded().hasPassed("Caller_TrackEnded").variables()
        .containsEntry("ansOutcome", "ABANDONED");
  }
}
