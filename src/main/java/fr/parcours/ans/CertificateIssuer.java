package fr.parcours.ans;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Issues the certificate of conformity: its number derives from the dossier's, its date is today. */
@Component("certificateIssuer")
class CertificateIssuer implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    String dossierId = (String) execution.getVariable(AnsProcess.DOSSIER_ID);
    Date now = ClockUtil.getCurrentTime();
    execution.setVariable(AnsProcess.CERTIFICATE_NUMBER, "CC-" + dossierId);
    execution.setVariable(AnsProcess.CERTIFICATE_ISSUED_AT, now);
  }
}
