package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.evidence.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A PECAN dossier walked in a real browser from the start form to its end, through the pages its users use:
 * Tasklist's start form and filters, every task form, the evidence page linked from the vendor's task. Each
 * step is taken by the demo user whose group does it (alice for MediSoft, hugo at the HAS desk, ana at the
 * ANS, marc for the ministers, claire for the CNEDiMTS), from the filter where that group looks for it.
 * Screenshots of each step go to {@code target/screenshots/pecan-*.png}.
 */
// its own application context, so that its dossiers are alone in the queues; the job executor runs the mails
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-pecan", "camunda.bpm.job-execution.enabled=true"})
class PecanBrowserIT extends BrowserTestBase {

  static final String PROCESS_NAME = "Prise en charge anticipée PECAN";
  static final String ANS = "ANS — toutes les tâches";
  static final String ANS_QUEUE = "ANS — file des preuves (ordre d’arrivée)";
  static final String HAS_DESK = "Guichet HAS — toutes les tâches";
  static final String CNEDIMTS = "CNEDiMTS — toutes les tâches";
  static final String MINISTRY = "Ministères — toutes les tâches";
  static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired ManagementService managementService;

  @Test
  @Order(1)
  void shouldTakeAPecanDossierFromTheStartFormToTheMinistersDecisionTheFilingsAndTheEndOfCoverage() throws IOException {
    // alice applies for early coverage; her company has neither a Sésame nor a Convergence account yet
    signIn("alice");
    openStartForm(PROCESS_NAME);
    fillValidCandidature();
    setCheckbox("Field_HasConvergenceAccount", false);
    setCheckbox("Field_HasSesameAccount", false);
    radio("Field_HasMeeting", "Aucune réunion");
    setCheckbox("Field_Telemonitoring", true);
    screenshot("pecan-01-alice-start-form");
    startProcess();
    ProcessInstance dossier = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("pecan").list().stream()
        .filter(pi -> "alice".equals(runtimeService.getVariable(pi.getId(), "applicant"))).findFirst().orElse(null));
    String number = dossier.getBusinessKey();
    assertThat(number).matches("DMN-\\d{4}-[2-9A-HJ-NP-Z]{5}");

