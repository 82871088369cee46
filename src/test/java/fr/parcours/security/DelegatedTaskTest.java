package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A delegated task is resolved, not completed, when its form is sent: the engine stores the values and gives the task
 * back without the task's completion checks. Before, alice delegated her administrative dossier to herself (or set
 * its delegation to PENDING with {@code PUT /task/{id}}), sent it with another company's name and other software
 * profiles, and both were stored, where the same form sent normally is refused.
 */
class DelegatedTaskTest extends ProcessTestBase {

  @Test
  void shouldRefuseDelegatingATaskOrMakingItPendingByHand() {
    ProcessInstance dossier = startApplication("alice", "ans-certification", Candidatures.valid());
    Task deposit = task(dossier, "Task_DepositAdministrativeDossier");

    assertThatThrownBy(() -> as("alice", () -> taskService.delegateTask(deposit.getId(), "alice")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("ne se délègue pas");
    assertThatThrownBy(() -> as("alice", () -> {
      Task same = taskService.createTaskQuery().taskId(deposit.getId()).singleResult();
      same.setDelegationState(DelegationState.PENDING);
      taskService.saveTask(same);
    })).isInstanceOf(AuthorizationException.class).hasMessageContaining("ne se délègue pas");
    assertThat(taskService.createTaskQuery().taskId(deposit.getId()).singleResult().getDelegationState()).isNull();

    complete("alice", dossier, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    Task review = task(dossier, "Task_ReviewAdmissibility");
    assertThatThrownBy(() -> as("ana", () -> taskService.delegateTask(review.getId(), "ana")))
        .as("a reviewer's own group's task").isInstanceOf(AuthorizationException.class);
  }

  @Test
  void shouldRefuseSendingTheFormOfATaskDelegatedBefore() {
    ProcessInstance dossier = startApplication("alice", "ans-certification", Candidatures.valid());
    Task deposit = task(dossier, "Task_DepositAdministrativeDossier");
    as("admin", () -> taskService.delegateTask(deposit.getId(), "alice"));

    assertThatThrownBy(() -> as("alice", () -> formService.submitTaskForm(deposit.getId(), Map.of(
        "depositAction", "DRAFT", "companyName", "TéléCardio SARL", "softwareProfiles",
        Candidatures.json("[\"SOCLE\",\"RI\"]"))))).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("a été déléguée");
    assertThatThrownBy(() -> as("bruno", () -> formService.submitTaskForm(deposit.getId(),
        Map.of("depositAction", "DRAFT")))).as("another company's: told nothing of it")
        .isInstanceOf(AuthorizationException.class).hasMessageNotContaining("a été déléguée");
    assertThat(runtimeService.getVariable(dossier.getId(), "companyName")).isEqualTo("MediSoft SAS");
    assertThat(task(dossier, "Task_DepositAdministrativeDossier")).isNotNull();
  }
}
