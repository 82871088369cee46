package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A dossier of the ANS transitional phase walked in a real browser, on the tests' telemonitoring window (transitional
 * since 1 August 2022, nominal from 1 March 2027: src/test/resources/ans-windows-test.json): alice applies from the
 * start form, sends the signed regulation from the page her task links to and her evidence from the evidence page;
 * ana gives her informative feedback on the candidature and, from the transitional queue, on the evidence; alice
 * reads both in her last task, is refused before the nominal phase opens, and continues into a nominal ANS
 * candidature once it has. The engine's clock is set (2 November 2026, then 2 March 2027), so that the walk does not
 * depend on the day it runs. Screenshots of each step go to {@code target/screenshots/transitional-*.png}.
 */
// its own application context, so that its dossiers are alone in the queues; the job executor runs the mails
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-transitional", "camunda.bpm.job-execution.enabled=true"})
class TransitionalBrowserIT extends BrowserTestBase {

  static final String PROCESS_NAME = "Certification ANS — phase transitoire";
  static final String ANS = "ANS — toutes les tâches";
  static final String TRANSITIONAL_QUEUE = "ANS — phase transitoire : preuves (ordre d’arrivée)";

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  /** The message Tasklist shows when the server refuses the completion of a task. */
  WebElement refusal(String part) {
    return waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'alert-danger') or contains(@class,'alert-error')][contains(normalize-space(.),'"
            + part + "')]")));
  }

  @Test
  void shouldTakeATransitionalDossierFromTheSignedRegulationToFeedbackAndIntoANominalCandidature() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-02T09:00:00Z")));

    // alice applies in the transitional phase of the telemonitoring window
    signIn("alice");
    openStartForm(PROCESS_NAME);
    assertThat(formText()).contains("retour informatif").contains("Guichet de l’ANS");
    fillValidCandidature();
    screenshot("transitional-01-alice-start-form");
    startProcess();
    ProcessInstance dossier = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ans-transitional").list().stream()
        .filter(pi -> "alice".equals(runtimeService.getVariable(pi.getId(), "applicant"))).findFirst().orElse(null));
    String number = dossier.getBusinessKey();

    // the signed regulation, from the page her task links to
    task(dossier, "Task_AttachSignedRegulation");
    openFilter(VENDOR_FILTER);
    openTask("Joindre le règlement signé", number);
    waiting.until(d -> formText().contains("aucun délai n’est défini pour aucune des parties"));
    WebElement link = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'fjs-form')]//a[normalize-space(.)='page « Règlement signé » du dossier']")));
    assertThat(link.getAttribute("href")).endsWith("/evidence/" + number + "/regulation");
    browser.get(link.getAttribute("href"));
    Path folder = Files.createTempDirectory("parcours-regulation-");
    send(Files.write(folder.resolve("reglement-phase-transitoire-signe.pdf"), fr.parcours.support.ProcessTestBase.PDF));
    WebElement received = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=status]")));
    assertThat(received.getText()).startsWith("Règlement signé reçu.");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("reglement-phase-transitoire-signe.pdf")
        .contains("SHA-256");
    screenshot("transitional-02-alice-regulation-page");
    browser.get(tasklist());
    work(VENDOR_FILTER, dossier, "Task_AttachSignedRegulation", "Joindre le règlement signé",
        "transitional-03-alice-attaches-regulation",
        () -> setCheckbox("Field_RegulationSignedByRepresentative", true));

    // her evidence, from the evidence page
    sendCompleteEvidenceAndSubmit(dossier, number, "transitional-04-alice-evidence-page-complete",
        "transitional-05-alice-submits-evidence");
    signOut();

    // ana gives her informative feedback: on the candidature, then on the evidence from the transitional queue
    signIn("ana");
    work(ANS, dossier, "Task_GiveCandidatureFeedback", "Donner un retour informatif sur la candidature",
        "transitional-06-ana-candidature-feedback", () -> {
          waiting.until(d -> formText().contains("reglement-phase-transitoire-signe.pdf"));
          type("Field_CandidatureFeedback", "Candidature complète ; joignez le pouvoir du représentant.");
        });
    assertThat(filterNames()).contains(TRANSITIONAL_QUEUE);
    work(TRANSITIONAL_QUEUE, dossier, "Task_ReviewEvidence", "Donner un retour informatif sur les preuves",
        "transitional-07-ana-evidence-feedback", () -> {
          waiting.until(d -> formText().contains("purement informatif"));
          type("Field_EvidenceFeedback", "La preuve PSC 1.1.2 ne montre pas la déconnexion.");
        });
    signOut();

    // alice reads the feedback in her task; before the nominal phase opens, she may not continue
    signIn("alice");
    task(dossier, "Task_ContinueIntoNominal");
    openFilter(VENDOR_FILTER);
    openTask("Poursuivre en phase nominale", number);
    claimInTasklist();
    waiting.until(d -> formText().contains("La preuve PSC 1.1.2 ne montre pas la déconnexion."));
    assertThat(formText()).contains("Candidature complète ; joignez le pouvoir du représentant.")
        .contains("purement informatif");
    radio("Field_Continuation", "Poursuivre en candidature nominale");
    screenshot("transitional-08-alice-reads-feedback");
    WebElement complete = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='" + COMPLETE + "']")));
    scrollTo(complete);
    dismissBanners();
    complete.click();
    assertThat(refusal("phase nominale").getText()).contains("n’est pas encore ouverte : elle ouvre le 1er mars 2027");
    screenshot("transitional-09-alice-refused-before-nominal-phase", false);
    assertThat(task(dossier, "Task_ContinueIntoNominal")).isNotNull();

    // the nominal phase has opened: she continues into the ANS certification, without retyping anything
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-02T09:00:00Z")));
    browser.get(tasklist());
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));
    openFilter(VENDOR_FILTER);
    openTask("Poursuivre en phase nominale", number);
    waiting.until(d -> formText().contains("Que faites-vous du dossier"));
    radio("Field_Continuation", "Poursuivre en candidature nominale");
    waiting.until(d -> formText().contains("Certification de l’ANS seule"));
    screenshot("transitional-10-alice-continues");
    completeInTasklist();

    HistoricProcessInstance ended = waiting.until(d -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(dossier.getId()).finished().singleResult());
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_ContinuedIntoNominal");
    ProcessInstance nominal = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ans-certification").variableValueEquals("continuedFromDossierId", number)
        .singleResult());
    assertThat(runtimeService.getVariable(nominal.getId(), "softwareName")).isEqualTo("CardioWatch");
    task(nominal, "Task_DepositAdministrativeDossier");
    browser.get(tasklist());
    waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .task-filter")));
    openFilter(VENDOR_FILTER);
    openTask("Déposer le dossier administratif", nominal.getBusinessKey());
    waiting.until(d -> formText().contains("CardioWatch"));
    screenshot("transitional-11-alice-nominal-candidature-carried-over");
    signOut();

    List<String> subjects = waiting.until(d -> {
      List<String> sent = mailSubjects();
      return sent.contains("Dossier " + number + " : retour informatif de l'ANS sur les preuves") ? sent : null;
    });
    assertThat(subjects).contains("Dossier " + number + " : retour informatif de l'ANS sur la candidature");
  }
}
