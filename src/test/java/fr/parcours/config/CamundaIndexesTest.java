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

  static final String[] NAMES = {"PARCOURS_IDX_AUTH_RESOURCE", "PARCOURS_IDX_LINK_TASK_GROUP",
      "PARCOURS_IDX_TASK_QUEUE", "PARCOURS_IDX_VAR_EXE_NAME_TYPE"};

  @Test
  void shouldIndexTheQueuesColumnsOnceCamundasTablesExist() {
    assertThat(CamundaIndexes.statements()).hasSize(6).allSatisfy(statement ->
        assertThat(statement).matches("(?s)(CREATE INDEX IF NOT EXISTS|DROP INDEX IF EXISTS) parcours_idx_.*"));
    assertThat(indexNames()).containsExactly(NAMES);

    indexes.ensure();

    assertThat(indexNames()).as("a second start adds nothing").containsExactly(NAMES);
  }

  @Test
  void shouldReplaceTheFormerIndexesOnADatabaseThatHasThem() {
    // a database made before the indexes carried the columns the queues read
    jdbc.execute("CREATE INDEX parcours_idx_task_def_key ON act_ru_task (task_def_key_, proc_def_id_)");
    jdbc.execute("CREATE INDEX parcours_idx_var_exe_name ON act_ru_variable (execution_id_, name_)");

    indexes.ensure();

    assertThat(indexNames()).containsExactly(NAMES);
  }

  private java.util.List<String> indexNames() {
    return jdbc.queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME LIKE"
        + " 'PARCOURS_IDX_%' ORDER BY INDEX_NAME", String.class);
  }
}
