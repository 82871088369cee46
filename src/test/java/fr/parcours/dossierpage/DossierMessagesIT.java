package fr.parcours.dossierpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import fr.parcours.evidence.UploadedFiles;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.Candidatures;
import fr.parcours.support.EngineSteps;
import fr.parcours.support.PageForms;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 20's messages: a thread per dossier between its vendor and the agencies that instruct it, written from the
 * dossier page. A message is kept first, then the other side gets a mail with the page's link and never the text;
 * a mail server that is down loses nothing. Refused, with nothing kept and no mail: an empty or too long message,
 * a closed dossier, an agency that does not instruct the dossier, a post without the page's token, another
 * company's user, a reviewer group that does not instruct it, nobody signed in.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=dossier-messages",
        // the sweep after the start is called by the test itself, never by the context's thread meanwhile
        "parcours.messages.unannounced-after=PT1H"})
@ActiveProfiles({"test", "demo"})
class DossierMessagesIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);


  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired UploadedFiles uploadedFiles;
  @Autowired DossierMessages messages;

  /** alice's ANS dossier at the ANS's admissibility review. */
  static ProcessInstance open;
  /** alice's ANS dossier refused as inadmissible. */
  static ProcessInstance closed;
  /** alice's PECAN dossier. */
  static ProcessInstance pecan;

  @BeforeEach
  void dossiers() {
    if (pecan != null) {
      return;
    }
    EngineSteps steps = new EngineSteps(engine);
    ProcessInstance first = apply(steps, "ans-certification", Map.of());
    steps.complete("alice", first, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    ProcessInstance refused = apply(steps, "ans-certification", Map.of());
    steps.complete("alice", refused, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    steps.complete("ana", refused, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "INADMISSIBLE",
        "admissibilityComment", "Le marquage CE manque."));
    ProcessInstance both = apply(steps, "pecan", Map.of("hasSesameAccount", true, "hasMeeting", "NONE",
        "telemonitoring", true));
    open = first;
    closed = refused;
    pecan = both;
  }

  @Test
  void shouldKeepTheVendorsMessageMailTheAgencyAndLetItAnswer() throws Exception {
    String number = open.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    int before = count(number);
    MAIL.reset();
    ResponseEntity<String> sent = post(alice, number, "ans-reviewer", "Bonjour, le certificat HDS arrive lundi.");
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(sent.getHeaders().getLocation().toString()).endsWith("/dossiers/" + number + "?sent#messages");
    assertThat(count(number)).isEqualTo(before + 1);

    // the ANS's reviewers are told, with the link, without the text
    MimeMessage toAns = mailTo("ana@parcours.example");
    assertThat(toAns.getSubject()).isEqualTo("Dossier " + number + " : nouveau message de MediSoft SAS");
    assertThat(GreenMailUtil.getBody(toAns)).contains("/dossiers/" + number + "#messages")
        .doesNotContain("certificat HDS");
    assertThat(Arrays.toString(toAns.getRecipients(RecipientType.TO))).doesNotContain("hugo")
        .doesNotContain("alice");

    // ana reads it on the page and answers; the vendor's contacts are told
    BrowserSession ana = BrowserSession.signedIn(noRedirect(), "ana");
    assertThat(ana.page("/dossiers/" + number).getBody()).contains("Bonjour, le certificat HDS arrive lundi.")
        .contains(">alice<");
    MAIL.reset();
    assertThat(post(ana, number, null, "Merci, nous attendons le certificat.").getStatusCode())
        .isEqualTo(HttpStatus.SEE_OTHER);
    MimeMessage toVendor = mailTo("jean.dupont@medisoft.example");
    assertThat(Arrays.toString(toVendor.getAllRecipients())).contains("alice.martin@medisoft.example");
    assertThat(toVendor.getSubject()).isEqualTo("Dossier " + number + " : nouveau message de ANS");
    assertThat(GreenMailUtil.getBody(toVendor)).doesNotContain("attendons");

    // alice reads the answer as the agency's, never the reviewer's name
    String page = alice.page("/dossiers/" + number).getBody();
    assertThat(page).contains("Merci, nous attendons le certificat.").doesNotContain(">ana<").contains(">ANS<");
  }

  @Test
  void shouldShowEachAgencyOnlyItsOwnMessages() {
    String number = pecan.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    assertThat(post(alice, number, "ministry", "Question pour les ministères").getStatusCode())
        .isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(post(alice, number, "ans-reviewer", "Question pour l’ANS").getStatusCode())
        .isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(BrowserSession.signedIn(rest, "marc").page("/dossiers/" + number).getBody())
        .contains("Question pour les ministères").doesNotContain("Question pour l’ANS");
    assertThat(BrowserSession.signedIn(rest, "ana").page("/dossiers/" + number).getBody())
        .contains("Question pour l’ANS").doesNotContain("Question pour les ministères");
    assertThat(BrowserSession.signedIn(rest, "hugo").page("/dossiers/" + number).getBody())
        .doesNotContain("Question pour");
    assertThat(alice.page("/dossiers/" + number).getBody()).contains("Question pour les ministères")
        .contains("Question pour l’ANS");
  }

  @Test
  void shouldRefuseBadMessagesAndKeepNothing() throws Exception {
    String number = open.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    int before = count(number);
    MAIL.reset();

    ResponseEntity<String> empty = post(alice, number, "ans-reviewer", "   \n ");
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody()).contains("Le message est vide");

    String tooLong = "x".repeat(DossierMessages.MAX_LENGTH + 1);
    ResponseEntity<String> oversize = post(alice, number, "ans-reviewer", tooLong);
    assertThat(oversize.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(oversize.getBody()).contains("4\u202f001 caractères").as("the text stays in the form")
        .contains(tooLong);

    for (String notInstructing : List.of("ministry", "vendor-telecardio", "", "<script>")) {
      ResponseEntity<String> wrong = post(alice, number, notInstructing, "Bonjour");
      assertThat(wrong.getStatusCode()).as(notInstructing).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(wrong.getBody()).contains("parmi les agences qui instruisent ce dossier : Instructeurs de l’ANS");
    }

    ResponseEntity<String> toClosed = post(alice, closed.getBusinessKey(), "ans-reviewer", "Encore une question");
    assertThat(toClosed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(toClosed.getBody()).contains("est clos : on ne peut plus y écrire");

    ResponseEntity<String> forged = alice.send(HttpMethod.POST, "/dossiers/" + number + "/messages",
        form(Map.of("agency", "ans-reviewer", "body", "Forgé")), MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(forged.getStatusCode()).as("no token").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(forged.getBody()).contains("La page a expiré");
    ResponseEntity<String> wrongToken = alice.send(HttpMethod.POST, "/dossiers/" + number + "/messages",
        form(Map.of("agency", "ans-reviewer", "body", "Forgé", "csrf", "0123abcd")),
        MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(wrongToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // another company, a group that does not instruct the dossier, nobody: as if there were no such dossier
    for (String user : List.of("bruno", "hugo", "marc")) {
      BrowserSession other = BrowserSession.signedIn(noRedirect(), user);
      ResponseEntity<String> answer = post(other, number, "ans-reviewer", "Intrus");
      assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(answer.getBody()).contains("Dossier introuvable");
    }
    ResponseEntity<String> nobody = BrowserSession.anonymous(noRedirect()).send(HttpMethod.POST,
        "/dossiers/" + number + "/messages", form(Map.of("agency", "ans-reviewer", "body", "Anonyme")),
        MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    assertThat(count(number)).as("nothing kept").isEqualTo(before);
    assertThat(count(closed.getBusinessKey())).isZero();
    assertThat(MAIL.getReceivedMessages()).as("no mail").isEmpty();
  }

  /**
   * The form posted twice, as a double click, a browser sending it again or two tabs of the one page do: the page's
   * token is the session's and takes any number of posts, so each kept the message again and mailed the agency again
   * (seen: four posts, four messages, four mails to the ANS). Now the form's own key makes one message of them.
   */
  @Test
  void shouldKeepAFormPostedTwiceOnceAndMailTheAgencyOnce() throws Exception {
    String number = pecan.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    int before = count(number);
    MAIL.reset();

    // one page read, its form sent twice one after the other, then another's twice at the same instant
    Map<String, String> twice = filled(alice, number, "Envoyé deux fois par un double clic");
    for (int i = 0; i < 2; i++) {
      ResponseEntity<String> sent = send(alice, number, twice);
      assertThat(sent.getStatusCode()).as("post " + (i + 1)).isEqualTo(HttpStatus.SEE_OTHER);
      assertThat(sent.getHeaders().getLocation().toString()).endsWith("/dossiers/" + number + "?sent#messages");
    }
    Map<String, String> tabs = filled(alice, number, "Envoyé depuis deux onglets au même instant");
    List<java.util.concurrent.CompletableFuture<ResponseEntity<String>>> both = List.of(1, 2).stream()
        .map(tab -> java.util.concurrent.CompletableFuture.supplyAsync(() -> send(alice, number, tabs))).toList();
    for (var tab : both) {
      assertThat(tab.get().getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    }

    assertThat(count(number)).as("one message per form shown").isEqualTo(before + 2);
    assertThat(alice.page("/dossiers/" + number).getBody()).containsOnlyOnce("Envoyé deux fois par un double clic")
        .containsOnlyOnce("Envoyé depuis deux onglets au même instant");
    assertThat(Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.toString(m.getAllRecipients()).contains("ana@parcours.example");
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).count()).as("one mail to the ANS per message").isEqualTo(2);

    // the same words written again from the page shown anew are a new message: nothing is merged by its text
    assertThat(send(alice, number, filled(alice, number, "Envoyé deux fois par un double clic")).getStatusCode())
        .isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(count(number)).isEqualTo(before + 3);

    // without the form's key (a page of the version before, a hand-made post): refused as an expired page, kept
    // nowhere, the text left in the form
    Map<String, String> keyless = filled(alice, number, "Sans la clé du formulaire");
    keyless.remove("submission");
    ResponseEntity<String> refused = send(alice, number, keyless);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("La page a expiré").contains("Sans la clé du formulaire");
    assertThat(count(number)).isEqualTo(before + 3);
  }

  /** The message form as alice fills it on the page, to the ANS: its hidden fields read once, and the text. */
  static Map<String, String> filled(BrowserSession session, String number, String body) {
    Map<String, String> fields = new java.util.LinkedHashMap<>(formOf(session, number));
    fields.put("agency", "ans-reviewer");
    fields.put("body", body);
    return fields;
  }

  static ResponseEntity<String> send(BrowserSession session, String number, Map<String, String> fields) {
    return session.send(HttpMethod.POST, "/dossiers/" + number + "/messages", form(fields),
        MediaType.APPLICATION_FORM_URLENCODED);
  }

  /**
   * A node killed after keeping a message and before mailing it (a crash, kill -9): the message was on the page, the
   * agency was never told and the page did not say so. After a start, the messages kept before it and neither mailed
   * nor failed are mailed, once, with their own Message-ID; one kept after the start (another node may be mailing
   * it) is left alone.
   */
  @Test
  void shouldMailAfterAStartTheMessagesKeptBeforeItAndNeverMailed() throws Exception {
    String number = open.getBusinessKey();
    java.time.Instant start = java.time.Instant.now();
    String cutShort = keptUnmailed(number, "Gardé juste avant un arrêt brutal", start.minusSeconds(120));
    String inFlight = keptUnmailed(number, "Gardé après le démarrage, ailleurs", start.plusSeconds(1));
    MAIL.reset();

    assertThat(messages.announceUnannounced(start)).isEqualTo(1);
    MimeMessage toAns = mailTo("ana@parcours.example");
    assertThat(toAns.getSubject()).isEqualTo("Dossier " + number + " : nouveau message de MediSoft SAS");
    assertThat(toAns.getHeader("Message-ID")).containsExactly(messages.messageId(cutShort));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message WHERE id = ? AND mailed_at IS NOT NULL",
        Integer.class, cutShort)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message WHERE id = ? AND mailed_at IS NULL",
        Integer.class, inFlight)).as("kept after the start: not this node's").isEqualTo(1);

    assertThat(messages.announceUnannounced(start)).as("a second start mails nothing again").isZero();
    assertThat(MAIL.getReceivedMessages()).hasSize(1);
    jdbc.update("DELETE FROM parcours_message WHERE id = ?", inFlight);
  }

  /** A message from alice to the ANS as a node keeps it before mailing (no mail yet, no error). */
  private String keptUnmailed(String number, String body, java.time.Instant at) {
    String id = java.util.UUID.randomUUID().toString();
    jdbc.update("INSERT INTO parcours_message (id, dossier_id, agency, from_vendor, author, body, awaiting_answer,"
        + " created_at) VALUES (?, ?, 'ans-reviewer', TRUE, 'alice', ?, FALSE, ?)", id, number, body,
        java.sql.Timestamp.from(at));
    return id;
  }

  @Test
  void shouldKeepTheMessageWhenTheMailServerIsDown() {
    String number = open.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    MAIL.stop();
    try {
      assertThat(post(alice, number, "ans-reviewer", "Envoyé pendant la panne du serveur de courriel")
          .getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    } finally {
      MAIL.start();
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message WHERE dossier_id = ? AND body LIKE ?"
        + " AND mail_error IS NOT NULL AND mailed_at IS NULL", Integer.class, number, "Envoyé pendant la panne%"))
        .isEqualTo(1);
    assertThat(alice.page("/dossiers/" + number).getBody()).contains("Envoyé pendant la panne du serveur de courriel")
        .contains("courriel d’avertissement non parti");
  }

  @Test
  void shouldKeepInFrenchWhyTheNoticeDidNotGoWhenNoReviewerHasAnAddress() {
    // bad input: every member of the ANS reviewers' group without an email address (Admin, Users)
    var identity = engine.getIdentityService();
    java.util.Map<String, String> addresses = new java.util.HashMap<>();
    identity.createUserQuery().memberOfGroup("ans-reviewer").list().forEach(user -> {
      addresses.put(user.getId(), user.getEmail());
      user.setEmail(null);
      identity.saveUser(user);
    });
    String number = open.getBusinessKey();
    try {
      assertThat(post(BrowserSession.signedIn(noRedirect(), "alice"), number, "ans-reviewer",
          "Envoyé quand personne n’avait d’adresse").getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    } finally {
      addresses.forEach((id, email) -> {
        var user = identity.createUserQuery().userId(id).singleResult();
        user.setEmail(email);
        identity.saveUser(user);
      });
    }
    assertThat(jdbc.queryForObject("SELECT mail_error FROM parcours_message WHERE dossier_id = ? AND body = ?",
        String.class, number, "Envoyé quand personne n’avait d’adresse")).isEqualTo("aucun membre du groupe"
            + " ans-reviewer n’a d’adresse électronique : donnez-en une à l’un d’eux dans Admin (Utilisateurs) ; le"
            + " message reste sur la page du dossier");
  }

  @Test
  void shouldListTheDossiersWhereTheAgencyAwaitsTheVendorsAnswerUntilSheWrites() {
    String number = pecan.getBusinessKey();
    BrowserSession ana = BrowserSession.signedIn(noRedirect(), "ana");
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    assertThat(ana.page("/dossiers?awaiting=true").getBody()).doesNotContain(number);

    // a vendor cannot mark her own message as awaiting an answer
    assertThat(post(alice, number, "ans-reviewer", "Une question", Map.of("awaitingAnswer", "true"))
        .getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(ana.page("/dossiers?awaiting=true").getBody()).doesNotContain(number);

    // ana asks for an answer
    assertThat(post(ana, number, null, "Pouvez-vous préciser la version ?", Map.of("awaitingAnswer", "true"))
        .getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(ana.page("/dossiers?awaiting=true").getBody()).contains(number)
        .contains("Réponse de l’industriel attendue").doesNotContain(open.getBusinessKey());
    assertThat(ana.page("/dossiers/" + number).getBody()).contains("réponse attendue");
    assertThat(alice.page("/dossiers").getBody()).contains("Répondre au message de : ANS");
    assertThat(alice.page("/dossiers/" + number).getBody()).contains("Répondre au message de : ANS");
    // the ministers, who instruct the same dossier, await nothing: the question is the ANS's
    assertThat(BrowserSession.signedIn(rest, "marc").page("/dossiers?awaiting=true").getBody())
        .doesNotContain(number);

    // alice answers the ANS: nothing is awaited any more
    assertThat(post(alice, number, "ans-reviewer", "La version 2.1.").getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(ana.page("/dossiers?awaiting=true").getBody()).doesNotContain(number);
    assertThat(alice.page("/dossiers").getBody()).doesNotContain("Répondre au message de");
  }

  @Test
  void shouldKeepTheFilesOfAMessageListThemAndServeThemOnlyToItsReaders() throws Exception {
    String number = open.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    byte[] pdf = pdf("Certificat HDS confidentiel 7F3A");
    byte[] png = PNG;
    MAIL.reset();
    ResponseEntity<String> sent = postWithFiles(alice, number, "ans-reviewer", "Voici le certificat HDS.",
        Map.of("certificat HDS.pdf", pdf, "schema.png", png));
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);

    // kept with their SHA-256, under the evidence storage
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT a.* FROM parcours_message_attachment a JOIN"
        + " parcours_message m ON m.id = a.message_id WHERE m.body = ? ORDER BY a.file_name",
        "Voici le certificat HDS.");
    assertThat(rows).extracting(r -> r.get("FILE_NAME")).containsExactly("certificat HDS.pdf", "schema.png");
    assertThat(rows.get(0).get("SHA256")).isEqualTo(UploadedFiles.sha256(pdf));
    assertThat(rows.get(0).get("CONTENT_TYPE")).isEqualTo("application/pdf");
    assertThat(Files.readAllBytes(uploadedFiles.file((String) rows.get(0).get("STORED_FILE")))).isEqualTo(pdf);
    String messageId = (String) rows.get(0).get("MESSAGE_ID");
    String pdfId = (String) rows.get(0).get("ID");

    // the ANS is told a file is attached, never given it
    MimeMessage toAns = mailTo("ana@parcours.example");
    assertThat(toAns.getContent()).as("a plain text mail, no attached part").isInstanceOf(String.class);
    assertThat(GreenMailUtil.getBody(toAns)).contains("2 fichiers sont joints au message")
        .contains("/dossiers/" + number + "#messages").doesNotContain("7F3A").doesNotContain("%PDF");

    // both sides see the files listed with the message; ana downloads the PDF as it was sent
    String link = "/dossiers/" + number + "/messages/" + messageId + "/files/" + pdfId;
    assertThat(alice.page("/dossiers/" + number).getBody()).contains("certificat HDS.pdf").contains(link);
    BrowserSession ana = BrowserSession.signedIn(noRedirect(), "ana");
    assertThat(ana.page("/dossiers/" + number).getBody()).contains("certificat HDS.pdf").contains("schema.png");
    ResponseEntity<byte[]> download = ana.download(link);
    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(download.getBody()).isEqualTo(pdf);
    assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
    assertThat(download.getHeaders().getContentDisposition().isAttachment()).isTrue();
    assertThat(download.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(alice.download(link).getBody()).isEqualTo(pdf);

    // another company, reviewer groups that do not read the message, nobody: as if there were no such file
    for (String user : List.of("bruno", "hugo", "marc")) {
      ResponseEntity<byte[]> other = BrowserSession.signedIn(noRedirect(), user).download(link);
      assertThat(other.getStatusCode()).as(user).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(other.getBody()).as(user).isNotEqualTo(pdf);
    }
    assertThat(BrowserSession.anonymous(noRedirect()).download(link).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // the right file under another dossier's number, another message's id, a made-up id
    assertThat(ana.download("/dossiers/" + pecan.getBusinessKey() + "/messages/" + messageId + "/files/" + pdfId)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ana.download("/dossiers/" + number + "/messages/" + java.util.UUID.randomUUID() + "/files/" + pdfId)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ana.download("/dossiers/" + number + "/messages/" + messageId + "/files/..%2F..%2Fschema.sql")
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldServeAFileToTheMinistryOnlyToTheMinistryAmongTheAgenciesOfTheDossier() {
    String number = pecan.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    byte[] pdf = pdf("Pour les ministeres seulement");
    assertThat(postWithFiles(alice, number, "ministry", "Pièce pour les ministères", Map.of("note.pdf", pdf))
        .getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    Map<String, Object> row = jdbc.queryForMap("SELECT a.id, a.message_id FROM parcours_message_attachment a JOIN"
        + " parcours_message m ON m.id = a.message_id WHERE m.body = ?", "Pièce pour les ministères");
    String link = "/dossiers/" + number + "/messages/" + row.get("MESSAGE_ID") + "/files/" + row.get("ID");
    assertThat(BrowserSession.signedIn(noRedirect(), "marc").download(link).getBody()).isEqualTo(pdf);
    // the ANS instructs the same dossier but does not read the ministry's messages
    assertThat(BrowserSession.signedIn(noRedirect(), "ana").download(link).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldRefuseBadFilesAndKeepNeitherTheMessageNorAnyFile() throws Exception {
    String number = open.getBusinessKey();
    BrowserSession alice = BrowserSession.signedIn(noRedirect(), "alice");
    int before = count(number);
    int attachments = jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message_attachment", Integer.class);
    long storedBefore = storedAttachmentFiles();
    MAIL.reset();

    byte[] oversized = Arrays.copyOf(pdf("grand"), Math.toIntExact(UploadedFiles.MAX_SIZE.toBytes() + 1));
    byte[] program = "MZ\u0090\u0000 This program cannot be run in DOS mode".getBytes(StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
      out.putNextEntry(new java.util.zip.ZipEntry("bombe.bin"));
      out.write(new byte[5_000_000]);
      out.closeEntry();
    }
    for (Map.Entry<String, Map<String, byte[]>> bad : Map.of(
        "« vide.pdf » est vide", Map.of("vide.pdf", new byte[0]),
        "« gros.pdf » dépasse 10 Mo", Map.of("gros.pdf", oversized),
        "« certificat.pdf » n’est ni un PDF", Map.of("certificat.pdf", program),
        "« preuves.pdf » n’est ni un PDF", Map.of("preuves.pdf", zip.toByteArray()),
        "« photo.png » n’est ni un PDF", Map.of("photo.png", "<script>alert(1)</script>".getBytes(
            StandardCharsets.UTF_8)),
        "« scan.pdf » ne dit pas ce qu’il contient : son contenu est un fichier .png", Map.of("scan.pdf", PNG),
        "« lisezmoi.exe » ne dit pas ce qu’il contient : son contenu est un fichier .pdf",
        Map.of("lisezmoi.exe", pdf("exe")),
        "« certificat » ne dit pas ce qu’il contient", Map.of("certificat", pdf("sans extension"))).entrySet()) {
      ResponseEntity<String> answer = postWithFiles(alice, number, "ans-reviewer", "Avec un mauvais fichier",
          bad.getValue());
      assertThat(answer.getStatusCode()).as(bad.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).as(bad.getKey()).contains(bad.getKey())
          .contains("Avec un mauvais fichier");
    }
    // one good file beside a bad one: the good one is not kept either
    ResponseEntity<String> mixed = postWithFiles(alice, number, "ans-reviewer", "Un bon, un mauvais",
        new java.util.TreeMap<>(Map.of("a-bon.pdf", pdf("bon"), "b-vide.pdf", new byte[0])));
    assertThat(mixed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(mixed.getBody()).contains("est vide");
    Map<String, byte[]> six = new java.util.TreeMap<>();
    for (int i = 1; i <= DossierMessages.MAX_FILES + 1; i++) {
      six.put("piece-" + i + ".pdf", pdf("piece " + i));
    }
    ResponseEntity<String> tooMany = postWithFiles(alice, number, "ans-reviewer", "Trop de fichiers", six);
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooMany.getBody()).contains("5 fichiers au plus, vous en avez joint 6");

    assertThat(count(number)).as("no message kept").isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message_attachment", Integer.class))
        .as("no attachment row").isEqualTo(attachments);
    assertThat(storedAttachmentFiles()).as("no file left in the storage").isEqualTo(storedBefore);
    assertThat(MAIL.getReceivedMessages()).as("no mail").isEmpty();
  }

  // ---- helpers ----

  TestRestTemplate noRedirect() {
    return rest.withRedirects(Redirects.DONT_FOLLOW);
  }

  /**
   * The form of the dossier page, sent with the token the page gave this browser (the open dossier's page: a
   * closed dossier's shows no form, the token is the session's).
   */
  static ResponseEntity<String> post(BrowserSession session, String number, String agency, String body) {
    return post(session, number, agency, body, Map.of());
  }

  static ResponseEntity<String> post(BrowserSession session, String number, String agency, String body,
      Map<String, String> more) {
    Map<String, String> fields = new java.util.LinkedHashMap<>(formOf(session,
        number.equals(closed.getBusinessKey()) ? open.getBusinessKey() : number));
    fields.put("body", body);
    if (agency != null) {
      fields.put("agency", agency);
    }
    fields.putAll(more);
    return session.send(HttpMethod.POST, "/dossiers/" + number + "/messages", form(fields),
        MediaType.APPLICATION_FORM_URLENCODED);
  }

  static ResponseEntity<String> postWithFiles(BrowserSession session, String number, String agency, String body,
      Map<String, byte[]> files) {
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    formOf(session, number).forEach(parts::add);
    parts.add("agency", agency);
    parts.add("body", body);
    files.forEach((name, content) -> parts.add("files", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    }));
    return session.multipart("/dossiers/" + number + "/messages", parts);
  }

  /** A small real PDF whose text is the given words. */
  static byte[] pdf(String text) {
    return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

  long storedAttachmentFiles() throws Exception {
    java.nio.file.Path folder = uploadedFiles.file("messages");
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (var walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  /**
   * The hidden fields of the dossier page's message form, read once as the browser shows the page: the page's token
   * and the form's own key.
   */
  static Map<String, String> formOf(BrowserSession session, String number) {
    String page = session.page("/dossiers/" + number).getBody();
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    java.util.regex.Matcher hidden = java.util.regex.Pattern.compile(
        "<input type=\"hidden\" name=\"(csrf|submission)\" value=\"([^\"]*)\"").matcher(page == null ? "" : page);
    while (hidden.find()) {
      fields.putIfAbsent(hidden.group(1), hidden.group(2));
    }
    fields.putIfAbsent("csrf", PageForms.NONE);
    return fields;
  }

  static String form(Map<String, String> fields) {
    return String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
  }

  int count(String number) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message WHERE dossier_id = ?", Integer.class, number);
  }

  MimeMessage mailTo(String address) throws Exception {
    assertThat(MAIL.waitForIncomingEmail(5000, 1)).as("a mail arrives").isTrue();
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (Arrays.toString(message.getAllRecipients()).contains(address)) {
        return message;
      }
    }
    throw new AssertionError("no mail to " + address);
  }

  ProcessInstance apply(EngineSteps steps, String key, Map<String, Object> changes) {
    Map<String, Object> form = Candidatures.valid();
    form.putAll(changes);
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
        .latestVersion().singleResult().getId();
    ProcessInstance started = steps.as("alice", () -> engine.getFormService().submitStartForm(definition, form));
    steps.runJobs();
    return started;
  }
}
