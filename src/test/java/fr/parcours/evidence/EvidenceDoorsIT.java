package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.Dossiers;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The doors of the evidence pages' POSTs ({@code /evidence/{n}}, {@code /kbis}, {@code /regulation}, {@code /invalid}),
 * tried by a visitor, by alice on her own dossier before and at its deposit step, and by bruno on alice's: wrong
 * types, missing parts, huge fields, wrong dossier numbers, a task not at the step, no or another session's CSRF
 * token, the same send twice. Each is refused in French, never a 500, and nothing is stored. A door that opens later
 * makes this test fail (the README's "Security model").
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class EvidenceDoorsIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> POSTS = List.of("", "/kbis", "/regulation", "/invalid");

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired EvidenceDeposits deposits;
  @Autowired CompanyDocuments documents;

  static ProcessInstance dossier;
  static String number;

  @BeforeEach
  void aliceHasADossierBeforeItsEvidence() {
    if (dossier == null) {
      dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
      number = dossier.getBusinessKey();
    }
  }

  /** What each POST of the evidence pages sends, as its page's form sends it. */
  static MultiValueMap<String, Object> form(String post, String csrf) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    switch (post) {
      case "" -> parts.add("archive", file("DMN_1.zip", Zips.with("PSC_1.1.1.mp4").bytes()));
      case "/kbis" -> parts.add("kbis", file("kbis.pdf", "%PDF-1.4 kbis".getBytes()));
      case "/regulation" -> parts.add("regulation", file("reglement.pdf", "%PDF-1.4 signé".getBytes()));
      default -> {
        parts.add("proofNumber", "PSC_1.1.1");
        parts.add("reason", "illisible");
      }
    }
    if (csrf != null) {
      parts.add("csrf", csrf);
    }
    return parts;
  }

  static ByteArrayResource file(String name, byte[] bytes) {
    return new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  ResponseEntity<String> send(String user, String path, Object body, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    headers.setContentType(type);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  ResponseEntity<String> post(String user, String path, MultiValueMap<String, Object> parts) {
    return send(user, path, parts, MediaType.MULTIPART_FORM_DATA);
  }

  static String message(ResponseEntity<String> answer) {
    try {
      JsonNode tree = JSON.readTree(answer.getBody());
      return tree.hasNonNull("message") ? tree.get("message").asText() : answer.getBody();
    } catch (Exception notJson) {
      return answer.getBody();
    }
  }

  static boolean french(String message) {
    return message != null && message.matches("(?s).*( : |[éèêàâçùûôîœ’«]).*");
  }

  /** Nothing of the dossier's evidence or documents kept. */
  void nothingStored() {
    assertThat(deposits.sends(dossier.getId())).as("no send kept").isEmpty();
    assertThat(documents.kbis(dossier.getId())).as("no Kbis kept").isEmpty();
    assertThat(documents.regulation(dossier.getId())).as("no regulation kept").isEmpty();
  }

  /** A wrong answer to a door: a 2xx, a 5xx, a 405 or a sentence that is not French. */
  static void judge(List<String> wrong, String who, ResponseEntity<String> answer, int... expected) {
    int status = answer.getStatusCode().value();
    boolean expectedStatus = expected.length == 0 ? status >= 400 && status < 500 && status != 405
        : java.util.Arrays.stream(expected).anyMatch(e -> e == status);
    if (!expectedStatus || !french(message(answer))) {
      wrong.add(who + " got " + status + " " + answer.getBody());
    }
  }

  @Test
  void shouldAskAVisitorToSignInAndStoreNothing() {
    List<String> wrong = new ArrayList<>();
    for (String post : POSTS) {
      judge(wrong, "visitor " + post, post(null, "/evidence/" + number + post, form(post, null)), 401);
    }
    assertThat(wrong).isEmpty();
    nothingStored();
  }

  /** Bruno is told of alice's dossier exactly what he is told of a number that does not exist. */
  @Test
  void shouldTellBrunoNothingOfAlicesDossierAndStoreNothing() {
    List<String> wrong = new ArrayList<>();
    for (String post : POSTS) {
      ResponseEntity<String> alices = post("bruno", "/evidence/" + number + post, form(post, null));
      ResponseEntity<String> none = post("bruno", "/evidence/DMN-2026-ZZZZZ" + post, form(post, null));
      judge(wrong, "bruno " + post, alices, 404);
      if (!message(alices).replace(number, "N").equals(message(none).replace("DMN-2026-ZZZZZ", "N"))) {
        wrong.add("bruno " + post + " told apart: " + message(alices) + " / " + message(none));
      }
    }
    assertThat(wrong).isEmpty();
    nothingStored();
  }

  /** Alice, before her dossier's evidence step: each send refused naming the step that takes it. */
  @Test
  void shouldRefuseAliceASendWhoseTaskIsNotOpen() {
    List<String> wrong = new ArrayList<>();
    for (String post : POSTS) {
      judge(wrong, "alice " + post, post("alice", "/evidence/" + number + post, form(post, null)), 403, 404);
    }
    assertThat(wrong).isEmpty();
    nothingStored();
  }

  /** Dossier numbers no page links to: long, odd, encoded, empty. */
  @Test
  void shouldRefuseWrongDossierNumbersInFrench() {
    List<String> wrong = new ArrayList<>();
    for (String odd : List.of("DMN-2026-" + "Z".repeat(5_000), "%3Cscript%3E", "DMN%202026", "..%2F..%2Fetc",
        number.toLowerCase(java.util.Locale.ROOT), " " + number, dossier.getId())) {
      for (String post : POSTS) {
        ResponseEntity<String> answer = send("alice", "/evidence/" + odd + post, form(post, null),
            MediaType.MULTIPART_FORM_DATA);
        judge(wrong, "alice " + odd.substring(0, Math.min(odd.length(), 30)) + post, answer);
      }
    }
    assertThat(wrong).isEmpty();
    nothingStored();
  }

  /** Sends whose parts are missing, of another type, or not a form at all; huge fields. */
  @Test
  void shouldRefuseMissingOrWrongPartsInFrench() {
    List<String> wrong = new ArrayList<>();
    for (String post : POSTS) {
      String path = "/evidence/" + number + post;
      judge(wrong, "no part " + post, post("alice", path, new LinkedMultiValueMap<>()));
      judge(wrong, "JSON " + post, send("alice", path, "{\"archive\":\"x\",\"proofNumber\":\"x\"}",
          MediaType.APPLICATION_JSON));
      judge(wrong, "url-encoded " + post, send("alice", path, "archive=x&kbis=x&regulation=x&proofNumber=x",
          MediaType.APPLICATION_FORM_URLENCODED));
      judge(wrong, "text plain " + post, send("alice", path, "x", MediaType.TEXT_PLAIN));
      MultiValueMap<String, Object> text = new LinkedMultiValueMap<>();
      text.add("archive", "not a file");
      text.add("kbis", "not a file");
      text.add("regulation", "not a file");
      text.add("proofNumber", "x".repeat(100_000));
      text.add("reason", "x".repeat(1_000_000));
      judge(wrong, "texts for files, huge fields " + post, post("alice", path, text));
    }
    assertThat(wrong).isEmpty();
    nothingStored();
  }

  /**
   * In a browser's session, a send without the page's token (another site's page cannot read it), with another
   * session's or with a made-up one, is refused before anything else is judged, on the dossier at its deposit step:
   * « La page a expiré », nothing kept; the page's own token takes the same send.
   */
  @Test
  void shouldRefuseASessionsSendWithoutItsPagesToken() {
    ProcessInstance atDeposit = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    atDeposit(atDeposit, "alice", "vendor-medisoft");
    String number = atDeposit.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    String alicesToken = token(alice.page("/evidence/" + number).getBody());
    // bruno's page token, made in his own session, which alice's browser could be handed
    BrowserSession bruno = BrowserSession.signedIn(rest, "bruno");
    ProcessInstance brunos = brunosDossier();
    String brunosToken = token(bruno.page("/evidence/" + brunos.getBusinessKey()).getBody());
    // bruno's dossier goes once his page has given its token: other classes of this application context (DoorMatrixIT)
    // hold that bruno has no dossier
    engine.getRuntimeService().deleteProcessInstance(brunos.getId(), "test: only its page's token was needed");
    List<String> wrong = new ArrayList<>();
    for (String post : POSTS) {
      String path = "/evidence/" + number + post;
      for (Map.Entry<String, String> token : Map.of("no token", "", "bruno's token", brunosToken,
          "a made-up token", "0".repeat(48)).entrySet()) {
        ResponseEntity<String> answer = alice.multipart(path, form(post, token.getValue().isEmpty() ? null
            : token.getValue()));
        if (post.equals("/regulation")) {
          judge(wrong, token.getKey() + " " + post, answer, 404); // an ANS dossier signs no regulation
        } else if (answer.getStatusCode().value() != 403 || !answer.getBody().contains("La page a expiré")) {
          wrong.add(token.getKey() + " " + post + " got " + answer.getStatusCode() + " " + answer.getBody());
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(deposits.sends(atDeposit.getId())).as("nothing kept").isEmpty();
    MultiValueMap<String, Object> archive = new LinkedMultiValueMap<>();
    archive.add("archive", file(deposits.nextArchiveName(atDeposit.getId()), Zips.with("PSC_1.1.1.mp4").bytes()));
    archive.add("csrf", alicesToken);
    ResponseEntity<String> taken = alice.multipart("/evidence/" + number, archive);
    assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(200);
    assertThat(deposits.sends(atDeposit.getId())).as("the send with its page's token kept").hasSize(1);
  }

  /**
   * The other POSTs of Parcours' own pages, sent as their forms never send them (JSON, plain text, a form of junk
   * with a 100,000-character field and a box that is not a box, a file where text goes), by a visitor, in alice's and
   * bruno's sessions: never a 500, a refusal always in French.
   */
  @Test
  void shouldAnswerEveryOtherPostOfParcoursPagesWithoutAFiveHundred() {
    List<String> posts = List.of("/dossiers/" + number + "/messages", "/orientation", "/ans-windows",
        "/ans-windows/correction", "/referentials", "/devices/cycles", "/audits/certificates", "/deconnexion");
    Map<String, BrowserSession> who = Map.of("visitor", BrowserSession.anonymous(rest),
        "alice", BrowserSession.signedIn(rest, "alice"), "bruno", BrowserSession.signedIn(rest, "bruno"));
    String junk = "body=" + "x".repeat(100_000) + "&awaitingAnswer=peut-etre&agency=NASA&submission=x&csrf=x"
        + "&device=%00&siren=%FF&date=31%2F02%2F2027";
    List<String> wrong = new ArrayList<>();
    for (String post : posts) {
      for (Map.Entry<String, BrowserSession> person : who.entrySet()) {
        MultiValueMap<String, Object> fileForText = new LinkedMultiValueMap<>();
        fileForText.add("body", file("body.txt", "x".getBytes()));
        fileForText.add("awaitingAnswer", file("b.txt", "x".getBytes()));
        fileForText.add("files", "not a file");
        for (Map.Entry<String, ResponseEntity<String>> answer : Map.of(
            "JSON", person.getValue().send(HttpMethod.POST, post, "{\"body\":[1]}", MediaType.APPLICATION_JSON),
            "text", person.getValue().send(HttpMethod.POST, post, "x", MediaType.TEXT_PLAIN),
            "junk", person.getValue().send(HttpMethod.POST, post, junk, MediaType.APPLICATION_FORM_URLENCODED),
            "file for text", person.getValue().multipart(post, fileForText)).entrySet()) {
          int status = answer.getValue().getStatusCode().value();
          if (status >= 500 || status >= 400 && !french(message(answer.getValue()))) {
            wrong.add(person.getKey() + " " + answer.getKey() + " " + post + " got " + status + " "
                + answer.getValue().getBody());
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** A TéléCardio dossier at its evidence deposit, whose page hands bruno's session its token. */
  ProcessInstance brunosDossier() {
    Map<String, Object> form = fr.parcours.support.Candidatures.with("companyName", "TéléCardio SARL");
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("ans-certification").latestVersion().singleResult().getId();
    engine.getIdentityService().setAuthentication("bruno", List.of("vendor-telecardio"));
    ProcessInstance brunos;
    try {
      brunos = engine.getFormService().submitStartForm(definition, form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    atDeposit(brunos, "bruno", "vendor-telecardio");
    return brunos;
  }

  static String token(String page) {
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"?csrf\"? value=\"([^\"]+)\"")
        .matcher(page == null ? "" : page);
    assertThat(token.find()).as("the page's token").isTrue();
    return token.group(1);
  }

  /**
   * At the deposit step: an archive that is not a ZIP, one under another name, the same send twice. Each refusal is
   * French and keeps nothing; the send taken once is kept once.
   */
  @Test
  void shouldTakeTheDepositOnceAndKeepNothingOfARefusedOne() throws Exception {
    ProcessInstance atDeposit = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    atDeposit(atDeposit, "alice", "vendor-medisoft");
    String path = "/evidence/" + atDeposit.getBusinessKey();
    String name = deposits.nextArchiveName(atDeposit.getId());
    List<String> wrong = new ArrayList<>();

    MultiValueMap<String, Object> notZip = new LinkedMultiValueMap<>();
    notZip.add("archive", file(name, "not a zip".getBytes()));
    judge(wrong, "not a ZIP", post("alice", path, notZip), 400);
    MultiValueMap<String, Object> otherName = new LinkedMultiValueMap<>();
    otherName.add("archive", file("preuves.zip", Zips.with("PSC_1.1.1.mp4").bytes()));
    judge(wrong, "another name", post("alice", path, otherName), 400);
    MultiValueMap<String, Object> emptyName = new LinkedMultiValueMap<>();
    emptyName.add("archive", file("", Zips.with("PSC_1.1.1.mp4").bytes()));
    judge(wrong, "no name", post("alice", path, emptyName), 400);
    assertThat(wrong).isEmpty();
    assertThat(deposits.sends(atDeposit.getId())).as("nothing kept of the refused sends").isEmpty();

    MultiValueMap<String, Object> archive = new LinkedMultiValueMap<>();
    archive.add("archive", file(name, Zips.with("PSC_1.1.1.mp4").bytes()));
    ResponseEntity<String> first = post("alice", path, archive);
    assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
    ResponseEntity<String> again = post("alice", path, archive);
    judge(wrong, "the same send again", again, 400);
    assertThat(wrong).isEmpty();
    assertThat(deposits.sends(atDeposit.getId())).as("the send kept once").hasSize(1);
    // bruno, on the dossier at its step, is told no more than before
    judge(wrong, "bruno at the step", post("bruno", path, archive), 404);
    judge(wrong, "alice marks invalid", post("alice", path + "/invalid", form("/invalid", null)), 403);
    assertThat(wrong).isEmpty();
    assertThat(deposits.sends(atDeposit.getId())).hasSize(1);

    // the next send posted twice at once (a double click, two tabs): one is kept, the other refused in French
    MultiValueMap<String, Object> next = new LinkedMultiValueMap<>();
    next.add("archive", file(deposits.nextArchiveName(atDeposit.getId()), Zips.with("PSC_1.1.2.log").bytes()));
    var sent = java.util.stream.IntStream.range(0, 2).mapToObj(i -> java.util.concurrent.CompletableFuture
        .supplyAsync(() -> post("alice", path, next))).toList().stream()
        .map(java.util.concurrent.CompletableFuture::join).toList();
    assertThat(sent).extracting(answer -> answer.getStatusCode().value()).as(sent.toString()).contains(200);
    for (ResponseEntity<String> answer : sent) {
      if (answer.getStatusCode().value() != 200) {
        judge(wrong, "the same send at once", answer);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(deposits.sends(atDeposit.getId())).as("one send more, whatever the order").hasSize(2);
  }

  /**
   * At the evidence review, the reviewer's « Marquer invalide »: a reason too long, a proof that does not exist or is
   * 100,000 characters long, no reason, the same proof twice; the vendor and another company's. Refused in French,
   * never a 500; the proof marked once.
   */
  @Test
  void shouldMarkAProofInvalidOnceAndRefuseTheRestInFrench() {
    ProcessInstance inReview = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    atDeposit(inReview, "alice", "vendor-medisoft");
    String path = "/evidence/" + inReview.getBusinessKey();
    MultiValueMap<String, Object> all = new LinkedMultiValueMap<>();
    all.add("archive", file(deposits.nextArchiveName(inReview.getId()), Zips.with("PSC_1.1.1.mp4", "PSC_1.1.2.log",
        "IDN_1.1.1.png", "POR_1.1.1.json", "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf").bytes()));
    ResponseEntity<String> sent = post("alice", path, all);
    assertThat(sent.getStatusCode().value()).as(sent.getBody()).isEqualTo(200);
    complete("alice", "vendor-medisoft", inReview, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    Dossiers.runMailSteps(engine, inReview.getId());
    List<String> wrong = new ArrayList<>();
    Map<String, MultiValueMap<String, Object>> bad = new java.util.LinkedHashMap<>();
    bad.put("a reason of 2001 characters", invalid("PSC 1.1.1", "x".repeat(2001)));
    bad.put("an unknown proof", invalid("XYZ_9.9.9", "illisible"));
    bad.put("a proof of 100,000 characters", invalid("P".repeat(100_000), "illisible"));
    bad.put("no reason", invalid("PSC 1.1.1", "  "));
    for (Map.Entry<String, MultiValueMap<String, Object>> send : bad.entrySet()) {
      judge(wrong, "ana, " + send.getKey(), post("ana", path + "/invalid", send.getValue()), 400);
    }
    judge(wrong, "alice", post("alice", path + "/invalid", invalid("PSC 1.1.1", "illisible")), 403);
    judge(wrong, "bruno", post("bruno", path + "/invalid", invalid("PSC 1.1.1", "illisible")), 404);
    assertThat(wrong).isEmpty();
    assertThat(deposits.report(inReview.getId()).complete()).as("nothing marked yet").isTrue();
    ResponseEntity<String> marked = post("ana", path + "/invalid", invalid("PSC 1.1.1", "illisible"));
    assertThat(marked.getStatusCode().value()).as(marked.getBody()).isEqualTo(200);
    judge(wrong, "ana, the same proof again", post("ana", path + "/invalid", invalid("PSC 1.1.1", "illisible")), 400);
    assertThat(wrong).isEmpty();
    assertThat(deposits.report(inReview.getId()).complete()).as("the proof marked").isFalse();
  }

  static MultiValueMap<String, Object> invalid(String proof, String reason) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("proofNumber", proof);
    parts.add("reason", reason);
    return parts;
  }

  /** The dossier taken, as its vendor and the ANS answer, to its evidence deposit. */
  void atDeposit(ProcessInstance instance, String vendor, String group) {
    complete(vendor, group, instance, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", "ans-reviewer", instance, "Task_ReviewAdmissibility", Map.of("admissibilityDecision",
        "ADMISSIBLE"));
    complete(vendor, group, instance, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName",
        "Alice Martin"));
    Dossiers.runMailSteps(engine, instance.getId());
  }

  void complete(String user, String group, ProcessInstance instance, String taskKey, Map<String, Object> form) {
    Dossiers.runMailSteps(engine, instance.getId());
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as(taskKey).isNotNull();
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      engine.getTaskService().complete(task.getId(), form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
