package fr.parcours.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Parcours' indexes on Camunda's own tables ({@code db/camunda/task-queue-indexes.sql}: the Tasklist queues),
 * created if missing once the engine has made its tables. Not a Flyway migration: Flyway may run before Camunda
 * creates its schema on an empty database (seen in the tests), and then finds no table to index.
 */
@Component
class CamundaIndexes {

  static final String SOURCE = "db/camunda/task-queue-indexes.sql";

  private final JdbcTemplate jdbc;

  CamundaIndexes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void ensure() {
    statements().forEach(jdbc::execute);
  }

  /** The file's statements, without its comments. */
  static List<String> statements() {
    try {
      String sql = new ClassPathResource(SOURCE).getContentAsString(StandardCharsets.UTF_8)
          .replaceAll("(?m)^--.*$", "");
      return List.of(sql.split(";")).stream().map(String::strip).filter(statement -> !statement.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + SOURCE, e);
    }
  }
}
