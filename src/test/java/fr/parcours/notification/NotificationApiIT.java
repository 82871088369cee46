package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.support.TestMailServer;
import fr.parcours.support.TestSmtp;
import fr.parcours.ans.AnsProcess;
import fr.parcours.support.Candidatures;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** A dossier's journal over HTTP: the vendor's own, the reviewer's, nobody else's. */
@org.junit.jupiter.api.extension.ExtendWith(fr.parcours.support.ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class NotificationApiIT {

  @RegisterExtension
  static final TestMailServer MAIL = new TestMailServer(TestSmtp.SMTP).withPerMethodLifecycle(true);

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired FormService formService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;

  @Test
  void shouldShowTheJournalToTheVendorAndTheReviewerButNotToAnotherVendor() throws Exception {
    String pi = applyAsAlice();
    String path = "/api/dossiers/" + pi + "/notifications";

    JsonNode journal = JSON.readTree(get("alice", path).getBody());
    assertThat(journal).hasSize(2);
    assertThat(journal.get(0).get("event").asText()).isEqualTo("APPLICATION_RECEIVED");
    assertThat(journal.get(0).get("status").asText()).isEqualTo("SENT");
    assertThat(journal.get(0).get("messageId").asText()).isNotBlank();
    assertThat(JSON.readTree(get("paul", path).getBody())).hasSize(2);

    // another company's dossier is answered as one that does not exist, in French, the id sent the only difference
    String number = JSON.readTree(get("alice", path).getBody()).get(0).get("dossierId").asText();
    for (String[] asked : new String[][] {{pi, "no-such-instance"}, {number, "DMN-2026-ZZZZZ"}}) {
      ResponseEntity<String> others = get("bruno", "/api/dossiers/" + asked[0] + "/notifications");
      ResponseEntity<String> unknown = get("alice", "/api/dossiers/" + asked[1] + "/notifications");
      assertThat(others.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(JSON.readTree(others.getBody()).get("message").asText())
          .startsWith("Aucun dossier « " + asked[0] + " » parmi ce que votre compte peut voir : vérifiez le numéro")
          .isEqualTo(JSON.readTree(unknown.getBody()).get("message").asText().replace(asked[1], asked[0]));
    }
    assertThat(rest.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private String applyAsAlice() {
    identityService.setAuthentication("alice", List.of("vendor-medisoft"));
    ProcessInstance pi;
    try {
      String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(AnsProcess.KEY)
          .latestVersion().singleResult().getId();
      pi = formService.submitStartForm(definition, Candidatures.valid());
    } finally {
      identityService.clearAuthentication();
    }
    for (Job job : managementService.createJobQuery().processInstanceId(pi.getId()).messages().list()) {
      managementService.executeJob(job.getId());
    }
    return pi.getId();
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity(path, String.class);
  }
}
