package fr.parcours.support;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.SqlSessionFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * The engines of one test JVM read Camunda's MyBatis mappings once (test support). An engine's start spends about
 * 2.5 s of processor time parsing them under the tests' C1-only JIT, nine tenths of a bare in-memory engine's start;
 * the mappings are the same for every engine on the same kind of database. Camunda's own switch for its test suite,
 * {@code useSharedSqlSessionFactory}, keeps the first engine's data source in the shared parse, so every later
 * engine would write into the first one's database; here the shared parse asks the engine of the running command
 * for its data source instead, so each engine still reads and writes its own database, in its own transactions.
 * The first engine of a kind parses as Camunda does; the later ones start from its parse. Every Spring context of
 * the tests has it ({@link InEveryContext}, a test auto-configuration), the bare engines add it themselves.
 */
public final class SharedMappings implements ProcessEnginePlugin {

  /** One parse per kind: the database, the transactions (the engine's own or Spring's), the statements' settings. */
  private static final Map<List<Object>, SqlSessionFactory> PARSED = new ConcurrentHashMap<>();

  private String database;
  private final boolean given;

  /** For engines on a database of that kind, "h2" (Camunda's names: a parse holds its database's SQL). */
  public SharedMappings(String database) {
    this.database = database;
    this.given = database != null;
  }

  /** For an engine given its data source (Spring's): the kind of database read from it. */
  public SharedMappings() {
    this(null);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (database == null) {
      try (Connection connection = configuration.getDataSource().getConnection()) {
        database = connection.getMetaData().getDatabaseProductName(); // "H2", "PostgreSQL": one parse each
      } catch (SQLException e) {
        throw new IllegalStateException("the test engine's database cannot be read", e);
      }
    }
    SqlSessionFactory parsed = PARSED.get(kind(configuration));
    if (parsed != null && configuration.getSqlSessionFactory() == null) {
      configuration.setSqlSessionFactory(parsed);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!database.equalsIgnoreCase(configuration.getDatabaseType()) && given) {
      throw new IllegalStateException("SharedMappings(\"" + database + "\") on an engine on "
          + configuration.getDatabaseType() + ": give the database the engine runs on");
    }
    PARSED.computeIfAbsent(kind(configuration), kind -> {
      SqlSessionFactory own = configuration.getSqlSessionFactory();
      Environment environment = own.getConfiguration().getEnvironment();
      own.getConfiguration().setEnvironment(new Environment(environment.getId(),
          environment.getTransactionFactory(), new RunningEnginesDataSource()));
      return own;
    });
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
  }

  private List<Object> kind(ProcessEngineConfigurationImpl configuration) {
    return List.of(database, configuration.isTransactionsExternallyManaged(),
        Objects.toString(configuration.getDatabaseTablePrefix()), configuration.isJdbcBatchProcessing(),
        Objects.toString(configuration.getJdbcStatementTimeout()));
  }

  /** In every application context the tests start in their own JVM (not the child applications' JVMs). */
  @org.springframework.boot.autoconfigure.AutoConfiguration
  public static class InEveryContext {
    @org.springframework.context.annotation.Bean
    static ProcessEnginePlugin sharedMappings() {
      return new SharedMappings();
    }
  }

  /** The data source of the engine whose command is running on this thread (as that engine would have used). */
  static final class RunningEnginesDataSource implements DataSource {

    private static DataSource running() {
      ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
      if (configuration == null) {
        throw new IllegalStateException("SQL outside an engine's command: no engine to take the connection of");
      }
      return configuration.getDataSource();
    }

    @Override
    public Connection getConnection() throws SQLException {
      return running().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return running().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
