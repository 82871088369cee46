package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.BrowserSession;
import fr.parcours.support.Candidatures;
import fr.parcours.support.Dossiers;
import fr.parcours.support.ThisContextsEngine;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Every way a vendor's user could reach another company's dossier over HTTP, tried with company B's
 * credentials on company A's dossier: each answers nothing, or refuses. The owner's user, tried the same way,
 * gets her data, so that an empty answer is never an empty database.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class VendorIsolationRestIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;

  static ProcessInstance dossier;
  static Task task;

  @BeforeEach
  void aliceHasADossierWithATask() {
    if (dossier != null) {
      return;
    }
    dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    task = tasks.createTaskQuery().processInstanceId(dossier.getId()).singleResult();
    assertThat(task).isNotNull();
  }

  /** Lists that must hold A's data for alice and nothing for bruno; {pi} and {task} are A's ids. */
  @ParameterizedTest
  @ValueSource(strings = {
      "/engine-rest/process-instance?processInstanceIds={pi}&maxResults=50",
      "/engine-rest/execution?processInstanceId={pi}&maxResults=50",
      "/engine-rest/variable-instance?processInstanceIdIn={pi}&maxResults=50",
      "/engine-rest/task?processInstanceId={pi}&maxResults=50",
      "/engine-rest/history/process-instance?processInstanceId={pi}&maxResults=50",
      "/engine-rest/history/activity-instance?processInstanceId={pi}&maxResults=50",
      "/engine-rest/history/task?processInstanceId={pi}&maxResults=50",
      "/engine-rest/history/variable-instance?processInstanceId={pi}&maxResults=50",
      "/engine-rest/history/detail?processInstanceId={pi}&maxResults=50"})
  void shouldListNothingOfAnotherCompanysDossier(String list) throws Exception {
    String path = list.replace("{pi}", dossier.getId());
    assertThat(JSON.readTree(get("alice", path).getBody())).as("alice reads her own: " + path).isNotEmpty();
    ResponseEntity<String> bruno = get("bruno", path);
    assertThat(bruno.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(bruno.getBody())).as("bruno: " + path).isEmpty();
  }

  /** Single resources: alice reads them, bruno is refused or told they do not exist. */
  @ParameterizedTest
  @ValueSource(strings = {
      "/engine-rest/process-instance/{pi}",
      "/engine-rest/process-instance/{pi}/variables",
      "/engine-rest/task/{task}",
      "/engine-rest/task/{task}/variables",
      "/engine-rest/task/{task}/form-variables",
      "/engine-rest/history/process-instance/{pi}",
      "/api/dossiers/{pi}/notifications"})
  void shouldRefuseAnotherCompanysResource(String resource) {
    String path = resource.replace("{pi}", dossier.getId()).replace("{task}", task.getId());
    assertThat(get("alice", path).getStatusCode()).as("alice: " + path).isEqualTo(HttpStatus.OK);
    assertThat(get("bruno", path).getStatusCode()).as("bruno: " + path)
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldRefuseAnotherCompanysWrites() {
    assertThat(post("bruno", "/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Map.of("depositAction", Map.of("value", "DRAFT")))).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(post("bruno", "/engine-rest/process-instance/" + dossier.getId() + "/variables",
        Map.of("modifications", Map.of("vendorGroup", Map.of("value", "vendor-telecardio")))).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(rest.exchange("/engine-rest/process-instance/" + dossier.getId(), HttpMethod.DELETE,
        new HttpEntity<>(auth("bruno")), String.class).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still there").isEqualTo(1);
  }

  /** A vendor cannot open a compliance audit, on its own device or another's: only the ANS auditors start it. */
  @Test
  void shouldRefuseAVendorTheStartOfAComplianceAuditInFrench() {
    for (String vendor : List.of("alice", "bruno")) {
      ResponseEntity<String> start = post(vendor, "/engine-rest/process-definition/key/compliance-audit/submit-form",
          Map.of("variables", Map.of("certificateNumber", Map.of("value", "CC-DMN-2026-00001"),
              "auditScope", Map.of("value", "Audit demandé par un industriel"))));
      assertThat(start.getStatusCode()).as(vendor).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(start.getBody()).as(vendor).contains("Votre compte ne peut pas démarrer le processus « compliance-audit »");
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("compliance-audit").count())
        .isZero();
  }

  /** A reviewer starts no dossier: told so in French, where the engine named its resource 'ProcessInstance'. */
  @Test
  void shouldRefuseAReviewerTheStartOfADossierInFrench() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("ans-certification")
        .count();
    ResponseEntity<String> start = post("ana", "/engine-rest/process-definition/key/ans-certification/submit-form",
        Map.of("variables", Map.of("softwareName", Map.of("value", "CardioWatch"))));
    assertThat(start.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(start.getBody()).contains("Votre compte ne démarre pas de dossier").doesNotContain("'CREATE'");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("ans-certification")
        .count()).isEqualTo(before);
  }

  /**
   * Calls the engine answered 500 before it checked rights, telling another company that an id exists: deleting
   * a task, triggering a step's message. Now the answer is the same for another company's id and for an id that
   * does not exist, and says what is wrong.
   */
  @Test
  void shouldAnswerAnotherCompanysIdsAsUnknownOnesWithoutAFiveHundred() throws Exception {
    for (String id : new String[] {task.getId(), "no-such-task"}) {
      ResponseEntity<String> delete = rest.exchange("/engine-rest/task/" + id, HttpMethod.DELETE,
          new HttpEntity<>(auth("bruno")), String.class);
      assertThat(delete.getStatusCode()).as("bruno deletes " + id).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(JSON.readTree(delete.getBody()).get("message").asText())
          .startsWith("Les tâches d’un dossier s’ouvrent et se ferment avec son diagramme ; aucune ne se supprime à"
              + " la main.")
          .contains("(The tasks of a dossier open and close with its diagram; none can be deleted by hand.");
    }
    ResponseEntity<String> own = rest.exchange("/engine-rest/task/" + task.getId(), HttpMethod.DELETE,
        new HttpEntity<>(auth("alice")), String.class);
    assertThat(own.getStatusCode()).as("alice deletes her own task").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still there").isEqualTo(1);

    String execution = engine.getRuntimeService().createExecutionQuery().processInstanceId(dossier.getId()).list()
        .get(0).getId();
    for (String id : new String[] {execution, "no-such-execution"}) {
      ResponseEntity<String> trigger = post("bruno", "/engine-rest/execution/" + id
          + "/messageSubscriptions/InstructionGoAhead/trigger", Map.of());
      assertThat(trigger.getStatusCode()).as("bruno triggers on " + id).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(JSON.readTree(trigger.getBody()).get("message").asText())
          .isEqualTo("Aucune étape d’un dossier d’id d’exécution « " + id + " » n’attend cela : vérifiez l’id"
              + " d’exécution et le nom du message. (No step of a dossier with execution id '" + id + "' is waiting"
              + " for this: check the execution id and the message name.)");
    }
  }

  /**
   * /condition evaluates the conditional start events, of which Parcours has none: anyone signed in got a 500
   * "ENGINE-13043 No subscriptions were found…" in English. Now a 400 that says how a dossier starts.
   */
  @Test
  void shouldAnswerAConditionThatStartsNothingInFrenchWithoutAFiveHundred() throws Exception {
    for (String user : List.of("alice", "ana")) {
      ResponseEntity<String> answer = post(user, "/engine-rest/condition",
          Map.of("variables", Map.of("ceMarked", Map.of("value", true))));
      assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(JSON.readTree(answer.getBody()).get("message").asText()).as(user)
          .startsWith("Aucun processus de Parcours ne démarre sur une condition : démarrez un dossier depuis"
              + " Tasklist (« Démarrer un processus »).");
    }
  }

  /**
   * A signal or a message sent by hand: a vendor's signal was taken (204) though no step of Parcours waits for one, and
   * a message no step waited for answered 400 "MismatchingMessageCorrelationException" in English. Now everyone but an
   * administrator is refused (403, in French), whatever the message names (one a step waits for, her own dossier's, or
   * none); an administrator's message that no step waits for is told so in French.
   */
  @Test
  void shouldRefuseSignalsAndMessagesSentByHandToAllButAdministratorsInFrench() throws Exception {
    List<Map<String, Object>> messages = List.of(Map.of("messageName", "InstructionGoAhead", "processInstanceId",
        dossier.getId()), Map.of("messageName", "NominalPhaseOpened", "all", true), Map.of("messageName", "x"));
    for (String user : List.of("alice", "bruno", "ana", "paul")) {
      ResponseEntity<String> signal = post(user, "/engine-rest/signal", Map.of("name", "x"));
      assertThat(signal.getStatusCode()).as(user + " signals").isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(JSON.readTree(signal.getBody()).get("message").asText()).as(user)
          .startsWith("Les étapes d’un dossier reçoivent leurs signaux et leurs messages de Parcours lui-même")
          .contains("« " + user + " » ne peut pas envoyer un signal à la main");
      for (Map<String, Object> message : messages) {
        ResponseEntity<String> sent = post(user, "/engine-rest/message", message);
        assertThat(sent.getStatusCode()).as(user + " sends " + message).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(JSON.readTree(sent.getBody()).get("message").asText()).as(user)
            .contains("« " + user + " » ne peut pas envoyer un message à la main");
      }
    }
    ResponseEntity<String> admin = post("admin", "/engine-rest/message", Map.of("messageName", "x"));
    assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(admin.getBody()).get("message").asText())
        .startsWith("Aucune étape d’un dossier n’attend ce message : vérifiez son nom et le dossier visé");
    assertThat(post("admin", "/engine-rest/signal", Map.of("name", "x")).getStatusCode())
        .as("an administrator repairs").isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the dossier has not moved").isEqualTo(1);
  }

  /**
   * Values only a crafted request sends, answered in English with Java names: a SIREN of 31 digits typed Long, 1.5
   * typed Long, "abc" typed Integer and Date, a type that does not exist, a body cut short, "variables": 5, a list
   * without pages. Each is now a 400 in French that says what to send; nothing is started.
   */
  @Test
  void shouldAnswerValuesOfTheWrongTypeAndUnreadableBodiesInFrench() throws Exception {
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();
    String start = "/engine-rest/process-definition/key/ans-transitional/submit-form";
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("1000000000000000000000000000000", "Long");
    typed.put("1.5", "Long");
    typed.put("abc", "Integer");
    typed.put("demain", "Date");
    for (Map.Entry<String, String> value : typed.entrySet()) {
      ResponseEntity<String> answer = post("alice", start, Map.of("variables",
          Map.of("siren", Map.of("value", value.getKey(), "type", value.getValue()))));
      assertThat(answer.getStatusCode()).as(value.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(JSON.readTree(answer.getBody()).get("message").asText()).as(value.toString())
          .startsWith("Une valeur envoyée en « " + value.getValue() + " », « " + value.getKey() + " », n’en est pas")
          .doesNotContain("java.lang").doesNotContain("Cannot instantiate");
    }
    ResponseEntity<String> weird = post("alice", start, Map.of("variables",
        Map.of("siren", Map.of("value", "552100554", "type", "Weird"))));
    assertThat(weird.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(weird.getBody()).get("message").asText())
        .startsWith("Le type « Weird » n’existe pas pour une valeur");
    for (String body : List.of("{\"variables\":", "{\"variables\": 5}", "[1, 2]")) {
      ResponseEntity<String> answer = post("alice", start, body);
      assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(JSON.readTree(answer.getBody()).get("message").asText()).as(body)
          .startsWith("Le corps de la requête n’est pas du JSON que cette adresse lit");
    }
    ResponseEntity<String> unbound = get("alice", "/engine-rest/task");
    assertThat(unbound.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(unbound.getBody()).get("message").asText())
        .startsWith("Une liste se demande par pages : ajoutez firstResult et maxResults (2000 au plus)");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
  }

  /**
   * The engine's refusals of a right, met by another company's user on a task or a dossier, answered in English only
   * ("The user with id 'bruno' does not have one of the following permissions: 'READ'..."): now in French first, the
   * engine's words after them. Tried: a task's identity links, its local variables, a dossier's activity instances.
   */
  @Test
  void shouldRefuseAnotherCompanysTaskOrDossierInFrench() throws Exception {
    Map<String, String> refusals = Map.of(
        "/engine-rest/task/" + task.getId() + "/identity-links", "la tâche « " + task.getId() + " »",
        "/engine-rest/task/" + task.getId() + "/localVariables", "la tâche « " + task.getId() + " »",
        "/engine-rest/process-instance/" + dossier.getId() + "/activity-instances",
        "le dossier (instance de processus) « " + dossier.getId() + " »");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      assertThat(get("alice", refusal.getKey()).getStatusCode()).as("alice: " + refusal.getKey())
          .isEqualTo(HttpStatus.OK);
      ResponseEntity<String> bruno = get("bruno", refusal.getKey());
      assertThat(bruno.getStatusCode()).as(refusal.getKey()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(JSON.readTree(bruno.getBody()).get("message").asText()).as(refusal.getKey())
          .startsWith("Votre compte (« bruno ») n’a pas le droit « READ » sur " + refusal.getValue() + " : un dossier"
              + " et ses tâches ne s’ouvrent qu’à l’entreprise qui l’a déposé et aux services qui l’instruisent.")
          .contains("(The user with id 'bruno' does not have");
    }
  }

  /**
   * The REST API's own 404s on another company's ids answered in English ("No task found for task id …",
   * "variable instance with Id '…' does not exist.", "No process instance found for id …"): now in French, the same
   * for alice's id and for one that does not exist (only the id sent differs), never the 200 alice gets. Tried: a
   * task's comments, attachments and one attachment, a variable instance, a dossier's comments.
   */
  @Test
  void shouldAnswerAnotherCompanysIdsLikeUnknownOnesInFrench() throws Exception {
    String variable = engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(dossier.getId())
        .variableName("companyName").singleResult().getId();
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("/engine-rest/task/{id}/comment", task.getId());
    paths.put("/engine-rest/task/{id}/attachment", task.getId());
    paths.put("/engine-rest/variable-instance/{id}", variable);
    paths.put("/engine-rest/process-instance/{id}/comment", dossier.getId());
    for (Map.Entry<String, String> path : paths.entrySet()) {
      String foreign = path.getKey().replace("{id}", path.getValue());
      String unknown = path.getKey().replace("{id}", "no-such-id");
      assertThat(get("alice", foreign).getStatusCode()).as("alice: " + foreign).isEqualTo(HttpStatus.OK);
      ResponseEntity<String> bruno = get("bruno", foreign);
      ResponseEntity<String> none = get("bruno", unknown);
      assertThat(bruno.getStatusCode()).as(foreign).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(none.getStatusCode()).as(unknown).isEqualTo(HttpStatus.NOT_FOUND);
      String said = JSON.readTree(bruno.getBody()).get("message").asText();
      assertThat(said).as(foreign).contains("parmi ce que votre compte peut voir : vérifiez l’identifiant")
          .contains("« " + path.getValue() + " »").doesNotContain("MediSoft").doesNotContain("alice");
      assertThat(said).as("the same as for an id that does not exist: " + foreign)
          .isEqualTo(JSON.readTree(none.getBody()).get("message").asText().replace("no-such-id", path.getValue()));
    }
  }

  /** Another company's task tells nothing of itself: not its form's fields, not that it exists. */
  @Test
  void shouldTellAnotherCompanyNothingOfATaskThroughItsRefusals() throws Exception {
    ResponseEntity<String> submit = post("bruno", "/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Map.of("notAField", Map.of("value", "x"))));
    assertThat(submit.getStatusCode()).as("refused for rights, not for the fields").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(submit.getBody()).doesNotContain("Déposer le dossier administratif").doesNotContain("companyName");

    ResponseEntity<String> foreign = get("bruno", "/engine-rest/task/" + task.getId() + "/deployed-form");
    ResponseEntity<String> unknown = get("bruno", "/engine-rest/task/no-such-task/deployed-form");
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(JSON.readTree(foreign.getBody()).get("message").asText())
        .isEqualTo(JSON.readTree(unknown.getBody()).get("message").asText().replace("no-such-task", task.getId()));
    assertThat(get("alice", "/engine-rest/task/" + task.getId() + "/deployed-form").getStatusCode())
        .as("alice reads her task's form").isEqualTo(HttpStatus.OK);
  }

  /**
   * A value its field does not take ("oui" in a box), sent as Tasklist's REST calls send a form: the owner is told in
   * French which field, by its label (400), nothing stored; another company is refused for rights (403), told
   * nothing of the task's fields.
   */
  @Test
  void shouldRefuseAValueItsFieldDoesNotTakeAndTellOnlyTheOwnerWhichField() throws Exception {
    Map<String, Object> bad = Map.of("variables", Map.of("depositAction", Map.of("value", "SUBMIT"),
        "docFunctional", Map.of("value", "oui", "type", "String")));
    ResponseEntity<String> brunos = post("bruno", "/engine-rest/task/" + task.getId() + "/submit-form", bad);
    assertThat(brunos.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(brunos.getBody()).doesNotContain("Documentation fonctionnelle").doesNotContain("case à cocher");

    ResponseEntity<String> alices = post("alice", "/engine-rest/task/" + task.getId() + "/submit-form", bad);
    assertThat(alices.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(alices.getBody()).get("message").asText())
        .startsWith("« Documentation fonctionnelle » est une case à cocher : elle vaut vrai ou faux, pas « oui »");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task stays open").isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(dossier.getId(), "docFunctional")).isNotEqualTo("oui");
  }

  /** A task that is gone (completed meanwhile, or never was): 404 and what to do, where the engine said 500. */
  @Test
  void shouldAnswerATaskThatIsGoneWithFourOFour() throws Exception {
    for (String[] call : new String[][] {{"POST", "/claim"}, {"POST", "/complete"}, {"GET", "/deployed-form"}}) {
      String path = "/engine-rest/task/no-such-task" + call[1];
      ResponseEntity<String> answer = call[0].equals("GET") ? get("alice", path)
          : post("alice", path, call[1].equals("/claim") ? Map.of("userId", "alice") : Map.of());
      assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(JSON.readTree(answer.getBody()).get("message").asText()).as(path)
          .isEqualTo("Il n’y a pas de tâche « no-such-task » (elle n’existe pas, ou elle a été terminée"
              + " entre-temps) : rechargez la liste des tâches. (There is no task 'no-such-task' (it does not"
              + " exist, or it was completed meanwhile): reload the task list.)");
    }
  }

  @Test
  void shouldNotLetAVendorDeployOrChangeItsOwnDossierVariables() {
    assertThat(post("alice", "/engine-rest/process-instance/" + dossier.getId() + "/variables",
        Map.of("modifications", Map.of("vendorGroup", Map.of("value", "vendor-telecardio")))).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("alice", "/engine-rest/deployment?maxResults=50").getBody()).as("a vendor sees no deployment")
        .isEqualTo("[]");
  }

  /**
   * A vendor works her task (claim, give back) and nothing more: she cannot hand it, and with it her dossier,
   * to another company's user, offer it to another group, or move its regulatory due date; she cannot push
   * her dossier on by a message or by moving its token. Each refusal leaves the task and dossier unchanged.
   */
  @Test
  void shouldLetAVendorWorkHerTaskButNotHandItOnOrMoveItsDates() throws Exception {
    String taskPath = "/engine-rest/task/" + task.getId();
    assertThat(post("alice", taskPath + "/claim", Map.of("userId", "alice")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(post("alice", taskPath + "/unclaim", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(post("alice", taskPath + "/assignee", Map.of("userId", "alice")).getStatusCode())
        .as("to herself, who may work it").isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(post("alice", taskPath + "/assignee", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    // bad inputs: the task to another company's user, to another group, a new due date
    Map<String, Object> taskWrites = new LinkedHashMap<>();
    taskWrites.put("/assignee", Map.of("userId", "bruno"));
    taskWrites.put("/delegate", Map.of("userId", "bruno"));
    taskWrites.put("/claim", Map.of("userId", "bruno"));
    taskWrites.put("/identity-links", Map.of("userId", "bruno", "type", "candidate"));
    taskWrites.put("/identity-links ", Map.of("groupId", "vendor-telecardio", "type", "candidate"));
    for (Map.Entry<String, Object> write : taskWrites.entrySet()) {
      ResponseEntity<String> answer = post("alice", taskPath + write.getKey().trim(), write.getValue());
      assertThat(answer.getStatusCode()).as(write.getKey() + " " + answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(answer.getBody()).as(write.getKey()).containsAnyOf("'bruno' is not one of them",
          "cannot be offered to group 'vendor-telecardio' by hand", "cannot be delegated");
    }
    // bad input: her task resolved with a header injected in the contact's address and a one-letter company,
    // which would skip the form's checks
    Map<String, Object> injected = Map.of("variables", Map.of(
        "contactEmail", Map.of("value", "jean@medisoft.example\r\nBcc: victim@evil.example", "type", "String"),
        "companyName", Map.of("value", "M", "type", "String")));
    ResponseEntity<String> resolved = post("alice", taskPath + "/resolve", injected);
    assertThat(resolved.getStatusCode()).as(resolved.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(resolved.getBody()).contains("may not resolve it");
    assertThat(engine.getRuntimeService().getVariable(dossier.getId(), "contactEmail"))
        .isEqualTo("jean.dupont@medisoft.example");
    assertThat(engine.getRuntimeService().getVariable(dossier.getId(), "companyName")).isEqualTo("MediSoft SAS");

    Map<String, Object> redated = new LinkedHashMap<>();
    redated.put("name", task.getName());
    redated.put("due", "2030-01-01T00:00:00.000+0000");
    ResponseEntity<String> update = rest.exchange(taskPath, HttpMethod.PUT, new HttpEntity<>(redated, auth("alice")),
        String.class);
    assertThat(update.getStatusCode()).as(update.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(update.getBody()).contains("comes from the deadlines table");
    // a follow-up date, which only the agencies use
    Map<String, Object> followedUp = new LinkedHashMap<>();
    followedUp.put("name", task.getName());
    followedUp.put("due", task.getDueDate() == null ? null
        : new java.text.SimpleDateFormat("yyyy-MM-dd'T’HH:mm:ss.SSSZ").format(task.getDueDate()));
    followedUp.put("followUp", "2030-01-01T00:00:00.000+0000");
    ResponseEntity<String> followUp = rest.exchange(taskPath, HttpMethod.PUT,
        new HttpEntity<>(followedUp, auth("alice")), String.class);
    assertThat(followUp.getStatusCode()).as(followUp.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(followUp.getBody()).contains("La date de relance de la tâche");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getFollowUpDate()).isNull();
    // a task of her own outside any dossier (Tasklist's "Create task"): no grant lets a vendor create one
    ResponseEntity<String> created = post("alice", "/engine-rest/task/create", Map.of("name", "Call the ANS"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    Map<String, Object> renamed = new LinkedHashMap<>();
    renamed.put("name", "Nothing to do");
    renamed.put("due", task.getDueDate() == null ? null
        : new java.text.SimpleDateFormat("yyyy-MM-dd'T’HH:mm:ss.SSSZ").format(task.getDueDate()));
    ResponseEntity<String> rename = rest.exchange(taskPath, HttpMethod.PUT, new HttpEntity<>(renamed, auth("alice")),
        String.class);
    assertThat(rename.getStatusCode()).as(rename.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rename.getBody()).contains("cannot be changed by hand");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getName()).isEqualTo(task.getName());

    // nor can she push her dossier on: a message meant for the agency, a token moved by hand
    for (Map.Entry<String, Object> write : Map.<String, Object>of(
        "/engine-rest/message", Map.of("messageName", "InstructionGoAhead", "processInstanceId", dossier.getId()),
        "/engine-rest/process-instance/" + dossier.getId() + "/modification", Map.of("instructions",
            List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ReviewEvidence")))).entrySet()) {
      ResponseEntity<String> answer = post("alice", write.getKey(), write.getValue());
      assertThat(answer.getStatusCode()).as(write.getKey() + " " + answer.getBody())
          .isIn(HttpStatus.FORBIDDEN, HttpStatus.BAD_REQUEST);
    }

    Task unchanged = tasks.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(unchanged.getAssignee()).isNull();
    assertThat(unchanged.getDueDate()).isEqualTo(task.getDueDate());
    assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(link -> link.getGroupId())
        .doesNotContain("vendor-telecardio");
    assertThat(tasks.createTaskQuery().processInstanceId(dossier.getId()).count()).as("no task added").isEqualTo(1);
    assertThat(JSON.readTree(get("bruno", "/engine-rest/task?maxResults=50").getBody()).toString())
        .doesNotContain(task.getId());
  }

  /**
   * Bad input: an ANS reviewer writes on the vendor's task outside its form, a comment and a link "Pay the fee
   * here". Only those who work a task write on it, and a vendor comments on none: no agency reads task comments.
   */
  @Test
  void shouldLetOnlyThoseWhoWorkATaskCommentOrAttachOnIt() {
    String taskPath = "/engine-rest/task/" + task.getId();
    ResponseEntity<String> comment = post("ana", taskPath + "/comment/create",
        Map.of("message", "Pay the fee here: http://evil.example/pay"));
    assertThat(comment.getStatusCode()).as(comment.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(comment.getBody()).contains("may add a comment or an attachment to it; 'ana' is not one of them")
        .contains("Seuls ceux qui travaillent une tâche peuvent y ajouter un commentaire")
        .doesNotContain(task.getName());

    // and a link as an attachment (through the Java API the REST endpoint calls)
    engine.getIdentityService().setAuthentication("ana", List.of("ans-reviewer"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getTaskService().createAttachment("link",
          task.getId(), null, "Pay the fee here", "Convention fee", "http://evil.example/pay"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class)
          .hasMessageContaining("'ana' is not one of them");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    assertThat(engine.getTaskService().getTaskComments(task.getId())).isEmpty();
    assertThat(engine.getTaskService().getTaskAttachments(task.getId())).isEmpty();

    // nor does the vendor, on her own task: no agency reads task comments; the refusal says where to write
    ResponseEntity<String> own = post("alice", taskPath + "/comment/create", Map.of("message", "Kbis sent by post"));
    assertThat(own.getStatusCode()).as(own.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(own.getBody()).contains("Les agences ne lisent pas les commentaires des tâches");
    assertThat(engine.getTaskService().getTaskComments(task.getId())).isEmpty();
  }

  /**
   * Bad inputs a vendor could send to move her own dossier outside its forms: variables through her task
   * (patch, local), a BPMN error or escalation thrown from it, her company's group taken off it, a start at a
   * chosen step, a start carrying who applies, the company or the dossier number. Each is refused and changes
   * nothing.
   */
  @Test
  void shouldKeepAVendorToHerForms() throws Exception {
    String taskPath = "/engine-rest/task/" + task.getId();
    Map<String, Object> refused = new LinkedHashMap<>();
    refused.put(taskPath + "/variables",
        Map.of("modifications", Map.of("vendorGroup", Map.of("value", "vendor-telecardio"))));
    refused.put(taskPath + "/localVariables", Map.of("modifications", Map.of("x", Map.of("value", "y"))));
    refused.put(taskPath + "/bpmnError", Map.of("errorCode", "ABANDONMENT_CONFIRMED"));
    refused.put(taskPath + "/bpmnEscalation", Map.of("escalationCode", "DORMANT"));
    refused.put(taskPath + "/identity-links/delete", Map.of("groupId", "vendor-medisoft", "type", "candidate"));
    refused.put("/engine-rest/process-definition/key/ans-certification/start", Map.of("startInstructions",
        List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_IssueCertificate"))));
    for (Map.Entry<String, Object> write : refused.entrySet()) {
      ResponseEntity<String> answer = post("alice", write.getKey(), write.getValue());
      assertThat(answer.getStatusCode()).as(write.getKey() + " " + answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(engine.getRuntimeService().getVariable(dossier.getId(), "vendorGroup")).isEqualTo("vendor-medisoft");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult()).as("the task is still open").isNotNull();
    assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(link -> link.getGroupId())
        .contains("vendor-medisoft");

    long dossiers = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    Map<String, Object> variables = new LinkedHashMap<>();
    Candidatures.valid().forEach((name, value) -> variables.put(name, Map.of("value", String.valueOf(value))));
    variables.put("applicant", Map.of("value", "bruno"));
    variables.put("vendorGroup", Map.of("value", "vendor-telecardio"));
    variables.put("dossierId", Map.of("value", dossier.getBusinessKey()));
    ResponseEntity<String> start = post("alice", "/engine-rest/process-definition/key/ans-certification/start",
        Map.of("variables", variables));
    assertThat(start.getStatusCode()).as(start.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(start.getBody()).get("message").asText())
        .contains("takes only the fields of its start form; applicant, dossierId, vendorGroup are not among them")
        .contains("ne prend que les champs de son formulaire de démarrage ; applicant, dossierId, vendorGroup n’en"
            + " font pas partie");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).as("nothing started")
        .isEqualTo(dossiers);
  }

  /** A reviewer, too, changes a dossier through forms: not its company, by a slip or otherwise. */
  @Test
  void shouldKeepAReviewerToHisForms() throws Exception {
    ProcessInstance submitted = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    Task deposit = tasks.createTaskQuery().processInstanceId(submitted.getId()).singleResult();
    engine.getIdentityService().setAuthentication("alice", List.of("vendor-medisoft"));
    try {
      engine.getFormService().submitTaskForm(deposit.getId(), Map.of("depositAction", "SUBMIT"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    Dossiers.runMailSteps(engine, submitted.getId());
    Task review = tasks.createTaskQuery().processInstanceId(submitted.getId()).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewAdmissibility");

    ResponseEntity<String> answer = rest.exchange("/engine-rest/task/" + review.getId() + "/variables/vendorGroup",
        HttpMethod.PUT, new HttpEntity<>(Map.of("value", "vendor-telecardio"), auth("ana")), String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody()).contains("change only through the forms of its tasks");
    assertThat(engine.getRuntimeService().getVariable(submitted.getId(), "vendorGroup")).isEqualTo("vendor-medisoft");
  }

  /**
   * Each role its rights: no reviewer sees the vendor's task, the ANS reads the dossier it instructs and the
   * HAS desk does not; an administrator deploys, a vendor, a reviewer and a process owner may not.
   */
  @Test
  void shouldGiveEachRoleItsOwnRights() throws Exception {
    String tasksOfTheDossier = "/engine-rest/task?maxResults=50&processInstanceId=" + dossier.getId();
    assertThat(JSON.readTree(get("alice", tasksOfTheDossier).getBody())).hasSize(1);
    for (String reviewer : List.of("ana", "hugo", "claire", "marc", "nadia")) {
      assertThat(JSON.readTree(get(reviewer, tasksOfTheDossier).getBody())).as(reviewer + ", the vendor's task")
          .isEmpty();
    }
    String theDossier = "/engine-rest/process-instance?maxResults=50&processInstanceIds=" + dossier.getId();
    assertThat(JSON.readTree(get("ana", theDossier).getBody())).as("the ANS instructs it").hasSize(1);
    assertThat(JSON.readTree(get("hugo", theDossier).getBody())).as("the HAS desk does not").isEmpty();

    String bpmn = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"parcours-test\">"
        + "<process id=\"role-check\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
        + "<startEvent id=\"Start\"/></process></definitions>";
    // deploying runs the diagram's expressions with the engine's rights: administrators only (diagrams otherwise come
    // from the repository at start); paul's listener once made him an administrator (attack10)
    for (String user : List.of("alice", "ana", "paul", "admin")) {
      ResponseEntity<String> deployed = deploy(user, bpmn);
      if (user.equals("admin")) {
        assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
        repository.deleteDeployment(JSON.readTree(deployed.getBody()).get("id").asText(), true);
      } else if (user.equals("paul")) {
        assertThat(deployed.getStatusCode()).as(user + " deploys").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(JSON.readTree(deployed.getBody()).get("message").asText()).startsWith("Votre compte (« " + user
            + " ») ne déploie pas de diagramme : un diagramme déployé fait exécuter ses expressions")
            .contains("dans le dépôt (dossiers bpmn/ et forms/)");
      } else {
        // a vendor and a reviewer: not the repository's instructions, which are not theirs to follow
        assertThat(deployed.getStatusCode()).as(user + " deploys").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(JSON.readTree(deployed.getBody()).get("message").asText()).isEqualTo("Votre compte (« " + user
            + " ») ne déploie pas de diagramme : les processus et formulaires de Parcours sont changés par ses"
            + " responsables de processus, pas depuis un compte d’industriel ou d’instructeur. Si un processus ou un"
            + " formulaire vous semble devoir changer, écrivez-le à l’administrateur de Parcours. (Your account"
            + " deploys no diagram: the process owners change Parcours' processes; write to the Parcours"
            + " administrator.)");
      }
    }
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("role-check").count()).isZero();
  }

  /**
   * A diagram Parcours' deployment checks refuse, deployed by an administrator over REST as Camunda Modeler's « Deploy »
   * does (here a timer typed by hand, « R1/PT1S », instead of a window of the deadlines table): 400 with the French
   * sentence that names the process and the fix, nothing deployed. It answered 500, the server's fault, behind the
   * engine's "ENGINE-01009 Error while parsing process".
   */
  @Test
  void shouldAnswerADiagramTheChecksRefuseAsTheProcessOwnersToFix() throws Exception {
    String bpmn = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"parcours-test\">"
        + "<process id=\"role-check\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
        + "<startEvent id=\"StartEvent_Go\"><timerEventDefinition id=\"Timer_Go\"><timeCycle>R1/PT1S</timeCycle>"
        + "</timerEventDefinition></startEvent></process></definitions>";

    ResponseEntity<String> deployed = deploy("admin", bpmn);

    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(deployed.getBody()).get("message").asText())
        .startsWith("Le processus « role-check » (role-check.bpmn) ne peut pas être déployé : le minuteur")
        .contains("R1/PT1S", "table des délais").doesNotContain("ENGINE-01009");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("role-check").count()).isZero();
  }

  private ResponseEntity<String> deploy(String user, String bpmn) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "role-check");
    parts.add("role-check.bpmn", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "role-check.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  @Test
  void shouldRefuseEveryCallWithoutCredentials() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-instance", "/engine-rest/history/task",
        "/api/dossiers/" + dossier.getId() + "/notifications")) {
      assertThat(rest.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
  }

  /**
   * A form's required fields, which form-js asks for before Tasklist sends it, are asked for when a person sends the
   * form through the engine's REST API (/engine-rest) or Tasklist's own (/camunda/api/engine) too. Before, a dossier's
   * language of correspondence was emptied by a draft sent over REST, which form-js never lets through. Bad inputs
   * tried: a required choice sent empty, sent as null, left out at a start; the refusal names every missing field by
   * its label at once, and nothing is stored.
   */
  @Test
  void shouldAskForEveryRequiredFieldOfATaskLeftEmptyThroughTheRestApi() throws Exception {
    ProcessInstance own = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    Task deposit = tasks.createTaskQuery().processInstanceId(own.getId()).singleResult();
    String path = "/engine-rest/task/" + deposit.getId();

    // a draft: the dossier's own checks let its language be left empty, the form does not
    ResponseEntity<String> empty = post("alice", path + "/submit-form", Map.of("variables", Map.of(
        "depositAction", Map.of("value", "DRAFT"), "correspondenceLanguage", Map.of("value", ""))));
    assertThat(empty.getStatusCode()).as(empty.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(message(empty)).isEqualTo("La tâche « " + deposit.getName() + " » attend encore « Langue de"
        + " correspondance » : remplissez ce champ dans le formulaire, puis envoyez-le à nouveau ; rien n’a été"
        + " enregistré. (Task '" + deposit.getName() + "' still needs « Langue de correspondance », which it"
        + " requires: fill it in and send it again; nothing was stored.)");
    assertThat(engine.getRuntimeService().getVariable(own.getId(), "correspondenceLanguage"))
        .as("nothing stored").isEqualTo("FR");

    ResponseEntity<String> nulled = post("alice", path + "/complete", Map.of("variables", Map.of(
        "depositAction", Map.of("value", "SUBMIT"),
        "correspondenceLanguage", java.util.Collections.singletonMap("value", null))));
    assertThat(nulled.getStatusCode()).as(nulled.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(message(nulled)).startsWith("La tâche « " + deposit.getName() + " » attend encore « Langue de"
        + " correspondance » : remplissez ce champ");

    ResponseEntity<String> brunos = post("bruno", path + "/complete", Map.of("variables", Map.of(
        "depositAction", Map.of("value", "DRAFT"), "correspondenceLanguage", Map.of("value", ""))));
    assertThat(brunos.getStatusCode()).as("another company").isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(brunos.getBody()).doesNotContain("Langue de correspondance").doesNotContain(deposit.getName());
    assertThat(tasks.createTaskQuery().taskId(deposit.getId()).count()).as("the task stays open").isEqualTo(1);

    ResponseEntity<String> sent = post("alice", path + "/submit-form",
        Map.of("variables", Map.of("depositAction", Map.of("value", "SUBMIT"))));
    assertThat(sent.getStatusCode()).as("what the dossier holds fills the rest: " + sent.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void shouldAskForTheRequiredFieldsOfAStartFormLeftEmpty() throws Exception {
    long dossiers = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    com.fasterxml.jackson.databind.node.ObjectNode variables =
        Candidatures.asTasklistSendsThem(Candidatures.valid());
    variables.remove("correspondenceLanguage");
    ResponseEntity<String> start = post("alice",
        "/engine-rest/process-definition/key/ans-certification/submit-form", Map.of("variables", variables));
    assertThat(start.getStatusCode()).as(start.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(message(start)).isEqualTo("Le formulaire de démarrage de « Certification de conformité ANS » attend"
        + " encore « Langue de correspondance » : remplissez ce champ dans le formulaire, puis envoyez-le à nouveau ;"
        + " rien n’a été enregistré. (The start form of 'Certification de conformité ANS' still needs « Langue de"
        + " correspondance », which it requires: fill it in and send it again; nothing was stored.)");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).as("nothing started")
        .isEqualTo(dossiers);
  }

  /** Required fields through Tasklist's own engine API, as the browser calls it with its session and CSRF token. */
  @Test
  void shouldAskForThemThroughTasklistsEngineApiToo() throws Exception {
    ProcessInstance own = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    Task deposit = tasks.createTaskQuery().processInstanceId(own.getId()).singleResult();
    BrowserSession alice = BrowserSession.signedIn(rest, "alice");
    ResponseEntity<String> answer = alice.send(HttpMethod.POST, "/camunda/api/engine/engine/default/task/"
        + deposit.getId() + "/submit-form",
        "{\"variables\":{\"depositAction\":{\"value\":\"DRAFT\"},\"correspondenceLanguage\":{\"value\":\"\"}}}");
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(message(answer)).startsWith("La tâche « " + deposit.getName() + " » attend encore « Langue de"
        + " correspondance » :");
    assertThat(tasks.createTaskQuery().taskId(deposit.getId()).count()).as("the task stays open").isEqualTo(1);
  }

  /**
   * Parcours writes to the e-mail address of a user's profile (an audit's mails to the company's users, a message to
   * an agency to its reviewers): a vendor, or a reviewer, does not change it, nor her name (Camunda lets each user
   * change her own: alice redirected MediSoft's audit mails to pirate@example.org with a 204). Her own password she
   * still changes; the administrator creates a user and changes any profile, as in Admin. Tried: alice's e-mail,
   * alice's last name alone, ana's e-mail, a new user's own e-mail. Nor does a user delete her own account (nor
   * alice another's); the administrator does.
   */
  @Test
  void shouldLeaveProfilesToTheAdministratorAndTheOwnPasswordToItsUser() throws Exception {
    String id = "zoe" + java.util.UUID.randomUUID().toString().substring(0, 6);
    assertThat(send("admin", HttpMethod.POST, "/engine-rest/user/create", Map.of("profile", profile(id, "Zoé",
        "Essai", "zoe@medisoft.example"), "credentials", Map.of("password", "zoe-first-password")), "admin")
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    for (Map<String, Object> sent : List.of(profile("alice", "Alice", "Martin (MediSoft)", "pirate@example.org"),
        profile("alice", "Alice", "Martin", "alice@medisoft.example"))) {
      String before = engine.getIdentityService().createUserQuery().userId("alice").singleResult().getEmail();
      ResponseEntity<String> answer = send("alice", HttpMethod.PUT, "/engine-rest/user/alice/profile", sent, "alice");
      assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(message(answer)).startsWith("Le nom et l’adresse électronique d’un compte ne changent que par un"
          + " administrateur de Parcours").contains("Rien n’a été enregistré.");
      var alice = engine.getIdentityService().createUserQuery().userId("alice").singleResult();
      assertThat(alice.getEmail()).isEqualTo(before);
      assertThat(alice.getLastName()).isEqualTo("Martin (MediSoft)");
    }
    assertThat(send("ana", HttpMethod.PUT, "/engine-rest/user/ana/profile", profile("ana", "Ana", "Durand (ANS)",
        "pirate@example.org"), "ana").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(send(id, HttpMethod.PUT, "/engine-rest/user/" + id + "/profile", profile(id, "Zoé", "Essai",
        "pirate@example.org"), "zoe-first-password").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // her own password: changed, and the new one signs her in
    ResponseEntity<String> password = send(id, HttpMethod.PUT, "/engine-rest/user/" + id + "/credentials",
        Map.of("password", "zoe-second-password", "authenticatedUserPassword", "zoe-first-password"),
        "zoe-first-password");
    assertThat(password.getStatusCode()).as(password.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(engine.getIdentityService().checkPassword(id, "zoe-second-password")).isTrue();
    // the administrator changes a profile
    assertThat(send("admin", HttpMethod.PUT, "/engine-rest/user/" + id + "/profile", profile(id, "Zoé", "Essai",
        "zoe.essai@medisoft.example"), "admin").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(engine.getIdentityService().createUserQuery().userId(id).singleResult().getEmail())
        .isEqualTo("zoe.essai@medisoft.example");

    // bad input: her own account deleted by herself (Camunda's default grant allows it), then alice deleting it
    for (String[] who : List.of(new String[] {id, "zoe-second-password"}, new String[] {"alice", "alice"})) {
      ResponseEntity<String> deleted = send(who[0], HttpMethod.DELETE, "/engine-rest/user/" + id, null, who[1]);
      assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(message(deleted)).contains("ne se supprime que par un administrateur")
          .endsWith("Rien n’a été supprimé.");
      assertThat(engine.getIdentityService().createUserQuery().userId(id).count()).isOne();
    }
    // the administrator deletes it
    assertThat(send("admin", HttpMethod.DELETE, "/engine-rest/user/" + id, null, "admin").getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(engine.getIdentityService().createUserQuery().userId(id).count()).isZero();
  }

  private static Map<String, Object> profile(String id, String firstName, String lastName, String email) {
    return Map.of("id", id, "firstName", firstName, "lastName", lastName, "email", email);
  }

  private ResponseEntity<String> send(String user, HttpMethod method, String path, Object body, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  private static String message(ResponseEntity<String> answer) throws Exception {
    return JSON.readTree(answer.getBody()).get("message").asText();
  }

  private HttpHeaders auth(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(auth(user)), String.class);
  }

  private ResponseEntity<String> post(String user, String path, Object body) {
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, auth(user)), String.class);
  }
}
