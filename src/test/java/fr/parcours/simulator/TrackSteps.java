package fr.parcours.simulator;

import fr.parcours.simulator.AnswerBook.Assumption;
import fr.parcours.simulator.AnswerBook.Step;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The steps of the tracks the pathways call (the ANS certification, the Sésame filing, the CNEDiMTS opinion, the
 * ministers' decision), answered by the demo users of their groups with the values their forms take, written once
 * for every pathway's {@link AnswerBook}: the vendor (alice, of vendor-medisoft), the ANS (ana), the HAS desk (hugo),
 * the CNEDiMTS (claire) and the ministers (marc). A pathway adds its own steps with {@link #step}.
 */
final class TrackSteps {

  static final String VENDOR = "alice";
  static final String WHO_VENDOR = "l’éditeur";
  static final String WHO_ANS = "l’ANS";
  static final String WHO_HAS = "le guichet HAS";
  static final String WHO_CNEDIMTS = "la CNEDiMTS";
  static final String WHO_MINISTERS = "les ministres";

  private final Map<String, Step> steps = new LinkedHashMap<>();

  Map<String, Step> steps() {
    return steps;
  }

  /** The ANS certification track. */
  TrackSteps ans() {
    step("Task_RequestConvergenceAccount", VENDOR, WHO_VENDOR, 3, Map.of("kbisProvided", true,
        "officerIdVerified", true, "representativeRegistered", true), null, null);
    step("Task_OpenConvergenceAccount", "ana", WHO_ANS, 5, Map.of("convergenceAccountId", "CVG-SIM"), null, null);
    step("Task_DepositAdministrativeDossier", VENDOR, WHO_VENDOR, 2, Map.of("depositAction", "SUBMIT"), null, null);
    step("Task_ReviewAdmissibility", "ana", WHO_ANS, 10, Map.of("admissibilityDecision", "ADMISSIBLE"),
        Map.of("admissibilityDecision", "PRECISIONS", "admissibilityComment", "Précisez le périmètre du logiciel."),
        Map.of("admissibilityDecision", "INADMISSIBLE", "admissibilityComment", "Logiciel hors du champ."));
    step("Task_ProvidePrecisions", VENDOR, WHO_VENDOR, 5, Map.of("precisionsAnswer", "Précisions jointes."), null,
        null);
    step("Task_SignConvention", VENDOR, WHO_VENDOR, 5, Map.of("conventionSigned", true, "signatoryName",
        "Alice Martin"), null, null);
    steps.put("Task_DepositEvidence", new Step(VENDOR, WHO_VENDOR, Assumption.days(new Distribution.Fixed(20)),
        Map.of("allEvidenceDeposited", true), null, null, true));
    step("Task_RecordInsTestDay", "ana", WHO_ANS, 15, Map.of("insTestDayDate", AnswerBook.TODAY, "insTestDayPassed",
        true, "insTestDayReport", "Journée de test réussie."), null, null);
    step("Task_ReviewEvidence", "ana", WHO_ANS, 30, Map.of("evidenceDecision", "CONFORMS"),
        Map.of("evidenceDecision", "COMPLEMENTS", "evidenceComment", "SECURITY 3.2 : les journaux manquent."),
        Map.of("evidenceDecision", "REFUSED", "evidenceComment", "Exigences de sécurité non remplies."));
    step("Task_ProvideComplements", VENDOR, WHO_VENDOR, 10, Map.of("complementsAnswer", "Journaux ajoutés."), null,
        null);
    step("Task_DecideOnLapsedComplements", "ana", WHO_ANS, 3, Map.of("lapsedDecision", "DEPRIORITISE"), null,
        Map.of("lapsedDecision", "ABANDON"));
    step("Task_ReviewDormantApplication", "ana", WHO_ANS, 3, Map.of("dormantDecision", "KEEP_OPEN"), null,
        Map.of("dormantDecision", "ABANDON", "dormantComment", "Demande en sommeil depuis trop longtemps."));
    return this;
  }

  /** The Sésame filing, with the ministers' check of its completeness. */
  TrackSteps sesame() {
    step("Task_RequestSesameAccount", VENDOR, WHO_VENDOR, 2, Map.of("sesameAccountRequested", true), null, null);
    step("Task_OpenSesameAccount", "hugo", WHO_HAS, 5, Map.of("sesameAccountId", "SES-ACC-SIM"), null, null);
    step("Task_HoldHasMeeting", "hugo", WHO_HAS, 10, Map.of("hasMeetingDate", AnswerBook.TODAY), null, null);
    step("Task_DepositSesameApplication", VENDOR, WHO_VENDOR, 5, Map.of("sesameReference", "SES-SIM", "sesameFiled",
        true, "cnpCopySent", true), null, null);
    step("Task_CheckSesameCompleteness", "marc", WHO_MINISTERS, 5, Map.of("sesameCompleteness", "COMPLETE"),
        Map.of("sesameCompleteness", "INCOMPLETE", "sesameMissing", "Le protocole de l’étude clinique."), null);
    return this;
  }

  /**
   * The CNEDiMTS opinion: the examination, its complements, the vendor's answer to a draft opinion, the hearing and
   * the final opinion (whose ordinary answer is {@code finalOpinion}), its publication by the HAS desk.
   */
  TrackSteps cnedimts(String finalOpinion) {
    step("Task_ExamineApplication", "claire", WHO_CNEDIMTS, 30, Map.of("cnedimtsDecision", "FAVOURABLE"),
        Map.of("cnedimtsDecision", "COMPLEMENTS", "cnedimtsComment", "Envoyez le protocole de l’étude."),
        Map.of("cnedimtsDecision", "UNFAVOURABLE", "cnedimtsComment", "Bénéfice clinique non démontré."));
    grants("Task_ExamineApplication", "CNEDIMTS_COMPLEMENTS");
    step("Task_ProvideCnedimtsComplements", VENDOR, WHO_VENDOR, 10, Map.of("cnedimtsComplementsAnswer",
        "Protocole joint."), null, null);
    step("Task_AnswerDraftOpinion", VENDOR, WHO_VENDOR, 5, Map.of("hearingRequested", false), null, null);
    step("Task_SetHearingDate", "claire", WHO_CNEDIMTS, 5, Map.of("hearingDate", AnswerBook.TODAY), null, null);
    step("Task_AdoptFinalOpinion", "claire", WHO_CNEDIMTS, 5, Map.of("cnedimtsDecision", finalOpinion,
        "cnedimtsComment", "UNFAVOURABLE".equals(finalOpinion) ? "Avis défavorable confirmé."
            : "Avis favorable de la commission."), null, "UNFAVOURABLE".equals(finalOpinion) ? null
        : Map.of("cnedimtsDecision", "UNFAVOURABLE", "cnedimtsComment", "Avis défavorable de la commission."));
    step("Task_PublishOpinion", "hugo", WHO_HAS, 3, Map.of("opinionPublished", true, "opinionSentToCnp", true,
        "opinionReference", "AVIS-SIM"), null, null);
    return this;
  }

  /** The ministers' decision and the vendor's complements to it. */
  TrackSteps ministers() {
    step("Task_EvaluateApplication", "marc", WHO_MINISTERS, 20, Map.of("ministersDecision", "FAVOURABLE"),
        Map.of("ministersDecision", "COMPLEMENTS", "ministersComment", "La proposition de prix manque."),
        Map.of("ministersDecision", "UNFAVOURABLE", "ministersComment", "Pas de bénéfice démontré."));
    grants("Task_EvaluateApplication", "MINISTERS_COMPLEMENTS");
    step("Task_ProvideMinistersComplements", VENDOR, WHO_VENDOR, 5, Map.of("ministersComplementsAnswer",
        "Envoyée."), null, null);
    return this;
  }

  /**
   * Where the pathway's row leaves the length of the vendor's complements to the agency (the brand name's), its
   * reviewer grants {@value #USUAL_GRANTED_DAYS} days unless the what-if file says « délai accordé = … »: an assumed
   * habit of the reviewers, as the times to answer are, not a window of the table.
   */
  static final int USUAL_GRANTED_DAYS = 30;

  private void grants(String key, String window) {
    Step step = steps.get(key);
    Assumption usual = step.usual();
    steps.put(key, new Step(step.user(), step.who(), new Assumption(usual.days(), usual.complements(),
        usual.refusals(), usual.late(), USUAL_GRANTED_DAYS), step.ordinary(), step.complements(), step.refusal(),
        step.sendsEvidence(), window, false));
  }

  /** A step answered {@code usualDays} before its last day when the what-if file says nothing of it. */
  TrackSteps stepBeforeDue(String key, String user, String who, double usualDays, Map<String, Object> ordinary) {
    steps.put(key, new Step(user, who, Assumption.days(new Distribution.Fixed(usualDays)), ordinary, null, null, false,
        null, true));
    return this;
  }

  /** A step answered after {@code usualDays} when the what-if file says nothing of it. */
  TrackSteps step(String key, String user, String who, double usualDays, Map<String, Object> ordinary,
      Map<String, Object> complements, Map<String, Object> refusal) {
    steps.put(key, new Step(user, who, Assumption.days(new Distribution.Fixed(usualDays)), ordinary, complements,
        refusal, false));
    return this;
  }
}
