package fr.parcours.config;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

import fr.parcours.demo.DemoData;
import fr.parcours.security.AuthorizationSetup;
import fr.parcours.security.ProductionAdministrator;
import fr.parcours.tasklist.TasklistFilters;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * The demo's users exist before the administrator check runs: the demo start said "Parcours has no
 * administrator" although it lists admin (seen by a person walking the demo).
 */
class ParcoursSetupTest {

  @Test
  void shouldLoadTheDemoUsersBeforeLookingForAnAdministrator() {
    AuthorizationSetup authorizations = mock(AuthorizationSetup.class);
    DemoData demo = mock(DemoData.class);
    TasklistFilters filters = mock(TasklistFilters.class);
    ProductionAdministrator administrator = mock(ProductionAdministrator.class);
    CamundaIndexes indexes = mock(CamundaIndexes.class);
    fr.parcours.tasklist.PathwaysOfOlderDossiers pathwayNames = mock(fr.parcours.tasklist.PathwaysOfOlderDossiers.class);
    doAnswer(call -> {
      call.<Runnable>getArgument(0).run();
      return null;
    }).when(authorizations).readingGrantsOnce(any());
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("demoData", demo);

    new ParcoursSetup(authorizations, beans.getBeanProvider(DemoData.class), filters, administrator,
        indexes, pathwayNames).run(new DefaultApplicationArguments());

    InOrder order = inOrder(indexes, authorizations, demo, administrator, filters, pathwayNames);
    order.verify(indexes).ensure();
    order.verify(authorizations).readingGrantsOnce(any());
    order.verify(authorizations).grantRoles();
    order.verify(demo).load();
    order.verify(administrator).ensure();
    order.verify(filters).ensureFilters();
    // and the running dossiers started before the pathway's name existed are given it
    order.verify(pathwayNames).ensure();
  }
}
