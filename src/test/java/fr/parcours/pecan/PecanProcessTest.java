package fr.parcours.pecan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.Candidatures;
import fr.parcours.support.FullProcessCoverage;
import fr.parcours.support.ProcessTestBase;
import fr.parcours.shared.BadInputException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Every branch of bpmn/pathways/pecan.bpmn (seed 002), walked as the vendor, the ANS, the HAS desk, the CNEDiMTS and
 * the ministers would, with time moved. The class fails unless its tests pass every flow node and sequence
 * flow of the diagram.
 */
@Import(FullProcessCoverage.OfPecan.class)
class PecanProcessTest extends ProcessTestBase {

  static final String VENDOR = "alice";
  static final String ANS = "ana";
  static final String HAS = "hugo";
  static final String CNEDIMTS = "claire";
  static final String MINISTRY = "marc";

  @Autowired PecanDesk desk;
  @Autowired fr.parcours.dossierpage.DossierBoard board;

  // ---- the steps ----

  ProcessInstance apply(Map<String, Object> extra) {
    Map<String, Object> form = Candidatures.valid();
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", true);
    form.putAll(extra);
    return startApplication(VENDOR, PecanProcess.KEY, form);
  }

  ProcessInstance apply() {
    return apply(Map.of());
  }

  ProcessInstance ansTrack(ProcessInstance pecan) {
    return instanceOf(pecan, "ans-certification");
  }

