package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.support.ProcessTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Parcours' indexes on Camunda's tables exist once the application has started on an empty database (H2 here,
 * PostgreSQL in {@link PostgresIT}), and creating them again at the next start changes nothing.
 */
class CamundaIndexesTest extends ProcessTestBase {

  @Autowired JdbcTemplate jdbc;
  @Autowired CamundaIndexes indexes;

  @Test
  void shouldIndexTheQueuesColumnsOnceCamundasTablesExist() {
    assertThat(CamundaIndexes.statements()).hasSize(2).allSatisfy(statement ->
        assertThat(statement).startsWith("CREATE INDEX IF NOT EXISTS parcours_idx_"));
    assertThat(indexNames()).containsExactly("PARCOURS_IDX_TASK_DEF_KEY", "PARCOURS_IDX_VAR_EXE_NAME");

    indexes.ensure();

    assertThat(indexNames()).as("a second start adds nothing").containsExactly("PARCOURS_IDX_TASK_DEF_KEY",
        "PARCOURS_IDX_VAR_EXE_NAME");
  }

  private java.util.List<String> indexNames() {
    return jdbc.queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME LIKE"
        + " 'PARCOURS_IDX_%' ORDER BY INDEX_NAME", String.class);
  }
}
