package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.parcours.support.Candidatures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The packaged application as the tests that run it in child JVMs see it ({@link Crashes}, {@link ClusterIT}):
 * its command line, and its REST API as the demo users call it with HTTP Basic.
 */
final class PackagedApplication {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PackagedApplication() {
  }

  /**
   * {@code java -jar} of the packaged application ({@link PackagedJar}) with the test JVMs' flags (C1 only, see the
   * pom: the children start several times per run), the demo profile on that port, its mails to that SMTP port;
   * from Spring's ahead-of-time processing with {@code -Dpackaged.aot=true}.
   */
  static List<String> command(String maxHeap, int port, int smtpPort) throws IOException {
    List<String> command = new ArrayList<>(List.of(PackagedJar.java(), "-Xmx" + maxHeap));
    command.addAll(PackagedJar.testFlags());
    if (Boolean.getBoolean("packaged.aot")) {
      // the package processed ahead of time for the demo (-Daot.profiles=demo -Daot.demo.mailbox=false)
      command.add("-Dspring.aot.enabled=true");
    }
    command.addAll(PackagedJar.launch());
    command.addAll(List.of(
        "--spring.profiles.active=demo",
        "--server.port=" + port,
        "--parcours.demo.mailbox.enabled=false",
        "--spring.mail.port=" + smtpPort,
        // the tests' windows (nominal phase open), as in every other test: the shipped file waits for the ANS
        "--parcours.ans-windows=" + Path.of("src/test/resources/ans-windows-test.json").toUri()));
    return command;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The body of a valid ANS candidature for the REST {@code submit-form} of the track's start form. */
  static String candidature() throws IOException {
    return candidature(Candidatures.valid());
  }

  /** The same for another software of the company (a certificate is recorded per software and version). */
  static String candidature(String softwareName) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>(Candidatures.valid());
    fields.put("softwareName", softwareName);
    return candidature(fields);
  }

  private static String candidature(Map<String, Object> fields) throws IOException {
    ObjectNode variables = JSON.createObjectNode();
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      ObjectNode value = variables.putObject(field.getKey());
      if (field.getKey().equals("softwareProfiles")) {
        value.put("value", "[\"SOCLE\"]").put("type", "Json");
      } else {
        value.set("value", JSON.valueToTree(field.getValue()));
      }
    }
    return JSON.writeValueAsString(Map.of("variables", variables));
  }

  static HttpRequest.Builder request(int port, String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse<String> send(int port, String user, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(port, user, path).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  /** The rows of a query, every column as text. */
  static List<List<String>> rows(DataSource database, String sql) throws SQLException {
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
