package fr.parcours.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * A dossier moved on through the engine as its users would move it in Tasklist, for the HTTP tests that then
 * read it through the pages: a step's task found in any instance of the dossier, its form submitted as the user
 * (with their groups, so the form checks and the authorizations apply), the mail steps run as the job executor
 * would (it is off in tests; never the timers).
 */
public final class EngineSteps {

  private final ProcessEngine engine;

  public EngineSteps(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The open task of that step, in the instance or in a track of its dossier: they all carry the number. */
  public Task task(ProcessInstance instance, String key) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey(key).singleResult();
    assertThat(task).as("open task %s", key).isNotNull();
    return task;
  }

  public void complete(String user, ProcessInstance instance, String key, Map<String, Object> variables) {
    Task task = task(instance, key);
    as(user, () -> {
      engine.getFormService().submitTaskForm(task.getId(), variables);
      return null;
    });
    runJobs();
  }

  /** The mail steps, run as the job executor would (it is off in tests); never the timers. */
  public void runJobs() {
    for (int round = 0; round < 100; round++) {
      List<Job> jobs = engine.getManagementService().createJobQuery().messages().withRetriesLeft().active()
          .listPage(0, 1);
      if (jobs.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(jobs.get(0).getId());
    }
  }

  public <T> T as(String user, Supplier<T> action) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
