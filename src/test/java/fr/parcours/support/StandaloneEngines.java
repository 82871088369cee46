package fr.parcours.support;

import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/**
 * An in-memory engine of a test's own, without Spring: its database gone when it closes, no job executor, Camunda's
 * SQL mappings read once for the JVM ({@link SharedMappings}).
 */
public final class StandaloneEngines {

  private StandaloneEngines() {
  }

  /** Named after the test plus a random part: never "default", which the application's tests look up. */
  public static StandaloneInMemProcessEngineConfiguration configuration(String prefix) {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    String name = prefix + "-" + UUID.randomUUID();
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=1000");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setJobExecutorActivate(false);
    configuration.getProcessEnginePlugins().add(new SharedMappings("h2"));
    return configuration;
  }
}
