package fr.parcours.tasklist;

import fr.parcours.clock.Clocks;
import fr.parcours.security.AuthorizationSetup;
import fr.parcours.security.ReviewerGroups;
import fr.parcours.security.Roles;
import fr.parcours.shared.Pathway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters each group works from, created at start-up when missing (by name) and readable
 * only by the groups they are for: each reviewer group's filters, the vendors' filters, and the queues that the
 * pathways declare ({@link Pathway.Queue}, such as the ANS evidence queue in the order evidence was received).
 */
@Component
public class TasklistFilters {

  /** The vendors' main filter. */
  public static final String COMPANY_TASKS = "Tâches de mon entreprise";
  /** Tasklist lists a user's filters by this priority and opens the first: the vendors' main filter comes first. */
  static final int COMPANY_TASKS_PRIORITY = -12;
  /**
   * A reviewer group's (and the process owners') list of all its open tasks comes before "Mes tâches" (-10): a
   * reviewer's tasks are her group's until she takes one, so her own list is empty when she arrives, and a queue
   * (the ANS evidence queue) holds one kind of task only, when the group's list holds all, the nearest due first.
   */
  static final int GROUP_TASKS_PRIORITY = -11;

  /** The variables each task card shows, with their labels. */
  static final List<Map<String, String>> VARIABLES = List.of(
      Map.of("name", "dossierId", "label", "Dossier"),
      // second, so that a card shows it without being opened: the last day, or that no time limit applies
      Map.of("name", Clocks.DUE_UNTIL, "label", "Échéance"),
      // the dossier's pathway, whatever track the task is in (a PECAN dossier's ANS task)
      Map.of("name", PathwayOnCards.PATHWAY_NAME, "label", "Parcours"),
      Map.of("name", "companyName", "label", "Entreprise"),
      Map.of("name", "softwareName", "label", "Dispositif"));

  /** The names Parcours gave its filters in English until December 2026 (reviewer filters: their suffix). */
  static final Map<String, String> FORMER_NAMES = Map.of(
      "Mes tâches", "My tasks",
      COMPANY_TASKS, "My company's tasks",
      "Échéance sous 7 jours", "Due within 7 days",
      "En retard", "Overdue",
      "Toutes les tâches", "All tasks",
      " — toutes les tâches", " — all tasks",
      " — échéance sous 7 jours", " — due within 7 days",
      " — en retard", " — overdue",
      " — dossiers signalés en retard", " — dossiers flagged late",
      "ANS — file des preuves (ordre d’arrivée)", "ANS — evidence queue (order of receipt)");
  /** The reviewers' former short names, when they changed. */
  static final Map<String, String> FORMER_SHORT_NAMES = Map.of("Guichet HAS", "HAS desk", "Ministères", "Ministry",
      "ANS", "ANS", "CNEDiMTS", "CNEDiMTS", "CNAM", "CNAM");

  private final FilterService filters;
  /** The filters by name while {@link #ensureFilters} runs, on its thread. */
  private final ThreadLocal<Map<String, List<Filter>>> existing = new ThreadLocal<>();
  private final TaskService tasks;
  private final IdentityService identity;
  private final AuthorizationSetup grants;
  private final List<Pathway> pathways;
  private final ReviewerGroups reviewers;

  TasklistFilters(FilterService filters, TaskService tasks, IdentityService identity, AuthorizationSetup grants,
      List<Pathway> pathways, ReviewerGroups reviewers) {
    this.reviewers = reviewers;
    this.filters = filters;
    this.tasks = tasks;
    this.pathways = pathways;
    this.identity = identity;
    this.grants = grants;
  }

  /**
   * Creates the missing filters and opens each to its groups; the filters and their grants read in a few queries
   * rather than one per filter and group (start-up time, issue 21).
   */
  public void ensureFilters() {
    Map<String, List<Filter>> byName = new HashMap<>();
    filters.createFilterQuery().list()
        .forEach(filter -> byName.computeIfAbsent(filter.getName(), n -> new ArrayList<>()).add(filter));
    existing.set(byName);
    try {
      grants.readingGrantsOnce(this::ensureFiltersNow);
    } finally {
      existing.remove();
    }
  }

