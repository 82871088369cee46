package fr.parcours.pecan;

import fr.parcours.shared.Outcomes;

/** Names shared by {@code bpmn/pathways/pecan.bpmn} and its Java glue. */
public final class PecanProcess {

  public static final String KEY = "pecan";

  /** The ANS track tells its PECAN parent that all evidence is on Convergence. */
  public static final String MESSAGE_CONVERGENCE_FILE_COMPLETE = "ConvergenceFileComplete";

  public static final String OUTCOME = "pecanOutcome";
  public static final String SESAME_FILE_COMPLETE = "sesameFileComplete";
  public static final String CONVERGENCE_FILE_COMPLETE = "convergenceFileComplete";
  public static final String ACKNOWLEDGEMENT_WAITS_FOR = "acknowledgementWaitsFor";
  public static final String DECISION_DATE = "earlyCoverageDecidedAt";
  public static final String COVERAGE_ENDS = "earlyCoverageEndsAt";

  /** How a PECAN dossier ended. */
  public enum Outcome {
    EARLY_COVERAGE_GRANTED, EARLY_COVERAGE_REFUSED, ANS_CERTIFICATION_NOT_OBTAINED, CNEDIMTS_OPINION_UNFAVOURABLE,
    ABANDONED_CNEDIMTS_COMPLEMENTS, ABANDONED_MINISTERS_COMPLEMENTS,
    /** The early coverage period (row PECAN_EARLY_COVERAGE) is over: the dossier ends, filings done or not. */
    EARLY_COVERAGE_ENDED
  }

  public static final Outcomes OUTCOMES = Outcomes.of(KEY, OUTCOME, "Outcome of PECAN", Outcome.class);

  private PecanProcess() {
  }
}
