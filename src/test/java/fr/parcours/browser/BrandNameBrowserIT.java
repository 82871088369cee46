package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.device.DeviceRecords;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A brand-name dossier walked in a real browser from the start form to the decree and its renewal task, through
 * Tasklist's start form, filters and task forms: alice for MediSoft (who declares a valid certificate of
 * conformity, so that no ANS round is run), marc for the ministers, claire for the CNEDiMTS, hugo at the HAS desk,
 * each from the filter where that group looks. Screenshots of each step go to
 * {@code target/screenshots/brand-*.png}.
 */
// its own application context, so that its dossiers are alone in the queues; the job executor runs the mails
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-brand", "camunda.bpm.job-execution.enabled=true"})
class BrandNameBrowserIT extends BrowserTestBase {

  /** The device this walk's dossier declares a certificate for. */
  static final String DEVICE = "CardioMarque";

  static final String PROCESS_NAME = "Inscription en nom de marque";
  static final String HAS_DESK = "Guichet HAS — toutes les tâches";
  static final String CNEDIMTS = "CNEDiMTS — toutes les tâches";
  static final String MINISTRY = "Ministères — toutes les tâches";
  static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired DeviceRecords records;

  @Test
  void shouldTakeABrandNameDossierFromTheStartFormThroughTheHearingToTheDecreeAndItsRenewal() {
    LocalDate today = LocalDate.now(PARIS);

    // alice applies under her device's brand name, with a valid ANS certificate (the ANS issued it to MediSoft for
    // her device, version 2.1: the start looks it up in the device records) and a Sésame account. The device is this
    // walk's own: the other walks' ANS rounds certify CardioWatch 2.1 in the same database, and one certificate is in
    // force per device, the newest
    records.certificateIssued(new DeviceRecords.DeviceFacts("vendor-medisoft", "MediSoft SAS", DEVICE, "2.1",
        "SOCLE", null), "CC-2025-0007", DeviceRecords.ANS_REFERENTIAL, "2025", Instant.parse("2025-06-02T10:00:00Z"),
        null, "DMN-2025-00007", null, "ans-certification");
    signIn("alice");
    openStartForm(PROCESS_NAME);
    fillValidCandidature();
    // typed over the candidature's name as a person does (select, then type: form-js hears each key)
    WebElement software = waiting.until(ExpectedConditions.elementToBeClickable(field("Field_SoftwareName")));
    waiting.until(d -> {
      software.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      software.sendKeys(DEVICE);
      return DEVICE.equals(software.getAttribute("value"));
    });
    setCheckbox("Field_ValidCertificate", true);
    type("Field_CertificateNumber", "CC-2025-0007");
    setCheckbox("Field_HasSesameAccount", true);
    radio("Field_HasMeeting", "Aucune réunion");
    setCheckbox("Field_Telemonitoring", true);
    screenshot("brand-01-alice-start-form");
    startProcess();
    ProcessInstance dossier = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("brand-name").list().stream()
        .filter(pi -> "alice".equals(runtimeService.getVariable(pi.getId(), "applicant"))).findFirst().orElse(null));
    String number = dossier.getBusinessKey();
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(dossier.getId())
        .processDefinitionKey("ans-certification").count()).as("no ANS round with a valid certificate").isZero();

    // she files on Sésame (the copy to the CNPs not sent yet) and files her price dossier with the CEPS
    work(VENDOR_FILTER, dossier, "Task_DepositSesameApplication", "Déposer la demande sur Sésame",
        "brand-02-alice-files-on-sesame", () -> {
          type("Field_SesameReference", "SES-2026-0777");
          setCheckbox("Field_SesameFiled", true);
        });
    work(VENDOR_FILTER, dossier, "Task_FilePriceDossier", "Déposer le dossier de prix au CEPS",
        "brand-03-alice-files-price-dossier", () -> {
          type("Field_CepsReference", "CEPS-2026-31");
          setCheckbox("Field_CepsFiled", true);
        });
    signOut();

    // the ministers find the file complete and acknowledge receipt
    signIn("marc");
    work(MINISTRY, dossier, "Task_CheckSesameCompleteness", "Vérifier recevabilité et complétude",
        "brand-04-marc-finds-sesame-complete", () -> radio("Field_SesameCompleteness", "Recevable et complète"));
    work(MINISTRY, dossier, "Task_SendAcknowledgement", "Envoyer l’accusé de réception",
        "brand-05-marc-acknowledges-receipt", () -> date("Field_AcknowledgementDate", today.format(US_DATE)));
    signOut();

    // alice is asked which CNPs got a copy of her application, and confirms it
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_SendCnpCopy", "Envoyer la copie aux CNP", "brand-06-alice-confirms-cnp-copy",
        () -> {
          type("Field_CnpNames", "CNP de cardiologie");
          setCheckbox("Field_CnpCopySent", true);
        });
    // her dossier's page says from the AR on until when the ministers must decide (it showed no such window until
    // their « Évaluer la demande » existed)
    String decreeDue = fr.parcours.deadline.LegalDates.until(fr.parcours.clock.Clocks.stored("clock_MINISTERS_DECISION",
        runtimeService.getVariable(dossier.getId(), "clock_MINISTERS_DECISION")).orElseThrow()
        .read(Instant.now()).lastDay(), java.util.Locale.FRENCH);
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    WebElement decree = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr[data-window='MINISTERS_DECISION']")));
    assertThat(decree.getText()).contains("Décision des ministres", decreeDue);
    scrollTo(decree);
    screenshot("brand-06b-alice-dossier-decree-due", false);
    browser.get(tasklist());
    signOut();

    // the CNEDiMTS adopts a draft opinion; alice asks to be heard; the commission sets the hearing
    // first a round of complements: claire asks, alice answers
    signIn("claire");
    work(CNEDIMTS, dossier, "Task_ExamineApplication", "Examiner la demande", "brand-07a-claire-asks-complements",
        () -> {
          radio("Field_CnedimtsDecision", "Compléments nécessaires (les ministres envoient la liste)");
          type("Field_CnedimtsComment", "L’étude clinique complète");
          type("Field_AskedLengthDays", "12");
          waiting.until(d -> "L’étude clinique complète".equals(d.findElement(field("Field_CnedimtsComment"))
              .getAttribute("value")));
        });
    signOut();
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_ProvideCnedimtsComplements", "Fournir des compléments à la CNEDiMTS",
        "brand-07b-alice-answers-complements", () -> type("Field_CnedimtsComplementsAnswer", "Étude jointe sur Sésame"));
    signOut();
    // the second examination opens with no decision chosen (walk 14: pre-filled with « Compléments nécessaires » and
    // its text, a hurried « Valider » asked again), and shows the request and the answer
    signIn("claire");
    work(CNEDIMTS, dossier, "Task_ExamineApplication", "Examiner la demande", "brand-07-claire-drafts-opinion", () -> {
      waiting.until(d -> formText().contains("Étude jointe sur Sésame"));
      assertThat(formText()).contains("Compléments demandés à l’industriel\nL’étude clinique complète");
      assertThat(fieldBox("Field_CnedimtsDecision").findElements(By.cssSelector("input"))).as("no decision chosen")
          .noneMatch(WebElement::isSelected);
      assertThat(browser.findElement(field("Field_CnedimtsComment")).getAttribute("value")).isEmpty();
      radio("Field_CnedimtsDecision", "Avis favorable");
    });
    signOut();
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_AnswerDraftOpinion", "Répondre au projet d’avis",
        "brand-08-alice-requests-hearing", () -> {
          waiting.until(d -> formText().contains("demander à être entendu par la commission"));
          // a favourable draft has no summary: no « Résumé de la commission, s’il y en a un : » left empty
          assertThat(formText()).contains("Le projet d’avis est favorable. Le projet d’avis complet est sur Sésame.")
              .doesNotContain("Résumé");
          setCheckbox("Field_HearingRequested", true);
        });
    signOut();
    signIn("claire");
    work(CNEDIMTS, dossier, "Task_SetHearingDate", "Fixer la date de l’audition", "brand-09-claire-sets-hearing",
        () -> {
          date("Field_HearingDate", today.plusDays(20).format(US_DATE));
          type("Field_HearingDetails", "Salle 3, 10 h");
        });
    // the commission adopts its final opinion once it has heard her (walk 15: it could the day the hearing was set)
    LocalDate heard = today.plusDays(20);
    String hearingDay = fr.parcours.deadline.LegalDates.date(heard, java.util.Locale.FRENCH);
    org.camunda.bpm.engine.task.Task adopt = task(dossier, "Task_AdoptFinalOpinion");
    // walk 19: her queue lists it from the hearing's day only (its follow-up date); the dossier page says so, and its
    // link opens the task, where « Valider » is refused before that day
    openFilter(CNEDIMTS);
    assertThat(visibleTaskListText()).as("not in her queue before the hearing").doesNotContain(number);
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    waiting.until(d -> d.findElement(By.tagName("body")).getText().contains("Adopter l’avis définitif"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Aucun délai réglementaire ne s’applique à"
        + " cette étape ; à faire à partir du " + hearingDay + ".");
    screenshot("brand-10b-claire-dossier-page-hearing-day", false);
    browser.get(tasklist() + "#/?task=" + adopt.getId());
    claimInTasklist();
    waiting.until(d -> formText().contains("Audition de l’industriel : "));
    assertThat(formText()).contains("Audition de l’industriel : " + hearingDay
        + " ; l’avis définitif s’adopte à partir de ce jour.").doesNotContain("Résumé du projet d’avis");
    radio("Field_CnedimtsDecision", "Favorable");
    WebElement tooEarly = refusedOnValider("s’adopte à partir de ce jour");
    assertThat(tooEarly.getText()).contains("L’audition de l’industriel est fixée au " + hearingDay);
    screenshot("brand-10a-claire-adopts-before-hearing-refused");
    assertThat(task(dossier, "Task_AdoptFinalOpinion")).as("nothing adopted").isNotNull();
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
        heard.atTime(10, 0).atZone(PARIS).toInstant()));
    // on the hearing's day her queue lists it
    browser.get(tasklist());
    openFilter(CNEDIMTS);
    openTask("Adopter l’avis définitif", number);
    waiting.until(d -> formText().contains("Audition de l’industriel : "));
    radio("Field_CnedimtsDecision", "Favorable");
    screenshot("brand-10-claire-adopts-opinion");
    completeInTasklist();
    signOut();

    signIn("hugo");
    work(HAS_DESK, dossier, "Task_PublishOpinion", "Publier l’avis", "brand-11-hugo-publishes-opinion", () -> {
      type("Field_OpinionReference", "AVIS-2026-77");
      setCheckbox("Field_OpinionPublished", true);
      setCheckbox("Field_OpinionSentToCnp", true);
    });
    signOut();

    // the ministers record the CEPS's answer, decide, and publish the order with the registration's end
    signIn("marc");
    work(MINISTRY, dossier, "Task_RecordCepsOutcome", "Indiquer la réponse du CEPS", "brand-12-marc-records-ceps",
        () -> {
          radio("Field_CepsOutcome", "Tarif convenu");
          type("Field_CepsTariff", "9,50 € par patient et par mois");
        });
    // the ministers decide knowing the opinion and the price (walk 14: they read neither)
    work(MINISTRY, dossier, "Task_EvaluateApplication", "Évaluer la demande", "brand-13-marc-decides", () -> {
      waiting.until(d -> formText().contains("Ce que les ministres ont devant eux"));
      assertThat(formText()).contains("Avis de la CNEDiMTS : favorable, publié le "
          + heard.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " (référence AVIS-2026-77).")
          .contains("Prix (CEPS) : tarif convenu, 9,50 € par patient et par mois.");
      radio("Field_MinistersDecision", "Décision favorable (arrêté)");
    });
    // first with a registration longer than the table's 5 years: refused in French, the task stays open
    task(dossier, "Task_PublishRegistrationOrder");
    openFilter(MINISTRY);
    openTask("Publier l’arrêté d’inscription", number);
    claimInTasklist();
    date("Field_OrderDate", heard.format(US_DATE));
    type("Field_PublicationReference", "JORF n°0277");
    date("Field_RegistrationEndDate", heard.plusYears(6).format(US_DATE));
    WebElement refusal = refusedOnValider("durée maximale");
    assertThat(refusal.getText()).contains("dépasse la durée maximale de 5 ans");
    screenshot("brand-14a-marc-order-beyond-five-years-refused");
    assertThat(task(dossier, "Task_PublishRegistrationOrder")).isNotNull();
    date("Field_RegistrationEndDate", heard.plusYears(5).minusDays(1).format(US_DATE));
    screenshot("brand-14-marc-publishes-order");
    completeInTasklist();
    signOut();

    // the vendor was told at each status change, and sees her renewal waiting, with its last day
    List<String> subjects = waiting.until(d -> {
      List<String> received = mailSubjects();
      return received.contains("Dossier " + number + " : décision favorable des ministres") ? received : null;
    });
    assertThat(subjects).contains("Dossier " + number + " : accusé de réception de votre demande complète",
        "Dossier " + number + " : projet d’avis de la CNEDiMTS",
        "Dossier " + number + " : date de votre audition par la CNEDiMTS",
        "Dossier " + number + " : avis de la CNEDiMTS");
    signIn("alice");
    openFilter(VENDOR_FILTER);
    openTask("Déposer la demande de renouvellement", number);
    waiting.until(d -> formText().contains("Déposez la demande de renouvellement"));
    assertThat(formText()).contains("prend fin le " + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
        java.util.Locale.FRENCH).format(heard.plusYears(5).minusDays(1)).replaceFirst("^1 ", "1er "));
    screenshot("brand-15-alice-sees-renewal");
    signOut();
  }

  /** Clicks « Valider » under the open task and returns Tasklist's error that says {@code words}. */
  WebElement refusedOnValider(String words) {
    WebElement valider = waiting.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='Valider']")));
    scrollTo(valider);
    dismissBanners();
    valider.click();
    return waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'alert-danger') or contains(@class,'alert-error')]"
            + "[contains(normalize-space(.),'" + words + "')]")));
  }
}
