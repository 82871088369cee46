package fr.parcours.has;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/tracks/sesame-filing.bpmn on its own, without Spring: what a pathway that calls it gets, on every path
 * (an account to open or not, a meeting or not, a file found incomplete then completed), and the mail the vendor
 * gets at each step she sees change, once. The class fails below
 * 100 % of the diagram.
 */
@Deployment(resources = "bpmn/tracks/sesame-filing.bpmn")
class SesameFilingTrackTest extends TrackTestBase {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = TrackEngine.withFullCoverage();


  ProcessInstance start(boolean hasSesameAccount, String hasMeeting) {
    Map<String, Object> in = new HashMap<>();
    in.put("vendorGroup", "vendor-medisoft");
    in.put("hasSesameAccount", hasSesameAccount);
    in.put("hasMeeting", hasMeeting);
    return track.start("sesame-filing", in);
  }

  @Test
  void shouldOpenAnAccountHoldTheMeetingAndLoopUntilTheFileIsComplete() {
    ProcessInstance filing = start(false, "PRE_DEPOSIT_MEETING");

    // no account: the vendor is told to request one, before her task is there
    assertThat(filing).isWaitingAt("Event_NotifySesameAccountToRequest");
    track.runJobs(filing);
    assertThat(stubs.mails).containsExactly("SESAME_ACCOUNT_TO_REQUEST");
    assertThat(track.task(filing, "Task_RequestSesameAccount")).hasCandidateGroup("vendor-medisoft");
    track.complete(filing, "Task_RequestSesameAccount", Map.of());
    assertThat(track.task(filing, "Task_OpenSesameAccount")).hasCandidateGroup("has-reviewer");
    assertThat(stubs.mails).as("asking is the vendor's own step: no mail for it").hasSize(1);
    track.complete(filing, "Task_OpenSesameAccount", Map.of());
    track.runJobs(filing);
    assertThat(stubs.mails).containsExactly("SESAME_ACCOUNT_TO_REQUEST", "SESAME_ACCOUNT_OPENED");
    assertThat(track.task(filing, "Task_HoldHasMeeting")).hasCandidateGroup("has-reviewer");
    track.complete(filing, "Task_HoldHasMeeting", Map.of("hasMeetingDate", "2026-11-10"));

    assertThat(track.task(filing, "Task_DepositSesameApplication")).hasCandidateGroup("vendor-medisoft");
    track.complete(filing, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042"));
    track.runJobs(filing);
    assertThat(stubs.mails).endsWith("SESAME_APPLICATION_DEPOSITED");
    assertThat(track.task(filing, "Task_CheckSesameCompleteness")).hasCandidateGroup("ministry");
    track.complete(filing, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "INCOMPLETE",
        "sesameMissing", "The CE declaration"));
    track.runJobs(filing);

    // the vendor is told what is missing, and deposits again: each deposit is acknowledged
    assertThat(stubs.mails).endsWith("SESAME_APPLICATION_DEPOSITED", "FILE_INCOMPLETE");
    assertThat(filing).hasPassed("Event_NotifySesameIncomplete").isWaitingAt("Task_DepositSesameApplication");
    track.complete(filing, "Task_DepositSesameApplication", Map.of());
    track.runJobs(filing);
    track.complete(filing, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    assertThat(filing).as("the track ends only once the vendor is told").isWaitingAt("Event_NotifySesameFileComplete");
    track.runJobs(filing);

    assertThat(filing).isEnded().hasPassed("EndEvent_SesameFileComplete");
    assertThat(stubs.mails).containsExactly("SESAME_ACCOUNT_TO_REQUEST", "SESAME_ACCOUNT_OPENED",
        "SESAME_APPLICATION_DEPOSITED", "FILE_INCOMPLETE", "SESAME_APPLICATION_DEPOSITED", "SESAME_FILE_COMPLETE");
  }

  @Test
  void shouldGoStraightToTheDepositWithAnAccountAndNoMeeting() {
    ProcessInstance filing = start(true, "NONE");

    assertThat(filing).isWaitingAtExactly("Task_DepositSesameApplication");
    track.complete(filing, "Task_DepositSesameApplication", Map.of());
    track.runJobs(filing);
    track.complete(filing, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    track.runJobs(filing);

    assertThat(filing).isEnded().hasPassed("EndEvent_SesameFileComplete")
        .hasNotPassed("Task_RequestSesameAccount", "Task_HoldHasMeeting", "Event_NotifySesameAccountToRequest",
            "Event_NotifySesameAccountOpened");
    assertThat(stubs.mails).containsExactly("SESAME_APPLICATION_DEPOSITED", "SESAME_FILE_COMPLETE");
  }
}
