package fr.parcours.pecan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.ans.AnsProcess;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.RegistrationKind;
import fr.parcours.dossier.MessageToCalledTracks;
import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/pathways/pecan.bpmn on its own, without Spring and without replaying its tracks: the four tracks are stub
 * processes deployed under their keys, each waiting at one task that the test completes with what the track hands
 * back, or ends with the BPMN error the pathway catches ({@code stubError}). The ANS stub raises the milestone
 * "evidence complete" and waits for the go-ahead as the real track does. Each test asserts what the pathway passes
 * each track ({@code camunda:in}) and reads back ({@code camunda:out}). PECAN's own glue is the real one
 * ({@link PecanIntake}, {@link FileReadiness}, {@link EarlyCoverage} on the stub clocks, {@link MessageToCalledTracks});
 * the rest is stubbed ({@link TrackEngine.Stubs}). The class fails below 100 % of pecan.bpmn. The tracks themselves
 * and the whole chain are tested in their own classes and in {@link PecanProcessTest}.
 */
@Deployment(resources = {"bpmn/pathways/pecan.bpmn", "bpmn/deadlines.dmn"})
class PecanPathwayTest extends TrackTestBase {

  static final String ANS = AnsProcess.KEY;
  static final String SESAME = "sesame-filing";
  static final String CNEDIMTS = "cnedimts-opinion";
  static final String MINISTERS = "ministers-decision";
  static final String DOSSIER = "DMN-2026-00042";

  /** The device records, mocked: what the early coverage writes there is asserted. */
  DeviceRecords records;

  @RegisterExtension
  static ProcessEngineCoverageExtension engine =
      TrackEngine.withFullCoverage(List.of(PecanProcess.OUTCOMES), ANS, SESAME, CNEDIMTS, MINISTERS);

  @BeforeEach
  void deployTheStubTracksAndPecansGlue() {
    Mocks.register("pecanIntake", new PecanIntake());
    Mocks.register("fileReadiness", new FileReadiness());
    records = org.mockito.Mockito.mock(DeviceRecords.class);
    Mocks.register("earlyCoverage", new EarlyCoverage(stubs.clocks, records, "Europe/Paris"));
    Mocks.register("messageToCalledTracks", new MessageToCalledTracks());
    Mocks.register("pecanTaskChecks", (TaskListener) task -> { });

    // the ANS track: evidence deposited (or the track stops before), the milestone raised, the go-ahead awaited
    BpmnModelInstance ans = Bpmn.createExecutableProcess(ANS).camundaHistoryTimeToLive(1)
        .startEvent().userTask("Stub_AnsDeposit")
        .exclusiveGateway("Stub_AnsEvidenceComplete")
        .condition("no", "${!evidenceComplete}").endEvent("Stub_AnsStoppedEarly")
        .moveToLastGateway().condition("yes", "${evidenceComplete}")
        .intermediateThrowEvent("Stub_AnsRaiseEvidenceComplete").escalation(AnsProcess.ESCALATION_EVIDENCE_COMPLETE)
        .intermediateCatchEvent("Stub_AnsGoAhead").message(AnsProcess.MESSAGE_GO_AHEAD)
        .userTask("Stub_AnsInstruct").endEvent("Stub_AnsEnded")
        .done();
    track.deploy(ans, TrackEngine.stubTrack(SESAME), TrackEngine.stubTrack(CNEDIMTS),
        TrackEngine.stubTrack(MINISTERS));
  }

  ProcessInstance apply() {
    Map<String, Object> form = new HashMap<>(Map.of("applicant", "vendor-user", "dossierId", DOSSIER,
        "vendorGroup", "vendor-medisoft", "companyName", "Medisoft", "softwareName", "Telesuivi",
        "hasConvergenceAccount", true, "handlesIns", false, "hasSesameAccount", true, "telemonitoring", true));
    form.put("correspondenceLanguage", "FR");
    return track.start(PecanProcess.KEY, form);
  }

  /** PECAN started at the ministers' call, after both favourable opinions, as the tracks left it. */
  ProcessInstance atMinisters() {
    ProcessInstance pecan = track.engine().getRuntimeService().createProcessInstanceByKey(PecanProcess.KEY)
        .businessKey(DOSSIER).startBeforeActivity("CallActivity_MinistersDecision")
        .setVariables(Map.of("dossierId", DOSSIER, "vendorGroup", "vendor-medisoft", "softwareName", "Telesuivi",
            "pathway", "PECAN", "cnedimtsDecision", "FAVOURABLE", "certificateNumber", "CC-" + DOSSIER))
        .execute();
    track.runJobs(pecan);
    return pecan;
  }

