package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcours.notification.NotificationRecord.Status;
import fr.parcours.support.TestSmtp;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What one mail step costs outside the engine: one connection to the SMTP server for all its recipients (not one
 * per recipient), and the journal in three statements (read what was sent, record the attempts, record the
 * outcomes), not four per recipient. Counted, not timed: the figures in time are printed by {@code GlueBenchmark}.
 */
class VendorMailerRoundTripsTest {

  static final String CONTACT = "jean.dupont@medisoft.example";
  static final String LEGAL_REP = "alice.martin@medisoft.example";

  GreenMail smtp;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger statements = new AtomicInteger();
  NotificationJournal journal;
  VendorMailer mailer;

  @BeforeEach
  void setUp() {
    smtp = new GreenMail(new ServerSetup(TestSmtp.freePort(), "127.0.0.1", "smtp"));
    smtp.start();
    JavaMailSenderImpl sender = new JavaMailSenderImpl() {
      @Override
      protected Transport connectTransport() throws MessagingException {
        connections.incrementAndGet();
        return super.connectTransport();
      }
    };
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    new ResourceDatabasePopulator(new ClassPathResource("db/migration/V1__journal_messages_documents.sql")).execute(h2);
    DataSource counted = countingStatements(h2);
    journal = new NotificationJournal(new JdbcTemplate(counted), new DataSourceTransactionManager(counted));
    MailTemplates templates = new MailTemplates() {
      @Override
      RenderedMail render(NotificationEvent event, Language language, Map<String, Object> model) {
        return new RenderedMail("Dossier reçu", "Bonjour", "<p>Bonjour</p>");
      }
    };
    mailer = new VendorMailer(sender, templates, null, null, journal, // mails without a document
        "Parcours <no-reply@parcours.example>");
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  @Test
  void shouldSendEveryRecipientOverOneConnectionAndJournalInThreeStatements() {
    mailer.send(notification("job-1", CONTACT, LEGAL_REP, "  " + CONTACT.toUpperCase()));

    assertThat(smtp.getReceivedMessages()).as("one mail per distinct recipient").hasSize(2);
    assertThat(connections.get()).as("SMTP connections").isEqualTo(1);
    assertThat(statements.get()).as("journal statements: read, attempts, outcomes").isEqualTo(3);
    assertThat(journal.ofDossier("pi-1")).extracting(NotificationRecord::recipient, NotificationRecord::status,
        NotificationRecord::attempts).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(CONTACT, Status.SENT, 1),
            org.assertj.core.groups.Tuple.tuple(LEGAL_REP, Status.SENT, 1));
  }

  @Test
  void shouldReadOnlyTheJournalWhenARetriedStepFindsEveryMailSent() {
    mailer.send(notification("job-1", CONTACT, LEGAL_REP));
    connections.set(0);
    statements.set(0);

    mailer.send(notification("job-1", CONTACT, LEGAL_REP));

    assertThat(smtp.getReceivedMessages()).as("nobody gets it twice").hasSize(2);
    assertThat(connections.get()).isZero();
    assertThat(statements.get()).isEqualTo(1);
  }

  @Test
  void shouldJournalEachRecipientsFailureAndSendTheOthersWhenOneAddressIsInvalid() {
    assertThatThrownBy(() -> mailer.send(notification("job-2", "jean.dupont@@medisoft", LEGAL_REP)))
        .hasMessageContaining("L’adresse « jean.dupont@@medisoft » (variable contactEmail) n’est pas une adresse"
            + " électronique valable : corrigez-la dans le dossier.");

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(connections.get()).isEqualTo(1);
    assertThat(journal.ofDossier("pi-1")).extracting(NotificationRecord::recipient, NotificationRecord::status)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("jean.dupont@@medisoft", Status.FAILED),
            org.assertj.core.groups.Tuple.tuple(LEGAL_REP, Status.SENT));
  }

  @Test
  void shouldJournalEveryRecipientAsFailedWhenTheServerIsDownAndSendBothOnceItIsBack() {
    smtp.stop();
    assertThatThrownBy(() -> mailer.send(notification("job-3", CONTACT, LEGAL_REP)))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Le serveur SMTP n’a pas pris le courriel à " + CONTACT + " : « ")
        .hasMessageContaining("Le serveur SMTP n’a pas pris le courriel à " + LEGAL_REP + " : « ");
    assertThat(journal.ofDossier("pi-1")).allSatisfy(row -> assertThat(row.status()).isEqualTo(Status.FAILED));

    smtp.start();
    mailer.send(notification("job-3", CONTACT, LEGAL_REP));

    assertThat(smtp.getReceivedMessages()).hasSize(2);
    assertThat(journal.ofDossier("pi-1")).hasSize(2).allSatisfy(row -> {
      assertThat(row.status()).isEqualTo(Status.SENT);
      assertThat(row.attempts()).isEqualTo(2);
    });
  }

  private static Notification notification(String key, String... recipients) {
    List<Notification.Recipient> to = new java.util.ArrayList<>();
    for (int i = 0; i < recipients.length; i++) {
      to.add(new Notification.Recipient(recipients[i], i == 1 ? "legalRepEmail" : "contactEmail"));
    }
    return new Notification(key, "pi-1", "DMN-2026-TEST1", "Event_NotifyApplicationReceived",
        NotificationEvent.APPLICATION_RECEIVED, Language.FR, to, Map.of(), null);
  }

  /** The data source, counting every statement prepared on its connections. */
  private DataSource countingStatements(DriverManagerDataSource target) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, arguments) -> {
          Object result = method.invoke(target, arguments);
          if (!(result instanceof Connection connection)) {
            return result;
          }
          return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
              (p, m, a) -> {
                if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")) {
                  statements.incrementAndGet();
                }
                try {
                  return m.invoke(connection, a);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        });
  }
}
