package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcours.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash run of {@link CrashIT} (the H2 file) and {@link CrashOnPostgresIT}, one class each so that the two test
 * JVMs run them side by side. The packaged application, crashed on purpose: it runs in a child JVM ({@code java -jar},
 * the demo users, the default H2 file database in a folder of its own or PostgreSQL, its mails to an SMTP server of
 * this test) while vendors start dossiers and submit them over REST; it is killed with SIGKILL at random moments,
 * three times, and started again on the same database. Then nothing acknowledged is lost (every dossier answered 200
 * exists, every submission answered 204 has moved on), no dossier has two open tasks, and every mail is in the journal
 * as sent, delivered at least once, every copy of one mail with the same Message-ID. A first phase runs with the SMTP
 * server refusing (stopped): the mails wait, none is lost, and all leave once it accepts.
 */
abstract class Crashes {

  static final Duration STARTUP = Duration.ofMinutes(3);

  @TempDir Path folder;

  Process application;
  int port;
  GreenMail smtp;
  int smtpPort;
  final Random random = new Random(20261202);

  /** Attempts beyond the first, summed over the journal's rows of the run's mails. */
  int attemptsAfterTheFirst;

  /** Dossiers whose start was answered 200: process instance id, and whether a submission was answered 204. */
  final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();

