package fr.parcours.config;

import fr.parcours.security.FormFieldsOnly;
import fr.parcours.security.Roles;
import fr.parcours.security.TaskHandover;
import fr.parcours.shared.BadInputException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine throws when the request, not Parcours, is wrong, read as the person who sent it needs it: the
 * status that says so (400, 403, 404, 409) and a sentence that says what is wrong and how to fix it, instead of a 500
 * that names a Java class. Anything else is left to Camunda's own handlers.
 */
final class EngineRefusals {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRefusals.class);

  /** "Cannot deserialize object in variable 'softwareProfiles'", "Cannot set variable with name companyName". */
  private static final Pattern VARIABLE = Pattern.compile("variable (?:with name )?'?([A-Za-z0-9_-]+)'?");
  /** "no deployed decision requirements definition found with id 'X'": group 1 the kind, 2 id or key, 3 the id. */
  private static final Pattern NOT_DEPLOYED =
      Pattern.compile("^no deployed (.+?) found with (id|key) '([^']*)'");
  private static final Pattern TASK_ID = Pattern.compile("task with id '?([^':\\s]+)'?");
  private static final Pattern EXECUTION_ID = Pattern.compile("[Ee]xecution (?:with id )?'?([^':\\s]+)'? ");

  /** What a person is told when another send changed the dossier while hers ran (nothing of hers was stored). */
  static final String CHANGED_MEANWHILE = "Le dossier a changé pendant votre envoi : la tâche a pu être terminée dans un"
      + " autre onglet ou par une autre personne. Rien n’a été enregistré de cet envoi ; rechargez la liste des tâches"
      + " et, si la tâche y est encore, envoyez-la de nouveau. (The dossier changed while you sent this: the task may"
      + " have been completed in another tab or by someone else. Nothing of this request was stored; reload the task"
      + " list and, if the task is still there, send it again.)";

  /** "Cannot convert value '1e30' of type 'Long' to java type java.lang.Long": group 1 the value, 2 the type. */
  private static final Pattern CONVERSION = Pattern.compile("Cannot convert value '(.*)' of type '([^']*)' to java");
  private static final Pattern UNSUPPORTED_TYPE = Pattern.compile("Unsupported value type '([^']*)'");

  /** What the French says each type a variable may be sent as holds. */
  private static final Map<String, String> TYPES = Map.of("long", "un nombre entier entre −9 223 372 036 854 775 808"
      + " et 9 223 372 036 854 775 807", "integer", "un nombre entier entre −2 147 483 648 et 2 147 483 647",
      "short", "un nombre entier entre −32 768 et 32 767", "double", "un nombre", "date",
      "une date au format 2026-12-31T00:00:00.000+0100", "boolean", "vrai ou faux (true ou false)");

  private EngineRefusals() {
  }

  /** The answer to a failed request, or null when it is not the request's fault (Camunda answers then). */
  static Response answer(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BadInputException badInput) {
        return refusal(Response.Status.BAD_REQUEST, "BadInputException", badInput.getMessage());
      }
      if (cause instanceof fr.parcours.shared.DeploymentRefused refused) {
        // a diagram Parcours' checks refuse (Camunda Modeler's « Deploy »): the process owner's to fix, not a fault
        // of the server; it answered 500 behind the engine's "ENGINE-01009 Error while parsing process"
        return refusal(Response.Status.BAD_REQUEST, "BadInputException", refused.getMessage());
      }
      if (cause instanceof AuthorizationException refused) {
        String gone = goneTask(refused);
        if (gone != null) {
          // the task was completed by another send while this one ran: its grants went with it, which the engine
          // read as a refusal of rights
          LOG.info("Answered 404 to a refusal on task {}, completed meanwhile: {}", gone, refused.getMessage());
          return refusal(Response.Status.NOT_FOUND, "NotFoundException", TaskHandover.noSuchTask(gone));
        }
        // a refusal wrapped as "Not enough parameters submitted" (creating a comment does that): say what it is
        return refusal(Response.Status.FORBIDDEN, "AuthorizationException", startRefused(refused));
      }
      if (cause instanceof OptimisticLockingException) {
        // two tabs (or two people) sent one task at once: the engine let one through and rolled this one back
        LOG.info("Answered 409 to a request that changed a dossier another changed meanwhile: {}",
            cause.getMessage());
        return refusal(Response.Status.CONFLICT, "OptimisticLockingException", CHANGED_MEANWHILE);
      }
    }
    // the engine's own words about the request itself: only the outermost failure, never one raised inside a
    // listener or a delegate, which is a fault of Parcours and stays a 500 in the log
    String message = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
    Response answer = null;
    if (message.contains("ENGINE-17007")) {
      answer = refusal(Response.Status.BAD_REQUEST, "BadInputException",
          FormFieldsOnly.javaSerialised(variable(message)));
    } else if (failure instanceof NullValueException && message.startsWith("Cannot find task")) {
      Matcher id = TASK_ID.matcher(message);
      answer = refusal(Response.Status.NOT_FOUND, "NotFoundException", TaskHandover.noSuchTask(id.find() ? id.group(1) : ""));
    } else if (failure instanceof NullValueException && NOT_DEPLOYED.matcher(message).find()) {
      // an unknown definition's figures (/history/decision-requirements-definition/{id}/statistics): it answered 500
      Matcher unknown = NOT_DEPLOYED.matcher(message);
      unknown.find();
      answer = refusal(Response.Status.NOT_FOUND, "NotFoundException", "Aucune définition déployée "
          + ("key".equals(unknown.group(2)) ? "de clé" : "d’id") + " « " + unknown.group(3) + " » (" + unknown.group(1)
          + ") : vérifiez l’identifiant dans la liste des définitions. (" + message + ")");
    } else if (message.contains("does not have a subscription to a message event")
        || message.contains("doesn't exist: execution is null")) {
      Matcher id = EXECUTION_ID.matcher(message);
      answer = refusal(Response.Status.NOT_FOUND, "NotFoundException", "Aucune étape d’un dossier "
          + (id.find() ? "d’id d’exécution « " + id.group(1) + " » " : "") + "n’attend cela : vérifiez l’id"
          + " d’exécution et le nom du message. (No step of a dossier "
          + (id.find(0) ? "with execution id '" + id.group(1) + "' " : "")
          + "is waiting for this: check the execution id and the message name.)");
    } else if (message.contains("Cannot correlate message")) {
      // an administrator's message that no step waits for (everyone else is refused before the engine)
      answer = refusal(Response.Status.BAD_REQUEST, "BadInputException", "Aucune étape d’un dossier n’attend ce"
          + " message : vérifiez son nom et le dossier visé (id de l’instance, clé métier, variables de corrélation)."
          + " (No step of a dossier is waiting for this message: check its name and the dossier it is meant for.)");
    } else if (message.startsWith("An unbound number of results is forbidden")) {
      int most = mostRows();
      answer = refusal(Response.Status.BAD_REQUEST, "BadUserRequestException", "Une liste se demande par pages :"
          + " ajoutez firstResult et maxResults (" + most + " au plus) à la requête. (" + message + " Add"
          + " firstResult and maxResults, at most " + most + ", to the request.)");
    } else if (message.startsWith("Max results limit of")) {
      int most = mostRows();
      answer = refusal(Response.Status.BAD_REQUEST, "BadUserRequestException", "Une page compte " + most
          + " lignes au plus : demandez maxResults=" + most + " ou moins, et les suivantes avec firstResult."
          + " (" + message + " Ask for at most " + most + " rows, and for the next ones with firstResult.)");
    } else if (message.contains("ENGINE-13050") || message.contains("ENGINE-13051")) {
      // a batch of job retries that names neither ids nor a query: the engine answered 500
      answer = refusal(Response.Status.BAD_REQUEST, "BadUserRequestException", "La demande ne dit pas à quoi"
          + " s’appliquer : nommez les dossiers ou les tâches planifiées visés (processInstanceIds, jobIds) ou une"
          + " requête qui les trouve. (" + message + ")");
    } else if (message.contains("ENGINE-13043")) {
      // /condition: no diagram of Parcours starts on a condition
      answer = refusal(Response.Status.BAD_REQUEST, "BadInputException", "Aucun processus de Parcours ne démarre sur"
          + " une condition : démarrez un dossier depuis Tasklist (« Démarrer un processus »). (No process of Parcours"
          + " starts on a condition: start a dossier from Tasklist, 'Start process'.)");
    }
    if (answer != null) {
      LOG.info("Answered {} to a request the engine refused: {}", answer.getStatus(), message);
    }
    return answer;
  }

  /**
   * A value sent with a type it cannot have (a SIREN of 31 digits typed Long, "abc" typed Date, a type that does not
   * exist): the REST API said "Cannot convert value '…' of type 'Long' to java type java.lang.Long" in English,
   * after "Cannot instantiate process definition ans-transitional:1:…". Null when the text is not about that.
   */
  static Response conversion(String message) {
    if (message == null) {
      return null;
    }
    Matcher value = CONVERSION.matcher(message);
    if (value.find()) {
      String sent = value.group(1).length() > 40 ? value.group(1).substring(0, 40) + "…" : value.group(1);
      String type = value.group(2);
      String holds = TYPES.getOrDefault(type.toLowerCase(java.util.Locale.ROOT), "une valeur de ce type");
      return refusal(Response.Status.BAD_REQUEST, "BadInputException", "Une valeur envoyée en « " + type + " », « "
          + sent + " », n’en est pas : ce type prend " + holds + ". Envoyez la valeur telle que le formulaire la"
          + " prend (un SIREN, un numéro ou un code en texte « String », un nombre en « Long » ou « Double »), ou"
          + " remplissez le formulaire dans Tasklist. (A value sent as '" + type + "', '" + sent + "', is not one:"
          + " send it as the form takes it, a SIREN, a number or a code as 'String'.)");
    }
    Matcher unsupported = UNSUPPORTED_TYPE.matcher(message);
    if (unsupported.find()) {
      String type = unsupported.group(1).length() > 40 ? unsupported.group(1).substring(0, 40) + "…"
          : unsupported.group(1);
      return refusal(Response.Status.BAD_REQUEST, "BadInputException", "Le type « " + type + " » n’existe pas pour"
          + " une valeur : envoyez String, Boolean, Long, Integer, Double, Date ou Json, ou remplissez le formulaire"
          + " dans Tasklist. (Value type '" + type + "' does not exist: send String, Boolean, Long, Integer, Double,"
          + " Date or Json.)");
    }
    return null;
  }

  /**
   * A process the account may not start (a vendor and the compliance audit, which only the ANS auditors open; a
   * reviewer and any dossier) is said in French; any other refusal of a right too, with the engine's words after it,
   * which name the right that is missing (they answered alone, in English: bruno reading alice's task's identity links).
   */
  static String startRefused(AuthorizationException refused) {
    for (MissingAuthorization missing : refused.getMissingAuthorizations()) {
      if (ProcessDefinitionPermissions.CREATE_INSTANCE.getName().equals(missing.getViolatedPermissionName())
          && Resources.PROCESS_DEFINITION.resourceName().equals(missing.getResourceType())) {
        return "Votre compte ne peut pas démarrer le processus « " + missing.getResourceId() + " » : d’autres le"
            + " démarrent (un audit de conformité, par exemple, n’est ouvert que par les auditeurs de l’ANS). Démarrez"
            + " l’un des processus que Tasklist vous propose. (Your account may not start process '"
            + missing.getResourceId() + "': others start it, as the ANS auditors alone open a compliance audit.)";
      }
      if (Permissions.CREATE.getName().equals(missing.getViolatedPermissionName())
          && Resources.PROCESS_INSTANCE.resourceName().equals(missing.getResourceType())) {
        // a reviewer: she may read the definitions, to follow the dossiers, but starts none
        return "Votre compte ne démarre pas de dossier : les industriels démarrent leurs candidatures (et les"
            + " auditeurs de l’ANS les audits de conformité). Traitez les tâches de votre groupe dans Tasklist. (Your"
            + " account starts no dossier: vendors start their applications, the ANS auditors the compliance audits.)";
      }
      if (Permissions.CREATE.getName().equals(missing.getViolatedPermissionName())
          && Resources.DEPLOYMENT.resourceName().equals(missing.getResourceType())) {
        if (!ownsProcesses(refused.getUserId())) {
          // a vendor or a reviewer: the repository is not theirs, and the action is not theirs either
          return "Votre compte (« " + refused.getUserId() + " ») ne déploie pas de diagramme : les processus et"
              + " formulaires de Parcours sont changés par ses responsables de processus, pas depuis un compte"
              + " d’industriel ou d’instructeur. Si un processus ou un formulaire vous semble devoir changer,"
              + " écrivez-le à l’administrateur de Parcours. (Your account deploys no diagram: the process owners"
              + " change Parcours' processes; write to the Parcours administrator.)";
        }
        // a process owner deploying from Camunda Modeler: a diagram's expressions run with the engine's rights
        return "Votre compte (« " + refused.getUserId() + " ») ne déploie pas de diagramme : un diagramme déployé fait"
            + " exécuter ses expressions et ses écouteurs avec tous les droits du moteur. Enregistrez vos fichiers"
            + " dans le dépôt (dossiers bpmn/ et forms/) : après relecture, l’application les déploie à son"
            + " démarrage (voir « Changing a diagram » dans le README). (Your account deploys no diagram: diagrams"
            + " are deployed from the repository when the application starts.)";
      }
    }
    if (!refused.getMissingAuthorizations().isEmpty()) {
      // the engine's own refusal of a right: said in French first, its words (which name the right) after
      MissingAuthorization missing = refused.getMissingAuthorizations().get(0);
      String id = missing.getResourceId() == null || Authorization.ANY.equals(missing.getResourceId()) ? ""
          : " « " + missing.getResourceId() + " »";
      return "Votre compte (« " + refused.getUserId() + " ») n’a pas le droit « " + missing.getViolatedPermissionName()
          + " » sur " + RESOURCES.getOrDefault(missing.getResourceType(), "la ressource « "
          + missing.getResourceType() + " »") + id + " : un dossier et ses tâches ne s’ouvrent qu’à l’entreprise qui"
          + " l’a déposé et aux services qui l’instruisent. Vérifiez l’identifiant ; si ce droit vous manque à tort,"
          + " demandez-le à l’administrateur de Parcours. (" + refused.getMessage() + ")";
    }
    if (refused.getMessage() != null && refused.getMessage().contains("Required admin authenticated group or user")) {
      // ENGINE-03029 and ENGINE-03110: unlocking an account, the history cleanup, the telemetry data
      return "Seuls les administrateurs de Parcours (groupe camunda-admin) peuvent faire cela, et votre compte n’en est"
          + " pas un. S’il faut le faire, demandez-le à l’administrateur de Parcours. (" + refused.getMessage() + ")";
    }
    return refused.getMessage();
  }

  /**
   * Whether the account owns Parcours' processes (a process owner or an administrator), who change diagrams in the
   * repository: read from the request's authentication, else from the account's groups.
   */
  private static boolean ownsProcesses(String userId) {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) EngineUtil.lookupProcessEngine(null)
        .getProcessEngineConfiguration();
    Authentication current = engine.getIdentityService().getCurrentAuthentication();
    if (current != null && userId != null && userId.equals(current.getUserId())) {
      return Roles.isRepairer(current.getGroupIds());
    }
    return userId != null && engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
        () -> Roles.isRepairer(engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId).toList())));
  }

  /** How the French names the engine's resources in a refusal. */
  private static final Map<String, String> RESOURCES = Map.of(
      Resources.TASK.resourceName(), "la tâche",
      Resources.PROCESS_INSTANCE.resourceName(), "le dossier (instance de processus)",
      Resources.PROCESS_DEFINITION.resourceName(), "le processus",
      Resources.HISTORIC_PROCESS_INSTANCE.resourceName(), "l’historique du dossier",
      Resources.HISTORIC_TASK.resourceName(), "l’historique de la tâche",
      Resources.DEPLOYMENT.resourceName(), "les déploiements",
      Resources.DECISION_DEFINITION.resourceName(), "la table de décision",
      Resources.USER.resourceName(), "l’utilisateur",
      Resources.GROUP.resourceName(), "le groupe",
      Resources.AUTHORIZATION.resourceName(), "les autorisations");

  /**
   * The task a refusal of rights is about when that task no longer exists, else null. Two tabs sending one task: the
   * one that read the task before the other completed it, and checked the person's rights after, finds the task's
   * grants gone with it (seen: 403 "does not have 'TASK_WORK' permission"). A task that exists keeps its 403, so
   * that nothing is told that was not before.
   */
  static String goneTask(AuthorizationException refused) {
    for (MissingAuthorization missing : refused.getMissingAuthorizations()) {
      String id = missing.getResourceId();
      if (Resources.TASK.resourceName().equals(missing.getResourceType()) && id != null
          && !Authorization.ANY.equals(id)) {
        ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) EngineUtil.lookupProcessEngine(null)
            .getProcessEngineConfiguration();
        boolean exists = engine.getCommandExecutorTxRequired().execute(context ->
            context.getTaskManager().findTaskById(id) != null);
        return exists ? null : id;
      }
    }
    return null;
  }

  /** "No task found for task id X" (a task's comments and attachments): group 1 the id. */
  private static final Pattern NO_TASK = Pattern.compile("task id '?([^'\\s]+)'?");
  /** "No process instance found for id X" (a dossier's comments): group 1 the id. */
  private static final Pattern NO_DOSSIER = Pattern.compile("^No process instance found for id '?([^'\\s]+)'?");
  /**
   * "variable instance with Id 'X' does not exist.", "User with id X does not exist", "Deployment with id 'X' do not
   * exist", and the other single resources: group 1 the kind, 2 the id.
   */
  private static final Pattern NO_RESOURCE = Pattern.compile("^(.+?) with [Ii]d '?([^'\\s]*)'? do(?:es)? not exist");
  /**
   * "No matching decision definition with key: X and no tenant-id", "No matching task with id X": group 1 the kind, 2
   * "key" or "id", 3 the key or the id.
   */
  private static final Pattern NO_KEY = Pattern.compile("^No matching (.+?) with (key|id):? (\\S+)");
  /** How the French names the single resources the REST API does not find; "élément" for the others. */
  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("user", "Aucun utilisateur"),
      Map.entry("task", "Aucune tâche"),
      Map.entry("group", "Aucun groupe"),
      Map.entry("tenant", "Aucun locataire (tenant)"),
      Map.entry("deployment", "Aucun déploiement"),
      Map.entry("process instance", "Aucun dossier (instance de processus)"),
      Map.entry("historic process instance", "Aucun dossier (instance de processus)"),
      Map.entry("execution", "Aucune exécution"),
      Map.entry("job", "Aucune tâche planifiée (job)"),
      Map.entry("decision definition", "Aucune table de décision"),
      Map.entry("process definition", "Aucun processus"));

  /**
   * The REST API's own 404s ("No task found for task id …", "variable instance with Id '…' does not exist."), which it
   * answers alike for an id that does not exist and for another company's, whose rows the engine's checks hide: said
   * in French, the same for both, telling nothing but the id that was sent; the engine's words after. Null for any
   * other failure.
   */
  static Response notFound(RestException failure) {
    String message = failure.getMessage();
    // creating a comment on a task the account cannot see answers 400 "No task found for task id": the same 404
    boolean noTask = message != null && message.startsWith("No task found for task id");
    if (failure.getStatus() != Response.Status.NOT_FOUND && !noTask || message == null) {
      return null;
    }
    String what;
    Matcher dossier = NO_DOSSIER.matcher(message);
    Matcher resource = NO_RESOURCE.matcher(message);
    Matcher key = NO_KEY.matcher(message);
    Matcher taskId = NO_TASK.matcher(message);
    if (dossier.find()) {
      what = "Aucun dossier (instance de processus) « " + dossier.group(1) + " »";
    } else if (resource.find()) {
      String kind = resource.group(1).toLowerCase(java.util.Locale.ROOT);
      what = (kind.startsWith("variable") ? "Aucune variable d’id" : KINDS.getOrDefault(kind, "Aucun élément d’id"))
          + " « " + resource.group(2) + " »";
    } else if (key.find()) {
      what = KINDS.getOrDefault(key.group(1).toLowerCase(java.util.Locale.ROOT), "Aucun élément")
          + (key.group(2).equals("key") ? " de clé « " : " « ") + key.group(3) + " »";
    } else if (taskId.find()) {
      what = message.startsWith("No task found") ? "Aucune tâche « " + taskId.group(1) + " »"
          : (message.contains("comment") ? "Aucun commentaire de cet id" : "Aucune pièce jointe de cet id")
              + " sur la tâche « " + taskId.group(1) + " »";
    } else {
      return null; // Parcours' own 404s (a task that is gone: TaskHandover) are French already
    }
    LOG.info("Answered 404 in French to: {}", message);
    return refusal(Response.Status.NOT_FOUND, "NotFoundException", what + " parmi ce que votre compte peut voir :"
        + " vérifiez l’identifiant. Un dossier, ses tâches et leurs pièces ne s’ouvrent qu’à l’entreprise qui l’a"
        + " déposé et aux services qui l’instruisent. (" + message + ")");
  }

  /**
   * Changing a password with a wrong current one ({@code authenticatedUserPassword}): said in French, 400 as before.
   * Null for any other failure.
   */
  static Response wrongCurrentPassword(RestException failure) {
    if (!"The given authenticated user password is not valid.".equals(failure.getMessage())) {
      return null;
    }
    return refusal(Response.Status.BAD_REQUEST, "InvalidRequestException", "Votre mot de passe actuel"
        + " (authenticatedUserPassword) n’est pas le bon : rien n’a changé. Donnez le mot de passe avec lequel vous"
        + " vous connectez. (" + failure.getMessage() + ")");
  }

  /** The most rows a query made for a person returns ({@code queryMaxResultsLimit} in application.yml). */
  private static int mostRows() {
    return ((ProcessEngineConfigurationImpl) EngineUtil.lookupProcessEngine(null).getProcessEngineConfiguration())
        .getQueryMaxResultsLimit();
  }

  /** The variable named anywhere in the failure's messages, quoted, or "(unnamed)". */
  private static String variable(String text) {
    Matcher matcher = VARIABLE.matcher(text);
    return matcher.find() ? "'" + matcher.group(1) + "'" : "(unnamed)";
  }

  private static Response refusal(Response.Status status, String type, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", type, "message", message, "code", 0)).build();
  }
}
