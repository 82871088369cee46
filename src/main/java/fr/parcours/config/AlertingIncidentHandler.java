package fr.parcours.config;

import fr.parcours.ans.AnsProcess;
import fr.parcours.notification.IncidentAlert;
import fr.parcours.notification.IncidentAlerts;
import fr.parcours.security.Roles;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * Camunda's incident handler for failed jobs and external tasks, which also tells the administrators and process
 * owners ({@link IncidentAlerts}) once the incident is stored: what it is read in the transaction that raises it, the
 * mail goes after its commit, so a rolled-back failure mails nobody and each incident is mailed by the one node that
 * raised it.
 */
class AlertingIncidentHandler extends DefaultIncidentHandler {

  private final Supplier<IncidentAlerts> alerts;

  AlertingIncidentHandler(String type, Supplier<IncidentAlerts> alerts) {
    super(type);
    this.alerts = alerts;
  }

  @Override
  public Incident handleIncident(IncidentContext context, String message) {
    Incident incident = super.handleIncident(context, message);
    CommandContext command = Context.getCommandContext();
    IncidentAlerts told = alerts.get();
    if (command != null && told != null) {
      IncidentAlert alert = command.runWithoutAuthorization(() -> describe(command, context, incident));
      command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, done -> told.raised(alert));
    }
    return incident;
  }

  private static IncidentAlert describe(CommandContext command, IncidentContext context, Incident incident) {
    ExecutionEntity execution = context.getExecutionId() == null ? null
        : command.getExecutionManager().findExecutionById(context.getExecutionId());
    String processInstanceId = incident.getProcessInstanceId();
    String dossierId = null;
    String processName = null;
    String definitionKey = null;
    String stepName = context.getActivityId();
    if (execution != null) {
      Object number = execution.getVariable(AnsProcess.DOSSIER_ID);
      dossierId = number instanceof String text && !text.isBlank() ? text : execution.getProcessBusinessKey();
      ProcessDefinitionEntity definition = execution.getProcessDefinition();
      if (definition != null) {
        processName = definition.getName() == null ? definition.getKey() : definition.getName();
        definitionKey = definition.getKey();
        ActivityImpl activity = context.getActivityId() == null ? null : definition.findActivity(context.getActivityId());
        if (activity != null && activity.getName() != null && !activity.getName().isBlank()) {
          stepName = activity.getName().replaceAll("\\s+", " ").trim();
        }
      }
    }
    if (dossierId == null) {
      dossierId = processInstanceId;
    }
    if (definitionKey == null) {
      definitionKey = context.getProcessDefinitionId();
    }
    return new IncidentAlert(definitionKey + "/" + context.getActivityId(), dossierId, processInstanceId,
        processName == null ? "?" : processName, stepName == null ? "?" : stepName, incident.getIncidentMessage(),
        incident.getIncidentTimestamp().toInstant(), recipients(command));
  }

  /** The addresses of the administrators and process owners, each once. */
  private static List<String> recipients(CommandContext command) {
    Set<String> addresses = new LinkedHashSet<>();
    for (String group : List.of(Roles.ADMIN, Roles.PROCESS_OWNER)) {
      for (User user : command.getReadOnlyIdentityProvider().createUserQuery().memberOfGroup(group).list()) {
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
          addresses.add(user.getEmail().trim());
        }
      }
    }
    return List.copyOf(addresses);
  }
}
