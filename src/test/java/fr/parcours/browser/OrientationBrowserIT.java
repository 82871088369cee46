package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.support.Candidatures;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 18, points 1 and 2, in a real browser: alice opens the orientation page from the dossier pages' header,
 * first sends it without answers (refused, the questions named), then answers for a telemonitoring device eligible
 * to early coverage that hosts health data without HDS; she reads PECAN, the HDS prerequisite, and follows the
 * link to PECAN's start form in Tasklist. Then the ANS track issues her device's certificate and she reads it on
 * her devices page. Screenshots go to {@code target/screenshots/orientation-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=browser-orientation")
class OrientationBrowserIT extends BrowserTestBase {

  String page(String path) {
    return "http://localhost:" + port + path;
  }

  @Test
  void shouldOrientAliceToPecanLinkItsStartFormAndShowHerCertificateOnceIssued() {
    signIn("alice");
    browser.get(page("/devices"));
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h1")));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Mes dispositifs et certificats")
        .contains("Aucun dispositif pour l’instant");
    browser.findElement(By.linkText("Quel parcours ?")).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("orient")));
    screenshot("orientation-01-questions");

    // sent without answers: refused, each question named
    browser.findElement(By.id("orient")).click();
    WebElement problem = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
    assertThat(problem.getText()).contains("9 questions sont sans réponse : répondez oui ou non à chacune")
        .contains("« Le dispositif a-t-il son marquage CE ? »");
    assertThat(browser.findElements(By.id("result"))).isEmpty();
    screenshot("orientation-02-refused");

    answer("ceMarked", true);
    answer("hostsHealthData", true);
    answer("hdsCertified", false);
    answer("identityReferential", false);
    answer("cndaHomologated", false);
    answer("matchesGenericLine", false);
    answer("particularIndication", false);
    answer("telemonitoringOrTherapeutic", true);
    answer("earlyCoverageEligible", true);
    browser.findElement(By.id("orient")).click();
    WebElement result = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
    assertThat(browser.findElement(By.id("pathway")).getText()).isEqualTo("Prise en charge anticipée (PECAN)");
    assertThat(result.getText()).contains("Certification HDS").contains("hébergeur certifié HDS")
        .doesNotContain("Marquage CE");
    screenshot("orientation-03-pecan", true);

    // the link opens PECAN's start form in Tasklist
    browser.findElement(By.id("start")).click();
    WebElement startForm = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-content")));
    waiting.until(ExpectedConditions.textToBePresentInElement(startForm, "PECAN"));
    assertThat(browser.getCurrentUrl()).contains("processStart=pecan");
    screenshot("orientation-04-pecan-start-form");

    // the ANS track issues the certificate of her device (started at that step, as the reviewer's review left it)
    Map<String, Object> dossier = new HashMap<>(Candidatures.valid());
    dossier.put("vendorGroup", "vendor-medisoft");
    dossier.put("applicant", "alice");
    dossier.put("dossierId", "DMN-2026-LIFE2");
    ProcessInstance ans = runtimeService.createProcessInstanceByKey("ans-certification").businessKey("DMN-2026-LIFE2")
        .startBeforeActivity("Task_IssueCertificate").setVariables(dossier).execute();
    assertThat(runtimeService.getVariable(ans.getId(), "certificateNumber")).isEqualTo("CC-DMN-2026-LIFE2");

    browser.get(page("/devices"));
    WebElement devices = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.device")));
    assertThat(devices.getText()).contains((String) dossier.get("softwareName"))
        .contains("version " + dossier.get("softwareVersion")).contains("CC-DMN-2026-LIFE2").contains("En vigueur")
        .contains("DMN-2026-LIFE2");
    screenshot("orientation-05-alice-devices", true);
  }
}
