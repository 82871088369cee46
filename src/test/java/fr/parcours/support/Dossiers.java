package fr.parcours.support;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Dossiers as the HTTP tests need them: applied for by a vendor's user, past the mails before her first task. */
public final class Dossiers {

  private Dossiers() {
  }

  /** The user of that company group submits a valid candidature through the ANS track's start form. */
  public static ProcessInstance applyAs(ProcessEngine engine, String user, String companyGroup) {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("ans-certification").latestVersion().singleResult().getId();
    ProcessInstance dossier;
    engine.getIdentityService().setAuthentication(user, List.of(companyGroup));
    try {
      dossier = engine.getFormService().submitStartForm(definition, Candidatures.valid());
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runMailSteps(engine, dossier.getId());
    return dossier;
  }

  /** The notification steps waiting in the dossier, run as the job executor would (it is off in tests). */
  public static void runMailSteps(ProcessEngine engine, String processInstanceId) {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
          .messages().listPage(0, 1);
      if (jobs.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(jobs.get(0).getId());
    }
  }
}
