package fr.parcours.notification;

import fr.parcours.notification.NotificationRecord.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification journal (table {@code parcours_notification}, created by the Flyway migration {@code db/migration/V1__journal_messages_documents.sql}).
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
    return jdbc.query("SELECT * FROM parcours_notification WHERE process_instance_id IN ("
        + marks(processInstanceIds.size()) + ")"
        + " ORDER BY created_at, event, recipient", NotificationJournal::row, processInstanceIds.toArray());
  }

  /** The rows of one notification, by recipient: one statement. */
  Map<String, NotificationRecord> ofNotification(String key) {
    Map<String, NotificationRecord> byRecipient = new LinkedHashMap<>();
    jdbc.query("SELECT * FROM parcours_notification WHERE notification_key = ?", NotificationJournal::row, key)
        .forEach(row -> byRecipient.put(row.recipient(), row));
    return byRecipient;
  }

  /**
   * Records one more attempt at a mail to each recipient, in one transaction of at most two statements: one
   * update of the rows this notification already has (one more attempt, PENDING again), one batch of new PENDING
   * rows. Returns the row's id for each recipient.
   */
  Map<String, String> attempts(String key, String processInstanceId, String dossierId, NotificationEvent event,
      String activityId, List<String> recipients, Map<String, NotificationRecord> existing, Language language,
      String subject) {
    Map<String, String> ids = new LinkedHashMap<>();
    List<String> again = new ArrayList<>();
    List<Object[]> fresh = new ArrayList<>();
    Timestamp now = now();
    for (String recipient : recipients) {
      NotificationRecord row = existing.get(recipient);
      if (row != null) {
        again.add(row.id());
        ids.put(recipient, row.id());
      } else {
        String id = UUID.randomUUID().toString();
        fresh.add(new Object[] {id, key, processInstanceId, dossierId, event.name(), activityId, recipient,
            language.name(), subject, Status.PENDING.name(), now});
        ids.put(recipient, id);
      }
    }
    ownTransaction.executeWithoutResult(status -> {
      if (!again.isEmpty()) {
        List<Object> arguments = new ArrayList<>(List.of(Status.PENDING.name(), subject));
        arguments.addAll(again);
        jdbc.update("UPDATE parcours_notification SET attempts = attempts + 1, status = ?, subject = ?"
            + " WHERE id IN (" + marks(again.size()) + ")", arguments.toArray());
      }
      if (!fresh.isEmpty()) {
        jdbc.batchUpdate("INSERT INTO parcours_notification (id, notification_key, process_instance_id, dossier_id,"
            + " event, activity_id, recipient, language, subject, status, attempts, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)", fresh);
      }
    });
    return ids;
  }

  /**
   * Records what became of the attempts, in one transaction of at most two batches: the rows sent (id to the
   * mail's Message-ID) and the rows that failed (id to the error).
   */
  void outcomes(Map<String, String> sent, Map<String, String> failed) {
    Timestamp now = now();
    List<Object[]> sentRows = sent.entrySet().stream()
        .map(row -> new Object[] {Status.SENT.name(), now, row.getValue(), row.getKey()}).toList();
    List<Object[]> failedRows = failed.entrySet().stream()
        .map(row -> new Object[] {Status.FAILED.name(), shorten(row.getValue()), row.getKey()}).toList();
    ownTransaction.executeWithoutResult(status -> {
      if (!sentRows.isEmpty()) {
        jdbc.batchUpdate("UPDATE parcours_notification SET status = ?, sent_at = ?, message_id = ?,"
            + " last_error = NULL WHERE id = ?", sentRows);
      }
      if (!failedRows.isEmpty()) {
        jdbc.batchUpdate("UPDATE parcours_notification SET status = ?, last_error = ? WHERE id = ?", failedRows);
      }
    });
  }

  private static String shorten(String error) {
    return error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error;
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
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
