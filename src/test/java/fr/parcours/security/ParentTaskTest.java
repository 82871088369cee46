package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A task made by hand ({@code PUT /task/{id}}) the subtask of another is deleted by the engine when that other one
 * completes, and its dossier waits for ever at a step without a task. Before, alice made the deposit task of one
 * dossier the subtask of another dossier's, completed that one, and the first dossier had no task left. A case
 * instance or a tenant set by hand are refused too (the tenant answered 500 in English).
 */
class ParentTaskTest extends ProcessTestBase {

  @Test
  void shouldRefuseMakingADossiersTaskTheSubtaskOfAnotherOrMovingItToACaseOrTenant() {
    ProcessInstance first = startApplication("alice", "ans-certification", Candidatures.valid());
    ProcessInstance second = startApplication("alice", "ans-certification", Candidatures.valid());
    Task parent = task(first, "Task_DepositAdministrativeDossier");
    Task child = task(second, "Task_DepositAdministrativeDossier");

    for (String change : java.util.List.of("parent", "case", "tenant")) {
      assertThatThrownBy(() -> as("alice", () -> {
        Task same = taskService.createTaskQuery().taskId(child.getId()).singleResult();
        switch (change) {
          case "parent" -> same.setParentTaskId(parent.getId());
          case "case" -> same.setCaseInstanceId("no-such-case");
          default -> same.setTenantId("t1");
        }
        taskService.saveTask(same);
      })).as(change).isInstanceOf(AuthorizationException.class).hasMessageContaining("sous-tâche");
    }
    Task stored = taskService.createTaskQuery().taskId(child.getId()).singleResult();
    assertThat(stored.getParentTaskId()).isNull();
    assertThat(stored.getCaseInstanceId()).isNull();

    complete("alice", first, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    assertThat(task(second, "Task_DepositAdministrativeDossier")).as("the other dossier keeps its task").isNotNull();
  }
}
