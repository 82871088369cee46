package fr.parcours.notification;

import fr.parcours.shared.PermanentFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends a dossier's notification to each of its recipients, one mail each over one connection to the SMTP
 * server of {@code spring.mail.*}, and writes every attempt in the {@link NotificationJournal}: one statement to
 * read what was sent, one transaction to record the attempts before sending, one to record the outcomes.
 *
 * <p>Called from an asynchronous notification step of a diagram: a failure throws, the engine retries the
 * job on its retry cycle and, after the last retry, raises an incident on the dossier in Cockpit with this
 * failure's message. A recipient whose mail the journal already records as sent for this notification is
 * skipped, so a retried job — after a partial failure, or after a rollback that followed the sending — does
 * not send anyone the same mail twice.
 */
@Service
class VendorMailer {

  /**
   * Jakarta Mail finds its stream provider again each time it builds or writes a part of a message, by default with
   * a {@code ServiceLoader} that reads every jar of the class path: 4 % of a mail step's computing in the what-if
   * simulator's profile (Java Flight Recorder). Naming the provider, as Jakarta Mail's {@code FactoryFinder} allows
   * with this system property, skips the scan; it names the very class the scan finds (Angus Mail's), and only when
   * nobody chose another.
   */
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    if (System.getProperty(STREAM_PROVIDER) == null) {
      try {
        Class.forName(ANGUS_STREAM_PROVIDER, false, VendorMailer.class.getClassLoader());
        System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
      } catch (ClassNotFoundException e) {
        // another Jakarta Mail implementation: its own ServiceLoader entry is found as before
      }
    }
  }

  private final JavaMailSender sender;
  private final DocumentTemplates documentTemplates;
  private final DossierDocuments documents;
  private final MailTemplates templates;
  private final NotificationJournal journal;
  private final String from;

  VendorMailer(JavaMailSender sender, MailTemplates templates, DocumentTemplates documentTemplates,
      DossierDocuments documents, NotificationJournal journal,
      @Value("${parcours.mail.from:Parcours <no-reply@parcours.example>}") String from) {
    this.sender = sender;
    this.documentTemplates = documentTemplates;
    this.documents = documents;
    this.templates = templates;
    this.journal = journal;
    this.from = from;
  }

  void send(Notification notification) {
    Map<String, NotificationRecord> journalled = journal.ofNotification(notification.key());
    List<Notification.Recipient> pending = distinct(notification.recipients()).stream()
        .filter(each -> !(journalled.containsKey(each.address())
            && journalled.get(each.address()).status() == NotificationRecord.Status.SENT))
        .toList();
    if (pending.isEmpty()) {
      return;
    }
    RenderedMail mail = templates.render(notification.event(), notification.language(), notification.model());
    DossierDocuments.Drawn document = notification.document() == null ? null
        : documents.keep(notification.key(), notification.processInstanceId(), notification.dossierId(),
            notification.document(), () -> documentTemplates.draw(notification.document(), notification.language(),
                notification.model()));
    Map<String, String> rows = journal.attempts(notification.key(), notification.processInstanceId(),
        notification.dossierId(), notification.event(), notification.activityId(),
        pending.stream().map(Notification.Recipient::address).toList(), journalled, notification.language(),
        mail.subject());

    Map<String, String> problems = new LinkedHashMap<>(); // recipient -> what went wrong
    boolean undeliverable = false;
    Map<String, MimeMessage> messages = new LinkedHashMap<>(); // recipient -> its mail
    for (Notification.Recipient each : pending) {
      try {
        messages.put(each.address(), message(each, mail, document, notification));
      } catch (InvalidRecipientException e) {
        problems.put(each.address(), e.getMessage());
        undeliverable = true;
      } catch (MessagingException e) {
        problems.put(each.address(), "Le courriel à " + each.address() + " n’a pas pu être écrit : « "
            + rootMessage(e) + " ».");
      }
    }
    // every recipient's mail over one connection to the SMTP server
    Map<Object, Exception> refused = new HashMap<>();
    if (!messages.isEmpty()) {
      try {
        sender.send(messages.values().toArray(MimeMessage[]::new));
      } catch (MailSendException e) {
        refused.putAll(e.getFailedMessages());
        if (refused.isEmpty()) { // not said which: none is taken as sent, each is sent again with its Message-ID
          messages.values().forEach(message -> refused.put(message, e));
        }
      } catch (MailException e) { // authentication refused...: none was sent
        messages.values().forEach(message -> refused.put(message, e));
      }
    }
    Map<String, String> sent = new LinkedHashMap<>(); // row id -> Message-ID
    for (Map.Entry<String, MimeMessage> each : messages.entrySet()) {
      Exception failure = refused.get(each.getValue());
      if (failure == null) {
        sent.put(rows.get(each.getKey()), messageId(notification.key(), each.getKey(), from));
      } else {
        boolean forGood = refusedForGood(failure);
        problems.put(each.getKey(), "Le serveur SMTP n’a pas pris le courriel à " + each.getKey() + " : « "
            + rootMessage(failure) + " »."
            + (forGood ? " Il refuse cette adresse pour de bon : corrigez-la dans le dossier." : ""));
        undeliverable |= forGood;
      }
    }
    Map<String, String> failed = new LinkedHashMap<>(); // row id -> error
    problems.forEach((recipient, problem) -> failed.put(rows.get(recipient), problem));
    journal.outcomes(sent, failed);
    if (!problems.isEmpty()) {
      String message = "Le courriel « " + notification.event().template() + " » du dossier "
          + notification.dossierId() + " n’est pas parti. " + String.join(" ", problems.values()) + " Une fois"
          + " la cause corrigée, dans Cockpit, « Réessayer » sur l’incident : qui l’a déjà reçu ne le reçoit pas"
          + " deux fois.";
      // an undeliverable address stays so until a person corrects it: no automatic retry
      throw undeliverable ? new PermanentFailure(message) : new ProcessEngineException(message);
    }
  }

  private MimeMessage message(Notification.Recipient recipient, RenderedMail mail, DossierDocuments.Drawn document,
      Notification notification) throws MessagingException {
    InternetAddress to = address(recipient);
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(from);
    helper.setTo(to);
    helper.setSubject(mail.subject());
    helper.setText(mail.text(), mail.html());
    // the same for every attempt of this notification to this recipient (Spring keeps a Message-ID set here):
    // a copy sent again after a crash is recognisable as the same mail, by the recipient and in the journal
    message.setHeader("Message-ID", messageId(notification.key(), recipient.address(), from));
    if (document != null) {
      helper.addAttachment(document.fileName(), new ByteArrayResource(document.pdf()), "application/pdf");
    }
    return message;
  }

  /** The Message-ID of one notification to one recipient: derived from both, so every attempt carries it. */
  static String messageId(String notificationKey, String recipient, String from) {
    String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "")
        : "parcours";
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((notificationKey + "\n"
          + recipient.trim().toLowerCase(Locale.ROOT)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "<" + java.util.HexFormat.of().formatHex(digest, 0, 16) + ".parcours@" + domain + ">";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A single address, strictly checked: no display name tricks, no line breaks, no list. */
  private static InternetAddress address(Notification.Recipient each) {
    String recipient = each.address();
    String variable = " (variable " + each.variable() + ")";
    if (recipient.chars().anyMatch(c -> c == '\r' || c == '\n') || recipient.contains(",")) {
      throw new InvalidRecipientException(invalid(recipient.replaceAll("[\\r\\n]", "\\\\n"), variable));
    }
    try {
      InternetAddress address = new InternetAddress(recipient, true);
      address.validate();
      if (address.getPersonal() != null || !recipient.contains("@")) {
        throw new AddressException("not a bare address");
      }
      return address;
    } catch (AddressException e) {
      throw new InvalidRecipientException(invalid(recipient, variable));
    }
  }

  private static String invalid(String recipient, String variable) {
    return "L’adresse « " + recipient + " »" + variable + " n’est pas une adresse électronique valable :"
        + " corrigez-la dans le dossier.";
  }

  private static List<Notification.Recipient> distinct(List<Notification.Recipient> recipients) {
    Map<String, Notification.Recipient> byLowerCase = new LinkedHashMap<>();
    for (Notification.Recipient recipient : recipients) {
      String address = recipient.address();
      if (address != null && !address.isBlank()) {
        byLowerCase.putIfAbsent(address.trim().toLowerCase(Locale.ROOT),
            recipient);
      }
    }
    return new ArrayList<>(byLowerCase.values());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
  }

  /**
   * Whether the SMTP server refused the recipient with a permanent (5xx) reply, such as "550 user unknown":
   * retrying will not deliver it. A 4xx reply, or a server out of reach, may pass later.
   */
  static boolean refusedForGood(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500) {
        return true;
      }
    }
    return false;
  }

  /** A recipient address that no server could deliver to: fixing it is a person's job. */
  static class InvalidRecipientException extends RuntimeException {
    InvalidRecipientException(String message) {
      super(message);
    }
  }
}