  private void ensureFiltersNow() {
    List<String> everyone = new ArrayList<>();
    reviewers.all().forEach(reviewer -> everyone.add(reviewer.groupId()));
    everyone.add(Roles.PROCESS_OWNER);
    everyone.add(Roles.ADMIN);
    List<String> vendors = identity.createGroupQuery().groupType(Roles.VENDOR_GROUP_TYPE).list()
        .stream().map(Group::getId).toList();
    everyone.addAll(vendors);

    ensure("Mes tâches", -10, "Les tâches qui me sont attribuées",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), everyone);

    for (Roles.Reviewer reviewer : reviewers.all()) {
      String group = reviewer.groupId();
      ensure(reviewer.shortName() + " — toutes les tâches", GROUP_TASKS_PRIORITY, "Toutes les tâches ouvertes : " + reviewer.name(),
          fromTheirDay(group, tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks())
              .orderByDueDate().asc(), List.of(group));
      ensure(reviewer.shortName() + " — échéance sous 7 jours", 1, "Tâches (" + reviewer.name()
              + ") dont le délai de réponse se termine dans les 7 jours",
          dueSoon(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()), List.of(group));
      ensure(reviewer.shortName() + " — en retard", 2, "Tâches (" + reviewer.name()
              + ") dont le délai de réponse est passé",
          overdue(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()), List.of(group));
      ensure(reviewer.shortName() + " — dossiers signalés en retard", 3, "Tâches (" + reviewer.name()
              + ") d’un dossier dont le délai de l’agence est passé (instruction officielle, analyse, avis,"
              + " décision)",
          fromTheirDay(group, tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks())
              .taskMinPriority(OverdueEscalation.OVERDUE_PRIORITY).orderByDueDate().asc(), List.of(group));
    }
    for (Pathway pathway : pathways) {
      for (Pathway.Queue queue : pathway.queues()) {
        ensure(queue.name(), queue.priority(), queue.description(),
            tasks.createTaskQuery().taskCandidateGroup(queue.group()).includeAssignedTasks()
                .processDefinitionKey(pathway.processKey()).taskDefinitionKey(queue.taskKey())
                .orderByProcessVariable(queue.orderedBy(), ValueType.DATE).asc(),
            List.of(queue.group()));
      }
    }

    // F4 of the third walk: before "Mes tâches" (-10), so that a vendor's Tasklist opens on her company's tasks, where
    // the first task of a dossier she has just started appears (the tasks are her company's, not assigned to her)
    ensure(COMPANY_TASKS, COMPANY_TASKS_PRIORITY, "Les tâches ouvertes de mon entreprise",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .orderByDueDate().asc(), vendors);
    ensure("Échéance sous 7 jours", -7, "Les tâches de mon entreprise dont le délai se termine dans les 7 jours",
        dueSoon(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()), vendors);
    ensure("En retard", -6, "Les tâches de mon entreprise dont le délai est passé",
        overdue(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()), vendors);

