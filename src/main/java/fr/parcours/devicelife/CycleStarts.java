package fr.parcours.devicelife;

import fr.parcours.devicelife.DeviceLifeProcess.Reason;
import fr.parcours.dossierpage.FirstTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Starts a certification cycle as the signed-in vendor asks it on {@code /devices}: through the engine, as that user
 * (the start event's initiator, the engine's rights), so that {@link RecertificationIntake} checks it as it checks
 * the Tasklist start form. Its refusals ({@link fr.parcours.shared.BadInputException}, the engine's
 * {@link org.camunda.bpm.engine.AuthorizationException}) come back whole; nothing is started then.
 */
@Lazy
@Service
public class CycleStarts {

  /**
   * A cycle started: its dossier, and the first task the vendor's company has in it once its mail step has run
   * (looked for during {@code parcours.start.first-task-wait}; empty when none by then).
   */
  public record Started(String dossierId, String processInstanceId, Optional<String> firstTaskId) {
  }

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final TaskService tasks;
  private final Duration firstTaskWait;

  CycleStarts(RuntimeService runtime, IdentityService identity, TaskService tasks,
      @Value("${parcours.start.first-task-wait:PT3S}") Duration firstTaskWait) {
    this.firstTaskWait = firstTaskWait;
    this.runtime = runtime;
    this.identity = identity;
    this.tasks = tasks;
  }

  /**
   * Starts the cycle of this certificate for this reason.
   *
   * @param newVersion the new model's software version (NEW_MODEL only), or blank to keep the certificate's
   */
  public Started start(String userId, List<String> groupIds, String certificateNumber, Reason reason,
      String newVersion) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(DeviceLifeProcess.PREVIOUS_CERTIFICATE, certificateNumber);
    variables.put(DeviceLifeProcess.REASON, reason.name());
    if (reason == Reason.NEW_MODEL && newVersion != null && !newVersion.isBlank()) {
      variables.put(DeviceLifeProcess.NEW_VERSION, newVersion);
    }
    ProcessInstance cycle;
    identity.setAuthentication(userId, groupIds);
    try {
      cycle = runtime.createProcessInstanceByKey(DeviceLifeProcess.KEY).setVariables(variables).execute();
    } finally {
      identity.clearAuthentication();
    }
    return new Started(cycle.getBusinessKey(), cycle.getId(),
        FirstTask.of(tasks, cycle.getBusinessKey(), groupIds, firstTaskWait));
  }
}
