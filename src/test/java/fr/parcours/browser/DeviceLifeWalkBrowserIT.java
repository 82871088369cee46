package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.evidence.CompanyDocuments;
import fr.parcours.support.Candidatures;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What a walk of the device-life pages by the demo users found, that only a browser shows: the version a certificate
 * names once a newer one applies, another company's user on the addresses of files and documents, a task form's
 * refusal lying over its own "Valider" button, the agency a reviewer writes for. Screenshots:
 * {@code target/screenshots/walk-*.png}.
 */
// its own application context; the job executor runs the mail steps, which draw the documents
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-device-life-walk", "camunda.bpm.job-execution.enabled=true"})
class DeviceLifeWalkBrowserIT extends BrowserTestBase {

  @Autowired CompanyDocuments companyDocuments;

  String page(String path) {
    return "http://localhost:" + port + path;
  }

  String bodyText() {
    return browser.findElement(By.tagName("body")).getText();
  }

  /** A dossier of alice's company, its ANS track started before this step. */
  ProcessInstance aliceDossierAt(String dossierId, String softwareName, String step) {
    Map<String, Object> dossier = new HashMap<>(Candidatures.valid());
    dossier.put("vendorGroup", "vendor-medisoft");
    dossier.put("applicant", "alice");
    dossier.put("dossierId", dossierId);
    dossier.put("softwareName", softwareName);
    return runtimeService.createProcessInstanceByKey("ans-certification").businessKey(dossierId)
        .startBeforeActivity(step).setVariables(dossier).execute();
  }

  /** A dossier alice starts as Tasklist does (its number, its company's rights), on the ANS certification. */
  ProcessInstance aliceApplies(String softwareName, boolean convergenceAccount) {
    Map<String, Object> form = new HashMap<>(Candidatures.with("softwareName", softwareName));
    form.put("hasConvergenceAccount", convergenceAccount);
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("ans-certification")
        .latestVersion().singleResult().getId();
    return as("alice", () -> formService.submitStartForm(definition, form));
  }

