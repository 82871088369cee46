package fr.parcours.notification;

import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.deadline.DeadlineTable;
import fr.parcours.support.ProcessTestBase;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints what Parcours' glue costs per mail step and per question to the deadlines table, against the way it
 * worked before, measured side by side in the same run on the same engine, database and SMTP server (the
 * baselines below repeat the former code): a mail to two recipients sent over one SMTP connection with the
 * journal in three statements, against one connection and four statements per recipient; the table in force
 * read once per deployment, against a database query at every question. Templates are not rendered (the same
 * for both). No timing assertion: figures depend on the machine.
 */
class GlueBenchmark extends ProcessTestBase {

  static final int WARM_UP = 50;
  static final int ROUNDS = 300;
  static final String FROM = "Parcours <no-reply@parcours.example>";

  @Autowired JavaMailSender sender;
  @Autowired NotificationJournal journal;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired DeadlineCatalogue deadlines;

  @Test
  void printTheGlueAgainstTheFormerWay() {
    MailTemplates fixed = new MailTemplates() {
      @Override
      RenderedMail render(NotificationEvent event, Language language, Map<String, Object> model) {
        return new RenderedMail("Dossier reçu", "Bonjour,\nvotre dossier est reçu.", "<p>Bonjour,</p><p>votre dossier est reçu.</p>");
      }
    };
    VendorMailer mailer = new VendorMailer(sender, fixed, null, null, journal, FROM); // no document: no templates, no store
    TransactionTemplate own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    List<String> recipients = List.of("jean.dupont@medisoft.example", "alice.martin@medisoft.example");

    List<Long> mailBefore = new ArrayList<>();
    List<Long> mailNow = new ArrayList<>();
    List<Long> tableBefore = new ArrayList<>();
    List<Long> tableNow = new ArrayList<>();
    for (int round = 0; round < WARM_UP + ROUNDS; round++) {
      boolean counted = round >= WARM_UP;
      String key = "bench-" + UUID.randomUUID();
      long before = timed(() -> formerMail(own, key + "-before", recipients));
      long now = timed(() -> mailer.send(new Notification(key, "bench-pi", "DMN-BENCH", "Event_Bench",
          NotificationEvent.APPLICATION_RECEIVED, Language.FR, recipients.stream()
              .map(r -> new Notification.Recipient(r, "contactEmail")).toList(), Map.of(), null)));
      long queried = timed(() -> formerTable().find("ANS_COMPLEMENTS", "PECAN"));
      long kept = timed(() -> deadlines.current().find("ANS_COMPLEMENTS", "PECAN"));
      if (counted) {
        mailBefore.add(before);
        mailNow.add(now);
        tableBefore.add(queried);
        tableNow.add(kept);
      }
    }
    System.out.printf("%nBENCHMARK glue against the former way, %d rounds after %d of warm-up, microseconds"
        + " (median / mean), side by side in one run%n", ROUNDS, WARM_UP);
    print("mail to 2 recipients + journal", "before: a connection and 4 statements per recipient", mailBefore,
        "now: one connection, 3 statements", mailNow);
    print("deadlines table in force", "before: a query at every question", tableBefore,
        "now: read once per deployment", tableNow);
  }

  /** The mail step as it was: per recipient, a read, a transaction (read, insert), a connection, a transaction. */
  private void formerMail(TransactionTemplate own, String key, List<String> recipients) {
    for (String recipient : recipients) {
      jdbc.queryForList("SELECT * FROM parcours_notification WHERE notification_key = ? AND recipient = ?", key,
          recipient);
      String id = UUID.randomUUID().toString();
      own.executeWithoutResult(status -> {
        jdbc.queryForList("SELECT * FROM parcours_notification WHERE notification_key = ? AND recipient = ?", key,
            recipient);
        jdbc.update("INSERT INTO parcours_notification (id, notification_key, process_instance_id, dossier_id,"
            + " event, activity_id, recipient, language, subject, status, attempts, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)", id, key, "bench-pi", "DMN-BENCH", "APPLICATION_RECEIVED",
            "Event_Bench", recipient, "FR", "Dossier reçu", "PENDING", new Timestamp(System.currentTimeMillis()));
      });
      try {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(FROM);
        helper.setTo(recipient);
        helper.setSubject("Dossier reçu");
        helper.setText("Bonjour,\nvotre dossier est reçu.", "<p>Bonjour,</p><p>votre dossier est reçu.</p>");
        message.setHeader("Message-ID", VendorMailer.messageId(key, recipient, FROM));
        sender.send(message);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
      own.executeWithoutResult(status -> jdbc.update("UPDATE parcours_notification SET status = ?, sent_at = ?,"
          + " message_id = ?, last_error = NULL WHERE id = ?", "SENT", new Timestamp(System.currentTimeMillis()),
          "<x>", id));
    }
  }

  /** The table in force as it was found: a query for the latest definition at every question. */
  private DeadlineTable formerTable() {
    repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DeadlineTable.DECISION_KEY)
        .latestVersion().withoutTenantId().singleResult();
    return deadlines.current(); // then the table parsed once per definition, as before
  }

  private static long timed(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1_000;
  }

  private static void print(String what, String beforeLabel, List<Long> before, String nowLabel, List<Long> now) {
    System.out.printf("  %s%n    %-55s %8d / %8.0f%n    %-55s %8d / %8.0f%n    ratio before / now (medians): %.1f%n",
        what, beforeLabel, median(before), mean(before), nowLabel, median(now), mean(now),
        (double) median(before) / Math.max(1, median(now)));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(0);
  }
}
