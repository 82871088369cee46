package fr.parcours.config;

import fr.parcours.support.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link TaskGrantCheckTest} on a real PostgreSQL (embedded binaries), where the grant check's SQL is written for
 * another dialect than H2's (the permission bits: {@code &} rather than {@code BITAND}).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TaskGrantCheckOnPostgresIT extends TaskGrantCheckTest {

  static final EmbeddedPostgres POSTGRES = EmbeddedPostgresServer.start();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.register(registry, POSTGRES);
  }
}
