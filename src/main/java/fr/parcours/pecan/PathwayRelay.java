package fr.parcours.pecan;

import fr.parcours.ans.AnsProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Carries the two events that cross between a PECAN dossier and the ANS track it calls: "all evidence is
 * on Convergence" goes up to the PECAN dossier, "the ministers acknowledged receipt" goes down to the ANS
 * track, whose instruction then starts.
 */
@Component("pathwayRelay")
public class PathwayRelay implements JavaDelegate {

  /** In the ANS track: tell the calling pathway that the Convergence file is complete. */
  @Override
  public void execute(DelegateExecution ansTrack) {
    String parent = ansTrack.getProcessInstance().getSuperExecution() == null ? null
        : ansTrack.getProcessInstance().getSuperExecution().getProcessInstanceId();
    if (parent == null) {
      throw new IllegalStateException("Dossier " + ansTrack.getVariable(AnsProcess.DOSSIER_ID)
          + " waits for an acknowledgement of receipt but no pathway called its ANS track");
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
      throw new IllegalStateException("Dossier " + pecan.getVariable(AnsProcess.DOSSIER_ID)
          + " has no running ANS track to start the instruction of");
    }
    runtime(pecan).createMessageCorrelation(AnsProcess.MESSAGE_ACKNOWLEDGEMENT_RECEIVED)
        .processInstanceId(ansTrack.getId())
        .correlateWithResult();
  }

  private static RuntimeService runtime(DelegateExecution execution) {
    return execution.getProcessEngineServices().getRuntimeService();
  }
}
