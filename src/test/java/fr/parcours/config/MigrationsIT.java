package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.ParcoursApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Parcours' own tables moved from {@code schema.sql} (run at every start) to Flyway's versioned migrations. A
 * database made by the version before (its tables from {@code legacy/schema-2026-12-02.sql}, the file as it was,
 * Camunda's tables, rows in them, no Flyway history) must still start: Flyway baselines it at version 0, runs V1
 * (the same tables, IF NOT EXISTS: nothing changes) and V2 (the device records), and every row is still there.
 */
class MigrationsIT {

  @TempDir
  Path folder;

  int rows;

  ConfigurableApplicationContext start(String url, String... more) {
    // as command-line arguments: they win over application-test.yml (default properties would not)
    // (the folders stay with the database: a database's evidence storage is marked and checked at start)
    String[] arguments = new String[more.length + 6];
    arguments[0] = "--spring.datasource.url=" + url;
    arguments[1] = "--server.port=0";
    arguments[2] = "--parcours.test.smtp-port=1";
    arguments[3] = "--parcours.test.context=migrations";
    arguments[4] = "--parcours.evidence.storage=" + folder.resolve("evidence-" + url.hashCode());
    arguments[5] = "--parcours.documents.storage=" + folder.resolve("documents-" + url.hashCode());
    for (int i = 0; i < more.length; i++) {
      arguments[6 + i] = "--" + more[i];
    }
    return new SpringApplicationBuilder(ParcoursApplication.class).profiles("test").run(arguments);
  }

  @Test
  void shouldStartOnADatabaseMadeBeforeFlywayAndKeepItsRows() throws Exception {
    String url = "jdbc:h2:file:" + folder.resolve("parcours").toAbsolutePath() + ";AUTO_SERVER=FALSE";

    // Given a database made as the previous version made it: schema.sql at start, no Flyway
    try (ConfigurableApplicationContext before = start(url, "spring.flyway.enabled=false",
        "spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:legacy/schema-2026-12-02.sql")) {
      JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
      jdbc.update("INSERT INTO parcours_message (id, dossier_id, agency, from_vendor, author, body, created_at)"
          + " VALUES ('m-1', 'DMN-2026-AAAAA', 'ANS', TRUE, 'alice', 'Bonjour', CURRENT_TIMESTAMP)");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME ="
          + " 'flyway_schema_history'", Integer.class)).isZero();
    }
    assertThat(Files.exists(folder.resolve("parcours.mv.db"))).isTrue();

    // When today's version starts on it
    try (ConfigurableApplicationContext after = start(url)) {
      JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
      // Then the rows are still there, the new tables exist, and Flyway's history says what ran
      assertThat(jdbc.queryForObject("SELECT body FROM parcours_message WHERE id = 'm-1'", String.class))
          .isEqualTo("Bonjour");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_device", Integer.class)).isZero();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message_attachment", Integer.class)).isZero();
      List<Map<String, Object>> history = jdbc.queryForList("SELECT \"version\", \"success\" FROM"
          + " \"flyway_schema_history\" ORDER BY \"installed_rank\"");
      // (Flyway may add a row without version before its baseline: the versions are what counts)
      assertThat(history).extracting(row -> row.get("version")).filteredOn(java.util.Objects::nonNull)
          .containsExactly("0", "1", "2", "3", "7");
      rows = history.size();
      assertThat(history).allSatisfy(row -> assertThat(row.get("success")).isEqualTo(true));
    }

    // And it starts again without running anything twice
    try (ConfigurableApplicationContext again = start(url)) {
      assertThat(again.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM \"flyway_schema_history\"",
          Integer.class)).isEqualTo(rows);
    }
  }

  @Test
  void shouldMigrateAFreshDatabase() {
    String url = "jdbc:h2:file:" + folder.resolve("fresh").toAbsolutePath() + ";AUTO_SERVER=FALSE";
    try (ConfigurableApplicationContext fresh = start(url)) {
      JdbcTemplate jdbc = fresh.getBean(JdbcTemplate.class);
      for (String table : List.of("parcours_notification", "parcours_message", "parcours_document", "parcours_device",
          "parcours_certificate", "parcours_registration", "parcours_dossier_link")) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
      }
    }
  }
}
