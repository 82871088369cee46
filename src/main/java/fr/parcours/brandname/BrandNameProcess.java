package fr.parcours.brandname;

import fr.parcours.shared.Outcomes;

/** Names shared by {@code bpmn/pathways/brand-name.bpmn} and its Java glue. */
public final class BrandNameProcess {

  public static final String KEY = "brand-name";
  /** The dossier's pathway: it picks the brand-name rows of the deadlines table for the tracks it calls. */
  public static final String PATHWAY = "BRAND_NAME";

  public static final String OUTCOME = "brandNameOutcome";
  /** When the ministers acknowledged receipt (a date): the decree's window runs from it. */
  public static final String ACKNOWLEDGED_AT = "acknowledgedAt";
  /** When the CNEDiMTS opinion came back to the pathway (a date): no order may precede it. */
  public static final String OPINION_RECEIVED_AT = "opinionReceivedAt";
  /** The row of the deadlines table that bounds the registration an order sets ("at most 5 years", seed 000). */
  public static final String REGISTRATION_VALIDITY = "BRAND_REGISTRATION_VALIDITY";
  /** The registration's last day, as the order sets it (a date at the start of that day, Paris). */
  public static final String REGISTRATION_ENDS_AT = "registrationEndsAt";

  /** How a brand-name dossier ended. */
  public enum Outcome {
    ANS_CERTIFICATION_NOT_OBTAINED, ABANDONED_CNEDIMTS_COMPLEMENTS,
    ABANDONED_MINISTERS_COMPLEMENTS, REGISTRATION_REFUSED,
    /** The order's end date passed without a renewal filed. */
    REGISTRATION_ENDED
  }

  public static final Outcomes OUTCOMES = Outcomes.of(KEY, OUTCOME, "Outcome of the brand-name registration",
      Outcome.class);

  private BrandNameProcess() {
  }
}
