package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.device.DeviceRecords.RegistrationKind;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A compliance audit walked in a real browser, by the demo users whose groups do each step: odile (ANS auditor)
 * opens the audit of MediSoft's certificate from the auditors' list ("Ouvrir un audit", with its scope; a scope of
 * blanks refused on the page), lands on its first task and records a proven non-conformity from her filter; alice (MediSoft) files the correction from her company's filter; odile refuses it with her reasons, so the
 * certificate is withdrawn; alice reads the withdrawal and its reasons on {@code /devices} and the audit on its
 * dossier page; bruno (TéléCardio) finds neither. Screenshots: {@code target/screenshots/audit-*.png}.
 */
// its own application context, so that its dossiers are alone in the queues; the job executor runs the mails
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-compliance-audit", "camunda.bpm.job-execution.enabled=true",
        "parcours.start.first-task-wait=PT20S"})
class ComplianceAuditBrowserIT extends BrowserTestBase {

  static final String AUDITORS = "Audit ANS — toutes les tâches";
  static final String CERTIFICATE = "CC-DMN-2026-AUDIT";
  /**
   * The audited device, this walk's own: the other walks' ANS rounds certify CardioWatch 2.1 in the same database, and
   * one certificate is in force per device, the newest.
   */
  static final String DEVICE = "AuditWatch";
  static final String SCOPE = "Déploiement d’" + DEVICE + " 2.1 au CHU de Nantes";
  static final String REGISTRATION = "JORF n° 0042 (audit)";
  static final String REASONS = "La version 2.1 déployée ne qualifie toujours pas l’identité INS (exigence INS 2).";

  @Autowired DeviceRecords records;

