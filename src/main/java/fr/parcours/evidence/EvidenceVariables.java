package fr.parcours.evidence;

/** Process variables the evidence deposit writes: references and summaries only, never the files. */
public final class EvidenceVariables {

  /** The completeness report, Markdown, shown in the deposit, complements and review forms. */
  public static final String REPORT = "evidenceReport";
  /** Whether every applicable proof is deposited, valid, once. */
  public static final String REPORT_COMPLETE = "evidenceReportComplete";
  /**
   * What the deposit task says when it comes back because the vendor validated it without ticking "Toutes les
   * preuves sont déposées": nothing went to the ANS, and what to do (Markdown; "" once the evidence is sent).
   */
  public static final String NOT_SENT_NOTICE = "evidenceNotSentNotice";
  /** How many archives were accepted. */
  public static final String SENDS = "evidenceSends";
  /** Sections whose applicable requirements are complete (Json list, the deposit form's checklist). */
  public static final String DEPOSITED_SECTIONS = "depositedSections";
  /** The sections that apply to the dossier's profiles, as the deposit forms' checklist offers them: label and value. */
  public static final String SECTIONS = "evidenceSections";
  /** When the send that completed the evidence was received: the dossier's place in the ANS queue. */
  public static final String RECEIVED_COMPLETE_AT = "evidenceReceivedCompleteAt";

  /**
   * The version of the referential the dossier answers (the window it applied to): its proofs are those of this
   * version in the evidence catalogue, and its certificate names it. Set when the ANS track starts: the version a
   * re-certification cycle was opened for, else the version in force.
   */
  public static final String REFERENTIAL_VERSION = "referentialVersion";

  /** Tasks during which the vendor may send archives. */
  public static final String TASK_DEPOSIT = "Task_DepositEvidence";
  public static final String TASK_COMPLEMENTS = "Task_ProvideComplements";
  /** Task during which the reviewer may mark proofs invalid. */
  public static final String TASK_REVIEW = "Task_ReviewEvidence";

  private EvidenceVariables() {
  }
}
