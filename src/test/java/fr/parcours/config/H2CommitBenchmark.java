package fr.parcours.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What writing every commit to the file costs on the default H2 database: the same run of small commits with
 * H2's default delayed write and with the URL of {@code application.yml} ({@code WRITE_DELAY=0}), printed as a
 * ratio. Prints figures, asserts nothing about time (the machine is shared).
 */
class H2CommitBenchmark {

  static final int COMMITS = 2000;

  @TempDir Path folder;

  @Test
  void printTheCostOfWritingEveryCommit() throws Exception {
    String url = H2DurabilityIT.applicationUrl();
    String delayed = url.replace(";WRITE_DELAY=0", "").replace("./data/parcours", folder.resolve("delayed").toString());
    String immediate = url.replace("./data/parcours", folder.resolve("immediate").toString());
    run(delayed, 200); // warm-up
    run(immediate, 200);
    long delayedNanos = run(delayed, COMMITS);
    long immediateNanos = run(immediate, COMMITS);
    System.out.printf("H2 commits: %d commits, delayed write %.1f µs/commit, WRITE_DELAY=0 %.1f µs/commit,"
        + " ratio %.2f%n", COMMITS, delayedNanos / 1000.0 / COMMITS, immediateNanos / 1000.0 / COMMITS,
        (double) immediateNanos / delayedNanos);
  }

  private static long run(String url, int commits) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      connection.createStatement().execute("CREATE TABLE IF NOT EXISTS t (n IDENTITY, payload VARCHAR(200))");
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (payload) VALUES (?)")) {
        long start = System.nanoTime();
        for (int i = 0; i < commits; i++) {
          insert.setString(1, "a variable of a dossier " + i);
          insert.executeUpdate();
          connection.commit();
        }
        return System.nanoTime() - start;
      }
    }
  }
}
