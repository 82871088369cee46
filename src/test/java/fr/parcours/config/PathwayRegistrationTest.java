package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.shared.Pathway;
import fr.parcours.support.ThisContextsEngine;
import fr.parcours.tasklist.TasklistFilters;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

/**
 * A pathway is added by declaring its {@link Pathway} bean in its own package, and nothing else: here a
 * pathway that only this test knows gets, at start-up, the vendors' right to start it, its instructing
 * group's right to read its dossiers, and its queue in Tasklist for that group alone.
 */
@ExtendWith(ThisContextsEngine.class)
@SpringBootTest(properties = "parcours.test.context=pathway-registration")
@ActiveProfiles({"test", "demo"})
class PathwayRegistrationTest {

  @TestConfiguration
  static class AnotherPathway {
    @Bean
    Pathway anotherPathway() {
      return new Pathway("another-pathway", true, List.of("cnam"), List.of(new Pathway.Queue(
          "CNAM — lines to register (order of receipt)", -4, "Lines to register, oldest first", "cnam",
          "Task_RegisterLine", "lineReceivedAt")));
    }
  }

  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;
  @Autowired TasklistFilters tasklistFilters;

  @Test
  void shouldGrantAndQueueADeclaredPathwayWithoutAnyOtherChange() {
    assertThat(authorizations.isUserAuthorized("alice", List.of("vendor-medisoft"),
        ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, "another-pathway"))
        .as("a vendor may start it").isTrue();
    assertThat(authorizations.isUserAuthorized("nadia", List.of("cnam"), ProcessDefinitionPermissions.READ_INSTANCE,
        Resources.PROCESS_DEFINITION, "another-pathway")).as("its instructing group reads its dossiers").isTrue();
    assertThat(authorizations.isUserAuthorized("marc", List.of("ministry"),
        ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, "another-pathway"))
        .as("another group does not").isFalse();

    Filter queue = filters.createFilterQuery().filterName("CNAM — lines to register (order of receipt)")
        .singleResult();
    assertThat(queue).isNotNull();
    assertThat(authorizations.isUserAuthorized("nadia", List.of("cnam"), Permissions.READ, Resources.FILTER,
        queue.getId())).isTrue();
    assertThat(authorizations.isUserAuthorized("ana", List.of("ans-reviewer"), Permissions.READ, Resources.FILTER,
        queue.getId())).isFalse();
  }

  @Test
  void shouldKeepTheShippedPathwaysRegistered() {
    assertThat(authorizations.isUserAuthorized("alice", List.of("vendor-medisoft"),
        ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, "pecan")).isTrue();
    assertThat(authorizations.isUserAuthorized("ana", List.of("ans-reviewer"),
        ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, "ans-certification")).isTrue();
    assertThat(authorizations.isUserAuthorized("alice", List.of("vendor-medisoft"),
        ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, "generic-line")).isTrue();
    assertThat(authorizations.isUserAuthorized("nadia", List.of("cnam"), ProcessDefinitionPermissions.READ_INSTANCE,
        Resources.PROCESS_DEFINITION, "generic-line")).as("the CNAM reads the generic-line dossiers").isTrue();
    assertThat(filters.createFilterQuery().filterName("ANS — file des preuves (ordre d’arrivée)").count()).isOne();
  }

  /**
   * A database from before the French names: the filters Parcours created in English are renamed in place,
   * so that their users keep them and their grants, and no English twin is left beside the French one.
   */
  @Test
  void shouldRenameTheFiltersCreatedUnderTheirFormerEnglishNames() {
    for (String name : List.of("Ministères — en retard", "Tâches de mon entreprise")) {
      filters.deleteFilter(filters.createFilterQuery().filterName(name).singleResult().getId());
    }
    String ministry = filters.saveFilter(filters.newTaskFilter("Ministry — overdue")).getId();
    String company = filters.saveFilter(filters.newTaskFilter("My company's tasks")).getId();

    tasklistFilters.ensureFilters();

    assertThat(filters.getFilter(ministry).getName()).isEqualTo("Ministères — en retard");
    assertThat(filters.getFilter(company).getName()).isEqualTo("Tâches de mon entreprise");
    assertThat(filters.getFilter(company).getProperties())
        .containsEntry("description", "Les tâches ouvertes de mon entreprise");
    assertThat(filters.createFilterQuery().filterName("My company's tasks").count()).isZero();
    assertThat(filters.createFilterQuery().filterName("Tâches de mon entreprise").count()).isOne();
    assertThat(authorizations.isUserAuthorized("alice", List.of("vendor-medisoft"), Permissions.READ,
        Resources.FILTER, company)).as("the vendors still read it").isTrue();
  }

