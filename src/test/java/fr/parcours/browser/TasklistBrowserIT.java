package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.Zips;
import fr.parcours.support.Candidatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.TestSmtp;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
/**
 * The ANS certification on its own, as people see it in Tasklist, in a real (headless) Chromium: a vendor
 * applies through the start form, submits her administrative dossier, another vendor company sees none of it,
 * the ANS reviewer admits it, the vendor signs and sends her evidence from the evidence page, and the reviewer
 * finds the dossier in the evidence queue with its analysis clock and certifies it. Other journeys of this
 * class set their dossiers up through the Java API and test one page each.
 */
// its own application context (the property makes it distinct), so its queue holds only its own dossiers
// the job executor runs, as in the application: the notification steps go out to a real SMTP server
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser", "camunda.bpm.job-execution.enabled=true",
        "parcours.start.first-task-wait=PT10S"})
class TasklistBrowserIT extends BrowserTestBase {

  @Autowired org.springframework.boot.test.web.client.TestRestTemplate rest;

  static final String PROCESS_NAME = "Certification de conformité ANS";
  static final String START_PROCESS = "Démarrer un processus";
  static final String EVIDENCE_QUEUE = "ANS — file des preuves (ordre d’arrivée)";

  // ---- the journeys ----

  @Test
  @Order(1)
  void shouldLetAVendorApplyAndShowTheDossierToHerCompanyOnlyThenToTheAnsQueue() throws IOException {
    java.util.Set<String> before = dossierIds("ans-certification");

    // alice applies through the start form
    signIn("alice");
    openStartForm(PROCESS_NAME);
    // issue 19: the company's name is there already, from her company's account (the server writes that one)
    waiting.until(d -> "MediSoft SAS".equals(d.findElement(field("Field_CompanyName")).getAttribute("value")));
    fillValidCandidature();
    screenshot("01-candidature-filled");
    startProcess();
    ProcessInstance dossier = newDossierOf("ans-certification", "alice", before);
    String dossierId = dossier.getBusinessKey();
    assertThat(dossierId).matches("DMN-\\d{4}-[2-9A-HJ-NP-Z]{5}");
    assertThat(runtimeService.getVariables(dossier.getId())).containsEntry("siren", "552100554")
        .containsEntry("softwareName", "CardioWatch").containsEntry("deviceClass", "IIA")
        .containsEntry("ceMarked", true).containsEntry("hasConvergenceAccount", true)
        .containsEntry("contactEmail", "jean.dupont@medisoft.example");

    // F4: after Tasklist's own start she is on her company's tasks (it read "Mes tâches (0)"), where the new
    // dossier's first task appears with its number, without a click
    assertThat(browser.findElement(By.cssSelector(".task-filters .task-filter.active h4.name a")).getText())
        .startsWith(VENDOR_FILTER);
    taskCard("Déposer le dossier administratif", dossierId);
    screenshot("01b-alice-after-start-on-her-company-tasks");
    assertThat(filterNames()).as("her filters, in Tasklist's order").containsSubsequence(VENDOR_FILTER, "Mes tâches");

    // she finds the next task in her company's filter, with the dossier number on its card
    openFilter(VENDOR_FILTER);
    // the filter refreshes itself: a card Tasklist drew again meanwhile is looked up again (seen stale under load)
    String cardText = waiting.until(d -> taskCard("Déposer le dossier administratif", dossierId).getText());
    assertThat(cardText).contains("Dossier:").contains(dossierId)
        .as("no window binds the deposit: the card says so").contains("Échéance:")
        .contains("Aucun délai réglementaire ne s’applique à cette étape.");
    // issue 19: the card is read folded, its company shown and its time limit whole (was: "Aucun délai réglementair…",
    // and "Entreprise" only once the card was unfolded)
    List<String> unread = waiting.until(d -> unreadOnCard(taskCard("Déposer le dossier administratif", dossierId)));
    assertThat(unread).as("columns of the folded card that cannot be read").isEmpty();
    assertThat(cardText).contains("Entreprise:").contains("MediSoft SAS").contains("Dispositif:");
    screenshot("02-alice-company-tasks");

    // the mail "candidature reçue" links to that task: opened in her browser, the link shows its form
    String link = waiting.until(d -> mailLink("candidature reçue", dossierId));
    // the link names the part of the dossier the mail comes from, the ANS certification
    assertThat(link).isEqualTo("http://localhost:" + port + "/dossiers/" + dossierId + "/tache/ans-certification");
    browser.get(link);
    String depositTask = task(dossier, "Task_DepositAdministrativeDossier").getId();
    waiting.until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/default/#/")
        && d.getCurrentUrl().contains("task=" + depositTask) && !formText().isBlank());
    screenshot("02a-alice-opens-the-link-of-her-mail");
    openFilter(VENDOR_FILTER);

