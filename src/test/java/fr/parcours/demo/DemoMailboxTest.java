package fr.parcours.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo mailbox lists what Parcours sent as a person reads a mailbox: the newest mail on top. */
class DemoMailboxTest {

  final int port = DemoMailboxPort.freePort();
  final DemoMailbox mailbox = new DemoMailbox(port);

  @AfterEach
  void stop() {
    mailbox.destroy();
  }

  void send(String to, String subject, Instant sent) throws Exception {
    Properties smtp = new Properties();
    smtp.put("mail.smtp.host", DemoMailbox.BIND_ADDRESS);
    smtp.put("mail.smtp.port", String.valueOf(port));
    MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
    mail.setFrom(new InternetAddress("no-reply@parcours.example"));
    mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    mail.setSubject(subject, "UTF-8");
    mail.setText("…", "UTF-8");
    mail.setSentDate(Date.from(sent));
    Transport.send(mail);
  }

  @Test
  void shouldListTheNewestMailFirstWhoeverItWentTo() throws Exception {
    Instant start = Instant.parse("2026-12-03T06:40:00Z");
    // alice gets the first and the last mail, bruno one in between: the mailbox server keeps them per recipient
    send("alice@medisoft.example", "Dossier A : candidature reçue", start);
    send("bruno@telecardio.example", "Dossier B : candidature reçue", start.plusSeconds(60));
    send("alice@medisoft.example", "Audit C : non-conformité à corriger", start.plusSeconds(120));

    List<DemoMailbox.Mail> mails = mailbox.mails();

    assertThat(mails).extracting(DemoMailbox.Mail::subject).containsExactly(
        "Audit C : non-conformité à corriger", "Dossier B : candidature reçue", "Dossier A : candidature reçue");
    assertThat(mails).extracting(DemoMailbox.Mail::number).containsExactly(3, 2, 1);
  }
}
