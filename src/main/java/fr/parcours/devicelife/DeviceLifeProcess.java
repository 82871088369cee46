package fr.parcours.devicelife;

import fr.parcours.shared.Outcomes;
import java.util.List;

/** Names shared by {@code bpmn/pathways/device-life.bpmn} (a re-certification cycle) and its Java glue. */
public final class DeviceLifeProcess {

  public static final String KEY = "device-life";

  /** The certificate the cycle renews (its number, as /devices shows it). */
  public static final String PREVIOUS_CERTIFICATE = "previousCertificateNumber";
  /** The dossier that produced it. */
  public static final String PREVIOUS_DOSSIER = "previousDossierId";
  /** Why the cycle runs: a {@link Reason} name. */
  public static final String REASON = "cycleReason";
  /** The new version of the referential that made the cycle (REFERENTIAL_CHANGE only; the evidence and the
   * certificate answer it; for the other reasons the ANS track sets the version in force). */
  public static final String REFERENTIAL_VERSION = fr.parcours.evidence.EvidenceVariables.REFERENTIAL_VERSION;
  /** The new model's software version, when the vendor gives one (NEW_MODEL only). */
  public static final String NEW_VERSION = "newSoftwareVersion";
  public static final String OUTCOME = "deviceLifeOutcome";

  /**
   * The entries of a cycle (seed 003, "les entrées possibles dans un cycle"; entry 1, the initial device, is the ANS
   * certification itself, evidence case (a)), each with its case of step 3 "Dépôt des preuves". The names are those
   * of {@link fr.parcours.device.CycleChoices.Choice}.
   */
  public enum Reason {
    /**
     * Entry 2, evidence case (b): a new model or range that no longer conforms; a new candidature (carried over) and
     * the whole certification again. Started by the vendor.
     */
    NEW_MODEL,
    /**
     * Entry 3, evidence case (c): the referential evolved; a new candidature on the window of the new version, new
     * proofs against its requirements, and a certificate that names it. Started by Parcours for an opposable version,
     * or by the vendor.
     */
    REFERENTIAL_CHANGE,
    /** Entry 4: the certificate was withdrawn after an audit; the vendor applies again, new proofs (as case (b)). */
    AFTER_WITHDRAWAL
  }

  /** How a cycle ended. */
  public enum Outcome { RECERTIFIED, NOT_RECERTIFIED }

  public static final Outcomes OUTCOMES = Outcomes.of(KEY, OUTCOME, "Outcome of the re-certification cycle",
      Outcome.class);

  /**
   * The candidature that a cycle carries from the dossier of the certificate it renews, so that the vendor does not
   * type it again: the same names the ANS track receives.
   */
  static final List<String> CANDIDATURE = List.of("ceMarked", "deviceClass", "correspondenceLanguage",
      "companyName", "legalForm", "headOffice", "siren", "nie", "representativeCivility", "representativeName",
      "representativeRole", "applicantKind", "groupMembers", "legalRepName", "legalRepEmail", "legalRepPhone",
      "contactName", "contactEmail", "contactPhone", "softwareName", "softwareVersion", "basicUdiDi",
      "connectedObjects", "plannedEvidenceDate", "plannedDatePublishable", "softwareProfiles", "nil", "handlesIns",
      "additionalComponents", "docFunctional", "docPersonalData", "docHealthDataHosting", "docCeDeclaration",
      "docNotifiedBody", "docMandates");

  private DeviceLifeProcess() {
  }
}
