package fr.parcours.devicelife;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.ans.AnsProcess;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.Candidatures;
import fr.parcours.support.PageForms;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The cycle actions of {@code /devices} as the webapps' signed-in vendors use them: the buttons each certificate
 * offers, a cycle started through the engine as the vendor and the landing on its dossier, and the refusals, each
 * a French sentence on /devices with nothing started: no page token, a reviewer, another company's certificate, a
 * withdrawn certificate renewed, one in force applied for again, a re-certification with nothing newer, an action
 * that is not one.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parcours.test.context=cycle-actions")
@ActiveProfiles({"test", "demo"})
class CycleActionsIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final Instant ISSUED = Instant.parse("2026-11-02T09:00:00Z");

  @Autowired TestRestTemplate rest;
  @Autowired DeviceRecords records;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;

  String inForce;
  String withdrawn;

  /** Two certificates of alice's company, each from an ANS dossier of hers whose candidature the cycle carries. */
  @BeforeEach
  void certificatesOfMediSoft() {
    inForce = certificate("Cardio");
    withdrawn = certificate("Pneumo");
    records.withdraw(withdrawn, "Non-conformité SEC 1.2 non corrigée", ISSUED.plusSeconds(60));
  }

  String certificate(String name) {
    Map<String, Object> form = new LinkedHashMap<>(Candidatures.valid());
    String device = name + "-" + UUID.randomUUID().toString().substring(0, 6);
    form.put("softwareName", device);
    identity.setAuthentication("alice", java.util.List.of("vendor-medisoft"));
    ProcessInstance ans;
    try {
      ans = runtime.startProcessInstanceByKey(AnsProcess.KEY, form);
    } finally {
      identity.clearAuthentication();
    }
    String number = "CC-" + ans.getBusinessKey();
    records.certificateIssued(new DeviceFacts("vendor-medisoft", "MediSoft SAS", device, "2.1", "SOCLE", null),
        number, DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null, ans.getBusinessKey(), ans.getId(),
        AnsProcess.KEY);
    return number;
  }

  /** The next asynchronous step of the cycle or of the track it calls (the job executor is off here). */
  Job nextJob(ProcessInstance cycle) {
    return management.createJobQuery().messages().withRetriesLeft().list().stream()
        .filter(job -> job.getProcessInstanceId().equals(cycle.getId()) || runtime.createProcessInstanceQuery()
            .processInstanceId(job.getProcessInstanceId()).superProcessInstanceId(cycle.getId()).count() > 0)
        .findFirst().orElse(null);
  }

  long cycles() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(DeviceLifeProcess.KEY).count();
  }

  /** Posts an action as the page's form does; a refusal is read on /devices, where the answer sends back. */
  ResponseEntity<String> act(BrowserSession session, String certificate, String reason, boolean withToken) {
    return act(session, certificate, reason, "3.0", withToken);
  }

  ResponseEntity<String> act(BrowserSession session, String certificate, String reason, String newVersion,
      boolean withToken) {
    Map<String, String> form = new LinkedHashMap<>(Map.of("certificate", certificate, "reason", reason));
    if (newVersion != null) {
      form.put("newVersion", newVersion);
    }
    return PageForms.post(session, "/devices", "/devices/cycles", new LinkedHashMap<>(form), withToken);
  }

  /** The page the answer lands on (this browser follows the answer's redirection, as a browser does). */
  String refusedOnDevices(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
    assertThat(answer.getBody()).contains("ispositifs et certificats").contains("id=\"cycle-problem\"");
    return answer.getBody();
  }

  @Test
  void shouldOfferEachCertificateTheCyclesItAllowsAndStartOneAsTheVendor() {
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    String page = alice.page("/devices").getBody();
    assertThat(page).contains("id=\"NEW_MODEL-" + inForce + "\"").contains("Nouveau modèle ou gamme")
        .doesNotContain("id=\"AFTER_WITHDRAWAL-" + inForce + "\"")
        .doesNotContain("id=\"REFERENTIAL_CHANGE-" + inForce + "\"") // no newer version published here
        .contains("id=\"AFTER_WITHDRAWAL-" + withdrawn + "\"").contains("Candidater à nouveau")
        .doesNotContain("id=\"NEW_MODEL-" + withdrawn + "\"");
    assertThat(BrowserSession.signedIn(rest, "ana").page("/devices").getBody()).as("reviewers see no action")
        .doesNotContain("/devices/cycles");
    long before = cycles();

    ResponseEntity<String> started = act(alice, inForce, "NEW_MODEL", true);

    // the mail step runs first (the job executor, off here): the vendor lands on the new dossier's page, which
    // says its evidence case
    assertThat(started.getStatusCode().is2xxSuccessful()).isTrue();
    Matcher title = Pattern.compile("<h1>Dossier (DMN-2026-[2-9A-HJ-NP-Z]{5})</h1>").matcher(started.getBody());
    assertThat(title.find()).as(started.getBody()).isTrue();
    String dossier = title.group(1);
    assertThat(started.getBody()).contains("cas (b)").contains(inForce);
    // and so does its evidence page, once the mail step has run and the ANS track has started
    ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(dossier)
        .processDefinitionKey(DeviceLifeProcess.KEY).singleResult();
    for (Job job = nextJob(running); job != null; job = nextJob(running)) {
      management.executeJob(job.getId());
    }
    assertThat(alice.page("/evidence/" + dossier).getBody()).contains("Preuves du dossier " + dossier)
        .contains("Dépôt des preuves, cas (b) — nouveau modèle ou nouvelle gamme").contains(inForce);
    assertThat(cycles()).isEqualTo(before + 1);
    ProcessInstance cycle = runtime.createProcessInstanceQuery().processInstanceBusinessKey(dossier)
        .processDefinitionKey(DeviceLifeProcess.KEY).singleResult();
    assertThat(runtime.getVariables(cycle.getId())).containsEntry("applicant", "alice")
        .containsEntry(DeviceLifeProcess.REASON, "NEW_MODEL").containsEntry(DeviceLifeProcess.PREVIOUS_CERTIFICATE,
            inForce);
    // the device now shows its running cycle, and no more action
    assertThat(alice.page("/devices").getBody()).contains("Cycle de certification en cours : dossier " + dossier)
        .doesNotContain("id=\"NEW_MODEL-" + inForce + "\"");
    runtime.deleteProcessInstance(cycle.getId(), "test over");
  }

  @Test
  void shouldRefuseWithASentenceOnDevicesAndStartNothing() {
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    long before = cycles();

    assertThat(refusedOnDevices(act(alice, inForce, "NEW_MODEL", false)))
        .contains("La page a expiré : rechargez-la, puis recommencez. Aucun cycle n’a été démarré.");
    assertThat(refusedOnDevices(act(alice, withdrawn, "NEW_MODEL", true)))
        .contains("a été retiré : il ne peut plus être renouvelé").contains("Candidater à nouveau");
    assertThat(refusedOnDevices(act(alice, inForce, "AFTER_WITHDRAWAL", true)))
        .contains("est en vigueur : « Candidater à nouveau » sert après le retrait d’un certificat");
    assertThat(refusedOnDevices(act(alice, inForce, "REFERENTIAL_CHANGE", true)))
        .contains("porte déjà sur la dernière version publiée du référentiel (2025)");
    // a new model posted without its version (the page's field is required; a forged post omits it), blank, or
    // under the version its certificate already certifies
    assertThat(refusedOnDevices(act(alice, inForce, "NEW_MODEL", null, true)))
        .contains("Version du nouveau modèle : donnez la version du nouveau modèle");
    assertThat(refusedOnDevices(act(alice, inForce, "NEW_MODEL", " ", true)))
        .contains("Version du nouveau modèle : donnez la version du nouveau modèle");
    assertThat(refusedOnDevices(act(alice, inForce, "NEW_MODEL", "2.1", true)))
        .contains("« 2.1 » est la version que le certificat « " + inForce + " » certifie déjà");
    assertThat(refusedOnDevices(act(alice, inForce, "EVERYTHING", true)))
        .contains("Choisissez l’une des actions du certificat");
    // the refusal is said once: the page read again shows it no more
    assertThat(alice.page("/devices").getBody()).doesNotContain("id=\"cycle-problem\"");

    // bruno, of TéléCardio, posts MediSoft's number in his own page's form
    records.certificateIssued(new DeviceFacts("vendor-telecardio", "TéléCardio SARL", "PulseNote", "1.0", null, null),
        "CC-" + UUID.randomUUID().toString().substring(0, 8), DeviceRecords.ANS_REFERENTIAL, "2025", ISSUED, null,
        null, null, AnsProcess.KEY);
    BrowserSession bruno = BrowserSession.signedIn(rest, "bruno");
    String brunos = refusedOnDevices(act(bruno, inForce, "NEW_MODEL", true));
    assertThat(brunos).contains("Aucun certificat de conformité de votre entreprise ne porte le numéro « " + inForce)
        .doesNotContain("Cardio-");
    BrowserSession ana = BrowserSession.signedIn(rest, "ana");
    // a reviewer's page carries no action token: she forges the post with the one of another page
    assertThat(refusedOnDevices(act(ana, inForce, "NEW_MODEL", true))).contains("La page a expiré");

    assertThat(cycles()).isEqualTo(before);
  }
}
