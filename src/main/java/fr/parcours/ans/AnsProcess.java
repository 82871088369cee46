package fr.parcours.ans;

import fr.parcours.shared.Outcomes;

/** Names shared by {@code bpmn/tracks/ans-certification.bpmn} and its Java glue. */
public final class AnsProcess {

  public static final String KEY = "ans-certification";

  // variables set by Parcours
  public static final String APPLICANT = "applicant";
  public static final String VENDOR_GROUP = "vendorGroup";
  public static final String DOSSIER_ID = "dossierId";
  public static final String OUTCOME = "ansOutcome";
  public static final String EVIDENCE_COMPLETE_AT = "evidenceCompleteAt";
  public static final String EVIDENCE_QUEUED_AT = "evidenceQueuedAt";
  public static final String DEPRIORITISED = "deprioritised";
  public static final String CERTIFICATE_NUMBER = "certificateNumber";
  public static final String CERTIFICATE_ISSUED_AT = "certificateIssuedAt";
  public static final String ANALYSIS_OVERDUE = "analysisOverdue";
  public static final String ANALYSIS_CLOCK_REPORT = "analysisClockReport";
  /** Passed by a caller: the instruction waits for its message {@link #MESSAGE_GO_AHEAD}. */
  public static final String WAITS_FOR_GO_AHEAD = "waitsForGoAhead";
  /** The caller's go-ahead to start the instruction (PECAN: once the ministers acknowledged receipt). */
  public static final String MESSAGE_GO_AHEAD = "InstructionGoAhead";
  /** Escalated to the caller when the evidence is complete on Convergence. */
  public static final String ESCALATION_EVIDENCE_COMPLETE = "EVIDENCE_COMPLETE";

  // variables set by the forms
  public static final String DEPOSIT_ACTION = "depositAction";
  /** The software profiles chosen at the candidature, final (seed 004 §6.2): "RI,SOCLE". */
  public static final String FINAL_SOFTWARE_PROFILES = "finalSoftwareProfiles";
  /** The same profiles as people read them ({@link fr.parcours.shared.SoftwareProfiles}), for the convention's text. */
  public static final String SOFTWARE_PROFILE_LABELS = "softwareProfileLabels";
  /** The names of the generic lines a caller claims ("Télésurveillance du diabète, …"), absent without lines. */
  public static final String GENERIC_LINE_LABELS = "genericLineLabels";
  public static final String HAS_CONVERGENCE_ACCOUNT = "hasConvergenceAccount";
  public static final String ADMISSIBILITY_DECISION = "admissibilityDecision";
  /**
   * On a dossier whose candidature was carried over from an earlier one (a transitional dossier continued into a
   * nominal pathway): that dossier's number. Its planned evidence date is asked again at the administrative deposit.
   */
  public static final String CONTINUED_FROM = "continuedFromDossierId";
  public static final String ADMISSIBILITY_COMMENT = "admissibilityComment";
  public static final String EVIDENCE_DECISION = "evidenceDecision";
  public static final String EVIDENCE_COMMENT = "evidenceComment";
  public static final String LAPSED_DECISION = "lapsedDecision";
  public static final String DORMANT_DECISION = "dormantDecision";
  public static final String ALL_EVIDENCE_DEPOSITED = "allEvidenceDeposited";
  public static final String DEPOSITED_SECTIONS = "depositedSections";

  // the certification of the generic lines' minimum requirements, for a caller that passes its lines
  /** The claimed lines as the reviewer's checklist offers them (Json list of label and value). */
  public static final String LINE_OPTIONS = "lineOptions";
  /** The claimed lines' French names, for the forms and mails. */
  public static final String LINE_NAMES = "genericLineNames";
  /** The lines the reviewer certifies (the checklist; ids joined by commas once checked). */
  public static final String CERTIFIED_LINES = "certifiedGenericLines";
  /** Why the lines not certified are refused (the vendor reads it). */
  public static final String LINE_REASONS = "lineRequirementsReasons";
  public static final String LINE_CERTIFICATE_NUMBERS = "lineCertificateNumbers";
  public static final String CERTIFIED_LINE_NAMES = "certifiedLineNames";
  public static final String REFUSED_LINE_NAMES = "refusedLineNames";
  /** CERTIFIED when every claimed line is, else REFUSED ({@link LineCertification.LineOutcome}); handed back. */
  public static final String LINE_OUTCOME = "lineCertificationOutcome";

  /** How the track ended, for the vendor and for the pathways that call it. */
  public enum Outcome { CERTIFIED, INADMISSIBLE, REFUSED, ABANDONED }

  /** Set by the end events of the instruction (its embedded sub-process), read by the gateway after it. */
  public static final String INSTRUCTION_OUTCOME = "instructionOutcome";

  /** How the instruction of the evidence ended. */
  public enum InstructionOutcome { CONFORMS, REFUSED, ABANDONED }

  public static final Outcomes OUTCOMES = Outcomes.of(KEY, OUTCOME, "Outcome of the ANS certification",
      Outcome.class);
  public static final Outcomes INSTRUCTION_OUTCOMES = Outcomes.of(KEY, INSTRUCTION_OUTCOME,
      "Outcome of the ANS instruction", InstructionOutcome.class);

  /** Profiles written one way whatever their order: sorted, comma-separated. */
  public static String profilesValue(java.util.Collection<String> profiles) {
    return String.join(",", new java.util.TreeSet<>(profiles));
  }

  private AnsProcess() {
  }
}
