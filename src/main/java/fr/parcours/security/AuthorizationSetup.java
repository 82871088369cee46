package fr.parcours.security;

import fr.parcours.shared.Pathway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Grants, idempotently, what each role may do. Vendors get nothing global: they reach a dossier through
 * the tasks of their company's group and the grants made on each of their process instances
 * ({@link DossierAccess}).
 */
@Component
public class AuthorizationSetup {

  /** The resources whose grants {@link #readingGrantsOnce} reads whole for the role groups. */
  private static final Set<Resource> READ_TOGETHER = Set.of(Resources.APPLICATION, Resources.PROCESS_DEFINITION,
      Resources.FILTER);

  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final List<Pathway> pathways;
  private final ReviewerGroups reviewers;

  AuthorizationSetup(AuthorizationService authorizations, IdentityService identity, List<Pathway> pathways,
      ReviewerGroups reviewers) {
    this.reviewers = reviewers;
    this.authorizations = authorizations;
    this.identity = identity;
    this.pathways = pathways;
  }

  /**
   * The grants of the role groups, read in a few queries by {@link #readingGrantsOnce} for the start-up's set-up on
   * its thread, instead of one query per grant (a few hundred commands at each start, issue 21): by group, the
   * grants on any resource ({@code *}) and those on the applications, process definitions and filters (a vendor's
   * grants on its own dossiers, which grow with them, are never read). A grant saved meanwhile is read again if
   * needed (its revision changed).
   */
  private record Read(Set<String> groups, Map<String, Authorization> grants, Set<String> saved) {
  }

  private final ThreadLocal<Read> read = new ThreadLocal<>();

  /**
   * Runs the set-up with the grants of the role groups (administrators, process owners, reviewers, vendors) read
   * once beforehand; {@link #grant} then looks them up rather than querying each, and the grants it makes or
   * completes are kept up to date there. Nested calls read nothing again.
   */
  public void readingGrantsOnce(Runnable setup) {
    if (read.get() != null) {
      setup.run();
      return;
    }
    Set<String> groups = new LinkedHashSet<>(List.of(Roles.ADMIN, Roles.PROCESS_OWNER));
    reviewers.all().forEach(reviewer -> groups.add(reviewer.groupId()));
    identity.createGroupQuery().groupType(Roles.VENDOR_GROUP_TYPE).list().forEach(group -> groups.add(group.getId()));
    String[] ids = groups.toArray(String[]::new);
    Map<String, Authorization> grants = new HashMap<>();
    List<Authorization> found = new ArrayList<>(authorizations.createAuthorizationQuery().groupIdIn(ids)
        .resourceId(Authorization.ANY).authorizationType(Authorization.AUTH_TYPE_GRANT).list());
    for (Resource resource : READ_TOGETHER) {
      found.addAll(authorizations.createAuthorizationQuery().groupIdIn(ids).resourceType(resource)
          .authorizationType(Authorization.AUTH_TYPE_GRANT).list());
    }
    found.forEach(grant -> grants.put(key(grant.getGroupId(), grant.getResourceType(), grant.getResourceId()), grant));
    read.set(new Read(groups, grants, new HashSet<>()));
    try {
      setup.run();
    } finally {
      read.remove();
    }
  }

  private static String key(String groupId, int resourceType, String resourceId) {
    return groupId + "\n" + resourceType + "\n" + resourceId;
  }

  /** Creates the role groups if missing and grants them their rights. */
  public void grantRoles() {
    readingGrantsOnce(this::grantRolesNow);
  }

