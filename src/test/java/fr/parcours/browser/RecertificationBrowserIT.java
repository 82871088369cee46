package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 18, point 3, in a real browser. alice's two devices are certified (the ANS track started at its certificate
 * step). In Tasklist's start form, a number that names no certificate of hers is refused; then, on her devices page,
 * "Nouveau modèle ou gamme" on the first certificate, with the new version, starts the cycle (case (b)) and lands
 * her on its first task in Tasklist, the candidature carried. ana, from the devices page where reviewers read the
 * certificates, opens the referential's versions, is refused a day in the past, then publishes an opposable
 * version: Parcours opens a cycle for the second device (the first one's runs already). alice reads both cycles on
 * her devices page. Screenshots: {@code target/screenshots/cycles-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-cycles", "camunda.bpm.job-execution.enabled=true",
        "parcours.start.first-task-wait=PT20S"})
class RecertificationBrowserIT extends BrowserTestBase {

  static final String PROCESS_NAME = "Nouveau cycle de certification";

  String page(String path) {
    return "http://localhost:" + port + path;
  }

  /** A device of alice's company, certified: the ANS track started at its certificate step. */
  String certified(String dossierId, String softwareName) {
    Map<String, Object> dossier = new HashMap<>(Candidatures.valid());
    dossier.put("vendorGroup", "vendor-medisoft");
    dossier.put("applicant", "alice");
    dossier.put("dossierId", dossierId);
    dossier.put("softwareName", softwareName);
    runtimeService.createProcessInstanceByKey("ans-certification").businessKey(dossierId)
        .startBeforeActivity("Task_IssueCertificate").setVariables(dossier).execute();
    return "CC-" + dossierId;
  }

