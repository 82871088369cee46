package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What the operator reads when a node cannot take the start-up lock: in French, the cause kept. */
class ClusterStartLockTest {

  @Test
  void shouldSayInFrenchThatTheDatabaseRefusedTheStartUpLock() throws SQLException {
    // bad input: the database out of reach when the first connection is asked for
    DataSource down = mock(DataSource.class);
    SQLException refused = new SQLException("Connection to localhost:5432 refused.");
    when(down.getConnection()).thenThrow(refused);

    assertThatThrownBy(() -> new ClusterStartLock().postProcessAfterInitialization(down, "dataSource"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Parcours n’a pas pu prendre le verrou de démarrage (pg_advisory_lock) qui empêche les nœuds"
            + " partageant cette base PostgreSQL de créer les mêmes tables en même temps : « Connection to"
            + " localhost:5432 refused. ». Vérifiez que la base répond et que son utilisateur"
            + " (spring.datasource.username) peut s’y connecter, puis redémarrez.")
        .hasCause(refused);
  }
}
