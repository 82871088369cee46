package fr.parcours.audit;

import fr.parcours.shared.BadInputException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The compliance audits as rows of {@code parcours_audit} (V8), written in the engine's transaction: one audit of a
 * certificate runs at a time, which the table's unique index holds even for two audits opened at the same instant
 * (the second is refused with a sentence, nothing started). The row is closed with the audit's outcome when its
 * process ends ({@code ${auditClosing}}, the process's end listener), which lets a new audit open.
 */
@Component("auditClosing")
class AuditRecords implements ExecutionListener {

  private final JdbcTemplate jdbc;

  AuditRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The dossier of the audit that runs on this certificate, if one runs. */
  Optional<String> running(String certificateNumber) {
    return jdbc.queryForList("SELECT dossier_id FROM parcours_audit WHERE running_certificate = ?", String.class,
        certificateNumber).stream().findFirst();
  }

  /** The dossier of the audit this auditor opened, and which runs, on this certificate, if there is one. */
  Optional<String> runningOpenedBy(String certificateNumber, String auditor) {
    return jdbc.queryForList("SELECT dossier_id FROM parcours_audit WHERE running_certificate = ? AND opened_by = ?",
        String.class, certificateNumber, auditor).stream().findFirst();
  }

  /** Records that an audit of the certificate runs. Refused, nothing stored: another audit of it runs. */
  void opened(String certificateNumber, String dossierId, String processInstanceId, String auditor, Instant at) {
    Optional<String> running = running(certificateNumber);
    if (running.isPresent()) {
      throw alreadyAudited(certificateNumber, running.get());
    }
    try {
      jdbc.update("INSERT INTO parcours_audit (id, certificate_number, running_certificate, dossier_id,"
          + " process_instance_id, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(),
          certificateNumber, certificateNumber, dossierId, processInstanceId, auditor, Timestamp.from(at));
    } catch (DuplicateKeyException openedMeanwhile) {
      // another auditor opened one at the same instant: its row was committed while this insert waited for it
      throw new BadInputException("Un autre audit du certificat « " + certificateNumber + " » vient d’être ouvert, au"
          + " même moment : poursuivez celui-ci (« Audit ANS — toutes les tâches » dans Tasklist, ou la page « Ouvrir"
          + " un audit de conformité ») ; aucun second audit n’a été ouvert.");
    }
  }

  static BadInputException alreadyAudited(String number, String dossierId) {
    return new BadInputException("Un audit est déjà en cours sur le certificat « " + number + " » (dossier "
        + dossierId + ") : poursuivez-le ; un nouvel audit pourra être ouvert quand il sera clos.");
  }

  /** The audit's process ended (closed, withdrawn, or deleted): its certificate may be audited again. */
  @Override
  public void notify(DelegateExecution execution) {
    Object outcome = execution.getVariable(ComplianceAuditProcess.OUTCOME);
    jdbc.update("UPDATE parcours_audit SET running_certificate = NULL, closed_at = ?, outcome = ? WHERE"
        + " process_instance_id = ? AND closed_at IS NULL", Timestamp.from(ClockUtil.getCurrentTime().toInstant()),
        outcome == null ? null : outcome.toString(), execution.getProcessInstanceId());
  }
}