    // she asks the HAS for a Sésame account and the ANS for a Convergence account, from her company's filter
    work(VENDOR_FILTER, dossier, "Task_RequestSesameAccount", "Demander un compte Sésame", "pecan-02-alice-requests-sesame",
        () -> setCheckbox("Field_SesameAccountRequested", true));
    // the Convergence request asks for the Kbis extract: she sends it from the dossier's Kbis page first
    task(dossier, "Task_RequestConvergenceAccount");
    browser.get("http://localhost:" + port + "/evidence/" + number + "/kbis");
    send(Files.write(Files.createTempDirectory("parcours-kbis-").resolve("kbis-medisoft.pdf"),
        fr.parcours.support.ProcessTestBase.PDF));
    assertThat(waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=status]"))).getText())
        .startsWith("Extrait Kbis reçu.");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Reçu : kbis-medisoft.pdf");
    screenshot("pecan-03a-alice-sends-kbis");
    browser.get(tasklist());
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));
    work(VENDOR_FILTER, dossier, "Task_RequestConvergenceAccount", "Demander un compte Convergence",
        "pecan-03-alice-requests-convergence", () -> {
          assertThat(formText()).contains("page « Extrait Kbis » du dossier");
          setCheckbox("Field_KbisProvided", true);
          setCheckbox("Field_OfficerIdVerified", true);
          setCheckbox("Field_RepresentativeRegistered", true);
        });
    signOut();

    signIn("hugo");
    work(HAS_DESK, dossier, "Task_OpenSesameAccount", "Ouvrir le compte Sésame", "pecan-04-hugo-opens-sesame",
        () -> type("Field_SesameAccountId", "SES-ACC-2026-17"));
    signOut();

    signIn("ana");
    work(ANS, dossier, "Task_OpenConvergenceAccount", "Ouvrir le compte Convergence", "pecan-05-ana-opens-convergence",
        () -> type("Field_ConvergenceAccountId", "CONV-2026-0042"));
    signOut();

    // alice submits the administrative dossier to the ANS and files her application on Sésame
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_DepositAdministrativeDossier", "Déposer le dossier administratif",
        "pecan-06-alice-submits-administrative-dossier",
        () -> {
          // PECAN asks for the HDS certificate, where the shared form's box also names a declaration
          waiting.until(d -> formText().contains("l’ANS y exige le certificat HDS"));
          radio("Field_DepositAction", "Envoyer le dossier administratif à l’ANS");
        });
    work(VENDOR_FILTER, dossier, "Task_DepositSesameApplication", "Déposer la demande sur Sésame",
        "pecan-07-alice-files-on-sesame", () -> {
          type("Field_SesameReference", "SES-2026-0042");
          setCheckbox("Field_SesameFiled", true);
          setCheckbox("Field_CnpCopySent", true);
        });
    signOut();

    signIn("marc");
    work(MINISTRY, dossier, "Task_CheckSesameCompleteness", "Vérifier recevabilité et complétude",
        "pecan-08-marc-finds-sesame-complete", () -> radio("Field_SesameCompleteness", "Recevable et complète"));
    signOut();

    signIn("ana");
    // the last walk: the card of this task of the ANS track named the track only, as for an ANS certification alone
    openFilter(ANS);
    assertThat(taskCard("Examiner la recevabilité", number).getText()).contains("Certification de conformité ANS")
        .contains("Parcours:").contains(PROCESS_NAME);
    screenshot("pecan-09a-ana-card-names-pecan");
    work(ANS, dossier, "Task_ReviewAdmissibility", "Examiner la recevabilité", "pecan-09-ana-finds-it-admissible",
        () -> radio("Field_AdmissibilityDecision", "Recevable"));
    signOut();

    // alice signs the convention, then sends her evidence from the page her task links to
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_SignConvention", "Signer la convention", "pecan-10-alice-signs-convention", () -> {
      type("Field_SignatoryName", "Alice Martin");
      setCheckbox("Field_ConventionSigned", true);
    });
    task(dossier, "Task_DepositEvidence");
    String[] evidence = followEvidenceLink(number);
    String archiveName = evidence[1];
    Path folder = Files.createTempDirectory("parcours-pecan-evidence-");
    send(Files.write(folder.resolve(archiveName), Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png",
        "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes()));
    WebElement accepted = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=status]")));
    assertThat(accepted.getText()).isEqualTo("Envoi 1 accepté : 7 fichier(s) de preuve. Preuves complètes.");
    screenshot("pecan-11-alice-evidence-page-complete");
    browser.get(tasklist());
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));
    work(VENDOR_FILTER, dossier, "Task_DepositEvidence", "Déposer les preuves", "pecan-12-alice-submits-evidence",
        () -> {
          waiting.until(d -> formText().contains("Complet : 7 preuves déposées sur 7"));
          setCheckbox("Field_AllEvidenceDeposited", true);
        });
    signOut();

    // both files are complete: the ministers acknowledge receipt, which starts both analyses
    signIn("marc");
    String today = LocalDate.now(ZoneId.of("Europe/Paris")).format(US_DATE);
    work(MINISTRY, dossier, "Task_SendAcknowledgement", "Envoyer l’accusé de réception",
        "pecan-13-marc-acknowledges-receipt", () -> {
          date("Field_AcknowledgementDate", today);
          type("Field_AcknowledgementReference", "AR-2026-0017");
        });
    signOut();

    signIn("ana");
    work(ANS_QUEUE, dossier, "Task_ReviewEvidence", "Examiner les preuves", "pecan-14-ana-certifies",
        () -> radio("Field_EvidenceDecision", "Conformes : délivrer le certificat"));
    signOut();

    signIn("claire");
    work(CNEDIMTS, dossier, "Task_ExamineApplication", "Examiner la demande", "pecan-15-claire-gives-opinion",
        () -> {
          // the form quotes what the track received from the pathway: the Sésame file and the AR's date
          waiting.until(d -> formText().contains("Dossier Sésame SES-2026-0042, accusé de réception du "
              + LocalDate.now(ZoneId.of("Europe/Paris")).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))));
          radio("Field_CnedimtsDecision", "Avis favorable");
        });
    signOut();

    signIn("hugo");
    work(HAS_DESK, dossier, "Task_PublishOpinion", "Publier l’avis", "pecan-16-hugo-publishes-opinion", () -> {
      type("Field_OpinionReference", "AVIS-2026-17");
      setCheckbox("Field_OpinionPublished", true);
      setCheckbox("Field_OpinionSentToCnp", true);
    });
    signOut();

    // the ministers decide on the two favourable opinions
    signIn("marc");
    work(MINISTRY, dossier, "Task_EvaluateApplication", "Évaluer la demande", "pecan-17-marc-grants-coverage",
        () -> radio("Field_MinistersDecision", "Décision favorable (arrêté)"));
    signOut();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(dossier.getId())
        .variableName("ministersDecision").singleResult().getValue()).isEqualTo("FAVOURABLE");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(dossier.getId())
        .variableName("certificateNumber").singleResult().getValue()).isEqualTo("CC-" + number);

    // the vendor was told at each status change: receipt acknowledged, certificate, decision
    List<String> subjects = waiting.until(d -> {
      List<String> received = mailSubjects();
      return received.contains("Dossier " + number + " : décision favorable des ministres") ? received : null;
    });
    assertThat(subjects).contains("Dossier " + number + " : accusé de réception de votre demande complète",
        "Dossier " + number + " : certificat de conformité délivré");

    // alice files for the LPPR and the LATM: the dossier ends
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_FileLpprApplication", "Déposer la demande LPPR", "pecan-18-alice-files-lppr", () -> {
      // its due date, read in French and in figures: "dans 6 mois", "mardi 16/06/2027 23:59" on hovering
      WebElement due = browser.findElement(By.cssSelector(".meta .due-date [am-time-ago]"));
      assertThat(due.getText()).isEqualTo("dans 6 mois");
      assertThat(due.getAttribute("uib-tooltip"))
          .matches("(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
      type("Field_LpprFilingReference", "LPPR-2026-0099");
      setCheckbox("Field_LpprFiled", true);
    });
    work(VENDOR_FILTER, dossier, "Task_FileLatmApplication", "Déposer la demande LATM", "pecan-19-alice-files-latm", () -> {
      type("Field_LatmFilingReference", "LATM-2026-0099");
      setCheckbox("Field_LatmFiled", true);
    });
    // the filings made, the dossier waits in its coverage period (PECAN_EARLY_COVERAGE, one year): nothing for
    // alice to do, a reminder a month before the end and the end itself armed
    waiting.until(d -> historyService.createHistoricActivityInstanceQuery().processInstanceId(dossier.getId())
        .activityId("EndEvent_FilingsMade").finished().count() == 1);
    assertThat(runtimeService.getActiveActivityIds(dossier.getId())).containsExactly("Timer_EarlyCoverageEnding");
    LocalDate lastDay = LocalDate.now(PARIS).plusYears(1);
    Job ending = managementService.createJobQuery().processInstanceId(dossier.getId()).timers().singleResult();
    assertThat(ending.getDuedate()).isEqualTo(Date.from(lastDay.plusDays(1).atStartOfDay(PARIS).minusMonths(1)
        .toInstant()));
    openFilter(VENDOR_FILTER);
    assertThat(visibleTaskListText()).doesNotContain(number);
    screenshot("pecan-20-alice-nothing-left-to-do-while-covered");
    // her dossier's page says what is happening: the coverage runs until its last day (it read "en attente :
    // « Fin de la prise en charge proche »", the reminder timer's name), and no longer heads with the evidence case
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    WebElement where = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("where")));
    // (the diagram below still names its timer: only the sentences are read)
    String covered = browser.findElement(By.cssSelector("section[aria-labelledby='where']")).getText();
    assertThat(covered).contains("Prise en charge anticipée en cours, "
        + fr.parcours.deadline.LegalDates.until(lastDay, Locale.FRENCH))
        .doesNotContain("Fin de la prise en charge proche");
    assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("Dépôt des preuves, cas (a)");
    scrollTo(where);
    screenshot("pecan-20b-alice-dossier-while-covered", false);
    // the evidence, read-only now that the ANS part has ended: what was deposited and what the ANS decided
    browser.findElement(By.linkText("Les preuves déposées et leur examen")).click();
    WebElement closed = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("closed")));
    assertThat(closed.getText()).contains("La partie ANS de ce dossier est close depuis le",
        "(« Certificat délivré ») : rien ne peut plus y être déposé");
    assertThat(browser.findElement(By.id("main")).getText())
        .contains("Dernier examen des preuves : conformes : certificat délivré.", "PSC_1.1.1.mp4",
            "Complet : 7 preuves déposées sur 7")
        .doesNotContain("Envoyer une archive", "Marquer invalide", "n’attend plus de preuves");
    String proof = browser.findElement(By.partialLinkText("PSC_1.1.1.mp4")).getAttribute("href");
    screenshot("pecan-20c-alice-evidence-after-the-certificate");
    // her file, fetched with her session from a page whose policy lets it fetch (the evidence page's lets nothing)
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    assertThat(download(proof)).startsWith("200 application/octet-stream");
    browser.manage().deleteAllCookies(); // signed out: the next sign-in starts afresh
    // another company meets no such dossier, on the page and on the file
    signIn("bruno");
    browser.get("http://localhost:" + port + "/evidence/" + number);
    assertThat(waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("main"))).getText())
        .contains("Aucun dossier en cours " + number + " que vous puissiez voir").doesNotContain("PSC_1.1.1");
    browser.get("http://localhost:" + port + "/dossiers");
    assertThat(download(proof)).startsWith("404");
    browser.manage().deleteAllCookies();

    // the engine's clock moved to the reminder, then to the end of the period, as the job executor fires them
    try {
      fireAt(ending);
      String written = lastDay.getDayOfMonth() + " " + DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH)
          .format(lastDay);
      String soon = "Dossier " + number + " : fin de la prise en charge anticipée le "
          + (lastDay.getDayOfMonth() == 1 ? "1er" + written.substring(1) : written);
      waiting.until(d -> mailSubjects().contains(soon));
      // the mail is in the mailbox before its job's transaction ends: the end's timer exists once it has committed
      fireAt(waiting.until(d -> managementService.createJobQuery().processInstanceId(dossier.getId()).timers()
          .singleResult()));
      HistoricProcessInstance ended = waiting.until(d -> historyService.createHistoricProcessInstanceQuery()
          .processInstanceId(dossier.getId()).finished().singleResult());
      assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_EarlyCoverageEnded");
      waiting.until(d -> mailSubjects().contains("Dossier " + number + " : la prise en charge anticipée a pris fin"));
      assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(dossier.getId())
          .variableName("pecanOutcome").singleResult().getValue()).isEqualTo("EARLY_COVERAGE_ENDED");
    } finally {
      ClockUtil.reset();
    }
    // the dossier's page heads with its end state, not with the evidence deposit of its beginning
    signIn("alice");
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    WebElement end = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.dossier-end")));
    assertThat(end.getText()).startsWith("Clos le ").endsWith(" : Prise en charge anticipée terminée");
    assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("Dépôt des preuves, cas (a)");
    screenshot("pecan-21-alice-dossier-closed");
    browser.manage().deleteAllCookies();
  }

  /** Moves the engine's clock to a timer's due date and runs it, as the job executor would at that moment. */
  void fireAt(Job timer) {
    ClockUtil.setCurrentTime(timer.getDuedate());
    managementService.executeJob(timer.getId());
  }

}