    // she opens it and submits the administrative dossier to the ANS from the form; Tasklist speaks French and
    // offers her none of the controls the server refuses a vendor
    openTask("Déposer le dossier administratif", dossierId);
    waitForRoleControls();
    assertThat(visibleControls(START_PROCESS, "Créer une tâche", "Définir l’échéance", "Définir la relance",
        "Ajouter un commentaire")).containsExactly(START_PROCESS);
    claimInTasklist();
    assertThat(visibleControls("Définir l’échéance", "Définir la relance", "Ajouter un commentaire")).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return getComputedStyle("
        + "document.querySelector('.meta li.groups > span')).pointerEvents;"))
        .as("her company's group is shown, not offered for change").isEqualTo("none");
    radio("Field_DepositAction", "Envoyer le dossier administratif à l’ANS");
    screenshot("02b-alice-submits-the-dossier");
    completeInTasklist();
    task(dossier, "Task_ReviewAdmissibility");
    assertThat(runtimeService.getVariable(dossier.getId(), "depositAction")).isEqualTo("SUBMIT");
    signOut();

    // bruno, of another company, sees nothing of it in any of his filters
    signIn("bruno");
    List<String> brunoFilters = filterNames();
    assertThat(brunoFilters).contains(VENDOR_FILTER).doesNotContain(EVIDENCE_QUEUE);
    for (String filter : brunoFilters) {
      openFilter(filter);
      assertThat(visibleTaskListText()).as("bruno's filter '%s'", filter).doesNotContain(dossierId)
          .doesNotContain("Déposer le dossier administratif");
    }
    openFilter(VENDOR_FILTER);
    screenshot("03-bruno-sees-no-task-of-the-dossier");
    assertThat(as("bruno", () -> taskService.createTaskQuery().processInstanceId(dossier.getId()).count()))
        .as("tasks of alice's dossier that bruno may read").isZero();
    signOut();

    // ana admits it, alice signs the convention and sends her evidence from the page her task links to
    signIn("ana");
    // the last walk: her Tasklist opened on "Mes tâches (0)"; it opens on her agency's tasks, this dossier's among
    // them, without a click
    task(dossier, "Task_ReviewAdmissibility");
    assertThat(browser.findElement(By.cssSelector(".task-filters .task-filter.active h4.name a")).getText())
        .startsWith("ANS — toutes les tâches");
    taskCard("Examiner la recevabilité", dossierId);
    assertThat(filterNames()).as("her filters, in Tasklist's order").startsWith("ANS — toutes les tâches", "Mes tâches");
    screenshot("03a-ana-lands-on-her-agency-tasks");
    // a reviewer comments on the tasks she works, but neither creates tasks nor moves due dates
    openFilter("ANS — toutes les tâches");
    openTask("Examiner la recevabilité", dossierId);
    waitForRoleControls();
    // (the task's pane draws its controls a moment after the card is opened: seen under load, none yet)
    waiting.until(d -> visibleControls("Ajouter un commentaire", "Définir la relance").size() == 2);
    assertThat(visibleControls("Ajouter un commentaire", "Définir la relance", "Créer une tâche",
        "Définir l’échéance")).containsExactly("Ajouter un commentaire", "Définir la relance");
    work("ANS — toutes les tâches", dossier, "Task_ReviewAdmissibility", "Examiner la recevabilité",
        "03b-ana-finds-it-admissible", () -> {
          // the summary shows labels and French dates, not codes: class IIa, the planned date day first
          assertThat(formText()).contains("classe IIa").contains("Exigences de base (tout dispositif)").doesNotContain("SOCLE")
              .contains(PLANNED_EVIDENCE_DATE.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")))
              .doesNotContain("IIA").doesNotContain(PLANNED_EVIDENCE_DATE.toString())
              .doesNotContain("IUD-ID de base");
          radio("Field_AdmissibilityDecision", "Recevable");
        });
    signOut();
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_SignConvention", "Signer la convention", "03c-alice-signs-convention", () -> {
      // issue 19: the convention is read before it is signed, with its parties, device and profiles
      assertThat(formText()).contains("La convention", "Entre l’Agence du numérique en santé (ANS) et MediSoft SAS"
          + " (SIREN 552100554), pour la certification de CardioWatch 2.1",
          "choisis à la candidature : Exigences de base (tout dispositif).", "L’entreprise s’engage à")
          .as("the profiles' labels, never their codes").doesNotContain("SOCLE");
      type("Field_SignatoryName", "Alice Martin");
      setCheckbox("Field_ConventionSigned", true);
    });
    task(dossier, "Task_DepositEvidence");
    // walk 22: before any archive, no checklist of every section all unticked, and a help that names no report
    openFilter(VENDOR_FILTER);
    openTask("Déposer les preuves", dossierId);
    waiting.until(d -> formText().contains("Aucune archive reçue pour l’instant"));
    assertThat(formText()).doesNotContain("Sections complètes").doesNotContain("ci-dessus")
        .contains("quand le rapport de l’envoi dit « Complet » sur la page des preuves");
    screenshot("03c9-alice-deposit-task-before-any-archive");
    String archive = followEvidenceLink(dossierId)[1];
    Path evidenceFolder = Files.createTempDirectory("parcours-ans-evidence-");
    send(Files.write(evidenceFolder.resolve(archive), Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png",
        "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes()));
    assertThat(waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=status]")))
        .getText()).isEqualTo("Envoi 1 accepté : 7 fichier(s) de preuve. Preuves complètes.");
    browser.get(tasklist());
    // F7: the evidence complete, she validates without the box: the form said what that does, nothing goes to the
    // ANS, and the task that comes back says so at its top
    String firstDeposit = task(dossier, "Task_DepositEvidence").getId();
    work(VENDOR_FILTER, dossier, "Task_DepositEvidence", "Déposer les preuves", "03d0-alice-validates-without-the-box",
        () -> {
          waiting.until(d -> formText().contains("Complet : 7 preuves déposées sur 7"));
          assertThat(formText()).as("walk 22: the sections of her profiles, INS « sans objet » for them")
              .contains("Sections complètes").contains("Pro Santé Connect")
              .contains("Protection des données personnelles")
              .doesNotContain("Identifiant national de santé (INS)").doesNotContain("Aucune archive reçue");
          assertThat(formText()).contains("Sans elle, Valider enregistre seulement où vous en êtes : rien n’est envoyé"
              + " à l’ANS et cette tâche revient à vous").doesNotContain("Rien n’a été envoyé à l’ANS.");
        });
    waiting.until(d -> !task(dossier, "Task_DepositEvidence").getId().equals(firstDeposit));
    assertThat(taskService.createTaskQuery().processInstanceId(dossier.getId()).taskDefinitionKey("Task_ReviewEvidence")
        .count()).as("nothing went to the ANS").isZero();
    work(VENDOR_FILTER, dossier, "Task_DepositEvidence", "Déposer les preuves", "03d-alice-submits-evidence", () -> {
      waiting.until(d -> formText().contains("Rien n’a été envoyé à l’ANS."));
      assertThat(formText()).contains("vous avez validé cette tâche sans cocher « Toutes les preuves sont déposées » :"
          + " elle revient donc à vous, et l’ANS n’a pas reçu le dossier de preuves.");
      screenshot("03d1-alice-deposit-task-came-back-saying-nothing-was-sent");
      setCheckbox("Field_AllEvidenceDeposited", true);
    });
    signOut();
    String clockReport = (String) taskService.getVariableLocal(task(dossier, "Task_ReviewEvidence").getId(),
        "analysisClockReport");
    assertThat(clockReport).startsWith("Ouvert le ").contains(" inclus.").doesNotContain("Started ");

    // ana finds it in the evidence queue and opens it: the form shows the analysis clock
    signIn("ana");
    openFilter(EVIDENCE_QUEUE);
    // the only dossier in the queue; its card should show the dossier number too: see
    // shouldShowTheDossierNumberOnTheCardsOfTheAnsQueue
    openTask("Examiner les preuves", "Certification de conformité ANS");
    WebElement form = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form')]//*[contains(normalize-space(.),'Délai d')]")));
    waiting.until(d -> formText().contains(firstLine(clockReport)));
    // the same last day as Tasklist's due date and the mails: "jusqu’au … inclus", in French only (F18: the ANS
    // read "(analysis time limit: until … included)" and the clock report again in English)
    String reviewId = task(dossier, "Task_ReviewEvidence").getId();
    assertThat(formText()).contains("Dossier " + dossierId).contains(firstLine(clockReport))
        .contains((String) taskService.getVariableLocal(reviewId, "dueUntil"))
        .doesNotContain((String) taskService.getVariableLocal(reviewId, "dueUntilEn"))
        .doesNotContain("time limit").doesNotContain("Started ");
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed))
        .as("no Camunda 8 migration banner for Parcours users").isTrue();
    screenshot("04-ana-review-evidence-with-analysis-clock");
    assertThat(form.isDisplayed()).isTrue();

    // she claims it and works it: the evidence conforms, the certificate is issued
    claimInTasklist();
    radio("Field_EvidenceDecision", "Conformes : délivrer le certificat");
    completeInTasklist();
    waiting.until(d -> historyService.createHistoricProcessInstanceQuery().processInstanceId(dossier.getId())
        .finished().count() == 1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(dossier.getId())
        .variableName("ansOutcome").singleResult().getValue()).isEqualTo("CERTIFIED");
    screenshot("04b-ana-certified-the-device");
    signOut();
  }

  @Test
  @Order(2)
  void shouldRefuseACandidatureWithoutCeMarkingAndShowWhy() {
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ans-certification")
        .count();

    signIn("alice");
    openStartForm(PROCESS_NAME);
    fillValidCandidature();
    setCheckbox("Field_CeMarked", false);
    startProcess();

    WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'alert-danger') or contains(@class,'alert-error')]"
            + "[contains(normalize-space(.),'marqué CE')]")));
    assertThat(error.getText()).contains("La candidature ne peut pas être acceptée")
        .contains("Le dispositif doit être marqué CE").doesNotContain("Cannot instantiate process definition");
    // where she is looking: the pop-up is still scrolled down to the button she pressed, the message in sight
    assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("const box = arguments[0]"
        + ".getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight;", error))
        .as("the refusal is in sight without scrolling back up").isTrue();
    scrollTo(error);
    screenshot("05-candidature-without-ce-marking-refused", false);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ans-certification")
        .count()).as("no dossier is created").isEqualTo(before);

    // refused again for another reason: the new refusal alone, in sight; the stale one stacked above it
    setCheckbox("Field_CeMarked", true);
    WebElement company = browser.findElement(field("Field_CompanyName"));
    waiting.until(d -> {
      company.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
          org.openqa.selenium.Keys.DELETE);
      company.sendKeys("Autre Société SAS");
      return "Autre Société SAS".equals(company.getAttribute("value"));
    });
    startProcess();
    WebElement again = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'alert-danger') or contains(@class,'alert-error')]"
            + "[contains(normalize-space(.),'Raison sociale')]")));
    waiting.until(d -> d.findElements(By.cssSelector(".modal-body .alert")).stream()
        .filter(WebElement::isDisplayed).count() == 1);
    assertThat(browser.findElement(By.cssSelector(".modal-body > [notifications-panel]")).getText())
        .doesNotContain("marqué CE");
    assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("const box = arguments[0]"
        + ".getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight;", again))
        .as("the second refusal is in sight without scrolling back up").isTrue();
    screenshot("05b-candidature-refused-again-one-notice", false);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ans-certification")
        .count()).as("no dossier is created").isEqualTo(before);
    browser.findElement(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Fermer']"))
        .click();
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
  }

  @Test
  @Order(3)
  void shouldShowTheDossierNumberOnTheCardsOfTheAnsQueue() {
    ProcessInstance dossier = as("alice", () -> formService.submitStartForm(
        repositoryService.createProcessDefinitionQuery().processDefinitionKey("ans-certification").latestVersion()
            .singleResult().getId(), Candidatures.valid()));
    moveToEvidenceReview(dossier);
    assertThat(as("ana", () -> runtimeService.createVariableInstanceQuery().processInstanceIdIn(dossier.getId())
        .variableName("dossierId").count())).as("ana may read the dossier number").isEqualTo(1);

    signIn("ana");
    openFilter(EVIDENCE_QUEUE);

    // the card shows the dossier and the window's last day (the company once the card is opened)
    // the first of a month is written "1er" (jusqu’au 1er février 2027 inclus)
    String cardText = waiting.until(d -> taskCard("Examiner les preuves", dossier.getBusinessKey()).getText());
    assertThat(cardText).contains("Dossier:").contains("Échéance:")
        .containsPattern("jusqu’au \\d+(er)? \\S+ \\d{4} inclus");
  }

  /**
   * Cockpit and Admin work under the query limit (2000 rows per query, see application.yml): the process
   * owner lists the pathways and a dossier's instances, the administrator lists users, groups and grants,
   * and neither sees an error.
   */
  @Test
  @Order(4)
  void shouldLetTheProcessOwnerUseCockpitAndTheAdministratorAdmin() {
    signInTo("cockpit", "paul");
    browser.get(webapp("cockpit") + "#/processes");
    WebElement ans = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//table//a[normalize-space(.)='" + PROCESS_NAME + "']")));
    assertNoErrorShown("Cockpit, process definitions");
    screenshot("06-paul-cockpit-processes");
    ans.click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".process-instances, "
        + "[cam-widget-search], .ctn-tabbed-content")));
    waitForCockpitTables();
    assertNoErrorShown("Cockpit, ANS process instances");
    // issue 19: "Démarrée le" in French figures (02/12/2026 16:32), not Cockpit's own ISO 2026-12-02T16:32:15
    assertThat(((JavascriptExecutor) browser).executeScript(
        "return angular.element(document.body).injector().get('camDateFormat')('normal');")).isEqualTo("L LT");
    assertThat(browser.findElements(By.cssSelector("td.start-time")))
        .allSatisfy(cell -> assertThat(cell.getText().trim()).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}"));
    screenshot("07-paul-cockpit-ans-instances");

    browser.manage().deleteAllCookies();
    signInTo("admin", "admin");
    for (String page : List.of("users", "groups", "authorization?resource=0")) {
      browser.get(webapp("admin") + "#/" + page);
      waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table tbody tr")));
      assertNoErrorShown("Admin, " + page);
    }
    screenshot("08-admin-authorizations");
  }

  /**
   * The evidence page as the vendor uses it: from her "Déposer les preuves" task she follows the link to the
   * dossier's evidence page (her Tasklist sign-in opens it), sends a wrongly named archive and reads why it
   * was refused, then sends the proofs under the name the page gives and reads that the evidence is complete.
   * bruno, of another company, following the same address, is told there is no such dossier for him.
   */
  @Test
  @Order(5)
  void shouldLetTheVendorSendHerEvidenceFromTheTaskAndHideItFromAnotherCompany() throws IOException {
    ProcessInstance dossier = as("alice", () -> formService.submitStartForm(
        repositoryService.createProcessDefinitionQuery().processDefinitionKey("ans-certification").latestVersion()
            .singleResult().getId(), Candidatures.valid()));
    moveToEvidenceDeposit(dossier);
    String dossierId = dossier.getBusinessKey();
    task(dossier, "Task_DepositEvidence");

    signIn("alice");
    String[] evidence = followEvidenceLink(dossierId);
    String evidencePage = evidence[0];
    String archiveName = evidence[1];
    assertThat(archiveName).isEqualTo(evidenceDeposits.nextArchiveName(dossier.getId()));

    Path folder = Files.createTempDirectory("parcours-evidence-");
    byte[] proofs = Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json", "SEC_1.1.1.csv",
        "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes();
    Path misnamed = Files.write(folder.resolve("proofs.zip"), proofs);
    send(misnamed);
    WebElement refusal = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
    String prefix = archiveName.substring(0, archiveName.lastIndexOf('_', archiveName.lastIndexOf('_') - 1));
    assertThat(refusal.getText()).startsWith("Refusé :").contains("proofs.zip")
        .contains(prefix + "_<JJMMAA>_<NuméroEnvoi>.zip").endsWith("Rien de cette archive n’a été gardé.");
    assertThat(evidenceDeposits.nextArchiveName(dossier.getId())).as("nothing kept: still send 1")
        .isEqualTo(archiveName);
    screenshot("09-alice-evidence-misnamed-archive-refused");

    send(Files.write(folder.resolve(archiveName), proofs));
    WebElement accepted = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=status]")));
    assertThat(accepted.getText()).isEqualTo("Envoi 1 accepté : 7 fichier(s) de preuve. Preuves complètes.");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Complet : 7 preuves déposées sur 7");
    screenshot("10-alice-evidence-complete");

    browser.manage().deleteAllCookies();
    signIn("bruno");
    browser.get(evidencePage);
    String seenByBruno = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("body"))).getText();
    assertThat(seenByBruno).contains("Aucun dossier en cours " + dossierId + " que vous puissiez voir.")
        .doesNotContain("PSC_1.1.1").doesNotContain("MediSoft");
    screenshot("11-bruno-cannot-see-the-evidence");
  }

  /**
   * F18 of the third walk: the ANS reads French only, whatever the dossier's language ("(analysis time limit: …)"
   * and the clock report in English were on its form); a vendor whose dossier corresponds in English reads the
   * time limit in English too, one whose dossier is in French does not.
   */
  @Test
  @Order(6)
  void shouldShowTheTimeLimitInEnglishToAVendorOfADossierInEnglishOnlyAndNeverToTheAns() {
    Map<String, Object> english = new java.util.HashMap<>(Candidatures.valid());
    english.put("correspondenceLanguage", "EN");
    ProcessInstance inEnglish = as("alice", () -> formService.submitStartForm(repositoryService
        .createProcessDefinitionQuery().processDefinitionKey("ans-certification").latestVersion().singleResult()
        .getId(), english));
    ProcessInstance inFrench = as("alice", () -> formService.submitStartForm(repositoryService
        .createProcessDefinitionQuery().processDefinitionKey("ans-certification").latestVersion().singleResult()
        .getId(), Candidatures.valid()));
    moveToEvidenceReview(inEnglish);
    moveToEvidenceReview(inFrench);

    signIn("ana");
    openFilter("ANS — toutes les tâches");
    openTask("Examiner les preuves", inEnglish.getBusinessKey());
    String reviewId = task(inEnglish, "Task_ReviewEvidence").getId();
    String until = (String) taskService.getVariableLocal(reviewId, "dueUntil");
    waiting.until(d -> formText().contains(until));
    assertThat(formText()).as("the ANS's form of a dossier in English").contains("Délai d’analyse : " + until)
        .doesNotContain((String) taskService.getVariableLocal(reviewId, "dueUntilEn")).doesNotContain("time limit")
        .doesNotContain("Started ").doesNotContain("included");
    screenshot("12-ana-review-of-a-dossier-in-english-in-french");
    signOut();
    for (ProcessInstance dossier : List.of(inEnglish, inFrench)) {
      complete("ana", dossier, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS",
          "evidenceComment", "SEC 1.2 : les journaux d’audit manquent."));
    }

    signIn("alice");
    openFilter(VENDOR_FILTER);
    openTask("Fournir des compléments", inEnglish.getBusinessKey());
    String complementsId = task(inEnglish, "Task_ProvideComplements").getId();
    String untilEn = (String) taskService.getVariableLocal(complementsId, "dueUntilEn");
    waiting.until(d -> formText().contains(untilEn));
    assertThat(formText()).as("her form, the dossier corresponding in English")
        .contains("Délai : " + taskService.getVariableLocal(complementsId, "dueUntil") + " (time limit: " + untilEn
            + ")");
    screenshot("13-alice-complements-of-a-dossier-in-english");
    openFilter(VENDOR_FILTER);
    openTask("Fournir des compléments", inFrench.getBusinessKey());
    String frenchId = task(inFrench, "Task_ProvideComplements").getId();
    String frenchUntil = (String) taskService.getVariableLocal(frenchId, "dueUntil");
    waiting.until(d -> formText().contains(frenchUntil) && formText().contains(inFrench.getBusinessKey()));
    assertThat(formText()).as("her form, the dossier in French").contains("Délai : " + frenchUntil + " ;")
        .doesNotContain("time limit").doesNotContain((String) taskService.getVariableLocal(frenchId, "dueUntilEn"));
    screenshot("14-alice-complements-of-a-dossier-in-french");
    signOut();
  }

  // ---- what the other users do through the API ----

  /** The vendor submits, the ANS admits, the vendor signs: the dossier waits for its evidence. */
  void moveToEvidenceDeposit(ProcessInstance dossier) {
    if (historyService.createHistoricTaskInstanceQuery().processInstanceId(dossier.getId())
        .taskDefinitionKey("Task_DepositAdministrativeDossier").finished().count() == 0) {
      complete("alice", dossier, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    }
    complete("ana", dossier, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", dossier, "Task_SignConvention",
        Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    task(dossier, "Task_DepositEvidence"); // after the mail that opens the deposit
  }

  /** Up to the evidence review, the evidence deposited through the Java API; returns the clock report. */
  String moveToEvidenceReview(ProcessInstance dossier) {
    moveToEvidenceDeposit(dossier);
    identityService.setAuthentication("alice", List.of("vendor-medisoft"));
    try {
      evidenceDeposits.deposit(dossier.getId(), "alice", evidenceDeposits.nextArchiveName(dossier.getId()),
          new java.io.ByteArrayInputStream(Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png",
              "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes()));
    } finally {
      identityService.clearAuthentication();
    }
    complete("alice", dossier, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    Task review = task(dossier, "Task_ReviewEvidence");
    String clockReport = (String) taskService.getVariableLocal(review.getId(), "analysisClockReport");
    assertThat(clockReport).startsWith("Ouvert le ").contains(" inclus.").doesNotContain("Started ");
    return clockReport;
  }


  /**
   * Walk 13: a task form refused by the server kept its red notice « Le formulaire de la tâche n’a pas pu être
   * envoyé » after the reviewer corrected it and « Valider » completed the task. Once the task is done, its refusal
   * goes (scripts/parcours-forms.js).
   */
  @Test
  @Order(8)
  void shouldCloseATaskFormsRefusalOnceTheCorrectedFormCompletesTheTask() {
    ProcessInstance dossier = as("alice", () -> formService.submitStartForm(
        repositoryService.createProcessDefinitionQuery().processDefinitionKey("ans-certification").latestVersion()
            .singleResult().getId(), Candidatures.valid()));
    moveToEvidenceReview(dossier);

    signIn("ana");
    openFilter(EVIDENCE_QUEUE);
    openTask("Examiner les preuves", dossier.getBusinessKey());
    claimInTasklist();
    // complements asked without saying which: refused, the task stays open
    radio("Field_EvidenceDecision", "Compléments ou corrections nécessaires");
    pressValider();
    assertThat(waiting.until(ExpectedConditions.visibilityOfElementLocated(TASK_REFUSAL)).getText())
        .contains("doit être motivée");
    screenshot("tasklist-refusal-before-correction");

    radio("Field_EvidenceDecision", "Conformes : délivrer le certificat");
    completeInTasklist();
    waiting.until(d -> historyService.createHistoricTaskInstanceQuery().processInstanceId(dossier.getId())
        .taskDefinitionKey("Task_ReviewEvidence").finished().count() == 1);
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(TASK_REFUSAL));
    screenshot("tasklist-refusal-gone-once-completed");
  }

  static final By TASK_REFUSAL = By.xpath("//*[contains(@class,'notifications')]/*[contains(@class,'alert-danger')]"
      + "[contains(normalize-space(.),'n’a pas pu être envoyé')]");

  /** Presses « Valider » under the open task's form, which stays open when it is refused; returns the button. */
  WebElement pressValider() {
    WebElement valider = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='" + COMPLETE + "']")));
    scrollTo(valider);
    dismissBanners();
    valider.click();
    return valider;
  }

  /**
   * Walk 13: a telephone number not in the expected form greys « Démarrer » (as « Valider » under a task), and pressing
   * it did nothing, the field's sentence far above, out of sight. Beside the buttons a line names the field, a link to
   * it, until it is corrected.
   */
  @Test
  @Order(9)
  void shouldNameBesideTheGreyedButtonTheFieldThatKeepsItGreyed() {
    signIn("alice");
    openStartForm(PROCESS_NAME);
    fillValidCandidature();
    type("Field_ContactPhone", "0123");
    type("Field_ContactName", "Jean Dupont");
    WebElement start = browser.findElement(By.cssSelector(".modal-footer button[type='submit']"));
    waiting.until(d -> !start.isEnabled());
    By beside = By.cssSelector(".modal-content .parcours-fields-beside-buttons");
    WebElement line = waiting.until(ExpectedConditions.visibilityOfElementLocated(beside));
    scrollTo(start);
    assertThat(line.getText()).contains("À corriger avant d’envoyer", "« Téléphone du contact »");
    screenshot("tasklist-greyed-start-names-its-field");
    line.findElement(By.xpath(".//a[normalize-space(.)='« Téléphone du contact »']")).click();
    waiting.until(d -> browser.switchTo().activeElement().getAttribute("id").endsWith("-Field_ContactPhone"));

    type("Field_ContactPhone", "01 23 45 67 89");
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(beside));
    waiting.until(d -> start.isEnabled());
  }

  /**
   * Walk 13: « Signer la convention » pressed with its fields empty showed a corner notice « Le formulaire de la tâche
   * n’a pas pu être envoyé » and no reason (the start form's notice names its fields); and « A » signed the convention.
   * The notice now names the fields to correct, each a link; « A » is refused under the field, beside « Valider ».
   */
  @Test
  @Order(10)
  void shouldNameTheFieldsOfARefusedTaskFormAndRefuseAOneLetterSignatory() {
    ProcessInstance dossier = as("alice", () -> formService.submitStartForm(
        repositoryService.createProcessDefinitionQuery().processDefinitionKey("ans-certification").latestVersion()
            .singleResult().getId(), Candidatures.valid()));
    complete("alice", dossier, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", dossier, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    task(dossier, "Task_SignConvention");

    signIn("alice");
    openFilter(VENDOR_FILTER);
    openTask("Signer la convention", dossier.getBusinessKey());
    claimInTasklist();
    WebElement valider = pressValider();
    WebElement notice = waiting.until(ExpectedConditions.visibilityOfElementLocated(TASK_REFUSAL));
    waiting.until(d -> notice.getText().contains("Corrigez ces champs du formulaire"));
    assertThat(notice.getText()).contains("« Nom du signataire » : Ce champ est obligatoire.",
        "« Je signe la convention au nom de MediSoft SAS » : Ce champ est obligatoire.");
    screenshot("tasklist-task-refusal-names-its-fields");
    notice.findElement(By.xpath(".//a[normalize-space(.)='« Nom du signataire »']")).click();
    waiting.until(d -> browser.switchTo().activeElement().getAttribute("id").endsWith("-Field_SignatoryName"));

    setCheckbox("Field_ConventionSigned", true);
    type("Field_SignatoryName", "A");
    By beside = By.cssSelector(".form-pane .parcours-fields-beside-buttons");
    waiting.until(d -> d.findElement(beside).getText()
        .contains("« Nom du signataire » : Ce n’est pas la forme attendue"));
    assertThat(fieldBox("Field_SignatoryName").getText()).contains("Prénom et nom", "« Alice Martin »");
    waiting.until(d -> !valider.isEnabled());
    screenshot("tasklist-one-letter-signatory-refused");

    type("Field_SignatoryName", "Alice Martin");
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(beside));
    // every field corrected: the corner notice, which lay over « Valider », has gone
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(TASK_REFUSAL));
    completeInTasklist();
    waiting.until(d -> historyService.createHistoricTaskInstanceQuery().processInstanceId(dossier.getId())
        .taskDefinitionKey("Task_SignConvention").finished().count() == 1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(dossier.getId())
        .variableName("signatoryName").singleResult().getValue()).isEqualTo("Alice Martin");
  }

  /**
   * Walk 7: right after « Démarrer » the vendor's list read « Aucune tâche » until she reloaded it: Tasklist reloads
   * it as soon as the start answers (her filters refresh themselves), but the first task came a moment later, after
   * the mail step, and Tasklist looks again only 10 s after. Now the start answers once that task is there: listed by
   * the very next call, as Tasklist's reload lists it. And every filter she reads has Tasklist's auto-refresh on.
   */
  @Test
  @Order(7)
  void shouldAnswerAStartOnceItsFirstTaskIsListedInFiltersThatRefreshThemselves() throws Exception {
    org.springframework.http.HttpHeaders alice = new org.springframework.http.HttpHeaders();
    alice.setBasicAuth("alice", "alice");
    alice.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (int start = 0; start < 2; start++) {
      org.springframework.http.ResponseEntity<String> started = rest.exchange(
          "/engine-rest/process-definition/key/ans-certification/submit-form", org.springframework.http.HttpMethod.POST,
          new org.springframework.http.HttpEntity<>(Map.of("variables",
              fr.parcours.support.Candidatures.asTasklistSendsThem(fr.parcours.support.Candidatures.valid())), alice),
          String.class);
      assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
      String instance = json.readTree(started.getBody()).get("id").asText();
      org.springframework.http.ResponseEntity<String> listed = rest.exchange("/engine-rest/task?processInstanceId="
          + instance + "&maxResults=15", org.springframework.http.HttpMethod.GET,
          new org.springframework.http.HttpEntity<>(alice), String.class);
      assertThat(json.readTree(listed.getBody())).as("start " + start + ": her first task, listed at once")
          .extracting(t -> t.get("taskDefinitionKey").asText()).containsExactly("Task_DepositAdministrativeDossier");
    }
    com.fasterxml.jackson.databind.JsonNode filters = json.readTree(rest.exchange(
        "/engine-rest/filter?resourceType=Task&firstResult=0&maxResults=50", org.springframework.http.HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(alice), String.class).getBody());
    assertThat(filters.isArray()).as(filters.toString()).isTrue();
    assertThat(filters).extracting(f -> f.get("name").asText()).contains(VENDOR_FILTER, "Mes tâches");
    assertThat(filters).allSatisfy(f -> assertThat(f.path("properties").path("refresh").asBoolean())
        .as(f.toString()).isTrue());
  }

  /**
   * A user whose browser puts English first reads Tasklist in English (Camunda's own strings); every other
   * browser, French. Tasklist offers no language choice: it takes the browser's first language.
   */
  @Test
  @Order(50)
  void shouldShowTasklistInEnglishToABrowserSetToEnglish() {
    ChromeDriver chrome = (ChromeDriver) browser;
    String agent = (String) chrome.executeScript("return navigator.userAgent;");
    chrome.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", agent, "acceptLanguage", "en-GB"));
    try {
      signIn("alice");
      openFilter(VENDOR_FILTER);
      assertThat(visibleControls("Start process", START_PROCESS)).containsExactly("Start process");
      assertThat(visibleTaskListText()).contains("Created").doesNotContain("Créée");
      screenshot("10-alice-reads-english");
    } finally {
      chrome.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", agent, "acceptLanguage", "fr-FR"));
    }
    // the language is read when the page loads: a new page, not the same one at another address
    signOut();
    browser.get("about:blank");
    signIn("alice");
    assertThat(visibleControls("Start process", START_PROCESS)).containsExactly(START_PROCESS);
  }

  /** The link to the dossier's task in the plain text of the first mail with that subject, once it has arrived. */
  String mailLink(String subjectPart, String dossierId) {
    try {
      for (jakarta.mail.internet.MimeMessage mail : MAIL.getReceivedMessages()) {
        if (mail.getSubject().contains(subjectPart) && mail.getSubject().contains(dossierId)) {
          java.util.regex.Matcher link = java.util.regex.Pattern.compile("http\\S+/dossiers/" + dossierId + "/tache(/[a-z-]+)?")
              .matcher(fr.parcours.support.ProcessTestBase.text(mail));
          return link.find() ? link.group() : null;
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
