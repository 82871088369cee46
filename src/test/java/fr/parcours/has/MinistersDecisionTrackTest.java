package fr.parcours.has;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/tracks/ministers-decision.bpmn on its own, without Spring: a decision after complements, complements that
 * never came (the decision reads ABANDONED), a decision overdue. The class fails below 100 % of the diagram.
 */
@Deployment(resources = {"bpmn/tracks/ministers-decision.bpmn", "bpmn/deadlines.dmn"})
class MinistersDecisionTrackTest extends TrackTestBase {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = TrackEngine.withFullCoverage();


  ProcessInstance start() {
    return start("PECAN");
  }

  ProcessInstance start(String pathway) {
    return track.start("ministers-decision", Map.of("vendorGroup", "vendor-medisoft", "pathway", pathway));
  }

  @Test
  void shouldAskTheMinistersForTheVendorsTimeOnlyWhenThePathwayLetsThemSetIt() {
    // Given the track started by a brand-name pathway (row MINISTERS_COMPLEMENTS, BRAND_NAME: >= P10D) and by PECAN
    // (10 days, set by the table)
    Task brandName = track.task(start("BRAND_NAME"), "Task_EvaluateApplication");
    Task pecan = track.task(start("PECAN"), "Task_EvaluateApplication");

    // Then the evaluation's form shows the length field, with its minimum, for the brand name only
    AskedLengthForm.assertOfferedOnlyTo(track.engine().getTaskService(), brandName, pecan);
    AskedLengthForm.assertAsks("evaluate-application", "ministersDecision", "MINISTERS_COMPLEMENTS");
  }

  @Test
  void shouldEvaluateAgainAfterComplementsThenDecide() {
    ProcessInstance decision = start();

    assertThat(track.task(decision, "Task_EvaluateApplication")).hasCandidateGroup("ministry")
        .hasDueDate(TrackEngine.Stubs.DUE);
    track.complete(decision, "Task_EvaluateApplication", Map.of("ministersDecision", "COMPLEMENTS"));
    track.runJobs(decision); // the vendor is told what is missing, and until when
    assertThat(stubs.mails).containsExactly("MINISTERS_COMPLEMENTS_REQUESTED");
    assertThat(track.task(decision, "Task_ProvideMinistersComplements")).hasCandidateGroup("vendor-medisoft")
        .hasDueDate(TrackEngine.Stubs.DUE);
    track.complete(decision, "Task_ProvideMinistersComplements", Map.of());
    track.runJobs(decision); // the vendor is told her answer is received, and the ministers' last day as it stands
    assertThat(stubs.mails).containsExactly("MINISTERS_COMPLEMENTS_REQUESTED", "MINISTERS_COMPLEMENTS_RECEIVED");
    track.complete(decision, "Task_EvaluateApplication", Map.of("ministersDecision", "FAVOURABLE"));

    assertThat(stubs.windowsAsked).contains("MINISTERS_DECISION from decisionWindowOpensAt", "MINISTERS_COMPLEMENTS");
    assertThat(decision).isEnded().hasPassed("EndEvent_Decided", "EndEvent_DecisionReached")
        .variables().containsEntry("ministersDecision", "FAVOURABLE");
  }

  @Test
  void shouldOpenTheSecondEvaluationWithNoDecisionChosenAndTheRequestAndAnswerShown() throws Exception {
    // Given an evaluation that asked for information, and the vendor's answer (walk 15: the second evaluation opened
    // pre-filled with « Des informations manquent » and its text, and showed the answer nowhere)
    ProcessInstance decision = start();
    track.complete(decision, "Task_EvaluateApplication", Map.of("ministersDecision", "COMPLEMENTS",
        "ministersComment", "Le nombre de patients visé", "window_MINISTERS_COMPLEMENTS_days", 12));
    track.runJobs(decision);
    track.complete(decision, "Task_ProvideMinistersComplements", Map.of("ministersComplementsAnswer", "2 000"));
    track.runJobs(decision);

    // Then the second evaluation's form reads no decision, no comment and no length of complements (walk 19: the
    // first round's 12 days stood in the field), but the request and the answer
    Map<String, Object> form = track.engine().getTaskService()
        .getVariables(track.task(decision, "Task_EvaluateApplication").getId());
    assertThat(form).doesNotContainKeys("ministersDecision", "ministersComment", "window_MINISTERS_COMPLEMENTS_days")
        .containsEntry("ministersComplementsAsked", "Le nombre de patients visé")
        .containsEntry("ministersComplementsAnswer", "2 000");
    // which the form shows
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(fr.parcours.support.FormFiles
        .of("evaluate-application").toFile()).toString())
        .contains("{{ministersComplementsAsked}}", "{{ministersComplementsAnswer}}");
  }

  @Test
  void shouldEndAsAbandonedWhenTheComplementsWindowPassesWithoutAnAnswer() {
    ProcessInstance decision = start();
    track.complete(decision, "Task_EvaluateApplication", Map.of("ministersDecision", "COMPLEMENTS"));
    track.runJobs(decision);

    track.fire(decision, "Timer_MinistersComplementsWindow");

    assertThat(decision).isEnded().hasPassed("EndEvent_MinistersComplementsLapsed", "EndEvent_DecisionReached")
        .hasNotPassed("EndEvent_Decided").variables().containsEntry("ministersDecision", "ABANDONED");
  }

  @Test
  void shouldFlagAnOverdueDecisionAndKeepTheEvaluationOpen() {
    ProcessInstance decision = start();

    track.fire(decision, "Timer_DecisionDue");

    assertThat(decision).hasPassed("Task_FlagOverdueDecision", "EndEvent_OverdueDecisionFlagged")
        .isWaitingAt("Task_EvaluateApplication").variables().containsEntry("decisionOverdue", true);
    track.complete(decision, "Task_EvaluateApplication", Map.of("ministersDecision", "UNFAVOURABLE"));
    assertThat(decision).isEnded().variables().containsEntry("ministersDecision", "UNFAVOURABLE");
  }
}
