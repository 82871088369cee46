package fr.parcours.pecan;

import fr.parcours.ans.AnsProcess;
import fr.parcours.shared.DeploymentChecks;
import fr.parcours.shared.DiagramMistake;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * For the PECAN dossiers started before the ANS track stopped naming its caller (their diagram versions call
 * {@code ${pathwayRelay}}): carries "all evidence is on Convergence" up to the PECAN dossier and "the ministers
 * acknowledged receipt" down to the ANS track. Those dossiers finish on the version they started with, so this
 * bean stays until none is running; today's diagrams send the first as the escalation EVIDENCE_COMPLETE and the
 * second as the message InstructionGoAhead ({@code dossier.MessageToCalledTracks}).
 */
@Component("pathwayRelay")
public class PathwayRelay implements JavaDelegate {

  /** The message the ANS track of those versions waits for. */
  static final String MESSAGE_ACKNOWLEDGEMENT_RECEIVED = "AcknowledgementReceived";

  /** In the ANS track: tell the calling pathway that the Convergence file is complete. */
  @Override
  public void execute(DelegateExecution ansTrack) {
    String parent = ansTrack.getProcessInstance().getSuperExecution() == null ? null
        : ansTrack.getProcessInstance().getSuperExecution().getProcessInstanceId();
    if (parent == null) {
      throw new DiagramMistake("Le dossier " + ansTrack.getVariable(AnsProcess.DOSSIER_ID) + " doit prévenir"
          + " son parcours que les preuves sont sur Convergence (étape " + DeploymentChecks.named(
              ansTrack.getCurrentActivityId(), ansTrack.getCurrentActivityName()) + ", ${pathwayRelay}), mais"
          + " aucun parcours n’a appelé sa certification ANS : ${pathwayRelay} ne sert que dans une certification"
          + " ANS appelée par PECAN ; retirez-le d’une certification démarrée seule, "
          + DeploymentChecks.THEN_DEPLOY);
    }
    runtime(ansTrack).createMessageCorrelation(PecanProcess.MESSAGE_CONVERGENCE_FILE_COMPLETE)
        .processInstanceId(parent)
        .correlateWithResult();
  }

  /** In the PECAN dossier, once the acknowledgement is sent: the ANS instruction may start. */
  public void acknowledgementSent(DelegateExecution pecan) {
    ProcessInstance ansTrack = runtime(pecan).createProcessInstanceQuery()
        .superProcessInstanceId(pecan.getProcessInstanceId())
        .singleResult();
    if (ansTrack == null) {
      throw new DiagramMistake("Le dossier " + pecan.getVariable(AnsProcess.DOSSIER_ID) + " n’a aucune"
          + " certification ANS en cours à qui donner le départ de l’instruction (étape " + DeploymentChecks.named(
              pecan.getCurrentActivityId(), pecan.getCurrentActivityName()) + ") : dans le diagramme « "
          + DeploymentChecks.processKey(pecan.getProcessDefinitionId()) + " », cette étape doit venir pendant"
          + " l’appel de la certification ANS, " + DeploymentChecks.THEN_DEPLOY);
    }
    runtime(pecan).createMessageCorrelation(MESSAGE_ACKNOWLEDGEMENT_RECEIVED)
        .processInstanceId(ansTrack.getId())
        .correlateWithResult();
  }

  private static RuntimeService runtime(DelegateExecution execution) {
    return execution.getProcessEngineServices().getRuntimeService();
  }
}
