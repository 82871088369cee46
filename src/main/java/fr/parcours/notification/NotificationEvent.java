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
  CONVERGENCE_ACCOUNT_OPENED,
  ADMINISTRATIVE_FILE_RECEIVED,
  ADMISSIBLE,
  PRECISIONS_REQUESTED,
  INADMISSIBLE,
  CONVENTION_TO_SIGN,
  EVIDENCE_DEPOSIT_OPEN,
  EVIDENCE_RECEIVED,
  COMPLEMENTS_REQUESTED("complements-request"),
  /** Her complements are received: the ANS resumes, with its analysis' last day, moved by the pause (window ANS_ANALYSIS). */
  COMPLEMENTS_RECEIVED,
  WINDOW_CLOSING_REMINDER(Kind.REMINDER),
  /** The complements window passed without them: her task is closed, the ANS decides what follows. */
  COMPLEMENTS_WINDOW_PASSED,
  CERTIFICATE_ISSUED("certificate-of-conformity"),
  CERTIFICATION_REFUSED,
  APPLICATION_ABANDONED,

  // ---- the Sésame filing (bpmn/tracks/sesame-filing.bpmn) ----
  /** The vendor has no Sésame account: what to do, the task to request one. */
  SESAME_ACCOUNT_TO_REQUEST,
  /** The HAS opened the Sésame account: the next step (the meeting asked for, or the deposit). */
  SESAME_ACCOUNT_OPENED,
  /** The application was deposited on Sésame: the ministers check its admissibility and completeness. */
  SESAME_APPLICATION_DEPOSITED,
  /** The ministers found the Sésame file admissible and complete: their acknowledgement of receipt comes next. */
  SESAME_FILE_COMPLETE,

  // ---- the HAS and ministers' steps of the later pathways (PECAN, brand name, generic line) ----
  ACKNOWLEDGEMENT_OF_RECEIPT("acknowledgement-of-receipt"),
  FILE_INCOMPLETE,
  CNEDIMTS_DRAFT_OPINION,
  CNEDIMTS_OPINION("opinion-notice"),
  /** The CNEDiMTS asks for complements: what it asks, the length it gave and the last day (window CNEDIMTS_COMPLEMENTS). */
  CNEDIMTS_COMPLEMENTS_REQUESTED,
  /** The ministers ask for complements: the same, window MINISTERS_COMPLEMENTS. */
  MINISTERS_COMPLEMENTS_REQUESTED,
  /** Her complements are received: the ministers resume, with their last day, moved where the row pauses it. */
  MINISTERS_COMPLEMENTS_RECEIVED,
  HEARING_DATE,
  MINISTERS_DECISION_FAVOURABLE("decision-favourable"),
  MINISTERS_DECISION_REFUSAL("decision-refusal"),
  LPPR_FILING_REMINDER(Kind.REMINDER),
  LATM_FILING_REMINDER(Kind.REMINDER),
  CNP_COPY,
  EARLY_COVERAGE_ENDING(Kind.REMINDER),
  EARLY_COVERAGE_ENDED,
  REGISTRATION_RENEWAL_REMINDER(Kind.REMINDER),
  REGISTRATION_ENDED,

  // ---- the brand-name pathway (bpmn/pathways/brand-name.bpmn) ----
  /**
   * A filing round begins (the ANS certificate obtained, or declared valid, or the renewal filed): the application
   * on Sésame and the price dossier with the CEPS to make.
   */
  BRAND_NAME_FILINGS_OPEN,

  // ---- the generic-line pathway (bpmn/pathways/generic-line.bpmn) ----
  /** The ANS certifies the line's minimum requirements; the mail says how to file on Démarches Simplifiées. */
  LINE_CERTIFICATE_ISSUED,
  /** The ANS refuses the line's minimum requirements, with its reasons (lineRequirementsReasons). */
  LINE_CERTIFICATION_REFUSED,
  /** The provisional certificate of an ETAPES vendor, as a document attached to its mail. */
  PROVISIONAL_CERTIFICATE_ISSUED("provisional-certificate"),
  BILLING_CODE_ALLOCATED,
  /** The ministry recorded the filing received from Démarches Simplifiées: the 60 days run. */
  DS_FILING_RECEIVED,
  GENERIC_LINE_CODE_ALLOCATED,
  /** The ETAPES vendor's evidence conforms before its date: the provisional certificate becomes final. */
  PROVISIONAL_CERTIFICATE_FINAL,
  /** The date passed before the evidence conformed: the provisional certificate lapsed (window GENERIC_PROVISIONAL_COMPLIANCE). */
  PROVISIONAL_CERTIFICATE_LAPSED,

  // ---- a device's life (bpmn/pathways/device-life.bpmn) ----
  /** A re-certification cycle opened: why (cycleReason, referentialVersion), the certificate it renews. */
  RECERTIFICATION_OPENED,

  // ---- the compliance audit (bpmn/pathways/compliance-audit.bpmn) ----
  /** An ANS auditor opened an audit on the certificate: what it examines. */
  AUDIT_OPENED,
  /** The audit found no proven non-conformity: closed, the certificate stands. */
  AUDIT_CLOSED,
  /** A proven non-conformity: what it is, and the last day to correct it (window AUDIT_CORRECTION). */
  NON_CONFORMITY_FOUND,
  /** The auditor accepted the correction: the certificate stands. */
  CERTIFICATE_KEPT,
  /** The certificate is withdrawn, with its reasons; the vendor must apply again. */
  CERTIFICATE_WITHDRAWN,

  // ---- the ANS transitional phase (bpmn/pathways/ans-transitional.bpmn) ----
  /** The transitional candidature is received: what the phase gives, the regulation to attach, the evidence to deposit. */
  TRANSITIONAL_CANDIDATURE_RECEIVED,
  /** The ANS's informative feedback on the candidature, which binds nobody (seed 004 §6.5), as a document too. */
  TRANSITIONAL_CANDIDATURE_FEEDBACK("transitional-feedback"),
  /** The same on the evidence; its document holds both feedbacks. */
  TRANSITIONAL_EVIDENCE_FEEDBACK("transitional-feedback"),
  /** The ANS recorded the day the window's nominal phase opens: the dossier may continue into a nominal candidature. */
  TRANSITIONAL_NOMINAL_OPENED,
  /** The dossier continued into a nominal candidature: the new dossier's number and link. */
  TRANSITIONAL_CONTINUED,
  /** The ANS corrected (day or texts) or withdrew the nominal opening it had recorded by mistake, and why. */
  TRANSITIONAL_NOMINAL_CORRECTED;

  /** What sets a mail apart from a plain notice. */
  private enum Kind { NOTICE, WITH_DOCUMENT, REMINDER }

  private final Kind kind;
  private final String document;

  NotificationEvent() {
    this(Kind.NOTICE, null);
  }

  NotificationEvent(Kind kind) {
    this(kind, null);
  }

  /** A mail that carries a document: {@code documents/<language>/<document>.html}, as PDF. */
  NotificationEvent(String document) {
    this(Kind.WITH_DOCUMENT, document);
  }

  NotificationEvent(Kind kind, String document) {
    this.kind = kind;
    this.document = document;
  }

  /** The document the mail carries as a PDF (its template's name in {@code documents/}); null when none. */
  public String document() {
    return document;
  }

  /**
   * True when the mail reminds the vendor of a window's coming end: it goes out only when the window's row says
   * "Remind before"; a row without it sends no reminder.
   */
  public boolean remindsBeforeTheEnd() {
    return kind == Kind.REMINDER;
  }

  /** The file name of its templates, without language folder and extension. */
  public String template() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
