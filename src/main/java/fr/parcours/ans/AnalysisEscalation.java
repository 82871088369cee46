package fr.parcours.ans;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The ANS's analysis time is spent and its decision is due: the dossier is flagged and its open ANS tasks
 * go to the top of the reviewers' lists.
 */
@Component("analysisEscalation")
class AnalysisEscalation implements JavaDelegate {

  static final int OVERDUE_PRIORITY = 90;

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(AnsProcess.ANALYSIS_OVERDUE, true);
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
      tasks.setPriority(task.getId(), OVERDUE_PRIORITY);
    }
  }
}
