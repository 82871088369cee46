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
 * (the same tables, IF NOT EXISTS: nothing changes), V2 (the device records), V3 (message attachments) and V5 (the
 * referential's versions and the re-certification cycles; the evidence and company-document tables that their
 * classes used to create, IF NOT EXISTS), and every row is still there.
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
        "spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:legacy/schema-2026-12-02.sql,"
        + "classpath:legacy/evidence-tables-2026-12-02.sql")) {
      JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
      // (the evidence and company-document tables, as their classes created them at start before V5)
      jdbc.update("INSERT INTO parcours_evidence_send (process_instance_id, send_number, archive_name, sent_at,"
          + " sent_by) VALUES ('pi-1', 1, 'MediSoft-SAS_CardioWatch_2.1_021126_1.zip', CURRENT_TIMESTAMP, 'alice')");
      jdbc.update("INSERT INTO parcours_company_document (id, process_instance_id, kind, file_name, content_type,"
          + " sha256, size_bytes, stored_file, sent_at, sent_by) VALUES ('d-1', 'pi-1', 'KBIS', 'kbis.pdf',"
          + " 'application/pdf', '" + "0".repeat(64) + "', 12, 'kbis/d-1', CURRENT_TIMESTAMP, 'alice')");
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
      assertThat(jdbc.queryForObject("SELECT archive_name FROM parcours_evidence_send WHERE process_instance_id"
          + " = 'pi-1'", String.class)).isEqualTo("MediSoft-SAS_CardioWatch_2.1_021126_1.zip");
      assertThat(jdbc.queryForObject("SELECT file_name FROM parcours_company_document WHERE id = 'd-1'",
          String.class)).isEqualTo("kbis.pdf");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_referential_version", Integer.class)).isZero();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_message_attachment", Integer.class)).isZero();
      List<Map<String, Object>> history = jdbc.queryForList("SELECT \"version\", \"success\" FROM"
          + " \"flyway_schema_history\" ORDER BY \"installed_rank\"");
      // (Flyway may add a row without version before its baseline: the versions are what counts)
      assertThat(history).extracting(row -> row.get("version")).filteredOn(java.util.Objects::nonNull)
          .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "11", "12", "13", "14", "15");
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
          "parcours_certificate", "parcours_registration", "parcours_referential_version", "parcours_recertification",
          "parcours_evidence_send", "parcours_evidence_proof", "parcours_company_document", "parcours_dossier_link",
          "parcours_ans_window_opening", "parcours_ans_window_opening_change")) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
      }
    }
  }
}
