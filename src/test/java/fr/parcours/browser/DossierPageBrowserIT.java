package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.support.Dossiers;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 20 in a real browser: a vendor signed in to Tasklist follows the header's "Mes dossiers" link, reads
 * where her dossier stands and until when its windows run, opens the dossier page and sees its diagram drawn with
 * the step it is at, and writes to the ANS; an ANS reviewer opens the same dossier from the same link and answers,
 * and the vendor reads the answer as the ANS's. Screenshots go to
 * {@code target/screenshots/dossier-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=browser-dossier-page")
class DossierPageBrowserIT extends BrowserTestBase {

  @Autowired ProcessEngine engine;

  @Test
  void shouldLetTheVendorAndTheReviewerReadWhereTheDossierStandsFromTasklist() {
    // alice's dossier waits at the ANS's admissibility review
    ProcessInstance dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    complete("alice", dossier, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    Dossiers.runMailSteps(engine, dossier.getId());
    String number = dossier.getBusinessKey();

    signIn("alice");
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.parcours-dossiers a")));
    screenshot("dossier-00-alice-tasklist-header", false);
    openDossiersFromTasklistHeader("Mes dossiers");
    WebElement row = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr[data-dossier='" + number + "']")));
    assertThat(row.getText()).contains("« Examiner la recevabilité », chez ANS").contains("il reste")
        .contains("inclus").contains("Rien à faire de votre côté pour l’instant");
    screenshot("dossier-01-alice-my-dossiers");

    row.findElement(By.linkText(number)).click();
    readDossierPage(number);
    assertThat(browser.findElement(By.cssSelector("dd.dossier-state")).getText()).isEqualTo("En cours");
    WebElement window = browser.findElement(By.cssSelector("tr[data-window]"));
    assertThat(window.getText()).contains("jusqu’au").contains("inclus").contains("en cours");
    screenshot("dossier-02-alice-dossier-page");

    // she writes to the ANS from the page, with the certificate's scan attached
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("agency")))
        .selectByVisibleText("Instructeurs de l’ANS");
    browser.findElement(By.id("body")).sendKeys("Bonjour, notre certificat HDS arrive lundi.");
    browser.findElement(By.id("files")).sendKeys(attachment().toAbsolutePath().toString());
    browser.findElement(By.cssSelector(".message-form button[type=submit]")).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages ~ p.ok")));
    assertThat(browser.findElement(By.cssSelector("ol.thread")).getText())
        .contains("Bonjour, notre certificat HDS arrive lundi.").contains("certificat-hds.pdf");

    // ana, at the ANS, opens the same dossier from her own Tasklist
    browser.manage().deleteAllCookies();
    signIn("ana");
    openDossiersFromTasklistHeader("Dossiers instruits");
    // the reviewer's filters: MediSoft's open dossiers
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("company"))).selectByVisibleText("MediSoft SAS");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("state"))).selectByVisibleText("En cours");
    browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    waiting.until(ExpectedConditions.urlContains("company="));
    screenshot("dossier-03a-ana-dossiers-filtered");
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-dossier='" + number + "']")))
        .findElement(By.linkText(number)).click();
    readDossierPage(number);
    assertThat(browser.findElement(By.cssSelector("ul.next")).getText()).contains("Examiner la recevabilité");
    screenshot("dossier-03-ana-dossier-page");

    // she reads alice's message and downloads its file, as alice sent it
    assertThat(browser.findElement(By.cssSelector("ol.thread")).getText())
        .contains("Bonjour, notre certificat HDS arrive lundi.");
    WebElement file = browser.findElement(By.xpath("//ol[@class='thread']//a[normalize-space(.)='certificat-hds.pdf']"));
    scrollTo(file);
    screenshot("dossier-03b-ana-sees-the-attachment", false);
    assertThat(download(file.getAttribute("href"))).isEqualTo("200 application/pdf " + ATTACHMENT);
    browser.findElement(By.id("body")).sendKeys("Merci, nous l’attendons.");
    browser.findElement(By.cssSelector(".message-form button[type=submit]")).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages ~ p.ok")));
    scrollTo(browser.findElement(By.id("messages")));
    screenshot("dossier-04-ana-answers", false);

    // alice reads the answer, from the ANS
    browser.manage().deleteAllCookies();
    signIn("alice");
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    WebElement answer = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("ol.thread li.from-agency")));
    assertThat(answer.getText()).contains("Merci, nous l’attendons.").contains("ANS").doesNotContain("ana");
    scrollTo(answer);
    screenshot("dossier-05-alice-reads-the-answer", false);
  }

  /**
   * A task of her company claimed by a colleague: the page listed only the tasks offered to her and still open to
   * claim, and read "Rien à faire de votre côté" while her company's task waited in the colleague's hands (walk of 3
   * December 2026). It lists it, saying who holds it.
   */
  @Test
  void shouldShowTheVendorHerCompanysTaskThatAColleagueHolds() {
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("alain").count() == 0) {
      var alain = identity.newUser("alain");
      alain.setFirstName("Alain");
      alain.setLastName("Durand");
      alain.setPassword("alain");
      identity.saveUser(alain);
      identity.createMembership("alain", "vendor-medisoft");
    }
    ProcessInstance dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    String number = dossier.getBusinessKey();
    var deposit = engine.getTaskService().createTaskQuery().processInstanceId(dossier.getId())
        .taskDefinitionKey("Task_DepositAdministrativeDossier").singleResult();
    engine.getTaskService().claim(deposit.getId(), "alain");

    signIn("alice");
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    WebElement next = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ul.next")));
    assertThat(next.getText()).contains(deposit.getName() + " — pris en charge par Alain Durand");
    assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("Rien à faire de votre côté");
    screenshot("dossier-06-alice-sees-the-task-alain-holds");
  }

  static final String ATTACHMENT = "%PDF-1.4\n% Certificat HDS de MediSoft\n%%EOF\n";

  /** The PDF alice attaches, written where the browser can pick it. */
  static java.nio.file.Path attachment() {
    try {
      java.nio.file.Path file = java.nio.file.Path.of("target", "browser-files", "certificat-hds.pdf");
      java.nio.file.Files.createDirectories(file.getParent());
      return java.nio.file.Files.writeString(file, ATTACHMENT);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** From Tasklist's header, the link to the dossiers' list; the list's heading says whose list it is. */
  void openDossiersFromTasklistHeader(String heading) {
    waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.parcours-dossiers a"))).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h1[normalize-space(.)='" + heading + "']")));
  }

  /** The dossier page, its diagram drawn by the served bpmn-js with the current step marked. */
  void readDossierPage(String number) {
    waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//h1[normalize-space(.)='Dossier " + number + "']")));
    waiting.until(d -> d.findElements(By.cssSelector(".diagram[data-drawn]")).size()
        == d.findElements(By.cssSelector(".diagram")).size());
    assertThat(browser.findElements(By.cssSelector(".diagram[data-drawn='false']"))).as("every diagram drawn")
        .isEmpty();
    assertThat(browser.findElements(By.cssSelector(".diagram svg .parcours-active"))).as("the current step marked")
        .isNotEmpty();
  }
}
