package fr.parcours.tasklist;

import fr.parcours.security.AuthorizationSetup;
import fr.parcours.security.Roles;
import fr.parcours.shared.Pathway;
import java.util.ArrayList;
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

  private final FilterService filters;
  private final TaskService tasks;
  private final IdentityService identity;
  private final AuthorizationSetup grants;
  private final List<Pathway> pathways;

  TasklistFilters(FilterService filters, TaskService tasks, IdentityService identity, AuthorizationSetup grants,
      List<Pathway> pathways) {
    this.filters = filters;
    this.tasks = tasks;
    this.pathways = pathways;
    this.identity = identity;
    this.grants = grants;
  }

  public void ensureFilters() {
    List<String> everyone = new ArrayList<>();
    Roles.REVIEWERS.forEach(reviewer -> everyone.add(reviewer.groupId()));
    everyone.add(Roles.PROCESS_OWNER);
    everyone.add(Roles.ADMIN);
    List<String> vendors = identity.createGroupQuery().groupType(Roles.VENDOR_GROUP_TYPE).list()
        .stream().map(Group::getId).toList();
    everyone.addAll(vendors);

    ensure("My tasks", -10, "Tasks assigned to me",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), everyone);

    for (Roles.Reviewer reviewer : Roles.REVIEWERS) {
      String group = reviewer.groupId();
      ensure(reviewer.shortName() + " — all tasks", 0, "Every open task of " + reviewer.name(),
          tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()
              .orderByDueDate().asc(), List.of(group));
      ensure(reviewer.shortName() + " — due within 7 days", 1, "Tasks of " + reviewer.name()
              + " whose response window closes within 7 days",
          dueSoon(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()), List.of(group));
      ensure(reviewer.shortName() + " — overdue", 2, "Tasks of " + reviewer.name()
              + " whose response window has passed",
          overdue(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()), List.of(group));
      ensure(reviewer.shortName() + " — dossiers flagged late", 3, "Tasks of " + reviewer.name()
              + " on a dossier whose agency window has passed (the official instruction, the analysis, an opinion,"
              + " a decision)",
          tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()
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

    ensure("My company's tasks", -8, "Open tasks of my company",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .orderByDueDate().asc(), vendors);
    ensure("Due within 7 days", -7, "My company's tasks whose window closes within 7 days",
        dueSoon(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()), vendors);
    ensure("Overdue", -6, "My company's tasks whose window has passed",
        overdue(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()), vendors);

    ensure("All tasks", 10, "Every open task", tasks.createTaskQuery().orderByDueDate().asc(),
        List.of(Roles.PROCESS_OWNER, Roles.ADMIN));
  }

  /** Lets a vendor company that joined after start-up read the vendor filters. */
  public void openVendorFilters(String vendorGroupId) {
    for (String name : List.of("My tasks", "My company's tasks", "Due within 7 days", "Overdue")) {
      Filter filter = filters.createFilterQuery().filterName(name).singleResult();
      if (filter != null) {
        grants.grant(vendorGroupId, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
  }

  private static TaskQuery dueSoon(TaskQuery query) {
    return query.dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(7)}")
        .orderByDueDate().asc();
  }

  private static TaskQuery overdue(TaskQuery query) {
    return query.dueBeforeExpression("${now()}").orderByDueDate().asc();
  }

  private void ensure(String name, int priority, String description, TaskQuery query, List<String> groups) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name);
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("description", description);
      properties.put("priority", priority);
      properties.put("refresh", true);
      properties.put("variables", List.of(
          Map.of("name", "dossierId", "label", "Dossier"),
          Map.of("name", "companyName", "label", "Company"),
          Map.of("name", "softwareName", "label", "Device")));
      filter.setProperties(properties);
      filter.setQuery(query);
      filters.saveFilter(filter);
    }
    for (String group : groups) {
      grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

}
