package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;

/**
 * Which queries read the user's grants once as sets and which probe each task's ({@link
 * TaskGrantCheck#readsGrantsAsSets}): what each person sees is the same either way ({@code TaskGrantCheckTest}); the
 * choice decides how long the large queues take ({@code QueueBenchmark}).
 */
class TaskGrantCheckShapeTest {

  @Test
  void aStepsQueueAndAnAgencysDeskReadTheGrantsAsSets() {
    assertThat(sets(query().taskDefinitionKey("Task_ReviewEvidence")
        .taskCandidateGroup("ans-reviewer"))).as("a pathway's queue").isTrue();
    assertThat(sets(query().taskCandidateGroup("ans-reviewer")))
        .as("one group's tasks of every step (a reviewer's first filter)").isTrue();
  }

  @Test
  void aUsersGroupsAndQueriesNamingTheirTasksProbeEachTask() {
    assertThat(sets(query().taskCandidateGroupIn(List.of("vendor-medisoft"))))
        .as("a vendor company's tasks, through the user's groups").isFalse();
    assertThat(sets(query())).as("every task").isFalse();
    assertThat(sets(query().taskCandidateGroup("ans-reviewer")
        .processInstanceId("dossier"))).as("one dossier's tasks of a group").isFalse();
    assertThat(sets(query().taskDefinitionKey("Task_ReviewEvidence")
        .processInstanceBusinessKey("DMN-1"))).as("one dossier's step").isFalse();
  }

  private static TaskQueryImpl query() {
    return new TaskQueryImpl();
  }

  private static boolean sets(TaskQuery query) {
    return TaskGrantCheck.readsGrantsAsSets((TaskQueryImpl) query);
  }
}
