package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the packaged application ({@code java -jar}, child JVMs, each on its own free port, each in its own
 * working folder) share one PostgreSQL database (embedded binaries, empty at the start) and one evidence folder.
 * They are started at the same moment; dossiers are driven through both, each step on the other node than the
 * last, evidence is sent to one and every file is read from both; then one node is killed with SIGKILL right after
 * it acknowledged new dossiers, and the other carries on. Then: both started, nothing was deployed or created
 * twice, no acknowledged dossier is lost, every job ran exactly once (Camunda's job log), every mail is journalled
 * once and sent, every evidence file reads the same from both nodes. A third node given a storage folder of its own
 * refuses to start, and a file missing from the storage is answered with an error that says so.
 */
class ClusterIT {

  static final HttpClient HTTP = PackagedApplication.HTTP;
  /** A job the dead node left locked is taken again after 10 s rather than the minute of application.yml. */
  static final List<String> LOCK_TIME = List.of("--camunda.bpm.job-execution.lock-time-in-millis=10000");

  @TempDir Path folder;

  @Test
  void shouldShareOneDatabaseAndOneEvidenceStorageBetweenTwoNodesStartedTogetherAndSurviveTheDeathOfOne()
      throws Exception {
    Instant began = Instant.now();
    try (PackagedCluster cluster = new PackagedCluster(folder)) {
      DataSource database = cluster.database;
      Path evidence = cluster.evidence;

      // both nodes start at the same moment on the empty database
      // node a answers a start at once (not once the first task exists, tasklist.FirstTaskAfterStart): it must die
      // with the mail steps of its last starts still pending or in its hands
      PackagedNode a = cluster.launch("a", java.util.stream.Stream.concat(LOCK_TIME.stream(),
          java.util.stream.Stream.of("--parcours.start.first-task-wait=PT0S")).toList());
      PackagedNode b = cluster.launch("b", LOCK_TIME);
      a.untilUp();
      b.untilUp();
      Duration startup = Duration.between(began, Instant.now());
      assertThat(rows(database, "select key_, count(*) from act_re_procdef group by key_ having count(*) > 1"))
          .as("a definition deployed twice").isEmpty();
      // the jar's files by their path in the repository (Camunda named them by bare name inside a jar):
      // installed in another folder, the same files deploy nothing new (config.ModelDeploymentTest)
      assertThat(rows(database, "select name_ from act_ge_bytearray where deployment_id_ is not null"))
          .as("deployed files").hasSizeGreaterThan(60)
          .allSatisfy(row -> assertThat(row.get(0)).matches("(bpmn/(pathways/|tracks/)?[a-z-]+\\.(bpmn|dmn)"
              + "|forms/[a-z0-9/-]+\\.form)"));
      assertThat(rows(database, "select group_id_, resource_type_, resource_id_, count(*) from act_ru_authorization"
          + " where group_id_ is not null group by group_id_, resource_type_, resource_id_ having count(*) > 1"))
          .as("a grant made twice").isEmpty();
      assertThat(rows(database, "select name_, count(*) from act_ru_filter group by name_, owner_ having count(*) > 1"))
          .as("a filter made twice").isEmpty();

      // two dossiers, each step on the other node than the last, evidence sent to either node
      Map<String, String> dossiers = new LinkedHashMap<>(); // process instance id -> dossier number
      for (PackagedNode[] pair : List.of(new PackagedNode[] {a, b}, new PackagedNode[] {b, a})) {
        PackagedNode one = pair[0];
        PackagedNode other = pair[1];
        JsonNode started = json(one.startDossier());
        String id = started.path("id").asText();
        dossiers.put(id, started.path("businessKey").asText());
        other.complete("alice", id, "Task_DepositAdministrativeDossier", "{\"depositAction\": {\"value\": \"SUBMIT\"}}");
        one.complete("ana", id, "Task_ReviewAdmissibility", "{\"admissibilityDecision\": {\"value\": \"ADMISSIBLE\"}}");
        other.complete("alice", id, "Task_SignConvention",
            "{\"conventionSigned\": {\"value\": true}, \"signatoryName\": {\"value\": \"A. Martin\"}}");
        one.untilTask("alice", id, "Task_DepositEvidence");
        HttpResponse<String> sent = one.sendEvidence(dossiers.get(id));
        assertThat(sent.statusCode()).as("evidence sent to %s: %s", one, sent.body()).isEqualTo(200);
        assertThat(json(sent).path("message").asText()).isEqualTo("Envoi 1 accepté : 7 fichier(s) de preuve. Preuves complètes.");
      }
      List<List<String>> proofs = rows(database, "select process_instance_id, id, sha256 from parcours_evidence_proof");
      assertThat(proofs).as("proof files kept").hasSize(2 * PackagedNode.PROOFS.size());
      everyProofReads(proofs, dossiers, a, b);

      // node a acknowledges three new dossiers and dies at once, its mail steps pending or in its hands
      List<String> beforeTheKill = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        JsonNode started = json(a.startDossier());
        dossiers.put(started.path("id").asText(), started.path("businessKey").asText());
        beforeTheKill.add(started.path("id").asText());
      }
      a.kill();
      // meanwhile a third node is started on a storage of its own: it must refuse to start, saying why
      PackagedNode alone = cluster.launch("alone", Files.createDirectories(folder.resolve("own-evidence")), LOCK_TIME);
      List<List<String>> leftBehind = rows(database, "select id_, coalesce(lock_owner_, '-') from act_ru_job"
          + " where type_ = 'message'");
      assertThat(leftBehind).as("work node a left unfinished when it died (else the kill proved nothing)")
          .isNotEmpty();

      // node b carries on: the dead node's jobs run once their lock has expired, its dossiers move on through b
      for (String id : beforeTheKill) {
        b.complete("alice", id, "Task_DepositAdministrativeDossier", "{\"depositAction\": {\"value\": \"SUBMIT\"}}");
      }
      untilNoMessageJobIsLeft(database);
      for (List<String> job : leftBehind) {
        assertThat(rows(database, "select hostname_ from act_hi_job_log where job_state_ = 2 and job_id_ = '"
            + job.get(0) + "'")).as("job %s that node a left behind", job.get(0)).containsExactly(List.of("b"));
      }

      // no dossier lost, each where it should be
      for (Map.Entry<String, String> dossier : dossiers.entrySet()) {
        JsonNode tasks = json(b.get("admin", "/engine-rest/task?maxResults=50&processInstanceId=" + dossier.getKey()));
        assertThat(tasks).as("open tasks of %s", dossier.getValue()).hasSize(1);
        assertThat(tasks.get(0).path("taskDefinitionKey").asText()).as("dossier %s", dossier.getValue())
            .isEqualTo(beforeTheKill.contains(dossier.getKey()) ? "Task_ReviewAdmissibility" : "Task_DepositEvidence");
      }
      // every job ran exactly once: one success in the job log, or it was deleted (a timer its task's end removed)
      assertThat(rows(database, "select job_id_, count(*) from act_hi_job_log where job_state_ = 2 group by job_id_"
          + " having count(*) > 1")).as("jobs that succeeded twice").isEmpty();
      assertThat(rows(database, "select c.job_id_, c.job_def_type_ from act_hi_job_log c where c.job_state_ = 0"
          + " and not exists (select 1 from act_ru_job r where r.id_ = c.job_id_)"
          + " and (select count(*) from act_hi_job_log d where d.job_id_ = c.job_id_ and d.job_state_ in (2, 3)) <> 1"))
          .as("jobs gone without exactly one success or deletion").isEmpty();
      // every mail journalled once, sent, and delivered
      List<List<String>> journal = rows(database, "select process_instance_id, event, recipient, status, message_id"
          + " from parcours_notification");
      assertThat(rows(database, "select process_instance_id, event, activity_id, recipient, count(*)"
          + " from parcours_notification group by process_instance_id, event, activity_id, recipient"
          + " having count(*) > 1")).as("mails journalled twice").isEmpty();
      assertThat(journal).as("journal rows not sent").allSatisfy(row -> assertThat(row.get(3)).isEqualTo("SENT"));
      for (String id : dossiers.keySet()) {
        for (String recipient : List.of("jean.dupont@medisoft.example", "alice.martin@medisoft.example")) {
          for (String event : List.of("APPLICATION_RECEIVED", "ADMINISTRATIVE_FILE_RECEIVED")) {
            assertThat(journal).as("%s to %s for %s", event, recipient, id)
                .contains(List.of(id, event, recipient, "SENT", messageIdOf(journal, id, event, recipient)));
          }
        }
      }
      Map<String, Integer> copies = new HashMap<>();
      for (MimeMessage received : cluster.smtp.getReceivedMessages()) {
        copies.merge(received.getMessageID(), 1, Integer::sum);
      }
      for (List<String> row : journal) {
        assertThat(copies).as("mail %s %s to %s delivered", row.get(0), row.get(1), row.get(2)).containsKey(row.get(4));
      }
      // the survivor still reads every file
      everyProofReads(proofs, dossiers, b);
      // a file missing from the storage is an error that says so, not a "not found"
      List<String> lost = rows(database, "select process_instance_id, id, stored_file, proof_number"
          + " from parcours_evidence_proof").get(0);
      Files.move(evidence.resolve(lost.get(2)), folder.resolve("moved-away"));
      HttpResponse<String> missing = HTTP.send(b.request("ana", "/evidence/" + dossiers.get(lost.get(0))
          + "/proofs/" + lost.get(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(500);
      assertThat(missing.body()).contains("Le fichier de la preuve " + lost.get(3) + " (envoi 1) est introuvable"
          + " dans le stockage des preuves de ce serveur").contains("parcours.evidence.storage");
      // the node with a storage of its own stopped, naming the folder and the setting
      assertThat(alone.process.waitFor(3, TimeUnit.MINUTES)).as("%s stops", alone).isTrue();
      assertThat(alone.process.exitValue()).as("%s exit code", alone).isNotZero();
      // the sentence's plain-ASCII parts: the node's log is written in the platform's encoding, which may lose accents
      assertThat(Files.readString(alone.log, java.nio.charset.StandardCharsets.ISO_8859_1))
          .contains("Le stockage des preuves " + folder.resolve("own-evidence").toAbsolutePath() + " (r")
          .contains("parcours.evidence.storage) n").contains("Tous les n");

      System.out.printf("ClusterIT: two nodes up together in %d s; %d dossiers, %d evidence files read from both"
              + " nodes; %d mail jobs pending at the kill; %d mails journalled once, %d copies delivered (%d sent twice"
              + " across the kill, each copy with its Message-ID); %d s in all%n",
          startup.toSeconds(), dossiers.size(), proofs.size(), leftBehind.size(), journal.size(),
          cluster.smtp.getReceivedMessages().length, copies.values().stream().filter(n -> n > 1).count(),
          Duration.between(began, Instant.now()).toSeconds());
    }
  }

  private String messageIdOf(List<List<String>> journal, String id, String event, String recipient) {
    return journal.stream().filter(r -> r.get(0).equals(id) && r.get(1).equals(event) && r.get(2).equals(recipient))
        .map(r -> r.get(4)).findFirst().orElse("(not journalled)");
  }

  /** Each proof file, downloaded from each node, has the SHA-256 the database recorded when it was received. */
  private void everyProofReads(List<List<String>> proofs, Map<String, String> dossiers, PackagedNode... from)
      throws Exception {
    for (PackagedNode node : from) {
      for (List<String> proof : proofs) {
        HttpResponse<byte[]> file = HTTP.send(node.request("ana", "/evidence/" + dossiers.get(proof.get(0))
            + "/proofs/" + proof.get(1)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).as("proof %s from %s", proof.get(1), node).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body())))
            .as("proof %s from %s", proof.get(1), node).isEqualTo(proof.get(2));
      }
    }
  }

  /** Until no mail step (message job) is left: those the dead node held run once their lock expired. */
  private void untilNoMessageJobIsLeft(DataSource database) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (!rows(database, "select id_ from act_ru_job where type_ = 'message'").isEmpty()) {
      assertThat(Instant.now()).as("mail steps left after two minutes: %s",
          rows(database, "select id_, lock_owner_, lock_exp_time_, exception_msg_ from act_ru_job where type_ = 'message'"))
          .isBefore(deadline);
      Thread.sleep(500);
    }
  }

  // ---- JSON and SQL ----

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return PackagedApplication.json(response);
  }

  private static List<List<String>> rows(DataSource database, String sql) throws SQLException {
    return PackagedApplication.rows(database, sql);
  }
}
