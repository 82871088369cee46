package fr.parcours.config;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * The variable query ({@code /engine-rest/variable-instance}, and the variables Tasklist shows on each card of a
 * filter's page: its HAL list asks them for the page's tasks) checks the signed-in user's grants with EXISTS
 * ({@code db/camunda/variable-grant-check.xml}) instead of Camunda's join on {@code RESOURCE_ID_ IN (process
 * instance, process definition key, task, '*')}, which PostgreSQL cannot estimate: with 25,000 grants to ana's
 * group it compared every variable of the page with every grant (1.5 million rows, about a second at 50,000 open
 * dossiers; {@code config.QueueBenchmark} prints both, with their plans). Who sees what does not change: the same
 * grants, with the same resource ids, types and permission bits (Camunda's own fragment), and where this check does
 * not apply (revoke checks on, composite permission checks) Camunda's own SQL runs.
 *
 * <p>Camunda 7 offers no setting to replace one of its statements: see {@link CamundaStatements}.
 */
public final class VariableGrantCheck {

  /** Camunda's statements and Parcours' in their place. */
  static final CamundaStatements.Replacement SQL = new CamundaStatements.Replacement(
      "db/camunda/variable-grant-check.xml", Map.of(
          "selectVariableInstanceByQueryCriteria", "fr.parcours.config.VariableGrantCheck.selectVariables",
          "selectVariableInstanceCountByQueryCriteria", "fr.parcours.config.VariableGrantCheck.countVariables"));

  private VariableGrantCheck() {
  }

  /** What the mapper reads for one query (OGNL: {@code @fr.parcours.config.VariableGrantCheck@of(authCheck)}). */
  public static Check of(AuthorizationCheck camunda) {
    return new Check(camunda);
  }

  /** The query's authorization check: read here with EXISTS when it applies, else left to Camunda's SQL. */
  public static final class Check extends GrantCheck {

    private final boolean applies;

    Check(AuthorizationCheck camunda) {
      super(camunda);
      CompositePermissionCheck checks = camunda == null ? null : camunda.getPermissionChecks();
      this.applies = grantsOnly(camunda) && checks != null && checks.getAtomicChecks() != null
          && !checks.getAtomicChecks().isEmpty()
          && (checks.getCompositeChecks() == null || checks.getCompositeChecks().isEmpty());
    }

    @Override
    public boolean isApplies() {
      return applies;
    }

    /** The permissions on types of resources, as Camunda's fragment reads them ({@code atomicChecks}). */
    public List<PermissionCheck> getAtomicChecks() {
      return camunda.getPermissionChecks().getAtomicChecks();
    }

    public boolean isDisjunctive() {
      return camunda.getPermissionChecks().isDisjunctive();
    }
  }
}
