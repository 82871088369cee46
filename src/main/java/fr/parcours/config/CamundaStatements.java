package fr.parcours.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * Replaces some of Camunda's SQL statements by Parcours' own ({@link TaskGrantCheck}, {@link VariableGrantCheck},
 * {@link AuthorizedGroups}).
 * Camunda 7 offers no setting for it; its MyBatis session factory maps a statement's name to a database's own
 * version ({@link DbSqlSessionFactory#mapStatement}), which is what is used here, once the engine has built its
 * MyBatis configuration ({@link ParcoursEnginePlugin#postInit}): Parcours' mapper is read into that configuration
 * (its SQL may include Camunda's fragments by reference), and Camunda's statement names are mapped to it.
 */
final class CamundaStatements {

  private CamundaStatements() {
  }

  /** A mapper of Parcours' and the statements of Camunda's it replaces (Camunda's name to Parcours'). */
  record Replacement(String mapper, Map<String, String> statements) {

    /** Reads the mapper into the engine's MyBatis configuration (once) and maps Camunda's statements to it. */
    void install(ProcessEngineConfigurationImpl engine) {
      replace(engine, mapper, statements);
    }

    /** Camunda's own statements again (the benchmark and the tests compare both on the same engine). */
    void uninstall(ProcessEngineConfigurationImpl engine) {
      restore(engine, statements);
    }

    boolean installed(ProcessEngineConfigurationImpl engine) {
      return replaced(engine, statements);
    }
  }

  /** Reads the mapper (once per engine) and maps each of Camunda's statements to Parcours' in its place. */
  static void replace(ProcessEngineConfigurationImpl engine, String mapper, Map<String, String> statements) {
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      if (!mybatis.hasStatement(statements.values().iterator().next(), false)) {
        try (InputStream xml = new ClassPathResource(mapper).getInputStream()) {
          new XMLMapperBuilder(xml, mybatis, mapper, mybatis.getSqlFragments()).parse();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + mapper, e);
        }
      }
    }
    map(engine.getDbSqlSessionFactory(), statements, true);
  }

  /** Camunda's own statements again. */
  static void restore(ProcessEngineConfigurationImpl engine, Map<String, String> statements) {
    map(engine.getDbSqlSessionFactory(), statements, false);
  }

  static boolean replaced(ProcessEngineConfigurationImpl engine, Map<String, String> statements) {
    return statements.entrySet().stream().allMatch(statement -> statement.getValue()
        .equals(engine.getDbSqlSessionFactory().mapStatement(statement.getKey())));
  }

  /** A copy: the factory's mappings may be a map Camunda shares between engines of one database type. */
  private static void map(DbSqlSessionFactory factory, Map<String, String> statements, boolean parcours) {
    Map<String, String> mappings = factory.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(factory.getStatementMappings());
    statements.forEach((camunda, replacement) -> {
      if (parcours) {
        mappings.put(camunda, replacement);
      } else {
        mappings.remove(camunda);
      }
    });
    factory.setStatementMappings(mappings);
  }
}