  void completeConvergence(ProcessInstance pecan) {
    ProcessInstance ans = ansTrack(pecan);
    complete(VENDOR, ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete(ANS, ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete(VENDOR, ans, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "A. Martin"));
    sendCompleteEvidence(VENDOR, ans);
    complete(VENDOR, ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
  }

  void completeSesame(ProcessInstance pecan) {
    complete(VENDOR, pecan, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", true));
    complete(MINISTRY, pecan, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
  }

  void acknowledge(ProcessInstance pecan) {
    complete(MINISTRY, pecan, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-11-02"));
  }

  ProcessInstance acknowledged() {
    ProcessInstance pecan = apply();
    completeConvergence(pecan);
    completeSesame(pecan);
    acknowledge(pecan);
    return pecan;
  }

  void ansConforms(ProcessInstance pecan) {
    complete(ANS, ansTrack(pecan), "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
  }

  void opinion(ProcessInstance pecan, String decision) {
    Map<String, Object> form = new HashMap<>();
    form.put("cnedimtsDecision", decision);
    form.put("cnedimtsComment", "FAVOURABLE".equals(decision) ? null : "Clinical benefit not shown");
    complete(CNEDIMTS, pecan, "Task_ExamineApplication", form);
    complete(HAS, pecan, "Task_PublishOpinion", Map.of("opinionPublished", true, "opinionSentToCnp", true,
        "opinionReference", "AVIS-2026-17"));
  }

  ProcessInstance withBothOpinions() {
    ProcessInstance pecan = acknowledged();
    ansConforms(pecan);
    opinion(pecan, "FAVOURABLE");
    return pecan;
  }

  void decide(ProcessInstance pecan, String decision, String comment) {
    Map<String, Object> form = new HashMap<>();
    form.put("ministersDecision", decision);
    form.put("ministersComment", comment);
    complete(MINISTRY, pecan, "Task_EvaluateApplication", form);
  }

  void fileBoth(ProcessInstance pecan) {
    complete(VENDOR, pecan, "Task_FileLpprApplication", Map.of("lpprFilingReference", "LPPR-1", "lpprFiled", true));
    complete(VENDOR, pecan, "Task_FileLatmApplication", Map.of("latmFilingReference", "LATM-1", "latmFiled", true));
  }

  // ---- happy paths ----

  @Test
  void shouldGrantEarlyCoverageWhenTheAnsFinishesFirst() throws Exception {
    ProcessInstance pecan = apply();
    assertWaitingAt(pecan, "CallActivity_AnsCertification", "Task_DepositSesameApplication");
    assertThat(ansTrack(pecan).getBusinessKey()).isEqualTo(pecan.getBusinessKey());
    completeConvergence(pecan);
    assertThat(pecan).as("the ANS track escalated its complete evidence").hasPassed("Event_ConvergenceFileComplete");
    completeSesame(pecan);
    assertThat(ansTrack(pecan)).isWaitingAt("Event_GoAheadReceived");
    acknowledge(pecan);

    assertThat(ansTrack(pecan)).isWaitingAt("Task_ReviewEvidence");
    Task examine = task(pecan, "Task_ExamineApplication");
    assertThat(examine).hasCandidateGroup("cnedimts");
    assertThat(examine.getDueDate()).isEqualTo(lastMomentOfDay(60));
    ansConforms(pecan);
    assertWaitingAt(pecan, "Gateway_OpinionsJoin", "Task_ExamineApplication");
    advance(Duration.ofDays(20));
    opinion(pecan, "FAVOURABLE");

    Task evaluate = task(pecan, "Task_EvaluateApplication");
    assertThat(evaluate).hasCandidateGroup("ministry");
    assertThat(evaluate.getDueDate()).isEqualTo(lastMomentOfDay(50));
    advance(Duration.ofDays(10));
    decide(pecan, "FAVOURABLE", null);

    assertThat(pecan).variables().containsEntry("earlyCoverageDecidedAt", day(30))
        .containsEntry("earlyCoverageEndsAt", lastMomentOf(LocalDate.of(2027, 12, 2)));
    Task lppr = task(pecan, "Task_FileLpprApplication");
    assertThat(lppr).hasCandidateGroup("vendor-medisoft");
    // decided on 2 December 2026: 6 and 9 months, per CPC 641, until 2 June and 2 September 2027 included
    assertThat(lppr.getDueDate()).isEqualTo(lastMomentOf(LocalDate.of(2027, 6, 2)));
    assertThat(task(pecan, "Task_FileLatmApplication").getDueDate())
        .isEqualTo(lastMomentOf(LocalDate.of(2027, 9, 2)));
    fileBoth(pecan);
    // the filings made, the dossier stays open for the coverage period (PECAN_EARLY_COVERAGE, one year)
    assertPassed(pecan, "EndEvent_FilingsMade");
    assertThat(pecan).isWaitingAt("Timer_EarlyCoverageEnding").variables().doesNotContainKey("pecanOutcome")
        .containsEntry("ansOutcome", "CERTIFIED");

    // a month before the end (the row's "Remind before"), then at 00:00 after 2 December 2027, its last day
    fire(pecan, "Timer_EarlyCoverageEnding");
    assertThat(Date.from(now())).isEqualTo(endOf(LocalDate.of(2027, 11, 2)));
    assertThat(subjects()).contains("Dossier " + pecan.getBusinessKey()
        + " : fin de la prise en charge anticipée le 2 décembre 2027");
    fire(pecan, "Timer_EarlyCoverageOver");
    assertThat(Date.from(now())).isEqualTo(endOf(LocalDate.of(2027, 12, 2)));
    assertThat(pecan).isEnded();
    assertPassed(pecan, "Event_NotifyCoverageEnding", "Event_NotifyCoverageEnded", "EndEvent_EarlyCoverageEnded");
    assertThat(pecan).variables().containsEntry("pecanOutcome", "EARLY_COVERAGE_ENDED");
    assertThat(bodiesWithSubject("la prise en charge anticipée a pris fin"))
        .as("the contact and the legal representative are told, with the last day and the filings")
        .hasSize(2).allSatisfy(body -> assertThat(body).contains("jusqu’au 2 décembre 2027 inclus")
            .contains("LPPR-1").contains("LATM-1"));
  }

  @Test
  void shouldEndTheDossierWhenTheCoveragePeriodEndsEvenWithTheFilingsStillOpen() throws Exception {
    // Given early coverage granted on 2 November 2026 (covered until 2 November 2027 included), and a vendor who
    // never files
    ProcessInstance pecan = withBothOpinions();
    decide(pecan, "FAVOURABLE", null);
    assertThat(timer(pecan, "Timer_EarlyCoverageEnding").getDuedate()).isEqualTo(endOf(LocalDate.of(2027, 10, 2)));

    // When the coverage period passes
    fire(pecan, "Timer_EarlyCoverageEnding");
    fire(pecan, "Timer_EarlyCoverageOver");

    // Then the dossier ends with its own outcome and the filing tasks close with it
    assertThat(pecan).isEnded();
    assertPassed(pecan, "EndEvent_EarlyCoverageEnded");
    assertThat(pecan).variables().containsEntry("pecanOutcome", "EARLY_COVERAGE_ENDED");
    assertThat(taskService.createTaskQuery().processInstanceId(pecan.getId()).count()).isZero();
    assertThat(Date.from(now())).isEqualTo(endOf(LocalDate.of(2027, 11, 2)));
    assertThat(bodiesWithSubject("la prise en charge anticipée a pris fin")).hasSize(2)
        .allSatisfy(body -> assertThat(body).doesNotContain("LPPR-1").contains("jusqu’au 2 novembre 2027 inclus")
            .contains("sont closes"));
  }

  /**
   * Issue 19: every PECAN mail says what the vendor does next, links to it and gives the time limit. Broken
   * before: the acknowledgement and the favourable decision left out their dates (no variable held them), the
   * Sésame "missing items" mail promised a last day that no window gives ("jusqu’au  inclus").
   */
  @Test
  void shouldTellTheVendorInEachMailWhatToDoWhereAndByWhen() throws Exception {
    ProcessInstance pecan = apply();
    completeConvergence(pecan);
    String task = "http://localhost:8080/dossiers/" + pecan.getBusinessKey() + "/tache";
    String tasklist = "http://localhost:8080/camunda/app/tasklist/default/";

    // the Sésame file is incomplete: the task to do again, no regulatory limit, no empty date
    complete(VENDOR, pecan, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", true));
    complete(MINISTRY, pecan, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "INCOMPLETE",
        "sesameMissing", "Le protocole de l’étude clinique"));
    assertThat(bodiesWithSubject("pièces manquantes")).hasSize(2).allSatisfy(body -> assertThat(lf(body))
        .contains("Le protocole de l’étude clinique", "la tâche « Déposer la demande sur Sésame », dans Tasklist :\n"
            + task, "Délai : Aucun délai réglementaire ne s’applique à cette étape.").doesNotContain("jusqu’au"));
    completeSesame(pecan);

    // the acknowledgement on 2 November 2026: the official instruction's last day (60 days), nothing to do yet
    acknowledge(pecan);
    assertThat(bodiesWithSubject("accusé de réception")).hasSize(2).allSatisfy(body -> assertThat(lf(body))
        .contains("L’instruction réglementaire court jusqu’au 1er janvier 2027 inclus.",
            "Ce que vous devez faire : rien pour l’instant.", "Tasklist :\n" + tasklist));

    // the opinion: nothing to do, where the vendor's tasks are
    ansConforms(pecan);
    opinion(pecan, "FAVOURABLE");
    assertThat(bodiesWithSubject("avis de la CNEDiMTS")).hasSize(2).allSatisfy(body -> assertThat(lf(body))
        .contains("Ce que vous devez faire : rien à cette étape.", "Tasklist :\n" + tasklist));
    // it carries the opinion's notice as a PDF (issue 20, documents)
    jakarta.mail.Part notice = attachment(mails("avis de la CNEDiMTS").get(0));
    assertThat(notice.getFileName()).isEqualTo("avis-cnedimts-" + pecan.getBusinessKey() + ".pdf");
    assertThat(pdfText(notice)).contains("Notification de l’avis de la CNEDiMTS", "Sens de l’avis Favorable",
        pecan.getBusinessKey());

    // the favourable decision on 2 November 2026: both filings, their last days (6 and 9 months; 2 May 2027 is a
    // Sunday, the LPPR row rolls to the next working day), the tasks
    decide(pecan, "FAVOURABLE", null);
    assertThat(bodiesWithSubject("décision favorable")).hasSize(2).allSatisfy(body -> assertThat(lf(body)).contains(
        "(LPPR) jusqu’au 3 mai 2027 inclus", "(LATM) jusqu’au 2 août 2027 inclus",
        "les tâches « Déposer la demande LPPR » et « Déposer la demande LATM », dans Tasklist :\n" + task,
        "Délais : LPPR jusqu’au 3 mai 2027 inclus ; LATM jusqu’au 2 août 2027 inclus.",
        // and when the early coverage ends (row PECAN_EARLY_COVERAGE, one year from the decision)
        "La prise en charge anticipée court à compter de cette décision, du 2 novembre 2026 au 2 novembre 2027"
            + " inclus ; le dispositif entre ensuite dans le droit commun."));
    assertThat(htmlBodiesWithSubject("décision favorable")).allSatisfy(html -> assertThat(html)
        .contains("du <strong>2 novembre 2026</strong> au <strong>2 novembre 2027</strong> inclus"));
    // it carries the decision as a PDF, with the same last days and the appeal routes
    jakarta.mail.Part decision = attachment(mails("décision favorable").get(0));
    assertThat(decision.getFileName()).isEqualTo("decision-de-prise-en-charge-" + pecan.getBusinessKey() + ".pdf");
    assertThat(pdfText(decision)).contains("Décision de prise en charge", "jusqu’au 3 mai 2027 inclus",
        "jusqu’au 2 août 2027 inclus", "Voies et délais de recours",
        "Prise en charge anticipée du 2 novembre 2026 au 2 novembre 2027 inclus");
    // her dossier's page gives the same three last days, each window with its own
    java.util.Map<String, String> lastDays = new java.util.HashMap<>();
    board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), pecan.getBusinessKey()).orElseThrow().summary()
        .tracks().stream().flatMap(t -> t.windows().stream()).forEach(w -> lastDays.put(w.clockId(), w.lastDay()));
    assertThat(lastDays).containsEntry("PECAN_EARLY_COVERAGE", "jusqu’au 2 novembre 2027 inclus")
        .containsEntry("PECAN_LPPR_FILING", "jusqu’au 3 mai 2027 inclus")
        .containsEntry("PECAN_LATM_FILING", "jusqu’au 2 août 2027 inclus");
    assertThat(task(pecan, "Task_FileLpprApplication").getDueDate())
        .as("the task's due date is the day the mail gave").isEqualTo(lastMomentOf(LocalDate.of(2027, 5, 3)));

    // a month before the LPPR window ends: the task and its last day
    fire(pecan, "Timer_LpprReminder");
    assertThat(bodiesWithSubject("LPPR")).hasSize(2).allSatisfy(body ->
        assertThat(lf(body)).contains("la tâche « Déposer la demande LPPR », dans Tasklist :\n" + task,
            "Délai : jusqu’au 3 mai 2027 inclus."));
  }

  private static String lf(String text) {
    return text.replace("\r\n", "\n");
  }

  List<String> subjects() throws Exception {
    return mails("").stream().map(message -> {
      try {
        return message.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  List<String> htmlBodiesWithSubject(String part) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (jakarta.mail.internet.MimeMessage mail : mails(part)) {
      bodies.add(html(mail));
    }
    return bodies;
  }

  List<String> bodiesWithSubject(String part) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (jakarta.mail.internet.MimeMessage mail : mails(part)) {
      bodies.add(text(mail));
    }
    return bodies;
  }

  /** The mails with that subject went to the contact and the legal representative, once each, with those words. */
  void mailedOnce(String subject, String... words) throws Exception {
    List<String> bodies = bodiesWithSubject(subject);
    assertThat(bodies).as("mails \"%s\"", subject).hasSize(2);
    for (String word : words) {
      assertThat(bodies).allSatisfy(body -> assertThat(lf(body)).contains(word));
    }
  }

  /**
   * The vendor hears of each status of both filings she can see change, once, in French: the first mail names the
   * PECAN and both agencies, the Sésame side mails each of its steps, and her complete evidence is acknowledged
   * when it is complete, not again when the ministers' acknowledgement lets the ANS begin (broken before: no Sésame
   * mail but the missing items, the candidature's mail named the ANS only, the evidence waited for the go-ahead).
   */
  @Test
  void shouldMailEveryStatusOfBothFilingsOnceInFrench() throws Exception {
    // Given a PECAN application of a vendor without a Sésame account
    ProcessInstance pecan = apply(Map.of("hasSesameAccount", false));
    String task = "http://localhost:8080/dossiers/" + pecan.getBusinessKey() + "/tache";

    // Then the first mail says what was received and what comes next on both sides
    assertThat(subjects()).contains("Dossier " + pecan.getBusinessKey()
        + " : demande de prise en charge anticipée (PECAN) reçue").doesNotContain("Dossier "
        + pecan.getBusinessKey() + " : candidature reçue");
    mailedOnce("(PECAN) reçue", "la demande de prise en charge anticipée numérique (PECAN) de MediSoft",
        "l’Agence du numérique en santé (ANS), sur Convergence", "la Haute Autorité de santé (HAS) et aux ministres,"
            + " sur Sésame", "Côté ANS, prochaine étape : le dépôt du dossier administratif",
        "Côté HAS, prochaine étape sur Sésame");
    mailedOnce("compte Sésame à demander", "la tâche « Demander un compte Sésame », dans Tasklist :\n" + task);

    // When the vendor asks for the account (her own step: no mail), then the HAS opens it
    complete(VENDOR, pecan, "Task_RequestSesameAccount", Map.of("sesameAccountRequested", true));
    assertThat(bodiesWithSubject("compte Sésame ouvert")).isEmpty();
    complete(HAS, pecan, "Task_OpenSesameAccount", Map.of("sesameAccountId", "SES-ACC-7"));
    mailedOnce("compte Sésame ouvert", "La Haute Autorité de santé (HAS) a ouvert le compte Sésame de MediSoft",
        "la tâche « Déposer la demande sur Sésame », dans Tasklist :\n" + task);

    // When the evidence is complete on Convergence: she is told now, and that the ANS waits for the ministers
    completeConvergence(pecan);
    assertThat(ansTrack(pecan)).isWaitingAt("Event_GoAheadReceived");
    mailedOnce("dossier de preuves complet reçu", "L’ANS a bien reçu le dossier de preuves complet",
        "lorsque les ministres auront accusé réception de votre demande complète déposée sur Sésame ; un courriel"
            + " vous le dira.\n\nLe délai d’analyse de l’ANS court, lui, depuis la réception de vos preuves complètes :"
            + " elle achève son analyse au plus tard le 1er janvier 2027 inclus.");

    // When she deposits on Sésame and the ministers find the file complete
    complete(VENDOR, pecan, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", true));
    mailedOnce("demande déposée sur Sésame", "référence Sésame SES-2026-0042",
        "les ministres en vérifient la recevabilité et la complétude");
    complete(MINISTRY, pecan, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    mailedOnce("demande Sésame recevable et complète", "elle est recevable et complète",
        "l’accusé de réception des ministres");

    // Then the acknowledgement gives the ANS its go-ahead without telling her of her evidence twice
    acknowledge(pecan);
    assertThat(ansTrack(pecan)).isWaitingAt("Task_ReviewEvidence");
    mailedOnce("accusé de réception de votre demande complète");
    mailedOnce("dossier de preuves complet reçu");
    mailedOnce("compte Sésame à demander");
    mailedOnce("demande déposée sur Sésame");
  }

  /** The same in English, for a dossier whose correspondence language is EN, with a Sésame account already. */
  @Test
  void shouldMailEveryStatusOfBothFilingsOnceInEnglish() throws Exception {
    ProcessInstance pecan = apply(Map.of("correspondenceLanguage", "EN"));
    String id = pecan.getBusinessKey();

    assertThat(subjects()).contains("Dossier " + id + ": early coverage (PECAN) application received")
        .noneMatch(subject -> subject.contains("Sésame account"));
    mailedOnce("(PECAN) application received", "the early coverage application for digital medical devices"
        + " (PECAN) of MediSoft", "the Haute Autorité de santé (HAS) and the ministers, on Sésame",
        "On the ANS side, next step:", "On the HAS side, next step on Sésame");

    completeConvergence(pecan);
    mailedOnce("complete evidence received", "The ANS has received the complete evidence",
        "once the ministers have acknowledged receipt of your complete application deposited on Sésame");
    completeSesame(pecan);
    mailedOnce("application deposited on Sésame", "Sésame reference SES-2026-0042");
    mailedOnce("Sésame application admissible and complete", "it is admissible and complete");

    acknowledge(pecan);
    assertThat(ansTrack(pecan)).isWaitingAt("Task_ReviewEvidence");
    mailedOnce("complete evidence received");
    assertThat(subjects()).as("nothing in French").noneMatch(subject -> subject.contains(" : "));
  }

  @Test
  void shouldGrantEarlyCoverageWhenTheCnedimtsFinishesFirst() {
    ProcessInstance pecan = acknowledged();
    opinion(pecan, "FAVOURABLE");
    assertWaitingAt(pecan, "CallActivity_AnsCertification", "Gateway_OpinionsJoin");
    ansConforms(pecan);

    assertWaitingAt(pecan, "Task_EvaluateApplication");
    decide(pecan, "FAVOURABLE", null);
    fileBoth(pecan);
    assertPassed(pecan, "EndEvent_FilingsMade");
    assertThat(pecan).isWaitingAt("Timer_EarlyCoverageEnding");
  }

  @Test
  void shouldCountTheAnsAnalysisFromTheCompleteEvidenceNotFromTheAcknowledgement() {
    // Given evidence complete on Convergence on day 0 and the acknowledgement of receipt on day 20
    ProcessInstance pecan = apply();
    completeConvergence(pecan);
    advance(Duration.ofDays(20));
    completeSesame(pecan);
    acknowledge(pecan);

    // Then the ANS has 60 days from the complete evidence (seed 002 §11.a), the CNEDiMTS 60 from the
    // acknowledgement (§11.b)
    assertThat(timer(ansTrack(pecan), "Timer_AnalysisTimeElapsed").getDuedate()).isEqualTo(endOfDay(60));
    assertThat(task(pecan, "Task_ExamineApplication").getDueDate()).isEqualTo(lastMomentOfDay(80));
  }

  // ---- the acknowledgement waits for both files ----

  @Test
  void shouldWaitForConvergenceWhenSesameIsCompleteFirst() {
    ProcessInstance pecan = apply();
    completeSesame(pecan);

    assertThat(task(pecan, "Task_SendAcknowledgement")).isNull();
    assertThat(pecan).variables().containsEntry("acknowledgementWaitsFor", "CONVERGENCE");
    completeConvergence(pecan);
    assertThat(task(pecan, "Task_SendAcknowledgement")).isNotNull();
    assertThat(pecan).variables().containsEntry("acknowledgementWaitsFor", "NOTHING");
  }

  @Test
  void shouldWaitForSesameWhenConvergenceIsCompleteFirstAndLoopUntilItIsComplete() {
    ProcessInstance pecan = apply(Map.of("hasSesameAccount", false, "hasMeeting", "PRE_DEPOSIT_MEETING"));
    completeConvergence(pecan);
    assertThat(pecan).variables().containsEntry("acknowledgementWaitsFor", "SESAME");
    assertThat(ansTrack(pecan)).isWaitingAt("Event_GoAheadReceived");

    complete(VENDOR, pecan, "Task_RequestSesameAccount", Map.of("sesameAccountRequested", true));
    complete(HAS, pecan, "Task_OpenSesameAccount", Map.of("sesameAccountId", "SES-ACC-7"));
    assertThat(task(pecan, "Task_HoldHasMeeting")).hasCandidateGroup("has-reviewer");
    // the meeting's date is a date: 30 February and a word are refused, the task left open
    for (String notADate : List.of("2027-02-30", "demain")) {
      assertThatThrownBy(() -> complete(HAS, pecan, "Task_HoldHasMeeting", Map.of("hasMeetingDate", notADate)))
          .as(notADate).hasMessageContaining("Le champ « Date de la réunion » doit être une date comme 2027-03-31");
    }
    assertThat(task(pecan, "Task_HoldHasMeeting")).isNotNull();
    complete(HAS, pecan, "Task_HoldHasMeeting", Map.of("hasMeetingDate", "2026-11-10"));
    complete(VENDOR, pecan, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-1", "sesameFiled", true));
    complete(MINISTRY, pecan, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "INCOMPLETE",
        "sesameMissing", "The clinical study report is missing."));
    assertThat(task(pecan, "Task_SendAcknowledgement")).isNull();
    assertWaitingAt(pecan, "Task_DepositSesameApplication");
    completeSesame(pecan);

    assertThat(task(pecan, "Task_SendAcknowledgement")).isNotNull();
  }

  // ---- windows ----

  @Test
  void shouldFlagTheOpinionOverdueSixtyDaysAfterTheAcknowledgement() {
    ProcessInstance pecan = acknowledged();
    fire(pecan, "Timer_OpinionDue");

    assertThat(java.util.Date.from(now())).as("at 00:00 after the last day, day 60").isEqualTo(endOfDay(60));
    assertPassed(pecan, "Task_FlagOverdueOpinion", "EndEvent_OverdueOpinionFlagged");
    assertWaitingAt(pecan, "Task_ExamineApplication");
    assertThat(dossierVariable(pecan, "opinionOverdue")).isEqualTo(true);
  }

  @Test
  void shouldKeepTheOpinionWindowRunningThroughTheComplementsAndDeemAbandonedAfterThirtyDays() throws Exception {
    ProcessInstance pecan = acknowledged();
    advance(Duration.ofDays(3));
    complete(CNEDIMTS, pecan, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS",
        "cnedimtsComment", "Send the study protocol."));
    Task complements = task(pecan, "Task_ProvideCnedimtsComplements");
    assertThat(complements).hasCandidateGroup("vendor-medisoft");
    // day 33 is Saturday 5 December 2026: a vendor's window is extended to Monday 7 December included
    assertThat(complements.getDueDate()).isEqualTo(lastMomentOfDay(35));
    // and the vendor is told by mail what is asked and until when (issue 19)
    assertThat(subjects()).contains("Dossier " + pecan.getBusinessKey()
        + " : la CNEDiMTS demande des compléments jusqu’au 7 décembre 2026 inclus");

    fire(pecan, "Timer_CnedimtsComplementsWindow");

    assertThat(pecan).isEnded();
    assertPassed(pecan, "EndEvent_CnedimtsComplementsLapsed", "EndEvent_AbandonedAtCnedimts");
    assertThat(pecan).variables().containsEntry("pecanOutcome", "ABANDONED_CNEDIMTS_COMPLEMENTS");
    assertThat(historyService.createHistoricProcessInstanceQuery().superProcessInstanceId(pecan.getId())
        .processDefinitionKey("ans-certification").singleResult().getState()).as("the ANS track is stopped too")
        .isEqualTo("INTERNALLY_TERMINATED");
    // the mail names the window of the CNEDiMTS track, ended with its error, and its last day
    assertThat(text(mails(pecan.getBusinessKey() + " : candidature réputée abandonnée").get(0))).contains(
        "Le délai « Compléments demandés par la CNEDiMTS » est passé : son dernier jour était le 7 décembre 2026.",
        "déposez une nouvelle demande");
  }

  @Test
  void shouldExamineAgainWhenTheVendorAnswersTheCommissionInTime() {
    ProcessInstance pecan = acknowledged();
    complete(CNEDIMTS, pecan, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS",
        "cnedimtsComment", "Send the study protocol."));
    complete(VENDOR, pecan, "Task_ProvideCnedimtsComplements", Map.of("cnedimtsComplementsAnswer", "Attached."));

    Task examine = task(pecan, "Task_ExamineApplication");
    assertThat(examine.getDueDate()).as("still 60 days from the acknowledgement").isEqualTo(lastMomentOfDay(60));
  }

  @Test
  void shouldFlagTheDecisionOverdueThirtyDaysAfterTheLastOpinionAndLoopOnMissingInformation() throws Exception {
    ProcessInstance pecan = withBothOpinions();
    decide(pecan, "COMPLEMENTS", "The price proposal is missing.");
    assertThat(task(pecan, "Task_ProvideMinistersComplements").getDueDate()).isEqualTo(lastMomentOfDay(10));
    complete(VENDOR, pecan, "Task_ProvideMinistersComplements", Map.of("ministersComplementsAnswer", "Sent."));
    assertWaitingAt(pecan, "Task_EvaluateApplication");

    fire(pecan, "Timer_DecisionDue");
    assertThat(java.util.Date.from(now())).isEqualTo(endOfDay(30));
    assertPassed(pecan, "Task_FlagOverdueDecision");
    assertThat(dossierVariable(pecan, "decisionOverdue")).isEqualTo(true);
    decide(pecan, "UNFAVOURABLE", "Benefit not established; appeal before the administrative court within 2 months.");
    assertThat(pecan).isEnded();
    assertPassed(pecan, "EndEvent_EarlyCoverageRefused");
    assertThat(pecan).variables().containsEntry("pecanOutcome", "EARLY_COVERAGE_REFUSED");

    // the refusal carries its decision as a PDF, with its reasons and appeal routes (issue 20, documents)
    jakarta.mail.Part refusal = attachment(mails("décision de refus des ministres").get(0));
    assertThat(refusal.getFileName()).isEqualTo("decision-de-refus-" + pecan.getBusinessKey() + ".pdf");
    try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(
        refusal.getInputStream().readAllBytes())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " "))
          .contains("Décision de refus", "Benefit not established", "Voies et délais de recours");
    }
    // and the acknowledgement of receipt carried its own
    assertThat(attachment(mails("accusé de réception de votre demande complète").get(0)).getFileName())
        .isEqualTo("accuse-de-reception-" + pecan.getBusinessKey() + ".pdf");
  }

  @Test
  void shouldDeemAbandonedWhenTheMinistersInformationMissesTenDays() throws Exception {
    ProcessInstance pecan = withBothOpinions();
    decide(pecan, "COMPLEMENTS", "The price proposal is missing.");
    java.time.LocalDate lastDay = task(pecan, "Task_ProvideMinistersComplements").getDueDate().toInstant()
        .atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate();

    fire(pecan, "Timer_MinistersComplementsWindow");

    assertThat(pecan).isEnded();
    assertPassed(pecan, "EndEvent_MinistersComplementsLapsed", "EndEvent_AbandonedAtMinisters");
    assertThat(pecan).variables().containsEntry("pecanOutcome", "ABANDONED_MINISTERS_COMPLEMENTS");
    assertThat(text(mails(pecan.getBusinessKey() + " : candidature réputée abandonnée").get(0))).contains(
        "Le délai « Compléments demandés par les ministres » est passé : son dernier jour était le "
            + fr.parcours.deadline.LegalDates.date(lastDay, java.util.Locale.FRENCH) + ".");
  }

  @Test
  void shouldRemindTheVendorAMonthBeforeEachFilingWindowCloses() {
    ProcessInstance pecan = withBothOpinions();
    decide(pecan, "FAVOURABLE", null);

    Job lppr = timer(pecan, "Timer_LpprReminder");
    // 6 months from the decision is Sunday 2 May 2027: the window runs until Monday 3 May included and passes
    // at 00:00 on 4 May; the reminder comes a month before that, at 00:00 on 4 April
    assertThat(task(pecan, "Task_FileLpprApplication").getDueDate()).isEqualTo(lastMomentOf(LocalDate.of(2027, 5, 3)));
    assertThat(lppr.getDuedate()).isEqualTo(endOf(LocalDate.of(2027, 4, 3)));
    fire(pecan, "Timer_LpprReminder");
    fire(pecan, "Timer_LatmReminder");
    // 9 months: Monday 2 August 2027 included, reminded at 00:00 on 3 July
    assertThat(java.util.Date.from(now())).isEqualTo(endOf(LocalDate.of(2027, 7, 2)));

    assertThat(pecan).hasPassed("Event_NotifyLpprReminder", "EndEvent_LpprReminded", "Event_NotifyLatmReminder",
        "EndEvent_LatmReminded").isWaitingAt("Task_FileLpprApplication", "Task_FileLatmApplication");
    assertThat(java.util.Arrays.stream(MAIL.getReceivedMessages()).map(message -> {
      try {
        return message.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    })).as("the vendor's contact and legal representative are reminded of each filing")
        .filteredOn(subject -> subject.contains("LPPR") || subject.contains("LATM")).hasSize(4);
  }

  @Test
  void shouldFlagALateDossierWhenTheOfficialInstructionPassesSixtyDaysAfterTheAcknowledgement() {
    // Given a dossier acknowledged on day 0 (PECAN_INSTRUCTION: 60 days, seed 002 §10), still with the CNEDiMTS
    ProcessInstance pecan = acknowledged();
    assertThat(timer(pecan, "Timer_InstructionTimeElapsed").getDuedate()).isEqualTo(endOfDay(60));

    // When the 60th day has ended
    fire(pecan, "Timer_InstructionTimeElapsed");

    // Then the dossier is flagged and its tasks, in the tracks too, show in the reviewers' "flagged late" filters
    assertThat(java.util.Date.from(now())).isEqualTo(endOfDay(60));
    assertPassed(pecan, "Task_FlagInstructionOverdue", "EndEvent_InstructionOverdueFlagged");
    assertThat(dossierVariable(pecan, "instructionOverdue")).isEqualTo(true);
    assertThat(task(pecan, "Task_ExamineApplication").getPriority()).isEqualTo(90);
    assertThat(filteredTaskKeys("CNEDiMTS — dossiers signalés en retard", CNEDIMTS)).contains("Task_ExamineApplication");
  }

  @Test
  void shouldStillWatchTheOfficialInstructionWhileTheMinistersDecide() {
    // Given both opinions on day 0, the instruction window opened by the acknowledgement on day 0
    ProcessInstance pecan = withBothOpinions();

    // Then the ministers' step is watched by the same window, not one opened afresh
    assertThat(timer(pecan, "Timer_InstructionTimeElapsedAtDecision").getDuedate()).isEqualTo(endOfDay(60));
    fire(pecan, "Timer_InstructionTimeElapsedAtDecision");

    assertPassed(pecan, "Task_FlagInstructionOverdueAtDecision", "EndEvent_InstructionOverdueFlaggedAtDecision");
    assertThat(dossierVariable(pecan, "instructionOverdue")).isEqualTo(true);
    assertThat(task(pecan, "Task_EvaluateApplication").getPriority()).isEqualTo(90);
    assertThat(filteredTaskKeys("Ministères — dossiers signalés en retard", MINISTRY)).contains("Task_EvaluateApplication");
  }

  @Test
  void shouldFlagTheFilingsLateWhenTheirWindowsPassWithoutThem() {
    ProcessInstance pecan = withBothOpinions();
    decide(pecan, "FAVOURABLE", null);

    // the LPPR window runs until Monday 3 May 2027 included, the LATM window until Monday 2 August 2027
    fire(pecan, "Timer_LpprFilingWindowPassed");
    assertThat(java.util.Date.from(now())).isEqualTo(endOf(LocalDate.of(2027, 5, 3)));
    assertPassed(pecan, "Task_FlagLpprFilingLate", "EndEvent_LpprFilingLateFlagged");
    assertThat(dossierVariable(pecan, "lpprFilingLate")).isEqualTo(true);
    fire(pecan, "Timer_LatmFilingWindowPassed");
    assertThat(java.util.Date.from(now())).isEqualTo(endOf(LocalDate.of(2027, 8, 2)));
    assertPassed(pecan, "Task_FlagLatmFilingLate", "EndEvent_LatmFilingLateFlagged");
    assertThat(dossierVariable(pecan, "latmFilingLate")).isEqualTo(true);

    // the vendor may still file, late: the tasks stay, at the top of its lists
    assertThat(task(pecan, "Task_FileLpprApplication").getPriority()).isEqualTo(90);
    fileBoth(pecan);
    assertPassed(pecan, "EndEvent_FilingsMade");
  }

  /** The task definition keys a filter lists to that user, as Tasklist shows them. */
  List<String> filteredTaskKeys(String filterName, String user) {
    return as(user, () -> {
      org.camunda.bpm.engine.FilterService filters = engine.getFilterService();
      String id = filters.createFilterQuery().filterName(filterName).singleResult().getId();
      return filters.<Task>listPage(id, 0, 100).stream().map(Task::getTaskDefinitionKey).toList();
    });
  }

  // ---- one track stops the other ----

  @Test
  void shouldStopTheCnedimtsTrackWhenTheAnsRefusesTheCertification() {
    ProcessInstance pecan = acknowledged();
    complete(ANS, ansTrack(pecan), "Task_ReviewEvidence", Map.of("evidenceDecision", "REFUSED",
        "evidenceComment", "Health data hosted outside an HDS host."));

    assertThat(pecan).isEnded();
    assertPassed(pecan, "EndEvent_AnsTrackStopped", "EndEvent_AnsCertificationNotObtained");
    assertThat(task(pecan, "Task_ExamineApplication")).as("the CNEDiMTS task is withdrawn").isNull();
    assertThat(pecan).variables().containsEntry("pecanOutcome", "ANS_CERTIFICATION_NOT_OBTAINED")
        .containsEntry("ansOutcome", "REFUSED");
  }

  @Test
  void shouldStopTheHasTrackWhenTheAnsDeemsTheApplicationAbandoned() {
    ProcessInstance pecan = apply();
    ProcessInstance ans = ansTrack(pecan);
    fire(ans, "StartEvent_ApplicationDormant");
    complete(ANS, ans, "Task_ReviewDormantApplication", Map.of("dormantDecision", "ABANDON"));

    assertThat(pecan).isEnded();
    assertPassed(pecan, "EndEvent_AnsCertificationNotObtained");
    assertThat(pecan).variables().containsEntry("ansOutcome", "ABANDONED");
    assertThat(taskService.createTaskQuery().processInstanceId(pecan.getId()).count()).isZero();
  }

  @Test
  void shouldStopTheAnsTrackWhenTheCnedimtsOpinionIsUnfavourable() {
    ProcessInstance pecan = acknowledged();
    String ans = ansTrack(pecan).getId();
    opinion(pecan, "UNFAVOURABLE");

    assertThat(pecan).isEnded();
    assertPassed(pecan, "EndEvent_OpinionUnfavourable", "EndEvent_CnedimtsOpinionUnfavourable");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(ans).count())
        .as("the ANS track is withdrawn").isZero();
    assertThat(pecan).variables().containsEntry("pecanOutcome", "CNEDIMTS_OPINION_UNFAVOURABLE");
  }

  // ---- wrong state and races ----

  @Test
  void shouldRefuseAnOpinionBeforeTheAcknowledgementAndChangeNothing() {
    ProcessInstance pecan = apply();
    completeSesame(pecan);
    long tasksBefore = taskService.createTaskQuery().processInstanceId(pecan.getId()).count();

    assertThatThrownBy(() -> as(CNEDIMTS, () -> desk.recordOpinion(pecan.getBusinessKey(), "FAVOURABLE", null)))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("Le dossier " + pecan.getBusinessKey() + " n’attend pas l’avis de la CNEDiMTS ;"
            + " rien n’a été modifié.")
        .hasMessageContaining("is not waiting for the CNEDiMTS opinion").hasMessageContaining("nothing was changed");
    assertThat(taskService.createTaskQuery().processInstanceId(pecan.getId()).count()).isEqualTo(tasksBefore);
    assertThat(runtimeService.getVariable(pecan.getId(), "cnedimtsDecision")).isNull();
  }

  @Test
  void shouldRefuseASecondAcknowledgement() {
    ProcessInstance pecan = apply();
    completeConvergence(pecan);
    completeSesame(pecan);
    as(MINISTRY, () -> desk.acknowledge(pecan.getBusinessKey(), LocalDate.of(2026, 11, 2), "AR-1"));
    executeJobs(pecan);
    assertWaitingAt(pecan, "Task_ExamineApplication");

    assertThatThrownBy(() -> as(MINISTRY, () -> desk.acknowledge(pecan.getBusinessKey(), LocalDate.of(2026, 11, 3),
        "AR-2"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("is not waiting for an acknowledgement of receipt")
        .hasMessageContaining("Examiner la demande");
    assertThat(runtimeService.getVariable(pecan.getId(), "acknowledgementReference")).isEqualTo("AR-1");
  }

  @Test
  void shouldRefuseADecisionForAnUnknownDossier() {
    assertThatThrownBy(() -> as(MINISTRY, () -> desk.acknowledge("DMN-2026-NOPE0", LocalDate.of(2026, 11, 2), null)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("'DMN-2026-NOPE0'");
  }

  @Test
  void shouldLeaveOneCleanOutcomeWhenTheWindowClosesWhileTheVendorAnswers() throws Exception {
    ProcessInstance pecan = acknowledged();
    complete(CNEDIMTS, pecan, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS",
        "cnedimtsComment", "Send the study protocol."));
    Job window = timer(pecan, "Timer_CnedimtsComplementsWindow");
    Task answer = task(pecan, "Task_ProvideCnedimtsComplements");
    advanceTo(window.getDuedate().toInstant());

    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    Future<?> timerFires = threads.submit(() -> run(together, failures,
        () -> managementService.executeJob(window.getId())));
    Future<?> vendorAnswers = threads.submit(() -> run(together, failures, () -> as(VENDOR,
        () -> formService.submitTaskForm(answer.getId(), Map.of("cnedimtsComplementsAnswer", "Attached.")))));
    timerFires.get();
    vendorAnswers.get();
    threads.shutdown();
    executeJobs(pecan);

    boolean abandoned = historyService.createHistoricProcessInstanceQuery().processInstanceId(pecan.getId())
        .finished().count() == 1;
    boolean examinedAgain = task(pecan, "Task_ExamineApplication") != null;
    assertThat(abandoned ^ examinedAgain).as("exactly one of the two outcomes").isTrue();
    assertThat(failures).as("the loser is refused, not half-applied").hasSizeLessThanOrEqualTo(1);
    if (examinedAgain) {
      assertThat(timer(pecan, "Timer_CnedimtsComplementsWindow")).isNull();
    }
  }

  private void run(CyclicBarrier together, List<Throwable> failures, Runnable action) {
    try {
      together.await();
      action.run();
    } catch (Exception e) {
      failures.add(e);
    }
  }
}
