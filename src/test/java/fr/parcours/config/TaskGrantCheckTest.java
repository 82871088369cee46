package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.ans.AnsProcess;
import fr.parcours.security.DossierAccess;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.runtime.VariableInstanceQuery;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task query's grant check ({@link TaskGrantCheck}: EXISTS per task) and the variable query's
 * ({@link VariableGrantCheck}) see exactly what Camunda's own SQL sees: the same tasks and variables, in the same
 * order, and the same counts, for every kind of grant a person may hold (through a
 * group, to the user, on the process definition, on every task, a grant without the read permission, a revoke),
 * asked as Tasklist's filters ask; and the groups that authorizations name ({@link AuthorizedGroups}) are the ones
 * Camunda's own query finds.
 */
class TaskGrantCheckTest extends ProcessTestBase {

  @Autowired AuthorizationService authorizations;
  @Autowired DossierAccess access;
  @Autowired ProcessEngineConfigurationImpl configuration;

  final List<String> instances = new ArrayList<>();
  final List<String> grants = new ArrayList<>();
  final Map<String, Task> tasks = new LinkedHashMap<>();

  @BeforeEach
  void openDossiers() {
    // two companies' dossiers, each waiting at a reviewer's step and at a vendor's step
    int i = 0;
    for (String company : List.of("vendor-medisoft", "vendor-other-grants")) {
      for (String step : List.of("Task_ReviewEvidence", "Task_ReviewAdmissibility", "Task_DepositEvidence")) {
        Map<String, Object> variables = new HashMap<>(Candidatures.valid());
        variables.put(AnsProcess.APPLICANT, "alice");
        variables.put(AnsProcess.VENDOR_GROUP, company);
        variables.put(AnsProcess.DOSSIER_ID, "DMN-G" + i);
        variables.put(AnsProcess.WAITS_FOR_GO_AHEAD, false);
        variables.put(AnsProcess.FINAL_SOFTWARE_PROFILES, variables.get("softwareProfiles"));
        variables.put(AnsProcess.EVIDENCE_QUEUED_AT, day(10 - i));
        ProcessInstance instance = runtimeService.createProcessInstanceByKey(AnsProcess.KEY)
            .businessKey("DMN-G" + i).setVariables(variables).startBeforeActivity(step).execute();
        access.openTo(company, instance.getId());
        instances.add(instance.getId());
        tasks.put(company + "/" + step, taskService.createTaskQuery().processInstanceId(instance.getId())
            .singleResult());
        i++;
      }
    }
  }

  @AfterEach
  void closeDossiers() {
    TaskGrantCheck.SQL.install(configuration);
    VariableGrantCheck.SQL.install(configuration);
    AuthorizedGroups.SQL.install(configuration);
    grants.forEach(authorizations::deleteAuthorization);
    instances.forEach(id -> runtimeService.deleteProcessInstance(id, "test over"));
  }

  @Test
  void shouldBeInstalledInTheApplicationsEngine() {
    assertThat(TaskGrantCheck.SQL.installed(configuration)).isTrue();
    assertThat(VariableGrantCheck.SQL.installed(configuration)).isTrue();
    assertThat(AuthorizedGroups.SQL.installed(configuration)).isTrue();
  }

  @Test
  void shouldFindTheGroupsThatAuthorizationsNameAsCamundaDoes() {
    grant("a-user-only", Resources.TASK, tasks.values().iterator().next().getId(), Permissions.READ);
    Authorization group = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    group.setGroupId("a-group-named-once");
    group.setResource(Resources.FILTER);
    group.setResourceId("no-such-filter");
    group.addPermission(Permissions.READ);
    grants.add(authorizations.saveAuthorization(group).getId());

    AuthorizedGroups.SQL.uninstall(configuration);
    Set<String> camunda = authorizedGroups();
    AuthorizedGroups.SQL.install(configuration);
    Set<String> parcours = authorizedGroups();

    camunda.remove(null); // the authorizations to a user: no group of a user is null
    assertThat(parcours).isEqualTo(camunda).contains("a-group-named-once", "ans-reviewer", "vendor-medisoft",
        "vendor-other-grants");
  }

  private Set<String> authorizedGroups() {
    return new HashSet<>(configuration.getCommandExecutorTxRequired().execute(context ->
        context.getDbEntityManager().<String>selectList("selectAuthorizedGroupIds")));
  }

