package fr.parcours.dossierpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.clock.Clocks;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.Candidatures;
import fr.parcours.support.EngineSteps;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 20, "where is my dossier?", through the pages as the webapps' signed-in users open them: the list
 * ({@code /dossiers}), its CSV export, the dossier page and its diagrams, for dossiers of the ANS track alone
 * (at the vendor's step, at the agency's step with a window paused by hand, closed as inadmissible) and of PECAN
 * (the pathway and the tracks it calls), of two companies. Every page is asked by the other company's user, by
 * each reviewer group and by nobody signed in: the engine's authorizations decide, and another company's dossier
 * answers exactly as a number that names none.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=dossier-pages")
@ActiveProfiles({"test", "demo"})
class DossierPagesIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final byte[] DOCUMENT = "%PDF-1.7 a document of the dossier".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final String PAUSE_REASON = "Attente du certificat HDS demandé par téléphone";

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired Clocks clocks;
  @Autowired fr.parcours.device.DeviceRecords records;
  @Autowired fr.parcours.notification.DossierDocuments documents;
  @Autowired fr.parcours.security.DossierAccess access;

  /** alice's (MediSoft) ANS dossier at her first step. */
  static ProcessInstance atVendor;
  /** alice's ANS dossier at the ANS's admissibility review, a window paused by hand. */
  static ProcessInstance atAgency;
  /** alice's ANS dossier refused as inadmissible: closed. */
  static ProcessInstance closed;
  /** alice's PECAN dossier: the pathway and the tracks it calls. */
  static ProcessInstance pecan;
  /** alice's PECAN dossier filed on Sésame and found complete by the ministers: waiting for the ANS side. */
  static ProcessInstance pecanFiled;
  /** alice's brand-name dossier, her device already certified: a pathway these pages know by its registration only. */
  static ProcessInstance brand;
  /** bruno's (TéléCardio) ANS dossier. */
  static ProcessInstance other;
  static String pausedWindow;
  static boolean ready;

  @BeforeEach
  void dossiersOfTwoCompaniesInSeveralStates() {
    if (ready) {
      return;
    }
    atVendor = applyForAns("alice", Map.of());
    atAgency = applyForAns("alice", Map.of("softwareName", "RythmoCheck"));
    complete("alice", atAgency, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    closed = applyForAns("alice", Map.of("softwareName", "OldScope"));
    complete("alice", closed, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", closed, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "INADMISSIBLE",
        "admissibilityComment", "Le marquage CE manque au dossier."));
    pecan = applyForPecan();
    pecanFiled = applyForPecan();
    complete("alice", pecanFiled, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", true));
    complete("marc", pecanFiled, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    // the certificate the brand-name dossier declares, as the ANS issued it to MediSoft (the intake looks it up)
    records.certificateIssued(new fr.parcours.device.DeviceRecords.DeviceFacts("vendor-medisoft", "MediSoft SAS",
        "GlycoTrack", String.valueOf(Candidatures.valid().get("softwareVersion")), "SOCLE", null), "CC-2025-7",
        fr.parcours.device.DeviceRecords.ANS_REFERENTIAL, "2025", java.time.Instant.parse("2025-06-02T10:00:00Z"),
        null, "DMN-2025-00007", null, "ans-certification");
    Map<String, Object> brandForm = Candidatures.valid();
    brandForm.putAll(Map.of("softwareName", "GlycoTrack", "validCertificate", true, "certificateNumber", "CC-2025-7",
        "hasSesameAccount", true, "hasMeeting", "NONE", "telemonitoring", true, "anticipatedCoverage", false));
    brand = start("alice", "brand-name", brandForm);
    other = applyForAns("bruno", Map.of("companyName", "TéléCardio SARL", "softwareName", "PulseNote"));

    // a window of the dossier at the agency, paused by hand with its reason (an administrator may)
    pausedWindow = clocks.readings(atAgency.getId()).stream()
        .filter(r -> r.state() == fr.parcours.clock.ClockState.RUNNING).map(r -> r.clockId()).findFirst()
        .orElseThrow(() -> new AssertionError("no window runs in " + atAgency.getBusinessKey() + ": "
            + clocks.readings(atAgency.getId())));
    as("admin", () -> clocks.pause(atAgency.getId(), pausedWindow, PAUSE_REASON));
    documents.keep("test:" + atAgency.getId(), atAgency.getId(), atAgency.getBusinessKey(),
        "certificate-of-conformity", () -> new fr.parcours.notification.DossierDocuments.Drawn(
            "certificat-CC-" + atAgency.getBusinessKey() + ".pdf", DOCUMENT));
    ready = true;
  }

  @AfterEach
  void resetTheClock() {
    ClockUtil.reset();
  }

  // ---- My dossiers ----

  @Test
  void shouldListEveryDossierOfTheVendorsCompanyOpenAndClosedAndNothingOfAnother() {
    String alice = page("alice", "/dossiers").getBody();
    assertThat(alice).contains("Mes dossiers").contains(atVendor.getBusinessKey(), atAgency.getBusinessKey(),
        closed.getBusinessKey(), pecan.getBusinessKey()).contains("CardioWatch 2.1", "RythmoCheck 2.1")
        .doesNotContain(other.getBusinessKey()).doesNotContain("PulseNote").doesNotContain("TéléCardio");
    assertThat(alice).as("what she must do next, with a link to the task")
        .contains("Déposer le dossier administratif").contains("/camunda/app/tasklist/default/#/?task="
            + task(atVendor, "Task_DepositAdministrativeDossier").getId());
    assertThat(alice).as("where each track stands, in words").contains("« Examiner la recevabilité », chez ANS")
        .contains("« Déposer le dossier administratif » : à vous de le faire")
        .contains("Clos le").contains(inadmissible());
    assertThat(alice).as("a paused window, with the reason").contains("suspendu depuis le")
        .contains(PAUSE_REASON);
    assertThat(alice).as("a vendor gets no filter on companies").doesNotContain("name=\"company\"");

    String bruno = page("bruno", "/dossiers").getBody();
    assertThat(bruno).contains(other.getBusinessKey()).contains("PulseNote");
    for (ProcessInstance alices : List.of(atVendor, atAgency, closed, pecan)) {
      assertThat(bruno).doesNotContain(alices.getBusinessKey());
    }
    assertThat(bruno).doesNotContain("MediSoft").doesNotContain("CardioWatch").doesNotContain(PAUSE_REASON);
  }

  @Test
  void shouldListToEachReviewerGroupTheDossiersOfWhatItInstructs() {
    List<String> ansOnly = List.of(atVendor.getBusinessKey(), atAgency.getBusinessKey(), closed.getBusinessKey(),
        other.getBusinessKey());
    // the ANS instructs the ANS track: every company's, and the one PECAN calls
    assertThat(page("ana", "/dossiers").getBody()).contains("Dossiers instruits").contains(ansOnly)
        .contains(pecan.getBusinessKey()).contains("MediSoft SAS", "TéléCardio SARL");
    // the HAS desk, the CNEDiMTS and the ministers instruct PECAN, not the ANS track on its own
    for (String user : List.of("hugo", "claire", "marc")) {
      String list = page(user, "/dossiers").getBody();
      assertThat(list).as(user).contains(pecan.getBusinessKey());
      ansOnly.forEach(number -> assertThat(list).as(user + " does not instruct " + number).doesNotContain(number));
    }
    // the CNAM instructs no pathway yet
    String nadia = page("nadia", "/dossiers").getBody();
    assertThat(nadia).contains("Aucun dossier des parcours que votre groupe instruit");
    ansOnly.forEach(number -> assertThat(nadia).doesNotContain(number));
    assertThat(nadia).doesNotContain(pecan.getBusinessKey());
  }

  @Test
  void shouldFilterAndSortWhatTheReviewerSees() {
    String closedOnly = page("ana", "/dossiers?state=closed").getBody();
    assertThat(closedOnly).contains(closed.getBusinessKey()).doesNotContain(atVendor.getBusinessKey())
        .doesNotContain(other.getBusinessKey());
    String telecardio = page("ana", "/dossiers?company=TéléCardio SARL").getBody();
    assertThat(telecardio).contains(other.getBusinessKey()).doesNotContain(atVendor.getBusinessKey());
    String found = page("ana", "/dossiers?q=rythmo").getBody();
    assertThat(found).contains(atAgency.getBusinessKey()).doesNotContain(atVendor.getBusinessKey());
    String pecanOnly = page("ana", "/dossiers?pathway=pecan").getBody();
    assertThat(pecanOnly).contains(pecan.getBusinessKey()).doesNotContain(atVendor.getBusinessKey());
    String byNumber = page("ana", "/dossiers?sort=number").getBody();
    List<String> numbers = ansOnly().stream().sorted().toList();
    assertThat(byNumber.indexOf(numbers.get(0))).isLessThan(byNumber.indexOf(numbers.get(numbers.size() - 1)));

    // nothing is overdue today; a year later, every running window is
    assertThat(page("ana", "/dossiers?overdue=true").getBody()).contains("Aucun dossier ne répond à ces filtres");
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(400))));
    String late = page("ana", "/dossiers?overdue=true").getBody();
    assertThat(late).contains(atVendor.getBusinessKey()).contains("dépassé de")
        .as("a closed dossier is never late").doesNotContain(closed.getBusinessKey());
  }

  @Test
  void shouldExportWhatTheReviewerSeesAndNothingElse() {
    ResponseEntity<String> csv = page("ana", "/dossiers/export?state=open");
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment")
        .contains("dossiers.csv");
    String[] lines = csv.getBody().split("\r\n");
    assertThat(lines[0]).startsWith("\uFEFF\"Dossier\";\"Parcours\";\"Entreprise\"");
    assertThat(csv.getBody()).contains(atVendor.getBusinessKey(), other.getBusinessKey(), "TéléCardio SARL")
        .as("filtered as the page: open only").doesNotContain(closed.getBusinessKey());
    // the header, then the open ANS dossiers of both companies and the two PECAN dossiers' ANS tracks
    assertThat(lines).hasSize(1 + 3 + 2);

    String bruno = page("bruno", "/dossiers/export").getBody();
    assertThat(bruno).contains(other.getBusinessKey()).doesNotContain(atVendor.getBusinessKey())
        .doesNotContain("MediSoft");
    assertThat(BrowserSession.anonymous(rest).page("/dossiers/export").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  // ---- the dossier page ----

  @Test
  void shouldShowTheVendorWhereHerDossierStandsWithItsWindowsTimelineAndMails() {
    String page = page("alice", "/dossiers/" + atAgency.getBusinessKey()).getBody();
    assertThat(page).contains("Dossier " + atAgency.getBusinessKey()).contains("RythmoCheck 2.1")
        .contains("« Examiner la recevabilité », chez ANS");
    assertThat(page).as("its windows, the paused one with its reason").contains("data-window=\"" + pausedWindow + "\"")
        .contains("suspendu").contains(PAUSE_REASON);
    // F19: the window's rule in French on a French page (it read "point de départ : Last event on the dossier")
    fr.parcours.deadline.DeadlineRule rule = shippedRule(pausedWindow);
    assertThat(page).as("its rule, in French").contains("point de départ : " + rule.startsOnFr() + " ; source : "
        + rule.source(java.util.Locale.FRENCH, null)).doesNotContain(rule.startsOn());
    assertThat(page).as("the timeline: her own step, by her").contains("Déposer le dossier administratif")
        .contains("alice");
    assertThat(page).as("the mails sent").contains("Courriels envoyés").contains("jean.dupont@medisoft.example").contains("envoyé");
    assertThat(page).as("the diagram, from Parcours itself")
        .contains("data-xml=\"/dossiers/" + atAgency.getBusinessKey() + "/diagrams/" + atAgency.getId() + "\"")
        .contains("Task_ReviewAdmissibility").contains("/parcours/vendor/bpmn-js/bpmn-navigated-viewer");
    assertThat(page).doesNotContain("https://unpkg").doesNotContain("cdn.");
  }

  @Test
  void shouldNameTheAgencyButNeverTheReviewerToTheVendor() {
    String vendor = page("alice", "/dossiers/" + closed.getBusinessKey()).getBody();
    assertThat(vendor).contains("Examiner la recevabilité").contains(inadmissible())
        .contains("Clos le");
    assertThat(vendor).as("the reviewer's name is the agency's business").doesNotContain(">ana<")
        .contains(">ANS<");
    assertThat(page("ana", "/dossiers/" + closed.getBusinessKey()).getBody()).contains(">ana<");
  }

  @Test
  void shouldShowTheWindowsOfAFinishedPartClosedWithTheStepItEndedAt() {
    String vendor = page("alice", "/dossiers/" + closed.getBusinessKey()).getBody();
    // the dormancy window is armed when the candidature starts, by no step that ends before the candidature does
    assertThat(vendor).as("the dormancy window of the inadmissible candidature").contains("data-window=\"ANS_INACTIVITY\"")
        .contains("Dossier ANS sans mouvement : clos le ").contains("(" + inadmissible() + ")");
    assertThat(vendor).as("no window of a finished part runs on").doesNotContain("il reste")
        .doesNotContain("dernier jour aujourd’hui").doesNotContain("dépassé de");
  }

  @Test
  void shouldSayThatAPauseOnTheDayTheWindowOpenedMovesNoDay() {
    // bruno's dossier: a window paused and resumed on the day it opened, as when the ministers ask on the day the
    // filing arrives and the vendor answers at once
    String window = clocks.readings(other.getId()).stream()
        .filter(r -> r.state() == fr.parcours.clock.ClockState.RUNNING).map(r -> r.clockId()).findFirst()
        .orElseThrow();
    String lastDay = fr.parcours.deadline.LegalDates.until(clocks.readings(other.getId()).stream()
        .filter(r -> r.clockId().equals(window)).findFirst().orElseThrow().lastDay(), java.util.Locale.FRENCH);
    as("admin", () -> clocks.pause(other.getId(), window, PAUSE_REASON));
    as("admin", () -> clocks.resume(other.getId(), window));

    String page = page("bruno", "/dossiers/" + other.getBusinessKey()).getBody();
    assertThat(page).contains(PAUSE_REASON)
        .contains("(sans effet sur le dernier jour : le jour d’ouverture du délai ne compte pas)")
        .contains(lastDay.replace("'", "&#39;"));
  }

  @Test
  void shouldShowAPecanDossierWithThePathwayAndTheTracksItCalls() {
    String page = page("alice", "/dossiers/" + pecan.getBusinessKey()).getBody();
    String pecanName = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("pecan")
        .latestVersion().singleResult().getName();
    String ansName = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("ans-certification").latestVersion().singleResult().getName();
    assertThat(page).contains(pecanName).contains(ansName);
    ProcessInstance ans = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(pecan.getId()).processDefinitionKey("ans-certification").singleResult();
    assertThat(page).contains("/diagrams/" + pecan.getId()).contains("/diagrams/" + ans.getId());

    // the ANS reads the ANS track of it, not the pathway the HAS and ministers instruct
    String ana = page("ana", "/dossiers/" + pecan.getBusinessKey()).getBody();
    assertThat(ana).contains("/diagrams/" + ans.getId()).doesNotContain("/diagrams/" + pecan.getId());
    // the ministers read the pathway, not the ANS track
    String marc = page("marc", "/dossiers/" + pecan.getBusinessKey()).getBody();
    assertThat(marc).contains("/diagrams/" + pecan.getId()).doesNotContain("/diagrams/" + ans.getId());
  }

  @Test
  void shouldShowAPecanDossierWhoseSesameFilingIsDoneAndWhoseAnsSideRuns() {
    String page = page("alice", "/dossiers/" + pecanFiled.getBusinessKey()).getBody();
    String sesame = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("sesame-filing")
        .latestVersion().singleResult().getName();
    assertThat(page).contains(sesame).contains("terminé le").as("her own steps, by her, and the ministers' check")
        .contains("Déposer la demande sur Sésame").contains("Vérifier");
    assertThat(page).as("the ANS side still waits for her").contains("« Déposer le dossier administratif » : à vous de le faire");
    String marc = page("marc", "/dossiers/" + pecanFiled.getBusinessKey()).getBody();
    assertThat(marc).contains(">marc<");
    assertThat(page).as("a vendor never reads a reviewer's name").doesNotContain(">marc<");
  }

  @Test
  void shouldShowABrandNameDossierToItsVendorAndTheGroupsItsRegistrationNames() {
    String number = brand.getBusinessKey();
    String pathway = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("brand-name")
        .latestVersion().singleResult().getName();
    assertThat(page("alice", "/dossiers").getBody()).contains(number).contains("GlycoTrack").contains(pathway);
    assertThat(page("alice", "/dossiers/" + number).getBody()).contains("Dossier " + number).contains(pathway)
        .contains("/diagrams/" + brand.getId());
    for (String instructing : List.of("hugo", "claire", "marc")) {
      assertThat(page(instructing, "/dossiers").getBody()).as(instructing).contains(number);
      assertThat(page(instructing, "/dossiers/" + number).getStatusCode()).as(instructing).isEqualTo(HttpStatus.OK);
    }
    for (String stranger : List.of("bruno", "nadia")) {
      assertThat(page(stranger, "/dossiers").getBody()).as(stranger).doesNotContain(number);
      assertThat(page(stranger, "/dossiers/" + number).getStatusCode()).as(stranger).isEqualTo(HttpStatus.NOT_FOUND);
    }
  }

  /**
   * Walk 11 (b13): alice never answered the draft opinion; its window passed and Parcours closed her task. « Ce qui
   * s’est passé » credited « Répondre au projet d’avis » to « l’industriel », and the opinion's window read « clos
   * le … (Faire examiner par la CNEDiMTS) » while the final opinion was still to adopt. Now the history says the step
   * was not done, its last day passed, and the window says the draft opinion closed it, the final one following.
   */
  @Test
  void shouldSayInTheHistoryThatTheDraftOpinionWentUnansweredAndThatTheDraftClosedTheOpinionWindow() {
    Map<String, Object> form = Candidatures.valid();
    form.putAll(Map.of("softwareName", "GlycoTrack", "validCertificate", true, "certificateNumber", "CC-2025-7",
        "hasSesameAccount", true, "hasMeeting", "NONE", "telemonitoring", true, "anticipatedCoverage", false));
    ProcessInstance dossier = start("alice", "brand-name", form);
    complete("alice", dossier, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0077",
        "sesameFiled", true, "cnpCopySent", true));
    complete("marc", dossier, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
    complete("marc", dossier, "Task_SendAcknowledgement", Map.of("acknowledgementDate",
        java.time.LocalDate.now(paris).toString()));
    complete("claire", dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    String draftOn = fr.parcours.deadline.LegalDates.date(java.time.LocalDate.now(paris), java.util.Locale.FRENCH);
    org.camunda.bpm.engine.runtime.Job window = engine.getManagementService().createJobQuery().timers()
        .activityId("Timer_HearingRequestWindow").processInstanceId(engine.getRuntimeService()
            .createProcessInstanceQuery().processInstanceBusinessKey(dossier.getBusinessKey())
            .processDefinitionKey("cnedimts-opinion").singleResult().getId()).singleResult();
    // the timer fires once the last day is over: the instant before it is in the last day
    String lastDay = fr.parcours.deadline.LegalDates.date(java.time.LocalDate.ofInstant(window.getDuedate()
        .toInstant().minusSeconds(1), paris), java.util.Locale.FRENCH);
    ClockUtil.setCurrentTime(Date.from(window.getDuedate().toInstant().plusSeconds(60)));
    engine.getManagementService().executeJob(window.getId());
    runJobs();

    String page = page("alice", "/dossiers/" + dossier.getBusinessKey()).getBody();
    assertThat(page).contains("Répondre au projet d’avis : pas fait, dernier jour (" + lastDay + ") passé sans"
        + " réponse de l’industriel ; étape close par Parcours");
    Matcher row = Pattern.compile("<span>Répondre au projet d’avis[^<]*</span>\\s*</td>\\s*<td>([^<]*)</td>")
        .matcher(page);
    assertThat(row.find()).as(page).isTrue();
    assertThat(row.group(1)).isEqualTo("Parcours (automatique)");
    assertThat(page).contains("Avis de la CNEDiMTS : projet d’avis adopté le " + draftOn + ", dans le délai ;"
        + " l’avis définitif est adopté ensuite")
        .doesNotContain("Avis de la CNEDiMTS : clos le");
  }

  /**
   * Walk 7 (57-…png): « Envoyer la copie aux CNP » said "Aucun délai réglementaire" while its window's row said "il
   * reste 7 jours". The row BRAND_CNP_COPY is a reminder Parcours sends (When it passes: PARCOURS_REMINDER): both
   * places say no regulatory time limit applies, and the day Parcours reminds; the dossier is never due on it.
   */
  @Test
  void shouldSayTheCnpCopyHasNoRegulatoryTimeLimitAndTheDayParcoursRemindsEverywhereOnThePage() {
    ProcessInstance dossier = brandAcknowledged();
    java.time.LocalDate remindOn = clocks.readings(dossier.getId()).stream()
        .filter(r -> r.clockId().equals("BRAND_CNP_COPY")).findFirst().orElseThrow().dueAt()
        .atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate();
    String day = fr.parcours.deadline.LegalDates.date(remindOn, java.util.Locale.FRENCH);

    String page = page("alice", "/dossiers/" + dossier.getBusinessKey()).getBody();

    assertThat(page).as("the step she does").contains("Envoyer la copie aux CNP")
        .contains("Aucun délai réglementaire ne s’applique à cette étape ; Parcours vous la rappellera le " + day + ".");
    assertThat(page).as("the window's row").contains("data-window=\"BRAND_CNP_COPY\"")
        .contains("Copie aux conseils nationaux professionnels (CNP) : aucun délai réglementaire ; Parcours envoie un"
            + " rappel le " + day + ".").contains("rappel le " + day + "</td>").contains("aucun délai réglementaire ;"
            + " rappel de Parcours " + fr.parcours.deadline.LegalDates.length(shippedRule("BRAND_CNP_COPY").duration()
            .period(), java.util.Locale.FRENCH) + " après")
        .doesNotContain("Copie aux conseils nationaux professionnels (CNP) : il reste");
  }

  /**
   * Walk 7 (57-…png): the CNEDiMTS gave 12 days for complements, the state said so, but the rule column said "10
   * jours", the table's least. The column says the length the agency set, the least beside it.
   */
  @Test
  void shouldShowTheComplementsLengthTheCommissionSetNotTheTablesLeast() {
    ProcessInstance dossier = brandAcknowledged();
    if (engine.getTaskService().createTaskQuery().processInstanceBusinessKey(dossier.getBusinessKey())
        .taskDefinitionKey("Task_ExamineApplication").count() > 0) {
      complete("claire", dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS",
          "cnedimtsComment", "Le protocole de l’étude manque.", "window_CNEDIMTS_COMPLEMENTS_days", 12));
    }
    fr.parcours.deadline.DeadlineRule least = shippedRule("CNEDIMTS_COMPLEMENTS", "BRAND_NAME");

    String page = page("alice", "/dossiers/" + dossier.getBusinessKey()).getBody();

    assertThat(page).contains("data-window=\"CNEDIMTS_COMPLEMENTS\"").contains("il reste 12 jours")
        .contains("12 jours, fixés à la demande (au moins " + fr.parcours.deadline.LegalDates.length(
            least.duration().period(), java.util.Locale.FRENCH) + ") ; point de départ : " + least.startsOnFr())
        .doesNotContain("<td>10 jours ;");
  }

  /** The brand-name dossier filed on Sésame without the copy to the CNPs, complete, and acknowledged (once). */
  ProcessInstance brandAcknowledged() {
    if (engine.getTaskService().createTaskQuery().processInstanceBusinessKey(brand.getBusinessKey())
        .taskDefinitionKey("Task_DepositSesameApplication").count() > 0) {
      complete("alice", brand, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0077",
          "sesameFiled", true, "cnpCopySent", false));
      complete("marc", brand, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
      complete("marc", brand, "Task_SendAcknowledgement", Map.of("acknowledgementDate",
          java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString()));
    }
    return brand;
  }

  /**
   * A transitional dossier at « Poursuivre en phase nominale » while its window is still transitional (here 3 October
   * 2022: the tests' window opens its nominal phase on 1 January 2023): the vendor's page says when the continuation
   * opens, and links the task only for what it does meanwhile (closing the dossier), not the continuation the task
   * then refuses. Once the nominal phase has opened, the page offers the continuation again.
   */
  @Test
  void shouldSayWhenTheTransitionalContinuationOpensRatherThanOfferItBeforeTheNominalPhase() {
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse("2022-10-03T09:00:00Z")));
    Map<String, Object> dossierSoFar = new java.util.HashMap<>(Candidatures.valid());
    dossierSoFar.putAll(Map.of("dossierId", "DMN-2022-TRANS", "vendorGroup", "vendor-medisoft", "applicant", "alice",
        "ansWindow", "TELEMONITORING", "ansWindowName", "DMN de télésurveillance", "pathway", "ANS_TRANSITIONAL",
        "candidatureFeedback", "Complet.", "evidenceFeedback", "Lisible."));
    ProcessInstance transitional = engine.getRuntimeService().createProcessInstanceByKey("ans-transitional")
        .businessKey("DMN-2022-TRANS").startBeforeActivity("Task_ContinueIntoNominal").setVariables(dossierSoFar)
        .execute();
    access.openTo("vendor-medisoft", transitional.getId());
    String taskLink = "/camunda/app/tasklist/default/#/?task=" + task(transitional, "Task_ContinueIntoNominal").getId();

    String before = page("alice", "/dossiers/DMN-2022-TRANS").getBody();
    assertThat(before).contains("« Poursuivre en phase nominale » s’ouvrira le 1er janvier 2023, jour où s’ouvre la"
        + " phase nominale du guichet « DMN de télésurveillance ». Votre dossier reste ouvert d’ici là.")
        .contains("<a href=\"" + taskLink + "\">Clore le dossier sans suite, si vous y renoncez</a>")
        .doesNotContain(">Poursuivre en phase nominale</a>")
        // where the dossier stands, too: not hers "to do" yet
        .contains("« Poursuivre en phase nominale » : chez vous, pas encore ouvert (ce qu’il attend est dit ci-dessus)")
        .doesNotContain("à vous de le faire");
    assertThat(page("alice", "/dossiers").getBody()).as("the list says it too")
        .contains("« Poursuivre en phase nominale » s’ouvrira le 1er janvier 2023")
        .doesNotContain(">Poursuivre en phase nominale</a>");

    ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse("2023-01-02T09:00:00Z")));
    String after = page("alice", "/dossiers/DMN-2022-TRANS").getBody();
    assertThat(after).contains("<a href=\"" + taskLink + "\">Poursuivre en phase nominale</a>")
        .doesNotContain("s’ouvrira").doesNotContain("Clore le dossier sans suite, si vous y renoncez")
        .contains("« Poursuivre en phase nominale » : à vous de le faire").doesNotContain("pas encore ouvert");
    engine.getRuntimeService().deleteProcessInstance(transitional.getId(), "test done");
  }

  @Test
  void shouldSpeakEnglishToAnEnglishBrowser() {
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    String list = alice.page("/dossiers", "en-GB,fr;q=0.5").getBody();
    assertThat(list).contains("My dossiers").contains("What you must do").doesNotContain("Mes dossiers");
    String page = alice.page("/dossiers/" + atAgency.getBusinessKey(), "en").getBody();
    assertThat(page).contains("Where the dossier stands").contains("paused since");
    fr.parcours.deadline.DeadlineRule rule = shippedRule(pausedWindow);
    assertThat(page).as("its rule, in English").contains("starts on: " + rule.startsOn() + "; source: "
        + rule.source(java.util.Locale.ENGLISH, null)).doesNotContain(rule.startsOnFr());
  }

  /** The row of the shipped deadlines table for a window, as the pages read it. */
  static fr.parcours.deadline.DeadlineRule shippedRule(String window) {
    return shippedRule(window, null);
  }

  /** The row of the shipped deadlines table for a window of a pathway. */
  static fr.parcours.deadline.DeadlineRule shippedRule(String window, String pathway) {
    try {
      return fr.parcours.deadline.DeadlineTableReader.read(java.nio.file.Files.readAllBytes(
          java.nio.file.Path.of("bpmn", "deadlines.dmn")), "test").require(window, pathway);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- isolation ----

  /** Another company's dossier, and each reviewer group that does not instruct it, read "no such dossier". */
  @ParameterizedTest
  @ValueSource(strings = {"bruno", "hugo", "claire", "marc", "nadia"})
  void shouldAnswerAnotherCompanysDossierAsOneThatDoesNotExist(String user) {
    String number = atAgency.getBusinessKey();
    ResponseEntity<String> theirs = page(user, "/dossiers/" + number);
    assertThat(theirs.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> none = page(user, "/dossiers/DMN-2026-ZZZZZ");
    assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(theirs.getBody()).contains("Dossier introuvable")
        .isEqualTo(none.getBody().replace("DMN-2026-ZZZZZ", number));
    assertThat(theirs.getBody()).doesNotContain("RythmoCheck").doesNotContain("MediSoft")
        .doesNotContain(atAgency.getId());
    // F16: the menu keeps the person's name, as on every page
    assertThat(theirs.getBody()).as("the menu of the page").contains("<span class=\"user\">" + user + "</span>");
    if (user.equals("bruno")) {
      assertThat(theirs.getBody()).as("a vendor's menu").contains(">Mes dossiers</a>");
    }

    ResponseEntity<String> diagram = page(user, "/dossiers/" + number + "/diagrams/" + atAgency.getId());
    assertThat(diagram.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(diagram.getBody()).doesNotContain("definitions");
  }

  @Test
  void shouldListTheDossiersDocumentsWithTheirFingerprintAndServeThemToWhoReadsTheDossierOnly() {
    String number = atAgency.getBusinessKey();
    String sha = fr.parcours.notification.DossierDocuments.sha256(DOCUMENT);
    String page = page("alice", "/dossiers/" + number).getBody();
    assertThat(page).contains("certificat-CC-" + number + ".pdf").contains(sha);
    Matcher link = Pattern.compile("href=\"(/dossiers/" + number + "/documents/[0-9a-f-]+)\"").matcher(page);
    assertThat(link.find()).as("a link to the document").isTrue();
    String document = link.group(1);

    for (String reader : List.of("alice", "ana", "paul")) {
      ResponseEntity<byte[]> pdf = bytes(reader, document);
      assertThat(pdf.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
      assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
      assertThat(pdf.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment");
      assertThat(pdf.getBody()).isEqualTo(DOCUMENT);
    }
    for (String stranger : List.of("bruno", "hugo", "claire", "marc", "nadia")) {
      ResponseEntity<String> refused = page(stranger, document);
      assertThat(refused.getStatusCode()).as(stranger).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(refused.getBody()).doesNotContain("%PDF");
    }
    assertThat(page("alice", "/dossiers/" + other.getBusinessKey() + document.substring(document.indexOf("/documents")))
        .getStatusCode()).as("under another dossier's number").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(BrowserSession.anonymous(rest).page(document).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldServeADiagramOnlyUnderItsOwnDossier() {
    ResponseEntity<String> own = page("alice", "/dossiers/" + atAgency.getBusinessKey() + "/diagrams/"
        + atAgency.getId());
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(own.getBody()).contains("definitions").contains("Task_ReviewAdmissibility");
    // bruno's instance named under bruno's own number is his; under alice's number, or alice's under his, is not
    assertThat(page("bruno", "/dossiers/" + other.getBusinessKey() + "/diagrams/" + atAgency.getId())
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(page("alice", "/dossiers/" + atAgency.getBusinessKey() + "/diagrams/" + other.getId())
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dossiers", "/dossiers/{n}", "/dossiers/{n}/diagrams/{i}", "/dossiers/export"})
  void shouldAskWhoeverIsNotSignedInToSignIn(String path) {
    ResponseEntity<String> answer = BrowserSession.anonymous(rest).page(path
        .replace("{n}", atAgency.getBusinessKey()).replace("{i}", atAgency.getId()));
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getBody()).contains("Connectez-vous").doesNotContain(atAgency.getBusinessKey() + "<")
        .doesNotContain("RythmoCheck").doesNotContain("definitions");
  }

  // ---- helpers ----

  ResponseEntity<byte[]> bytes(String user, String path) {
    BrowserSession session = BrowserSession.signedIn(rest, user);
    return session.download(path);
  }

  /** How the ANS track's diagram names the end of an inadmissible candidature: what the pages say. */
  String inadmissible() {
    return engine.getRepositoryService().getBpmnModelInstance(closed.getProcessDefinitionId())
        .getModelElementById("EndEvent_Inadmissible").getAttributeValue("name");
  }

  List<String> ansOnly() {
    return List.of(atVendor.getBusinessKey(), atAgency.getBusinessKey(), closed.getBusinessKey(),
        other.getBusinessKey());
  }

  /** The page as that user's browser gets it; kept under target/dossier-pages/ to be looked at. */
  ResponseEntity<String> page(String user, String path) {
    ResponseEntity<String> answer = BrowserSession.signedIn(rest, user).page(path);
    try {
      java.nio.file.Path kept = java.nio.file.Paths.get("target", "dossier-pages",
          user + path.replaceAll("[^A-Za-z0-9-]+", "_") + ".html");
      java.nio.file.Files.createDirectories(kept.getParent());
      java.nio.file.Files.writeString(kept, answer.getBody() == null ? "" : answer.getBody());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return answer;
  }

  ProcessInstance applyForAns(String user, Map<String, Object> changes) {
    Map<String, Object> form = Candidatures.valid();
    form.putAll(changes);
    return start(user, "ans-certification", form);
  }

  ProcessInstance applyForPecan() {
    Map<String, Object> form = Candidatures.valid();
    form.put("softwareName", "TensioCare");
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", true);
    return start("alice", "pecan", form);
  }

  ProcessInstance start(String user, String key, Map<String, Object> form) {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
        .latestVersion().singleResult().getId();
    ProcessInstance started = as(user, () -> engine.getFormService().submitStartForm(definition, form));
    runJobs();
    return started;
  }

  Task task(ProcessInstance instance, String key) {
    return new EngineSteps(engine).task(instance, key);
  }

  void complete(String user, ProcessInstance instance, String key, Map<String, Object> variables) {
    new EngineSteps(engine).complete(user, instance, key, variables);
  }

  void runJobs() {
    new EngineSteps(engine).runJobs();
  }

  <T> T as(String user, Supplier<T> action) {
    return new EngineSteps(engine).as(user, action);
  }
}
