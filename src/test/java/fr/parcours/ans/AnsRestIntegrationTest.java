package fr.parcours.ans;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.parcours.support.Candidatures;
import java.util.Map;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class AnsRestIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The mails of the track go to a real SMTP server. */
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService managementService;

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
    completeTask("alice", instance, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true,
        "depositedSections", "[\"PSC\",\"USER_IDENTIFICATION\",\"PORTABILITY\",\"SECURITY\",\"PERSONAL_DATA\"]"));
    completeTask("ana", instance, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
    runJobs(instance);

    JsonNode history = JSON.readTree(get("alice", "/engine-rest/history/process-instance/" + instance).getBody());
    assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
    JsonNode outcome = JSON.readTree(get("alice",
        "/engine-rest/history/variable-instance?processInstanceId=" + instance + "&variableName=ansOutcome").getBody());
    assertThat(outcome.get(0).get("value").asText()).isEqualTo("CERTIFIED");
  }

  @Test
  void shouldAnswerABadCandidatureWithFourHundredAndTheMessage() throws Exception {
    Map<String, Object> form = Candidatures.with("siren", "123456789");
    ResponseEntity<String> refused = post("alice", "/engine-rest/process-definition/key/ans-certification/submit-form",
        Map.of("variables", asTasklistSendsThem(form)));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .startsWith("The candidature cannot be accepted: SIREN").contains("checksum");
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

    assertThat(JSON.readTree(get("bruno", "/engine-rest/task?processInstanceId=" + instance).getBody())).isEmpty();
    assertThat(get("bruno", "/engine-rest/process-instance/" + instance + "/variables").getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(JSON.readTree(get("bruno", "/engine-rest/history/variable-instance?processInstanceId=" + instance)
        .getBody())).isEmpty();
    assertThat(JSON.readTree(get("alice", "/engine-rest/task?processInstanceId=" + instance).getBody())).hasSize(1);
  }

  // ---- as Tasklist talks to the engine ----

  /** Lists as Json variables, other values untyped, as Tasklist's Camunda Forms submit them. */
  static ObjectNode asTasklistSendsThem(Map<String, Object> form) {
    ObjectNode variables = JSON.createObjectNode();
    form.forEach((name, value) -> {
      ObjectNode variable = variables.putObject(name);
      if (value instanceof JsonValue json) {
        variable.put("type", "Json");
        variable.put("value", json.getValueSerialized());
      } else if (value instanceof String s && s.startsWith("[")) {
        variable.put("type", "Json");
        variable.put("value", s);
      } else {
        variable.putPOJO("value", value);
      }
    });
    return variables;
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
    JsonNode tasks = JSON.readTree(get(user, "/engine-rest/task?processInstanceId=" + instance
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
