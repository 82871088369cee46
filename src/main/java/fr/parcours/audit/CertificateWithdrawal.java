package fr.parcours.audit;

import fr.parcours.device.DeviceRecords;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Withdraws the audited certificate (seed 003 step 6.2: a proven non-conformity not corrected), with the auditor's
 * reasons when the correction was refused, or the finding itself when the correction window passed. When a
 * re-certification of the device replaced the audited certificate during the audit, the certificate withdrawn is the
 * one in force that replaced it: the audit found the device as deployed out of conformity, and withdrawing a
 * certificate already replaced would leave the device certified. The withdrawal is written in the step's
 * transaction: rolled back, nothing is withdrawn.
 */
@Component("certificateWithdrawal")
class CertificateWithdrawal implements JavaDelegate {

  /** The length of {@code parcours_certificate.withdrawal_reason}. */
  static final int MAX_REASONS = 2000;

  private final DeviceRecords records;

  CertificateWithdrawal(DeviceRecords records) {
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reasons = reasons(execution.getVariable(ComplianceAuditProcess.WITHDRAWAL_REASONS),
        execution.getVariable(ComplianceAuditProcess.NON_CONFORMITY));
    String number = records.latestOf((String) execution.getVariable(ComplianceAuditProcess.CERTIFICATE_NUMBER));
    records.withdraw(number, reasons, ClockUtil.getCurrentTime().toInstant());
    execution.setVariable(ComplianceAuditProcess.WITHDRAWN_CERTIFICATE, number);
    // a cycle already running on the device (a new model, say) goes on: it is the new candidature the vendor owes
    records.certificate(number).flatMap(c -> records.runningCycle(c.deviceId()))
        .ifPresent(cycle -> execution.setVariable(ComplianceAuditProcess.RUNNING_CYCLE, cycle));
    execution.setVariable(ComplianceAuditProcess.WITHDRAWAL_REASONS, reasons);
    execution.setVariable(ComplianceAuditProcess.WITHDRAWN_AT, ClockUtil.getCurrentTime());
  }

  /** The auditor's reasons if given; otherwise the non-conformity left uncorrected in its window. */
  static String reasons(Object auditorReasons, Object finding) {
    if (auditorReasons instanceof String text && !text.isBlank()) {
      return fit(text.strip());
    }
    if (finding instanceof String text && !text.isBlank()) {
      return fit("Non-conformité avérée non corrigée dans le délai de mise en conformité : " + text.strip());
    }
    return null; // refused by the records: a withdrawal always has its reasons
  }

  /** The certificate keeps 2,000 characters of reasons; the whole finding stays in the audit's dossier. */
  private static String fit(String reasons) {
    return reasons.length() <= MAX_REASONS ? reasons : reasons.substring(0, MAX_REASONS - 1) + "…";
  }
}
