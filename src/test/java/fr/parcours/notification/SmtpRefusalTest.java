package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/**
 * Which SMTP failures no retry can mend: a recipient refused with a 5xx reply, however Spring and Jakarta Mail
 * wrap it. A 4xx reply (try later) and a server out of reach keep the step's retry cycle.
 */
class SmtpRefusalTest {

  @Test
  void shouldTakeA5xxRecipientRefusalAsPermanent() throws Exception {
    SMTPAddressFailedException unknownUser = new SMTPAddressFailedException(
        new InternetAddress("jean.dupont@medisoft.example"), "RCPT TO", 550, "550 5.1.1 User unknown");
    SendFailedException sending = new SendFailedException("Invalid Addresses", unknownUser);

    assertThat(VendorMailer.refusedForGood(sending)).isTrue();
    assertThat(VendorMailer.refusedForGood(new MailSendException("Failed messages", sending))).isTrue();
  }

  @Test
  void shouldRetryA4xxRefusalAndAnUnreachableServer() throws Exception {
    SMTPAddressFailedException mailboxBusy = new SMTPAddressFailedException(
        new InternetAddress("jean.dupont@medisoft.example"), "RCPT TO", 450, "450 4.2.1 Mailbox busy, try later");

    assertThat(VendorMailer.refusedForGood(new SendFailedException("Invalid Addresses", mailboxBusy))).isFalse();
    assertThat(VendorMailer.refusedForGood(new MailSendException("Mail server connection failed",
        new MessagingException("Couldn't connect to host, port: localhost, 25")))).isFalse();
  }
}
