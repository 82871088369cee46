package fr.parcours.pecan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.evidence.CompanyDocuments;
import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.Zips;
import fr.parcours.support.Candidatures;
import fr.parcours.support.EngineSteps;
import fr.parcours.support.ProcessTestBase;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A PECAN dossier through the pages its users use: its number names the PECAN instance and the ANS track it
 * calls (both carry it), and the evidence page, the notification journal and the ministers' desk each find
 * the one dossier. The vendor sends her evidence from the page and the dossier goes on to the acknowledgement.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class PecanEvidencePageIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired EvidenceDeposits deposits;
  @Autowired PecanDesk desk;
  @Autowired CompanyDocuments documents;

  /** The dossier's ANS track, its administrative dossier deposited, found admissible and its convention signed. */
  ProcessInstance ansTrackAtTheEvidence(ProcessInstance pecan) {
    ProcessInstance ans = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(pecan.getId()).processDefinitionKey("ans-certification").singleResult();
    complete("alice", ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", ans, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "A. Martin"));
    return ans;
  }

  @Test
  void shouldLetTheVendorDepositPecanEvidenceFromThePageAndMoveOnToTheAcknowledgement() throws Exception {
    ProcessInstance pecan = applyForPecan();
    String number = pecan.getBusinessKey();
    ProcessInstance ans = ansTrackAtTheEvidence(pecan);
    assertThat(ans.getBusinessKey()).as("the ANS track carries the dossier's number too").isEqualTo(number);
    task(ans, "Task_DepositEvidence");

    // alice opens the page of her dossier from the link of her task, and sends her proofs there
    ResponseEntity<String> page = get("alice", "/evidence/" + number);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Preuves du dossier " + number).contains("Envoyer une archive");
    ResponseEntity<String> sent = send("alice", number, deposits.nextArchiveName(ans.getId()));
    assertThat(sent.getStatusCode()).as(sent.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(sent.getBody()).get("message").asText())
        .isEqualTo("Envoi 1 accepté : 7 fichier(s) de preuve. Preuves complètes.");

    // the ANS reviewer reads it; another company is told there is no such dossier
    assertThat(get("ana", "/evidence/" + number).getBody()).contains("<strong>Complet</strong> : 7 preuves déposées sur 7");
    ResponseEntity<String> bruno = get("bruno", "/evidence/" + number);
    assertThat(bruno.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(bruno.getBody()).contains("Aucun dossier en cours " + number + " que vous puissiez voir")
        .doesNotContain("PSC_1.1.1").doesNotContain("MediSoft");

    // the deposit completes, the Sésame file is complete: the ministers are asked to acknowledge receipt
    complete("alice", ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    complete("alice", pecan, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", true));
    complete("marc", pecan, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    assertThat(task(pecan, "Task_SendAcknowledgement").getName()).isEqualTo("Envoyer l’accusé de réception");

    // the ministers' desk finds the dossier by its number too, and acknowledges receipt: the analyses start
    as("marc", () -> {
      desk.acknowledge(number, LocalDate.of(2026, 12, 1), "AR-2026-0001");
      return null;
    });
    runJobs();
    task(ans, "Task_ReviewEvidence");

    // the journal of the dossier, asked by its number, holds the mails of the PECAN instance and of its ANS track
    JsonNode journal = JSON.readTree(api("alice", "/api/dossiers/" + number + "/notifications").getBody());
    List<String> instances = new ArrayList<>();
    journal.forEach(row -> instances.add(row.get("processInstanceId").asText()));
    assertThat(instances).contains(pecan.getId(), ans.getId());
    assertThat(JSON.readTree(api("alice", "/api/dossiers/" + ans.getId() + "/notifications").getBody()))
        .as("asked by the id of one of its instances: the same dossier").hasSize(journal.size());
    assertThat(api("bruno", "/api/dossiers/" + number + "/notifications").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  /**
   * Once the ANS part has ended, the evidence page told the vendor and the reviewer that no evidence was awaited, and
   * nothing more (walks of 3 December 2026): they want to read what was deposited and decided. The page shows the
   * deposits read-only, from history, each file still downloadable by the company and the ANS, and the review's
   * outcome; the other company still learns nothing, of the page or of a file. Tried: bruno on the page and on a
   * proof's address, a send to the closed dossier.
   */
  @Test
  void shouldShowWhatWasDepositedAndDecidedOnceTheAnsPartHasEnded() throws Exception {
    ProcessInstance pecan = applyForPecan();
    String number = pecan.getBusinessKey();
    ProcessInstance ans = ansTrackAtTheEvidence(pecan);
    assertThat(send("alice", number, deposits.nextArchiveName(ans.getId())).getStatusCode()).isEqualTo(HttpStatus.OK);
    complete("alice", ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    complete("alice", pecan, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", true));
    complete("marc", pecan, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    as("marc", () -> {
      desk.acknowledge(number, LocalDate.of(2026, 12, 1), "AR-2026-0001");
      return null;
    });
    runJobs();
    complete("ana", ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "REFUSED",
        "evidenceComment", "La vidéo PSC_1.1.1 ne montre pas l’authentification forte."));
    runJobs();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(ans.getId()).count())
        .as("the ANS part has ended").isZero();
    // the proof's address, as the page links it
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("/evidence/" + number + "/proofs/([^\"]+)\">"
        + "PSC_1\\.1\\.1\\.mp4").matcher(get("alice", "/evidence/" + number).getBody());
    assertThat(link.find()).as("a link to the deposited PSC_1.1.1.mp4").isTrue();
    String file = link.group(1);

    for (String person : List.of("alice", "ana")) {
      ResponseEntity<String> page = get(person, "/evidence/" + number);
      assertThat(page.getStatusCode()).as(person).isEqualTo(HttpStatus.OK);
      assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(page.getBody())).as(person)
          .contains("Preuves du dossier " + number, "La partie ANS de ce dossier est close depuis le",
              "(« Certification refusée ») : rien ne peut plus y être déposé",
              "Dernier examen des preuves : non conformes : certification refusée.",
              "« La vidéo PSC_1.1.1 ne montre pas l’authentification forte. »",
              "<strong>Complet</strong> : 7 preuves déposées sur 7", "PSC_1.1.1.mp4",
              "/evidence/" + number + "/proofs/" + file, "href=\"/dossiers/" + number + "\">← Le dossier " + number)
          .doesNotContain("Envoyer une archive", "Marquer invalide", "n’attend plus de preuves");
      ResponseEntity<byte[]> download = rest.withBasicAuth(person, person)
          .getForEntity("/evidence/" + number + "/proofs/" + file, byte[].class);
      assertThat(download.getStatusCode()).as(person).isEqualTo(HttpStatus.OK);
      assertThat(download.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment")
          .contains("PSC_1.1.1.mp4");
      assertThat(download.getBody()).isNotEmpty();
    }
    // nothing more can be sent to it
    ResponseEntity<String> late = send("alice", number, "MediSoft-SAS_CardioWatch_2.1_011226_2.zip");
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("alice", "/evidence/" + number).getBody()).contains("en 1 envoi(s)");
    // the other company: no such dossier, on the page and on the file's address
    ResponseEntity<String> bruno = get("bruno", "/evidence/" + number);
    assertThat(bruno.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(bruno.getBody()).contains("Aucun dossier en cours " + number + " que vous puissiez voir")
        .doesNotContain("PSC_1.1.1", "MediSoft", "close", "Certification refusée");
    ResponseEntity<byte[]> brunoFile = rest.withBasicAuth("bruno", "bruno")
        .getForEntity("/evidence/" + number + "/proofs/" + file, byte[].class);
    assertThat(brunoFile.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(new String(brunoFile.getBody(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Aucun dossier en cours").doesNotContain("MediSoft");
  }

  /** Issue 19: the Kbis extract is sent where it is asked; bad inputs tried: a ZIP named .pdf, another company. */
  @Test
  void shouldTakeTheKbisOnTheDossiersPageFromTheCompanyWhileTheRequestIsOpen() throws Exception {
    ProcessInstance pecan = applyForPecan(Map.of("hasConvergenceAccount", false));
    String number = pecan.getBusinessKey();
    ProcessInstance ans = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(pecan.getId()).processDefinitionKey("ans-certification").singleResult();
    task(ans, "Task_RequestConvergenceAccount");
    String kbisPage = "/evidence/" + number + "/kbis";

    // another company sees no such dossier and cannot send to it
    assertThat(get("bruno", kbisPage).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("bruno", kbisPage, "kbis", "kbis.pdf", ProcessTestBase.PDF).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    // a ZIP renamed .pdf is refused whole, saying why
    ResponseEntity<String> zip = post("alice", kbisPage, "kbis", "kbis.pdf", Zips.with("kbis.pdf").bytes());
    assertThat(zip.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(zip.getBody()).get("message").asText()).contains("n’est ni un PDF, ni une image");
    // the page leads back to the dossier and to the task that asked for the extract (it had no way back)
    assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(get("alice", kbisPage).getBody()))
        .contains("<a href=\"/dossiers/" + number + "\">← Le dossier " + number + "</a>")
        .contains("<a href=\"/dossiers/" + number + "/tache\">Revenir à la tâche « Demander un compte Convergence »</a>");
    // the PDF is kept
    ResponseEntity<String> sent = post("alice", kbisPage, "kbis", "kbis-medisoft.pdf", ProcessTestBase.PDF);
    assertThat(sent.getStatusCode()).as(sent.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(sent.getBody()).get("message").asText()).startsWith("Extrait Kbis reçu.");

    // the ANS reviewer reads and downloads it, but does not send one
    assertThat(get("ana", kbisPage).getBody()).contains("Reçu : <a href=\"" + kbisPage + "/file\">kbis-medisoft.pdf")
        .contains("<a href=\"/dossiers/" + number + "\">").doesNotContain("Envoyer l’extrait Kbis", "Revenir à la tâche");
    ResponseEntity<byte[]> file = rest.withBasicAuth("ana", "ana").getForEntity(kbisPage + "/file", byte[].class);
    assertThat(file.getBody()).isEqualTo(ProcessTestBase.PDF);
    assertThat(file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment");
    assertThat(post("ana", kbisPage, "kbis", "kbis.pdf", ProcessTestBase.PDF).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("bruno", "bruno").getForEntity(kbisPage + "/file", byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    // the request goes through now that the extract is there
    complete("alice", ans, "Task_RequestConvergenceAccount",
        Map.of("kbisProvided", true, "officerIdVerified", true, "representativeRegistered", true));
    task(ans, "Task_OpenConvergenceAccount");
  }

  /**
   * The walk of 3 December 2026 found a PECAN dossier's regulation page talking of the transitional phase. Bad inputs
   * tried: the page and a PDF sent to it for a PECAN dossier, by its vendor and by another company.
   */
  @Test
  void shouldSayThatANominalDossierHasNoRegulationToSign() throws Exception {
    ProcessInstance pecan = applyForPecan(Map.of("hasConvergenceAccount", false));
    String number = pecan.getBusinessKey();
    String regulation = "/evidence/" + number + "/regulation";

    ResponseEntity<String> page = get("alice", regulation);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(page.getBody()).contains("Le dossier " + number + " n’a pas de règlement à signer")
        .doesNotContain("Aucun règlement signé reçu");
    ResponseEntity<String> sent = post("alice", regulation, "regulation", "reglement.pdf", ProcessTestBase.PDF);
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(JSON.readTree(sent.getBody()).get("message").asText())
        .contains("seule une candidature de la phase transitoire de l’ANS en joint un");
    assertThat(documents.regulation(pecan.getId())).as("nothing kept").isEmpty();
    // its file's address says the same as the page, not that no file was received yet
    ResponseEntity<String> file = get("alice", regulation + "/file");
    assertThat(file.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(file.getBody()).contains("Le dossier " + number + " n’a pas de règlement à signer")
        .doesNotContain("Aucun fichier reçu");
    // another company still meets no such dossier, not a sentence about this one
    assertThat(get("bruno", regulation).getBody()).doesNotContain("règlement à signer");
  }

  /**
   * The last walk: the Kbis, evidence and regulation pages had no site menu, unlike /dossiers, and every refusal of
   * theirs was titled "Preuves". Each page and each refusal has the dossier pages' header (the person's name, "Mes
   * dossiers") and a title naming the page. Tried: another company's user, nobody signed in, a dossier without a
   * regulation, an unknown number.
   */
  @Test
  void shouldFrameTheEvidencePagesAndTitleTheirRefusalsAfterThePage() {
    ProcessInstance pecan = applyForPecan(Map.of("hasConvergenceAccount", false));
    String number = pecan.getBusinessKey();

    ResponseEntity<String> evidence = get("alice", "/evidence/" + number);
    assertFramedFor(evidence, "alice", "Preuves — " + number);
    assertThat(evidence.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertFramedFor(get("alice", "/evidence/" + number + "/kbis"), "alice", "Extrait Kbis — " + number);
    assertFramedFor(get("ana", "/evidence/" + number + "/kbis"), "ana", "Extrait Kbis — " + number);
    // refused: titled after the page asked for, in the same frame
    ResponseEntity<String> noRegulation = get("alice", "/evidence/" + number + "/regulation");
    assertThat(noRegulation.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertFramedFor(noRegulation, "alice", "Règlement signé — " + number);
    ResponseEntity<String> otherCompany = get("bruno", "/evidence/" + number + "/kbis");
    assertThat(otherCompany.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertFramedFor(otherCompany, "bruno", "Extrait Kbis — " + number);
    assertThat(otherCompany.getBody()).contains("Aucun dossier en cours " + number).doesNotContain("MediSoft");
    assertFramedFor(get("alice", "/evidence/DMN-2026-NOPE0/kbis/file"), "alice", "Extrait Kbis — DMN-2026-NOPE0");
    assertFramedFor(get("bruno", "/evidence/" + number + "/proofs/1"), "bruno", "Preuves — " + number);

    HttpHeaders html = new HttpHeaders();
    html.setAccept(List.of(MediaType.TEXT_HTML));
    ResponseEntity<String> nobody = rest.exchange("/evidence/" + number + "/kbis",
        org.springframework.http.HttpMethod.GET, new HttpEntity<>(html), String.class);
    assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.getBody()).contains("<title>Extrait Kbis — " + number + " — Parcours</title>")
        .contains("<header class=\"bar\">").doesNotContain("class=\"user\"");
  }

  /** The dossier pages' header naming the person, a vendor's "Mes dossiers" or a reviewer's "Dossiers", and the title. */
  static void assertFramedFor(ResponseEntity<String> page, String user, String title) {
    String body = org.springframework.web.util.HtmlUtils.htmlUnescape(page.getBody());
    assertThat(body).as("the page's title").contains("<title>" + title + " — Parcours</title>")
        .as("the site menu").contains("<header class=\"bar\">").contains("<span class=\"user\">" + user + "</span>")
        .contains(user.equals("ana") ? "<a href=\"/dossiers\">Dossiers</a>" : "<a href=\"/dossiers\">Mes dossiers</a>")
        .as("one header, the frame's").containsOnlyOnce("<header")
        .doesNotContain("<title>Preuves</title>");
  }

  /**
   * The evidence page follows the browser's first language, as « My dossiers » and the dossier page do (walk16: all
   * French to an English browser): its headings and buttons, the deposit's result and its refusals (a wrong archive
   * name, a send without archive, another company's look); a browser that asks for French reads it as before.
   */
  @Test
  void shouldSpeakEnglishToAnEnglishBrowserAndFrenchAsBefore() throws Exception {
    ProcessInstance pecan = applyForPecan();
    String number = pecan.getBusinessKey();
    ProcessInstance ans = ansTrackAtTheEvidence(pecan);
    task(ans, "Task_DepositEvidence");
    String english = "en-US,en;q=0.9";
    String prefix = deposits.nextArchiveName(ans.getId()).replaceAll("_[0-9]{6}_1\\.zip$", "");

    String page = inLanguage("alice", HttpMethod.GET, "/evidence/" + number, english, MediaType.TEXT_HTML, null)
        .getBody();
    assertThat(page).contains("<html lang=\"en\">").contains("<title>Evidence — " + number + " — Parcours</title>")
        .contains("<a href=\"/dossiers\">My dossiers</a>").contains("<h1>Evidence of dossier " + number + "</h1>")
        .contains("← Dossier " + number).contains("Back to the task").contains("<strong>Referential version ")
        .contains("<strong>Incomplete</strong>: 0 proofs deposited out of 7 in 0 send(s); profiles ")
        .contains(">missing</td>").contains("<h2>Send an archive</h2>").contains("Largest archive: ")
        .contains("<button>Send</button>").contains("<h2>Sends</h2>")
        .doesNotContain("Preuves du dossier").doesNotContain("Envoyer").doesNotContain("manquante")
        .doesNotContain("Mes dossiers");

    ResponseEntity<String> wrongName = upload("alice", number, "wrongname.zip", english, MediaType.TEXT_HTML);
    assertThat(wrongName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrongName.getBody()).contains("<strong>Refused:</strong> The archive “wrongname.zip” is not named as"
        + " the ANS asks: <Operator>_<DeviceName>_<Version>_<DDMMYY>_<SendNumber>.zip, here " + prefix
        + "_<DDMMYY>_<SendNumber>.zip. Nothing of this archive was kept.").doesNotContain("L’archive");
    MultiValueMap<String, Object> withoutArchive = new LinkedMultiValueMap<>();
    withoutArchive.add("csrf", "");
    ResponseEntity<String> noArchive = inLanguage("alice", HttpMethod.POST, "/evidence/" + number, english,
        MediaType.APPLICATION_JSON, withoutArchive);
    assertThat(JSON.readTree(noArchive.getBody()).get("message").asText()).isEqualTo("The send holds no archive:"
        + " choose the ZIP archive of the evidence under “Send an archive”, then “Send”. Nothing was stored.");

    ResponseEntity<String> sent = upload("alice", number, deposits.nextArchiveName(ans.getId()), english,
        MediaType.APPLICATION_JSON);
    assertThat(JSON.readTree(sent.getBody()).get("message").asText())
        .isEqualTo("Send 1 accepted: 7 proof file(s). Evidence complete.");
    assertThat(inLanguage("alice", HttpMethod.GET, "/evidence/" + number, english, MediaType.TEXT_HTML, null)
        .getBody()).contains("<strong>Complete</strong>: 7 proofs deposited out of 7 in 1 send(s)")
        .contains(">deposited in send 1</td>").contains(" bytes, SHA-256").contains(" (Paris time), by alice</li>");
    assertThat(inLanguage("bruno", HttpMethod.GET, "/evidence/" + number, english, MediaType.TEXT_HTML, null)
        .getBody()).contains("No running dossier " + number + " that you may see.");

    // French as before, for a French browser and for a request that names no language
    assertThat(inLanguage("alice", HttpMethod.GET, "/evidence/" + number, "fr-FR,fr;q=0.9,en;q=0.8",
        MediaType.TEXT_HTML, null).getBody()).contains("<html lang=\"fr\">").contains("Preuves du dossier " + number)
        .contains("<strong>Complet</strong> : 7 preuves déposées sur 7 en 1 envoi(s) ; profils ")
        .contains(">déposée dans l’envoi 1</td>").contains(" (heure de Paris), par alice</li>");
    ResponseEntity<String> french = upload("alice", number, "wrongname.zip", null, MediaType.APPLICATION_JSON);
    assertThat(JSON.readTree(french.getBody()).get("message").asText()).isEqualTo("L’archive « wrongname.zip » n’est"
        + " pas nommée comme l’ANS le demande : <Exploitant>_<NomDuDispositif>_<Version>_<JJMMAA>_<NuméroEnvoi>.zip,"
        + " ici " + prefix + "_<JJMMAA>_<NuméroEnvoi>.zip.");
  }

  /** The proofs sent in an archive of this name, from a browser of this language (none: no Accept-Language). */
  ResponseEntity<String> upload(String user, String number, String archiveName, String language, MediaType accept) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("archive", new ByteArrayResource(Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png",
        "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes()) {
      @Override
      public String getFilename() {
        return archiveName;
      }
    });
    return inLanguage(user, HttpMethod.POST, "/evidence/" + number, language, accept, body);
  }

  /** A request from a browser of this language; the HTML answered unescaped, as a person reads it. */
  ResponseEntity<String> inLanguage(String user, HttpMethod method, String path, String language, MediaType accept,
      MultiValueMap<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(accept));
    if (language != null) {
      headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
    }
    if (body != null) {
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    }
    ResponseEntity<String> answer = rest.withBasicAuth(user, user).exchange(path, method,
        new HttpEntity<>(body, headers), String.class);
    return accept.equals(MediaType.TEXT_HTML) ? new ResponseEntity<>(org.springframework.web.util.HtmlUtils
        .htmlUnescape(answer.getBody()), answer.getStatusCode()) : answer;
  }

  @Test
  void shouldAnswerAnUnknownNumberAsNoSuchDossier() {
    ResponseEntity<String> page = get("alice", "/evidence/DMN-2026-NOPE0");
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(page.getBody()).contains("Aucun dossier en cours DMN-2026-NOPE0 que vous puissiez voir");
    assertThat(api("alice", "/api/dossiers/DMN-2026-NOPE0/notifications").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  // ---- helpers ----

  ProcessInstance applyForPecan() {
    return applyForPecan(Map.of());
  }

  ProcessInstance applyForPecan(Map<String, Object> extra) {
    Map<String, Object> form = Candidatures.valid();
    form.putAll(extra);
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", true);
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(PecanProcess.KEY).latestVersion().singleResult().getId();
    ProcessInstance pecan = as("alice", () -> engine.getFormService().submitStartForm(definition, form));
    runJobs();
    return pecan;
  }

  ResponseEntity<String> get(String user, String path) {
    return get(user, path, MediaType.TEXT_HTML);
  }

  ResponseEntity<String> api(String user, String path) {
    return get(user, path, MediaType.APPLICATION_JSON);
  }

  ResponseEntity<String> get(String user, String path, MediaType accept) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(accept));
    return rest.withBasicAuth(user, user).exchange(path, org.springframework.http.HttpMethod.GET,
        new HttpEntity<>(headers), String.class);
  }

  ResponseEntity<String> send(String user, String number, String archiveName) {
    return post(user, "/evidence/" + number, "archive", archiveName, Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log",
        "IDN_1.1.1.png", "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes());
  }

  ResponseEntity<String> post(String user, String path, String field, String fileName, byte[] content) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add(field, new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return rest.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  Task task(ProcessInstance instance, String key) {
    return new EngineSteps(engine).task(instance, key);
  }

  void complete(String user, ProcessInstance instance, String key, Map<String, Object> variables) {
    new EngineSteps(engine).complete(user, instance, key, variables);
  }

  void runJobs() {
    new EngineSteps(engine).runJobs();
  }

  <T> T as(String user, Supplier<T> action) {
    return new EngineSteps(engine).as(user, action);
  }
}
