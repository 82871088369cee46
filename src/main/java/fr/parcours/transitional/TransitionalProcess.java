package fr.parcours.transitional;

import fr.parcours.ans.AnsProcess;
import fr.parcours.brandname.BrandNameProcess;
import fr.parcours.genericline.GenericLineProcess;
import fr.parcours.pecan.PecanProcess;
import fr.parcours.shared.Outcomes;
import java.util.Map;

/** Names shared by {@code bpmn/pathways/ans-transitional.bpmn} and its Java glue. */
public final class TransitionalProcess {

  public static final String KEY = "ans-transitional";
  /** The nominal ANS certification, which a window's candidatures start once its nominal phase has opened. */
  public static final String NOMINAL_ANS_KEY = AnsProcess.KEY;
  /** The dossier's pathway, as the deadlines table and the dossier pages name it. */
  public static final String PATHWAY = "ANS_TRANSITIONAL";

  // set by the start form and the intake
  /** The ANS window the candidature is for ({@code catalogue/ans-windows.json}). */
  public static final String ANS_WINDOW = "ansWindow";
  public static final String ANS_WINDOW_NAME = "ansWindowName";
  public static final String ANS_WINDOW_NAME_EN = "ansWindowNameEn";

  // the signed regulation of the transitional phase, kept with the dossier (evidence.CompanyDocuments)
  public static final String REGULATION_FILE_NAME = "regulationFileName";
  public static final String REGULATION_SHA256 = "regulationSha256";
  public static final String REGULATION_SIGNED_AT = "regulationSignedAt";

  // the ANS's informative feedback (seed 004 §6.5)
  public static final String CANDIDATURE_FEEDBACK = "candidatureFeedback";
  public static final String EVIDENCE_FEEDBACK = "evidenceFeedback";
  /** Which of the two feedbacks a mail or document speaks of: CANDIDATURE or EVIDENCE. */
  public static final String FEEDBACK_ON = "feedbackOn";

  // the continuation into the nominal phase
  /** CONTINUE or CLOSE, chosen by the vendor. */
  public static final String CONTINUATION = "continuation";
  /** The nominal pathway the vendor continues into: one of {@link #NOMINAL_PATHWAYS}' keys. */
  public static final String NOMINAL_PATHWAY = "nominalPathway";
  /** The number of the nominal dossier the transitional one continued into. */
  public static final String NOMINAL_DOSSIER_ID = "nominalDossierId";
  /** On the nominal dossier: the number of the transitional dossier it continues. */
  public static final String CONTINUED_FROM = fr.parcours.ans.AnsProcess.CONTINUED_FROM;

  /** The nominal pathways a transitional dossier may continue into, by the value the vendor chooses. */
  public static final Map<String, String> NOMINAL_PATHWAYS = Map.of(
      "ANS_CERTIFICATION", AnsProcess.KEY,
      "PECAN", PecanProcess.KEY,
      "BRAND_NAME", BrandNameProcess.KEY,
      "GENERIC_LINE", GenericLineProcess.KEY);

  /**
   * What the continuation form asks beyond the candidature, carried to the nominal pathway that takes it: the generic
   * lines claimed and whether the vendor comes from ETAPES (the generic line's start form asks them).
   */
  public static final java.util.List<String> NOMINAL_EXTRAS = java.util.List.of(GenericLineProcess.GENERIC_LINES,
      GenericLineProcess.FROM_ETAPES);

  /** The message an ANS reviewer's recording of the window's nominal opening sends to each open dossier on it. */
  public static final String NOMINAL_PHASE_OPENED = "NominalPhaseOpened";
  /** The day the window's nominal phase opens, as the ANS recorded it (a date, for the mail). */
  public static final String NOMINAL_OPENS_ON = "nominalOpensOn";
  /** The published texts that open it, as the ANS named them. */
  public static final String NOMINAL_LEGAL_REFERENCE = "nominalLegalReference";
  /** The message an ANS reviewer's correction or withdrawal of that opening sends to each dossier told of it. */
  public static final String NOMINAL_PHASE_CORRECTED = "NominalPhaseCorrected";
  /** The day the opening said before it was corrected or withdrawn (a date, for the mail). */
  public static final String PREVIOUS_NOMINAL_OPENS_ON = "previousNominalOpensOn";
  /** What the ANS did to the opening: CORRECTED or WITHDRAWN. */
  public static final String NOMINAL_CHANGE = "nominalChange";
  /** Why, as the ANS reviewer wrote it. */
  public static final String NOMINAL_CHANGE_REASON = "nominalChangeReason";

  public static final String OUTCOME = "transitionalOutcome";

  /** How a transitional dossier ended. */
  public enum Outcome { CONTINUED_INTO_NOMINAL, CLOSED_WITHOUT_CONTINUATION }

  public static final Outcomes OUTCOMES = Outcomes.of(KEY, OUTCOME, "Outcome of the ANS transitional phase",
      Outcome.class);

  private TransitionalProcess() {
  }
}