  /**
   * F4 of the third walk: after Tasklist's own "Démarrer un processus" a vendor read "Mes tâches (0)", the new
   * dossier's first task being her company's, not hers. Tasklist opens the first filter by priority: a vendor's is her
   * company's tasks; a filter made before (priority -8) takes its new place at start.
   */
  @Test
  void shouldOpenAVendorsTasklistOnHerCompanysTasks() {
    Filter company = filters.createFilterQuery().filterName("Tâches de mon entreprise").singleResult();
    java.util.Map<String, Object> before = new java.util.LinkedHashMap<>(company.getProperties());
    before.put("priority", -8);
    company.setProperties(before);
    filters.saveFilter(company);

    tasklistFilters.ensureFilters();

    assertThat(firstFilter("alice", "vendor-medisoft")).isEqualTo("Tâches de mon entreprise");
    assertThat(filterNamesByPriority("alice", "vendor-medisoft")).as("a vendor keeps her own tasks, second")
        .containsSubsequence("Tâches de mon entreprise", "Mes tâches", "Échéance sous 7 jours", "En retard");
  }

  /**
   * The last walk: a reviewer's Tasklist opened on "Mes tâches (0)", her group's tasks not being hers until she takes
   * one. Every reviewer group's (and the process owners') Tasklist opens on all the group's open tasks, the nearest
   * due first, its queues and her own tasks next; a database from before (the group's list at priority 0) moves at
   * start.
   */
  @Test
  void shouldOpenEachReviewersTasklistOnAllHerGroupsTasks() {
    Filter ans = filters.createFilterQuery().filterName("ANS — toutes les tâches").singleResult();
    java.util.Map<String, Object> before = new java.util.LinkedHashMap<>(ans.getProperties());
    before.put("priority", 0);
    ans.setProperties(before);
    filters.saveFilter(ans);

    tasklistFilters.ensureFilters();

    assertThat(filterNamesByPriority("ana", "ans-reviewer")).as("ana's filters, in Tasklist's order")
        .startsWith("ANS — toutes les tâches", "Mes tâches")
        .containsSubsequence("Mes tâches", "ANS — file des preuves (ordre d’arrivée)", "ANS — échéance sous 7 jours");
    assertThat(firstFilter("hugo", "has-reviewer")).isEqualTo("Guichet HAS — toutes les tâches");
    assertThat(firstFilter("claire", "cnedimts")).isEqualTo("CNEDiMTS — toutes les tâches");
    assertThat(firstFilter("marc", "ministry")).isEqualTo("Ministères — toutes les tâches");
    assertThat(firstFilter("nadia", "cnam")).isEqualTo("CNAM — toutes les tâches");
    assertThat(firstFilter("odile", "ans-auditor")).isEqualTo("Audit ANS — toutes les tâches");
    assertThat(firstFilter("paul", "process-owner")).isEqualTo("Toutes les tâches");
  }

  /**
   * The last walk: a PECAN dossier's task in the ANS track read "Certification de conformité ANS" only. Every filter's
   * cards name the dossier's pathway ("Parcours"), a filter made before (without it) too once started again.
   */
  @Test
  @SuppressWarnings("unchecked")
  void shouldNameThePathwayOnTheCardsOfEveryFilter() {
    Filter ans = filters.createFilterQuery().filterName("ANS — toutes les tâches").singleResult();
    java.util.Map<String, Object> before = new java.util.LinkedHashMap<>(ans.getProperties());
    before.put("variables", List.of(java.util.Map.of("name", "dossierId", "label", "Dossier")));
    ans.setProperties(before);
    filters.saveFilter(ans);

    tasklistFilters.ensureFilters();

    assertThat(filters.createFilterQuery().list()).as("every filter").allSatisfy(filter ->
        assertThat((List<Object>) filter.getProperties().get("variables")).as(filter.getName())
            .contains(java.util.Map.of("name", "pathwayName", "label", "Parcours")));
  }

  private String firstFilter(String user, String group) {
    return filterNamesByPriority(user, group).get(0);
  }

  /** The filters the user reads, in Tasklist's order (its priority, ascending). */
  private List<String> filterNamesByPriority(String user, String group) {
    return filters.createFilterQuery().list().stream()
        .filter(filter -> authorizations.isUserAuthorized(user, List.of(group), Permissions.READ, Resources.FILTER,
            filter.getId()))
        .sorted(java.util.Comparator.comparingInt(filter -> ((Number) filter.getProperties().get("priority"))
            .intValue()))
        .map(Filter::getName).toList();
  }
}
