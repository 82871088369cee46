package fr.parcours.has;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.TestSmtp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * The commission's examination form submitted as Tasklist submits it, through the REST API with the member's
 * credentials, for a brand-name dossier (the CNEDiMTS track started with {@code pathway = BRAND_NAME}, as the
 * brand-name pathway will call it): a length below the row's minimum answers 400 with the French sentence that
 * names it, and the task stays open; a length at or above it completes the task.
 */
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class AgencySetLengthRestIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP).withPerMethodLifecycle(true);

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @Test
  void shouldRefuseTooShortALengthWithFourHundredAndTheMinimumInFrench() throws Exception {
    String instance = runtimeService.startProcessInstanceByKey("cnedimts-opinion", "DMN-2026-BRANDREST",
        Map.of("pathway", "BRAND_NAME", "vendorGroup", "vendor-medisoft", "dossierId", "DMN-2026-BRANDREST",
            "contactEmail", "jean.dupont@medisoft.example")).getId();
    JsonNode tasks = JSON.readTree(rest.withBasicAuth("claire", "claire").getForEntity(
        "/engine-rest/task?maxResults=50&processInstanceId=" + instance + "&taskDefinitionKey=Task_ExamineApplication",
        String.class).getBody());
    assertThat(tasks).as("claire sees the examination").hasSize(1);
    String task = tasks.get(0).get("id").asText();
    // what the form reads to show its length field: the row is agency-set for a brand name, at least 10 days
    JsonNode shown = JSON.readTree(rest.withBasicAuth("claire", "claire").getForEntity(
        "/engine-rest/task/" + task + "/form-variables", String.class).getBody());
    assertThat(shown.path("agencySetsLength").path("value").asBoolean()).isTrue();
    assertThat(shown.path("minimumLength").path("value").asText()).isEqualTo("10 jours");

    // bad inputs: 9 days, no length at all
    ResponseEntity<String> refused = submit(task, 9L);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .startsWith("Le délai accordé pour « Compléments demandés par la CNEDiMTS » doit être d’au moins 10 jours"
            + " (table des délais) :")
        .contains("9 jours, jusqu’au").contains("c’est trop court ; donnez 10 jours ou plus");
    refused = submit(task, null);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(refused.getBody()).get("message").asText())
        .startsWith("Donnez le délai accordé au fabricant pour « Compléments demandés par la CNEDiMTS »");
    assertThat(taskService.createTaskQuery().taskId(task).count()).as("the examination stays open").isOne();

    ResponseEntity<String> done = submit(task, 10L);
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    // the mail that tells the vendor (asynchronous, no job executor in the tests), then the vendor's task
    managementService.createJobQuery().processInstanceId(instance).executable().list()
        .forEach(job -> managementService.executeJob(job.getId()));
    managementService.createJobQuery().processInstanceId(instance).executable().list()
        .forEach(job -> managementService.executeJob(job.getId()));
    assertThat(MAIL.getReceivedMessages()).extracting(message -> message.getSubject()).anySatisfy(subject ->
        assertThat(subject).contains("la CNEDiMTS demande des compléments"));
    assertThat(taskService.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey("Task_ProvideCnedimtsComplements").count()).isOne();
  }

  ResponseEntity<String> submit(String task, Long days) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("cnedimtsDecision", Map.of("value", "COMPLEMENTS", "type", "String"));
    variables.put("cnedimtsComment", Map.of("value", "Clinical study protocol", "type", "String"));
    if (days != null) {
      variables.put("window_CNEDIMTS_COMPLEMENTS_days", Map.of("value", days, "type", "Long"));
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth("claire", "claire");
    return rest.exchange("/engine-rest/task/" + task + "/submit-form", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", variables), headers), String.class);
  }
}