  @Test
  void shouldShowEachPersonTheTasksCamundasOwnCheckShows() {
    Task vendorTask = tasks.get("vendor-other-grants/Task_DepositEvidence");
    Task reviewTask = tasks.get("vendor-other-grants/Task_ReviewEvidence");
    grant("user-granted", Resources.TASK, vendorTask.getId(), Permissions.READ);
    grant("definition-granted", Resources.PROCESS_DEFINITION, AnsProcess.KEY, ProcessDefinitionPermissions.READ_TASK);
    grant("everything-granted", Resources.TASK, Authorization.ANY, Permissions.READ);
    grant("update-only", Resources.TASK, reviewTask.getId(), Permissions.UPDATE);
    grant("definition-read-only", Resources.PROCESS_DEFINITION, AnsProcess.KEY, Permissions.READ);
    // the variables' own checks: every dossier's through the definition, one dossier's through its instance
    grant("instances-granted", Resources.PROCESS_DEFINITION, AnsProcess.KEY,
        ProcessDefinitionPermissions.READ_INSTANCE);
    grant("one-dossier-granted", Resources.PROCESS_INSTANCE, instances.get(1), Permissions.READ);
    // a revoke: Camunda's own SQL runs for this user (revoke checks on), and hides the task
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("revoked");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(reviewTask.getId());
    revoke.removePermission(Permissions.READ);
    grants.add(authorizations.saveAuthorization(revoke).getId());

    Map<String, List<String>> people = new LinkedHashMap<>();
    people.put("ana", List.of("ans-reviewer"));
    people.put("alice", List.of("vendor-medisoft"));
    people.put("bob", List.of("vendor-other-grants"));
    people.put("user-granted", List.of());
    people.put("definition-granted", List.of());
    people.put("everything-granted", List.of());
    people.put("update-only", List.of());
    people.put("definition-read-only", List.of());
    people.put("instances-granted", List.of());
    people.put("one-dossier-granted", List.of());
    people.put("revoked", List.of("ans-reviewer"));
    people.put("nobody", List.of());

    Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
    TaskGrantCheck.SQL.uninstall(configuration);
    VariableGrantCheck.SQL.uninstall(configuration);
    people.forEach((user, groups) -> expected.put(user, seen(user, groups)));
    TaskGrantCheck.SQL.install(configuration);
    VariableGrantCheck.SQL.install(configuration);
    people.forEach((user, groups) -> assertThat(seen(user, groups)).as(user).isEqualTo(expected.get(user)));

    // and what each sees is what Parcours promises: a reviewer no vendor's task, a vendor its company's only
    Map<String, Object> ana = expected.get("ana");
    assertThat(ids(ana, "every task")).contains(reviewTask.getId(),
            tasks.get("vendor-medisoft/Task_ReviewAdmissibility").getId())
        .doesNotContain(vendorTask.getId(), tasks.get("vendor-medisoft/Task_DepositEvidence").getId());
    assertThat(ids(expected.get("alice"), "every task")).contains(tasks.get("vendor-medisoft/Task_DepositEvidence")
        .getId()).doesNotContain(vendorTask.getId(), reviewTask.getId());
    assertThat(ids(expected.get("user-granted"), "every task")).containsExactly(vendorTask.getId());
    assertThat(ids(expected.get("definition-granted"), "every task")).containsAll(
        tasks.values().stream().map(Task::getId).toList());
    assertThat(ids(expected.get("everything-granted"), "every task")).containsAll(
        tasks.values().stream().map(Task::getId).toList());
    assertThat(ids(expected.get("update-only"), "every task")).isEmpty();
    assertThat(ids(expected.get("definition-read-only"), "every task")).isEmpty();
    assertThat(ids(expected.get("revoked"), "every task")).contains(
        tasks.get("vendor-medisoft/Task_ReviewEvidence").getId()).doesNotContain(reviewTask.getId());
    assertThat(ids(expected.get("nobody"), "every task")).isEmpty();
    assertThat(ids(ana, "one agency's tasks by due date, Tasklist's sort after it")).contains(reviewTask.getId(),
        tasks.get("vendor-medisoft/Task_ReviewAdmissibility").getId()).doesNotContain(vendorTask.getId());
    // naming another company's group or an agency's shows a vendor nothing, as Camunda's check does
    for (String query : List.of("another company's tasks, its group named",
        "another company's tasks of one step, its group named", "an agency's queue, asked by anyone")) {
      assertThat(ids(expected.get("alice"), query)).as("alice: " + query).isEmpty();
      assertThat(expected.get("alice").get(query + " (count)")).as("alice: " + query).isEqualTo(0L);
    }
    assertThat(ids(expected.get("bob"), "another company's tasks, its group named")).as("bob's own group")
        .contains(vendorTask.getId());
    assertThat(ids(ana, "an agency's queue, asked by anyone")).contains(reviewTask.getId());
    // the ANS queue, in the order of receipt
    assertThat(ids(ana, "ANS evidence queue")).containsExactly(
        tasks.get("vendor-other-grants/Task_ReviewEvidence").getId(),
        tasks.get("vendor-medisoft/Task_ReviewEvidence").getId());
    // the variables a card shows: a reviewer reads those of the dossiers it instructs, a vendor its company's only
    assertThat(ids(ana, "the cards' variables")).isNotEmpty();
    assertThat(ids(expected.get("alice"), "the cards' variables")).isNotEmpty()
        .isNotEqualTo(ids(expected.get("bob"), "the cards' variables"));
    assertThat(ids(expected.get("nobody"), "the cards' variables")).isEmpty();
    assertThat(ids(expected.get("update-only"), "the cards' variables")).isEmpty();
    assertThat(ids(expected.get("definition-read-only"), "the cards' variables")).isEmpty();
    assertThat(ids(expected.get("everything-granted"), "the cards' variables")).isNotEmpty();
    assertThat(ids(expected.get("instances-granted"), "every variable (names)")).isNotEmpty();
    assertThat(ids(expected.get("one-dossier-granted"), "every variable (names)")).isNotEmpty()
        .hasSizeLessThan(ids(expected.get("instances-granted"), "every variable (names)").size());
  }