  @Test
  void shouldAuditACertifiedDeviceFromTasklistToTheWithdrawalTheVendorReadsOnItsDevicesPage() throws Exception {
    DeviceFacts cardio = new DeviceFacts("vendor-medisoft", "MediSoft SAS", DEVICE, "2.1", "SOCLE", null);
    records.certificateIssued(cardio, CERTIFICATE, DeviceRecords.ANS_REFERENTIAL, "2025",
        Instant.now().minus(Duration.ofDays(90)), null, null, "walk", "ANS");
    // its brand-name order, which rests on that certificate
    records.registered(cardio, RegistrationKind.BRAND_NAME, REGISTRATION, LocalDate.now().minusDays(30),
        LocalDate.now().plusYears(5), null, "walk-order", Instant.now());

    // odile opens the audit from the auditors' list of certificates in force, with its scope
    signIn("odile");
    assertThat(filterNames()).contains(AUDITORS);
    browser.get("http://localhost:" + port + "/audits/certificates");
    By openAudit = By.id("open-" + CERTIFICATE);
    waiting.until(ExpectedConditions.visibilityOfElementLocated(openAudit));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("MediSoft SAS").contains(DEVICE + " 2.1");
    screenshot("audit-00-odile-certificates-in-force", true);
    // a scope of blanks passes the browser's check, not the server's: a sentence on the page, nothing opened
    browser.findElement(By.id("scope-" + CERTIFICATE)).sendKeys("   ");
    browser.findElement(openAudit).click();
    WebElement problem = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
    assertThat(problem.getText()).contains("Objet de l’audit : le champ est vide");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("compliance-audit").count()).isZero();
    screenshot("audit-01-odile-empty-scope-refused", true);
    WebElement scope = browser.findElement(By.id("scope-" + CERTIFICATE));
    scope.clear();
    scope.sendKeys(SCOPE);
    browser.findElement(openAudit).click();
    // the audit starts as odile, and she lands on its first task in Tasklist
    waiting.until(d -> d.getCurrentUrl().contains("#/?task="));
    ProcessInstance audit = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("compliance-audit").variableValueEquals("certificateNumber", CERTIFICATE)
        .singleResult());
    assertThat(runtimeService.getVariable(audit.getId(), "auditor")).isEqualTo("odile");
    String number = audit.getBusinessKey();
    waiting.until(d -> formText().contains("CHU de Nantes"));
    screenshot("audit-01b-odile-landed-on-the-findings-task");

    work(AUDITORS, audit, "Task_RecordFindings", "Consigner les constats de l’audit",
        "audit-02-odile-records-non-conformity", () -> {
          waiting.until(d -> formText().contains("CHU de Nantes"));
          radio("Field_NonConformityProven", "Non-conformité avérée : demander sa correction");
          type("Field_NonConformityDescription", "INS 2 : l’identité INS n’est plus qualifiée dans la version"
              + " déployée.");
        });
    signOut();

    // alice corrects from her company's tasks; bruno's company sees nothing of it
    signIn("bruno");
    openFilter(VENDOR_FILTER);
    assertThat(visibleTaskListText()).doesNotContain(number);
    signOut();
    signIn("alice");
    work(VENDOR_FILTER, audit, "Task_CorrectNonConformity", "Corriger la non-conformité",
        "audit-03-alice-files-correction", () -> {
          waiting.until(d -> formText().contains("l’identité INS n’est plus qualifiée"));
          // F18: her dossier corresponds in French, so the time limit is in French only
          assertThat(formText()).containsPattern("la correction jusqu’au \\d+(er)? \\S+ \\d{4} inclus ;")
              .doesNotContain("time limit").doesNotContain("included");
          type("Field_CorrectionDescription", "Version 2.1.1 déployée : l’identité est qualifiée par INSi.");
        });
    signOut();

    // odile refuses the correction, with her reasons: the certificate is withdrawn
    signIn("odile");
    work(AUDITORS, audit, "Task_CheckCorrection", "Vérifier la correction", "audit-04-odile-refuses-correction",
        () -> {
          waiting.until(d -> formText().contains("INSi"));
          radio("Field_CorrectionAccepted", "Refusée : retirer le certificat");
          type("Field_WithdrawalReasons", REASONS);
        });
    signOut();
    HistoricProcessInstance ended = waiting.until(d -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(audit.getId()).finished().singleResult());
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_CertificateWithdrawn");

    // alice reads the withdrawal and its reasons on her devices page, and the audit on its dossier page
    signIn("alice");
    browser.get("http://localhost:" + port + "/devices");
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), CERTIFICATE));
    String devices = browser.findElement(By.tagName("body")).getText();
    assertThat(devices).contains(DEVICE).contains("Retiré le").contains(REASONS);
    // its brand-name registration no longer reads plainly "En cours": it has no certificate since the withdrawal
    String registration = registrationRow();
    assertThat(registration).contains("En cours selon la décision des ministres, mais sans certificat de conformité"
        + " depuis le " + today() + " (retiré) : la renouveler ou en demander une autre exige un nouveau certificat.");
    screenshot("audit-05-alice-devices-withdrawn", true);
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), number));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Certificat retiré")
        // F19: the correction window's rule in French (it read "Non-conformity notified to the vendor")
        .contains("point de départ : Notification de la non-conformité à l’industriel ; source : guide « DMN à visée thérapeutique ou diagnostique » (avril 2025), point 6.2 (le guide"
            + " ne fixe pas de durée").doesNotContain("Non-conformity notified").doesNotContain("the guide sets");
    screenshot("audit-06-alice-audit-dossier", true);
    List<String> subjects = waiting.until(d -> {
      List<String> received = mailSubjects();
      return received.contains("Audit " + number + " : retrait du certificat de conformité " + CERTIFICATE)
          ? received : null;
    });
    assertThat(subjects).contains("Audit " + number + " : audit de conformité du certificat " + CERTIFICATE);
    signOutFromTasklist();

    // bruno (TéléCardio) finds neither the audit nor the device, nor the auditors' list
    signIn("bruno");
    browser.get("http://localhost:" + port + "/audits/certificates");
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
        "Page réservée aux auditeurs de l’ANS"));
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(CERTIFICATE);
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Dossier introuvable"));
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(DEVICE);
    // F16: the page's menu as on every page, his name and "Mes dossiers" (it read "Dossiers", no name)
    assertThat(browser.findElement(By.cssSelector("header.bar")).getText()).contains("Mes dossiers").contains("bruno");
    screenshot("audit-07-bruno-audit-not-found");
    browser.get("http://localhost:" + port + "/dossiers");
    waiting.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(number);
    browser.get("http://localhost:" + port + "/devices");
    waiting.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(CERTIFICATE)
        .doesNotContain(DEVICE);
    signOutFromTasklist();

    // odile, a reviewer, reads on /devices the very row alice read
    signIn("odile");
    browser.get("http://localhost:" + port + "/devices");
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), REGISTRATION));
    assertThat(registrationRow()).isEqualTo(registration);
    screenshot("audit-08-odile-devices-registration-without-certificate", true);
    signOutFromTasklist();
  }

  /** The text of the brand-name registration's row on /devices. */
  String registrationRow() {
    return browser.findElement(By.xpath("//table[contains(@class,'registrations')]//tr[td[normalize-space(.)='"
        + REGISTRATION + "']]")).getText();
  }

  /** Today as the pages write a day, in Paris. */
  static String today() {
    return LocalDate.now(ZoneId.of("Europe/Paris")).format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH))
        .replaceFirst("^1 ", "1er ");
  }

  /** Back from the application's pages to Tasklist, then signs out there. */
  void signOutFromTasklist() {
    browser.get(tasklist());
    signOut();
  }
}
