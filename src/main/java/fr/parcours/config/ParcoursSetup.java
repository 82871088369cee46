package fr.parcours.config;

import fr.parcours.demo.DemoData;
import fr.parcours.security.AuthorizationSetup;
import fr.parcours.security.ProductionAdministrator;
import fr.parcours.tasklist.TasklistFilters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Once the engine has deployed the diagrams: roles and their rights, the administrator from the environment,
 * demo users (demo only), filters.
 */
@Component
class ParcoursSetup implements ApplicationRunner {

  private final AuthorizationSetup authorizations;
  private final ObjectProvider<DemoData> demoData;
  private final TasklistFilters filters;
  private final ProductionAdministrator administrator;

  ParcoursSetup(AuthorizationSetup authorizations, ObjectProvider<DemoData> demoData, TasklistFilters filters,
      ProductionAdministrator administrator) {
    this.authorizations = authorizations;
    this.administrator = administrator;
    this.demoData = demoData;
    this.filters = filters;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    authorizations.grantRoles();
    administrator.ensure();
    demoData.ifAvailable(DemoData::load);
    filters.ensureFilters();
  }
}
