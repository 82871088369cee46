package fr.parcours.shared;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Whether a dossier is about to move by itself: a step of it is due now (a job, a mail step most often) and this
 * node's job executor runs. A page that waits a moment for what a start makes (its first task) waits only then; else
 * nothing comes soon (the next step waits for someone else, or for a date) and the page answers at once.
 */
public final class StepsDue {

  private StepsDue() {
  }

  /** The running parts of a dossier (the pathway and the tracks it calls share its business key), a few at most. */
  public static List<String> partsOf(ProcessEngine engine, String businessKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .listPage(0, 20).stream().map(ProcessInstance::getId).toList();
  }

  /** Whether this node's job executor runs, and one of these process instances has a step due now. */
  public static boolean dueNow(ProcessEngine engine, List<String> processInstanceIds) {
    JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (jobs == null || !jobs.isActive()) {
      return false; // no one here runs the step: waiting would only make the answer late
    }
    return processInstanceIds.stream().anyMatch(id -> engine.getManagementService().createJobQuery()
        .processInstanceId(id).executable().count() > 0);
  }
}
