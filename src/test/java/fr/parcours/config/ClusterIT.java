package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcours.evidence.Zips;
import fr.parcours.support.TestMailServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
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
  static final Duration STARTUP = Duration.ofMinutes(4);
  static final List<String> PROOFS = List.of("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json",
      "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf");

  @TempDir Path folder;

  GreenMail smtp;
  final List<Node> nodes = new ArrayList<>();

  /** One running application. */
  final class Node {
    final String name;
    final int port;
    final Path log;
    Process process;

    Node(String name) throws IOException {
      this.name = name;
      this.port = PackagedApplication.freePort();
      this.log = folder.resolve(name + ".log");
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    @Override
    public String toString() {
      return "node " + name + " (port " + port + ", log " + log + ")";
    }
  }

  @AfterEach
  void stopEverything() {
    nodes.forEach(n -> {
      if (n.process != null) {
        n.process.destroyForcibly();
      }
    });
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void shouldShareOneDatabaseAndOneEvidenceStorageBetweenTwoNodesStartedTogetherAndSurviveTheDeathOfOne()
      throws Exception {
    Instant began = Instant.now();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      DataSource database = postgres.getPostgresDatabase();
      smtp = TestMailServer.server(new ServerSetup(PackagedApplication.freePort(), "127.0.0.1", "smtp"));
      smtp.start();
      Path evidence = Files.createDirectories(folder.resolve("shared-evidence"));

      // both nodes start at the same moment on the empty database
      Node a = new Node("a");
      Node b = new Node("b");
      launch(a, postgres, evidence);
      launch(b, postgres, evidence);
      untilUp(a);
      untilUp(b);
      Duration startup = Duration.between(began, Instant.now());
      assertThat(rows(database, "select key_, count(*) from act_re_procdef group by key_ having count(*) > 1"))
          .as("a definition deployed twice").isEmpty();
      assertThat(rows(database, "select group_id_, resource_type_, resource_id_, count(*) from act_ru_authorization"
          + " where group_id_ is not null group by group_id_, resource_type_, resource_id_ having count(*) > 1"))
          .as("a grant made twice").isEmpty();
      assertThat(rows(database, "select name_, count(*) from act_ru_filter group by name_, owner_ having count(*) > 1"))
          .as("a filter made twice").isEmpty();

      // two dossiers, each step on the other node than the last, evidence sent to either node
      Map<String, String> dossiers = new LinkedHashMap<>(); // process instance id -> dossier number
      for (Node[] pair : List.of(new Node[] {a, b}, new Node[] {b, a})) {
        Node one = pair[0];
        Node other = pair[1];
        JsonNode started = json(startDossier(one));
        String id = started.path("id").asText();
        dossiers.put(id, started.path("businessKey").asText());
        complete(other, "alice", id, "Task_DepositAdministrativeDossier", "{\"depositAction\": {\"value\": \"SUBMIT\"}}");
        complete(one, "ana", id, "Task_ReviewAdmissibility", "{\"admissibilityDecision\": {\"value\": \"ADMISSIBLE\"}}");
        complete(other, "alice", id, "Task_SignConvention",
            "{\"conventionSigned\": {\"value\": true}, \"signatoryName\": {\"value\": \"A. Martin\"}}");
        untilTask(one, "alice", id, "Task_DepositEvidence");
        HttpResponse<String> sent = sendEvidence(one, dossiers.get(id));
        assertThat(sent.statusCode()).as("evidence sent to %s: %s", one, sent.body()).isEqualTo(200);
        assertThat(json(sent).path("message").asText()).isEqualTo("Envoi 1 accepté : 7 fichier(s) de preuve. Preuves complètes.");
      }
      List<List<String>> proofs = rows(database, "select process_instance_id, id, sha256 from parcours_evidence_proof");
      assertThat(proofs).as("proof files kept").hasSize(2 * PROOFS.size());
      everyProofReads(proofs, dossiers, a, b);

      // node a acknowledges three new dossiers and dies at once, its mail steps pending or in its hands
      List<String> beforeTheKill = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        JsonNode started = json(startDossier(a));
        dossiers.put(started.path("id").asText(), started.path("businessKey").asText());
        beforeTheKill.add(started.path("id").asText());
      }
      a.kill();
      // meanwhile a third node is started on a storage of its own: it must refuse to start, saying why
      Node alone = new Node("alone");
      launch(alone, postgres, Files.createDirectories(folder.resolve("own-evidence")));
      List<List<String>> leftBehind = rows(database, "select id_, coalesce(lock_owner_, '-') from act_ru_job"
          + " where type_ = 'message'");
      assertThat(leftBehind).as("work node a left unfinished when it died (else the kill proved nothing)")
          .isNotEmpty();

      // node b carries on: the dead node's jobs run once their lock has expired, its dossiers move on through b
      for (String id : beforeTheKill) {
        complete(b, "alice", id, "Task_DepositAdministrativeDossier", "{\"depositAction\": {\"value\": \"SUBMIT\"}}");
      }
      untilNoMessageJobIsLeft(database);
      for (List<String> job : leftBehind) {
        assertThat(rows(database, "select hostname_ from act_hi_job_log where job_state_ = 2 and job_id_ = '"
            + job.get(0) + "'")).as("job %s that node a left behind", job.get(0)).containsExactly(List.of("b"));
      }

      // no dossier lost, each where it should be
      for (Map.Entry<String, String> dossier : dossiers.entrySet()) {
        JsonNode tasks = json(get(b, "admin", "/engine-rest/task?maxResults=50&processInstanceId=" + dossier.getKey()));
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
      for (MimeMessage received : smtp.getReceivedMessages()) {
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
      HttpResponse<String> missing = HTTP.send(request(b, "ana", "/evidence/" + dossiers.get(lost.get(0))
          + "/proofs/" + lost.get(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(500);
      assertThat(missing.body()).contains("Le fichier de la preuve " + lost.get(3) + " (envoi 1) est introuvable"
          + " dans le stockage des preuves de ce serveur").contains("parcours.evidence.storage");
      // the node with a storage of its own stopped, naming the folder and the setting
      assertThat(alone.process.waitFor(3, TimeUnit.MINUTES)).as("%s stops", alone).isTrue();
      assertThat(alone.process.exitValue()).as("%s exit code", alone).isNotZero();
      assertThat(Files.readString(alone.log)).contains("The evidence storage "
          + folder.resolve("own-evidence").toAbsolutePath() + " (setting parcours.evidence.storage) is not the one"
          + " this database's proof files were written to");

      System.out.printf("ClusterIT: two nodes up together in %d s; %d dossiers, %d evidence files read from both"
              + " nodes; %d mail jobs pending at the kill; %d mails journalled once, %d copies delivered (%d sent twice"
              + " across the kill, each copy with its Message-ID); %d s in all%n",
          startup.toSeconds(), dossiers.size(), proofs.size(), leftBehind.size(), journal.size(),
          smtp.getReceivedMessages().length, copies.values().stream().filter(n -> n > 1).count(),
          Duration.between(began, Instant.now()).toSeconds());
    }
  }

  private String messageIdOf(List<List<String>> journal, String id, String event, String recipient) {
    return journal.stream().filter(r -> r.get(0).equals(id) && r.get(1).equals(event) && r.get(2).equals(recipient))
        .map(r -> r.get(4)).findFirst().orElse("(not journalled)");
  }

  /** Each proof file, downloaded from each node, has the SHA-256 the database recorded when it was received. */
  private void everyProofReads(List<List<String>> proofs, Map<String, String> dossiers, Node... from)
      throws Exception {
    for (Node node : from) {
      for (List<String> proof : proofs) {
        HttpResponse<byte[]> file = HTTP.send(request(node, "ana", "/evidence/" + dossiers.get(proof.get(0))
            + "/proofs/" + proof.get(1)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).as("proof %s from %s", proof.get(1), node).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body())))
            .as("proof %s from %s", proof.get(1), node).isEqualTo(proof.get(2));
      }
    }
  }

  // ---- the nodes ----

  private void launch(Node node, EmbeddedPostgres postgres, Path evidence) throws IOException {
    Path home = Files.createDirectories(folder.resolve(node.name));
    List<String> command = PackagedApplication.command("768m", node.port, smtp.getSmtp().getPort());
    command.addAll(List.of(
        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        "--parcours.evidence.storage=" + evidence.toAbsolutePath(),
        // the job log names the node that ran each job
        "--camunda.bpm.generic-properties.properties.hostname=" + node.name,
        // a job the dead node left locked is taken again after 10 s rather than the minute of application.yml
        "--camunda.bpm.job-execution.lock-time-in-millis=10000"));
    node.process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log.toFile())).start();
    nodes.add(node);
  }

  private void untilUp(Node node) throws Exception {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      assertThat(node.process.isAlive()).as("%s runs: %s", node, tail(node)).isTrue();
      try {
        if (get(node, "alice", "/engine-rest/process-definition/key/ans-certification").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(node + " did not start within " + STARTUP + ": " + tail(node));
  }

  private static String tail(Node node) throws IOException {
    String log = Files.exists(node.log) ? Files.readString(node.log) : "";
    return log.substring(Math.max(0, log.length() - 6000));
  }

  // ---- the dossiers ----

  private HttpResponse<String> startDossier(Node node) throws Exception {
    return send(node, "alice", "POST", "/engine-rest/process-definition/key/ans-certification/submit-form",
        PackagedApplication.candidature());
  }

  /** The task, once the job executor of either node has run the mail steps before it. */
  private String untilTask(Node node, String user, String dossier, String taskKey) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      JsonNode tasks = json(get(node, user, "/engine-rest/task?maxResults=5&processInstanceId=" + dossier
          + "&taskDefinitionKey=" + taskKey));
      if (tasks.size() == 1) {
        return tasks.get(0).path("id").asText();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No task " + taskKey + " for " + user + " in dossier " + dossier + " after 90 s");
  }

  private void complete(Node node, String user, String dossier, String taskKey, String variables) throws Exception {
    String task = untilTask(node, user, dossier, taskKey);
    HttpResponse<String> done = send(node, user, "POST", "/engine-rest/task/" + task + "/submit-form",
        "{\"variables\": " + variables + "}");
    assertThat(done.statusCode()).as("%s completes %s on %s: %s", user, taskKey, node, done.body()).isEqualTo(204);
  }

  /** Alice sends the seven proofs of the SOCLE profile, in an archive named as the dossier's page asks. */
  private HttpResponse<String> sendEvidence(Node node, String number) throws Exception {
    HttpResponse<String> page = HTTP.send(request(node, "alice", "/evidence/" + number)
        .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    Matcher name = Pattern.compile("Nommez-la <code>([^<]+)</code>").matcher(page.body());
    assertThat(name.find()).as("the page names the archive: %s", page.body()).isTrue();
    String boundary = "----parcours" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"" + name.group(1)
        + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(Zips.with(PROOFS.toArray(String[]::new)).bytes());
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(request(node, "alice", "/evidence/" + number)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
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

  // ---- HTTP and SQL ----

  private static HttpRequest.Builder request(Node node, String user, String path) {
    return PackagedApplication.request(node.port, user, path);
  }

  private static HttpResponse<String> get(Node node, String user, String path) throws IOException, InterruptedException {
    return PackagedApplication.send(node.port, user, "GET", path, null);
  }

  private static HttpResponse<String> send(Node node, String user, String method, String path, String body)
      throws IOException, InterruptedException {
    return PackagedApplication.send(node.port, user, method, path, body);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return PackagedApplication.json(response);
  }

  private static List<List<String>> rows(DataSource database, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
