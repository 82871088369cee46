package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.shared.Pathway;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.AuthorizationQueryImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The roles' grants made at start-up: idempotent, completed where a permission is missing, never made twice, and
 * (issue 21, start-up) read in a few queries when the set-up reads them once, rather than one query per grant.
 */
class AuthorizationSetupTest {

  static final String PATHWAY = "pecan";
  static final String TRACK = "ans-certification";

  ProcessEngine engine;
  AuthorizationService authorizations;
  AuthorizationSetup setup;
  final AtomicInteger authorizationQueries = new AtomicInteger();

  @BeforeEach
  void engine() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    String name = "authorization-setup-" + UUID.randomUUID();
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setJobExecutorActivate(false);
    configuration.getProcessEnginePlugins().add(new fr.parcours.support.SharedMappings("h2"));
    // as application.yml: group ids such as vendor-medisoft
    configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9]+[a-zA-Z0-9._@-]*");
    configuration.setCustomPreCommandInterceptorsTxRequired(List.of(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (command instanceof AuthorizationQueryImpl) {
          authorizationQueries.incrementAndGet();
        }
        return next.execute(command);
      }
    }));
    engine = configuration.buildProcessEngine();
    authorizations = engine.getAuthorizationService();
    Group vendor = engine.getIdentityService().newGroup("vendor-medisoft");
    vendor.setType(Roles.VENDOR_GROUP_TYPE);
    engine.getIdentityService().saveGroup(vendor);
    setup = new AuthorizationSetup(authorizations, engine.getIdentityService(),
        List.of(new Pathway(PATHWAY, true, List.of(Roles.ANS_REVIEWER), List.of()),
            Pathway.track(TRACK, List.of(Roles.ANS_REVIEWER))),
        new ReviewerGroups(new StaticListableBeanFactory().getBeanProvider(Roles.Reviewer.class)));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void aRestartReadsTheGrantsInAFewQueriesAndChangesNothing() {
    setup.grantRoles();
    List<String> first = grants();

    authorizationQueries.set(0);
    setup.readingGrantsOnce(() -> {
      setup.grantRoles();
      setup.grantVendor("vendor-medisoft");
    });
    int queries = authorizationQueries.get();

    assertThat(grants()).isEqualTo(first);
    // the grants on any resource, then those on applications, process definitions and filters (one query per
    // grant before: 52 here), and the grants on deployments, whatever their owner (deployments made by hand)
    assertThat(queries).isEqualTo(5);
  }

  @Test
  void aMissingGrantOrPermissionIsMadeAgainOnceWhenReadOnce() {
    setup.grantRoles();
    List<String> first = grants();
    Authorization tasklist = grant(Roles.PROCESS_OWNER, Resources.APPLICATION.resourceType(), "tasklist");
    authorizations.deleteAuthorization(tasklist.getId());
    Authorization vendorStart = grant("vendor-medisoft", Resources.PROCESS_DEFINITION.resourceType(), PATHWAY);
    vendorStart.removePermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(vendorStart);

    setup.readingGrantsOnce(setup::grantRoles);

    assertThat(grants()).isEqualTo(first);
    assertThat(grant("vendor-medisoft", Resources.PROCESS_DEFINITION.resourceType(), PATHWAY)
        .isPermissionGranted(ProcessDefinitionPermissions.CREATE_INSTANCE)).isTrue();
  }

  /**
   * Deploying runs the diagram's expressions with the engine's rights (attack10: a listener calling the identity
   * service made its deployer, a process owner, an administrator): process owners read deployments and never make
   * or remove one; a database whose process owners could deploy loses that right at the next start.
   */
  @Test
  void processOwnersReadDeploymentsAndLoseTheRightToDeployGivenBefore() {
    setup.grantRoles();
    Authorization deployments = grant(Roles.PROCESS_OWNER, Resources.DEPLOYMENT.resourceType(), Authorization.ANY);
    assertThat(deployments.isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(deployments.isPermissionGranted(Permissions.CREATE)).isFalse();

    deployments.addPermission(Permissions.CREATE); // as set up before 4 December 2026
    deployments.addPermission(Permissions.DELETE);
    authorizations.saveAuthorization(deployments);
    setup.readingGrantsOnce(setup::grantRoles);

    Authorization after = grant(Roles.PROCESS_OWNER, Resources.DEPLOYMENT.resourceType(), Authorization.ANY);
    assertThat(after.isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(after.isPermissionGranted(Permissions.CREATE)).isFalse();
    assertThat(after.isPermissionGranted(Permissions.DELETE)).isFalse();
    assertThat(grant(Roles.ADMIN, Resources.DEPLOYMENT.resourceType(), Authorization.ANY)
        .isPermissionGranted(Permissions.CREATE)).as("administrators still deploy").isTrue();
  }

  /**
   * paul deployed from Modeler while process owners could: Camunda gave him READ and DELETE on that deployment, in a
   * grant of his own. Once the group's right is taken back, he may still read it, and may no longer remove it with the
   * dossiers running on it (a cascade deletion runs without rights); an administrator's own deployment stays hers.
   */
  @Test
  void aProcessOwnerNoLongerRemovesADeploymentHeMadeByHand() {
    org.camunda.bpm.engine.IdentityService identity = engine.getIdentityService();
    setup.grantRoles();
    Authorization deployments = grant(Roles.PROCESS_OWNER, Resources.DEPLOYMENT.resourceType(), Authorization.ANY);
    deployments.addPermission(Permissions.CREATE); // as set up before 4 December 2026
    deployments.addPermission(Permissions.DELETE);
    authorizations.saveAuthorization(deployments);
    for (String[] member : new String[][] {{"paul", Roles.PROCESS_OWNER}, {"admin", Roles.ADMIN}}) {
      identity.saveUser(identity.newUser(member[0]));
      identity.createMembership(member[0], member[1]);
    }
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration();
    configuration.setAuthorizationEnabled(true);
    String byPaul = deployAs("paul");
    String byAdmin = deployAs("admin");
    configuration.setAuthorizationEnabled(false);

    setup.readingGrantsOnce(setup::grantRoles);

    configuration.setAuthorizationEnabled(true);
    try {
      identity.setAuthentication("paul", List.of(Roles.PROCESS_OWNER));
      assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(byPaul).count())
          .as("paul still reads his deployment").isOne();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getRepositoryService()
          .deleteDeployment(byPaul, true)).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      identity.clearAuthentication();
      configuration.setAuthorizationEnabled(false);
    }
    assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(byPaul).count()).isOne();
    assertThat(authorizations.createAuthorizationQuery().userIdIn("admin").resourceType(Resources.DEPLOYMENT)
        .resourceId(byAdmin).singleResult().isPermissionGranted(Permissions.DELETE))
        .as("the administrator's own grant on her deployment").isTrue();
  }

  private String deployAs(String userId) {
    engine.getIdentityService().setAuthentication(userId, List.of(userId.equals("admin") ? Roles.ADMIN
        : Roles.PROCESS_OWNER));
    try {
      return engine.getRepositoryService().createDeployment().name("by-" + userId).addString("by-" + userId
          + ".bpmn", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions"
          + " xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\""
          + " targetNamespace=\"parcours-test\"><process id=\"by-" + userId + "\" isExecutable=\"true\""
          + " camunda:historyTimeToLive=\"P1D\"><startEvent id=\"Start\"/></process>"
          + "</definitions>").deploy().getId();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void aGrantCompletedTwiceInOneReadIsOneGrantWithBothPermissions() {
    setup.readingGrantsOnce(() -> {
      setup.grant("vendor-medisoft", Resources.PROCESS_DEFINITION, "other", Permissions.READ);
      // saved once already: read again (its revision changed), not made a second time
      setup.grant("vendor-medisoft", Resources.PROCESS_DEFINITION, "other",
          ProcessDefinitionPermissions.CREATE_INSTANCE);
    });

    Authorization other = grant("vendor-medisoft", Resources.PROCESS_DEFINITION.resourceType(), "other");
    assertThat(other.isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(other.isPermissionGranted(ProcessDefinitionPermissions.CREATE_INSTANCE)).isTrue();
  }

  @Test
  void aGroupMadeDuringTheSetUpIsLookedUpAsBefore() {
    setup.readingGrantsOnce(() -> {
      Group late = engine.getIdentityService().newGroup("vendor-late");
      late.setType(Roles.VENDOR_GROUP_TYPE);
      engine.getIdentityService().saveGroup(late);
      setup.grantVendor("vendor-late");
      setup.grantVendor("vendor-late");
    });

    assertThat(authorizations.createAuthorizationQuery().groupIdIn("vendor-late")
        .resourceType(Resources.PROCESS_DEFINITION).resourceId(PATHWAY).count()).isEqualTo(1);
  }

  private Authorization grant(String group, int resourceType, String resourceId) {
    return authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resourceType)
        .resourceId(resourceId).singleResult();
  }

  /** Every grant with its permissions, in a stable order. */
  private List<String> grants() {
    return authorizations.createAuthorizationQuery().list().stream()
        .map(grant -> grant.getGroupId() + " " + grant.getResourceType() + " " + grant.getResourceId() + " "
            + List.of(grant.getPermissions(Permissions.values())))
        .sorted().toList();
  }
}
