package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A generic-line dossier walked in a real browser from the start form to its code, through the pages its users
 * use: Tasklist's start form (the generic lines claimed) and filters, every task form, the evidence page linked from
 * the vendor's task. Each step is taken by the demo user whose group does it (alice for MediSoft, ana at the ANS for
 * both certifications, marc for the ministry, nadia for the CNAM), from the filter where that group looks for it.
 * Screenshots of each step go to {@code target/screenshots/generic-*.png}.
 */
// its own application context, so that its dossiers are alone in the queues; the job executor runs the mails
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-generic-line", "camunda.bpm.job-execution.enabled=true"})
class GenericLineBrowserIT extends BrowserTestBase {

  static final String PROCESS_NAME = "Inscription sur une ligne générique";
  static final String ANS = "ANS — toutes les tâches";
  static final String ANS_QUEUE = "ANS — file des preuves (ordre d’arrivée)";
  static final String MINISTRY = "Ministères — toutes les tâches";
  static final String CNAM = "CNAM — toutes les tâches";
  static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  /** The proofs of the diabetes line's minimum requirements, deposited with the referential's. */
  static final String[] DIABETES_PROOFS = {"DIA_1.1.1.png", "DIA_1.1.2.log", "DIA_2.1.1.pdf"};

  /**
   * alice applies for the diabetes line (as an ETAPES vendor or not; her company already has a Convergence account),
   * ana finds it admissible, alice signs the convention and sends her evidence from the page her task links to.
   * Screenshots {@code <shots>-01} to {@code -06}.
   */
  ProcessInstance applyAndSendEvidence(boolean fromEtapes, String shots) throws Exception {
    signIn("alice");
    openStartForm(PROCESS_NAME);
    fillValidCandidature();
    if (!fromEtapes) {
      startWithoutALine(shots);
    }
    checklist("Field_GenericLines", "Télésurveillance du diabète", true);
    setCheckbox("Field_FromEtapes", fromEtapes);
    screenshot(shots + "-01-alice-start-form");
    startProcess();
    ProcessInstance dossier = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("generic-line").list().stream()
        .filter(pi -> "alice".equals(runtimeService.getVariable(pi.getId(), "applicant"))
            && Boolean.valueOf(fromEtapes).equals(runtimeService.getVariable(pi.getId(), "fromEtapes")))
        .findFirst().orElse(null));
    String number = dossier.getBusinessKey();
    work(VENDOR_FILTER, dossier, "Task_DepositAdministrativeDossier", "Déposer le dossier administratif",
        shots + "-02-alice-submits-administrative-dossier",
        () -> radio("Field_DepositAction", "Envoyer le dossier administratif à l’ANS"));
    signOut();
    signIn("ana");
    work(ANS, dossier, "Task_ReviewAdmissibility", "Examiner la recevabilité", shots + "-03-ana-finds-it-admissible",
        () -> radio("Field_AdmissibilityDecision", "Recevable"));
    signOut();
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_SignConvention", "Signer la convention", shots + "-04-alice-signs-convention",
        () -> {
          type("Field_SignatoryName", "Alice Martin");
          setCheckbox("Field_ConventionSigned", true);
        });
    // a proof of a line the dossier does not claim is refused with the whole archive, on the page
    String[] evidence = followEvidenceLink(number);
    java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("parcours-evidence-");
    send(java.nio.file.Files.write(folder.resolve(evidence[1]), fr.parcours.evidence.Zips.with("ICA_1.1.1.png")
        .bytes()));
    org.openqa.selenium.WebElement refused = waiting.until(org.openqa.selenium.support.ui.ExpectedConditions
        .visibilityOfElementLocated(org.openqa.selenium.By.cssSelector("[role=alert]")));
    assertThat(refused.getText()).contains("une exigence de la ligne générique « Télésurveillance de l’insuffisance"
        + " cardiaque », que ce dossier ne demande pas (il demande : Télésurveillance du diabète)");
    // the page lists the line's minimum requirements beside the referential's
    assertThat(browser.getPageSource()).contains("DIA 1 Recueillir les glycémies du patient")
        .contains("(ligne générique « Télésurveillance du diabète »)");
    screenshot(shots + "-05a-alice-proof-of-another-line-refused");
    browser.get(tasklist());
    sendCompleteEvidenceAndSubmit(dossier, number, shots + "-05-alice-evidence-page-complete",
        shots + "-06-alice-submits-evidence", DIABETES_PROOFS);
    signOut();
    return dossier;
  }

  /**
   * alice presses « Démarrer » without a line (a required field at the top of the long form, while she is at its
   * button): the pinned notice names the field and why, in sight; its name takes her to the field. No dossier.
   */
  void startWithoutALine(String shots) {
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("generic-line").count();
    startProcess();
    org.openqa.selenium.WebElement notice = waiting.until(org.openqa.selenium.support.ui.ExpectedConditions
        .visibilityOfElementLocated(org.openqa.selenium.By.xpath("//*[contains(@class,'modal-body')]"
            + "//*[contains(@class,'alert-danger')][contains(normalize-space(.),'Lignes génériques demandées')]")));
    assertThat(notice.getText()).contains("Le processus n’a pas pu démarrer")
        .contains("Corrigez ce champ du formulaire (son nom y mène) :")
        .contains("« Lignes génériques demandées » : Ce champ est obligatoire.");
    assertThat(inSight(notice)).as("the refusal is in sight at the button she pressed").isTrue();
    screenshot(shots + "-00-alice-start-without-a-line", false);
    notice.findElement(org.openqa.selenium.By.linkText("« Lignes génériques demandées »")).click();
    waiting.until(d -> inSight(fieldBox("Field_GenericLines")));
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("generic-line").count())
        .as("no dossier is created").isEqualTo(before);
  }

  boolean inSight(org.openqa.selenium.WebElement element) {
    return (Boolean) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("const box = arguments[0]"
        + ".getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight;", element);
  }

  @Test
  void shouldTakeAGenericLineDossierFromTheStartFormThroughBothCertificationsAndTheFilingToItsCode()
      throws Exception {
    ProcessInstance dossier = applyAndSendEvidence(false, "generic");
    String number = dossier.getBusinessKey();
    assertThat(runtimeService.getVariable(dossier.getId(), "genericLines")).isEqualTo("DIABETES");

    // the ANS certifies the referential, then, in the same track, each line's minimum requirements
    anaCertifies(dossier, "generic-07-ana-certifies-referential", "generic-08-ana-certifies-line");

    // the ministry records the filing received from Démarches Simplifiées: the ministers' 60 days start
    signIn("marc");
    String today = LocalDate.now(ZoneId.of("Europe/Paris")).format(US_DATE);
    work(MINISTRY, dossier, "Task_RecordDsFiling", "Enregistrer le dépôt Démarches Simplifiées",
        "generic-09-marc-records-ds-filing", () -> {
          type("Field_DsDossierNumber", "4242");
          date("Field_DsReceivedDate", today);
        });
    work(MINISTRY, dossier, "Task_EvaluateApplication", "Évaluer la demande", "generic-10-marc-decides", () -> {
      // the ministers read how long the vendor would have to answer them (the table's row, not theirs to set)
      waiting.until(d -> formText().contains("dispose de 15 jours pour les fournir (table des délais)"));
      radio("Field_MinistersDecision", "Décision favorable (arrêté)");
    });
    work(MINISTRY, dossier, "Task_AllocateCode", "Attribuer le code individuel", "generic-11-marc-allocates-code",
        () -> type("Field_LppCode", "1100017"));
    signOut();

    signIn("nadia");
    work(CNAM, dossier, "Task_UpdateCnamBases", "Mettre à jour les bases CNAM", "generic-12-nadia-updates-bases",
        () -> {
          waiting.until(d -> formText().contains("1100017"));
          setCheckbox("Field_CnamBasesUpdated", true);
        });
    signOut();

    HistoricProcessInstance ended = waiting.until(d -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(dossier.getId()).finished().singleResult());
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_CodeAllocated");
    List<String> subjects = waiting.until(d -> {
      List<String> received = mailSubjects();
      return received.contains("Dossier " + number + " : code individuel attribué") ? received : null;
    });
    assertThat(subjects).contains("Dossier " + number + " : certificat de conformité délivré",
        "Dossier " + number + " : certification des lignes génériques",
        "Dossier " + number + " : demande reçue par les ministres");

    // walk 22: the ANS rows of a generic-line dossier cited the PECAN fiche as if it were hers; they cite it only
    // where no other text gives the length, and say so
    signIn("alice");
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    WebElement analysis = waiting.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr[data-window='ANS_ANALYSIS']")));
    assertThat(analysis.getText()).contains("« Mes étapes pour obtenir la prise en charge anticipée », étape 11.a"
        + " (seule cette fiche en donne la durée, que Parcours applique à la certification ANS de chaque voie)");
    for (WebElement row : browser.findElements(By.cssSelector("tr[data-window]"))) {
      if (row.getText().contains("prise en charge anticipée")) {
        assertThat(row.getText()).as(row.getAttribute("data-window")).contains("seule cette fiche en donne la durée");
      }
    }
    scrollTo(analysis);
    screenshot("generic-13-alice-dossier-ans-sources", false);
    browser.get(tasklist());
    signOut();
  }

  @Test
  void shouldGiveAnEtapesVendorItsProvisionalCertificateAndABillingCode() throws Exception {
    ProcessInstance dossier = applyAndSendEvidence(true, "generic-etapes");
    String number = dossier.getBusinessKey();

    // the evidence is complete: ana issues the provisional certificate, with the date compliance must be proved by
    signIn("ana");
    LocalDate lastDay = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(120);
    work(ANS, dossier, "Task_IssueProvisionalCertificate", "Délivrer le certificat provisoire",
        "generic-etapes-07-ana-issues-provisional-certificate", () -> {
          type("Field_ProvisionalCertificateNumber", "CP-" + number);
          date("Field_ComplianceLastDay", lastDay.format(US_DATE));
        });
    signOut();

    // alice requests her billing code; nadia at the CNAM allocates it within the 15 days
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_RequestBillingCode", "Demander un code de facturation",
        "generic-etapes-08-alice-requests-billing-code", () -> type("Field_BillingRequestReference", "DS-7001"));
    signOut();
    signIn("nadia");
    work(CNAM, dossier, "Task_AllocateBillingCode", "Attribuer le code de facturation",
        "generic-etapes-09-nadia-allocates-billing-code", () -> type("Field_BillingCode", "FAC-2026-0717"));
    signOut();

    waiting.until(d -> historyService.createHistoricActivityInstanceQuery().processInstanceId(dossier.getId())
        .activityId("EndEvent_BillingCodeAllocated").finished().count() == 1);
    assertThat(runtimeService.getVariable(dossier.getId(), "provisionalCertificateDueOn")).isEqualTo(
        java.util.Date.from(lastDay.atStartOfDay(ZoneId.of("Europe/Paris")).toInstant()));
    List<String> subjects = waiting.until(d -> {
      List<String> received = mailSubjects();
      return received.contains("Dossier " + number + " : code de facturation attribué") ? received : null;
    });
    assertThat(subjects).contains("Dossier " + number + " : certificat provisoire");

    // the evidence conforms before the date: the final certificate replaces the provisional one, and alice reads
    // on /devices one certificate in force, the provisional one become final
    anaCertifies(dossier, "generic-etapes-10-ana-certifies-referential", "generic-etapes-11-ana-certifies-line");
    waiting.until(d -> historyService.createHistoricActivityInstanceQuery().processInstanceId(dossier.getId())
        .activityId("EndEvent_ProvisionalCertificateFinal").finished().count() == 1);
    signIn("alice");
    browser.get("http://localhost:" + port + "/devices");
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "CP-" + number));
    WebElement certificates = browser.findElements(By.cssSelector("section.device")).stream()
        .filter(section -> section.getText().contains("CP-" + number)).findFirst().orElseThrow();
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", certificates);
    screenshot("generic-etapes-12-alice-devices-provisional-become-final", false);
    String device = certificates.getText();
    assertThat(device).contains("Devenu définitif le").contains("remplacé par le certificat définitif CC-" + number)
        .doesNotContain("Échu").doesNotContain("caduc");
    // one certificate of the ANS referential in force (the line's requirements are another referential's)
    assertThat(device.lines().filter(row -> row.contains("En vigueur") && row.contains("Référentiel d’interopérabilité")))
        .as(device).singleElement().asString().startsWith("CC-" + number);
    browser.get(tasklist());
    signOut();
  }

  /** ana finds the evidence conforming (the referential certified), then certifies the diabetes line's requirements. */
  private void anaCertifies(ProcessInstance dossier, String referentialShot, String lineShot) {
    signIn("ana");
    work(ANS_QUEUE, dossier, "Task_ReviewEvidence", "Examiner les preuves", referentialShot,
        () -> {
          waiting.until(d -> formText().contains("(ligne générique « Télésurveillance du diabète »)"));
          radio("Field_EvidenceDecision", "Conformes : délivrer le certificat");
        });
    work(ANS, dossier, "Task_CertifyLineRequirements", "Certifier les exigences des lignes génériques", lineShot,
        () -> {
          waiting.until(d -> formText().contains("DIA 2.1.1 déposée dans l’envoi 1"));
          checklist("Field_CertifiedGenericLines", "Télésurveillance du diabète", true);
        });
    signOut();
  }
}