  /** Types over a field's value as a person does (form-js hears each key; a WebDriver clear() it does not). */
  void retype(String fieldId, String value) {
    WebElement input = waiting.until(ExpectedConditions.elementToBeClickable(field(fieldId)));
    scrollTo(input);
    waiting.until(d -> {
      input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
          org.openqa.selenium.Keys.DELETE);
      input.sendKeys(value);
      return value.equals(input.getAttribute("value"));
    });
  }

  void signInAs(String user) {
    browser.manage().deleteAllCookies();
    signIn(user);
  }

  @Test
  void shouldNameTheVersionACertificateWasIssuedUnderOnceANewerVersionApplies() {
    aliceDossierAt("DMN-2026-WALKV", "CardioSuivi", "Task_IssueCertificate");

    // ana publishes a newer version of the referential, applying today
    signInAs("ana");
    browser.get(page("/referentials"));
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("version"))).sendKeys("2027");
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
        browser.findElement(By.id("appliesFrom")), LocalDate.now(ZoneId.of("Europe/Paris")).toString());
    browser.findElement(By.id("opposable-no")).click();
    browser.findElement(By.id("submit")).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("published")));
    assertThat(browser.findElement(By.id("published")).getText())
        .contains("les dispositifs certifiés sous la version 2025 restent conformes");
    assertThat(browser.findElement(By.id("versions")).getText()).contains("2027").contains("2025")
        .doesNotContain("en vigueur");
    screenshot("walk-01-ana-publishes-2027");

    // alice's certificate, issued before, names the version it was issued under: not "en vigueur", which 2027 now is;
    // odile reads the same on the auditors' list
    for (String[] reader : new String[][] {{"alice", "/devices", "walk-02-alice-certificate-version-2025"},
        {"odile", "/audits/certificates", "walk-03-odile-certificates-version-2025"}}) {
      signInAs(reader[0]);
      browser.get(page(reader[1]));
      WebElement certificate = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
          "//tr[td[normalize-space(.)='CC-DMN-2026-WALKV']]")));
      assertThat(certificate.getText()).as(reader[1])
          .contains("Référentiel d’interopérabilité et de sécurité des DMN, version 2025")
          .doesNotContain("en vigueur");
      screenshot(reader[2]);
    }
  }

  @Test
  void shouldAnswerAnotherCompanyInFrenchOnTheAddressesOfItsFilesAndDocuments() throws Exception {
    // alice's dossier whose certificate is a document of its page; another, with its Kbis extract
    ProcessInstance certified = aliceApplies("TensioSuivi", true);
    String number = certified.getBusinessKey();
    task(certified, "Task_DepositAdministrativeDossier"); // the start's mail step has run
    runtimeService.createProcessInstanceModification(certified.getId()).startBeforeActivity("Task_IssueCertificate")
        .execute();
    ProcessInstance open = aliceApplies("GlucoSuivi", false);
    String other = open.getBusinessKey();
    task(open, "Task_RequestConvergenceAccount");
    companyDocuments.storeKbis(open.getId(), "alice", "kbis.pdf", fr.parcours.support.ProcessTestBase.PDF);

    signInAs("alice");
    browser.get(page("/dossiers/" + number));
    WebElement link = waiting.until(d -> {
      d.navigate().refresh(); // the certificate is drawn up by the mail step, a moment after
      return d.findElements(By.xpath("//a[contains(@href,'/dossiers/" + number + "/documents/')]")).stream()
          .findFirst().orElse(null);
    });
    String document = link.getAttribute("href");

    // bruno, of another company, on each address: the French sentence of the pages, whole, and nothing of alice
    signInAs("bruno");
    browser.get(document);
    waiting.until(d -> bodyText().contains(number));
    assertThat(bodyText()).contains("Aucun dossier " + number + " que vous puissiez voir. Vérifiez le numéro")
        .contains("seuls l’entreprise qui a déposé le dossier").doesNotContain("Ã").doesNotContain("TensioSuivi");
    screenshot("walk-04-bruno-on-alices-document", false);

    for (String file : new String[] {"/kbis/file", "/regulation/file", "/proofs/any"}) {
      browser.get(page("/evidence/" + other + file));
      waiting.until(d -> bodyText().contains(other));
      assertThat(bodyText()).as(file).contains("Aucun dossier en cours " + other + " que vous puissiez voir")
          .doesNotContain("HTTP ERROR").doesNotContain("can’t be found").doesNotContain("kbis.pdf");
    }
    screenshot("walk-05-bruno-on-alices-kbis", false);
  }

  @Test
  void shouldLeaveValiderClickableUnderTheRedNoticeOfARefusedFormAndNameTheAgencyAReviewerWritesFor() {
    ProcessInstance dossier = aliceApplies("CardioSuivi", true);
    String number = dossier.getBusinessKey();
    task(dossier, "Task_DepositAdministrativeDossier");

    // alice sends her administrative dossier with a legal form of blanks: the server refuses it in a red notice
    signInAs("alice");
    openFilter(VENDOR_FILTER);
    openTask("Déposer le dossier administratif", number);
    claimInTasklist();
    retype("Field_LegalForm", "   ");
    radio("Field_DepositAction", "Envoyer le dossier administratif à l’ANS");
    WebElement valider = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='" + COMPLETE + "']")));
    scrollTo(valider);
    valider.click();
    WebElement notice = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'page-notifications')]//*[contains(@class,'alert')]"
            + "[contains(normalize-space(.),'La forme juridique manque')]")));
    screenshot("walk-06-alice-refused-notice-above-valider", false);

    // the notice, where she looks, does not lie over the button she presses again once the field is corrected
    Boolean buttonOnTop = (Boolean) ((JavascriptExecutor) browser).executeScript(
        "var r = arguments[0].getBoundingClientRect();"
            + "var top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
            + "return top === arguments[0] || arguments[0].contains(top);", valider);
    assertThat(buttonOnTop).as("Valider under the notice « %s »", notice.getText()).isTrue();
    retype("Field_LegalForm", "SAS");
    completeInTasklist();
    task(dossier, "Task_ReviewAdmissibility");

    // ana, on the dossier's page, writes to alice as the ANS, not as a group's id
    signInAs("ana");
    browser.get(page("/dossiers/" + number));
    WebElement form = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//p[contains(normalize-space(.),'au nom de votre agence')]")));
    assertThat(form.getText()).isEqualTo("Vous écrivez à l’industriel au nom de votre agence (ANS).");
    screenshot("walk-07-ana-writes-as-the-ans");
  }
}
