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

  static final String[] NAMES = {"PARCOURS_IDX_AUTH_GROUP_GRANTS", "PARCOURS_IDX_AUTH_RESOURCE",
      "PARCOURS_IDX_LINK_GROUP_TASK", "PARCOURS_IDX_TASK_STEP", "PARCOURS_IDX_VAR_NAME_TYPE_EXE"};

  @Test
  void shouldIndexTheQueuesColumnsOnceCamundasTablesExist() {
    assertThat(CamundaIndexes.statements()).hasSize(10).allSatisfy(statement ->
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
    // and the ones of the next version, each led by the task or the execution
    jdbc.execute("CREATE INDEX parcours_idx_task_queue ON act_ru_task (task_def_key_, proc_def_id_, suspension_state_,"
        + " tenant_id_, id_, proc_inst_id_)");
    jdbc.execute("CREATE INDEX parcours_idx_link_task_group ON act_ru_identitylink (task_id_, group_id_, type_)");
    jdbc.execute("CREATE INDEX parcours_idx_var_exe_name_type ON act_ru_variable (execution_id_, name_, type_, long_,"
        + " double_)");

    indexes.ensure();

    assertThat(indexNames()).containsExactly(NAMES);
  }

  private java.util.List<String> indexNames() {
    return jdbc.queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME LIKE"
        + " 'PARCOURS_IDX_%' ORDER BY INDEX_NAME", String.class);
  }
}
