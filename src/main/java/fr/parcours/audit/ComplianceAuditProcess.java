package fr.parcours.audit;

import fr.parcours.shared.Outcomes;

/** Names shared by {@code bpmn/pathways/compliance-audit.bpmn} and its Java glue. */
public final class ComplianceAuditProcess {

  public static final String KEY = "compliance-audit";
  /** The dossier's pathway: it picks the audit's rows of the deadlines table. */
  public static final String PATHWAY = "COMPLIANCE_AUDIT";
  /** The ANS auditors: they open the audits, record the findings and check the corrections. */
  public static final String AUDITORS = "ans-auditor";
  /** The window the vendor has to correct a proven non-conformity (a row of bpmn/deadlines.dmn). */
  public static final String CORRECTION_WINDOW = "AUDIT_CORRECTION";

  /** The auditor who opened the audit (the start event's initiator). */
  public static final String AUDITOR = "auditor";
  /** The audited certificate of conformity, by its number (start form). */
  public static final String CERTIFICATE_NUMBER = "certificateNumber";
  /** What the audit looks at, in the auditor's words (start form). */
  public static final String AUDIT_SCOPE = "auditScope";
  /** The dossier that produced the audited certificate. */
  public static final String CERTIFIED_DOSSIER = "certifiedDossierId";
  /** Whether the audit found a proven non-conformity (a Boolean the gateway reads). */
  public static final String NON_CONFORMITY_PROVEN = "nonConformityProven";
  /** The non-conformity found: the requirement and the gap between the certified scope and the deployment. */
  public static final String NON_CONFORMITY = "nonConformityDescription";
  /** What the vendor says it corrected. */
  public static final String CORRECTION = "correctionDescription";
  /** Whether the auditor accepts the correction (a Boolean the gateway reads). */
  public static final String CORRECTION_ACCEPTED = "correctionAccepted";
  /** Why the certificate is withdrawn: the auditor's reasons, or the finding left uncorrected in the window. */
  public static final String WITHDRAWAL_REASONS = "withdrawalReasons";
  public static final String WITHDRAWN_AT = "certificateWithdrawnAt";
  /**
   * The certificate withdrawn: the audited one, or, when a re-certification replaced it during the audit, the
   * device's certificate that replaced it (the audit looks at the device as deployed; the mail names both).
   */
  public static final String WITHDRAWN_CERTIFICATE = "withdrawnCertificate";
  /** The dossier of the certification cycle running on the device when its certificate is withdrawn, if one runs. */
  public static final String RUNNING_CYCLE = "runningCycle";

  public static final String OUTCOME = "auditOutcome";

  /** How an audit ended. */
  public enum Outcome { CONFORM, CORRECTED, CERTIFICATE_WITHDRAWN }

  public static final Outcomes OUTCOMES = Outcomes.of(KEY, OUTCOME, "Outcome of the compliance audit",
      Outcome.class);

  private ComplianceAuditProcess() {
  }
}
