package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A compliance audit walked in a real browser, by the demo users whose groups do each step: odile (ANS auditor)
 * picks MediSoft's certificate from the auditors' list and opens the audit from Tasklist's start form and records a proven non-conformity from her
 * filter; alice (MediSoft) files the correction from her company's filter; odile refuses it with her reasons, so the
 * certificate is withdrawn; alice reads the withdrawal and its reasons on {@code /devices} and the audit on its
 * dossier page; bruno (TéléCardio) finds neither. Screenshots: {@code target/screenshots/audit-*.png}.
 */
// its own application context, so that its dossiers are alone in the queues; the job executor runs the mails
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-compliance-audit", "camunda.bpm.job-execution.enabled=true"})
class ComplianceAuditBrowserIT extends BrowserTestBase {

  static final String AUDITORS = "Audit ANS — toutes les tâches";
  static final String CERTIFICATE = "CC-DMN-2026-AUDIT";
  static final String SCOPE = "Déploiement de CardioWatch 2.1 au CHU de Nantes";
  static final String REASONS = "La version 2.1 déployée ne qualifie toujours pas l’identité INS (exigence INS 2).";

  @Autowired DeviceRecords records;

  @Test
  void shouldAuditACertifiedDeviceFromTasklistToTheWithdrawalTheVendorReadsOnItsDevicesPage() throws Exception {
    records.certificateIssued(new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch", "2.1", "SOCLE", null),
        CERTIFICATE, DeviceRecords.ANS_REFERENTIAL, "2025", Instant.now().minus(Duration.ofDays(90)), null, null,
        "walk", "ANS");

    // odile picks the certificate from the auditors' list, which opens Tasklist's start form with its number
    signIn("odile");
    assertThat(filterNames()).contains(AUDITORS);
    browser.get("http://localhost:" + port + "/audits/certificates");
    By openAudit = By.xpath("//tr[td[normalize-space(.)='" + CERTIFICATE + "']]//a[normalize-space(.)='Ouvrir l’audit']");
    waiting.until(ExpectedConditions.visibilityOfElementLocated(openAudit));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("MediSoft SAS").contains("CardioWatch 2.1");
    screenshot("audit-00-odile-certificates-in-force", true);
    browser.findElement(openAudit).click();
    waiting.until(ExpectedConditions.visibilityOfElementLocated(field("Field_CertificateNumber")));
    // Tasklist may draw the start form a second time after opening it from a link: type the scope until the form
    // holds it, and the number the link wrote, for a second and a half
    waiting.until(d -> {
      WebElement scope = d.findElement(field("Field_AuditScope"));
      if (!SCOPE.equals(scope.getAttribute("value"))) {
        scope.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        scope.sendKeys(SCOPE);
        return false;
      }
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return SCOPE.equals(d.findElement(field("Field_AuditScope")).getAttribute("value"))
          && CERTIFICATE.equals(d.findElement(field("Field_CertificateNumber")).getAttribute("value"));
    });
    dismissBanners();
    screenshot("audit-01-odile-start-form");
    startProcess();
    ProcessInstance audit = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("compliance-audit").variableValueEquals("certificateNumber", CERTIFICATE)
        .singleResult());
    String number = audit.getBusinessKey();

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
    assertThat(devices).contains("CardioWatch").contains("Retiré le").contains(REASONS);
    screenshot("audit-05-alice-devices-withdrawn", true);
    browser.get("http://localhost:" + port + "/dossiers/" + number);
    waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), number));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Certificat retiré");
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
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("CardioWatch");
    screenshot("audit-07-bruno-audit-not-found");
    browser.get("http://localhost:" + port + "/dossiers");
    waiting.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(number);
    browser.get("http://localhost:" + port + "/devices");
    waiting.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(CERTIFICATE)
        .doesNotContain("CardioWatch");
    signOutFromTasklist();
  }

  /** Back from the application's pages to Tasklist, then signs out there. */
  void signOutFromTasklist() {
    browser.get(tasklist());
    signOut();
  }
}
