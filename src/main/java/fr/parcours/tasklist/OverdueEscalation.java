package fr.parcours.tasklist;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * An agency's window has passed and its answer is due: the dossier is flagged (the variable named by the
 * step's input parameter {@code overdueFlag}) and its open tasks go to the top of the reviewers' lists.
 */
@Component("overdueEscalation")
class OverdueEscalation implements JavaDelegate {

  static final String FLAG_PARAMETER = "overdueFlag";
  static final int OVERDUE_PRIORITY = 90;

  @Override
  public void execute(DelegateExecution execution) {
    Object flag = execution.getVariableLocal(FLAG_PARAMETER);
    if (!(flag instanceof String name) || name.isBlank()) {
      throw new IllegalStateException("Step " + execution.getCurrentActivityId() + " must name the variable to"
          + " flag in its input parameter '" + FLAG_PARAMETER + "'");
    }
    execution.getProcessInstance().setVariable(name, true);
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
      tasks.setPriority(task.getId(), OVERDUE_PRIORITY);
    }
  }
}
