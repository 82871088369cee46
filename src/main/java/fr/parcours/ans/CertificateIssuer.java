package fr.parcours.ans;

import fr.parcours.device.DeviceFactsOf;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.evidence.EvidenceVariables;
import java.time.ZoneId;
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
  private final ReferentialVersions versions;
  private final ZoneId zone;

  CertificateIssuer(DeviceRecords records, ReferentialVersions versions,
      @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.records = records;
    this.versions = versions;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void execute(DelegateExecution execution) {
    String dossierId = (String) execution.getVariable(AnsProcess.DOSSIER_ID);
    Date now = ClockUtil.getCurrentTime();
    String number = "CC-" + dossierId;
    execution.setVariable(AnsProcess.CERTIFICATE_NUMBER, number);
    execution.setVariable(AnsProcess.CERTIFICATE_ISSUED_AT, now);
    // the version of the dossier's window, whose requirements its proofs answered
    String referentialVersion = versions.ofDossier(execution.getVariable(EvidenceVariables.REFERENTIAL_VERSION),
        DeviceRecords.ANS_REFERENTIAL, now.toInstant().atZone(zone).toLocalDate());
    records.certificateIssued(DeviceFactsOf.dossier(execution), number, DeviceRecords.ANS_REFERENTIAL,
        referentialVersion, now.toInstant(), null, dossierId, execution.getProcessInstanceId(),
        AnsProcess.KEY);
  }
}
