package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.parcours.evidence.Zips;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a cluster as the tests run it ({@link ClusterIT}, {@link ClusterBenchmark}): the packaged application
 * in a child JVM, on a free port, in a working folder of its own, on a shared PostgreSQL database and evidence
 * folder; and what the demo users do through it with HTTP Basic to carry an ANS certification dossier.
 */
final class PackagedNode {

  static final Duration STARTUP = Duration.ofMinutes(4);
  /** The seven proofs of the SOCLE profile. */
  static final List<String> PROOFS = List.of("PSC_1.1.1.mp4", "PSC_1.1.2.log", "IDN_1.1.1.png", "POR_1.1.1.json",
      "SEC_1.1.1.csv", "SEC_1.2.1.jpeg", "RGPD_1.1.1.pdf");

  final String name;
  final int port;
  final Path log;
  private final Path folder;
  Process process;

  /** A node named {@code name}, its working folder and log in {@code folder}. */
  PackagedNode(String name, Path folder) throws IOException {
    this.name = name;
    this.folder = folder;
    this.port = PackagedApplication.freePort();
    this.log = folder.resolve(name + ".log");
  }

  /**
   * Starts the node on that database and evidence folder, its mails to that SMTP port; the job log names it
   * ({@code hostname}); {@code settings} are more command-line settings ({@code --key=value}).
   */
  void launch(EmbeddedPostgres postgres, Path evidence, int smtpPort, String maxHeap, List<String> settings)
      throws IOException {
    Path home = Files.createDirectories(folder.resolve(name));
    List<String> command = PackagedApplication.command(maxHeap, port, smtpPort);
    command.addAll(List.of(
        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        "--parcours.evidence.storage=" + evidence.toAbsolutePath(),
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        // PostgreSQL's pg_stat_activity names the node of each connection
        "--spring.datasource.hikari.data-source-properties.ApplicationName=" + applicationName()));
    command.addAll(settings);
    process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** The name the node's database connections give PostgreSQL. */
  String applicationName() {
    return "parcours-" + name;
  }

  /** Until the node answers Alice, or fails if it stopped or took longer than {@link #STARTUP}. */
  void untilUp() throws Exception {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("%s runs: %s", this, tail()).isTrue();
      try {
        if (get("alice", "/engine-rest/process-definition/key/ans-certification").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(this + " did not start within " + STARTUP + ": " + tail());
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String tail() throws IOException {
    String text = Files.exists(log) ? Files.readString(log) : "";
    return text.substring(Math.max(0, text.length() - 6000));
  }

  @Override
  public String toString() {
    return "node " + name + " (port " + port + ", log " + log + ")";
  }

  // ---- an ANS certification dossier, step by step ----

  /** Alice applies: the track's start form, a valid candidature. */
  HttpResponse<String> startDossier() throws Exception {
    return startDossier(PackagedApplication.candidature());
  }

  /** Alice applies with that start form's body. */
  HttpResponse<String> startDossier(String candidature) throws Exception {
    return send("alice", "POST", "/engine-rest/process-definition/key/ans-certification/submit-form", candidature);
  }

  /** The task, once the job executor of any node has run the mail steps before it. */
  String untilTask(String user, String dossier, String taskKey) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      JsonNode tasks = json(get(user, "/engine-rest/task?maxResults=5&processInstanceId=" + dossier
          + "&taskDefinitionKey=" + taskKey));
      if (tasks.size() == 1) {
        return tasks.get(0).path("id").asText();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No task " + taskKey + " for " + user + " in dossier " + dossier + " after 90 s");
  }

  /** The user completes that task of the dossier through its form, once it is there. */
  void complete(String user, String dossier, String taskKey, String variables) throws Exception {
    HttpResponse<String> done = submit(user, dossier, taskKey, variables);
    assertThat(done.statusCode()).as("%s completes %s on %s: %s", user, taskKey, this, done.body()).isEqualTo(204);
  }

  /** The user submits that task's form once the task is there; the answer, whatever it is. */
  HttpResponse<String> submit(String user, String dossier, String taskKey, String variables) throws Exception {
    String task = untilTask(user, dossier, taskKey);
    return send(user, "POST", "/engine-rest/task/" + task + "/submit-form", "{\"variables\": " + variables + "}");
  }

  /** Alice sends the seven proofs of the SOCLE profile, in an archive named as the dossier's page asks. */
  HttpResponse<String> sendEvidence(String number) throws Exception {
    HttpResponse<String> page = PackagedApplication.HTTP.send(request("alice", "/evidence/" + number)
        .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    Matcher archive = Pattern.compile("Nommez-la <code>([^<]+)</code>").matcher(page.body());
    assertThat(archive.find()).as("the page names the archive: %s", page.body()).isTrue();
    String boundary = "----parcours" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\""
        + archive.group(1) + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(Zips.with(PROOFS.toArray(String[]::new)).bytes());
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return PackagedApplication.HTTP.send(request("alice", "/evidence/" + number)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---- HTTP ----

  HttpRequest.Builder request(String user, String path) {
    return PackagedApplication.request(port, user, path);
  }

  HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
    return PackagedApplication.send(port, user, "GET", path, null);
  }

  HttpResponse<String> send(String user, String method, String path, String body)
      throws IOException, InterruptedException {
    return PackagedApplication.send(port, user, method, path, body);
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return PackagedApplication.json(response);
  }
}
