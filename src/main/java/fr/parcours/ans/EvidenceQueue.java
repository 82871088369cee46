package fr.parcours.ans;

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

  public void evidenceComplete(DelegateExecution execution) {
    Date now = ClockUtil.getCurrentTime();
    execution.setVariable(AnsProcess.EVIDENCE_COMPLETE_AT, now);
    execution.setVariable(AnsProcess.EVIDENCE_QUEUED_AT, now);
    execution.setVariable(AnsProcess.DEPRIORITISED, false);
  }

  public void deprioritise(DelegateExecution execution) {
    execution.setVariable(AnsProcess.EVIDENCE_QUEUED_AT, ClockUtil.getCurrentTime());
    execution.setVariable(AnsProcess.DEPRIORITISED, true);
  }
}
