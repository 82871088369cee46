package fr.parcours.evidence;

import fr.parcours.dossier.Dossiers;
import fr.parcours.security.AsUser;
import fr.parcours.security.MenuUser;
import fr.parcours.security.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Component;

/**
 * Who is asking, and what the engine lets them do. The person is the one signed in to Tasklist (the
 * Camunda webapps' session, so the link from a task opens the page without a second login) or, for
 * scripts, one given by HTTP Basic and checked against the engine's users. Every question is then put to
 * the engine as that person, with authorization checks on: a dossier they cannot read does not exist
 * for them.
 */
@Component
class EvidenceAccess {

  private final ProcessEngine engine;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final Dossiers dossiers;

  EvidenceAccess(ProcessEngine engine, IdentityService identity, RuntimeService runtime, TaskService tasks,
      Dossiers dossiers) {
    this.engine = engine;
    this.identity = identity;
    this.runtime = runtime;
    this.tasks = tasks;
    this.dossiers = dossiers;
  }

  /** The signed-in person. */
  record Person(String userId, boolean fromSession) {
  }

  /** The person making the request, or null when nobody is signed in. */
  Person person(HttpServletRequest request) {
    UserAuthentication signedIn = WebappSession.user(request, engine.getName());
    if (signedIn != null && signedIn.getName() != null) {
      return new Person(signedIn.getName(), true);
    }
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int colon = decoded.indexOf(':');
      if (colon > 0 && identity.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1))) {
        return new Person(decoded.substring(0, colon), false);
      }
    }
    return null;
  }

  /** Whom the site menu of the evidence pages names. */
  MenuUser menuUser(String userId) {
    return MenuUser.of(identity, userId);
  }

  /**
   * The process instance that holds the evidence of the running dossier with that number (the track whose
   * diagram has the evidence deposit, wherever the dossier's pathway calls it from), if the person may read
   * it or one of its tasks; else null, whether there is no such dossier or it is not theirs.
   */
  ProcessInstance dossier(String userId, String dossierId) {
    ProcessInstance holder = dossiers.runningInstanceWith(dossierId, EvidenceVariables.TASK_DEPOSIT).orElse(null);
    if (holder == null) {
      return null;
    }
    boolean visible = as(userId, () -> runtime.createProcessInstanceQuery().processInstanceId(holder.getId())
        .count() > 0 || tasks.createTaskQuery().processInstanceId(holder.getId()).count() > 0);
    return visible ? holder : null;
  }

  /**
   * Whether the person may read the dossier, though no part of it takes evidence now: its ANS part has ended
   * (certificate, refusal, abandonment) or the whole dossier is closed. As the dossier's page decides it: one of its
   * instances, running or finished, is readable by the person.
   */
  boolean seesDossier(String userId, String dossierId) {
    List<String> instances = dossiers.everyInstanceOf(dossierId);
    return !instances.isEmpty() && as(userId, () -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceIds(new HashSet<>(instances)).count() > 0);
  }

  /**
   * The part of the dossier that held its evidence, once it has ended (certificate, refusal, abandonment), if the
   * person may read the dossier as its page decides ({@link #seesDossier}); else null. What it kept stays readable:
   * the proofs deposited and the review's outcome.
   */
  org.camunda.bpm.engine.history.HistoricProcessInstance endedHolder(String userId, String dossierId) {
    if (!seesDossier(userId, dossierId)) {
      return null;
    }
    return dossiers.latestInstanceWith(dossierId, EvidenceVariables.TASK_DEPOSIT)
        .filter(instance -> instance.getEndTime() != null).orElse(null);
  }

  /**
   * The variables an ended part kept, from history: its own (not a task's local ones), as the engine reads them (the
   * caller has checked that the person may read the dossier).
   */
  java.util.Map<String, Object> endedVariables(String processInstanceId) {
    java.util.Map<String, Object> variables = new java.util.HashMap<>();
    var current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
          .disableCustomObjectDeserialization().unlimitedList().stream()
          .filter(v -> java.util.Objects.equals(v.getExecutionId(), v.getProcessInstanceId()) && v.getValue() != null)
          .forEach(v -> variables.put(v.getName(), v.getValue()));
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
    return variables;
  }

  /** The name of the step an ended part ended at ("Certification refusée"), or null. */
  String endStep(org.camunda.bpm.engine.history.HistoricProcessInstance instance) {
    if (instance.getEndActivityId() == null) {
      return null;
    }
    var current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
          .activityId(instance.getEndActivityId()).listPage(0, 1).stream()
          .map(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityName)
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  /**
   * Whether the person may work an open task of the dossier among those keys: they see it, and it is
   * theirs or offered to one of their groups (a process owner reads every task but works none).
   */
  boolean seesTask(String userId, String processInstanceId, String... taskKeys) {
    return as(userId, () -> tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKeyIn(taskKeys).or().taskCandidateUser(userId).taskAssignee(userId).endOr().count() > 0);
  }

  private <T> T as(String userId, Supplier<T> question) {
    return AsUser.ask(identity, userId, question);
  }
}
