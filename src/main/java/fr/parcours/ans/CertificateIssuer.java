package fr.parcours.ans;

import fr.parcours.device.DeviceFactsOf;
import fr.parcours.device.DeviceRecords;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Issues the certificate of conformity: its number derives from the dossier's, its date is today. It lands in the
 * device's records (whichever pathway called the track), kept there when the dossier's history is cleaned up.
 */
@Component("certificateIssuer")
class CertificateIssuer implements JavaDelegate {

  private final DeviceRecords records;
  private final String referentialVersion;

  CertificateIssuer(DeviceRecords records,
      @Value("${parcours.ans.referential-version:en vigueur}") String referentialVersion) {
    this.records = records;
    this.referentialVersion = referentialVersion;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String dossierId = (String) execution.getVariable(AnsProcess.DOSSIER_ID);
    Date now = ClockUtil.getCurrentTime();
    String number = "CC-" + dossierId;
    execution.setVariable(AnsProcess.CERTIFICATE_NUMBER, number);
    execution.setVariable(AnsProcess.CERTIFICATE_ISSUED_AT, now);
    records.certificateIssued(DeviceFactsOf.dossier(execution), number, DeviceRecords.ANS_REFERENTIAL,
        referentialVersion, now.toInstant(), null, dossierId, execution.getProcessInstanceId(),
        AnsProcess.KEY);
  }
}