  @AfterEach
  void stopEverything() {
    if (application != null) {
      application.destroyForcibly();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  /** The database of the run: the default H2 file (none given), or PostgreSQL as in production. */
  List<String> database = List.of();

  /**
   * The run: dossiers come in while the SMTP server is down, through a first crash; then with the server up,
   * two more crashes; a last start. Then every check.
   */
  void crashAndCheck() throws Exception {
    smtpPort = PackagedApplication.freePort();

    // the SMTP server refuses (is down) while the first dossiers come in and through the first crash
    start();
    loadThenKillMidway(3, true);
    smtp = TestMailServer.server(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    smtp.start();
    for (int crash = 2; crash <= 3; crash++) {
      start();
      loadThenKillMidway(3, false);
    }
    start();
    retryFailedMailsNow();

    assertThat(acknowledged).as("dossiers acknowledged over the run").hasSizeGreaterThanOrEqualTo(9);
    assertThat(acknowledged.values()).as("some submissions acknowledged").contains(true);
    for (String dossier : acknowledged.keySet()) {
      HttpResponse<String> instance = get("alice", "/engine-rest/history/process-instance/" + dossier);
      assertThat(instance.statusCode()).as("acknowledged dossier %s exists: %s", dossier, instance.body())
          .isEqualTo(200);
    }
    Map<String, Set<String>> messageIds = everyMailSentOnce();
    untilNoJobIsLeft();
    for (Map.Entry<String, Boolean> dossier : acknowledged.entrySet()) {
      JsonNode open = json(get("alice", "/engine-rest/task?maxResults=50&processInstanceId=" + dossier.getKey()));
      JsonNode reviewer = json(get("ana", "/engine-rest/task?maxResults=50&processInstanceId=" + dossier.getKey()));
      assertThat(open.size() + reviewer.size()).as("open tasks of dossier %s", dossier.getKey()).isEqualTo(1);
      if (dossier.getValue()) {
        assertThat(reviewer.size()).as("submitted dossier %s waits for the ANS", dossier.getKey()).isEqualTo(1);
        assertThat(reviewer.get(0).path("taskDefinitionKey").asText()).as("submitted dossier %s", dossier.getKey())
            .isEqualTo("Task_ReviewAdmissibility");
      }
    }
    // a dossier whose start was committed but whose answer the crash cut off is not in `acknowledged`, yet it
    // exists and its mails go out: every delivered mail is checked against the journals of all dossiers
    Set<String> journalled = new HashSet<>();
    for (JsonNode instance : json(get("alice", "/engine-rest/history/process-instance?maxResults=500"))) {
      for (JsonNode row : json(get("alice", "/api/dossiers/" + instance.path("id").asText() + "/notifications"))) {
        journalled.add(row.path("messageId").asText());
      }
    }
    for (MimeMessage received : smtp.getReceivedMessages()) {
      String key = received.getAllRecipients()[0] + " " + received.getSubject();
      assertThat(journalled).as("delivered %s carries a Message-ID of the journal", key)
          .contains(received.getMessageID());
    }
  }

  /** Waits until the journal shows every mail of every acknowledged dossier sent; their Message-IDs by dossier. */
  private Map<String, Set<String>> everyMailSentOnce() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    Map<String, Set<String>> messageIds = new HashMap<>();
    List<String> missing = new ArrayList<>();
    do {
      missing.clear();
      messageIds.clear();
      attemptsAfterTheFirst = 0;
      for (Map.Entry<String, Boolean> dossier : acknowledged.entrySet()) {
        JsonNode journal = json(get("alice", "/api/dossiers/" + dossier.getKey() + "/notifications"));
        Set<String> expected = new HashSet<>(List.of("APPLICATION_RECEIVED"));
        if (dossier.getValue()) {
          expected.add("ADMINISTRATIVE_FILE_RECEIVED");
        }
        for (String event : expected) {
          for (String recipient : List.of("jean.dupont@medisoft.example", "alice.martin@medisoft.example")) {
            JsonNode row = find(journal, event, recipient);
            if (row == null || !"SENT".equals(row.path("status").asText())) {
              missing.add(dossier.getKey() + " " + event + " to " + recipient + ": "
                  + (row == null ? "not in the journal" : row.path("status").asText()));
            } else {
              assertThat(row.path("attempts").asInt()).isPositive();
              attemptsAfterTheFirst += row.path("attempts").asInt() - 1;
              assertThat(row.path("sentAt").isNull()).isFalse();
              messageIds.computeIfAbsent(dossier.getKey(), k -> new HashSet<>())
                  .add(row.path("messageId").asText());
            }
          }
        }
      }
      if (!missing.isEmpty()) {
        retryFailedMailsNow();
        Thread.sleep(2000);
      }
    } while (!missing.isEmpty() && Instant.now().isBefore(deadline));
    assertThat(missing).as("mails not sent").isEmpty();
    assertThat(attemptsAfterTheFirst).as("mails tried again after the SMTP outage").isPositive();
    // at least once: each journalled mail reached the server, and every copy of it carries its one Message-ID
    Map<String, Integer> copies = new HashMap<>();
    for (MimeMessage received : smtp.getReceivedMessages()) {
      copies.merge(received.getMessageID(), 1, Integer::sum);
    }
    messageIds.values().stream().flatMap(Set::stream).forEach(id ->
        assertThat(copies).as("mail %s delivered", id).containsKey(id));
    System.out.printf("CrashIT %s: %d dossiers acknowledged (%d submitted), %d mails journalled as sent, %d copies"
        + " delivered, %d mails delivered more than once (each copy with its one Message-ID)%n",
        database.isEmpty() ? "H2" : "PostgreSQL", acknowledged.size(), acknowledged.values().stream().filter(b -> b).count(),
        messageIds.values().stream().mapToInt(Set::size).sum(), smtp.getReceivedMessages().length,
        copies.values().stream().filter(n -> n > 1).count());
    return messageIds;
  }

  /** While the SMTP server is down: until the journal shows a mail that failed (the outage is really met). */
  private void untilAMailFailed() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      for (String dossier : List.copyOf(acknowledged.keySet())) {
        for (JsonNode row : json(get("alice", "/api/dossiers/" + dossier + "/notifications"))) {
          if ("FAILED".equals(row.path("status").asText())) {
            return;
          }
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError("No mail failed within 60 s while the SMTP server was down");
  }

  /** The steps after the mails (each mail step is asynchronous after) have run: no job is due any more. */
  private void untilNoJobIsLeft() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (json(get("admin", "/engine-rest/job/count?executable=true")).path("count").asInt() > 0) {
      assertThat(Instant.now()).as("jobs left after two minutes").isBefore(deadline);
      Thread.sleep(500);
    }
  }

  private static JsonNode find(JsonNode journal, String event, String recipient) {
    for (JsonNode row : journal) {
      if (event.equals(row.path("event").asText()) && recipient.equals(row.path("recipient").asText())) {
        return row;
      }
    }
    return null;
  }

  /**
   * A mail that failed while the server was down waits for its retry, 5 minutes later; a process owner presses
   * "retry" in Cockpit rather than wait. Here: every job of the engine that failed is due now.
   */
  private void retryFailedMailsNow() throws Exception {
    JsonNode failed = json(get("admin", "/engine-rest/job?withException=true&maxResults=500"));
    for (JsonNode job : failed) {
      send("admin", "PUT", "/engine-rest/job/" + job.path("id").asText() + "/duedate",
          "{\"duedate\": null}");
      if (job.path("retries").asInt() == 0) {
        send("admin", "PUT", "/engine-rest/job/" + job.path("id").asText() + "/retries", "{\"retries\": 1}");
      }
    }
  }

  // ---- the application in a child JVM ----

  private void start() throws Exception {
    port = PackagedApplication.freePort(); // afresh at each start: another program may have taken the last one meanwhile
    Path log = folder.resolve("application.log");
    List<String> command = PackagedApplication.command("1g", port, smtpPort);
    command.addAll(List.of("--spring.mail.properties.mail.smtp.connectiontimeout=1000",
        // a job the crash left locked is taken again after 10 s rather than the minute of application.yml
        "--camunda.bpm.job-execution.lock-time-in-millis=10000"));
    command.addAll(database);
    application = new ProcessBuilder(command)
        .directory(folder.toFile()) // the default database, ./data/parcours, in a folder of its own
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      assertThat(application.isAlive()).as("the application runs (see %s)", log).isTrue();
      try {
        if (get("alice", "/engine-rest/process-definition/key/ans-certification").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("The application did not start within " + STARTUP + ": " + Files.readString(log));
  }

  /** SIGKILL: no shutdown hook, no close of the database, jobs left locked mid-flight. */
  private void kill() throws InterruptedException {
    application.destroyForcibly();
    application.waitFor();
  }

  /**
   * Alice starts dossiers and submits some; what was answered with success is recorded. Once at least
   * {@code dossiers} more were acknowledged (or after 60 s), a random moment later, the application is killed
   * while she is still sending: a request may be in flight, the last acknowledgement a few milliseconds old.
   */
  private void loadThenKillMidway(int dossiers, boolean untilAMailFails) throws Exception {
    int before = acknowledged.size();
    AtomicBoolean stop = new AtomicBoolean();
    Thread vendor = new Thread(() -> {
      while (!stop.get()) {
        try {
          HttpResponse<String> started = send("alice", "POST",
              "/engine-rest/process-definition/key/ans-certification/submit-form", PackagedApplication.candidature());
          if (started.statusCode() != 200) {
            continue;
          }
          String id = json(started).path("id").asText();
          acknowledged.put(id, false);
          if (random.nextBoolean()) {
            submit(id);
          }
        } catch (IOException | InterruptedException | AssertionError crashed) {
          return; // the application went down under her
        }
      }
    });
    vendor.start();
    Instant enough = Instant.now().plus(Duration.ofSeconds(60));
    while (acknowledged.size() - before < dossiers && Instant.now().isBefore(enough) && vendor.isAlive()) {
      Thread.sleep(100);
    }
    if (untilAMailFails) {
      untilAMailFailed();
    }
    Thread.sleep(random.nextInt(1500));
    kill();
    stop.set(true);
    vendor.join(Duration.ofSeconds(30).toMillis());
  }

  private void submit(String dossier) throws IOException, InterruptedException {
    for (int tries = 0; tries < 20; tries++) {
      JsonNode tasks = json(get("alice", "/engine-rest/task?maxResults=50&processInstanceId=" + dossier
          + "&taskDefinitionKey=Task_DepositAdministrativeDossier"));
      if (tasks.size() == 1) {
        HttpResponse<String> done = send("alice", "POST", "/engine-rest/task/" + tasks.get(0).path("id").asText()
            + "/submit-form", "{\"variables\": {\"depositAction\": {\"value\": \"SUBMIT\"}}}");
        if (done.statusCode() == 204) {
          acknowledged.put(dossier, true);
        }
        return;
      }
      Thread.sleep(100); // the task comes after the receipt mail's step, run by the job executor
    }
  }

  private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
    return send(user, "GET", path, null);
  }

  private HttpResponse<String> send(String user, String method, String path, String body)
      throws IOException, InterruptedException {
    return PackagedApplication.send(port, user, method, path, body);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return PackagedApplication.json(response);
  }
}
