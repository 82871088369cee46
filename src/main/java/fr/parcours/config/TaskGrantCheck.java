package fr.parcours.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * The task query (Tasklist's filters, their list and count, {@code /engine-rest/task}) checks the signed-in user's
 * grants task by task with EXISTS ({@code db/camunda/task-grant-check.xml}) instead of Camunda's join on
 * {@code RESOURCE_ID_ IN (task, definition key, '*')}, which PostgreSQL could not estimate: ana's evidence queue took
 * 150 s at 50,000 open dossiers, comparing every task with every grant of her group ({@code config.QueueBenchmark}
 * prints both, with their plans). Who sees what does not change: the same grants are read with the same rules, and
 * where this check does not apply (revoke checks on, permission checks of another shape) Camunda's own SQL runs.
 *
 * <p>Camunda 7 offers no setting to replace one of its statements; its MyBatis session factory maps a statement's
 * name to a database's own version ({@link DbSqlSessionFactory#mapStatement}), which is what is used here, once the
 * engine has built its MyBatis configuration ({@link ParcoursEnginePlugin#postInit}).
 */
public final class TaskGrantCheck {

  static final String MAPPER = "db/camunda/task-grant-check.xml";
  static final String NAMESPACE = "fr.parcours.config.TaskGrantCheck";
  /** Camunda's statements and Parcours' in their place. */
  static final Map<String, String> STATEMENTS = Map.of(
      "selectTaskByQueryCriteria", NAMESPACE + ".selectTasks",
      "selectTaskCountByQueryCriteria", NAMESPACE + ".countTasks");

  private static final String TASK_ID = "RES.ID_";
  private static final String DEFINITION_KEY = "D.KEY_";

  private TaskGrantCheck() {
  }

  /** Reads the mapper into the engine's MyBatis configuration (once) and maps Camunda's statements to it. */
  public static void install(ProcessEngineConfigurationImpl engine) {
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      if (!mybatis.hasStatement(NAMESPACE + ".selectTasks", false)) {
        try (InputStream mapper = new ClassPathResource(MAPPER).getInputStream()) {
          new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + MAPPER, e);
        }
      }
    }
    mapStatements(engine.getDbSqlSessionFactory(), true);
  }

  /** Camunda's own statements again (the benchmark compares both on the same engine). */
  public static void uninstall(ProcessEngineConfigurationImpl engine) {
    mapStatements(engine.getDbSqlSessionFactory(), false);
  }

  static boolean installed(ProcessEngineConfigurationImpl engine) {
    return STATEMENTS.get("selectTaskByQueryCriteria")
        .equals(engine.getDbSqlSessionFactory().mapStatement("selectTaskByQueryCriteria"));
  }

  /** A copy: the factory's mappings may be a map Camunda shares between engines of one database type. */
  private static void mapStatements(DbSqlSessionFactory factory, boolean ours) {
    Map<String, String> mappings = factory.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(factory.getStatementMappings());
    STATEMENTS.forEach((camunda, parcours) -> {
      if (ours) {
        mappings.put(camunda, parcours);
      } else {
        mappings.remove(camunda);
      }
    });
    factory.setStatementMappings(mappings);
  }

  /** What the mapper reads for one query (OGNL: {@code @fr.parcours.config.TaskGrantCheck@of(authCheck)}). */
  public static Check of(AuthorizationCheck camunda) {
    return new Check(camunda);
  }

  /**
   * The query's authorization check, split: the grants this check reads with EXISTS, and what is left to Camunda's
   * SQL (nothing when it applies, everything when it does not).
   */
  public static final class Check {

    private final AuthorizationCheck camunda;
    private final List<Grant> taskGrants = new ArrayList<>();
    private final List<Grant> definitionGrants = new ArrayList<>();
    private final boolean applies;

    Check(AuthorizationCheck camunda) {
      this.camunda = camunda;
      // the property Camunda's mapping reads (its method shouldPerformAuthorizatioCheck() says something else)
      this.applies = camunda != null && camunda.getShouldPerformAuthorizatioCheck() && camunda.getAuthUserId() != null
          && !camunda.isRevokeAuthorizationCheckEnabled() && split(camunda.getPermissionChecks());
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

    public boolean isApplies() {
      return applies;
    }

    /** The check Camunda's SQL still makes: none when this one applies (a fresh check is off). */
    public AuthorizationCheck getRemaining() {
      if (!applies) {
        return camunda;
      }
      AuthorizationCheck none = new AuthorizationCheck();
      none.setUseLeftJoin(camunda.isUseLeftJoin());
      return none;
    }

    /** Camunda shows every case task when it joins left (CMMN on): so does this check. */
    public boolean isCaseTasksVisible() {
      return camunda.isUseLeftJoin();
    }

    public String getUserId() {
      return camunda.getAuthUserId();
    }

    public List<String> getGroupIds() {
      return camunda.getAuthGroupIds() == null ? List.of() : camunda.getAuthGroupIds();
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
