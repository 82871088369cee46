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
 * The ANS track as people see it in Tasklist, in a real (headless) Chromium: a vendor applies through the
 * start form, finds the next task in her company's filter, another vendor company sees none of it, and the
 * ANS reviewer finds the dossier in the evidence queue with its analysis clock. The steps between the
 * candidature and the evidence review are taken through the Java API, as the users would.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; without them the test is skipped, or fails
 * on CI. Screenshots of each step go to {@code target/screenshots/}.
 */
// its own application context (the property makes it distinct), so its queue holds only its own dossiers
// the job executor runs, as in the application: the notification steps go out to a real SMTP server
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser", "camunda.bpm.job-execution.enabled=true"})
@ActiveProfiles({"test", "demo"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TasklistBrowserTest {

  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(20);

  static final String PROCESS_NAME = "ANS certification of conformity";
  static final String VENDOR_FILTER = "My company's tasks";
  static final String EVIDENCE_QUEUE = "ANS — evidence queue (order of receipt)";

  static WebDriver browser;
  static Path profileDirectory;

  @LocalServerPort int port;
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired EvidenceDeposits evidenceDeposits;

  WebDriverWait waiting;

  /** On failure, what the browser showed: a screenshot and the page's HTML. */
  @RegisterExtension
  static final TestWatcher FAILURE_EVIDENCE = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser == null) {
        return;
      }
      String name = "failed-" + context.getRequiredTestMethod().getName();
      try {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource());
      } catch (IOException | RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  };

  @BeforeAll
  static void openBrowser() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing = "The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
        + ": install them with `apt-get install -y chromium chromium-driver`.";
    if (!installed && "true".equals(System.getenv("CI"))) {
      Assertions.fail(missing);
    }
    Assumptions.assumeTrue(installed, missing);

    // Selenium Manager must not look for (or download) a driver or a browser
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    profileDirectory = Files.createTempDirectory("parcours-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1600,1200", "--user-data-dir=" + profileDirectory);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void closeBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profileDirectory != null) {
      try (Stream<Path> files = Files.walk(profileDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @BeforeEach
  void startSignedOut() {
    org.camunda.bpm.engine.impl.util.ClockUtil.reset(); // real time, whatever a test before left
    waiting = new WebDriverWait(browser, WAIT);
    browser.manage().deleteAllCookies();
    browser.get("about:blank"); // the next page is a fresh load of Tasklist: no modal or state left over
  }

  @AfterEach
  void forgetUser() {
    identityService.clearAuthentication();
  }

  // ---- the journeys ----

  @Test
  @Order(1)
  void shouldLetAVendorApplyAndShowTheDossierToHerCompanyOnlyThenToTheAnsQueue() {
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ans-certification")
        .count();

    // alice applies through the start form
    signIn("alice");
    openStartForm();
    fillValidCandidature();
    screenshot("01-candidature-filled");
    startProcess();
    waiting.until(d -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("ans-certification").count() == before + 1);
    ProcessInstance dossier = runtimeService.createProcessInstanceQuery().processDefinitionKey("ans-certification")
        .orderByProcessInstanceId().desc().list().stream()
        .filter(pi -> "alice".equals(runtimeService.getVariable(pi.getId(), "applicant")))
        .findFirst().orElseThrow();
    String dossierId = dossier.getBusinessKey();
    assertThat(dossierId).matches("DMN-\\d{4}-[2-9A-HJ-NP-Z]{5}");
    assertThat(runtimeService.getVariables(dossier.getId())).containsEntry("siren", "552100554")
        .containsEntry("softwareName", "CardioWatch").containsEntry("deviceClass", "IIA")
        .containsEntry("ceMarked", true).containsEntry("hasConvergenceAccount", true)
        .containsEntry("contactEmail", "jean.dupont@medisoft.example");

    // she finds the next task in her company's filter, with the dossier number on its card
    openFilter(VENDOR_FILTER);
    WebElement card = taskCard("Deposit administrative dossier", dossierId);
    assertThat(card.getText()).contains("Dossier:").contains("Company:").contains("MediSoft SAS");
    screenshot("02-alice-company-tasks");

    // she opens it and submits the administrative dossier to the ANS from the form
    openTask("Deposit administrative dossier", dossierId);
    claimInTasklist();
    radio("Field_DepositAction", "Submit the administrative dossier to the ANS");
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
          .doesNotContain("Deposit administrative dossier");
    }
    openFilter(VENDOR_FILTER);
    screenshot("03-bruno-sees-no-task-of-the-dossier");
    assertThat(as("bruno", () -> taskService.createTaskQuery().processInstanceId(dossier.getId()).count()))
        .as("tasks of alice's dossier that bruno may read").isZero();
    signOut();

    // the dossier moves on to the ANS evidence queue, as alice and ana would move it
    String clockReport = moveToEvidenceReview(dossier);

    // ana finds it in the evidence queue and opens it: the form shows the analysis clock
    signIn("ana");
    openFilter(EVIDENCE_QUEUE);
    // the only dossier in the queue; its card should show the dossier number too: see
    // shouldShowTheDossierNumberOnTheCardsOfTheAnsQueue
    openTask("Review evidence", "ANS certification of conformity");
    WebElement form = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form')]//*[contains(normalize-space(.),'Analysis clock')]")));
    waiting.until(d -> formText().contains(firstLine(clockReport)));
    assertThat(formText()).contains("Dossier " + dossierId).contains(firstLine(clockReport));
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed))
        .as("no Camunda 8 migration banner for Parcours users").isTrue();
    screenshot("04-ana-review-evidence-with-analysis-clock");
    assertThat(form.isDisplayed()).isTrue();

    // she claims it and works it: the evidence conforms, the certificate is issued
    claimInTasklist();
    radio("Field_EvidenceDecision", "Conforms: issue the certificate");
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
    openStartForm();
    fillValidCandidature();
    setCheckbox("Field_CeMarked", false);
    startProcess();

    WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'alert-danger') or contains(@class,'alert-error')]"
            + "[contains(normalize-space(.),'CE marked')]")));
    assertThat(error.getText()).contains("The candidature cannot be accepted")
        .contains("The device must be CE marked").doesNotContain("Cannot instantiate process definition");
    scrollTo(error);
    screenshot("05-candidature-without-ce-marking-refused", false);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ans-certification")
        .count()).as("no dossier is created").isEqualTo(before);
    browser.findElement(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Close']"))
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

    WebElement card = taskCard("Review evidence", dossier.getBusinessKey());
    assertThat(card.getText()).contains("Dossier:").contains("MediSoft SAS");
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
   * The evidence page as the vendor uses it: from her "Deposit evidence" task she follows the link to the
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
    openFilter(VENDOR_FILTER);
    openTask("Deposit evidence", dossierId);
    WebElement link = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'fjs-form')]//a[normalize-space(.)='evidence page of the dossier']")));
    String evidencePage = link.getAttribute("href");
    assertThat(evidencePage).endsWith("/evidence/" + dossierId);
    browser.get(evidencePage);
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//h1[normalize-space(.)='Evidence of dossier " + dossierId + "']")));
    String archiveName = browser.findElement(By.xpath("//h2[.='Send an archive']/following-sibling::p[1]/code[1]"))
        .getText();
    assertThat(archiveName).isEqualTo(evidenceDeposits.nextArchiveName(dossier.getId()));

    Path folder = Files.createTempDirectory("parcours-evidence-");
    byte[] proofs = Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json", "SEC_1.1.1.csv",
        "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes();
    Path misnamed = Files.write(folder.resolve("proofs.zip"), proofs);
    send(misnamed);
    WebElement refusal = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
    String prefix = archiveName.substring(0, archiveName.lastIndexOf('_', archiveName.lastIndexOf('_') - 1));
    assertThat(refusal.getText()).startsWith("Refused:").contains("proofs.zip")
        .contains(prefix + "_<DDMMYY>_<sendNumber>.zip").endsWith("Nothing of this archive was kept.");
    assertThat(evidenceDeposits.nextArchiveName(dossier.getId())).as("nothing kept: still send 1")
        .isEqualTo(archiveName);
    screenshot("09-alice-evidence-misnamed-archive-refused");

    send(Files.write(folder.resolve(archiveName), proofs));
    WebElement accepted = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=status]")));
    assertThat(accepted.getText()).isEqualTo("Send 1 accepted: 7 proof file(s). Evidence complete.");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Complete: 7 of 7 proofs deposited");
    screenshot("10-alice-evidence-complete");

    browser.manage().deleteAllCookies();
    signIn("bruno");
    browser.get(evidencePage);
    String seenByBruno = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("body"))).getText();
    assertThat(seenByBruno).contains("No running dossier " + dossierId + " that you can see.")
        .doesNotContain("PSC_1.1.1").doesNotContain("MediSoft");
    screenshot("11-bruno-cannot-see-the-evidence");
  }

  void send(Path archive) {
    WebElement file = waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=file]")));
    file.sendKeys(archive.toAbsolutePath().toString());
    browser.findElement(By.xpath("//button[normalize-space(.)='Send']")).click();
  }

  // ---- what a user does in Tasklist ----

  String tasklist() {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  void signIn(String user) {
    browser.get(tasklist() + "#/login");
    WebElement name = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
    name.clear();
    name.sendKeys(user);
    WebElement password = browser.findElement(By.cssSelector("form[name='signinForm'] input[type='password']"));
    password.clear();
    password.sendKeys(user); // demo users: password = login
    browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.account .dropdown-toggle")));
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));
    dismissBanners();
  }

  String webapp(String app) {
    return "http://localhost:" + port + "/camunda/app/" + app + "/default/";
  }

  /** Signs in on the login page of Cockpit or Admin (Tasklist: {@link #signIn}). */
  void signInTo(String app, String user) {
    browser.get(webapp(app) + "#/login");
    WebElement name = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
    name.sendKeys(user);
    browser.findElement(By.cssSelector("form[name='signinForm'] input[type='password']")).sendKeys(user);
    browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.account .dropdown-toggle")));
    dismissBanners();
  }

  void waitForCockpitTables() {
    waiting.until(d -> d.findElements(By.cssSelector("table tbody tr, .no-results, .loader-state"))
        .stream().anyMatch(WebElement::isDisplayed));
  }

  /** No red notification: a refused query (e.g. over the result limit) shows up there. */
  void assertNoErrorShown(String where) {
    assertThat(browser.findElements(By.cssSelector(".alert-danger, .alert-error")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).toList()).as(where).isEmpty();
  }

  void signOut() {
    WebElement account = waiting.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("li.account .dropdown-toggle")));
    account.click();
    waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account li.logout a"))).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
  }

  /** Closes the Camunda 8 and welcome notices when they cover the page. */
  void dismissBanners() {
    for (WebElement close : browser.findElements(By.cssSelector(
        ".notifications-panel .alert button.close, .alert-info button.close"))) {
      try {
        if (close.isDisplayed()) {
          close.click();
        }
      } catch (StaleElementReferenceException | ElementClickInterceptedException gone) {
        // the notice went away by itself meanwhile
      }
    }
  }

  void openStartForm() {
    waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a"))).click();
    WebElement process = waiting.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'modal-content')]//ul[contains(@class,'processes')]//a[normalize-space(.)='"
            + PROCESS_NAME + "']")));
    process.click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(field("Field_Siren")));
  }

  void fillValidCandidature() {
    setCheckbox("Field_CeMarked", true);
    choose("Field_DeviceClass", "Class IIa");
    setCheckbox("Field_HasConvergenceAccount", true);
    type("Field_CompanyName", "MediSoft SAS");
    type("Field_LegalForm", "SAS");
    type("Field_HeadOffice", "12 rue de la Santé, 75013 Paris");
    type("Field_Siren", "552100554");
    choose("Field_RepresentativeCivility", "Ms");
    type("Field_RepresentativeName", "Alice Martin");
    type("Field_RepresentativeRole", "Présidente");
    radio("Field_ApplicantKind", "Single device operator");
    type("Field_LegalRepName", "Alice Martin");
    type("Field_LegalRepEmail", "alice.martin@medisoft.example");
    type("Field_LegalRepPhone", "+33 1 23 45 67 89");
    type("Field_ContactName", "Jean Dupont");
    type("Field_ContactEmail", "jean.dupont@medisoft.example");
    type("Field_ContactPhone", "01 23 45 67 89");
    type("Field_SoftwareName", "CardioWatch");
    type("Field_SoftwareVersion", "2.1");
    date("Field_PlannedEvidenceDate", "03/01/2027");
    checklist("Field_SoftwareProfiles", "Base requirements (every device)", true);
    for (String document : List.of("Field_DocFunctional", "Field_DocPersonalData", "Field_DocHealthDataHosting",
        "Field_DocCeDeclaration", "Field_DocNotifiedBody")) {
      setCheckbox(document, true);
    }
  }

  void startProcess() {
    WebElement start = waiting.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(".modal-footer button[type='submit']")));
    start.click();
  }

  void openFilter(String name) {
    By filter = By.xpath("//*[contains(@class,'task-filters')]//div[contains(@class,'task-filter')]"
        + "[.//h4[contains(@class,'name')]/a[starts-with(normalize-space(.),\"" + name + "\")]]");
    waiting.until(ExpectedConditions.elementToBeClickable(filter)).click();
    waiting.until(d -> d.findElement(filter).getAttribute("class").contains("active"));
    waitForTaskList();
  }

  List<String> filterNames() {
    return browser.findElements(By.cssSelector(".task-filters .task-filter h4.name a")).stream()
        .map(a -> (String) ((JavascriptExecutor) browser).executeScript(
            "return arguments[0].firstChild.textContent.trim();", a))
        .toList();
  }

  /** Waits until the task list of the focused filter has loaded (empty or not). */
  void waitForTaskList() {
    waiting.until(d -> d.findElements(By.cssSelector("[cam-tasks] .well, [cam-tasks] li.task")).stream()
        .anyMatch(WebElement::isDisplayed));
  }

  String visibleTaskListText() {
    return browser.findElements(By.cssSelector("[cam-tasks]")).stream().filter(WebElement::isDisplayed)
        .map(WebElement::getText).reduce("", String::concat);
  }

  WebElement taskCard(String taskName, String dossierId) {
    By card = By.xpath("//*[@cam-tasks]//li[contains(@class,'task')]"
        + "[contains(normalize-space(.),'" + taskName + "')][contains(normalize-space(.),'" + dossierId + "')]");
    return waiting.until(ExpectedConditions.visibilityOfElementLocated(card));
  }

  /** Opens a task from its card; the filter may redraw its list meanwhile (it refreshes itself). */
  void openTask(String taskName, String dossierId) {
    waiting.ignoring(StaleElementReferenceException.class).until(d -> {
      taskCard(taskName, dossierId).findElement(By.cssSelector("a")).click();
      return true;
    });
  }

  String formText() {
    return browser.findElements(By.cssSelector(".fjs-form")).stream().filter(WebElement::isDisplayed)
        .map(WebElement::getText).reduce("", String::concat);
  }

  // ---- form-js fields, found by their field id (inputs are fjs-form-<form>-<field id>) ----

  static By field(String fieldId) {
    return By.cssSelector("[id^='fjs-form-'][id$='-" + fieldId + "']");
  }

  /** The box of a field: label, input(s), description (radio and checklist inputs end in -0, -1...). */
  WebElement fieldBox(String fieldId) {
    WebElement input = waiting.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[id^='fjs-form-'][id*='-" + fieldId + "']")));
    return input.findElement(By.xpath("./ancestor::div[contains(@class,'fjs-form-field')][1]"));
  }

  void type(String fieldId, String value) {
    WebElement input = waiting.until(ExpectedConditions.elementToBeClickable(field(fieldId)));
    input.clear();
    input.sendKeys(value);
  }

  void setCheckbox(String fieldId, boolean ticked) {
    WebElement box = waiting.until(ExpectedConditions.presenceOfElementLocated(field(fieldId)));
    if (box.isSelected() != ticked) {
      scrollTo(box);
      box.click();
    }
    waiting.until(d -> d.findElement(field(fieldId)).isSelected() == ticked);
  }

  void choose(String fieldId, String optionLabel) {
    WebElement box = fieldBox(fieldId);
    scrollTo(box);
    box.findElement(By.cssSelector(".fjs-select-display, .fjs-input-group")).click();
    WebElement option = waiting.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + optionLabel + "']")));
    option.click();
    waiting.until(d -> fieldBox(fieldId).getText().contains(optionLabel));
  }

  /** Takes the open task (Tasklist's Claim): its form is read-only until then. */
  void claimInTasklist() {
    WebElement claim = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
    claim.click();
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    waiting.until(d -> d.findElements(By.cssSelector(".disabled-form")).isEmpty());
  }

  /** Clicks Tasklist's Complete button under the open task's form and waits for the form to go. */
  void completeInTasklist() {
    WebElement complete = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='Complete']")));
    scrollTo(complete);
    dismissBanners();
    // a notice ("task claimed") may still cover the button's corner for a moment: click once it has gone
    waiting.ignoring(ElementClickInterceptedException.class).until(d -> {
      complete.click();
      return true;
    });
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//button[normalize-space(.)='Complete']")));
  }

  void radio(String fieldId, String optionLabel) {
    WebElement option = fieldBox(fieldId).findElement(By.xpath(
        ".//label[normalize-space(.)='" + optionLabel + "']/input"));
    scrollTo(option);
    option.click();
    waiting.until(d -> option.isSelected());
  }

  void checklist(String fieldId, String optionLabel, boolean ticked) {
    WebElement box = fieldBox(fieldId).findElement(By.xpath(
        ".//label[normalize-space(.)='" + optionLabel + "']/input"));
    if (box.isSelected() != ticked) {
      scrollTo(box);
      box.click();
    }
    waiting.until(d -> box.isSelected() == ticked);
  }

  void date(String fieldId, String monthDayYear) {
    WebElement input = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
        "input[id^='fjs-form-'][id$='-" + fieldId + "-date']")));
    scrollTo(input);
    input.click();
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), monthDayYear, Keys.ENTER);
    input.sendKeys(Keys.TAB);
  }

  void scrollTo(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  /** Saves what the user sees; the window grows for the shot so that a whole form or list is on it. */
  void screenshot(String name) {
    screenshot(name, true);
  }

  void screenshot(String name, boolean wholePage) {
    Dimension usual = browser.manage().window().getSize();
    long height = (Long) ((JavascriptExecutor) browser).executeScript(
        "var h = document.documentElement.scrollHeight;"
            + "document.querySelectorAll('.modal-dialog').forEach(function (m) {"
            + "  h = Math.max(h, m.scrollHeight + 120); });"
            + "return Math.min(h, 8000);");
    if (wholePage && height > usual.getHeight()) {
      browser.manage().window().setSize(new Dimension(usual.getWidth(), (int) height));
    }
    try {
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("Could not save screenshot " + name, e);
    } finally {
      browser.manage().window().setSize(usual);
    }
  }

  static String firstLine(String text) {
    int end = text.indexOf('.');
    return end < 0 ? text : text.substring(0, end);
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
    assertThat(clockReport).startsWith("Started ");
    return clockReport;
  }

  /** The open task, once the job executor has run the notification steps before it (up to 20 s). */
  Task task(ProcessInstance instance, String taskKey) {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    Task task = null;
    while (task == null && System.currentTimeMillis() < deadline) {
      task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey)
          .singleResult();
      if (task == null) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    assertThat(task).as("open task %s", taskKey).isNotNull();
    return task;
  }

  void complete(String user, ProcessInstance instance, String taskKey, Map<String, Object> variables) {
    Task task = task(instance, taskKey);
    as(user, () -> {
      formService.submitTaskForm(task.getId(), variables);
      return null;
    });
  }

  <T> T as(String user, Supplier<T> action) {
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    identityService.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
