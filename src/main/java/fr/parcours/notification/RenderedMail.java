package fr.parcours.notification;

/** A mail ready to send: one subject line, a plain-text part and an HTML part. */
record RenderedMail(String subject, String text, String html) {
}
