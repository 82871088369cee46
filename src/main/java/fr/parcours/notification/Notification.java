package fr.parcours.notification;

import java.util.List;
import java.util.Map;

/**
 * One notification of a dossier, before it is sent.
 *
 * @param key the same for every attempt at this notification (the engine job that sends it), so that a
 *     retried job sends each recipient the mail once
 * @param recipients the addresses as the dossier holds them, not yet checked, with the variable holding each
 * @param model what the templates may show
 * @param document the document the mail carries ({@link NotificationEvent#document()}), or null
 */
record Notification(
    String key,
    String processInstanceId,
    String dossierId,
    String activityId,
    NotificationEvent event,
    Language language,
    List<Recipient> recipients,
    Map<String, Object> model,
    String document) {

  /** An address as the dossier holds it, and the dossier variable that holds it. */
  record Recipient(String address, String variable) {
  }
}
