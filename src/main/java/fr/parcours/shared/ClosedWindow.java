package fr.parcours.shared;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.JobQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityStartBehavior;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The window that closes a task (an interrupting timer on it: a vendor's complements, the hearing request, an audit's
 * correction) when its end has come though the engine has not fired the timer yet: its job runs a few seconds later,
 * or later still when the server was stopped at that moment. One rule for the completion that is refused
 * ({@code security.FormFieldsOnly}) and for the dossier page that says the step is closing ({@code DossierBoard}).
 * A suspended timer (a window an administrator holds) does not fire, so it closes nothing; a reminder, or a window
 * that only flags the dossier late, does not close the task.
 *
 * @param end the window's end, the timer's due date (the end of its last day)
 * @param name the timer as the diagram names it (its id when it has no name)
 */
public record ClosedWindow(Instant end, String name) {

  /** The task's closed window, read in the command's context, without the person's rights; empty when none. */
  public static Optional<ClosedWindow> of(CommandContext context, String taskId) {
    TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getExecutionId() == null) {
      return Optional.empty();
    }
    Date now = ClockUtil.getCurrentTime();
    List<Job> due = context.runWithoutAuthorization(() -> ((JobQueryImpl) new JobQueryImpl()
        .executionId(task.getExecutionId()).timers().active().duedateLowerThenOrEquals(now))
        .executeList(context, null));
    if (due.isEmpty()) {
      return Optional.empty();
    }
    ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
    for (Job job : due) {
      ActivityImpl timer = definition.findActivity(((JobEntity) job).getActivityId());
      if (timer == null || !"boundaryTimer".equals(timer.getProperty("type"))
          || timer.getActivityStartBehavior() != ActivityStartBehavior.CANCEL_EVENT_SCOPE
          || timer.getEventScope() != null && !timer.getEventScope().getId().equals(task.getTaskDefinitionKey())) {
        continue;
      }
      // the parser keeps an activity's name as a property: getName() is null for every activity
      Object named = timer.getProperty("name");
      return Optional.of(new ClosedWindow(job.getDuedate().toInstant(),
          named instanceof String text && !text.isBlank() ? text : timer.getId()));
    }
    return Optional.empty();
  }

  /** The window's last day's moment: its end is the end of that day (the day a person is told). */
  public Instant lastMoment() {
    return end.minusMillis(1);
  }
}
