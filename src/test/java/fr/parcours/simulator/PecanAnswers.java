package fr.parcours.simulator;

import fr.parcours.support.Candidatures;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PECAN's people in the simulator: the vendor (alice, of vendor-medisoft), the ANS (ana), the HAS desk (hugo), the
 * CNEDiMTS (claire) and the ministers (marc), answering the steps of pecan.bpmn and of the four tracks it calls with
 * the values their forms take. A value {@value #TODAY} is replaced by the simulated day of the answer.
 */
final class PecanAnswers implements AnswerBook {

  static final String TODAY = "{today}";
  static final String VENDOR = "alice";

  private final Map<String, Step> steps = new LinkedHashMap<>();

  PecanAnswers() {
    String vendor = "l’éditeur";
    String ans = "l’ANS";
    String has = "le guichet HAS";
    String cnedimts = "la CNEDiMTS";
    String ministers = "les ministres";
    // the ANS track
    step("Task_RequestConvergenceAccount", VENDOR, vendor, 3, Map.of("kbisProvided", true, "officerIdVerified", true,
        "representativeRegistered", true), null, null);
    step("Task_OpenConvergenceAccount", "ana", ans, 5, Map.of("convergenceAccountId", "CVG-SIM"), null, null);
    step("Task_DepositAdministrativeDossier", VENDOR, vendor, 2, Map.of("depositAction", "SUBMIT"), null, null);
    step("Task_ReviewAdmissibility", "ana", ans, 10, Map.of("admissibilityDecision", "ADMISSIBLE"),
        Map.of("admissibilityDecision", "PRECISIONS", "admissibilityComment", "Précisez le périmètre du logiciel."),
        Map.of("admissibilityDecision", "INADMISSIBLE", "admissibilityComment", "Logiciel hors du champ."));
    step("Task_ProvidePrecisions", VENDOR, vendor, 5, Map.of("precisionsAnswer", "Précisions jointes."), null, null);
    step("Task_SignConvention", VENDOR, vendor, 5, Map.of("conventionSigned", true, "signatoryName", "Alice Martin"),
        null, null);
    steps.put("Task_DepositEvidence", new Step(VENDOR, vendor, Assumption.days(new Distribution.Fixed(20)),
        Map.of("allEvidenceDeposited", true), null, null, true));
    step("Task_RecordInsTestDay", "ana", ans, 15, Map.of("insTestDayDate", TODAY, "insTestDayPassed", true,
        "insTestDayReport", "Journée de test réussie."), null, null);
    step("Task_ReviewEvidence", "ana", ans, 30, Map.of("evidenceDecision", "CONFORMS"),
        Map.of("evidenceDecision", "COMPLEMENTS", "evidenceComment", "SECURITY 3.2 : les journaux manquent."),
        Map.of("evidenceDecision", "REFUSED", "evidenceComment", "Exigences de sécurité non remplies."));
    step("Task_ProvideComplements", VENDOR, vendor, 10, Map.of("complementsAnswer", "Journaux ajoutés."), null, null);
    step("Task_DecideOnLapsedComplements", "ana", ans, 3, Map.of("lapsedDecision", "DEPRIORITISE"), null,
        Map.of("lapsedDecision", "ABANDON"));
    step("Task_ReviewDormantApplication", "ana", ans, 3, Map.of("dormantDecision", "KEEP_OPEN"), null,
        Map.of("dormantDecision", "ABANDON", "dormantComment", "Demande en sommeil depuis trop longtemps."));
    // the Sésame filing
    step("Task_RequestSesameAccount", VENDOR, vendor, 2, Map.of("sesameAccountRequested", true), null, null);
    step("Task_OpenSesameAccount", "hugo", has, 5, Map.of("sesameAccountId", "SES-ACC-SIM"), null, null);
    step("Task_HoldHasMeeting", "hugo", has, 10, Map.of("hasMeetingDate", TODAY), null, null);
    step("Task_DepositSesameApplication", VENDOR, vendor, 5, Map.of("sesameReference", "SES-SIM", "sesameFiled", true,
        "cnpCopySent", true), null, null);
    step("Task_CheckSesameCompleteness", "marc", ministers, 5, Map.of("sesameCompleteness", "COMPLETE"),
        Map.of("sesameCompleteness", "INCOMPLETE", "sesameMissing", "Le protocole de l’étude clinique."), null);
    // PECAN itself
    step("Task_SendAcknowledgement", "marc", ministers, 2, Map.of("acknowledgementDate", TODAY), null, null);
    // the CNEDiMTS opinion
    step("Task_ExamineApplication", "claire", cnedimts, 30, Map.of("cnedimtsDecision", "FAVOURABLE"),
        Map.of("cnedimtsDecision", "COMPLEMENTS", "cnedimtsComment", "Envoyez le protocole de l’étude."),
        Map.of("cnedimtsDecision", "UNFAVOURABLE", "cnedimtsComment", "Bénéfice clinique non démontré."));
    step("Task_ProvideCnedimtsComplements", VENDOR, vendor, 10, Map.of("cnedimtsComplementsAnswer", "Protocole joint."),
        null, null);
    step("Task_AnswerDraftOpinion", VENDOR, vendor, 5, Map.of("hearingRequested", false), null, null);
    step("Task_SetHearingDate", "claire", cnedimts, 5, Map.of("hearingDate", TODAY), null, null);
    step("Task_AdoptFinalOpinion", "claire", cnedimts, 5, Map.of("cnedimtsDecision", "UNFAVOURABLE",
        "cnedimtsComment", "Avis défavorable confirmé."), null, null);
    step("Task_PublishOpinion", "hugo", has, 3, Map.of("opinionPublished", true, "opinionSentToCnp", true,
        "opinionReference", "AVIS-SIM"), null, null);
    // the ministers' decision
    step("Task_EvaluateApplication", "marc", ministers, 20, Map.of("ministersDecision", "FAVOURABLE"),
        Map.of("ministersDecision", "COMPLEMENTS", "ministersComment", "La proposition de prix manque."),
        Map.of("ministersDecision", "UNFAVOURABLE", "ministersComment", "Pas de bénéfice démontré."));
    step("Task_ProvideMinistersComplements", VENDOR, vendor, 5, Map.of("ministersComplementsAnswer", "Envoyée."),
        null, null);
    // after a favourable decision
    step("Task_FileLpprApplication", VENDOR, vendor, 60, Map.of("lpprFilingReference", "LPPR-SIM", "lpprFiled", true),
        null, null);
    step("Task_FileLatmApplication", VENDOR, vendor, 90, Map.of("latmFilingReference", "LATM-SIM", "latmFiled", true),
        null, null);
  }

  private void step(String key, String user, String who, double usualDays, Map<String, Object> ordinary,
      Map<String, Object> complements, Map<String, Object> refusal) {
    steps.put(key, new Step(user, who, Assumption.days(new Distribution.Fixed(usualDays)), ordinary, complements,
        refusal, false));
  }

  @Override
  public String pathway() {
    return "pecan";
  }

  @Override
  public String vendor() {
    return VENDOR;
  }

  @Override
  public Map<String, Object> startForm(int index) {
    Map<String, Object> form = new HashMap<>(Candidatures.valid());
    form.put("softwareName", "Logiciel simulé " + (index + 1));
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", true);
    return form;
  }

  @Override
  public Map<String, Step> steps() {
    return steps;
  }

  @Override
  public Ending classify(Map<String, Object> pathway) {
    Object outcome = pathway.get("pecanOutcome");
    if (outcome == null) {
      return Ending.OPEN;
    }
    return switch (outcome.toString()) {
      case "EARLY_COVERAGE_GRANTED", "EARLY_COVERAGE_ENDED" -> Ending.DECIDED;
      case "ABANDONED_CNEDIMTS_COMPLEMENTS", "ABANDONED_MINISTERS_COMPLEMENTS" -> Ending.ABANDONED;
      case "ANS_CERTIFICATION_NOT_OBTAINED" -> "ABANDONED".equals(String.valueOf(pathway.get("ansOutcome")))
          ? Ending.ABANDONED : Ending.REFUSED;
      default -> Ending.REFUSED;
    };
  }

  @Override
  public boolean decides(String taskKey, Answer answer) {
    return "Task_EvaluateApplication".equals(taskKey) && answer != Answer.COMPLEMENTS;
  }
}
