package fr.parcours.shared;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.JobQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityStartBehavior;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The window that closes a task (an interrupting timer on it: a vendor's complements, the hearing request, an audit's
 * correction) when its end has come though the engine has not fired the timer yet: its job runs a few seconds later,
 * or later still when the server was stopped at that moment. One rule for the completion that is refused
 * ({@code security.FormFieldsOnly}) and for the dossier page that says the step is closing ({@code DossierBoard}).
 * The timer may be drawn on the task or on any scope that encloses it: a sub-process, a multi-instance body, the call
 * activity that called the task's track (a process owner may draw one there in Modeler). A suspended timer (a window
 * an administrator holds) does not fire, so it closes nothing; a reminder, or a window that only flags the dossier
 * late, does not close the task. A timer whose job failed (no retries left: an incident in Cockpit) has closed the
 * window all the same, by law, but nothing closes the step until an administrator acts: {@link #failed()}.
 *
 * @param end the window's end, the timer's due date (the end of its last day)
 * @param name the timer as the diagram names it (its id when it has no name)
 * @param failed its job failed and waits for an administrator (an incident): the step is not "closing in a moment"
 */
public record ClosedWindow(Instant end, String name, boolean failed) {

  /** The task's closed window, read in the command's context, without the person's rights; empty when none. */
  public static Optional<ClosedWindow> of(CommandContext context, String taskId) {
    TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getExecutionId() == null) {
      return Optional.empty();
    }
    Date now = ClockUtil.getCurrentTime();
    // from the task up: each process instance with the executions and the scopes (activities) that enclose the task
    ExecutionEntity execution = task.getExecution();
    String activityId = task.getTaskDefinitionKey();
    while (execution != null) {
      ExecutionEntity instance = execution.getProcessInstance();
      Set<String> executions = new HashSet<>();
      for (ExecutionEntity e = execution; e != null; e = e.getParent()) {
        executions.add(e.getId());
      }
      ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById(instance.getProcessDefinitionId());
      Set<String> scopes = new HashSet<>();
      for (ScopeImpl scope = definition.findActivity(activityId); scope instanceof ActivityImpl activity;
          scope = activity.getFlowScope()) {
        scopes.add(activity.getId());
      }
      Optional<ClosedWindow> closed = closedAmong(context, instance.getId(), executions, scopes, definition, now);
      if (closed.isPresent()) {
        return closed;
      }
      execution = instance.getSuperExecution();
      activityId = execution == null ? null : execution.getActivityId();
    }
    return Optional.empty();
  }

  private static Optional<ClosedWindow> closedAmong(CommandContext context, String instanceId, Set<String> executions,
      Set<String> scopes, ProcessDefinitionEntity definition, Date now) {
    List<Job> due = context.runWithoutAuthorization(() -> ((JobQueryImpl) new JobQueryImpl()
        .processInstanceId(instanceId).timers().active().duedateLowerThenOrEquals(now))
        .executeList(context, null));
    for (Job job : due) {
      ActivityImpl timer = definition.findActivity(((JobEntity) job).getActivityId());
      if (!executions.contains(job.getExecutionId()) || timer == null
          || !"boundaryTimer".equals(timer.getProperty("type"))
          || timer.getActivityStartBehavior() != ActivityStartBehavior.CANCEL_EVENT_SCOPE
          || timer.getEventScope() == null || !scopes.contains(timer.getEventScope().getId())) {
        continue;
      }
      // the parser keeps an activity's name as a property: getName() is null for every activity
      Object named = timer.getProperty("name");
      return Optional.of(new ClosedWindow(job.getDuedate().toInstant(),
          named instanceof String text && !text.isBlank() ? text : timer.getId(), job.getRetries() == 0));
    }
    return Optional.empty();
  }

  /** The window's last day's moment: its end is the end of that day (the day a person is told). */
  public Instant lastMoment() {
    return end.minusMillis(1);
  }
}