  private void grantRolesNow() {
    ensureGroup(Roles.ADMIN, "Administrateurs", Roles.SYSTEM_GROUP_TYPE);
    for (Resource resource : Resources.values()) {
      grant(Roles.ADMIN, resource, Authorization.ANY, Permissions.ALL);
    }

    ensureGroup(Roles.PROCESS_OWNER, "Responsables des processus", Roles.SYSTEM_GROUP_TYPE);
    grant(Roles.PROCESS_OWNER, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Roles.PROCESS_OWNER, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    // Deploying is running code: a diagram's expressions, listeners and scripts run with the engine's rights, with
    // nobody signed in (a listener calling the identity service made its deployer an administrator). Diagrams reach
    // the engine from the repository, reviewed, when the application starts; process owners read deployments.
    // A database set up before keeps the right to deploy in the process owners' grant: it is taken back here.
    takeBack(Roles.PROCESS_OWNER, Resources.DEPLOYMENT, Authorization.ANY, Permissions.CREATE, Permissions.DELETE);
    takeBackDeploymentsMadeByHand();
    grant(Roles.PROCESS_OWNER, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
    grant(Roles.PROCESS_OWNER, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
        ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);
    grant(Roles.PROCESS_OWNER, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ,
        Permissions.READ_HISTORY);
    grant(Roles.PROCESS_OWNER, Resources.DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY, Permissions.READ);
    grant(Roles.PROCESS_OWNER, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
    grant(Roles.PROCESS_OWNER, Resources.TASK, Authorization.ANY, Permissions.READ);
    grant(Roles.PROCESS_OWNER, Resources.HISTORIC_PROCESS_INSTANCE, Authorization.ANY,
        HistoricProcessInstancePermissions.READ);
    grant(Roles.PROCESS_OWNER, Resources.HISTORIC_TASK, Authorization.ANY, HistoricTaskPermissions.READ);

    for (Roles.Reviewer reviewer : reviewers.all()) {
      ensureGroup(reviewer.groupId(), reviewer.name(), Roles.REVIEWER_GROUP_TYPE);
      grant(reviewer.groupId(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // to show the process and diagram of a task
      grant(reviewer.groupId(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
      // the pathways it instructs: every dossier of them, whatever the vendor, as the agency it is
      for (Pathway pathway : pathways) {
        if (pathway.instructingGroups().contains(reviewer.groupId())) {
          grant(reviewer.groupId(), Resources.PROCESS_DEFINITION, pathway.processKey(), Permissions.READ,
              ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        }
      }
    }

    for (Group vendor : identity.createGroupQuery().groupType(Roles.VENDOR_GROUP_TYPE).list()) {
      grantVendor(vendor.getId());
    }
  }

  /** What a vendor company's group may do: use Tasklist and start the pathways. */
  public void grantVendor(String vendorGroupId) {
    grant(vendorGroupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    for (Pathway pathway : pathways) {
      if (pathway.startedByVendors()) {
        grant(vendorGroupId, Resources.PROCESS_DEFINITION, pathway.processKey(), Permissions.READ,
            ProcessDefinitionPermissions.CREATE_INSTANCE);
      } else {
        // a track: its vendor tasks show the track's name; its instances open one by one (CompanyAccess)
        grant(vendorGroupId, Resources.PROCESS_DEFINITION, pathway.processKey(), Permissions.READ);
      }
    }
    grant(vendorGroupId, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
  }

  /** Creates the group, or names it as Parcours does now (the names people read in Admin and Tasklist). */
  void ensureGroup(String id, String name, String type) {
    Group group = identity.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    } else if (!name.equals(group.getName())) {
      group.setName(name);
      identity.saveGroup(group);
    }
  }

  /** Adds the permissions to the group's grant on the resource, creating the grant if needed. */
  public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    String key = key(groupId, resource.resourceType(), resourceId);
    Authorization authorization = known(groupId, resource, resourceId);
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      save(authorization, key);
    }
  }

  /** The group's grant on the resource, from the grants read once if they hold it, else from the database. */
  private Authorization known(String groupId, Resource resource, String resourceId) {
    Read known = read.get();
    String key = key(groupId, resource.resourceType(), resourceId);
    boolean wasRead = known != null && known.groups().contains(groupId) && !known.saved().contains(key)
        && (Authorization.ANY.equals(resourceId) || READ_TOGETHER.contains(resource));
    return wasRead ? known.grants().get(key)
        : authorizations.createAuthorizationQuery()
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .authorizationType(Authorization.AUTH_TYPE_GRANT)
            .singleResult();
  }

  /** Takes these permissions out of the group's grant on the resource, if it holds them (a right given before). */
  void takeBack(String groupId, Resource resource, String resourceId, Permission... permissions) {
    String key = key(groupId, resource.resourceType(), resourceId);
    Authorization authorization = known(groupId, resource, resourceId);
    if (authorization == null) {
      return;
    }
    boolean changed = false;
    for (Permission permission : permissions) {
      if (authorization.isPermissionGranted(permission)) {
        authorization.removePermission(permission);
        changed = true;
      }
    }
    if (changed) {
      save(authorization, key);
    }
  }

  /**
   * Camunda gives whoever deploys by hand READ and DELETE on her deployment, in a grant of her own: a process owner who
   * deployed from Modeler kept, after the group's right was taken back, the right to remove those deployments, and
   * with them (a cascade runs without rights) every dossier running on their versions. Only administrators deploy or
   * remove a deployment: everyone else's grant on a deployment keeps READ alone.
   */
  private void takeBackDeploymentsMadeByHand() {
    Set<String> administrators = new HashSet<>();
    identity.createUserQuery().memberOfGroup(Roles.ADMIN).unlimitedList()
        .forEach(administrator -> administrators.add(administrator.getId()));
    for (Authorization own : authorizations.createAuthorizationQuery().resourceType(Resources.DEPLOYMENT)
        .authorizationType(Authorization.AUTH_TYPE_GRANT).unlimitedList()) {
      if (own.getUserId() != null && !administrators.contains(own.getUserId())
          && (own.isPermissionGranted(Permissions.DELETE) || own.isPermissionGranted(Permissions.CREATE))) {
        own.removePermission(Permissions.DELETE);
        own.removePermission(Permissions.CREATE);
        authorizations.saveAuthorization(own);
      }
    }
  }

  private void save(Authorization authorization, String key) {
    authorizations.saveAuthorization(authorization);
    Read known = read.get();
    if (known != null) {
      known.saved().add(key); // read again from the database if asked again
    }
  }
}
