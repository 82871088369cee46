package fr.parcours.dossier;

import fr.parcours.shared.DeploymentChecks;
import fr.parcours.shared.DiagramMistake;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.springframework.stereotype.Component;

/**
 * A pathway tells the tracks it calls that something happened: a message throw event of the pathway's diagram
 * with {@code camunda:delegateExpression="${messageToCalledTracks}"} sends its message to every track this
 * dossier calls that waits for it (PECAN: the go-ahead to the ANS instruction once receipt is acknowledged).
 * A message nobody waits for is a mistake of the diagrams: it fails, and becomes an incident naming it.
 */
@Component("messageToCalledTracks")
public class MessageToCalledTracks implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    String message = messageOf(execution);
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    List<ProcessInstance> waiting = runtime.createProcessInstanceQuery()
        .superProcessInstanceId(execution.getProcessInstanceId()).unlimitedList().stream()
        .filter(track -> runtime.createEventSubscriptionQuery().processInstanceId(track.getId())
            .eventType("message").eventName(message).count() > 0)
        .toList();
    if (waiting.isEmpty()) {
      throw new DiagramMistake("Le dossier " + execution.getProcessBusinessKey() + " envoie le message « "
          + message + " » depuis l’étape " + DeploymentChecks.named(execution.getCurrentActivityId(),
              execution.getCurrentActivityName()) + ", mais aucun des processus qu’il appelle ne l’attend en ce"
          + " moment : dans le diagramme « " + DeploymentChecks.processKey(execution.getProcessDefinitionId())
          + " », placez cette étape pendant l’appel du processus qui attend ce message, ou choisissez le message"
          + " qu’il attend, " + DeploymentChecks.THEN_DEPLOY);
    }
    for (ProcessInstance track : waiting) {
      runtime.createMessageCorrelation(message).processInstanceId(track.getId()).correlateWithResult();
    }
  }

  private static String messageOf(DelegateExecution execution) {
    ThrowEvent event = (ThrowEvent) execution.getBpmnModelElementInstance();
    return event.getEventDefinitions().stream().filter(MessageEventDefinition.class::isInstance)
        .map(d -> ((MessageEventDefinition) d).getMessage()).filter(m -> m != null).map(m -> m.getName())
        .findFirst().orElseThrow(() -> new DiagramMistake("L’étape " + DeploymentChecks.named(
            execution.getCurrentActivityId(), execution.getCurrentActivityName()) + " du processus « "
            + DeploymentChecks.processKey(execution.getProcessDefinitionId()) + " » (${messageToCalledTracks})"
            + " n’envoie aucun message : dans Modeler, choisissez son message (« Global message reference »), "
            + DeploymentChecks.THEN_DEPLOY));
  }
}
