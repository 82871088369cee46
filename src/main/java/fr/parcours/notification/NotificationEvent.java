package fr.parcours.notification;

import java.util.Locale;

/**
 * The events a vendor is told about by email. A diagram names one with the extension property
 * {@code mail} of a notification step; the templates are {@code mails/<language>/<template>.html} and
 * {@code .txt}, where {@code <template>} is the event's name in lower case with dashes
 * ({@code COMPLEMENTS_REQUESTED} → {@code complements-requested.html}).
 */
public enum NotificationEvent {

  // ---- the ANS track (bpmn/tracks/ans-certification.bpmn) ----
  APPLICATION_RECEIVED,
  CONVERGENCE_ACCOUNT_TO_OPEN,
  ADMINISTRATIVE_FILE_RECEIVED,
  ADMISSIBLE,
  PRECISIONS_REQUESTED,
  INADMISSIBLE,
  CONVENTION_TO_SIGN,
  EVIDENCE_RECEIVED,
  COMPLEMENTS_REQUESTED,
  WINDOW_CLOSING_REMINDER,
  CERTIFICATE_ISSUED(true),
  CERTIFICATION_REFUSED,
  APPLICATION_ABANDONED,

  // ---- the HAS and ministers' steps of the later pathways (PECAN, brand name, generic line) ----
  SESAME_STATUS_CHANGED,
  ACKNOWLEDGEMENT_OF_RECEIPT,
  FILE_INCOMPLETE,
  CNEDIMTS_DRAFT_OPINION,
  CNEDIMTS_OPINION,
  HEARING_DATE,
  MINISTERS_DECISION_FAVOURABLE,
  MINISTERS_DECISION_REFUSAL,
  LPPR_FILING_REMINDER,
  LATM_FILING_REMINDER,
  CNP_COPY,
  EARLY_COVERAGE_ENDING,
  EARLY_COVERAGE_ENDED;

  private final boolean attachesCertificate;

  NotificationEvent() {
    this(false);
  }

  NotificationEvent(boolean attachesCertificate) {
    this.attachesCertificate = attachesCertificate;
  }

  /** True when the mail carries the certificate of conformity as a PDF. */
  public boolean attachesCertificate() {
    return attachesCertificate;
  }

  /** The file name of its templates, without language folder and extension. */
  public String template() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
