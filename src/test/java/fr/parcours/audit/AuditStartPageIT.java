package fr.parcours.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.PageForms;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * "Ouvrir un audit" on {@code /audits/certificates}, as the webapps' signed-in users use it: the auditor opens the
 * audit of a certificate through the engine, as herself, and lands on its dossier (its first task follows the mail
 * step); refused on the page with a French sentence, nothing started: no page token, an empty scope, a withdrawn
 * certificate, a certificate already under audit (for another scope), and the page refused to a vendor. The same
 * audit asked twice lands on the first.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=audit-start-page")
@ActiveProfiles({"test", "demo"})
class AuditStartPageIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final Instant ISSUED = Instant.parse("2026-11-02T09:00:00Z");

  @Autowired TestRestTemplate rest;
  @Autowired DeviceRecords records;
  @Autowired RuntimeService runtime;

  String certificate;
  String withdrawn;

  @BeforeEach
  void certificatesOfMediSoft() {
    certificate = issued("CardioWatch");
    withdrawn = issued("OldScope");
    records.withdraw(withdrawn, "Non-conformité avérée", ISSUED.plusSeconds(60));
  }

  String issued(String device) {
    String number = "CC-" + UUID.randomUUID().toString().substring(0, 8);
    records.certificateIssued(new DeviceFacts("vendor-medisoft", "MediSoft SAS", device + number, "2.1", null, null),
        number, DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, null, null, "ans-certification");
    return number;
  }

  long audits() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ComplianceAuditProcess.KEY).count();
  }

  /** Posts the page's form with that token (null: none), as the page read once and kept open does. */
  ResponseEntity<String> open(BrowserSession session, String number, String scope, String token) {
    Map<String, String> fields = new LinkedHashMap<>(Map.of("certificate", number, "scope", scope));
    if (token != null) {
      fields.put("csrf", token);
    }
    return session.submit("/audits/certificates", fields);
  }

  @Test
  void shouldOpenTheAuditAsTheAuditorAndRefuseEveryBadInputOnThePage() {
    BrowserSession odile = BrowserSession.signedIn(rest, "odile");
    assertThat(odile.page("/audits/certificates").getBody()).contains("id=\"open-" + certificate + "\"")
        .contains("Ouvrir un audit").doesNotContain("id=\"open-" + withdrawn + "\"");
    long before = audits();
    String token = PageForms.token(odile, "/audits/certificates");

    ResponseEntity<String> noToken = open(odile, certificate, "Déploiement 2.1", null);
    assertThat(noToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(noToken.getBody()).contains("La page a expiré").contains("Aucun audit n’a été ouvert");
    ResponseEntity<String> noScope = open(odile, certificate, "  ", token);
    assertThat(noScope.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noScope.getBody()).contains("Objet de l’audit : le champ est vide");
    ResponseEntity<String> withdrawnOne = open(odile, withdrawn, "Déploiement", token);
    assertThat(withdrawnOne.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(withdrawnOne.getBody()).contains("« " + withdrawn + " » a déjà été retiré");
    assertThat(audits()).isEqualTo(before);

    // opened: the auditor lands on the audit's dossier page (its first task comes after the mail step)
    ResponseEntity<String> opened = open(odile, certificate, "Déploiement de la version 2.1 au CHU de Nantes", token);
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.OK);
    Matcher title = Pattern.compile("<h1>Dossier (DMN-2026-[2-9A-HJ-NP-Z]{5})</h1>").matcher(opened.getBody());
    assertThat(title.find()).as(opened.getBody()).isTrue();
    ProcessInstance audit = runtime.createProcessInstanceQuery().processInstanceBusinessKey(title.group(1))
        .processDefinitionKey(ComplianceAuditProcess.KEY).singleResult();
    assertThat(runtime.getVariables(audit.getId())).containsEntry(ComplianceAuditProcess.AUDITOR, "odile")
        .containsEntry(ComplianceAuditProcess.CERTIFICATE_NUMBER, certificate);
    assertThat(audits()).isEqualTo(before + 1);

    // the same audit asked again (a double click: same certificate, same scope): answered as the first, on its
    // dossier, where it was refused "already under audit"; nothing more opened
    ResponseEntity<String> doubleClick = open(odile, certificate, "Déploiement de la version 2.1 au CHU de Nantes",
        token);
    assertThat(doubleClick.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(doubleClick.getBody()).contains("<h1>Dossier " + title.group(1) + "</h1>")
        .doesNotContain("Un audit est déjà en cours");
    assertThat(audits()).isEqualTo(before + 1);

        // the same certificate again: refused, the list now links to the running audit
    ResponseEntity<String> again = open(odile, certificate, "Encore", token);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(again.getBody()).contains("Un audit est déjà en cours sur le certificat « " + certificate + " » (dossier "
        + title.group(1) + ")");
    assertThat(odile.page("/audits/certificates").getBody()).contains("Audit en cours : " + title.group(1))
        .doesNotContain("id=\"open-" + certificate + "\"");
    assertThat(audits()).isEqualTo(before + 1);
    runtime.deleteProcessInstance(audit.getId(), "test over");
  }

  @Test
  void shouldOfferOnlyTheCertificateInForceAfterARecertificationAndShowTheReplacedOneAsSuch() {
    // a device certified, then re-certified (a new certificate of the same device and referential, a day later)
    String device = "Recert" + UUID.randomUUID().toString().substring(0, 8);
    DeviceFacts facts = new DeviceFacts("vendor-medisoft", "MediSoft SAS", device, "2.1", null, null);
    String old = "CC-OLD-" + device;
    String renewed = "CC-NEW-" + device;
    records.certificateIssued(facts, old, DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, null, null,
        "ans-certification");
    records.certificateIssued(facts, renewed, DeviceRecords.ANS_REFERENTIAL, "2027", ISSUED.plus(Duration.ofDays(1)),
        null, null, null, "device-life");

    // the auditors' page offers the new one only
    BrowserSession odile = BrowserSession.signedIn(rest, "odile");
    assertThat(odile.page("/audits/certificates").getBody()).contains("id=\"open-" + renewed + "\"")
        .doesNotContain("id=\"open-" + old + "\"");
    // the old one posted anyway (a page kept open since before the re-certification): refused, naming the new one
    long before = audits();
    ResponseEntity<String> replaced = open(odile, old, "Déploiement", PageForms.token(odile, "/audits/certificates"));
    assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(replaced.getBody()).contains("Le certificat « " + old + " » a été remplacé le 3 novembre 2026 par le"
        + " certificat « " + renewed + " »").contains("auditez le certificat « " + renewed + " »");
    assertThat(audits()).isEqualTo(before);

    // the vendor's /devices: the old one replaced (kept, with its day and successor), the new one in force
    String devices = BrowserSession.signedIn(rest, "alice").page("/devices").getBody();
    assertThat(devices).contains("Remplacé le 3 novembre 2026 par le certificat " + renewed);
    String newRow = devices.substring(devices.indexOf(renewed + "</span>"));
    assertThat(newRow.substring(0, newRow.indexOf("</tr>"))).contains("En vigueur");
    String oldRow = devices.substring(devices.indexOf(old + "</span>"));
    assertThat(oldRow.substring(0, oldRow.indexOf("</tr>"))).doesNotContain("En vigueur");
  }

  @Test
  void shouldRefuseAVendorThePageAndItsPost() {
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    long before = audits();
    ResponseEntity<String> post = open(alice, certificate, "Moi-même", "forged");
    assertThat(post.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post.getBody()).contains("Seuls les auditeurs de l’ANS ouvrent un audit de conformité");
    assertThat(audits()).isEqualTo(before);
  }
}
