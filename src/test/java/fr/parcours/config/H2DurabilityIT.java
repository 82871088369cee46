package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * A change Parcours acknowledged survives a {@code kill -9} on the default database: a child JVM commits rows
 * on the H2 file URL of {@code application.yml} and says so after each commit; it is killed (SIGKILL) right
 * after an acknowledgement, several times over, and every acknowledged row is there after the restart.
 * (H2 writes committed transactions to its file up to {@code WRITE_DELAY} later, 500 ms by default: without
 * {@code WRITE_DELAY=0} in the URL the last half second of acknowledged starts was lost.)
 */
class H2DurabilityIT {

  @TempDir Path folder;

  @Test
  void shouldKeepEveryAcknowledgedCommitThroughKillNine() throws Exception {
    String url = applicationUrl().replace("./data/parcours", folder.resolve("parcours").toString());
    int acknowledged = 0;
    for (int crash = 1; crash <= 3; crash++) {
      int lastSeen = writeThenKill(url, acknowledged + 200);
      assertThat(lastSeen).isGreaterThan(acknowledged);
      acknowledged = lastSeen;
      try (Connection connection = DriverManager.getConnection(url, "sa", "");
          ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*), MAX(n) FROM acknowledged")) {
        rows.next();
        assertThat(rows.getInt(2)).as("after crash %d, the last acknowledged row %d is kept", crash, acknowledged)
            .isGreaterThanOrEqualTo(acknowledged);
        assertThat(rows.getInt(1)).as("no hole: every row up to the last is there").isEqualTo(rows.getInt(2));
      }
    }
  }

  /** Starts the writer, kills it with SIGKILL as soon as it acknowledged row {@code until}; the last row it acknowledged. */
  private int writeThenKill(String url, int until) throws Exception {
    Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CommitWriter.class.getName(), url))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int last = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        last = Integer.parseInt(line.substring("committed ".length()));
        if (last >= until) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the database
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    return last;
  }

  static String applicationUrl() throws Exception {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    Properties properties = yaml.getObject();
    String url = properties.getProperty("spring.datasource.url");
    assertThat(url).startsWith("jdbc:h2:file:./data/parcours");
    return url;
  }
}
