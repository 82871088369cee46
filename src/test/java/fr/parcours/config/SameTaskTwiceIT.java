package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import fr.parcours.support.Dossiers;
import fr.parcours.support.TestSmtp;
import fr.parcours.support.ThisContextsEngine;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * One task sent from two tabs of Tasklist at the same instant (or by two people of the company): the engine lets one
 * through and refuses the other by optimistic locking, which the REST API answered 500 "Cannot submit task form …:
 * ENGINE-03005 … Entity was updated by another transaction concurrently", in English, naming no way out. The person
 * is now told, in French, that nothing of that send was stored and what to do; the dossier moved on once.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class SameTaskTwiceIT {

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(TestSmtp.SMTP);

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;

  /**
   * Three tabs send the same task at once, dossier after dossier, until the engine has refused one by optimistic
   * locking (both read the task before either wrote; a tab that reads it after the first committed is told the task
   * is gone, in French, as before). Tried with three tabs on up to 20 dossiers: on this machine the first dossiers
   * already collide.
   */
  @Test
  void shouldTellTheOtherTabsInFrenchThatNothingWasStoredAndMoveTheDossierOnOnce() throws Exception {
    ExecutorService tabs = Executors.newFixedThreadPool(3);
    List<String> collisions = new ArrayList<>();
    try {
      for (int dossierNumber = 0; dossierNumber < 20 && collisions.isEmpty(); dossierNumber++) {
        ProcessInstance dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(dossier.getId()).singleResult();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ResponseEntity<String>>> sent = new ArrayList<>();
        for (int tab = 0; tab < 3; tab++) {
          sent.add(tabs.submit(() -> {
            go.await();
            return rest.exchange("/engine-rest/task/" + task.getId() + "/submit-form", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", Map.of("depositAction", Map.of("value", "SUBMIT"))), alice()),
                String.class);
          }));
        }
        go.countDown();
        int done = 0;
        for (Future<ResponseEntity<String>> answer : sent) {
          ResponseEntity<String> tab = answer.get(60, TimeUnit.SECONDS);
          if (tab.getStatusCode() == HttpStatus.NO_CONTENT) {
            done++;
          } else if (tab.getStatusCode() == HttpStatus.NOT_FOUND) {
            assertThat(JSON.readTree(tab.getBody()).get("message").asText()).as("a tab that came after")
                .startsWith("Il n’y a pas de tâche « " + task.getId() + " » (elle n’existe pas, ou elle a été terminée"
                    + " entre-temps) : rechargez la liste des tâches.");
          } else {
            collisions.add(tab.getStatusCode() + " " + tab.getBody());
            assertThat(tab.getStatusCode()).as(tab.getBody()).isEqualTo(HttpStatus.CONFLICT);
            JsonNode body = JSON.readTree(tab.getBody());
            assertThat(body.get("type").asText()).isEqualTo("OptimisticLockingException");
            assertThat(body.get("message").asText()).startsWith("Le dossier a changé pendant votre envoi : la tâche a"
                + " pu être terminée dans un autre onglet ou par une autre personne. Rien n’a été enregistré de cet"
                + " envoi ; rechargez la liste des tâches et, si la tâche y est encore, envoyez-la de nouveau.");
          }
        }
        // the dossier moved on once: the task done once, one next step (after its mail, run as the job executor would)
        assertThat(done).as("tabs whose send went through").isEqualTo(1);
        Dossiers.runMailSteps(engine, dossier.getId());
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(dossier.getId())
            .taskDefinitionKey("Task_DepositAdministrativeDossier").finished().count()).isEqualTo(1);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(dossier.getId()).list())
            .extracting(Task::getTaskDefinitionKey).containsExactly("Task_ReviewAdmissibility");
      }
    } finally {
      tabs.shutdownNow();
    }
    // a collision depends on timing: when none happened in 20 dossiers this run proves nothing of it, and says so
    // (a skip), rather than failing a build on a machine that served the tabs one by one
    org.junit.jupiter.api.Assumptions.assumeFalse(collisions.isEmpty(),
        "no tab was refused by optimistic locking in 20 dossiers: the collision was not reproduced in this run");
  }

  /**
   * The third way a tab lost the race (seen once in six dossiers by hand, not on demand): it read the task before
   * another completed it and checked the person's rights after, when the task's grants were gone with it; the engine
   * refused it for rights, which the REST API answered 403 "does not have 'TASK_WORK' permission", in English, on
   * the person's own task. The engine's refusal, as it throws it, is now answered as a task completed meanwhile;
   * while the task exists, the same refusal stays a 403 (another company's task: nothing more is told).
   */
  @Test
  void shouldAnswerARefusalOnATaskCompletedMeanwhileAsATaskThatIsGone() throws Exception {
    ProcessInstance dossier = Dossiers.applyAs(engine, "alice", "vendor-medisoft");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(dossier.getId()).singleResult();
    AuthorizationException refused = new AuthorizationException("alice", "TASK_WORK", "Task", task.getId());

    assertThat(EngineRefusals.answer(refused).getStatus()).as("the task is there").isEqualTo(403);

    engine.getIdentityService().setAuthentication("alice", List.of("vendor-medisoft"));
    try {
      engine.getFormService().submitTaskForm(task.getId(), Map.of("depositAction", "SUBMIT"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    jakarta.ws.rs.core.Response gone = EngineRefusals.answer(new RestException(
        jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR, refused, "Cannot submit task form"));
    assertThat(gone.getStatus()).isEqualTo(404);
    assertThat(((Map<?, ?>) gone.getEntity()).get("message")).isEqualTo(
        "Il n’y a pas de tâche « " + task.getId() + " » (elle n’existe pas, ou elle a été terminée entre-temps) :"
            + " rechargez la liste des tâches. (There is no task '" + task.getId() + "' (it does not exist, or it was"
            + " completed meanwhile): reload the task list.)");
  }

  private static HttpHeaders alice() {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("alice", "alice");
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
