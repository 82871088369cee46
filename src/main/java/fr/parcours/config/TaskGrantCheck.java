package fr.parcours.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.QueryEntityRelationCondition;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * The task query (Tasklist's filters, their list and count, {@code /engine-rest/task}) checks the signed-in user's
 * grants by looking each task up in the set of tasks (and of definitions) the user holds a grant on, each set read
 * once per query ({@code db/camunda/task-grant-check.xml}), instead of Camunda's join on
 * {@code RESOURCE_ID_ IN (task, definition key, '*')}, which PostgreSQL could not estimate: ana's evidence queue took
 * 150 s at 50,000 open dossiers, comparing every task with every grant of her group ({@code config.QueueBenchmark}
 * prints both, with their plans). Who sees what does not change: the same grants are read with the same rules, and
 * where this check does not apply (revoke checks on, permission checks of another shape) Camunda's own SQL runs.
 *
 * <p>Camunda 7 offers no setting to replace one of its statements: see {@link CamundaStatements}.
 */
public final class TaskGrantCheck {

  /** Camunda's statements and Parcours' in their place. */
  static final CamundaStatements.Replacement SQL = new CamundaStatements.Replacement(
      "db/camunda/task-grant-check.xml", Map.of(
          "selectTaskByQueryCriteria", "fr.parcours.config.TaskGrantCheck.selectTasks",
          "selectTaskCountByQueryCriteria", "fr.parcours.config.TaskGrantCheck.countTasks"));

  private static final String TASK_ID = "RES.ID_";
  private static final String DEFINITION_KEY = "D.KEY_";

  private TaskGrantCheck() {
  }

  /**
   * The task columns a query's order names (Camunda's "contained" ordering properties, read from the task's row;
   * the others are joined columns, which Camunda's own fragment selects under an alias), each once, without the id:
   * the first step of the page selects them beside the task's id ({@code task-grant-check.xml}).
   */
  public static List<String> orderColumns(List<QueryOrderingProperty> ordering) {
    Set<String> columns = new LinkedHashSet<>();
    for (QueryOrderingProperty property : ordering) {
      if (property.isContainedProperty() && !"ID_".equals(property.getQueryProperty().getName())) {
        columns.add(property.getQueryProperty().getName());
      }
    }
    return List.copyOf(columns);
  }

  /**
   * The task columns the first step of the page reads from Camunda's criteria: the id, the columns the order names
   * on the task (with a function or not) and those its joins compare with (a dossier's variable: the process
   * instance).
   */
  public static List<String> joinedColumns(List<QueryOrderingProperty> ordering) {
    Set<String> columns = new LinkedHashSet<>(List.of("ID_"));
    for (QueryOrderingProperty property : ordering) {
      if (property.getRelation() == null) {
        columns.add(property.getQueryProperty().getName());
      } else if (property.getRelationConditions() != null) {
        for (QueryEntityRelationCondition condition : property.getRelationConditions()) {
          if (condition.isPropertyComparison()) {
            columns.add(condition.getComparisonProperty().getName());
          }
        }
      }
    }
    return List.copyOf(columns);
  }

  /**
   * True when the mapper reads the user's grants once as sets, each task looked up in them: a query of one step's
   * tasks, such as a pathway's queue (ana's 15,000 evidence reviews, where the sets are built in a few ms and a
   * probe per task cost more), and a query of one named group's tasks, an agency's desk, the filter a reviewer's
   * Tasklist opens on (ana's 25,000 tasks of every step: 165 ms against 289 probed, {@code QueueBenchmark}). False
   * when it probes each task's own grants (EXISTS): for a query that names its tasks or dossiers (a few tasks), and
   * for a query of the user's own groups' tasks across steps (alice's company, asked through her groups: with the
   * sets, PostgreSQL scanned all 50,000 tasks looking each up, 35 ms, where starting from her 1,000 candidate links
   * and probing took 7). Camunda ANDs the main query's criteria with those of its OR queries, so the main query's
   * criteria decide.
   */
  public static boolean readsGrantsAsSets(TaskQueryImpl query) {
    boolean namesItsTasks = query.getTaskId() != null || notEmpty(query.getTaskIdIn())
        || query.getProcessInstanceId() != null || notEmpty(query.getProcessInstanceIdIn())
        || query.getExecutionId() != null || query.getProcessInstanceBusinessKey() != null
        || query.getParentTaskId() != null || query.getCaseInstanceId() != null || query.getCaseExecutionId() != null;
    boolean namesAStep = query.getKey() != null || notEmpty(query.getKeys()) || query.getKeyLike() != null;
    boolean namesOneGroup = query.getCandidateGroup() != null;
    return (namesAStep || namesOneGroup) && !namesItsTasks;
  }

  private static boolean notEmpty(String[] values) {
    return values != null && values.length > 0;
  }

  /** True when the engine's database is PostgreSQL (the mapper keeps a subquery apart there only). */
  public static boolean onPostgres() {
    return DbSqlSessionFactory.POSTGRES.equals(Context.getProcessEngineConfiguration().getDatabaseType());
  }

  /** What the mapper reads for one query (OGNL: {@code @fr.parcours.config.TaskGrantCheck@of(authCheck)}). */
  public static Check of(AuthorizationCheck camunda) {
    return new Check(camunda);
  }

  /**
   * The query's authorization check, split: the grants this check reads with EXISTS, and what is left to Camunda's
   * SQL (nothing when it applies, everything when it does not).
   */
  public static final class Check extends GrantCheck {

    private final List<Grant> taskGrants = new ArrayList<>();
    private final List<Grant> definitionGrants = new ArrayList<>();
    private final boolean applies;

    Check(AuthorizationCheck camunda) {
      super(camunda);
      this.applies = grantsOnly(camunda) && split(camunda.getPermissionChecks());
    }

    /** True when every permission check is "this permission on the task, or on its process definition". */
    private boolean split(CompositePermissionCheck checks) {
      if (checks == null || checks.getAtomicChecks() == null || checks.getAtomicChecks().isEmpty()
          || (checks.getCompositeChecks() != null && !checks.getCompositeChecks().isEmpty())
          || (!checks.isDisjunctive() && checks.getAtomicChecks().size() > 1)) {
        return false;
      }
      for (PermissionCheck check : checks.getAtomicChecks()) {
        Grant grant = new Grant(check.getResourceType(), check.getPerms());
        if (TASK_ID.equals(check.getResourceIdQueryParam())) {
          taskGrants.add(grant);
        } else if (DEFINITION_KEY.equals(check.getResourceIdQueryParam())) {
          definitionGrants.add(grant);
        } else {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean isApplies() {
      return applies;
    }

    /** Camunda shows every case task when it joins left (CMMN on): so does this check. */
    public boolean isCaseTasksVisible() {
      return camunda.isUseLeftJoin();
    }

    public List<Grant> getTaskGrants() {
      return taskGrants;
    }

    public List<Grant> getDefinitionGrants() {
      return definitionGrants;
    }

    /** Every grant this check reads: a grant of one of them on every resource ("*") lets the user see every task. */
    public List<Grant> getEveryGrant() {
      List<Grant> all = new ArrayList<>(taskGrants);
      all.addAll(definitionGrants);
      return all;
    }
  }

  /** A permission on a type of resource: its type number and its permission bits, as Camunda stores them. */
  public static final class Grant {

    private final int resourceType;
    private final int perms;

    Grant(int resourceType, int perms) {
      this.resourceType = resourceType;
      this.perms = perms;
    }

    public int getResourceType() {
      return resourceType;
    }

    public int getPerms() {
      return perms;
    }
  }
}
