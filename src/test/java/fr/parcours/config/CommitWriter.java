package fr.parcours.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link H2DurabilityIT}: commits one row at a time on the database URL it is given and
 * continues after the last row already there, and prints "committed N" once each commit has returned, as Parcours answers a person once its transaction has
 * committed. It runs until it is killed.
 */
public final class CommitWriter {

  private CommitWriter() {
  }

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("CREATE TABLE IF NOT EXISTS acknowledged (n INTEGER PRIMARY KEY, payload VARCHAR(200))");
      }
      int first = 1;
      try (Statement max = connection.createStatement();
          java.sql.ResultSet last = max.executeQuery("SELECT COALESCE(MAX(n), 0) FROM acknowledged")) {
        last.next();
        first = last.getInt(1) + 1;
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acknowledged VALUES (?, ?)")) {
        for (int n = first; ; n++) {
          insert.setInt(1, n);
          insert.setString(2, "dossier started and acknowledged to the vendor " + n);
          insert.executeUpdate();
          connection.commit();
          System.out.println("committed " + n);
          System.out.flush();
        }
      }
    }
  }
}
