package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.Dossiers;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The doors of the engine's REST API, tried systematically by an anonymous visitor, by the vendor whose dossier it
 * is (alice) and by another company's vendor (bruno): every door that changes a dossier outside its forms, reaches
 * the engine's jobs, deployments, decisions, identities, filters, history reports or batches is refused to both
 * vendors, with a sentence in French and never a 500; every list answers alice her own dossier and bruno nothing;
 * the visitor is asked to sign in. At the end, the dossier, its task and its timer are as they were. A door that
 * opens later makes this test fail. (The README's "Security model"; the matrix of the attack12 note.)
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class DoorMatrixIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;

  static ProcessInstance dossier;
  static Task task;
  static Job timer;
  static Map<String, String> ids;

  @BeforeEach
  void aliceHasADossierWithATaskAndATimer() {
    if (dossier != null) {
      return;
    }
    dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    task = engine.getTaskService().createTaskQuery().processInstanceId(dossier.getId()).singleResult();
    timer = engine.getManagementService().createJobQuery().processInstanceId(dossier.getId()).timers().list()
        .stream().findFirst().orElseThrow(() -> new AssertionError("the dossier's first task has no window"));
    String execution = engine.getRuntimeService().createExecutionQuery().processInstanceId(dossier.getId())
        .activityId(task.getTaskDefinitionKey()).list().get(0).getId();
    ids = Map.of(
        "{pi}", dossier.getId(),
        "{task}", task.getId(),
        "{execution}", execution,
        "{job}", timer.getId(),
        "{jobDefinition}", timer.getJobDefinitionId(),
        "{definition}", dossier.getProcessDefinitionId(),
        "{deployment}", engine.getRepositoryService().getProcessDefinition(dossier.getProcessDefinitionId())
            .getDeploymentId(),
        "{filter}", engine.getFilterService().createFilterQuery().filterName("Tâches de mon entreprise").list().get(0)
            .getId());
  }

  /** One door: the method, the address under /engine-rest ({pi}, {task}... alice's ids), the body. */
  record Door(String method, String path, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Door door(String method, String path, String body) {
    return new Door(method, path, body);
  }

  /** Refused to the dossier's own vendor and to another company's alike. */
  static Stream<Door> closedToVendors() {
    String pis = "{\"processInstanceIds\":[\"{pi}\"]";
    return Stream.of(
        // a dossier moved, stopped or rewritten outside its forms
        door("POST", "/process-instance/{pi}/modification",
            "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"Task_DepositEvidence\"}]}"),
        door("PUT", "/process-instance/{pi}/suspended", "{\"suspended\":true}"),
        door("DELETE", "/process-instance/{pi}", null),
        door("PUT", "/process-instance/{pi}/variables/vendorGroup", "{\"value\":\"vendor-telecardio\"}"),
        door("DELETE", "/process-instance/{pi}/variables/companyName", null),
        door("POST", "/process-instance/delete", pis + ",\"deleteReason\":\"x\"}"),
        door("POST", "/process-instance/variables-async", pis + ",\"variables\":{\"companyName\":{\"value\":\"X\"}}}"),
        door("POST", "/process-instance/suspended-async", pis + ",\"suspended\":true}"),
        door("POST", "/process-instance/job-retries", pis + ",\"retries\":0}"),
        door("POST", "/process-definition/key/ans-certification/restart",
            pis + ",\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_DepositEvidence\"}]}"),
        door("PUT", "/process-definition/key/ans-certification/suspended",
            "{\"suspended\":true,\"includeProcessInstances\":true}"),
        door("PUT", "/process-definition/{definition}/history-time-to-live", "{\"historyTimeToLive\":0}"),
        door("DELETE", "/process-definition/key/ans-certification?cascade=true", null),
        door("POST", "/execution/{execution}/signal", "{}"),
        door("PUT", "/execution/{execution}/localVariables/x", "{\"value\":\"y\"}"),
        door("POST", "/signal", "{\"name\":\"x\"}"),
        door("POST", "/message", "{\"messageName\":\"InstructionGoAhead\",\"processInstanceId\":\"{pi}\"}"),
        door("POST", "/migration/execute", pis + ",\"migrationPlan\":{\"sourceProcessDefinitionId\":\"{definition}\","
            + "\"targetProcessDefinitionId\":\"{definition}\",\"instructions\":[]}}"),
        door("POST", "/modification/execute", "{\"processDefinitionId\":\"{definition}\",\"processInstanceIds\":"
            + "[\"{pi}\"],\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"Task_DepositEvidence\"}]}"),
        // a task handed on, or ended, outside its form
        door("POST", "/task/create", "{\"name\":\"x\"}"),
        door("POST", "/task/{task}/assignee", "{\"userId\":\"bruno\"}"),
        door("POST", "/task/{task}/identity-links", "{\"groupId\":\"vendor-telecardio\",\"type\":\"candidate\"}"),
        door("POST", "/task/{task}/delegate", "{\"userId\":\"alice\"}"),
        door("POST", "/task/{task}/resolve", "{}"),
        door("POST", "/task/{task}/bpmnError", "{\"errorCode\":\"x\"}"),
        door("POST", "/task/{task}/comment/create", "{\"message\":\"x\"}"),
        door("DELETE", "/task/{task}", null),
        door("PUT", "/task/{task}/localVariables/x", "{\"value\":\"y\"}"),
        // a window's timer fired, moved or stopped by hand
        door("POST", "/job/{job}/execute", null),
        door("PUT", "/job/{job}/duedate", "{\"duedate\":\"2020-01-01T00:00:00.000+0000\"}"),
        door("PUT", "/job/{job}/retries", "{\"retries\":0}"),
        door("PUT", "/job/{job}/suspended", "{\"suspended\":true}"),
        door("PUT", "/job/{job}/priority", "{\"priority\":99}"),
        door("DELETE", "/job/{job}", null),
        door("POST", "/job/retries", "{\"processInstances\":[\"{pi}\"],\"retries\":0}"),
        door("PUT", "/job/suspended", "{\"processInstanceId\":\"{pi}\",\"suspended\":true}"),
        door("PUT", "/job-definition/{jobDefinition}/suspended", "{\"suspended\":true,\"includeJobs\":true}"),
        door("PUT", "/job-definition/{jobDefinition}/retries", "{\"retries\":0}"),
        door("PUT", "/job-definition/{jobDefinition}/jobPriority", "{\"priority\":99}"),
        // the repository, the decisions, the batches
        door("GET", "/deployment/{deployment}/resources", null),
        door("DELETE", "/deployment/{deployment}?cascade=true", null),
        door("POST", "/deployment/{deployment}/redeploy", "{}"),
        door("POST", "/decision-definition/key/deadlines/evaluate", "{\"variables\":{}}"),
        // identities, tenants, rights, filters
        door("POST", "/user/create", "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"mallory123456\"}}"),
        door("PUT", "/user/ana/profile", "{\"id\":\"ana\",\"email\":\"x@example.com\"}"),
        door("PUT", "/user/ana/credentials", "{\"password\":\"x12345678901234\",\"authenticatedUserPassword\":\"x\"}"),
        door("GET", "/user/ana/profile", null),
        door("DELETE", "/user/ana", null),
        door("POST", "/user/ana/unlock", null),
        door("POST", "/identity/verify", "{\"username\":\"admin\",\"password\":\"admin\"}"),
        door("GET", "/group/camunda-admin", null),
        door("POST", "/group/create", "{\"id\":\"vendor-x\",\"name\":\"x\",\"type\":\"vendor\"}"),
        door("PUT", "/group/camunda-admin/members/bruno", null),
        door("PUT", "/group/vendor-medisoft/members/bruno", null),
        door("PUT", "/group/vendor-telecardio/members/alice", null),
        door("DELETE", "/group/vendor-medisoft/members/alice", null),
        door("POST", "/tenant/create", "{\"id\":\"t\",\"name\":\"t\"}"),
        door("POST", "/authorization/create",
            "{\"type\":1,\"permissions\":[\"ALL\"],\"groupId\":\"vendor-telecardio\",\"resourceType\":8,\"resourceId\":\"*\"}"),
        door("POST", "/filter/create", "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{},\"properties\":{}}"),
        door("PUT", "/filter/{filter}", "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{},\"properties\":{}}"),
        door("DELETE", "/filter/{filter}", null),
        // figures, reports and the engine's own
        door("GET", "/process-definition/statistics", null),
        door("GET", "/process-definition?maxResults=10&incidentMessageLike=%25", null),
        door("GET", "/metrics/activity-instance/sum", null),
        door("GET", "/history/process-instance/report?reportType=duration&periodUnit=month", null),
        door("GET", "/history/task/report?reportType=count&groupBy=processDefinition", null),
        door("DELETE", "/history/process-instance/{pi}", null),
        door("POST", "/history/process-instance/delete", "{\"historicProcessInstanceIds\":[\"{pi}\"]}"),
        door("POST", "/history/cleanup", null),
        door("GET", "/telemetry/data", null),
        door("GET", "/history/decision-requirements-definition/unknown/statistics", null),
        // the cases (CMMN), which Parcours does not run
        door("GET", "/case-instance?maxResults=5", null),
        door("GET", "/case-execution?maxResults=5", null),
        door("GET", "/history/case-instance?maxResults=5", null),
        door("GET", "/history/case-activity-instance?maxResults=5", null));
  }

  /** Lists that hold alice's dossier for her and nothing for bruno. */
  @ParameterizedTest
  @ValueSource(strings = {
      "/job?processInstanceId={pi}&maxResults=50",
      "/process-definition/{definition}/statistics",
      "/history/job-log?processInstanceId={pi}&maxResults=50",
      "/history/identity-link-log?taskId={task}&maxResults=50",
      "/history/user-operation?processInstanceId={pi}&maxResults=50",
      "/identity/groups?userId=alice",
      "/group?maxResults=50&member=alice",
      "/user?maxResults=50&id=alice"})
  void shouldListAlicesOwnToHerAndNothingToBruno(String list) throws Exception {
    String path = "/engine-rest" + with(list);
    ResponseEntity<String> alice = send("alice", "GET", path, null);
    assertThat(alice.getStatusCode()).as("alice: " + path).isEqualTo(HttpStatus.OK);
    assertThat(rows(alice.getBody())).as("alice reads her own: " + path).isNotEmpty();
    ResponseEntity<String> bruno = send("bruno", "GET", path, null);
    assertThat(bruno.getStatusCode()).as("bruno: " + path).isEqualTo(HttpStatus.OK);
    assertThat(rows(bruno.getBody())).as("bruno: " + path).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("closedToVendors")
  void shouldRefuseEveryVendorInFrenchWithoutAFiveHundred(Door door) throws Exception {
    String path = "/engine-rest" + with(door.path());
    List<String> wrong = new ArrayList<>();
    for (String vendor : List.of("alice", "bruno")) {
      ResponseEntity<String> answer = send(vendor, door.method(), path, door.body() == null ? null : with(door.body()));
      int status = answer.getStatusCode().value();
      String message = message(answer.getBody());
      if (status < 400 || status >= 500 || status == 405 || !French.in(message)) {
        wrong.add(vendor + " got " + status + " " + answer.getBody());
      }
    }
    assertThat(wrong).as(door.toString()).isEmpty();
  }

  /** What alice reads of her dossier, bruno is told, in French, he cannot see. */
  @ParameterizedTest
  @ValueSource(strings = {"/process-instance/{pi}", "/process-instance/{pi}/activity-instances", "/task/{task}",
      "/task/{task}/identity-links", "/execution/{execution}", "/execution/{execution}/localVariables", "/job/{job}",
      "/history/process-instance/{pi}", "/process-instance/{pi}/comment"})
  void shouldTellBrunoInFrenchHeCannotSeeAlicesDossier(String resource) {
    String path = "/engine-rest" + with(resource);
    assertThat(send("alice", "GET", path, null).getStatusCode().value()).as("alice: " + path).isEqualTo(200);
    ResponseEntity<String> bruno = send("bruno", "GET", path, null);
    assertThat(bruno.getStatusCode().value()).as("bruno: " + path).isIn(403, 404);
    assertThat(French.in(message(bruno.getBody()))).as("bruno: " + path + " " + bruno.getBody()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("closedToVendors")
  void shouldAskAVisitorToSignIn(Door door) {
    String path = "/engine-rest" + with(door.path());
    assertThat(send(null, door.method(), path, door.body() == null ? null : with(door.body())).getStatusCode())
        .as(door.toString()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** After every door was tried: the dossier runs where it was, its task and its window's timer as they were. */
  @Test
  void shouldLeaveTheDossierAsItWasAfterEveryDoor() throws Exception {
    for (Door door : closedToVendors().toList()) {
      for (String vendor : List.of("alice", "bruno")) {
        send(vendor, door.method(), "/engine-rest" + with(door.path()), door.body() == null ? null : with(door.body()));
      }
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(dossier.getId()).active()
        .count()).as("the dossier runs").isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(dossier.getId(), "vendorGroup")).isEqualTo("vendor-medisoft");
    Task now = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(now).as("the task").isNotNull();
    assertThat(now.getAssignee()).isNull();
    Job timerNow = engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(timerNow).as("the window's timer").isNotNull();
    assertThat(timerNow.getDuedate()).isEqualTo(timer.getDuedate());
    assertThat(timerNow.isSuspended()).isFalse();
    assertThat(engine.getIdentityService().createUserQuery().userId("mallory").count()).isZero();
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("bruno").list()).extracting("id")
        .containsExactly("vendor-telecardio");
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("alice").list()).extracting("id")
        .containsExactly("vendor-medisoft");
    assertThat(engine.getFilterService().getFilter(ids.get("{filter}")).getName()).isEqualTo("Tâches de mon entreprise");
    assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(ids.get("{deployment}")).count())
        .isEqualTo(1);
  }

  /**
   * A signed-in session guessing its account's password through a password change (the current password it asks):
   * counted as wrong sign-ins, so the sixth guess is refused unchecked, even the right one. Before, 25 wrong guesses
   * in a row were each answered 400 in English, and the right one then changed the password. A user of its own, so
   * that the wait falls on nobody else's account.
   */
  @Test
  void shouldCountWrongCurrentPasswordsAsWrongSignIns() throws Exception {
    org.camunda.bpm.engine.identity.User carole = engine.getIdentityService().newUser("carole");
    carole.setPassword("carole");
    engine.getIdentityService().saveUser(carole);
    engine.getIdentityService().createMembership("carole", "vendor-medisoft");
    fr.parcours.support.BrowserSession session = fr.parcours.support.BrowserSession.signedIn(rest, "carole");
    String credentials = "/camunda/api/engine/engine/default/user/carole/credentials";
    for (int guess = 1; guess <= 5; guess++) {
      ResponseEntity<String> wrong = session.send(HttpMethod.PUT, credentials,
          "{\"password\":\"another-password-1\",\"authenticatedUserPassword\":\"guess" + guess + "\"}");
      assertThat(wrong.getStatusCode()).as("guess " + guess).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(message(wrong.getBody())).startsWith("Votre mot de passe actuel (authenticatedUserPassword) n’est"
          + " pas le bon : rien n’a changé.");
    }
    ResponseEntity<String> right = session.send(HttpMethod.PUT, credentials,
        "{\"password\":\"another-password-1\",\"authenticatedUserPassword\":\"carole\"}");
    assertThat(right.getStatusCode()).as(right.getBody()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(engine.getIdentityService().checkPassword("carole", "carole")).as("the password unchanged").isTrue();
  }

  /** French: the letters, marks and spacing of a French sentence, which the engine's English refusals lack. */
  static final class French {
    static boolean in(String message) {
      return message != null && message.matches("(?s).*( : |[éèêàâçùûôîœ’«]).*");
    }
  }

  static String with(String text) {
    String result = text;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      result = result.replace(id.getKey(), id.getValue());
    }
    return result;
  }

  static JsonNode rows(String body) throws Exception {
    JsonNode tree = JSON.readTree(body);
    return tree.has("groups") ? tree.get("groups") : tree;
  }

  static String message(String body) {
    try {
      JsonNode tree = JSON.readTree(body);
      return tree.hasNonNull("message") ? tree.get("message").asText() : body;
    } catch (Exception notJson) {
      return body;
    }
  }

  ResponseEntity<String> send(String user, String method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return rest.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(body, headers), String.class);
  }
}
