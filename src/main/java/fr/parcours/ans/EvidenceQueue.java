package fr.parcours.ans;

import fr.parcours.evidence.EvidenceVariables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The ANS instructs dossiers in the order their complete evidence was received (seed 004 §6.4); a
 * deprioritised dossier goes to the back of the queue. The Tasklist queue sorts on
 * {@link AnsProcess#EVIDENCE_QUEUED_AT}.
 */
@Component("evidenceQueue")
public class EvidenceQueue {

  /**
   * The dossier's place is the moment the send that completed its evidence was received
   * ({@link EvidenceVariables#RECEIVED_COMPLETE_AT}), not the later moment the vendor declared it.
   */
  public void evidenceComplete(DelegateExecution execution) {
    Object received = execution.getVariable(EvidenceVariables.RECEIVED_COMPLETE_AT);
    Date completeAt = received instanceof Date date ? date : ClockUtil.getCurrentTime();
    execution.setVariable(AnsProcess.EVIDENCE_COMPLETE_AT, completeAt);
    execution.setVariable(AnsProcess.EVIDENCE_QUEUED_AT, completeAt);
    execution.setVariable(AnsProcess.DEPRIORITISED, false);
  }

  public void deprioritise(DelegateExecution execution) {
    execution.setVariable(AnsProcess.EVIDENCE_QUEUED_AT, ClockUtil.getCurrentTime());
    execution.setVariable(AnsProcess.DEPRIORITISED, true);
  }
}
