package fr.parcours.security;

import java.util.Date;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AddGroupIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;

import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskDescriptionCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskDueDateCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskNameCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskPriorityCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * A task goes only to people who may work it, and keeps the due date its deadline gave it. Out of the box,
 * whoever may update a task may assign it, delegate it or offer it to anyone: a vendor (or a reviewer, by a
 * slip) could hand a task, and with it the dossier's data, to another company's user. Here a person's own call
 * (not one the engine makes while running a process) may give a task only to a user of the groups it is offered
 * to, may not offer it to another group, may not move its due date, which comes from the deadlines table and the
 * regulatory clock, and may not change its name, description or priority. Administrators and process owners, who
 * repair dossiers, are not restricted. A vendor may not comment on a task nor set its follow-up date either: no
 * agency reads them (Tasklist hides both from vendors, see webjars/camunda/app/tasklist/scripts/parcours-controls.js). Refusals are {@link AuthorizationException}s (403 over REST) that say why
 * and what to do.
 */
public class TaskHandover extends CommandInterceptor {

  private final ProcessEngineConfigurationImpl engine;

  public TaskHandover(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  /** What a task is and who may work it, read before the command runs. */
  private record Offer(String name, String description, int priority, Date due, Date followUp, String assignee,
      String owner, DelegationState delegation, String parentTaskId, String caseInstanceId, String tenantId,
      Set<String> groups, Set<String> users) {
  }

  @Override
  public <T> T execute(Command<T> command) {
    // outermost: a command run inside another one (a listener, the clocks) is the engine's, not a person's
    if (Context.getCommandContext() == null) {
      if (command instanceof GetDeployedTaskFormCmd) {
        requireTask((String) CommandFields.read(command, "taskId")); // the engine fails on a missing task (NPE)
      }
      Authentication user = engine.getIdentityService().getCurrentAuthentication();
      if (user != null && !Roles.isRepairer(user.getGroupIds())) {
        check(command, Roles.isVendor(user.getGroupIds()));
      }
    }
    return next.execute(command);
  }

  private void check(Command<?> command, boolean vendor) {
    if (command instanceof DeleteTaskCmd) {
      // the engine says "is part of a running process" (500) before it checks rights, telling anyone the id exists
      throw new AuthorizationException("Les tâches d’un dossier s’ouvrent et se ferment avec son diagramme ; aucune ne"
          + " se supprime à la main. Terminez-la depuis son formulaire ; un responsable de processus répare un"
          + " dossier. (The tasks of a dossier open and close with its diagram; none can be"
          + " deleted by hand. Complete it from its form; a process owner repairs a dossier.)");
    }
    if (vendor && command instanceof AddCommentCmd) {
      throw new AuthorizationException("Les agences ne lisent pas les commentaires des tâches : ce que votre"
          + " dossier doit leur dire passe par le formulaire de la tâche. (Agencies do not read task comments:"
          + " tell them through the task's form.)");
    }
    if (command instanceof AddCommentCmd || command instanceof CreateAttachmentCmd) {
      checkWriter((String) CommandFields.read(command, "taskId"));
      return;
    }
    String taskId = taskId(command);
    Offer offer = taskId == null ? null : offer(taskId);
    if (offer == null) {
      return; // not about a task, or no task the caller can see: the command says so itself
    }
    if (command instanceof DeleteGroupIdentityLinkCmd) {
      if (IdentityLinkType.CANDIDATE.equals(CommandFields.read(command, "type"))) {
        refuseGroupChange(offer, "group '" + CommandFields.read(command, "groupId") + "' cannot be taken off");
      }
    } else if (command instanceof AddGroupIdentityLinkCmd) {
      refuseGroupChange(offer, "it cannot be offered to group '" + CommandFields.read(command, "groupId") + "'");
    } else if (command instanceof DelegateTaskCmd) {
      refuseDelegation(offer);
    } else if (command instanceof AbstractAddIdentityLinkCmd || command instanceof ClaimTaskCmd) {
      // assignee, owner, candidate user, claim, delegation: the user named must be one who may work it
      checkReceiver(offer, (String) CommandFields.read(command, "userId"));
    } else if (command instanceof SetTaskDueDateCmd) {
      if (!Objects.equals(offer.due(), CommandFields.read(command, "value"))) {
        refuseDueDate(offer);
      }
    } else if (command instanceof SetTaskNameCmd || command instanceof SetTaskDescriptionCmd
        || command instanceof SetTaskPriorityCmd) {
      refuseRenaming(offer);
    } else if (command instanceof SaveTaskCmd) {
      TaskEntity changed = (TaskEntity) CommandFields.read(command, "task");
      if (!Objects.equals(offer.due(), changed.getDueDate())) {
        refuseDueDate(offer);
      }
      if (vendor && !Objects.equals(offer.followUp(), changed.getFollowUpDate())) {
        throw new AuthorizationException("La date de relance de la tâche « " + offer.name() + " » sert aux"
            + " agences seules ; votre échéance vient des délais du dossier. (A follow-up date is for the"
            + " agencies only; your due date comes from the dossier's time limits.)");
      }
      if (!Objects.equals(offer.name(), changed.getName())
          || !Objects.equals(offer.description(), changed.getDescription())
          || offer.priority() != changed.getPriority()) {
        refuseRenaming(offer);
      }
      if (!Objects.equals(offer.parentTaskId(), changed.getParentTaskId())
          || !Objects.equals(offer.caseInstanceId(), changed.getCaseInstanceId())
          || !Objects.equals(offer.tenantId(), changed.getTenantId())) {
        // a task made the subtask of another is deleted when that one completes: its dossier would wait for ever
        throw new AuthorizationException("La tâche « " + offer.name() + " » appartient à son dossier, comme le"
            + " diagramme la crée : elle ne devient pas la sous-tâche d’une autre tâche et ne change ni de cas ni de"
            + " locataire à la main (devenue sous-tâche, elle disparaîtrait quand l’autre se termine, et son dossier"
            + " attendrait pour toujours) ; rien n’a été changé. (Task '" + offer.name() + "' belongs to its dossier"
            + " as the diagram creates it: it is not made a subtask of another task, nor moved to another case or"
            + " tenant, by hand (as a subtask it would vanish when the other completes, and its dossier would wait"
            + " for ever); nothing was changed.)");
      }
      if (changed.getDelegationState() == DelegationState.PENDING && offer.delegation() != DelegationState.PENDING) {
        refuseDelegation(offer);
      }
      if (!Objects.equals(offer.assignee(), changed.getAssignee())) {
        checkReceiver(offer, changed.getAssignee());
      }
      if (!Objects.equals(offer.owner(), changed.getOwner())) {
        checkReceiver(offer, changed.getOwner());
      }
    }
  }

  private void requireTask(String taskId) {
    // asked as the person: another company's task is answered as one that does not exist, not 403 (which
    // would tell that the id exists)
    boolean visible = taskId != null && engine.getTaskService().createTaskQuery().taskId(taskId).count() == 1;
    if (!visible) {
      throw new NotFoundException(noSuchTask(taskId));
    }
  }

  /** The answer about a task that does not exist or that the person cannot see, here and from the engine. */
  public static String noSuchTask(String taskId) {
    return "Il n’y a pas de tâche « " + taskId + " » (elle n’existe pas, ou elle a été terminée entre-temps) :"
        + " rechargez la liste des tâches. (There is no task '" + taskId + "' (it does not exist, or it was"
        + " completed meanwhile): reload the task list.)";
  }

  /** The task a command changes who works, or how it reads; null for any other command (or a new task). */
  private static String taskId(Command<?> command) {
    if (command instanceof SaveTaskCmd) {
      return ((TaskEntity) CommandFields.read(command, "task")).getId();
    }
    boolean aboutATask = command instanceof DeleteGroupIdentityLinkCmd || command instanceof AbstractAddIdentityLinkCmd
        || command instanceof ClaimTaskCmd || command instanceof DelegateTaskCmd
        || command instanceof SetTaskDueDateCmd || command instanceof SetTaskNameCmd
        || command instanceof SetTaskDescriptionCmd || command instanceof SetTaskPriorityCmd;
    return aboutATask ? (String) CommandFields.read(command, "taskId") : null;
  }

  /**
   * One rule for what a person writes on a task (a comment, an attachment or a link): only someone it is
   * offered to, as for working it. The engine lets anyone who may read the dossier do it, so a reviewer could put
   * a link ("pay the fee here") on a vendor's task. The refusal names no task, which the writer may not see.
   */
  private void checkWriter(String taskId) {
    if (taskId == null) {
      return; // a comment on a process instance: the engine's own rights decide
    }
    Offer offer = engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
        () -> context.getTaskManager().findTaskById(taskId) == null ? null : offerOf(context.getTaskManager()
            .findTaskById(taskId))));
    String writer = engine.getIdentityService().getCurrentAuthentication().getUserId();
    if (offer != null && !mayWork(offer, writer)) {
      throw new AuthorizationException("Seuls ceux qui travaillent une tâche peuvent y ajouter un commentaire ou une"
          + " pièce jointe ; « " + writer + " » n’en fait pas partie. Écrivez aux personnes du dossier par ses"
          + " propres étapes. (Only those who work a task may add a comment or an attachment to it; '"
          + writer + "' is not one of them. Write to the dossier's people through its own steps.)");
    }
  }

  private static void refuseGroupChange(Offer offer, String change) {
    throw new AuthorizationException("Qui peut travailler la tâche « " + offer.name() + " » vient du diagramme ; cela"
        + " ne se change pas à la main : un responsable de processus change le diagramme. (Who may work task '"
        + offer.name() + "' comes from the diagram: it is"
        + " offered to " + offer.groups() + ", and " + change + " by hand. A process owner changes the diagram.)");
  }

  private void checkReceiver(Offer offer, String userId) {
    if (userId == null || mayWork(offer, userId)) {
      return; // giving a task back, or to someone it is offered to already
    }
    throw new AuthorizationException("La tâche « " + offer.name() + " » est proposée à " + offer.groups()
        + (offer.users().isEmpty() ? "" : " et " + new TreeSet<>(offer.users())) + " ; « " + userId
        + " » n’en fait pas partie : choisissez quelqu’un de ces groupes. (Task '" + offer.name() + "' is offered to "
        + offer.groups() + (offer.users().isEmpty() ? "" : " and " + new TreeSet<>(offer.users())) + "; '" + userId
        + "' is not one of them, so the task cannot go to that user. Choose someone of these groups.)");
  }

  /** Whether the task is offered to that user: assigned, a candidate, or of one of its candidate groups. */
  private boolean mayWork(Offer offer, String userId) {
    if (offer.users().contains(userId) || Objects.equals(offer.assignee(), userId)) {
      return true;
    }
    Set<String> groupsOfUser = engine.getCommandExecutorTxRequired().execute(context ->
        context.runWithoutAuthorization(() -> {
          Set<String> ids = new HashSet<>();
          for (Group group : context.getProcessEngineConfiguration().getIdentityService().createGroupQuery()
              .groupMember(userId).unlimitedList()) {
            ids.add(group.getId());
          }
          return ids;
        }));
    groupsOfUser.retainAll(offer.groups());
    return !groupsOfUser.isEmpty();
  }

  /**
   * A delegated task is not completed but resolved: its form's values are stored and the task goes back to its owner
   * without the checks that run when it completes (the company of the dossier, the profiles that are final, a
   * decision's reasons). Parcours delegates no task; a task goes to a colleague by assigning it.
   */
  private static void refuseDelegation(Offer offer) {
    throw new AuthorizationException("La tâche « " + offer.name() + " » ne se délègue pas : une tâche déléguée"
        + " garderait les valeurs de son formulaire sans les contrôles faits quand elle se termine. Pour la confier"
        + " à un collègue, attribuez-la-lui. (Task '" + offer.name() + "' cannot be delegated: a delegated task"
        + " would keep its form's values without the checks made when it is completed. To hand it to a colleague,"
        + " assign it.)");
  }

  private static void refuseRenaming(Offer offer) {
    throw new AuthorizationException("Le nom, la description et la priorité de la tâche « " + offer.name() + " »"
        + " viennent du diagramme ; ils ne se changent pas à la main : un responsable de processus change le"
        + " diagramme. (The name, description and priority of task '" + offer.name() + "' come"
        + " from the diagram, where every queue and reviewer reads them; they cannot be changed by hand."
        + " A process owner changes the diagram.)");
  }

  private static void refuseDueDate(Offer offer) {
    throw new AuthorizationException("L’échéance de la tâche « " + offer.name() + " » vient de la table des délais"
        + " et de l’horloge réglementaire du dossier ; elle ne se déplace pas à la main. Quand l’agence attend"
        + " l’industriel, l’horloge s’arrête d’elle-même ; un responsable de processus change la table. (The due"
        + " date of task '" + offer.name() + "' comes from the deadlines table"
        + " (bpmn/deadlines.dmn) and the dossier's regulatory clock; it cannot be moved by hand. While the"
        + " agency waits for the vendor, the clock pauses by itself; a process owner changes the table.)");
  }

  /**
   * The task as stored; null when there is no such task or the caller may not read it (the command then says
   * so itself, and the refusal tells nothing of a task the caller cannot see).
   */
  private Offer offer(String taskId) {
    if (taskId == null || engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0) {
      return null;
    }
    return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      return task == null ? null : offerOf(task);
    }));
  }

  private static Offer offerOf(TaskEntity task) {
    {
      Set<String> groups = new TreeSet<>();
      Set<String> users = new HashSet<>();
      for (IdentityLinkEntity link : task.getIdentityLinks()) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
          if (link.getGroupId() != null) {
            groups.add(link.getGroupId());
          } else if (link.getUserId() != null) {
            users.add(link.getUserId());
          }
        }
      }
      return new Offer(task.getName(), task.getDescription(), task.getPriority(), task.getDueDate(),
          task.getFollowUpDate(), task.getAssignee(), task.getOwner(), task.getDelegationState(), task.getParentTaskId(),
          task.getCaseInstanceId(), task.getTenantId(), groups, users);
    }
  }
}
