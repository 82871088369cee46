package fr.parcours.notification;

import java.time.Instant;

/**
 * One line of the notification journal: a mail of one event to one recipient.
 *
 * @param attempts how many times Parcours tried to hand the mail to the SMTP server
 * @param sentAt when the SMTP server accepted it (engine clock), null until then
 * @param messageId the SMTP Message-ID header, to find the mail in the server's logs
 */
public record NotificationRecord(
    String id,
    String processInstanceId,
    String dossierId,
    String event,
    String activityId,
    String recipient,
    String language,
    String subject,
    Status status,
    int attempts,
    Instant createdAt,
    Instant sentAt,
    String messageId,
    String lastError) {

  /** PENDING: being handed to the server; SENT: accepted by it; FAILED: the last attempt failed. */
  public enum Status { PENDING, SENT, FAILED }
}
