package fr.parcours.genericline;

import fr.parcours.shared.Outcomes;

/** Names shared by {@code bpmn/pathways/generic-line.bpmn} and its Java glue. */
public final class GenericLineProcess {

  public static final String KEY = "generic-line";
  /** The dossier's pathway: it picks the generic-line rows of the deadlines table for the tracks it calls. */
  public static final String PATHWAY = "GENERIC_LINE";

  public static final String OUTCOME = "genericLineOutcome";
  /** The generic lines the candidature claims, as their ids joined by commas ({@code DIABETES,HEART_FAILURE}). */
  public static final String GENERIC_LINES = "genericLines";
  /** Whether the vendor comes from the ETAPES experimentation (a provisional certificate once evidence is complete). */
  public static final String FROM_ETAPES = "fromEtapes";
  /** When the ministry received the filing from Démarches Simplifiées (a date): the ministers' 60 days run from it. */
  public static final String DS_RECEIVED_AT = "dsReceivedAt";
  /** The individual identification code allocated on the LPPR. */
  public static final String CODE = "lppCode";
  /** The billing code an ETAPES vendor gets with its provisional certificate. */
  public static final String BILLING_CODE = "billingCode";
  /** The last day by which the ETAPES vendor must prove compliance (a date), written on its provisional certificate. */
  public static final String PROVISIONAL_DUE_ON = "provisionalCertificateDueOn";
  /** PROVISIONAL, FINAL or LAPSED ({@link ProvisionalCertificates.Status}); the billing request closes at LAPSED. */
  public static final String PROVISIONAL_STATUS = "provisionalCertificateStatus";
  /** The registration's last day, from the code's allocation and the generic line's validity. */
  public static final String REGISTRATION_ENDS_AT = "registrationEndsAt";

  /** How a generic-line dossier ended. */
  public enum Outcome {
    ANS_CERTIFICATION_NOT_OBTAINED, LINE_REQUIREMENTS_NOT_MET, ABANDONED_MINISTERS_COMPLEMENTS, CODE_REFUSED,
    CODE_ALLOCATED
  }

  public static final Outcomes OUTCOMES = Outcomes.of(KEY, OUTCOME, "Outcome of the generic-line registration",
      Outcome.class);

  private GenericLineProcess() {
  }
}