  @Test
  void shouldLetAliceStartACycleFromTasklistAndAnaPublishAnOpposableVersionThatOpensTheOthers() {
    String first = certified("DMN-2026-CYCL1", "CardioSuivi");
    String second = certified("DMN-2026-CYCL2", "TensioSuivi");

    // alice, in Tasklist: a number that is not one of her certificates is refused in the form
    signIn("alice");
    openStartForm(PROCESS_NAME, "Field_PreviousCertificateNumber");
    assertThat(formText()).contains("La candidature du dossier précédent est reprise");
    screenshot("cycles-01-start-form");
    type("Field_PreviousCertificateNumber", "CC-DMN-2026-XXXXX");
    startProcess();
    WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'alert-danger') or contains(@class,'alert-error')]"
            + "[contains(normalize-space(.),'Aucun certificat')]")));
    assertThat(error.getText()).contains("Aucun certificat de conformité de votre entreprise ne porte le numéro"
        + " « CC-DMN-2026-XXXXX »").contains("Mes dispositifs et certificats");
    scrollTo(error);
    screenshot("cycles-02-unknown-certificate-refused");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("device-life").count()).isZero();

    // on her devices page, each certificate offers the cycles it allows: "Nouveau modèle ou gamme" for the first,
    // with the new model's version, starts the cycle and lands her on its first task in Tasklist
    browser.get(page("/devices"));
    WebElement newModel = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("NEW_MODEL-" + first)));
    assertThat(browser.findElements(By.id("AFTER_WITHDRAWAL-" + first))).isEmpty();
    // the version the certificate already certifies is no new model: refused above her devices, nothing started
    newModel.findElement(By.xpath("./ancestor::form")).findElement(By.name("newVersion")).sendKeys("2.1");
    newModel.click();
    WebElement sameVersion = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("cycle-problem")));
    assertThat(sameVersion.getText()).contains("« 2.1 » est la version que le certificat « " + first
        + " » certifie déjà").contains("Re-certifier");
    scrollTo(sameVersion);
    screenshot("cycles-02b-same-version-refused");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("device-life").count()).isZero();
    newModel = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("NEW_MODEL-" + first)));
    WebElement form = newModel.findElement(By.xpath("./ancestor::form"));
    form.findElement(By.name("newVersion")).sendKeys("3.0");
    scrollTo(newModel);
    screenshot("cycles-03-devices-cycle-actions", true);
    newModel.click();
    waiting.until(d -> d.getCurrentUrl().contains("#/?task="));
    ProcessInstance cycle = runtimeService.createProcessInstanceQuery().processDefinitionKey("device-life")
        .singleResult();
    String dossier = cycle.getBusinessKey();
    waiting.until(d -> formText().contains("MediSoft SAS"));
    assertThat(formText()).contains("CardioSuivi").contains("3.0")
        .contains("Nouveau cycle de certification : ce dossier fait suite au certificat n° " + first);
    assertThat(runtimeService.getVariable(cycle.getId(), "cycleReason")).isEqualTo("NEW_MODEL");
    screenshot("cycles-04-landed-on-the-cycle-task-with-the-candidature-carried");
    openFilter(VENDOR_FILTER);
    assertThat(taskCard("Déposer le dossier administratif", dossier).getText()).contains("CardioSuivi");

    // ana, from the devices page, publishes the versions of the referential
    signOut();
    signIn("ana");
    browser.get(page("/devices"));
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("referentials"))).click();
    WebElement version = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("version")));
    assertThat(browser.findElement(By.id("none")).getText()).contains("Aucune version publiée");
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
    version.sendKeys("2027");
    setDate("appliesFrom", today.minusDays(3));
    browser.findElement(By.id("opposable-yes")).click();
    screenshot("cycles-05-publish-form", true);
    browser.findElement(By.id("submit")).click();
    WebElement problem = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
    assertThat(problem.getText()).contains("Date d’application").contains("est passé").contains("rien n’a été"
        + " enregistré");
    screenshot("cycles-06-past-day-refused", true);

    setDate("appliesFrom", today);
    browser.findElement(By.id("submit")).click();
    WebElement published = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("published")));
    assertThat(published.getText()).contains("Version 2027 publiée").contains("1 cycle(s) de re-certification")
        .contains(dossier);
    assertThat(browser.findElement(By.id("versions")).getText()).contains("2027").contains("Opposable");
    screenshot("cycles-07-opposable-version-published", true);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("device-life").count()).isEqualTo(2);

    // alice reads both cycles on her devices page (ana leaves: her session ends with its cookies)
    browser.manage().deleteAllCookies();
    signIn("alice");
    browser.get(page("/devices"));
    WebElement main = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.device")));
    String text = browser.findElement(By.tagName("main")).getText();
    assertThat(text).contains(first).contains(second).contains("Cycle de certification en cours : dossier " + dossier);
    assertThat(browser.findElements(By.cssSelector("p.cycle"))).hasSize(2);
    assertThat(main.isDisplayed()).isTrue();
    screenshot("cycles-08-alice-devices-with-cycles", true);

    // the cycle's dossier page, from its link: where it stands, what she must do
    browser.findElement(By.linkText("Cycle de certification en cours : dossier " + dossier)).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h1")));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains(dossier)
        .contains("Déposer le dossier administratif").contains("Dépôt des preuves, cas (b)").contains(first);
    screenshot("cycles-09-alice-cycle-dossier", true);
    // the case (b) dossier answers the version in force when it started: its evidence page asks 2025's proofs
    browser.get(page("/evidence/" + dossier));
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("version")));
    assertThat(browser.findElement(By.id("version")).getText()).contains("Référentiel version 2025");
    assertThat(browser.findElement(By.tagName("table")).getText()).contains("POR 2.1.1").doesNotContain("SEC 3.1.1")
        .doesNotContain("dans la version");

    // the case (c) dossier Parcours opened for the second device, on the window of version 2027: its dossier page
    // and its evidence page say so, and what changed since the certificate's version 2025
    String recertification = runtimeService.createProcessInstanceQuery().processDefinitionKey("device-life").list()
        .stream().map(ProcessInstance::getBusinessKey).filter(key -> !key.equals(dossier)).findFirst().orElseThrow();
    waiting.until(d -> runtimeService.createProcessInstanceQuery().processDefinitionKey("ans-certification")
        .processInstanceBusinessKey(recertification).count() == 1);
    browser.get(page("/dossiers/" + recertification));
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h1")));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Dépôt des preuves, cas (c)")
        .contains("candidature sur le guichet du référentiel version 2027").contains(second)
        .contains("Ce qui change depuis la version 2025 du certificat " + second)
        .contains("exigences ajoutées : SEC 3 Chiffrer les données de santé stockées (preuve SEC 3.1.1)")
        .contains("exigences retirées, plus à prouver : POR 2");
    screenshot("cycles-10-case-c-dossier-what-changed", true);
    browser.get(page("/evidence/" + recertification));
    WebElement versionLine = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("version")));
    assertThat(versionLine.getText()).contains("Référentiel version 2027");
    String evidence = browser.findElement(By.tagName("body")).getText();
    assertThat(evidence).contains("VERSION ILLUSTRATIVE").contains("exigences modifiées : SEC 1")
        .contains("SEC 3 Chiffrer les données de santé stockées").contains("SEC 3.1.1").contains("SEC 1.3.1")
        .contains("La politique de conservation des traces");
    // the rows of the requirements the version added or changed say so
    String table = browser.findElement(By.tagName("table")).getText();
    assertThat(table).contains("SEC 3 Chiffrer les données de santé stockées\nnouvelle dans la version 2027")
        .contains("conserver les traces un an\nmodifiée dans la version 2027");
    assertThat(table).doesNotContain("POR 2.1.1").doesNotContain("SEC 1.2.1");
    screenshot("cycles-11-case-c-evidence-page-new-version-requirements", true);
  }

  /** A date input, set as the calendar would. */
  void setDate(String id, LocalDate day) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
        browser.findElement(By.id(id)), day.toString());
  }
}