  /** PECAN started at the CNEDiMTS call, after the acknowledgement. */
  ProcessInstance atCnedimts() {
    return track.engine().getRuntimeService().createProcessInstanceByKey(PecanProcess.KEY)
        .businessKey(DOSSIER).startBeforeActivity("CallActivity_CnedimtsOpinion")
        .setVariables(Map.of("dossierId", DOSSIER, "vendorGroup", "vendor-medisoft", "pathway", "PECAN"))
        .execute();
  }

  /** The stub track answers: its task completed with what the track hands back; then PECAN's jobs run. */
  void answer(ProcessInstance pecan, String key, String task, Map<String, Object> handedBack) {
    track.complete(track.calledTrack(pecan, key), task, handedBack);
    track.runJobs(pecan);
  }

  void answer(ProcessInstance pecan, String key, Map<String, Object> handedBack) {
    answer(pecan, key, "Stub_Track", handedBack);
  }

  @Test
  void shouldGrantEarlyCoverageAfterBothFilesAndBothOpinionsThenEndItAfterItsYear() {
    ProcessInstance pecan = apply();

    // Then the ANS and Sésame tracks start side by side, each with what it needs and no more
    assertThat(track.calledTrack(pecan, ANS).getBusinessKey()).isEqualTo(DOSSIER);
    assertThat(track.received(track.calledTrack(pecan, ANS))).containsEntry("waitsForGoAhead", true)
        .containsEntry("dossierId", DOSSIER).containsEntry("applicant", "vendor-user")
        .containsEntry("hasConvergenceAccount", true).containsEntry("handlesIns", false)
        .containsEntry("pathway", "PECAN") // for the words of its first mail only: its windows are every pathway's
        .doesNotContainKeys("hasSesameAccount", "telemonitoring");
    assertThat(track.received(track.calledTrack(pecan, SESAME))).containsEntry("pathway", "PECAN")
        .containsEntry("vendorGroup", "vendor-medisoft").containsEntry("hasSesameAccount", true)
        .containsEntry("hasMeeting", "NONE").doesNotContainKeys("hasConvergenceAccount", "handlesIns");
    assertThat(stubs.candidatures).containsExactly(DOSSIER);

    // When the evidence is complete on Convergence, the acknowledgement still waits for Sésame
    answer(pecan, ANS, "Stub_AnsDeposit", Map.of("evidenceComplete", true));
    assertThat(pecan).hasPassed("Event_ConvergenceFileComplete").variables()
        .containsEntry(PecanProcess.ACKNOWLEDGEMENT_WAITS_FOR, "SESAME");
    assertThat(track.calledTrack(pecan, ANS)).isWaitingAt("Stub_AnsGoAhead");
    // and once the Sésame file is complete the ministers acknowledge receipt
    answer(pecan, SESAME, Map.of("sesameReference", "SES-1", "sesameAccountId", "ACC-1", "hasMeetingDate", "none",
        "sesameCompleteness", "COMPLETE", "sesameNotMapped", "x"));
    assertThat(pecan).variables().containsEntry("sesameReference", "SES-1").containsEntry("sesameAccountId", "ACC-1")
        .containsEntry("sesameCompleteness", "COMPLETE").containsEntry(PecanProcess.ACKNOWLEDGEMENT_WAITS_FOR, "NOTHING")
        .doesNotContainKey("sesameNotMapped");
    assertThat(track.task(pecan, "Task_SendAcknowledgement")).hasCandidateGroup("ministry");
    track.complete(pecan, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-12-02"));
    track.runJobs(pecan);

    // Then the ANS instruction gets its go-ahead and the CNEDiMTS its file
    assertThat(track.calledTrack(pecan, ANS)).isWaitingAt("Stub_AnsInstruct");
    assertThat(track.received(track.calledTrack(pecan, CNEDIMTS))).containsEntry("sesameReference", "SES-1")
        .containsEntry("acknowledgementDate", "2026-12-02").containsEntry("telemonitoring", true)
        .containsEntry("pathway", "PECAN").doesNotContainKeys("hasSesameAccount", "ansOutcome");
    assertThat(stubs.windowsAsked).contains("PECAN_INSTRUCTION");

    // When both opinions are favourable (the CNEDiMTS first, then the certificate)
    answer(pecan, CNEDIMTS, Map.of("cnedimtsDecision", "FAVOURABLE", "cnedimtsComment", "ok",
        "opinionReference", "AV-1"));
    assertThat(pecan).isWaitingAt("CallActivity_AnsCertification");
    answer(pecan, ANS, "Stub_AnsInstruct", Map.of("ansOutcome", "CERTIFIED", "certificateNumber", "CC-" + DOSSIER,
        "certificateIssuedAt", "2026-12-02", "ansNotMapped", "x"));
    assertThat(pecan).hasPassed("EndEvent_BothOpinionsFavourable").variables()
        .containsEntry("opinionReference", "AV-1").containsEntry("certificateNumber", "CC-" + DOSSIER)
        .doesNotContainKey("ansNotMapped");

    // Then the ministers decide on both, and grant early coverage
    assertThat(track.received(track.calledTrack(pecan, MINISTERS))).containsEntry("cnedimtsDecision", "FAVOURABLE")
        .containsEntry("certificateNumber", "CC-" + DOSSIER).containsEntry("pathway", "PECAN")
        .doesNotContainKeys("sesameReference", "ansOutcome");
    answer(pecan, MINISTERS, Map.of("ministersDecision", "FAVOURABLE", "ministersComment", "granted"));
    assertThat(pecan).hasPassed("Task_RecordEarlyCoverage").variables()
        .containsEntry(PecanProcess.COVERAGE_ENDS, TrackEngine.Stubs.DUE).containsKey(PecanProcess.DECISION_DATE);
    // the coverage lands in the device's registrations, up to its last day
    org.mockito.Mockito.verify(records).registered(
        org.mockito.ArgumentMatchers.argThat(d -> d.vendorGroup().equals("vendor-medisoft")
            && d.name().equals("Telesuivi")),
        org.mockito.ArgumentMatchers.eq(RegistrationKind.PECAN), org.mockito.ArgumentMatchers.isNull(),
        org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.eq(TrackEngine.Stubs.DUE.toInstant()
            .atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate()),
        org.mockito.ArgumentMatchers.eq(DOSSIER), org.mockito.ArgumentMatchers.eq(pecan.getId()),
        org.mockito.ArgumentMatchers.any());
    assertThat(track.task(pecan, "Task_FileLpprApplication")).hasCandidateGroup("vendor-medisoft")
        .hasDueDate(TrackEngine.Stubs.DUE);
    assertThat(track.task(pecan, "Task_FileLatmApplication")).hasCandidateGroup("vendor-medisoft")
        .hasDueDate(TrackEngine.Stubs.DUE);
    track.complete(pecan, "Task_FileLpprApplication", Map.of());
    track.complete(pecan, "Task_FileLatmApplication", Map.of());
    assertThat(pecan).hasPassed("EndEvent_FilingsMade").isWaitingAt("Timer_EarlyCoverageEnding");

    // When the coverage's year comes to its end
    track.fire(pecan, "Timer_EarlyCoverageEnding");
    track.fire(pecan, "Timer_EarlyCoverageOver");

    assertThat(stubs.mails).containsExactly("ACKNOWLEDGEMENT_OF_RECEIPT", "MINISTERS_DECISION_FAVOURABLE",
        "EARLY_COVERAGE_ENDING", "EARLY_COVERAGE_ENDED");
    assertThat(stubs.windowsAsked).contains("reminder PECAN_EARLY_COVERAGE", "PECAN_EARLY_COVERAGE",
        "last moment PECAN_EARLY_COVERAGE");
    assertThat(pecan).isEnded().hasPassed("EndEvent_EarlyCoverageEnded").variables()
        .containsEntry(PecanProcess.OUTCOME, "EARLY_COVERAGE_ENDED");
  }

  @Test
  void shouldAcknowledgeReceiptOnlyOnceConvergenceIsCompleteToo() {
    ProcessInstance pecan = apply();

    answer(pecan, SESAME, Map.of("sesameReference", "SES-1"));
    assertThat(pecan).variables().containsEntry(PecanProcess.ACKNOWLEDGEMENT_WAITS_FOR, "CONVERGENCE");
    assertThat(track.task(pecan, "Task_SendAcknowledgement")).isNull();

    answer(pecan, ANS, "Stub_AnsDeposit", Map.of("evidenceComplete", true));
    assertThat(pecan).variables().containsEntry(PecanProcess.ACKNOWLEDGEMENT_WAITS_FOR, "NOTHING");
    assertThat(track.task(pecan, "Task_SendAcknowledgement")).isNotNull();
  }

  @Test
  void shouldEndWithoutCertificateWhenTheAnsTrackStopsAndCancelTheSesameFiling() {
    ProcessInstance pecan = apply();

    answer(pecan, ANS, "Stub_AnsDeposit", Map.of("evidenceComplete", false, "ansOutcome", "INADMISSIBLE"));

    assertThat(pecan).isEnded().hasPassed("EndEvent_AnsTrackStopped", "EndEvent_AnsCertificationNotObtained")
        .hasNotPassed("Task_SendAcknowledgement").variables()
        .containsEntry("ansOutcome", "INADMISSIBLE")
        .containsEntry(PecanProcess.OUTCOME, "ANS_CERTIFICATION_NOT_OBTAINED");
    assertThat(track.engine().getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void shouldEndWhenTheCnedimtsOpinionIsUnfavourable() {
    ProcessInstance pecan = atCnedimts();

    answer(pecan, CNEDIMTS, Map.of("stubError", "OPINION_UNFAVOURABLE"));

    assertThat(pecan).isEnded().hasPassed("EndEvent_CnedimtsOpinionUnfavourable").variables()
        .containsEntry(PecanProcess.OUTCOME, "CNEDIMTS_OPINION_UNFAVOURABLE");
    assertThat(stubs.mails).isEmpty();
  }

  @Test
  void shouldDeemTheApplicationAbandonedWhenTheCnedimtsComplementsLapse() {
    ProcessInstance pecan = atCnedimts();

    answer(pecan, CNEDIMTS, Map.of("stubError", "CNEDIMTS_COMPLEMENTS_LAPSED"));

    assertThat(stubs.mails).containsExactly("APPLICATION_ABANDONED");
    assertThat(pecan).isEnded().hasPassed("EndEvent_AbandonedAtCnedimts").variables()
        .containsEntry(PecanProcess.OUTCOME, "ABANDONED_CNEDIMTS_COMPLEMENTS");
  }

  @Test
  void shouldFlagTheInstructionOverdueDuringTheOpinionAndKeepWaitingForIt() {
    ProcessInstance pecan = atCnedimts();

    track.fire(pecan, "Timer_InstructionTimeElapsed");

    assertThat(pecan).hasPassed("Task_FlagInstructionOverdue", "EndEvent_InstructionOverdueFlagged")
        .isWaitingAt("CallActivity_CnedimtsOpinion").variables().containsEntry("instructionOverdue", true);
  }

  @Test
  void shouldFlagTheInstructionOverdueDuringTheDecisionAndKeepWaitingForIt() {
    ProcessInstance pecan = atMinisters();

    track.fire(pecan, "Timer_InstructionTimeElapsedAtDecision");

    assertThat(pecan).hasPassed("Task_FlagInstructionOverdueAtDecision", "EndEvent_InstructionOverdueFlaggedAtDecision")
        .isWaitingAt("CallActivity_MinistersDecision").variables().containsEntry("instructionOverdue", true);
  }

  @Test
  void shouldTellTheVendorTheReasonsWhenTheMinistersRefuse() {
    ProcessInstance pecan = atMinisters();

    answer(pecan, MINISTERS, Map.of("ministersDecision", "UNFAVOURABLE", "ministersComment", "no benefit shown"));

    assertThat(stubs.mails).containsExactly("MINISTERS_DECISION_REFUSAL");
    assertThat(pecan).isEnded().hasPassed("EndEvent_EarlyCoverageRefused").hasNotPassed("Task_RecordEarlyCoverage")
        .variables().containsEntry("ministersComment", "no benefit shown")
        .containsEntry(PecanProcess.OUTCOME, "EARLY_COVERAGE_REFUSED");
  }

  @Test
  void shouldDeemTheApplicationAbandonedWhenTheMinistersComplementsLapse() {
    ProcessInstance pecan = atMinisters();

    answer(pecan, MINISTERS, Map.of("ministersDecision", "ABANDONED"));

    assertThat(stubs.mails).containsExactly("APPLICATION_ABANDONED");
    assertThat(pecan).isEnded().hasPassed("EndEvent_AbandonedAtMinisters").variables()
        .containsEntry(PecanProcess.OUTCOME, "ABANDONED_MINISTERS_COMPLEMENTS");
  }

  @Test
  void shouldRemindTheVendorOfBothFilingsAndFlagThemLateWhenTheirWindowsPass() {
    ProcessInstance pecan = atMinisters();
    answer(pecan, MINISTERS, Map.of("ministersDecision", "FAVOURABLE"));

    track.fire(pecan, "Timer_LpprReminder");
    track.fire(pecan, "Timer_LatmReminder");
    track.fire(pecan, "Timer_LpprFilingWindowPassed");
    track.fire(pecan, "Timer_LatmFilingWindowPassed");

    assertThat(stubs.mails).containsExactly("MINISTERS_DECISION_FAVOURABLE", "LPPR_FILING_REMINDER",
        "LATM_FILING_REMINDER");
    assertThat(stubs.windowsAsked).contains("reminder PECAN_LPPR_FILING", "reminder PECAN_LATM_FILING",
        "PECAN_LPPR_FILING", "PECAN_LATM_FILING");
    assertThat(pecan).hasPassed("EndEvent_LpprReminded", "EndEvent_LatmReminded", "EndEvent_LpprFilingLateFlagged",
        "EndEvent_LatmFilingLateFlagged").isWaitingAt("Task_FileLpprApplication", "Task_FileLatmApplication")
        .variables().containsEntry("lpprFilingLate", true).containsEntry("latmFilingLate", true);
  }
}
