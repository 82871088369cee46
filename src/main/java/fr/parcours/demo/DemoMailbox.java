package fr.parcours.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Under the {@code demo} profile, an SMTP server inside the application (GreenMail) receives every mail
 * Parcours sends, whatever the recipient; {@link DemoMailboxPage} lists them. Nothing leaves the machine.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "parcours.demo.mailbox.enabled", havingValue = "true", matchIfMissing = true)
public class DemoMailbox implements DisposableBean {

  /** One received mail, as the page shows it. */
  public record Mail(int number, Date received, String from, String to, String subject, String text, String html,
      List<String> attachments) {
  }

  static final int DEFAULT_PORT = 3025;
  static final String BIND_ADDRESS = "localhost";

  private final GreenMail server;

  /** The port is free: {@link DemoMailboxPort} chose another one at start-up if it was taken. */
  DemoMailbox(@Value("${parcours.demo.mailbox.smtp-port:" + DEFAULT_PORT + "}") int port) {
    server = new GreenMail(new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  /**
   * The received mails, newest first, whoever they went to, numbered from the oldest. GreenMail hands them mailbox by
   * mailbox (every mail of one recipient, then the next one's): in that order a mail of a minute ago could sit under
   * the mails of an hour ago to another recipient.
   */
  public List<Mail> mails() {
    List<MimeMessage> received = new ArrayList<>(Arrays.asList(server.getReceivedMessages()));
    received.sort(java.util.Comparator.comparing(DemoMailbox::when)); // stable: one mail's copies keep their order
    List<Mail> mails = new ArrayList<>();
    for (int i = received.size() - 1; i >= 0; i--) {
      mails.add(read(i + 1, received.get(i)));
    }
    return mails;
  }

  private static Date when(MimeMessage message) {
    try {
      Date received = message.getReceivedDate();
      Date sent = received != null ? received : message.getSentDate();
      return sent != null ? sent : new Date(0);
    } catch (MessagingException unreadable) {
      return new Date(0);
    }
  }

  private static Mail read(int number, MimeMessage message) {
    try {
      Parts parts = new Parts();
      parts.walk(message);
      return new Mail(number, message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate(),
          Arrays.stream(message.getFrom()).map(Object::toString).collect(Collectors.joining(", ")),
          Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
              .collect(Collectors.joining(", ")),
          message.getSubject(), parts.text, parts.html, parts.attachments);
    } catch (MessagingException | IOException e) {
      return new Mail(number, null, "", "", "(unreadable: " + e.getMessage() + ")", "", null, List.of());
    }
  }

  /** The text part, the HTML part and the attachments' names of a mail. */
  private static final class Parts {
    String text = "";
    String html;
    final List<String> attachments = new ArrayList<>();

    void walk(Part part) throws MessagingException, IOException {
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
        attachments.add(part.getFileName() + " (" + part.getContentType().split(";")[0] + ")");
      } else if (part.isMimeType("text/plain")) {
        text = (String) part.getContent();
      } else if (part.isMimeType("text/html")) {
        html = (String) part.getContent();
      } else if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart body = multipart.getBodyPart(i);
          walk(body);
        }
      }
    }
  }

  @Override
  public void destroy() {
    server.stop();
  }
}