  /** The queries Tasklist's filters make, as that person: each list (ids in order) and count. */
  private Map<String, Object> seen(String user, List<String> groups) {
    Map<String, Supplier<TaskQuery>> queries = new LinkedHashMap<>();
    queries.put("every task", () -> taskService.createTaskQuery().orderByTaskId().asc());
    queries.put("a group's tasks", () -> taskService.createTaskQuery().taskCandidateGroupIn(groups.isEmpty()
        ? List.of("ans-reviewer") : groups).includeAssignedTasks().orderByDueDate().asc().orderByTaskId().asc());
    queries.put("ANS evidence queue", () -> taskService.createTaskQuery().taskCandidateGroup("ans-reviewer")
        .includeAssignedTasks().processDefinitionKey(AnsProcess.KEY).taskDefinitionKey("Task_ReviewEvidence")
        .orderByProcessVariable(AnsProcess.EVIDENCE_QUEUED_AT, ValueType.DATE).asc());
    // as Tasklist asks a filter's page: its own sort ("created", descending) after the filter's
    queries.put("ANS evidence queue, Tasklist's sort after it", () -> taskService.createTaskQuery()
        .taskCandidateGroup("ans-reviewer").includeAssignedTasks().processDefinitionKey(AnsProcess.KEY)
        .taskDefinitionKey("Task_ReviewEvidence").orderByProcessVariable(AnsProcess.EVIDENCE_QUEUED_AT, ValueType.DATE)
        .asc().orderByTaskCreateTime().desc());
    queries.put("a group's tasks by due date, Tasklist's sort after it", () -> taskService.createTaskQuery()
        .taskCandidateGroupIn(groups.isEmpty() ? List.of("vendor-medisoft") : groups).includeAssignedTasks()
        .orderByDueDate().asc().orderByTaskCreateTime().desc().orderByTaskId().asc());
    // an agency's desk (Tasklist's first filter for a reviewer): one group's tasks of every step, the grants read
    // as sets
    queries.put("one agency's tasks by due date, Tasklist's sort after it", () -> taskService.createTaskQuery()
        .taskCandidateGroup("ans-reviewer").includeAssignedTasks().orderByDueDate().asc().orderByTaskCreateTime()
        .desc().orderByTaskId().asc());
    // a person naming a group not hers (a vendor asking for an agency's or another company's tasks, through
    // /engine-rest/task?candidateGroup=...): one group named, so the grants are read as sets; Camunda's own check
    // shows her none of those tasks, and neither may this one
    queries.put("another company's tasks, its group named", () -> taskService.createTaskQuery()
        .taskCandidateGroup("vendor-other-grants").orderByTaskId().asc());
    queries.put("another company's tasks of one step, its group named", () -> taskService.createTaskQuery()
        .taskCandidateGroup("vendor-other-grants").includeAssignedTasks().taskDefinitionKey("Task_DepositEvidence")
        .orderByTaskId().asc());
    queries.put("an agency's queue, asked by anyone", () -> taskService.createTaskQuery()
        .taskCandidateGroup("ans-reviewer").taskDefinitionKeyIn("Task_ReviewEvidence", "Task_ReviewAdmissibility")
        .orderByTaskId().asc());
    // an order by a function of a column (Camunda selects it under an alias) and by two of a task's columns
    queries.put("by name, ignoring case", () -> taskService.createTaskQuery().orderByTaskNameCaseInsensitive().desc()
        .orderByTaskPriority().asc().orderByProcessInstanceId().asc().orderByTaskId().asc());
    // queries that name their dossiers or tasks: each task's grants probed rather than read once as a set
    queries.put("one dossier's tasks", () -> taskService.createTaskQuery().processInstanceId(instances.get(0))
        .orderByTaskId().asc());
    queries.put("two dossiers' tasks", () -> taskService.createTaskQuery().processInstanceIdIn(instances.get(3),
        instances.get(5)).orderByTaskId().asc());
    queries.put("by dossier number", () -> taskService.createTaskQuery().processInstanceBusinessKeyLike("DMN-G%")
        .orderByTaskId().asc());
    queries.put("one step or assigned (an OR query)", () -> taskService.createTaskQuery().or()
        .taskDefinitionKey("Task_DepositEvidence").taskAssignee("alice").endOr().orderByTaskId().asc());
    Map<String, Object> seen = new LinkedHashMap<>();
    identityService.setAuthentication(user, groups);
    try {
      queries.forEach((name, query) -> {
        seen.put(name, query.get().listPage(0, 2000).stream().filter(task -> tasks.values().stream()
            .anyMatch(mine -> mine.getId().equals(task.getId()))).map(Task::getId).toList());
        seen.put(name + " (page 2 of 2 per page)", query.get().listPage(2, 2).stream().map(Task::getId).toList());
        seen.put(name + " (count)", query.get().count());
      });
      // the variables Tasklist's HAL list asks for a page's cards: by scope (the tasks' instances, executions and
      // tasks) and name; and by instance, every variable, a page of them and their count
      List<String> scopes = new ArrayList<>(instances);
      tasks.values().forEach(task -> {
        scopes.add(task.getExecutionId());
        scopes.add(task.getId());
      });
      Supplier<VariableInstanceQuery> cards = () -> runtimeService.createVariableInstanceQuery()
          .variableScopeIdIn(scopes.toArray(String[]::new))
          .variableNameIn(AnsProcess.DOSSIER_ID, "companyName", "softwareName", AnsProcess.EVIDENCE_QUEUED_AT);
      seen.put("the cards' variables", cards.get().listPage(0, 2000).stream().map(VariableInstance::getId).sorted().toList());
      seen.put("the cards' variables (count)", cards.get().count());
      Supplier<VariableInstanceQuery> every = () -> runtimeService.createVariableInstanceQuery()
          .processInstanceIdIn(instances.toArray(String[]::new)).orderByVariableName().asc();
      seen.put("every variable (names)", every.get().listPage(0, 2000).stream().map(VariableInstance::getName).toList());
      seen.put("every variable (page 3 of 5 per page)", every.get().listPage(10, 5).stream()
          .map(VariableInstance::getName).toList());
      seen.put("every variable (count)", every.get().count());
    } finally {
      identityService.clearAuthentication();
    }
    return seen;
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Map<String, Object> seen, String query) {
    return (List<String>) seen.get(query);
  }

  private void grant(String user, Resource resource, String resourceId, Permission permission) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(user);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(permission);
    grants.add(authorizations.saveAuthorization(grant).getId());
  }
}
