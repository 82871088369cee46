package fr.parcours.notification;

import fr.parcours.notification.NotificationRecord.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification journal (table {@code parcours_notification}, see {@code schema.sql}).
 *
 * <p>Every write runs in its own transaction ({@code REQUIRES_NEW}), apart from the engine's job: when the
 * SMTP server refuses a mail the job rolls back and is retried, but the journal keeps the attempt and
 * its error; when the server has accepted a mail the journal says so even if the job then rolls back, and
 * the retried job does not send it again. Times are the engine's clock.
 */
@Repository
public class NotificationJournal {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  NotificationJournal(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The journal of one dossier, oldest first. */
  public List<NotificationRecord> ofDossier(String processInstanceId) {
    return ofDossier(List.of(processInstanceId));
  }

  /** The rows of the process instances of one dossier (its pathway and the tracks it calls), oldest first. */
  public List<NotificationRecord> ofDossier(List<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", java.util.Collections.nCopies(processInstanceIds.size(), "?"));
    return jdbc.query("SELECT * FROM parcours_notification WHERE process_instance_id IN (" + marks + ")"
        + " ORDER BY created_at, event, recipient", NotificationJournal::row, processInstanceIds.toArray());
  }

  Optional<NotificationRecord> find(String key, String recipient) {
    return jdbc.query("SELECT * FROM parcours_notification WHERE notification_key = ? AND recipient = ?",
        NotificationJournal::row, key, recipient).stream().findFirst();
  }

  /**
   * Records one more attempt at a mail: a new PENDING row, or the existing row of this notification with
   * one more attempt. Returns the row's id.
   */
  String attempt(String key, String processInstanceId, String dossierId, NotificationEvent event,
      String activityId, String recipient, Language language, String subject) {
    return ownTransaction.execute(status -> {
      Optional<NotificationRecord> existing = find(key, recipient);
      if (existing.isPresent()) {
        jdbc.update("UPDATE parcours_notification SET attempts = attempts + 1, status = ?, subject = ?"
            + " WHERE id = ?", Status.PENDING.name(), subject, existing.get().id());
        return existing.get().id();
      }
      String id = UUID.randomUUID().toString();
      jdbc.update("INSERT INTO parcours_notification (id, notification_key, process_instance_id, dossier_id,"
          + " event, activity_id, recipient, language, subject, status, attempts, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)", id, key, processInstanceId, dossierId, event.name(),
          activityId, recipient, language.name(), subject, Status.PENDING.name(), now());
      return id;
    });
  }

  void sent(String id, String messageId) {
    ownTransaction.executeWithoutResult(status -> jdbc.update("UPDATE parcours_notification SET status = ?,"
        + " sent_at = ?, message_id = ?, last_error = NULL WHERE id = ?", Status.SENT.name(), now(), messageId, id));
  }

  void failed(String id, String error) {
    String shortError = error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error;
    ownTransaction.executeWithoutResult(status -> jdbc.update("UPDATE parcours_notification SET status = ?,"
        + " last_error = ? WHERE id = ?", Status.FAILED.name(), shortError, id));
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static NotificationRecord row(ResultSet rs, int rowNum) throws SQLException {
    return new NotificationRecord(rs.getString("id"), rs.getString("process_instance_id"),
        rs.getString("dossier_id"), rs.getString("event"), rs.getString("activity_id"), rs.getString("recipient"),
        rs.getString("language"), rs.getString("subject"), Status.valueOf(rs.getString("status")),
        rs.getInt("attempts"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")),
        rs.getString("message_id"), rs.getString("last_error"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