    ensure("Toutes les tâches", GROUP_TASKS_PRIORITY, "Toutes les tâches ouvertes", tasks.createTaskQuery().orderByDueDate().asc(),
        List.of(Roles.PROCESS_OWNER, Roles.ADMIN));
  }

  /**
   * A filter Parcours created under its former English name, renamed (with its description and column labels)
   * so that its users keep it and its grants; null if there is none.
   */
  private Filter renamedInPlace(String name, String description) {
    String former = FORMER_NAMES.get(name);
    for (Map.Entry<String, String> shortName : FORMER_SHORT_NAMES.entrySet()) {
      if (former == null && name.startsWith(shortName.getKey() + " — ")) {
        String suffix = FORMER_NAMES.get(name.substring(shortName.getKey().length()));
        former = suffix == null ? null : shortName.getValue() + suffix;
      }
    }
    Filter filter = former == null ? null : filters.createFilterQuery().filterName(former).singleResult();
    if (filter != null) {
      filter.setName(name);
      Map<String, Object> properties = new LinkedHashMap<>();
      if (filter.getProperties() != null) {
        properties.putAll(filter.getProperties());
      }
      properties.put("description", description);
      properties.put("variables", VARIABLES);
      filter.setProperties(properties);
      filters.saveFilter(filter);
    }
    return filter;
  }

  /** Lets a vendor company that joined after start-up read the vendor filters. */
  public void openVendorFilters(String vendorGroupId) {
    for (String name : List.of("Mes tâches", COMPANY_TASKS, "Échéance sous 7 jours", "En retard")) {
      Filter filter = filters.createFilterQuery().filterName(name).singleResult();
      if (filter != null) {
        grants.grant(vendorGroupId, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
  }

  /**
   * The CNEDiMTS' lists of its open tasks leave out a task whose follow-up date is still to come: « Adopter l’avis
   * définitif » has the hearing's day (walk 19), and is listed from 00:00 Paris that day, when it can be done. Its
   * "échéance sous 7 jours" and "en retard" lists hold only tasks with a due date, which that task has not; no other
   * group's list changes (the vendors' copy to the CNPs has its reminder's day as follow-up date, and stays listed).
   */
  private static TaskQuery fromTheirDay(String group, TaskQuery query) {
    return Roles.CNEDIMTS.equals(group) ? query.followUpBeforeOrNotExistentExpression("${now()}") : query;
  }

  private static TaskQuery dueSoon(TaskQuery query) {
    return query.dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(7)}")
        .orderByDueDate().asc();
  }

  private static TaskQuery overdue(TaskQuery query) {
    return query.dueBeforeExpression("${now()}").orderByDueDate().asc();
  }

  /** Whether a stored filter's query has the expressions (such as {@code ${now()}}) of the code's query. */
  private static boolean sameExpressions(Filter filter, TaskQuery query) {
    return filter.getQuery() instanceof TaskQueryImpl stored && query instanceof TaskQueryImpl wanted
        && stored.getExpressions().equals(wanted.getExpressions())
        && stored.isFollowUpNullAccepted() == wanted.isFollowUpNullAccepted();
  }

  private void ensure(String name, int priority, String description, TaskQuery query, List<String> groups) {
    // read beforehand by ensureFilters; a name found twice is looked up again, and the query says what is wrong
    List<Filter> named = existing.get() == null ? null : existing.get().getOrDefault(name, List.of());
    Filter filter = named != null && named.size() <= 1 ? (named.isEmpty() ? null : named.get(0))
        : filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = renamedInPlace(name, description);
    }
    if (filter == null) {
      filter = filters.newTaskFilter(name);
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("description", description);
      properties.put("priority", priority);
      properties.put("refresh", true);
      properties.put("variables", VARIABLES);
      filter.setProperties(properties);
      filter.setQuery(query);
      filters.saveFilter(filter);
    } else if (!sameExpressions(filter, query)) {
      // a filter made at an earlier start whose criteria changed since (the CNEDiMTS' lists hide a task until its
      // follow-up date): its query is the code's, its name, columns and grants stay
      filter.setQuery(query);
      filters.saveFilter(filter);
    }
    if (filter.getProperties() != null && (!VARIABLES.equals(filter.getProperties().get("variables"))
        || !(filter.getProperties().get("priority") instanceof Number set && set.intValue() == priority))) {
      // a filter created before a column was added (the task's "Échéance") shows it too, and one created before its
      // place changed (the vendors' company tasks first) takes its place
      Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties());
      properties.put("variables", VARIABLES);
      properties.put("priority", priority);
      filter.setProperties(properties);
      filters.saveFilter(filter);
    }
    for (String group : groups) {
      grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

}
