package fr.parcours.devicelife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.ans.AnsProcess;
import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/pathways/device-life.bpmn on its own, without Spring: the ANS track is a stub process deployed under its key
 * that the test ends with the outcome it hands back. The intake is a stub that sets what the real one sets (the
 * candidature carried, the dossier's number; the real one, with the device records, in
 * {@link RecertificationProcessTest}); the certificate's link and the cycle's closing are recorded. The class fails
 * below 100 % of device-life.bpmn.
 */
@Deployment(resources = "bpmn/pathways/device-life.bpmn")
class DeviceLifePathwayTest extends TrackTestBase {

  static final String ANS = AnsProcess.KEY;

  @RegisterExtension
  static ProcessEngineCoverageExtension engine =
      TrackEngine.withFullCoverage(List.of(DeviceLifeProcess.OUTCOMES), ANS);

  final List<String> links = new ArrayList<>();
  final List<String> closings = new ArrayList<>();

  /** The entry the stub intake gives the cycle (the real one reads it from the start or the certificate). */
  String reason = "NEW_MODEL";

  @BeforeEach
  void deployTheStubTrackAndTheGlue() {
    Mocks.register("recertificationIntake", (ExecutionListener) execution -> {
      execution.setVariable("dossierId", "DMN-2026-CYCLE");
      execution.setVariable("vendorGroup", "vendor-medisoft");
      execution.setVariable("softwareName", "CardioSuivi");
      execution.setVariable("contactEmail", "contact@medisoft.test");
      execution.setVariable("hasConvergenceAccount", true);
      execution.setVariable(DeviceLifeProcess.REASON, reason);
      execution.setVariable(DeviceLifeProcess.REFERENTIAL_VERSION,
          "REFERENTIAL_CHANGE".equals(reason) ? "2027" : null);
    });
    Mocks.register("certificateLink", (JavaDelegate) execution -> links.add(execution.getVariable("certificateNumber")
        + " renews " + execution.getVariable(DeviceLifeProcess.PREVIOUS_CERTIFICATE)));
    Mocks.register("cycleClosing", (ExecutionListener) execution -> closings.add(execution.getProcessInstanceId()
        + ":" + execution.getVariable(DeviceLifeProcess.OUTCOME)));
    track.deploy(TrackEngine.stubTrack(ANS));
  }

  /** A cycle opened for this entry: the vendor told on the entry's own path, then the ANS track runs. */
  ProcessInstance openCycle(String entry, String toldAt) {
    reason = entry;
    ProcessInstance cycle = track.start(DeviceLifeProcess.KEY, Map.of(DeviceLifeProcess.PREVIOUS_CERTIFICATE,
        "CC-DMN-2026-OLD01", "applicant", "alice"));
    // Then the vendor is told first (an asynchronous mail step, on the entry's path), then the ANS track runs with
    // the candidature and the entry
    assertThat(cycle).isWaitingAt(toldAt);
    track.runJobs(cycle);
    assertThat(cycle).hasPassed("Gateway_CycleReason", toldAt, "Gateway_CasesMerged");
    assertThat(stubs.mails).containsExactly("RECERTIFICATION_OPENED");
    assertThat(track.received(track.calledTrack(cycle, ANS))).containsEntry("dossierId", "DMN-2026-CYCLE")
        .containsEntry("softwareName", "CardioSuivi").containsEntry("hasConvergenceAccount", true)
        .containsEntry("contactEmail", "contact@medisoft.test").containsEntry("applicant", "alice")
        .containsEntry("waitsForGoAhead", false).containsEntry(DeviceLifeProcess.REASON, entry)
        .containsEntry(DeviceLifeProcess.REFERENTIAL_VERSION, "REFERENTIAL_CHANGE".equals(entry) ? "2027" : null)
        .containsEntry(DeviceLifeProcess.PREVIOUS_CERTIFICATE, "CC-DMN-2026-OLD01");
    return cycle;
  }

  @Test
  void shouldLinkTheNewCertificateToThePreviousOneWhenTheAnsCertifiesANewModelAgain() {
    ProcessInstance cycle = openCycle("NEW_MODEL", "Event_NotifyCycleOpened");

    track.complete(track.calledTrack(cycle, ANS), "Stub_Track", Map.of("ansOutcome", "CERTIFIED",
        "certificateNumber", "CC-DMN-2026-CYCLE"));

    assertThat(cycle).isEnded().hasPassed("Task_LinkCertificate", "EndEvent_Recertified")
        .hasNotPassed("Event_NotifyReferentialCycle", "Event_NotifyReapplication");
    assertThat(links).containsExactly("CC-DMN-2026-CYCLE renews CC-DMN-2026-OLD01");
    assertThat(closings).containsExactly(cycle.getId() + ":RECERTIFIED");
  }

  @Test
  void shouldTakeTheNewVersionsPathWhenTheReferentialEvolved() {
    ProcessInstance cycle = openCycle("REFERENTIAL_CHANGE", "Event_NotifyReferentialCycle");

    track.complete(track.calledTrack(cycle, ANS), "Stub_Track", Map.of("ansOutcome", "CERTIFIED",
        "certificateNumber", "CC-DMN-2026-CYCLE"));

    assertThat(cycle).isEnded().hasPassed("Task_LinkCertificate", "EndEvent_Recertified")
        .hasNotPassed("Event_NotifyCycleOpened", "Event_NotifyReapplication");
    assertThat(closings).containsExactly(cycle.getId() + ":RECERTIFIED");
  }

  @Test
  void shouldCloseTheCycleWithoutCertificateWhenTheAnsDoesNotCertifyAnApplicationAfterAWithdrawal() {
    ProcessInstance cycle = openCycle("AFTER_WITHDRAWAL", "Event_NotifyReapplication");

    track.complete(track.calledTrack(cycle, ANS), "Stub_Track", Map.of("ansOutcome", "INADMISSIBLE"));

    assertThat(cycle).isEnded().hasPassed("EndEvent_NotRecertified").hasNotPassed("Task_LinkCertificate",
        "Event_NotifyCycleOpened", "Event_NotifyReferentialCycle");
    assertThat(links).isEmpty();
    assertThat(closings).containsExactly(cycle.getId() + ":NOT_RECERTIFIED");
  }
}
