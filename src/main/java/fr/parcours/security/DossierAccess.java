package fr.parcours.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/** Opens one dossier (a process instance and its history) to the vendor company that owns it. */
@Component
public class DossierAccess {

  private final AuthorizationService authorizations;

  DossierAccess(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** Idempotent: a dossier opened twice to its company (a track that opens itself too) has one grant. */
  public void openTo(String vendorGroupId, String processInstanceId) {
    if (authorizations.createAuthorizationQuery().groupIdIn(vendorGroupId).resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(processInstanceId).count() > 0) {
      return;
    }
    Authorization runtime = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    runtime.setGroupId(vendorGroupId);
    runtime.setResource(Resources.PROCESS_INSTANCE);
    runtime.setResourceId(processInstanceId);
    runtime.addPermission(Permissions.READ);
    authorizations.saveAuthorization(runtime);

    Authorization history = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    history.setGroupId(vendorGroupId);
    history.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
    history.setResourceId(processInstanceId);
    history.addPermission(HistoricProcessInstancePermissions.READ);
    authorizations.saveAuthorization(history);
  }
}
