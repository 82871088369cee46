package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.evidence.CompanyDocuments;
import fr.parcours.support.Candidatures;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 19: the links of the vendor's mails, walked in a browser. Each mail is read from the test mailbox
 * (GreenMail) when it arrives, and each of its links is opened by alice, whose company filed the dossier, and by
 * bruno, of another company, each in a browser signed in to Tasklist as a person would be. alice lands on the task
 * the mail names (Tasklist opened on it, its form shown), on the dossier's page or on its evidence page; bruno
 * gets a French "not found" page (404) that names nothing of the dossier, never the task. Covered: the ANS
 * track's vendor mails from the candidature to the certificate, and PECAN's: the first mail in the PECAN's words, every
 * Sésame status (account to request, account opened, deposit, "pièces manquantes", file complete), the complete
 * evidence acknowledged once before the ministers' acknowledgement of receipt, and the CNEDiMTS' request for complements. Screenshots {@code target/screenshots/mail-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-mail-links", "camunda.bpm.job-execution.enabled=true"})
class MailLinksBrowserIT extends BrowserTestBase {

  static final Pattern HREF = Pattern.compile("href=\"(http[^\"]+)\"[^>]*>([^<]*)<");

  /** bruno's browser, signed in to Tasklist beside alice's. */
  static WebDriver other;
  static Path otherProfile;

  @Autowired CompanyDocuments companyDocuments;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;

  /** The pathway walked, in the screenshots' names. */
  String pathway;
  /** The links opened, per mail, for the report of the walk. */
  final Map<String, List<String>> walked = new LinkedHashMap<>();

  @AfterAll
  static void closeOtherBrowser() throws IOException {
    if (other != null) {
      other.quit();
      other = null;
    }
    deleteProfile(otherProfile);
  }

  @Test
  @Order(1)
  void shouldLeadTheVendorFromEachAnsMailToItsTaskOrPageAndAnotherCompanyToNothing() {
    pathway = "ans";
    signInBoth();
    // alice applies without a Convergence account
    ProcessInstance dossier = as("alice", () -> formService.submitStartForm(definition("ans-certification"),
        Candidatures.with("hasConvergenceAccount", false)));
    String number = dossier.getBusinessKey();

    walk(number, "candidature reçue", null);
    walk(number, "ouverture de votre compte Convergence", "Task_RequestConvergenceAccount");

    companyDocuments.storeKbis(dossier.getId(), "alice", "kbis-medisoft.pdf", fr.parcours.support.ProcessTestBase.PDF);
    complete("alice", dossier, "Task_RequestConvergenceAccount",
        Map.of("kbisProvided", true, "officerIdVerified", true, "representativeRegistered", true));
    complete("ana", dossier, "Task_OpenConvergenceAccount", Map.of("convergenceAccountId", "CVG-1234"));
    walk(number, "compte Convergence ouvert", "Task_DepositAdministrativeDossier");

    complete("alice", dossier, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    walk(number, "dossier administratif reçu", null);

    complete("ana", dossier, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    walk(number, "candidature recevable", "Task_SignConvention");
    walk(number, "convention à signer", "Task_SignConvention");

    complete("alice", dossier, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    walk(number, "dépôt des preuves ouvert", "Task_DepositEvidence");

    depositCompleteEvidence(dossier);
    complete("alice", dossier, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    walk(number, "dossier de preuves complet reçu", null);

    complete("ana", dossier, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS",
        "evidenceComment", "SEC 1.2 : les journaux d’audit manquent."));
    walk(number, "compléments demandés", "Task_ProvideComplements");

    complete("alice", dossier, "Task_ProvideComplements", Map.of("complementsAnswer", "Journaux ajoutés (SEC 1.2)."));
    Map<String, Object> conforms = new java.util.HashMap<>();
    conforms.put("evidenceDecision", "CONFORMS");
    conforms.put("evidenceComment", null);
    complete("ana", dossier, "Task_ReviewEvidence", conforms);
    walk(number, "certificat de conformité délivré", null);

    // every kind of link was met: the task, the dossier page, the evidence page
    assertThat(walked.values().stream().flatMap(List::stream).map(link -> link.replaceAll(":.*", "")))
        .contains("task", "dossier", "evidence");
    System.out.println("Mail links walked (ANS): " + walked);
  }

  @Test
  @Order(2)
  void shouldLeadTheVendorFromPecansHasMailsToHerTaskOrPageAndAnotherCompanyToNothing() {
    pathway = "pecan";
    signInBoth();
    // alice applies for the PECAN with neither a Convergence nor a Sésame account: both sides ask her for one
    Map<String, Object> form = Candidatures.valid();
    form.put("hasConvergenceAccount", false);
    form.put("hasSesameAccount", false);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", true);
    ProcessInstance dossier = as("alice", () -> formService.submitStartForm(definition("pecan"), form));
    String number = dossier.getBusinessKey();
    ProcessInstance ans = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ans-certification").processInstanceBusinessKey(number).singleResult());

    // the first mail names the PECAN and both agencies; its links lead to the dossier's page
    walk(number, "demande de prise en charge anticipée (PECAN) reçue", null);

    // two tasks of hers at once, one on each side: the Sésame mail's link opens the Sésame task, not the newest one
    assertThat(task(ans, "Task_RequestConvergenceAccount")).isNotNull();
    walk(number, "compte Sésame à demander", "Task_RequestSesameAccount");
    // an older mail's link, without the part, lists both for her to choose
    asAlice(() -> {
      browser.get("http://localhost:" + port + "/dossiers/" + number + "/tache");
      waiting.until(d -> d.findElement(By.tagName("main")).getText()
          .contains("Plusieurs tâches vous attendent sur ce dossier"));
      assertThat(browser.findElement(By.tagName("main")).getText()).contains("« Demander un compte Sésame » (Dépôt sur Sésame)",
          "« Demander un compte Convergence » (Certification de conformité ANS)");
      screenshot("mail-pecan-02b-older-link-lists-her-two-tasks", false);
      browser.findElement(By.partialLinkText("Demander un compte Sésame")).click();
      String sesameTask = task(dossier, "Task_RequestSesameAccount").getId();
      waiting.until(d -> d.getCurrentUrl().contains("task=" + sesameTask) && !formText().isBlank());
    });
    companyDocuments.storeKbis(ans.getId(), "alice", "kbis-medisoft.pdf", fr.parcours.support.ProcessTestBase.PDF);
    complete("alice", dossier, "Task_RequestConvergenceAccount",
        Map.of("kbisProvided", true, "officerIdVerified", true, "representativeRegistered", true));
    complete("alice", dossier, "Task_RequestSesameAccount", Map.of("sesameAccountRequested", true));
    complete("hugo", dossier, "Task_OpenSesameAccount", Map.of("sesameAccountId", "SES-ACC-7"));
    walk(number, "compte Sésame ouvert", "Task_DepositSesameApplication");

    complete("alice", dossier, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", true));
    walk(number, "demande déposée sur Sésame", null);
    complete("marc", dossier, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "INCOMPLETE",
        "sesameMissing", "Le protocole de l’étude clinique"));
    walk(number, "pièces manquantes", "Task_DepositSesameApplication");

    // both files complete: the ministers' acknowledgement, then the CNEDiMTS asks for complements
    complete("alice", dossier, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", true));
    complete("marc", dossier, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    walk(number, "demande Sésame recevable et complète", null);
    complete("ana", dossier, "Task_OpenConvergenceAccount", Map.of("convergenceAccountId", "CVG-1234"));
    complete("alice", dossier, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", dossier, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", dossier, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    depositCompleteEvidence(ans);
    complete("alice", dossier, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    // her complete evidence is acknowledged now, while the ANS waits for the ministers' acknowledgement
    walk(number, "dossier de preuves complet reçu", null);
    complete("marc", dossier, "Task_SendAcknowledgement",
        Map.of("acknowledgementDate", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString()));
    walk(number, "accusé de réception", null);
    complete("claire", dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS",
        "cnedimtsComment", "Envoyez le protocole de l’étude."));
    walk(number, "la CNEDiMTS demande des compléments", "Task_ProvideCnedimtsComplements");
    assertThat(walked.values().stream().flatMap(List::stream)).anyMatch(link -> link.startsWith("task:"));
    // the ANS began on the acknowledgement without telling her of her evidence a second time
    assertThat(task(ans, "Task_ReviewEvidence")).isNotNull();
    assertThat(mails("dossier de preuves complet reçu", number)).as("one mail to each of her two addresses").isEqualTo(2);
    for (String once : List.of("(PECAN) reçue", "compte Sésame à demander", "compte Sésame ouvert",
        "demande Sésame recevable et complète")) {
      assertThat(mails(once, number)).as("« %s »", once).isEqualTo(2);
    }
    assertThat(mails("demande déposée sur Sésame", number)).as("one per deposit").isEqualTo(4);
    System.out.println("Mail links walked (PECAN): " + walked);
  }

  /**
   * The mail that tells the administrators of an incident, walked: a dossier's mail step fails for good (both its
   * addresses removed by hand before it goes), the administrator follows the mail's link to the dossier in Cockpit,
   * reads the incident there, the address is given back, and « Réessayer » in Cockpit sends the vendor's mail and
   * clears the incident. Its link to the dossier page opens the page for the administrator.
   */
  @Test
  @Order(3)
  void shouldLeadTheAdministratorFromAnIncidentsMailToTheIncidentInCockpitWhoseRetryMovesTheDossierOn() {
    pathway = "incident";
    ProcessInstance dossier = as("alice", () -> formService.submitStartForm(definition("ans-certification"),
        Candidatures.valid()));
    String number = dossier.getBusinessKey();
    task(dossier, "Task_DepositAdministrativeDossier");
    String contact = (String) runtimeService.getVariable(dossier.getId(), "contactEmail");
    // the deposit checks the addresses: they are removed after it, while its mail step's job is held back
    String mailStep = managementService.createJobDefinitionQuery().processDefinitionId(
        dossier.getProcessDefinitionId()).activityIdIn("Event_NotifyAdministrativeFileReceived").singleResult().getId();
    managementService.suspendJobDefinitionById(mailStep);
    try {
      complete("alice", dossier, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
      runtimeService.removeVariables(dossier.getId(), List.of("contactEmail", "legalRepEmail"));
    } finally {
      managementService.activateJobDefinitionById(mailStep, true);
    }

    MimeMessage alert = waiting.until(d -> lastMail("Incident : le dossier " + number, number));
    Map<String, String> links = new LinkedHashMap<>();
    try {
      assertThat(alert.getAllRecipients()).extracting(Object::toString)
          .containsAnyOf("admin@parcours.example", "paul@parcours.example");
      Matcher href = HREF.matcher(fr.parcours.support.ProcessTestBase.html(alert));
      while (href.find()) {
        links.put(href.group(2).trim(), href.group(1).replace("&amp;", "&"));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    String base = "http://localhost:" + port;
    assertThat(links).containsOnlyKeys("le dossier dans Cockpit", "page du dossier");
    assertThat(links.get("le dossier dans Cockpit")).isEqualTo(base + "/camunda/app/cockpit/default/#/process-instance/"
        + dossier.getId() + "/runtime");
    assertThat(links.get("page du dossier")).isEqualTo(base + "/dossiers/" + number);

    signInTo("cockpit", "admin");
    browser.get(links.get("le dossier dans Cockpit"));
    waiting.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='Incidents']"))).click();
    WebElement row = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//table//tr[td[contains(normalize-space(.),'n’a aucune adresse électronique où écrire')]]")));
    assertThat(row.getText()).contains(number);
    assertNoErrorShown("Cockpit, the dossier's incident");
    screenshot("mail-incident-01-cockpit-incident");

    // the address given back (in Cockpit a person edits the variable), then « Réessayer » on the incident
    runtimeService.setVariable(dossier.getId(), "contactEmail", contact);
    row.findElement(By.cssSelector("a.action-button, button.action-button, [ng-click*='openJobRetry'], "
        + ".glyphicon-repeat")).click();
    waiting.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Réessayer']"))).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//div[contains(@class,'modal')]//*[contains(.,'a été augmenté')]")));
    screenshot("mail-incident-02-cockpit-retried");
    waiting.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'modal-footer')]//button[normalize-space(.)='OK']")))
        .click();
    // the job executor takes the retried job on its next look for jobs: at most a minute when it has been idle
    WebDriverWait jobExecutor = waitOn(browser, java.time.Duration.ofSeconds(90));
    jobExecutor.until(d -> mails("dossier administratif reçu", number) == 1);
    jobExecutor.until(d -> runtimeService.createIncidentQuery().processInstanceId(dossier.getId()).count() == 0);

    // the mail's other link: the dossier's page, which the administrator reads
    browser.get(links.get("page du dossier"));
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//h1[contains(normalize-space(.),'" + number + "')]")));
    screenshot("mail-incident-03-dossier-page");
  }

  // ---- the walk of one mail ----

  /**
   * Waits for the mail of the dossier whose subject has these words, then opens each of its links: alice
   * lands where it says (on the open task {@code taskKey} for a task link), bruno on a "not found" page.
   */
  void walk(String number, String subjectPart, String taskKey) {
    MimeMessage mail = waiting.until(d -> lastMail(subjectPart, number));
    String html;
    try {
      html = fr.parcours.support.ProcessTestBase.html(mail);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> links = new LinkedHashMap<>();
    Matcher href = HREF.matcher(html);
    while (href.find()) {
      links.putIfAbsent(href.group(1).replace("&amp;", "&"), href.group(2).trim());
    }
    String base = "http://localhost:" + port;
    assertThat(links).as("links of « %s »", subjectPart).isNotEmpty();
    assertThat(links.keySet()).as("links of « %s »", subjectPart).allMatch(link -> link.startsWith(base + "/"));
    String shot = "mail-" + pathway + "-" + String.format("%02d", walked.size() + 1) + "-"
        + java.text.Normalizer.normalize(subjectPart, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replaceAll("[^a-zA-Z]+", "-");
    List<String> kinds = new ArrayList<>();
    for (Map.Entry<String, String> link : links.entrySet()) {
      String path = link.getKey().substring(base.length());
      // the task link names the part of the dossier the mail comes from: /dossiers/<n>/tache/sesame-filing
      String kind = path.matches("/dossiers/" + number + "/tache(/[a-z-]+)?") ? "task"
          : path.equals("/dossiers/" + number) ? "dossier"
          : path.equals("/evidence/" + number) ? "evidence"
          : path.startsWith("/camunda/app/tasklist/") ? "tasklist" : "other";
      assertThat(kind).as("link %s of « %s »", path, subjectPart).isNotEqualTo("other");
      kinds.add(kind + ":" + link.getValue());
      asAlice(() -> aliceOpens(kind, link.getKey(), link.getValue(), number, taskKey, shot + "-" + kind));
      asBruno(() -> brunoOpens(kind, link.getKey(), number, shot + "-" + kind + "-bruno"));
    }
    if (taskKey != null) {
      assertThat(kinds).as("« %s » links to the task", subjectPart).anyMatch(kind -> kind.startsWith("task:"));
    }
    walked.put(subjectPart, kinds);
  }

  void aliceOpens(String kind, String link, String text, String number, String taskKey, String shot) {
    // a mail goes out before the task it announces: the person opens it once the task is there
    Task task = "task".equals(kind) ? task(processOf(number), taskKey) : null;
    browser.get(link);
    switch (kind) {
      case "task" -> {
        waiting.until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/default/#/")
            && d.getCurrentUrl().contains("task=" + task.getId()) && !formText().isBlank());
        // the link says which task: « Signer la convention »
        assertThat(text).as("the link's words").contains(task.getName());
        // Tasklist's heading over the form names the same task
        waiting.until(d -> d.findElements(By.cssSelector(".names h2.task")).stream()
            .anyMatch(heading -> heading.getText().trim().equals(task.getName())));
      }
      case "dossier" -> waiting.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath("//h1[normalize-space(.)='Dossier " + number + "']")));
      case "evidence" -> waiting.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath("//h1[normalize-space(.)='Preuves du dossier " + number + "']")));
      default -> waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));
    }
    screenshot(shot, false);
  }

  void brunoOpens(String kind, String link, String number, String shot) {
    if ("tasklist".equals(kind)) {
      return; // his own Tasklist: his tasks only (TasklistBrowserIT looks into each of his filters)
    }
    assertThat(status(link)).as("%s for bruno", link).isEqualTo(404);
    assertThat(status(link.replace(number, "DMN-2026-ZZZZZ"))).as("a dossier that does not exist, for bruno: the same")
        .isEqualTo(404);
    browser.get(link);
    waiting.until(d -> d.findElement(By.tagName("body")).getText().matches("(?s).*Aucun dossier (en cours )?" + number
        + " que vous puissiez voir.*"));
    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(browser.getCurrentUrl()).as("no Tasklist task opened for bruno").doesNotContain("task=");
    assertThat(page).doesNotContain("MediSoft").doesNotContain("CardioWatch").doesNotContain("Exception");
    if (!"evidence".equals(kind)) {
      assertThat(page).contains("Dossier introuvable");
    }
    screenshot(shot, false);
  }

  // ---- helpers ----

  /** alice sends, as from the evidence page, one archive with every proof the standard candidature asks. */
  void depositCompleteEvidence(ProcessInstance ansTrack) {
    task(ansTrack, "Task_DepositEvidence"); // the deposit opens with the task, after its mail
    String archive = evidenceDeposits.nextArchiveName(ansTrack.getId());
    as("alice", () -> evidenceDeposits.deposit(ansTrack.getId(), "alice", archive, new java.io.ByteArrayInputStream(
        fr.parcours.evidence.Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json",
            "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes())));
  }

  void signInBoth() {
    signIn("alice");
    asBruno(() -> signIn("bruno"));
  }

  void asAlice(Runnable action) {
    action.run();
  }

  /** Runs the steps in bruno's own browser (opened once), then gives alice's back. */
  void asBruno(Runnable action) {
    WebDriver alices = browser;
    WebDriverWait alicesWait = waiting;
    if (other == null) {
      try {
        otherProfile = Files.createTempDirectory("parcours-chromium-bruno-");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      other = chromium(otherProfile, "fr-FR", "fr-FR,fr");
    }
    browser = other;
    waiting = waitOn(other, WAIT);
    waiting.ignoring(StaleElementReferenceException.class);
    try {
      action.run();
    } finally {
      browser = alices;
      waiting = alicesWait;
    }
  }

  /** The HTTP status of a link fetched with the browser's session (its cookies), redirects not followed. */
  int status(String link) {
    String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
    try {
      return java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build()
          .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(link)).header("Cookie", cookies)
              .header("Accept", "text/html").GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  MimeMessage lastMail(String subjectPart, String number) {
    try {
      MimeMessage last = null;
      for (MimeMessage mail : MAIL.getReceivedMessages()) {
        if (mail.getSubject().contains(subjectPart) && mail.getSubject().contains(number)) {
          last = mail;
        }
      }
      return last;
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many mails of the dossier have these words in their subject. */
  long mails(String subjectPart, String number) {
    try {
      long count = 0;
      for (MimeMessage mail : MAIL.getReceivedMessages()) {
        if (mail.getSubject().contains(subjectPart) && mail.getSubject().contains(number)) {
          count++;
        }
      }
      return count;
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  ProcessInstance processOf(String number) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).list().get(0);
  }

  String definition(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult().getId();
  }
}
