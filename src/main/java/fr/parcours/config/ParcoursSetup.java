package fr.parcours.config;

import fr.parcours.demo.DemoData;
import fr.parcours.security.AuthorizationSetup;
import fr.parcours.security.ProductionAdministrator;
import fr.parcours.tasklist.PathwaysOfOlderDossiers;
import fr.parcours.tasklist.TasklistFilters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Once the engine has deployed the diagrams: roles and their rights, demo users (demo only), the administrator
 * from the environment (or a warning that there is none), filters; Parcours' indexes on Camunda's tables; the
 * pathway's name on the running dossiers started before it was given ({@link PathwaysOfOlderDossiers}).
 */
@Component
class ParcoursSetup implements ApplicationRunner {

  private final AuthorizationSetup authorizations;
  private final ObjectProvider<DemoData> demoData;
  private final TasklistFilters filters;
  private final ProductionAdministrator administrator;
  private final CamundaIndexes indexes;
  private final PathwaysOfOlderDossiers pathwayNames;

  ParcoursSetup(AuthorizationSetup authorizations, ObjectProvider<DemoData> demoData, TasklistFilters filters,
      ProductionAdministrator administrator, CamundaIndexes indexes, PathwaysOfOlderDossiers pathwayNames) {
    this.authorizations = authorizations;
    this.pathwayNames = pathwayNames;
    this.indexes = indexes;
    this.administrator = administrator;
    this.demoData = demoData;
    this.filters = filters;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    indexes.ensure();
    // the role groups' grants read once for all of it rather than one query per grant (issue 21, start-up)
    authorizations.readingGrantsOnce(() -> {
      authorizations.grantRoles();
      // the demo's users first: the administrator check then finds the demo's admin instead of warning
      demoData.ifAvailable(DemoData::load);
      administrator.ensure();
      filters.ensureFilters();
    });
    // the dossiers started before their cards showed the pathway ("Parcours"): once, then nothing to do
    pathwayNames.ensure();
  }
}
