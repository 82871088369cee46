package fr.parcours.ans;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.Zips;
import fr.parcours.support.Candidatures;
import java.util.Map;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.TestSmtp;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * One application driven from the start form to the certificate through the real entry points: the REST
 * API that Tasklist calls, with each person's credentials, on a running server.
 */
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class AnsRestIT {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The mails of the track go to a real SMTP server. */
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP).withPerMethodLifecycle(true);

  @Autowired TestRestTemplate rest;
  @Autowired EvidenceDeposits evidence;
  @Autowired ManagementService managementService;
  @Autowired HistoryService history;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @Test
  void shouldTakeADeviceFromCandidatureToCertificateThroughTheRestApi() throws Exception {
    ResponseEntity<String> started = post("alice", "/engine-rest/process-definition/key/ans-certification/submit-form",
        Map.of("variables", asTasklistSendsThem(Candidatures.valid())));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String instance = JSON.readTree(started.getBody()).get("id").asText();

    completeTask("alice", instance, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    completeTask("ana", instance, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    completeTask("alice", instance, "Task_SignConvention", Map.of("conventionSigned", true,
        "signatoryName", "Alice Martin"));
    runJobs(instance); // the mail that opens the evidence deposit, before its task
    String dossier = dossierOf(instance);
    // a file named after no proof is kept apart, and not counted as a proof
    ResponseEntity<String> stray = upload("alice", dossier, evidence.nextArchiveName(instance),
        Zips.with("XYZ_9.9.9.pdf").bytes());
    assertThat(stray.getStatusCode()).as(stray.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(stray.getBody()).get("message").asText()).isEqualTo("Envoi 1 accepté : 0 fichier(s) de"
        + " preuve, et 1 fichier(s) dont le nom n’est le numéro d’aucune preuve du référentiel version 2025 (listés sous"
        + " « Preuves inconnues » : renommez-les d’après le numéro de la preuve, par exemple INS_2.1.1.jpeg, et"
        + " envoyez-les à nouveau). Preuves encore incomplètes.");
    ResponseEntity<String> sent = upload("alice", dossier, evidence.nextArchiveName(instance), Zips.with(ALL_PROOFS)
        .bytes());
    assertThat(sent.getStatusCode()).as(sent.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(sent.getBody()).get("message").asText())
        .isEqualTo("Envoi 2 accepté : 7 fichier(s) de preuve. Preuves complètes.");
    completeTask("alice", instance, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    completeTask("ana", instance, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
    runJobs(instance);

    JsonNode history = JSON.readTree(get("alice", "/engine-rest/history/process-instance/" + instance).getBody());
    assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
    JsonNode outcome = JSON.readTree(get("alice", "/engine-rest/history/variable-instance?maxResults=50"
        + "&processInstanceId=" + instance + "&variableName=ansOutcome").getBody());
    assertThat(outcome.get(0).get("value").asText()).isEqualTo("CERTIFIED");
  }

  @Test
  void shouldAnswerABadCandidatureWithFourHundredAndTheMessage() throws Exception {
    Map<String, Object> form = Candidatures.with("siren", "123456789");
    ResponseEntity<String> refused = post("alice", "/engine-rest/process-definition/key/ans-certification/submit-form",
        Map.of("variables", asTasklistSendsThem(form)));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .startsWith("La candidature ne peut pas être acceptée : SIREN").contains("clé de contrôle");
  }

  /**
   * Values no form sends, sent straight to the REST API: each gets a 400 that names the variable and says what
   * to send, where the engine answered 500 with a Java class in it, and no dossier is started.
   */
  @Test
  void shouldAnswerValuesNoFormSendsWithFourHundredAndStoreNothing() throws Exception {
    String start = "/engine-rest/process-definition/key/ans-certification/submit-form";
    long dossiers = history.createHistoricProcessInstanceQuery().count();
    Map<String, Map<String, Object>> bad = Map.of(
        "a list that is not JSON", Map.of("value", "[\"SOCLE\"", "type", "Json"),
        "a list nested 20,000 deep", Map.of("value", "[".repeat(20_000) + "]".repeat(20_000), "type", "Json"));
    for (Map.Entry<String, Map<String, Object>> value : bad.entrySet()) {
      ObjectNode variables = asTasklistSendsThem(Candidatures.valid());
      variables.set("softwareProfiles", JSON.valueToTree(value.getValue()));
      ResponseEntity<String> refused = post("alice", start, Map.of("variables", variables));
      assertThat(refused.getStatusCode()).as(value.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(JSON.readTree(refused.getBody()).get("message").asText()).as(value.getKey())
          .startsWith("La variable « softwareProfiles » n’est pas du JSON que Parcours sait lire")
          .contains("(Variable 'softwareProfiles' is not JSON that Parcours can read").contains("[\"SOCLE\"]");
    }

    ObjectNode serialised = asTasklistSendsThem(Candidatures.valid());
    serialised.set("companyName", JSON.valueToTree(Map.of("value", "rO0ABXQABGFiY2Q=", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.lang.String",
            "serializationDataFormat", "application/x-java-serialized-object"))));
    ResponseEntity<String> refused = post("alice", start, Map.of("variables", serialised));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .startsWith("La variable 'companyName' est envoyée en objet Java sérialisé, que Parcours refuse")
        .contains("(Variable 'companyName' is sent as a Java-serialised object, which Parcours refuses");

    ObjectNode huge = asTasklistSendsThem(Candidatures.valid());
    huge.set("softwareProfiles", JSON.valueToTree(Map.of("type", "Json", "value",
        "[" + String.join(",", java.util.Collections.nCopies(200_000, "\"SOCLE\"")) + "]")));
    refused = post("alice", start, Map.of("variables", huge));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText()).isEqualTo("Le champ « softwareProfiles »"
        + " compte 1600001 caractères de données ; un champ liste en compte au plus 100000 : n’envoyez que les choix"
        + " du formulaire. (Field 'softwareProfiles' holds"
        + " 1600001 characters of data; a list field holds at most 100000: send only the choices of the form.)");

    assertThat(history.createHistoricProcessInstanceQuery().count()).as("no dossier started").isEqualTo(dossiers);
  }

  /**
   * A date field sent typed Date through the REST API, at the start and on a task: 400 in French saying the form
   * « AAAA-MM-JJ », no dossier started, the task left open and its date stored as the text Tasklist sends. Before, the
   * start took the Date and stored it typed Date, which the later forms showing the field were handed.
   */
  @Test
  void shouldAnswerADateFieldSentAsADateWithFourHundredAndStoreNothing() throws Exception {
    String start = "/engine-rest/process-definition/key/ans-certification/submit-form";
    long dossiers = history.createHistoricProcessInstanceQuery().count();
    Map<String, Object> typedDate = Map.of("type", "Date", "value", "2027-01-01T00:00:00.000+0000");
    ObjectNode variables = asTasklistSendsThem(Candidatures.valid());
    variables.set("plannedEvidenceDate", JSON.valueToTree(typedDate));
    ResponseEntity<String> refused = post("alice", start, Map.of("variables", variables));
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText()).startsWith("« Date prévue du dépôt complet"
        + " des preuves » est une date : envoyez-la en texte sous la forme « AAAA-MM-JJ », comme 2027-03-31, pas en"
        + " valeur de type Date");
    assertThat(history.createHistoricProcessInstanceQuery().count()).as("no dossier started").isEqualTo(dossiers);

    ResponseEntity<String> started = post("alice", start, Map.of("variables",
        asTasklistSendsThem(Candidatures.valid())));
    String instance = JSON.readTree(started.getBody()).get("id").asText();
    runJobs(instance);
    Object planned = engine.getRuntimeService().getVariable(instance, "plannedEvidenceDate");
    JsonNode tasks = JSON.readTree(get("alice", "/engine-rest/task?maxResults=50&processInstanceId=" + instance
        + "&taskDefinitionKey=Task_DepositAdministrativeDossier").getBody());
    ObjectNode form = asTasklistSendsThem(Map.of("depositAction", "DRAFT"));
    form.set("plannedEvidenceDate", JSON.valueToTree(typedDate));
    ResponseEntity<String> task = post("alice", "/engine-rest/task/" + tasks.get(0).get("id").asText()
        + "/submit-form", Map.of("variables", form));
    assertThat(task.getStatusCode()).as(task.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(task.getBody()).get("message").asText()).contains("« AAAA-MM-JJ »");
    assertThat(engine.getTaskService().createTaskQuery().taskId(tasks.get(0).get("id").asText()).count())
        .as("the task stays open").isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(instance, "plannedEvidenceDate")).as("the date unchanged")
        .isEqualTo(planned).isInstanceOf(String.class);
  }

  @Test
  void shouldAnswerATaskFormWithAListThatIsNotJsonOrAHugeTextWithFourHundred() throws Exception {
    ResponseEntity<String> started = post("alice", "/engine-rest/process-definition/key/ans-certification/submit-form",
        Map.of("variables", asTasklistSendsThem(Candidatures.valid())));
    String instance = JSON.readTree(started.getBody()).get("id").asText();
    runJobs(instance);
    String task = JSON.readTree(get("alice", "/engine-rest/task?maxResults=50&processInstanceId=" + instance).getBody())
        .get(0).get("id").asText();

    ResponseEntity<String> refused = post("alice", "/engine-rest/task/" + task + "/submit-form", Map.of("variables",
        Map.of("depositAction", Map.of("value", "DRAFT"),
            "softwareProfiles", Map.of("value", "[\"SOCLE\"", "type", "Json"))));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .startsWith("La variable « softwareProfiles » n’est pas du JSON que Parcours sait lire")
        .contains("(Variable 'softwareProfiles' is not JSON that Parcours can read");
    assertThat(JSON.readTree(get("alice", "/engine-rest/task/" + task).getBody()).get("id").asText())
        .as("the task is still open").isEqualTo(task);

    // a megabyte in a text field: the database's column holds 4,000 characters (it answered 500 after the checks)
    refused = post("alice", "/engine-rest/task/" + task + "/submit-form", Map.of("variables",
        Map.of("depositAction", Map.of("value", "DRAFT"), "headOffice", Map.of("value", "x".repeat(1_000_000)))));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText()).isEqualTo("Le champ « Siège social » compte"
        + " 1000000 caractères ; un champ texte en compte au plus 4000 : raccourcissez-le (un document va avec les"
        + " preuves ou sur Sésame, pas dans un champ). (Field 'headOffice' holds 1000000"
        + " characters; a text field holds at most 4000: shorten it (a document goes with the evidence or on Sésame,"
        + " not in a field).)");
    // bytes where a form sends text: stored unchecked before
    refused = post("alice", "/engine-rest/task/" + task + "/submit-form", Map.of("variables",
        Map.of("depositAction", Map.of("value", "DRAFT"), "headOffice", Map.of("type", "Bytes",
            "value", java.util.Base64.getEncoder().encodeToString(new byte[50_000])))));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .startsWith("Le champ « headOffice » est envoyé en octets ou en fichier")
        .contains("(Field 'headOffice' is sent as bytes or a file");
    assertThat(JSON.readTree(get("alice", "/engine-rest/process-instance/" + instance + "/variables/headOffice")
        .getBody()).get("value").asText()).as("nothing stored").isEqualTo("12 rue de la Santé, 75013 Paris");
  }

  // ---- the evidence page ----

  static final String[] ALL_PROOFS = {"PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json",
      "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf"};

  String atEvidenceDeposit() throws Exception {
    ResponseEntity<String> started = post("alice", "/engine-rest/process-definition/key/ans-certification/submit-form",
        Map.of("variables", asTasklistSendsThem(Candidatures.valid())));
    String instance = JSON.readTree(started.getBody()).get("id").asText();
    completeTask("alice", instance, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    completeTask("ana", instance, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    completeTask("alice", instance, "Task_SignConvention", Map.of("conventionSigned", true,
        "signatoryName", "Alice Martin"));
    runJobs(instance); // the mail that opens the evidence deposit, before its task
    return instance;
  }

  @Test
  void shouldShowTheEvidencePageOnlyToThoseWhoMayReadTheDossier() throws Exception {
    String instance = atEvidenceDeposit();
    String dossier = dossierOf(instance);

    ResponseEntity<String> page = get("alice", "/evidence/" + dossier);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(page.getBody()).contains("Preuves du dossier " + dossier).contains("EXEMPLE ILLUSTRATIF")
        .contains("Dépôt des preuves, cas (a) — première certification")
        .contains("<input type=file name=archive").contains(evidence.nextArchiveName(instance));
    assertThat(rest.getForEntity("/evidence/" + dossier, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(get("bruno", "/evidence/" + dossier).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(upload("bruno", dossier, evidence.nextArchiveName(instance), Zips.with(ALL_PROOFS).bytes())
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> byReviewer = upload("paul", dossier, evidence.nextArchiveName(instance),
        Zips.with(ALL_PROOFS).bytes());
    assertThat(byReviewer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(JSON.readTree(byReviewer.getBody()).get("message").asText()).isEqualTo("Vous ne pouvez pas déposer de"
        + " preuves pour le dossier " + dossier + " : seul son industriel le peut, tant que « Déposer les preuves »"
        + " ou « Fournir des compléments » est ouverte.");
  }

  @Test
  void shouldAnswerABadArchiveWithFourHundredAndTheMessage() throws Exception {
    String instance = atEvidenceDeposit();
    String name = evidence.nextArchiveName(instance);
    ResponseEntity<String> refused = upload("alice", dossierOf(instance), name, "not a zip".getBytes());
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .isEqualTo("L’archive « " + name + " » n’est pas une archive ZIP : envoyez les preuves dans un seul"
            + " fichier .zip.");
  }

  /**
   * A send of the evidence page without what its form always sends (a script's): the file of an archive, a Kbis or a
   * regulation, the proof to mark invalid. Each answered Spring's English {"error":"Bad Request"}; each is now said in
   * French, as JSON to a script and as the page's notice to a browser. Tried: no archive, no Kbis, no regulation (the
   * form's other fields sent), no proof number.
   */
  @Test
  void shouldSayInFrenchWhatASendOfTheEvidencePageLeftOut() throws Exception {
    String dossier = dossierOf(atEvidenceDeposit());
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put("", "L’envoi ne contient pas d’archive : choisissez l’archive ZIP des preuves sous « Envoyer une"
        + " archive », puis « Envoyer ». Rien n’a été enregistré.");
    refusals.put("/kbis", "L’envoi ne contient pas de fichier : choisissez l’extrait Kbis sous « Envoyer l’extrait"
        + " Kbis », puis « Envoyer ». Rien n’a été enregistré.");
    refusals.put("/regulation", "L’envoi ne contient pas de fichier : choisissez le règlement signé sous « Envoyer le"
        + " règlement signé », puis « Envoyer ». Rien n’a été enregistré.");
    refusals.put("/invalid", "L’envoi ne nomme pas la preuve à marquer invalide : utilisez « Marquer invalide » sur la"
        + " ligne de la preuve, dans le tableau des preuves. Rien n’a été changé.");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      for (MediaType accept : java.util.List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML)) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setAccept(java.util.List.of(accept));
        headers.setBasicAuth("alice", "alice");
        org.springframework.util.LinkedMultiValueMap<String, Object> body =
            new org.springframework.util.LinkedMultiValueMap<>();
        body.add("reason", "Illisible");
        ResponseEntity<String> refused = rest.exchange("/evidence/" + dossier + refusal.getKey(), HttpMethod.POST,
            new HttpEntity<>(body, headers), String.class);
        assertThat(refused.getStatusCode()).as(refusal.getKey() + " " + accept).isEqualTo(HttpStatus.BAD_REQUEST);
        if (accept.equals(MediaType.APPLICATION_JSON)) {
          assertThat(JSON.readTree(refused.getBody()).get("message").asText()).isEqualTo(refusal.getValue());
        } else {
          assertThat(refused.getBody()).as(refusal.getKey()).contains(org.springframework.web.util.HtmlUtils
              .htmlEscape(refusal.getValue(), "UTF-8").replace("&rsquo;", "’")).doesNotContain("Bad Request");
        }
      }
    }
  }

  /**
   * The evidence review sent over the engine's REST API without its required decision, through {@code complete} and
   * {@code submit-form} as a script would: 400 with the French sentence that names the field and its choices, and the
   * task stays open. (Already so before this test: it guards the case a note reported as English.)
   */
  @Test
  void shouldNameInFrenchTheDecisionAnEvidenceReviewSentOverRestLeftOut() throws Exception {
    String instance = atEvidenceDeposit();
    assertThat(upload("alice", dossierOf(instance), evidence.nextArchiveName(instance), Zips.with(ALL_PROOFS).bytes())
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    completeTask("alice", instance, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    runJobs(instance);
    String task = JSON.readTree(get("ana", "/engine-rest/task?maxResults=50&processInstanceId=" + instance
        + "&taskDefinitionKey=Task_ReviewEvidence").getBody()).get(0).get("id").asText();
    for (String endpoint : new String[] {"/complete", "/submit-form"}) {
      ResponseEntity<String> refused = post("ana", "/engine-rest/task/" + task + endpoint, Map.of("variables",
          Map.of()));
      assertThat(refused.getStatusCode()).as(endpoint + " " + refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(JSON.readTree(refused.getBody()).get("message").asText()).as(endpoint).isEqualTo("Choisissez une"
          + " réponse dans la liste « Décision sur les preuves ».");
    }
    assertThat(JSON.readTree(get("ana", "/engine-rest/task/" + task).getBody()).get("id").asText()).isEqualTo(task);
  }

  @Test
  void shouldServeAProofAsAnAttachmentNeverInline() throws Exception {
    String instance = atEvidenceDeposit();
    String dossier = dossierOf(instance);
    upload("alice", dossier, evidence.nextArchiveName(instance), Zips.with(ALL_PROOFS)
        .entry("SEC_1.2.1.html", "<script>alert(1)</script>".getBytes()).bytes());
    String proofId = evidence.report(instance).requirements().stream()
        .flatMap(r -> r.proofs().stream()).filter(p -> p.proof().number().equals("SEC 1.2.1"))
        .flatMap(p -> p.current().stream()).filter(f -> f.entryName().endsWith(".html")).findFirst().orElseThrow()
        .id();

    ResponseEntity<String> file = get("alice", "/evidence/" + dossier + "/proofs/" + proofId);

    assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(file.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
    assertThat(file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .isEqualTo("attachment; filename=\"SEC_1.2.1.html\"");
    assertThat(file.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(get("bruno", "/evidence/" + dossier + "/proofs/" + proofId).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  String dossierOf(String instance) throws Exception {
    return JSON.readTree(get("alice", "/engine-rest/process-instance/" + instance).getBody()).get("businessKey")
        .asText();
  }

  ResponseEntity<String> upload(String user, String dossier, String fileName, byte[] zip) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
    headers.setBasicAuth(user, user);
    org.springframework.util.LinkedMultiValueMap<String, Object> body = new org.springframework.util.LinkedMultiValueMap<>();
    body.add("archive", new org.springframework.core.io.ByteArrayResource(zip) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return rest.exchange("/evidence/" + dossier, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  @Test
  void shouldRefuseTheRestApiWithoutCredentials() {
    assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("nadia", "wrong").getForEntity("/engine-rest/task", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldShowAnotherVendorNothingOfTheDossier() throws Exception {
    ResponseEntity<String> started = post("alice", "/engine-rest/process-definition/key/ans-certification/submit-form",
        Map.of("variables", asTasklistSendsThem(Candidatures.valid())));
    String instance = JSON.readTree(started.getBody()).get("id").asText();
    runJobs(instance);

    String tasksOfTheDossier = "/engine-rest/task?maxResults=50&processInstanceId=" + instance;
    assertThat(JSON.readTree(get("bruno", tasksOfTheDossier).getBody())).isEmpty();
    assertThat(get("bruno", "/engine-rest/process-instance/" + instance + "/variables").getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(JSON.readTree(get("bruno",
        "/engine-rest/history/variable-instance?maxResults=50&processInstanceId=" + instance).getBody())).isEmpty();
    assertThat(JSON.readTree(get("alice", tasksOfTheDossier).getBody())).hasSize(1);
  }

  /**
   * A user task a process owner added with the ANS checks listener, which has no checks for it, sent as Tasklist sends
   * it: the reviewer reads the French sentence that says what the process owner must change, not the engine's
   * "ENGINE-03051 There was an exception while invoking the TaskListener", and the task stays open.
   */
  @Test
  void shouldShowTheReviewerInFrenchWhyATaskTheChecksDoNotKnowCannotBeCompleted() throws Exception {
    assertThat(refusedToAna("owner-added-task", "Task_SignAmendment", "Signer l’avenant",
        "delegateExpression=\"${ansTaskChecks}\"")).isEqualTo("La tâche Task_SignAmendment"
        + " (« Signer l’avenant ») du processus « owner-added-task » porte l’écouteur ${ansTaskChecks} (événement"
        + " « complete »), mais Parcours n’a aucun contrôle pour cette tâche : elle ne peut pas être terminée. Dans"
        + " Modeler, retirez cet écouteur de la tâche (onglet « Listeners ») si ses réponses n’ont rien à vérifier,"
        + " ou faites écrire ses contrôles dans Parcours ; le diagramme se déploie ensuite avec eux.");
  }

  /**
   * A task listener that fails where it should not (it reads a variable the dossier lacks), sent as Tasklist sends the
   * task: the reviewer reads the French sentence with a reference to quote, not « ENGINE-03051 … », and the task stays
   * open.
   */
  @Test
  void shouldShowTheReviewerAFrenchSentenceWithAReferenceWhenAListenerFails() throws Exception {
    String message = refusedToAna("failing-listener", "Task_Sign", "Signer",
        "expression=\"${task.getVariable('signatoryName').length()}\"");

    java.util.regex.Matcher reference = java.util.regex.Pattern.compile("la référence ([0-9A-F]{8}) ")
        .matcher(message);
    assertThat(reference.find()).as(message).isTrue();
    assertThat(message).isEqualTo("Parcours n’a pas pu traiter cette tâche : une erreur de son côté l’en a empêché,"
        + " pas ce que vous avez saisi. Rien n’a été enregistré. Réessayez dans quelques minutes ; si l’erreur revient,"
        + " écrivez à l’administrateur de Parcours en donnant la référence " + reference.group(1) + " : il en trouvera"
        + " le détail dans le journal du serveur.");
  }

  /**
   * What ana reads when she sends, as Tasklist does, the one task of a process a process owner deployed with that
   * complete listener: the answer is a 500 (no fault of hers), and the task stays open.
   */
  String refusedToAna(String processId, String taskId, String taskName, String listener) throws Exception {
    String deployment = engine.getRepositoryService().createDeployment().addString(processId + ".bpmn", """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://parcours.example/test">
          <process id="%1$s" isExecutable="true" camunda:historyTimeToLive="30">
            <startEvent id="StartEvent_Go"/>
            <sequenceFlow id="Flow_1" sourceRef="StartEvent_Go" targetRef="%2$s"/>
            <userTask id="%2$s" name="%3$s" camunda:candidateGroups="ans-reviewer">
              <extensionElements>
                <camunda:properties><camunda:property name="timeLimits" value="none"/></camunda:properties>
                <camunda:taskListener %4$s event="complete"/>
              </extensionElements>
            </userTask>
            <sequenceFlow id="Flow_2" sourceRef="%2$s" targetRef="EndEvent_Done"/>
            <endEvent id="EndEvent_Done"/>
          </process>
        </definitions>""".formatted(processId, taskId, taskName, listener)).deploy().getId();
    try {
      String instance = engine.getRuntimeService().startProcessInstanceByKey(processId, "DMN-2026-REST").getId();
      String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();

      ResponseEntity<String> answer = post("ana", "/engine-rest/task/" + task + "/submit-form",
          Map.of("variables", Map.of()));

      assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
      assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).as("the task stays open").isOne();
      return JSON.readTree(answer.getBody()).get("message").asText();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  // ---- as Tasklist talks to the engine ----

  /** Lists as Json variables, other values untyped, as Tasklist's Camunda Forms submit them. */
  static ObjectNode asTasklistSendsThem(Map<String, Object> form) {
    return Candidatures.asTasklistSendsThem(form);
  }

  /** The asynchronous steps (the mails), run as the job executor would (it is off in tests). */
  void runJobs(String instance) {
    for (int round = 0; round < 100; round++) {
      java.util.List<Job> jobs = managementService.createJobQuery().processInstanceId(instance).messages().list();
      if (jobs.isEmpty()) {
        return;
      }
      managementService.executeJob(jobs.get(0).getId());
    }
  }

  void completeTask(String user, String instance, String taskKey, Map<String, Object> form) throws Exception {
    runJobs(instance);
    JsonNode tasks = JSON.readTree(get(user, "/engine-rest/task?maxResults=50&processInstanceId=" + instance
        + "&taskDefinitionKey=" + taskKey).getBody());
    assertThat(tasks).as(user + " sees " + taskKey).hasSize(1);
    ResponseEntity<String> done = post(user, "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/submit-form",
        Map.of("variables", asTasklistSendsThem(form)));
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity(path, String.class);
  }

  ResponseEntity<String> post(String user, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, user);
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
        String.class);
  }
}
