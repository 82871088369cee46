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
import fr.parcours.support.TestMailServer;
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
import org.openqa.selenium.TimeoutException;
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
 * What every browser walk shares: a real (headless) Chromium driven by Selenium, signed in as the demo users,
 * and the steps a person takes in Tasklist (filters, task cards, Claim, form-js fields, Complete), Cockpit and
 * Admin. A pathway's walk extends it with its own journeys, in its own application context.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; without them the walks are skipped, or fail
 * on CI. Screenshots of each step go to {@code target/screenshots/}; on a failure, the page and its HTML too.
 */
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@org.junit.jupiter.api.extension.ExtendWith(WalkProfile.class)
@ActiveProfiles({"test", "demo"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrowserTestBase {

  /**
   * The planned date of the complete evidence a valid candidature gives, typed month first: three months from today,
   * since the start refuses a date past or beyond the window of a dossier without movement.
   */
  protected static final java.time.LocalDate PLANNED_EVIDENCE_DATE =
      java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusMonths(3);

  /**
   * Chromium's headless shell (Debian's {@code chromium-headless-shell}): the same Blink and V8 as the browser, without
   * the browser's own windows. A walk costs about half the processor time it costs in {@code chromium --headless=new}
   * (the brand-name walk, whole build included: 68 s against 100 s, side by side), and the walks are most of a build.
   * The program itself, not Debian's {@code /usr/bin} script that starts it: ChromeDriver stops the process it
   * started, and a script's child outlived it (hundreds of browsers left after a run, each test class waiting 20 s
   * for their output to end).
   */
  static final Path HEADLESS_SHELL = Paths.get("/usr/lib/chromium/chromium-headless-shell");
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(20);
  /**
   * How often a wait looks again: Selenium's default, half a second, left a walk idle a quarter of a second on
   * average at each of its hundreds of waits (the page had answered, the test had not looked yet).
   */
  static final Duration LOOK_AGAIN = Duration.ofMillis(100);

  static final String VENDOR_FILTER = "Tâches de mon entreprise";
  /** Tasklist's button under a task form, in French (the browser's language here). */
  static final String COMPLETE = "Valider";
  static final String CLAIM = "Prendre en charge";

  static WebDriver browser;
  static Path profileDirectory;

  @LocalServerPort int port;
  @RegisterExtension
  static final TestMailServer MAIL = new TestMailServer(TestSmtp.SMTP);

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired EvidenceDeposits evidenceDeposits;

  WebDriverWait waiting;
  /** The signed-in user reads French (the browser's first language); a walk in English sets it false. */
  boolean frenchUser = true;

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
    boolean installed = Files.isExecutable(browserBinary()) && Files.isExecutable(CHROMEDRIVER);
    String missing = "The browser tests need " + HEADLESS_SHELL + " (or " + CHROMIUM + ") and " + CHROMEDRIVER
        + ": install them with `apt-get install -y chromium-headless-shell chromium-driver`.";
    if (!installed && "true".equals(System.getenv("CI"))) {
      Assertions.fail(missing);
    }
    Assumptions.assumeTrue(installed, missing);

    // Selenium Manager must not look for (or download) a driver or a browser
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    profileDirectory = Files.createTempDirectory("parcours-chromium-");
    // a French user's browser: the webapps take its first language
    browser = chromium(profileDirectory, "fr-FR", "fr-FR,fr");
    Files.createDirectories(SCREENSHOTS);
  }

  /** A wait on this browser that looks again every {@link #LOOK_AGAIN}. */
  static WebDriverWait waitOn(WebDriver browser, Duration timeout) {
    return new WebDriverWait(browser, timeout, LOOK_AGAIN);
  }

  /**
   * The browser the walks drive: {@code -Dbrowser.binary} if given, else the headless shell when it is installed,
   * else the whole Chromium in its headless mode.
   */
  static Path browserBinary() {
    String chosen = System.getProperty("browser.binary");
    if (chosen != null) {
      return Paths.get(chosen);
    }
    return Files.isExecutable(HEADLESS_SHELL) ? HEADLESS_SHELL : CHROMIUM;
  }

  /** A headless Chromium whose user speaks these languages, first one first. */
  static WebDriver chromium(Path profile, String language, String acceptedLanguages) {
    ChromeOptions options = new ChromeOptions();
    Path binary = browserBinary();
    options.setBinary(binary.toFile());
    if (binary.getFileName().toString().contains("headless-shell")) {
      // the shell reads its languages from this switch, not from the profile's preferences; and given a profile
      // folder of ours it opens no page for ChromeDriver ("unable to discover open pages"): ChromeDriver then makes
      // and removes a profile of its own
      options.addArguments("--accept-lang=" + acceptedLanguages);
    } else {
      options.addArguments("--headless=new", "--user-data-dir=" + profile);
    }
    options.addArguments("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1600,1200", "--lang=" + language);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptedLanguages));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void closeBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    deleteProfile(profileDirectory);
  }

  /** Removes a browser's profile folder once the browser has quit. */
  static void deleteProfile(Path profile) throws IOException {
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @BeforeEach
  void startSignedOut() {
    org.camunda.bpm.engine.impl.util.ClockUtil.reset(); // real time, whatever a test before left
    waiting = waitOn(browser, WAIT);
    // Tasklist and Cockpit redraw lists while a wait reads them: an element found a moment ago may be gone;
    // every wait then looks again rather than fail
    waiting.ignoring(StaleElementReferenceException.class);
    browser.manage().deleteAllCookies();
    browser.get("about:blank"); // the next page is a fresh load of Tasklist: no modal or state left over
  }

  @AfterEach
  void forgetUser() {
    identityService.clearAuthentication();
  }

  /**
   * From the vendor's open "Déposer les preuves" task, follows the link of its form to the evidence page of the
   * dossier; returns the address and the archive name the page asks for.
   */
  String[] followEvidenceLink(String dossierId) {
    openFilter(VENDOR_FILTER);
    openTask("Déposer les preuves", dossierId);
    WebElement link = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'fjs-form')]//a[normalize-space(.)='page des preuves du dossier']")));
    String evidencePage = link.getAttribute("href");
    assertThat(evidencePage).endsWith("/evidence/" + dossierId);
    browser.get(evidencePage);
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//h1[normalize-space(.)='Preuves du dossier " + dossierId + "']")));
    String archiveName = browser.findElement(By.xpath("//h2[.='Envoyer une archive']/following-sibling::p[1]/code[1]"))
        .getText();
    return new String[] {evidencePage, archiveName};
  }

  /**
   * One step as its user takes it: from the filter where the group looks, the task card of the dossier
   * (once the job executor has put the task there), Claim, the form filled, a screenshot, Complete.
   */
  void work(String filter, ProcessInstance dossier, String taskKey, String taskName, String shot, Runnable fill) {
    task(dossier, taskKey);
    openFilter(filter);
    openTask(taskName, dossier.getBusinessKey());
    claimInTasklist();
    fill.run();
    screenshot(shot);
    completeInTasklist();
  }

  void send(Path archive) {
    WebElement file = waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=file]")));
    file.sendKeys(archive.toAbsolutePath().toString());
    browser.findElement(By.xpath("//button[normalize-space(.)='Envoyer']")).click();
  }

  // ---- what a user does in Tasklist ----

  String tasklist() {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  void signIn(String user) {
    browser.get(tasklist() + "#/login");
    // the login form may draw itself again while it is filled in (seen under load: the name typed twice, the
    // password gone): fill it and send it again until Tasklist shows the signed-in user
    WebDriverWait signedIn = waitOn(browser, Duration.ofSeconds(8));
    for (int attempt = 1; ; attempt++) {
      WebElement name = waiting.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
      name.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      name.sendKeys(user);
      WebElement password = browser.findElement(By.cssSelector("form[name='signinForm'] input[type='password']"));
      password.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      password.sendKeys(user); // demo users: password = login
      browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
      try {
        (attempt == 3 ? waiting : signedIn).until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("li.account .dropdown-toggle")));
        break;
      } catch (TimeoutException notYet) {
        if (attempt == 3) {
          throw notYet;
        }
      }
    }
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
    List<String> shown = null;
    for (int look = 0; shown == null; look++) {
      try {
        shown = browser.findElements(By.cssSelector(".alert-danger, .alert-error")).stream()
            .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
      } catch (StaleElementReferenceException redrawn) {
        assertThat(look).as("%s: the page kept redrawing its notifications", where).isLessThan(5);
      }
    }
    assertThat(shown).as(where).isEmpty();
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

  void openStartForm(String processName) {
    openStartForm(processName, "Field_Siren");
  }

  /** Opens the start form of a process from Tasklist's "Démarrer un processus", once it shows that field. */
  void openStartForm(String processName, String fieldShown) {
    waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a"))).click();
    By process = By.xpath("//div[contains(@class,'modal-content')]//ul[contains(@class,'processes')]"
        + "//a[normalize-space(.)='" + processName + "']");
    // Tasklist may draw the list of processes again just after showing it, and a click on the first drawing is
    // lost (seen on a loaded machine: the link highlighted, no form): click again while the link is still there
    WebDriverWait formShown = waitOn(browser, Duration.ofSeconds(8));
    for (int click = 1; ; click++) {
      try {
        waiting.until(ExpectedConditions.elementToBeClickable(process)).click();
      } catch (ElementClickInterceptedException | StaleElementReferenceException redrawn) {
        // the list moved under the pointer while Tasklist drew it again: a person clicks again, once it is still
        if (click == 3) {
          throw redrawn;
        }
        continue;
      }
      try {
        formShown.until(ExpectedConditions.visibilityOfElementLocated(field(fieldShown)));
        return;
      } catch (TimeoutException notYet) {
        if (click == 3 || browser.findElements(process).isEmpty()) {
          waiting.until(ExpectedConditions.visibilityOfElementLocated(field(fieldShown)));
          return;
        }
      }
    }
  }

  void fillValidCandidature() {
    setCheckbox("Field_CeMarked", true);
    choose("Field_DeviceClass", "Classe IIa");
    setCheckbox("Field_HasConvergenceAccount", true);
    // as a person may: typed over what Tasklist shows, by selecting it and typing (form-js hears each key; a
    // WebDriver clear() it does not, and it would draw its own value back in front of the typing)
    WebElement company = waiting.until(ExpectedConditions.elementToBeClickable(field("Field_CompanyName")));
    waiting.until(d -> {
      company.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      company.sendKeys("MediSoft SAS");
      return "MediSoft SAS".equals(company.getAttribute("value"));
    });
    type("Field_LegalForm", "SAS");
    type("Field_HeadOffice", "12 rue de la Santé, 75013 Paris");
    type("Field_Siren", "552100554");
    choose("Field_RepresentativeCivility", "Mme");
    type("Field_RepresentativeName", "Alice Martin");
    type("Field_RepresentativeRole", "Présidente");
    radio("Field_ApplicantKind", "Exploitant unique du dispositif");
    type("Field_LegalRepName", "Alice Martin");
    type("Field_LegalRepEmail", "alice.martin@medisoft.example");
    type("Field_LegalRepPhone", "+33 1 23 45 67 89");
    type("Field_ContactName", "Jean Dupont");
    type("Field_ContactEmail", "jean.dupont@medisoft.example");
    type("Field_ContactPhone", "01 23 45 67 89");
    type("Field_SoftwareName", "CardioWatch");
    type("Field_SoftwareVersion", "2.1");
    date("Field_PlannedEvidenceDate", PLANNED_EVIDENCE_DATE.format(java.time.format.DateTimeFormatter.ofPattern(
        "MM/dd/yyyy")));
    checklist("Field_SoftwareProfiles", "Exigences de base (tout dispositif)", true);
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

  /** Takes the open task (Tasklist's Claim, "Prendre en charge"): its form is read-only until then. */
  void claimInTasklist() {
    WebElement claim = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
    assertThat(claim.getText().trim()).isEqualTo(CLAIM);
    claim.click();
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    waiting.until(d -> d.findElements(By.cssSelector(".disabled-form")).isEmpty());
  }

  /** Clicks Tasklist's Complete button ("Valider") under the open task's form and waits for the form to go. */
  void completeInTasklist() {
    WebElement complete = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='" + COMPLETE + "']")));
    scrollTo(complete);
    dismissBanners();
    // a notice ("task claimed") may still cover the button's corner for a moment: click once it has gone
    waiting.ignoring(ElementClickInterceptedException.class).until(d -> {
      complete.click();
      return true;
    });
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//button[normalize-space(.)='" + COMPLETE + "']")));
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

  static final java.time.format.DateTimeFormatter MONTH_FIRST = java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy");
  static final java.time.format.DateTimeFormatter FRENCH_DATE = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /**
   * Types a day into a form-js date field as a French user writes it, 31/03/2027 (Tasklist's
   * scripts/parcours-forms.js), given month first as the walks written before that were (03/31/2027).
   */
  void date(String fieldId, String monthDayYear) {
    date(fieldId, java.time.LocalDate.parse(monthDayYear, MONTH_FIRST));
  }

  /** Types a day into a form-js date field as a French user writes it (31/03/2027) and sees the field keep it. */
  void date(String fieldId, java.time.LocalDate day) {
    if (frenchUser) {
      waitForFrenchDate(fieldId);
      typeDate(fieldId, day.format(FRENCH_DATE));
    } else {
      // form-js's own order in an American English browser, which it writes without zeros: 3/1/2027
      typeDate(fieldId, day.format(MONTH_FIRST), day.format(java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy")));
    }
  }

  /** Types into a form-js date field and waits until the field shows the day as typed. */
  void typeDate(String fieldId, String typed) {
    typeDate(fieldId, typed, typed);
  }

  void typeDate(String fieldId, String typed, String shown) {
    WebElement input = dateInput(fieldId);
    scrollTo(input);
    input.click();
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), typed, Keys.ENTER);
    input.sendKeys(Keys.TAB);
    waiting.until(d -> shown.equals(dateInput(fieldId).getAttribute("value")));
  }

  /** The ids of every dossier of this pathway, finished or not, to tell a new one from those already there. */
  java.util.Set<String> dossierIds(String processKey) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).list().stream()
        .map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId)
        .collect(java.util.stream.Collectors.toSet());
  }

  /**
   * The dossier of this pathway the user started since {@code before} was read. Not the "latest" by id: the engine's
   * ids are random UUIDs, and another test sharing the application context may have left one of the same user.
   */
  org.camunda.bpm.engine.runtime.ProcessInstance newDossierOf(String processKey, String user,
      java.util.Set<String> before) {
    return waiting.until(d -> runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey).list()
        .stream().filter(pi -> !before.contains(pi.getId()))
        .filter(pi -> user.equals(runtimeService.getVariable(pi.getId(), "applicant"))).findFirst().orElse(null));
  }

  WebElement dateInput(String fieldId) {
    return waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
        "input[id^='fjs-form-'][id$='-" + fieldId + "-date']")));
  }

  /** Waits until Tasklist's script has made this form-js date field French (scripts/parcours-forms.js). */
  void waitForFrenchDate(String fieldId) {
    waiting.until(d -> "jj/mm/aaaa".equals(dateInput(fieldId).getAttribute("placeholder")));
  }

  /** The labels among these that a control on the page shows (a link, a button, a navbar entry). */
  List<String> visibleControls(String... labels) {
    return java.util.Arrays.stream(labels).filter(label -> browser.findElements(By.xpath(
            "//a[normalize-space(.)=\"" + label + "\"] | //button[normalize-space(.)=\"" + label + "\"]"))
        .stream().anyMatch(WebElement::isDisplayed)).toList();
  }

  /**
   * The columns of a task card that a person cannot read without unfolding it: "Entreprise hidden" when the card
   * clips it, "Échéance cut" when its value is cut short (by "…" or a clipped line).
   */
  @SuppressWarnings("unchecked")
  List<String> unreadOnCard(WebElement card) {
    return (List<String>) ((JavascriptExecutor) browser).executeScript("""
        const box = arguments[0].querySelector('.task-card-details').getBoundingClientRect();
        const unread = [];
        arguments[0].querySelectorAll('.variable-item').forEach(item => {
          const label = item.querySelector('.variable-label');
          const value = item.querySelector('.variable-value');
          const name = label ? label.textContent.replace(':', '').trim() : '?';
          const at = item.getBoundingClientRect();
          if (at.bottom > box.bottom + 1 || at.top < box.top - 1) {
            unread.push(name + ' hidden');
          } else if (value && (value.scrollWidth > value.clientWidth + 1 || value.scrollHeight > value.clientHeight + 1)) {
            unread.push(name + ' cut');
          }
        });
        return unread;""", card);
  }

  /** Waits until Tasklist's custom script has read the signed-in user's role (scripts/parcours-controls.js). */
  void waitForRoleControls() {
    waiting.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "return document.body.classList.contains('parcours-role-known');"));
  }

  /** On the orientation page, answers one question. */
  void answer(String question, boolean yes) {
    WebElement radio = browser.findElement(By.id(question + (yes ? "-yes" : "-no")));
    scrollTo(radio);
    radio.click();
  }

  /**
   * Opens the orientation page, answers every question (yes to those named, no to the others) and asks which
   * pathway fits: the result, once shown.
   */
  WebElement orient(String... yes) {
    browser.get("http://localhost:" + port + "/orientation");
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("orient")));
    List<String> answeredYes = List.of(yes);
    fr.parcours.orientation.Orientation.QUESTIONS.keySet().forEach(q -> answer(q, answeredYes.contains(q)));
    browser.findElement(By.id("orient")).click();
    return waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
  }

  /** Fetches a link with the browser's own session, as its download would: "status type content". */
  String download(String href) {
    Object answer = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text().then(t => done(r.status + ' '"
        + " + (r.headers.get('Content-Type') || '') + ' ' + t))).catch(e => done('failed ' + e));", href);
    return String.valueOf(answer);
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

  /** The open task, once the job executor has run the notification steps before it (up to 20 s). */
  Task task(ProcessInstance instance, String taskKey) {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    Task task = null;
    while (task == null && System.currentTimeMillis() < deadline) {
      task = taskService.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
          .taskDefinitionKey(taskKey)
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

  /** The subjects of the mails received so far, in the order they arrived. */
  List<String> mailSubjects() {
    return java.util.Arrays.stream(MAIL.getReceivedMessages()).map(message -> {
      try {
        return message.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /**
   * The vendor, signed in, sends from the evidence page its task links to one archive with every proof the
   * illustrative catalogue asks of the standard candidature (profile SOCLE, no INS), and the extra proofs its dossier
   * asks (a generic line's), then submits "Déposer les preuves" from its company's filter; a screenshot of the page
   * and of the form.
   */
  void sendCompleteEvidenceAndSubmit(ProcessInstance dossier, String number, String pageShot, String formShot,
      String... extraProofs) throws java.io.IOException {
    task(dossier, "Task_DepositEvidence");
    String[] evidence = followEvidenceLink(number);
    Path folder = java.nio.file.Files.createTempDirectory("parcours-evidence-");
    List<String> proofs = new java.util.ArrayList<>(List.of("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png",
        "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf"));
    proofs.addAll(List.of(extraProofs));
    send(java.nio.file.Files.write(folder.resolve(evidence[1]), fr.parcours.evidence.Zips.with(
        proofs.toArray(String[]::new)).bytes()));
    WebElement accepted = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=status]")));
    org.assertj.core.api.Assertions.assertThat(accepted.getText())
        .isEqualTo("Envoi 1 accepté : " + proofs.size() + " fichier(s) de preuve. Preuves complètes.");
    screenshot(pageShot);
    browser.get(tasklist());
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));
    work(VENDOR_FILTER, dossier, "Task_DepositEvidence", "Déposer les preuves", formShot, () -> {
      waiting.until(d -> formText().contains("Complet : " + proofs.size() + " preuves déposées sur " + proofs.size()));
      setCheckbox("Field_AllEvidenceDeposited", true);
    });
  }
}
