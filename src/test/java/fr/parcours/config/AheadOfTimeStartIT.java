package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package started as production starts it from Spring's ahead-of-time processing
 * ({@code java -Dspring.aot.enabled=true -jar}, no profile, H2 file database; README "Start-up"): it makes exactly
 * what an ordinary start of the same package makes (definitions, groups, grants, filters), a restart on its
 * database deploys nothing new, a bad evidence catalogue is still refused, and the demo profile, which the package's
 * processing did not include, is refused with a sentence saying why ({@link AheadOfTimeStart}).
 */
class AheadOfTimeStartIT {

  static final Duration STARTUP = Duration.ofMinutes(4);
  static final String ADMIN = "root";
  static final String PASSWORD = "aot-start-check-1";

  @TempDir Path folder;

  @Test
  void shouldMakeWhatAnOrdinaryStartMakesRestartAndRefuseWhatItMustRefuse() throws Exception {
    Map<String, Object> ordinary;
    try (Node node = Node.start(folder.resolve("ordinary"), false)) {
      assertThat(node.log()).contains("Starting ParcoursApplication").doesNotContain("AOT-processed");
      ordinary = node.made();
    }
    Map<String, Object> aheadOfTime;
    try (Node node = Node.start(folder.resolve("aot"), true)) {
      assertThat(node.log()).as("started from the processing").contains("Starting AOT-processed ParcoursApplication");
      aheadOfTime = node.made();
    }
    assertThat(ordinary.get("process definitions").toString()).contains("pecan", "ans-certification");
    assertThat((List<?>) ordinary.get("grants")).hasSizeGreaterThan(50);
    assertThat(aheadOfTime).as("what the ahead-of-time start made").isEqualTo(ordinary);

    // a restart on its database: the same, nothing deployed again
    try (Node node = Node.start(folder.resolve("aot"), true)) {
      assertThat(node.made()).as("after a restart").isEqualTo(aheadOfTime);
    }

    // the start-up checks still run: a catalogue that is not JSON stops the start
    Path badCatalogue = Files.writeString(folder.resolve("catalogue.json"), "{ pas du JSON");
    String refused = Node.refused(folder.resolve("aot"), true,
        "--parcours.evidence.catalogue=" + badCatalogue.toUri());
    assertThat(refused).contains("Le catalogue des preuves", "n’est pas un JSON lisible");

    // the demo profile was not in the processing: refused, not started without its users
    refused = Node.refused(folder.resolve("demo"), true, "--spring.profiles.active=demo");
    assertThat(refused).contains("Le profil demo est demandé, mais ce paquet a été précompilé sans lui")
        .contains("Démarrez la démonstration sans -Dspring.aot.enabled=true");
  }

  /** One packaged Parcours in a child JVM, production settings, on the H2 file database of its folder. */
  static final class Node implements AutoCloseable {

    final Process process;
    final Path log;
    final int port;

    private Node(Process process, Path log, int port) {
      this.process = process;
      this.log = log;
      this.port = port;
    }

    static Node start(Path home, boolean aheadOfTime, String... settings) throws Exception {
      Node node = launch(home, aheadOfTime, settings);
      Instant deadline = Instant.now().plus(STARTUP);
      while (Instant.now().isBefore(deadline)) {
        assertThat(node.process.isAlive()).as("Parcours runs: %s", node.tail()).isTrue();
        try {
          if (node.get("/engine-rest/process-definition/key/ans-certification").statusCode() == 200) {
            return node;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(500);
      }
      node.close();
      throw new AssertionError("Parcours did not start within " + STARTUP + ": " + node.tail());
    }

    /** Starts Parcours expecting it to stop by itself, and returns what it wrote. */
    static String refused(Path home, boolean aheadOfTime, String... settings) throws Exception {
      Node node = launch(home, aheadOfTime, settings);
      if (!node.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
        node.close();
        throw new AssertionError("Parcours started, or did not stop, within " + STARTUP + ": " + node.tail());
      }
      assertThat(node.process.exitValue()).as(node.tail()).isNotZero();
      return node.log();
    }

    private static Node launch(Path home, boolean aheadOfTime, String... settings) throws IOException {
      Files.createDirectories(home);
      int port = PackagedApplication.freePort();
      List<String> command = new ArrayList<>(List.of(PackagedJar.java(), "-Xmx512m"));
      command.addAll(PackagedJar.testFlags());
      if (aheadOfTime) {
        // from the processing, as the other children start (PackagedJar): extracted, with the build's class archive
        command.add("-Dspring.aot.enabled=true");
        command.addAll(PackagedJar.launch());
      } else {
        // the jar itself, as shipped
        command.addAll(List.of("-jar", PackagedJar.shipped().toString()));
      }
      command.addAll(List.of(
          "--server.port=" + port,
          "--spring.datasource.url=jdbc:h2:file:" + home.toAbsolutePath().resolve("parcours") + ";WRITE_DELAY=0",
          "--parcours.evidence.storage=" + home.toAbsolutePath().resolve("evidence"),
          "--parcours.documents.storage=" + home.toAbsolutePath().resolve("documents"),
          "--parcours.public-url=http://localhost:" + port,
          "--parcours.admin.user=" + ADMIN, "--parcours.admin.password=" + PASSWORD,
          "--spring.mail.port=" + PackagedApplication.freePort()));
      command.addAll(List.of(settings));
      Path log = home.resolve("parcours-" + Instant.now().toEpochMilli() + ".log");
      Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      return new Node(process, log, port);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
          .build();
      return PackagedApplication.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** What the start made, as the administrator reads it over REST, in an order of its own. */
    Map<String, Object> made() throws Exception {
      Map<String, Object> made = new LinkedHashMap<>();
      made.put("deployments", texts("/engine-rest/deployment?maxResults=2000", "name"));
      made.put("process definitions", texts("/engine-rest/process-definition?maxResults=2000", "key", "version"));
      made.put("decision definitions", texts("/engine-rest/decision-definition?maxResults=2000", "key", "version"));
      made.put("groups", texts("/engine-rest/group?maxResults=2000", "id", "name", "type"));
      made.put("users", texts("/engine-rest/user?maxResults=2000", "id"));
      // a filter's grants name it by its id, which each start draws anew: by its name here
      List<String> grants = texts("/engine-rest/authorization?maxResults=2000", "type", "groupId", "userId",
          "resourceType", "resourceId", "permissions");
      for (JsonNode filter : PackagedApplication.json(get("/engine-rest/filter?maxResults=2000"))) {
        String id = "\"" + filter.path("id").asText() + "\"";
        grants.replaceAll(grant -> grant.replace(id, "filter " + filter.path("name")));
      }
      grants.sort(null);
      made.put("grants", grants);
      made.put("filters", texts("/engine-rest/filter?maxResults=2000", "name", "owner", "query", "properties"));
      return made;
    }

    /** The rows' fields as text, sorted; a row made twice is there twice. */
    private List<String> texts(String path, String... fields) throws Exception {
      JsonNode rows = PackagedApplication.json(get(path));
      List<String> texts = new ArrayList<>();
      for (JsonNode row : rows) {
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
          text.append(field).append('=').append(row.path(field)).append(' ');
        }
        texts.add(text.toString());
      }
      assertThat(texts).as(path).isNotEmpty();
      texts.sort(null);
      return texts;
    }

    String log() throws IOException {
      return Files.exists(log) ? Files.readString(log) : "";
    }

    String tail() throws IOException {
      String text = log();
      return text.substring(Math.max(0, text.length() - 6000));
    }

    @Override
    public void close() throws InterruptedException {
      // an orderly stop (SIGTERM): the database file is closed before the next start opens it
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
