package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 19, what form-js draws itself in Tasklist (scripts/parcours-forms.js and parcours-controls.js): a French
 * vendor reads and types dates day first (31/05/2027) in a French date picker whose weeks start on Monday, and
 * the server gets the day she picked; the dynamic lists' buttons, the select fields' placeholder and form-js's
 * messages under a field (a required field left empty, a SIREN of 2 digits, an address without @) are French; a day
 * already past typed into the planned date is said to be past, not the field required (in English too); the company name that Tasklist
 * writes in the start form comes back when form-js empties or draws the field again, until she goes into it.
 * A vendor whose browser is in American English keeps form-js's own month-first dates and English buttons.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser", "camunda.bpm.job-execution.enabled=true",
        "parcours.start.first-task-wait=PT10S"})
class FormsInFrenchBrowserIT extends BrowserTestBase {

  static final String PROCESS_NAME = "Certification de conformité ANS";
  static final String PLANNED_DATE = "Field_PlannedEvidenceDate";
  static final String COMPANY = "MediSoft SAS";

  @Test
  @Order(1)
  void shouldShowAFrenchVendorDatesDayFirstInAFrenchPickerAndSendTheDayShePicked() {
    java.util.Set<String> before = dossierIds("ans-certification");
    signIn("alice");
    openStartForm(PROCESS_NAME);
    waitForFrenchDate(PLANNED_DATE);
    // form-js's own words in French: an empty select, the messages under a field
    waiting.until(d -> fieldBox("Field_RepresentativeCivility").getText().contains("Choisir"));
    type("Field_Siren", "12");
    browser.findElement(field("Field_Siren")).sendKeys(Keys.TAB);
    waiting.until(d -> fieldBox("Field_Siren").getText()
        .contains("Ce n’est pas la forme attendue : voyez l’aide sous le champ."));
    browser.findElement(field("Field_Siren")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE, Keys.TAB);
    waiting.until(d -> fieldBox("Field_Siren").getText().contains("Ce champ est obligatoire."));
    type("Field_ContactEmail", "jean.dupont");
    browser.findElement(field("Field_ContactEmail")).sendKeys(Keys.TAB);
    waiting.until(d -> fieldBox("Field_ContactEmail").getText().contains("Saisissez une adresse électronique valide"));
    // a day already past, typed into the planned date (which refuses past days): the picker empties the field, whose
    // message, and the line beside « Démarrer », say that day is past, not that the field she filled is required
    // (walk 22: « Ce champ est obligatoire. »)
    String past = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(3)
        .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    typeDate(PLANNED_DATE, past, "");
    String passed = "Le " + past + " est passé : choisissez aujourd’hui ou une date plus tard.";
    waiting.until(d -> fieldBox(PLANNED_DATE).getText().contains(passed));
    assertThat(fieldBox(PLANNED_DATE).getText()).doesNotContain("Ce champ est obligatoire");
    assertThat(browser.findElement(By.cssSelector(".modal-content .parcours-fields-beside-buttons")).getText())
        .contains("« Date prévue du dépôt complet des preuves » : " + passed);
    assertThat(formText()).doesNotContain("Field ").doesNotContain("Select");
    screenshot("forms-00-french-field-messages");
    browser.findElement(field("Field_ContactEmail")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    fillValidCandidature();
    assertThat(formText()).doesNotContain("Ce champ est obligatoire").doesNotContain("forme attendue");

    // typed day first: a 31st stays (read month first, form-js would have refused a 31st month)
    // a month with a 31st, two to four months ahead: the start refuses a planned date already past (and one beyond
    // the table's window), so the walk's dates move with the day it runs
    java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneId.of("Europe/Paris")).plusMonths(2);
    while (month.lengthOfMonth() < 31) {
      month = month.plusMonths(1);
    }
    java.time.LocalDate picked = month.atDay(15);
    String monthName = month.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.FRENCH);
    typeDate(PLANNED_DATE, "31/" + String.format("%02d/%d", month.getMonthValue(), month.getYear()));
    // the picker opens on that month in French, its weeks starting on Monday
    dateInput(PLANNED_DATE).click();
    WebElement calendar = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".fjs-form .flatpickr-calendar.open")));
    assertThat(calendar.findElement(By.cssSelector(".flatpickr-monthDropdown-months")).getAttribute("value"))
        .isEqualTo(String.valueOf(month.getMonthValue() - 1));
    assertThat(calendar.findElement(By.cssSelector(".flatpickr-monthDropdown-months option[value='"
        + (month.getMonthValue() - 1) + "']")).getText()).isEqualTo(monthName);
    assertThat(calendar.findElements(By.cssSelector(".flatpickr-weekday")).stream()
        .map(day -> day.getText().trim()).toList())
        .containsExactly("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.");
    screenshot("forms-01-french-date-picker", false);
    // she picks the 15th: the field shows it day first
    calendar.findElement(By.cssSelector(".flatpickr-day[aria-label='15 " + monthName + " " + month.getYear() + "']"))
        .click();
    String shown = String.format("15/%02d/%d", month.getMonthValue(), month.getYear());
    waiting.until(d -> shown.equals(dateInput(PLANNED_DATE).getAttribute("value")));
    waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-form .flatpickr-calendar.open")));

    // the list of additional components: its buttons in French
    WebElement add = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
        ".fjs-form .fjs-repeat-render-add")));
    waiting.until(d -> "Ajouter".equals(add.getText().trim()));
    scrollTo(add);
    add.click();
    WebElement remove = waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
        ".fjs-form button.fjs-repeat-row-remove")));
    waiting.until(d -> "Retirer l’élément 1".equals(remove.getAttribute("aria-label")));
    assertThat(formText()).doesNotContain("Add new");
    screenshot("forms-02-french-list-added");
    remove.click(); // the component is not asked of this candidature
    waiting.until(d -> d.findElements(By.cssSelector(".fjs-form button.fjs-repeat-row-remove")).isEmpty());

    screenshot("forms-03-french-candidature-filled");
    startProcess();
    ProcessInstance dossier = newDossierOf("ans-certification", "alice", before);
    // the day she picked, whatever the display: the 15th, not the month read as a day nor the 31st she typed first
    assertThat(plannedEvidenceDate(dossier)).isEqualTo(picked);
  }

  @Test
  @Order(2)
  void shouldWriteTheCompanyNameAgainWhenFormJsRedrawsTheFieldUntilTheVendorGoesIntoIt() {
    signIn("alice");
    openStartForm(PROCESS_NAME);
    waiting.until(d -> COMPANY.equals(companyValue()));

    // form-js empties the field as it draws it again (a value set without any event, as Preact sets it)
    // (read in the same script: the page may write the name again before a second call could look)
    assertThat(js("const input = document.querySelector(arguments[0]);"
        + "Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '');"
        + "return input.value;", COMPANY_CSS)).as("the field form-js emptied").isEqualTo("");
    waitOn(browser, Duration.ofSeconds(2)).until(d -> COMPANY.equals(companyValue()));

    // form-js draws a new, empty field in place of the old one (the same id): written in the new one too
    js("const input = document.querySelector(arguments[0]); const fresh = input.cloneNode(false);"
        + "fresh.value = ''; window.parcoursDrawnBefore = input; input.replaceWith(fresh);", COMPANY_CSS);
    waitOn(browser, Duration.ofSeconds(2)).until(d -> COMPANY.equals(companyValue()));
    js("document.querySelector(arguments[0]).replaceWith(window.parcoursDrawnBefore);", COMPANY_CSS);

    // the vendor goes into the field and empties it: from then on it is hers, emptied again by form-js or not
    WebElement company = browser.findElement(By.cssSelector(COMPANY_CSS));
    scrollTo(company);
    company.click();
    company.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    sleep(1000);
    assertThat(companyValue()).as("the field she emptied").isEmpty();
    js("const input = document.querySelector(arguments[0]); const fresh = input.cloneNode(false);"
        + "fresh.value = ''; input.replaceWith(fresh);", COMPANY_CSS);
    sleep(1000);
    assertThat(companyValue()).as("the same field of the same form, drawn again after she went into it").isEmpty();
    screenshot("forms-04-company-emptied-by-the-vendor");
  }

  @Test
  @Order(3)
  void shouldLeaveAnAmericanVendorsFormsAsFormJsDrawsThem() throws IOException {
    java.util.Set<String> before = dossierIds("ans-certification");
    WebDriver french = browser;
    Path profile = Files.createTempDirectory("parcours-chromium-en-");
    WebDriver english = chromium(profile, "en-US", "en-US,en");
    browser = english;
    waiting = waitOn(english, WAIT);
    waiting.ignoring(StaleElementReferenceException.class);
    frenchUser = false;
    try {
      signIn("alice");
      openStartForm(PROCESS_NAME);
      WebElement add = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
          ".fjs-form .fjs-repeat-render-add")));
      sleep(1000); // time for Tasklist's scripts to have acted, had they wanted to
      assertThat(add.getText().trim()).isEqualTo("Add new");
      assertThat(dateInput(PLANNED_DATE).getAttribute("placeholder")).isEqualTo("mm/dd/yyyy");
      // started before anything is filled in: the pop-up's notice names the fields to correct, in her language, with
      // form-js's own English reasons (parcours-forms.js; only the French way was walked before)
      startProcess();
      WebElement toCorrect = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
          ".modal-body [notifications-panel] .parcours-fields-to-correct")));
      assertThat(toCorrect.getText()).startsWith("Correct these fields of the form (each name takes you there):")
          .contains("”: Field is required.").doesNotContain("Corrigez", "obligatoire", "« ");
      screenshot("forms-05-english-start-refused");
      // she goes to one field, as its name in the notice takes her, and corrects it: the notice marks it corrected and
      // keeps its size, so the form does not move under her pointer (the line was dropped, the notice pinned above
      // the form shortened, the form moved up and her next click, on a radio button, landed on another field)
      WebElement legalForm = browser.findElement(field("Field_LegalForm"));
      js("arguments[0].scrollIntoView({block: 'center'});", legalForm);
      Number firstFieldTop = firstFieldTop();
      String refused = toCorrect.getText();
      legalForm.sendKeys("SAS");
      waiting.until(d -> !toCorrect.getText().equals(refused));
      assertThat(firstFieldTop()).as("the form has not moved in the pop-up").isEqualTo(firstFieldTop);
      assertThat(toCorrect.getText()).startsWith("Correct these fields of the form").contains("”: Field is required.")
          .containsPattern("“[^”]+”: corrected\\.");
      // a day already past, typed month first into the planned date: the notice says that day is past, not that the
      // field she filled is required (walk 22)
      String past = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(3)
          .format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy"));
      typeDate(PLANNED_DATE, past, "");
      String passed = "“Date prévue du dépôt complet des preuves”: " + past
          + " has passed: choose today or a later date.";
      waiting.until(d -> toCorrect.getText().contains(passed));
      assertThat(fieldBox(PLANNED_DATE).getText()).contains(past + " has passed").doesNotContain("Field is required");
      screenshot("forms-05b-english-one-field-corrected", false);
      // filled in a fresh form
      waiting.until(ExpectedConditions.elementToBeClickable(By.xpath(
          "//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Close']"))).click();
      waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
      openStartForm(PROCESS_NAME);
      fillValidCandidature(); // the planned date typed month first, as 03/01/2027
      // a telephone number not in the expected form: form-js's English quoted the field's regular expression, under
      // the field and in the line beside « Start » (walk 16); it now says where the expected form is written
      type("Field_ContactPhone", "0123");
      WebElement phoneError = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
          ".fjs-form-field.fjs-has-errors:has(input[id$='-Field_ContactPhone']) .fjs-form-field-error")));
      waiting.until(d -> phoneError.getText().startsWith("Not in the expected form"));
      assertThat(phoneError.getText()).isEqualTo("Not in the expected form: see the help under the field.");
      WebElement beside = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
          ".modal-content .parcours-fields-beside-buttons")));
      waiting.until(d -> beside.getText().contains("Not in the expected form"));
      assertThat(beside.getText()).contains("“Téléphone du contact”").doesNotContain("pattern", "^[", "Ce n’est pas");
      screenshot("forms-05c-english-phone-not-in-the-expected-form", false);
      type("Field_ContactPhone", "01 23 45 67 89");
      waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(
          ".modal-content .parcours-fields-beside-buttons")));
      screenshot("forms-06-english-candidature-filled");
      startProcess();
      ProcessInstance dossier = newDossierOf("ans-certification", "alice", before);
      assertThat(plannedEvidenceDate(dossier)).isEqualTo(PLANNED_EVIDENCE_DATE);
      // her company's tasks, where Tasklist puts her after the start: the new dossier's card in English, its columns
      // and its time limit as her forms and mails write it (parcours-forms.js; walk 16: « Échéance : … » in French)
      String number = String.valueOf(runtimeService.getVariable(dossier.getId(), "dossierId"));
      waiting.until(d -> taskCard("Déposer le dossier administratif", number).getText().contains("Due:"));
      assertThat(taskCard("Déposer le dossier administratif", number).getText()).contains("Dossier:", "Due:",
          "No regulatory time limit applies to this step.", "Company:", "Device:")
          .doesNotContain("Échéance", "Aucun délai", "Entreprise", "Dispositif");
      screenshot("forms-07-english-task-card");
    } finally {
      english.quit();
      browser = french;
      frenchUser = true;
      deleteProfile(profile);
    }
  }

  // ---- helpers ----

  /**
   * Where the start form's first field is in the pop-up, in pixels from its top: where the form moves when something
   * above it changes height, whether or not Chromium's scroll anchoring then scrolls the pop-up to make up for it (seen
   * here making up for it in the middle of the form; it does not at the top of a scroller).
   */
  Number firstFieldTop() {
    return (Number) js("return document.querySelector('.modal-body .fjs-form .fjs-form-field').getBoundingClientRect()"
        + ".top - document.querySelector('.modal-content').getBoundingClientRect().top;");
  }

  static final String COMPANY_CSS = "input[id^='fjs-form-'][id$='-Field_CompanyName']";

  String companyValue() {
    return (String) js("const input = document.querySelector(arguments[0]); return input ? input.value : null;",
        COMPANY_CSS);
  }

  Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  /** The planned date as the server stored it (form-js sends 2027-03-15). */
  java.time.LocalDate plannedEvidenceDate(ProcessInstance dossier) {
    Object stored = runtimeService.getVariable(dossier.getId(), "plannedEvidenceDate");
    if (stored instanceof java.util.Date date) {
      return date.toInstant().atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate();
    }
    return java.time.LocalDate.parse(String.valueOf(stored));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
