package fr.parcours.simulator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import fr.parcours.support.EmbeddedPostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same what-if on a real PostgreSQL (the embedded binaries the integration tests use), as production runs:
 * {@code mvn -Psimulate -Dtest=WhatIfSimulationOnPostgres -Dsimulate.dossiers=200}. The database lives as long as
 * the JVM.
 */
class WhatIfSimulationOnPostgres extends WhatIfSimulation {

  static final EmbeddedPostgres POSTGRES = EmbeddedPostgresServer.start();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.register(registry, POSTGRES);
  }
}
