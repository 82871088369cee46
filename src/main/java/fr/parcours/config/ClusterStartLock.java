package fr.parcours.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Nodes sharing one PostgreSQL database start one after another. Two nodes started at the same moment on an
 * empty database both created Camunda's tables ({@code duplicate key value violates unique constraint
 * "pg_type_typname_nsp_index"}: PostgreSQL's {@code CREATE TABLE}, even {@code IF NOT EXISTS}, is not safe
 * against a concurrent one), then both granted the roles' rights ({@code act_uniq_auth_group}).
 *
 * <p>As soon as the data source exists, before anything uses it (Camunda's schema creation and deployment,
 * the Flyway migrations, the evidence tables, the roles, filters and demo users of {@code ParcoursSetup}), this
 * node takes a PostgreSQL session advisory lock on a connection of its own, and gives it back once the
 * application is ready (or failed to start). A node that finds the lock taken waits for the other one's start-up
 * to end, then finds everything created and adds nothing twice. A node killed while holding the lock loses its
 * session, and PostgreSQL releases the lock at once. On H2 (one node only) it does nothing.
 */
@Component
class ClusterStartLock implements BeanPostProcessor, ApplicationListener<SpringApplicationEvent>, DisposableBean {

  /** The advisory lock's key: "Parcours" in ASCII, so that no other application's lock collides by chance. */
  static final long KEY = 0x5061726370757273L;

  private static final Logger LOG = LoggerFactory.getLogger(ClusterStartLock.class);

  private Connection held;
  private boolean done;

  @Override
  public synchronized Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && held == null && !done) {
      take(dataSource);
    }
    return bean;
  }

  private void take(DataSource dataSource) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        done = true;
        return;
      }
      connection.setAutoCommit(true);
      long since = System.nanoTime();
      try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
        lock.setLong(1, KEY);
        lock.execute();
      }
      long waited = (System.nanoTime() - since) / 1_000_000;
      if (waited > 1000) {
        LOG.info("Waited {} ms for another node sharing the database to finish its start-up", waited);
      }
      held = connection;
    } catch (SQLException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // the start fails below
        }
      }
      throw new IllegalStateException("Parcours n’a pas pu prendre le verrou de démarrage (pg_advisory_lock) qui"
          + " empêche les nœuds partageant cette base PostgreSQL de créer les mêmes tables en même temps : « "
          + e.getMessage() + " ». Vérifiez que la base répond et que son utilisateur (spring.datasource.username)"
          + " peut s’y connecter, puis redémarrez.", e);
    }
  }

  @Override
  public void onApplicationEvent(SpringApplicationEvent event) {
    if (event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent) {
      release();
    }
  }

  @Override
  public void destroy() {
    release();
  }

  /** Whether this node holds the lock now (tests). */
  synchronized boolean holding() {
    return held != null;
  }

  synchronized void release() {
    done = true;
    if (held == null) {
      return;
    }
    try (Connection connection = held; Statement unlock = connection.createStatement()) {
      unlock.execute("select pg_advisory_unlock(" + KEY + ")");
    } catch (SQLException e) {
      // closing the session releases the lock anyway
      LOG.warn("Could not release the start-up lock explicitly ({}); closing its connection releases it",
          e.getMessage());
    } finally {
      held = null;
    }
  }
}
