package fr.parcours.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Crashes} on PostgreSQL, as in production (embedded binaries). */
class CrashOnPostgresIT extends Crashes {

  @Test
  void shouldLoseNothingAcknowledgedOnPostgresql() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      database = List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
          "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
      crashAndCheck();
    }
  }
}
