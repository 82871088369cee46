package fr.parcours.devicelife;

import fr.parcours.devicelife.DeviceLifeProcess.Reason;
import fr.parcours.device.DeviceRecords;
import fr.parcours.dossierpage.FirstTask;
import fr.parcours.shared.BadInputException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
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

  private final DeviceRecords records;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final IdentityService identity;
  private final ProcessEngine engine;
  private final Duration firstTaskWait;

  CycleStarts(DeviceRecords records, RuntimeService runtime, HistoryService history, IdentityService identity,
      ProcessEngine engine, @Value("${parcours.start.first-task-wait:PT3S}") Duration firstTaskWait) {
    this.records = records;
    this.history = history;
    this.firstTaskWait = firstTaskWait;
    this.runtime = runtime;
    this.identity = identity;
    this.engine = engine;
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
    } catch (BadInputException refused) {
      // the same action sent twice (a double click, two tabs): the second finds the cycle the first started, and is
      // answered as the first was; any other refusal, or another company's certificate, stays a refusal
      Optional<ProcessInstance> first = alreadyStarted(userId, groupIds, certificateNumber, reason,
          (String) variables.get(DeviceLifeProcess.NEW_VERSION));
      if (first.isEmpty()) {
        throw refused;
      }
      cycle = first.get();
    } finally {
      identity.clearAuthentication();
    }
    return new Started(cycle.getBusinessKey(), cycle.getId(),
        FirstTask.of(engine, cycle.getBusinessKey(), groupIds, firstTaskWait));
  }

  /**
   * The running cycle that this person started (the engine's start user, not the candidature's applicant, which a
   * cycle Parcours opens carries over) to renew this certificate of her company for this reason, and for a
   * new model with this version (the authentication still set: the engine shows it only to its company). A cycle
   * Parcours opened, or a colleague, or another version, is not the one asked: that refusal stands, naming its
   * dossier.
   */
  private Optional<ProcessInstance> alreadyStarted(String userId, List<String> groupIds, String certificateNumber,
      Reason reason, String newVersion) {
    return records.certificate(certificateNumber).filter(c -> groupIds.contains(c.vendorGroup()))
        .flatMap(c -> records.runningRenewal(c.certificateNumber(), reason.name()))
        .flatMap(dossier -> history.createHistoricProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY)
            .processInstanceBusinessKey(dossier).startedBy(userId).unfinished().listPage(0, 1).stream().findFirst())
        .flatMap(started -> {
          ProcessInstanceQuery query = runtime.createProcessInstanceQuery().processInstanceId(started.getId());
          if (newVersion != null) {
            query.variableValueEquals(DeviceLifeProcess.NEW_VERSION, newVersion);
          }
          return query.listPage(0, 1).stream().findFirst();
        });
  }
}
