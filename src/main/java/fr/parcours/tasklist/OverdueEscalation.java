package fr.parcours.tasklist;

import fr.parcours.shared.DeploymentChecks;
import fr.parcours.shared.DiagramMistake;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * A window has passed: the dossier is flagged (the variable named by the step's input parameter
 * {@code overdueFlag}) and its open tasks, in its pathway and in the tracks it calls, go to the top of the
 * lists and into the reviewers' filter "… — dossiers signalés en retard".
 */
@Component("overdueEscalation")
class OverdueEscalation implements JavaDelegate {

  static final String FLAG_PARAMETER = "overdueFlag";
  static final int OVERDUE_PRIORITY = 90;

  @Override
  public void execute(DelegateExecution execution) {
    Object flag = execution.getVariableLocal(FLAG_PARAMETER);
    if (!(flag instanceof String name) || name.isBlank()) {
      throw new DiagramMistake("L’étape " + DeploymentChecks.named(execution.getCurrentActivityId(),
          execution.getCurrentActivityName()) + " du processus « "
          + DeploymentChecks.processKey(execution.getProcessDefinitionId()) + " » (${overdueEscalation}) ne dit pas"
          + " quelle variable signale le dossier en retard : dans Modeler, ajoutez dans ses « Inputs » la variable"
          + " locale « " + FLAG_PARAMETER + " » dont la valeur est ce nom (par exemple analysisOverdue), "
          + DeploymentChecks.THEN_DEPLOY);
    }
    execution.getProcessInstance().setVariable(name, true);
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    // every open task of the dossier: its pathway's and those of the tracks it calls, which carry its number
    String dossier = execution.getProcessBusinessKey();
    TaskQuery open = dossier == null
        ? tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        : tasks.createTaskQuery().processInstanceBusinessKey(dossier);
    for (Task task : open.list()) {
      tasks.setPriority(task.getId(), OVERDUE_PRIORITY);
    }
  }
}
