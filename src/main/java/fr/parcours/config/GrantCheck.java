package fr.parcours.config;

import java.util.List;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;

/**
 * A query's authorization check as Parcours' statements read it ({@link TaskGrantCheck}, {@link VariableGrantCheck}):
 * the grants read by Parcours' SQL when this check applies, and what is left to Camunda's SQL (nothing when it applies,
 * everything when it does not).
 */
public abstract class GrantCheck {

  protected final AuthorizationCheck camunda;

  protected GrantCheck(AuthorizationCheck camunda) {
    this.camunda = camunda;
  }

  /** Camunda's check is made for a signed-in user (the property its mapping reads), without revoke checks. */
  protected static boolean grantsOnly(AuthorizationCheck camunda) {
    // shouldPerformAuthorizatioCheck() says something else than the property Camunda's mapping reads
    return camunda != null && camunda.getShouldPerformAuthorizatioCheck() && camunda.getAuthUserId() != null
        && !camunda.isRevokeAuthorizationCheckEnabled();
  }

  public abstract boolean isApplies();

  /** The check Camunda's SQL still makes: none when this one applies (a fresh check is off). */
  public AuthorizationCheck getRemaining() {
    if (!isApplies()) {
      return camunda;
    }
    AuthorizationCheck none = new AuthorizationCheck();
    none.setUseLeftJoin(camunda.isUseLeftJoin());
    return none;
  }

  public String getUserId() {
    return camunda.getAuthUserId();
  }

  public List<String> getGroupIds() {
    return camunda.getAuthGroupIds() == null ? List.of() : camunda.getAuthGroupIds();
  }
}
