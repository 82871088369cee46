package fr.parcours.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.candidature.CandidatureFields;
import fr.parcours.shared.BadInputException;
import fr.parcours.shared.ClosedWindow;
import fr.parcours.shared.FormFields;
import java.io.IOException;
import fr.parcours.deadline.LegalDates;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.BytesValue;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A person changes a dossier through its forms, and nothing else. A task is completed with the fields of its
 * form, a pathway started with the fields of its start form (not who applies, the dossier number or its
 * company); variables are not set, patched or removed directly, a task does not throw a BPMN error or
 * escalation by hand, and a pathway does not start at a chosen step. Without this, whoever may work a task or
 * start a pathway could rewrite the company that owns a dossier, its clocks or its outcome, or skip the review.
 * Administrators and process owners, who repair dossiers, are not restricted.
 */
public class FormFieldsOnly extends CommandInterceptor {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    Authentication user = context == null ? null : context.getAuthentication();
    // what a person sent through the engine API (Tasklist, /engine-rest): its form's required fields are judged
    boolean person = (command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd
        || command instanceof SubmitStartFormCmd || command instanceof StartProcessInstanceCmd)
        && SentThroughTheEngineApi.take();
    if (user != null && !Roles.isRepairer(user.getGroupIds())) {
      if (command instanceof ResolveTaskCmd) {
        // a resolved task goes back to its owner without its form's checks: Parcours delegates no task
        throw new AuthorizationException("Une tâche se termine par son formulaire : « " + user.getUserId()
            + " » ne peut pas la résoudre, ce qui garderait ses champs sans leurs contrôles. Terminez-la dans"
            + " Tasklist. (A task is completed through its form; user '" + user.getUserId()
            + "' may not resolve it, which would store its fields without their checks. Complete it in Tasklist.)");
      } else if (command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd) {
        String taskId = (String) CommandFields.read(command, "taskId");
        if (command instanceof SubmitTaskFormCmd) {
          refuseDelegated(context, taskId, user.getUserId());
        }
        refuseAfterItsWindow(context, taskId, user);
        Map<?, ?> variables = (Map<?, ?>) CommandFields.read(command,
            command instanceof SubmitTaskFormCmd ? "properties" : "variables");
        if (variables != null && !variables.isEmpty() || person) {
          checkFormFields(context, taskId, variables == null ? Map.of() : variables, person);
        }
      } else if (command instanceof SubmitStartFormCmd) {
        checkStartFields(context, (String) CommandFields.read(command, "processDefinitionId"),
            (Map<?, ?>) CommandFields.read(command, "variables"), person);
      } else if (command instanceof StartProcessInstanceCmd) {
        ProcessInstantiationBuilderImpl start =
            (ProcessInstantiationBuilderImpl) CommandFields.read(command, "instantiationBuilder");
        checkStartFields(context, definitionId(context, start), start.getVariables(), person);
      } else if (command instanceof StartProcessInstanceAtActivitiesCmd) {
        throw new AuthorizationException("Un dossier commence au début de son parcours : « "
            + user.getUserId() + " » ne peut pas en commencer un à une étape choisie. Commencez-le depuis"
            + " Tasklist. (A dossier starts at the beginning of its pathway; user '"
            + user.getUserId() + "' may not start one at a chosen step. Start it from Tasklist.)");
      } else if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
        throw new AuthorizationException("Une tâche se termine par son formulaire : « " + user.getUserId()
            + " » ne peut pas en lever une erreur ou une escalade BPMN, ce qui ferait avancer le dossier à la main."
            + " (A task ends through its form; user '" + user.getUserId()
            + "' may not throw a BPMN error or escalation from it, which would move the dossier on by hand.)");
      } else if (command instanceof AbstractSetVariableCmd || command instanceof AbstractPatchVariablesCmd
          || command instanceof RemoveTaskVariablesCmd || command instanceof RemoveExecutionVariablesCmd) {
        throw new AuthorizationException("Les variables d’un dossier ne changent que par les formulaires de ses"
            + " tâches : « " + user.getUserId() + " » ne peut pas les écrire ni les retirer directement ; un"
            + " responsable de processus répare un dossier. (A dossier's variables change only through the forms"
            + " of its tasks; user '" + user.getUserId() + "' may not set or remove them directly. A process owner"
            + " repairs a dossier.)");
      }
    }
    return next.execute(command);
  }

  /**
   * A task delegated before Parcours refused delegating (or by an administrator): its form sent is not completed but
   * resolved, the values stored without the checks made when the task completes. Refused on a task the person can
   * see; another company's is refused by the command, which tells nothing of it.
   */
  private static void refuseDelegated(CommandContext context, String taskId, String userId) {
    TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getDelegationState() != DelegationState.PENDING) {
      return;
    }
    TaskQueryImpl visible = new TaskQueryImpl();
    visible.taskId(taskId);
    if (visible.executeCount(context) == 0) {
      return;
    }
    throw new AuthorizationException("La tâche « " + task.getName() + " » a été déléguée : son formulaire"
        + " envoyé la résoudrait sans les contrôles faits quand elle se termine, et « " + userId + " » ne peut pas"
        + " l’envoyer ainsi. Demandez à un administrateur de lever la délégation, puis terminez-la dans Tasklist."
        + " (Task '" + task.getName() + "' was delegated: sending its form would resolve it without the checks"
        + " made when it completes, and user '" + userId + "' may not send it so. Ask an administrator to lift"
        + " the delegation, then complete it in Tasklist.)");
  }

  /**
   * A task whose window has closed (the timer that ends it is due: a vendor's complements, the hearing request, an
   * audit's correction) is no longer answered, though the engine has not fired the timer yet (its job runs a few
   * seconds later, or later still when the server was stopped at that moment): the answer would be taken as on time
   * and the timer's path skipped. Refused on a task the person can see; another company's is refused by the command.
   * When the timer's job failed (an incident), the window closed all the same, but no reload will show the step closed:
   * the person is told that the administrators take it up. In French, as Tasklist's other refusals; a vendor whose
   * dossier corresponds in English reads the English after it, as on her forms (README, "Who reads which language").
   */
  private static void refuseAfterItsWindow(CommandContext context, String taskId, Authentication user) {
    Optional<ClosedWindow> closed = ClosedWindow.of(context, taskId);
    if (closed.isEmpty()) {
      return;
    }
    TaskQueryImpl visible = new TaskQueryImpl();
    visible.taskId(taskId);
    if (visible.executeCount(context) == 0) {
      return;
    }
    TaskEntity entity = context.getTaskManager().findTaskById(taskId);
    String task = entity.getName();
    java.time.LocalDate lastDay = closed.get().lastMoment().atZone(ZoneId.of("Europe/Paris")).toLocalDate();
    String closedOn = LegalDates.date(lastDay, Locale.FRENCH);
    String name = closed.get().name();
    boolean failed = closed.get().failed();
    String french = "La tâche « " + task + " » ne se termine plus : son délai a pris fin le " + closedOn + " (« "
        + name + " »)" + (failed ? " ; Parcours n’a pas pu clore l’étape selon ce que prévoit ce délai, et un incident"
        + " attend les administrateurs de Parcours dans Cockpit, qui la reprendront ; rien n’a été enregistré et vous"
        + " n’avez rien à refaire."
        : ", et le dossier suit maintenant ce que prévoit ce délai passé ; rien n’a été enregistré. Rechargez la liste"
        + " des tâches dans un instant.");
    boolean english = Roles.isVendor(user.getGroupIds()) && entity.getExecution() != null
        && entity.getExecution().getVariable(CandidatureFields.CORRESPONDENCE_LANGUAGE) instanceof String language
        && "EN".equalsIgnoreCase(language.trim());
    throw new BadInputException(!english ? french : french + " (Task '" + task + "' can no longer be completed: its"
        + " window closed on " + LegalDates.date(lastDay, Locale.ENGLISH) + " ('" + name + "')"
        + (failed ? "; Parcours could not close the step as that window provides, and an incident waits for"
        + " Parcours' administrators in Cockpit, who will take it up; nothing was stored and there is nothing for you to do again.)"
        : ", and the dossier now follows what that window provides; nothing was stored. Reload the task list in a"
        + " moment.)"));
  }

  /** The start form's fields, and nothing else: not who applies, not the dossier number, not its company. */
  private void checkStartFields(CommandContext context, String processDefinitionId, Map<?, ?> variables,
      boolean person) {
    if (processDefinitionId == null || (variables == null || variables.isEmpty()) && !person) {
      return; // the command itself says what is missing
    }
    if (variables == null) {
      variables = Map.of();
    }
    ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId);
    FormDefinition start = definition.getStartFormDefinition();
    Map<String, FormFields.Field> fields = Map.of();
    if (start != null && start.getCamundaFormDefinitionKey() != null) {
      CamundaFormRef formRef = new CamundaFormRefImpl(start.getCamundaFormDefinitionKey().getExpressionText(),
          start.getCamundaFormDefinitionBinding());
      fields = FormFields.of(context, formRef, processDefinitionId);
    }
    Set<String> allowed = fields.keySet();
    refuseOutside(allowed, variables.keySet(), "Starting '" + (definition.getName() == null ? definition.getKey()
        : definition.getName()) + "' takes only the fields of its start form", "Start it from Tasklist",
        "Le démarrage de « " + (definition.getName() == null ? definition.getKey() : definition.getName())
        + " » ne prend que les champs de son formulaire de démarrage", "Démarrez-le depuis Tasklist");
    checkSizes(variables, fields);
    valueProblem(fields, variables).ifPresent(problem -> {
      throw new BadInputException(problem);
    });
    String name = definition.getName() == null ? definition.getKey() : definition.getName();
    refuseBeforeCommit(context, person ? missingProblem(DeclaredRules.feel(context),
        "Le formulaire de démarrage de « " + name + " »", "The start form of '" + name + "'", fields, variables,
        Map.of()) : java.util.Optional.empty(),
        declaredProblem(context, fields, variables, Map.of()));
  }

  /**
   * The required fields left empty, as form-js judges them before Tasklist sends a form (no value, an empty text, a
   * box not ticked, a list with nothing chosen), on the values sent and those the dossier already holds (which form-js
   * shows in the form); a field hidden at that moment (its condition, or its group's) or disabled is not judged, as
   * form-js does not judge it. Each is named by its label, all at once.
   */
  static java.util.Optional<String> missingProblem(FeelEngine feel, String what, String whatEn,
      Map<String, FormFields.Field> fields, Map<?, ?> variables, Map<String, Object> held) {
    Map<String, Object> data = new java.util.HashMap<>(held);
    for (Map.Entry<?, ?> sent : variables.entrySet()) {
      data.put(String.valueOf(sent.getKey()), sent(variables, String.valueOf(sent.getKey()), sent.getValue()));
    }
    java.util.List<String> missing = new java.util.ArrayList<>();
    for (FormFields.Field field : fields.values()) {
      if (field.declared().required() && !field.declared().disabled()
          && DeclaredRules.missing(field, data.get(field.key()))
          && (field.declared().hiddenWhen().isEmpty() || !DeclaredRules.hidden(feel, field, data))) {
        missing.add("« " + shown(field.label().isBlank() ? field.key() : field.label(), data) + " »");
      }
    }
    if (missing.isEmpty()) {
      return java.util.Optional.empty();
    }
    String labels = String.join(", ", missing);
    boolean one = missing.size() == 1;
    return java.util.Optional.of(what + " attend encore " + labels + " : remplissez "
        + (one ? "ce champ" : "ces champs") + " dans le formulaire, puis envoyez-le à nouveau ; rien n’a été"
        + " enregistré. (" + whatEn + " still needs "
        + labels + ", which it requires: fill " + (one ? "it" : "them") + " in and send it again; nothing was"
        + " stored.)");
  }

  /**
   * What the form declares of its fields' values and form-js checks before Tasklist sends them (a pattern, an email
   * address, a number's bounds and decimals, a least length), judged on the values sent: the pathway's own checks
   * (the intake, the task's listeners), which say more, speak first; what they let through is refused before anything
   * is stored. A field the form hides at that moment (its condition, or its group's, true on the values sent and those
   * the dossier already holds) or disables is not judged, as form-js does not judge it.
   */
  static java.util.Optional<String> declaredProblem(CommandContext context, Map<String, FormFields.Field> fields,
      Map<?, ?> variables, Map<String, Object> held) {
    Map<String, Object> data = null;
    for (Map.Entry<?, ?> variable : variables.entrySet()) {
      FormFields.Field field = fields.get(String.valueOf(variable.getKey()));
      if (field == null || field.declared().disabled()) {
        continue;
      }
      Object value = sent(variables, field.key(), variable.getValue());
      if (value == null || value instanceof String text && text.isEmpty()) {
        continue; // form-js judges an empty value by "required" alone
      }
      java.util.Optional<String> problem = DeclaredRules.problem(field, value);
      if (problem.isEmpty()) {
        continue;
      }
      if (!field.declared().hiddenWhen().isEmpty()) {
        if (data == null) {
          data = new java.util.HashMap<>(held);
          for (Map.Entry<?, ?> sent : variables.entrySet()) {
            data.put(String.valueOf(sent.getKey()), sent(variables, String.valueOf(sent.getKey()), sent.getValue()));
          }
        }
        if (DeclaredRules.hidden(context, field, data)) {
          continue;
        }
      }
      return problem;
    }
    return java.util.Optional.empty();
  }

  /** A variable in a label, as form-js templates it: {{companyName}}. */
  private static final java.util.regex.Pattern TEMPLATE = java.util.regex.Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

  /** A label as form-js shows it: its {{variable}} templates filled from the form's values, when they hold them. */
  private static String shown(String label, Map<String, Object> data) {
    return TEMPLATE.matcher(label).replaceAll(found -> java.util.regex.Matcher.quoteReplacement(
        data.get(found.group(1)) == null ? found.group() : String.valueOf(data.get(found.group(1)))));
  }

  /** Throws the problems, together, when the command would otherwise commit: nothing of it is stored. */
  private static void refuseBeforeCommit(CommandContext context, java.util.Optional<String> missing,
      java.util.Optional<String> declared) {
    refuseBeforeCommit(context, missing.isEmpty() ? declared
        : java.util.Optional.of(missing.get() + declared.map(also -> " " + also).orElse("")));
  }

  /** Throws the problem when the command would otherwise commit: nothing of it is stored. */
  private static void refuseBeforeCommit(CommandContext context, java.util.Optional<String> problem) {
    problem.ifPresent(refusal -> context.getTransactionContext().addTransactionListener(
        org.camunda.bpm.engine.impl.cfg.TransactionState.COMMITTING, committing -> {
          throw new BadInputException(refusal);
        }));
  }

  /** Most characters of a text field: the database's text column holds 4,000. */
  static final int MOST_TEXT = 4_000;
  /** Most characters of a list (JSON) field: far more than any form's choices. */
  static final int MOST_JSON = 100_000;
  /** Deepest nesting of a JSON field: a list of choices is one level, a list of records two. */
  static final int MOST_JSON_DEPTH = 10;

  /**
   * Types and sizes before anything is stored, naming the field: what a form sends is text, a number, true/false,
   * a date or a JSON list. A text longer than the database's column failed deep in the engine (500,
   * "ProcessEnginePersistenceException") after the task's checks had run; a list of 200,000 items was stored;
   * bytes or a file went to the database unchecked; a JSON list that is not JSON, or nested 20,000 deep, or a
   * Java-serialised object, answered 500 with a Java class in it.
   */
  private static void checkSizes(Map<?, ?> variables, Map<String, FormFields.Field> fields) {
    for (Map.Entry<?, ?> variable : variables.entrySet()) {
      String key = String.valueOf(variable.getKey());
      String field = fields.containsKey(key) && !fields.get(key).label().isBlank() ? fields.get(key).label() : key;
      // a VariableMap hands out values deserialised (a JSON list parsed): its typed value is the value as sent
      Object value = variables instanceof VariableMap typedMap ? typedMap.getValueTyped(key) : variable.getValue();
      if (value instanceof SerializableValue serializable) {
        checkJson(key, serializable); // what no form sends: named as it was sent
        continue;
      }
      if (value instanceof BytesValue || value instanceof FileValue || value instanceof byte[]) {
        throw new BadInputException("Le champ « " + key + " » est envoyé en octets ou en fichier ; les champs d’un"
            + " formulaire prennent du texte, des nombres, vrai/faux, des dates ou une liste JSON : envoyez la valeur"
            + " en texte (les documents vont avec les preuves). (Field '" + key + "' is sent as bytes or a file;"
            + " the fields of a form take text, numbers, true/false, dates or a JSON list: send the value as text"
            + " (documents go with the evidence).)");
      }
      if (value instanceof TypedValue typed) {
        value = typed.getValue();
      }
      if (value instanceof String text && text.length() > MOST_TEXT) {
        throw new BadInputException("Le champ « " + field + " » compte " + text.length() + " caractères ; un"
            + " champ texte en compte au plus " + MOST_TEXT + " : raccourcissez-le (un document va avec les preuves"
            + " ou sur Sésame, pas dans un champ). (Field '" + key + "' holds " + text.length() + " characters; a"
            + " text field holds at most " + MOST_TEXT + ": shorten it (a document goes with the evidence or on"
            + " Sésame, not in a field).)");
      }
    }
  }

  /** The refusal of a Java-serialised value, here and where the engine itself refuses one. */
  public static String javaSerialised(String variable) {
    return "La variable " + variable + " est envoyée en objet Java sérialisé, que Parcours refuse (il pourrait"
        + " exécuter du code sur le serveur) : envoyez-la en JSON ou en valeur simple (texte, nombre, vrai/faux,"
        + " date). (Variable " + variable + " is sent as a Java-serialised object, which Parcours refuses (it could"
        + " run code on the server): send it as JSON or as a plain value (text, number, true/false, date).)";
  }

  /** A JSON value as sent: JSON (not a Java-serialised object), well-formed, not too large, not too deep. */
  private static void checkJson(String field, SerializableValue value) {
    String format = value.getSerializationDataFormat();
    if (format != null && !format.startsWith("application/json")) {
      throw new BadInputException(javaSerialised("'" + field + "'"));
    }
    String text = value.getValueSerialized();
    if (text == null) {
      return;
    }
    if (text.length() > MOST_JSON) {
      throw new BadInputException("Le champ « " + field + " » compte " + text.length() + " caractères de données ;"
          + " un champ liste en compte au plus " + MOST_JSON + " : n’envoyez que les choix du formulaire. (Field '"
          + field + "' holds " + text.length() + " characters of data; a"
          + " list field holds at most " + MOST_JSON + ": send only the choices of the form.)");
    }
    try {
      JsonNode parsed = JSON.readTree(text);
      if (depth(parsed, 0) > MOST_JSON_DEPTH) {
        throw new IOException("nested more than " + MOST_JSON_DEPTH + " levels");
      }
    } catch (IOException notJson) {
      String reason = notJson.getMessage() == null ? "" : notJson.getMessage().split("\n", 2)[0];
      throw new BadInputException("La variable « " + field + " » n’est pas du JSON que Parcours sait lire : envoyez"
          + " du JSON bien formé, imbriqué sur " + MOST_JSON_DEPTH + " niveaux au plus, pour une liste de choix une"
          + " liste comme [\"SOCLE\"]. (Variable '" + field + "' is not JSON that Parcours can read ("
          + (reason.length() > 120 ? reason.substring(0, 120) + "…" : reason) + "): send well-formed JSON,"
          + " nested at most " + MOST_JSON_DEPTH + " levels, for a list of choices a list such as [\"SOCLE\"].)");
    }
  }

  private static int depth(JsonNode node, int level) {
    int deepest = level;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child, level + 1));
    }
    return deepest;
  }


  private static String definitionId(CommandContext context, ProcessInstantiationBuilderImpl start) {
    if (start.getProcessDefinitionId() != null) {
      return start.getProcessDefinitionId();
    }
    if (start.getProcessDefinitionKey() == null) {
      return null;
    }
    ProcessDefinitionEntity latest = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedLatestProcessDefinitionByKey(start.getProcessDefinitionKey());
    return latest == null ? null : latest.getId();
  }

  /**
   * Refuses the variables outside the task's form, the values no form sends and those its fields do not take, naming
   * each field by its label; on a task the person may not see, only what no form sends, by the name it was sent under
   * (the command itself refuses the task, before anything of it is told).
   */
  private void checkFormFields(CommandContext context, String taskId, Map<?, ?> variables, boolean person) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      checkSizes(variables, Map.of());
      return; // the command itself says that the task does not exist
    }
    task.initializeFormKey();
    CamundaFormRef formRef = task.getCamundaFormRef();
    Map<String, FormFields.Field> fields = formRef == null ? Map.of()
        : FormFields.of(context, formRef, task.getProcessDefinitionId());
    Set<String> allowed = fields.keySet();
    Collection<?> submitted = variables.keySet();
    boolean outside = !allowed.containsAll(submitted.stream().map(String::valueOf).toList());
    BadInputException bad = null;
    if (!outside) {
      try {
        checkSizes(variables, fields);
        bad = valueProblem(fields, variables).map(BadInputException::new).orElse(null);
      } catch (BadInputException sizeOrType) {
        bad = sizeOrType;
      }
    }
    if (!outside && bad == null) {
      // the form's declarations, after the task's own checks; on a task the person may work (the command refuses
      // another company's before it commits, and tells nothing)
      Map<String, Object> held = held(task, fields, person);
      refuseBeforeCommit(context, person ? missingProblem(DeclaredRules.feel(context), "La tâche « " + task.getName()
          + " »", "Task '" + task.getName() + "'", fields, variables, held) : java.util.Optional.empty(),
          declaredProblem(context, fields, variables, held));
      return; // nothing to refuse, nothing told: the command checks who may complete the task
    }
    TaskQueryImpl visible = new TaskQueryImpl();
    visible.taskId(taskId);
    if (visible.executeCount(context) == 0) {
      // the command itself refuses another company's task, before any of its name or fields is told; the query
      // (authorizations applied) runs only here, when there is something to refuse, not on every completion
      checkSizes(variables, Map.of());
      return;
    }
    refuseOutside(allowed, submitted, "Task '" + task.getName() + "' takes only the fields of its form",
        "Complete the task from its form in Tasklist", "La tâche « " + task.getName() + " » ne prend que les"
        + " champs de son formulaire", "Terminez la tâche depuis son formulaire dans Tasklist");
    throw bad;
  }

  /**
   * What a field's value cannot be, from its form: a box is ticked or not (true or false, nothing else); a list or
   * a set of buttons takes one of its choices, a checklist only its choices (none twice); a text field text (not a
   * number, a JSON value...), no more characters than the form lets one type. Tasklist sends nothing else; through the REST API a string stored in a
   * box stopped the dossier at its next gateway (500, "Cannot coerce"), or went on unseen.
   */
  static java.util.Optional<String> valueProblem(Map<String, FormFields.Field> fields, Map<?, ?> variables) {
    for (Map.Entry<?, ?> variable : variables.entrySet()) {
      FormFields.Field field = fields.get(String.valueOf(variable.getKey()));
      if (field == null) {
        continue;
      }
      Object value = sent(variables, field.key(), variable.getValue());
      if (value == null || value instanceof String text && text.isBlank() && !"checkbox".equals(field.type())) {
        continue; // left empty: whether it may be is the task's or the intake's to say
      }
      String label = field.label().isBlank() ? field.key() : field.label();
      String shown = String.valueOf(value).length() > 40 ? String.valueOf(value).substring(0, 40) + "…"
          : String.valueOf(value);
      switch (field.type()) {
        case "checkbox" -> {
          if (!(value instanceof Boolean)) {
            return java.util.Optional.of("« " + label + " » est une case à cocher : elle vaut vrai ou faux, pas « "
                + shown + " » ; cochez-la ou non dans le formulaire. (Field '" + field.key() + "' is a checkbox: send"
                + " true or false.)");
          }
        }
        case "select", "radio" -> {
          if (!field.choices().isEmpty() && !field.choices().containsKey(String.valueOf(value))) {
            return java.util.Optional.of("« " + label + " » : « " + shown + " » n’est pas l’un des choix de la liste ("
                + choices(field) + ") ; choisissez-en un dans le formulaire. (Field '" + field.key() + "' takes one"
                + " of " + field.choices().keySet() + ".)");
          }
        }
        case "checklist" -> {
          if (!field.choices().isEmpty()) {
            java.util.Optional<String> problem = checklistProblem(field, label, value);
            if (problem.isPresent()) {
              return problem;
            }
          }
        }
        case "datetime" -> {
          if (!(value instanceof String)) {
            // form-js sends a date field as the text 2027-03-31; a Date typed through the REST API was stored typed,
            // and the later forms showing the field were handed another type than the one they send
            return java.util.Optional.of("« " + label + " » est une date : envoyez-la en texte sous la forme"
                + " « AAAA-MM-JJ », comme 2027-03-31, pas en valeur de type " + typeName(variables, field.key(), value)
                + " ; choisissez-la dans le calendrier du formulaire. (Field '" + field.key() + "' is a date: send it"
                + " as text in the form YYYY-MM-DD, such as 2027-03-31.)");
          }
        }
        case "textfield", "textarea" -> {
          Object raw = variables instanceof VariableMap typedMap ? typedMap.getValueTyped(field.key())
              : variable.getValue();
          if (!(value instanceof String) || raw instanceof SerializableValue) {
            // form-js sends a text field as text; a number typed through the REST API was stored typed, and the
            // pages and steps that read the field as text failed on it (the evidence page: 500, no deposit possible)
            return java.util.Optional.of("« " + label + " » est un champ de texte : envoyez-le en texte (type"
                + " String), pas en valeur de type " + typeName(variables, field.key(), value) + " ; saisissez-le dans"
                + " le formulaire. (Field '" + field.key() + "' is a text field: send it as text, type String.)");
          }
          if (field.maxLength() != null && value instanceof String text && text.length() > field.maxLength()) {
            return java.util.Optional.of("« " + label + " » compte " + text.length() + " caractères ; le formulaire"
                + " en prend " + field.maxLength() + " au plus : raccourcissez-le. (Field '" + field.key() + "' holds "
                + text.length() + " characters; its form takes at most " + field.maxLength() + ".)");
          }
        }
        default -> {
        }
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The values the task's form would show of its fields (all of them when its required fields are judged, else of
   * those that hide others): what the dossier already holds.
   */
  private static Map<String, Object> held(TaskEntity task, Map<String, FormFields.Field> fields, boolean all) {
    if (!all && fields.values().stream().allMatch(field -> field.declared().hiddenWhen().isEmpty())) {
      return Map.of();
    }
    Set<String> keys = new java.util.HashSet<>(fields.keySet());
    if (all) {
      for (FormFields.Field field : fields.values()) {
        TEMPLATE.matcher(field.label()).results().forEach(found -> keys.add(found.group(1))); // a label's values
      }
    }
    Map<String, Object> held = new java.util.HashMap<>();
    for (String key : keys) {
      Object value = task.getVariable(key);
      if (value != null) {
        held.put(key, value);
      }
    }
    return held;
  }

  /** The type a value was sent as, as the REST API names it (Date, Integer...). */
  private static String typeName(Map<?, ?> variables, String key, Object value) {
    Object raw = variables instanceof VariableMap typedMap ? typedMap.getValueTyped(key) : value;
    if (raw instanceof TypedValue typed && typed.getType() != null) {
      String name = typed.getType().getName();
      return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
    return value.getClass().getSimpleName();
  }

  /** A value as it was sent: a list (JSON) as its text, a typed value as its value. */
  private static Object sent(Map<?, ?> variables, String key, Object value) {
    Object raw = variables instanceof VariableMap typedMap ? typedMap.getValueTyped(key) : value;
    if (raw instanceof SerializableValue serializable) {
      if (serializable.isDeserialized() && serializable.getValue() instanceof Collection<?> list) {
        return list; // a list handed over in-process, as a list
      }
      return serializable.getValueSerialized() != null ? serializable.getValueSerialized()
          : serializable.isDeserialized() && serializable.getValue() != null ? String.valueOf(serializable.getValue())
          : null;
    }
    if (raw instanceof Collection<?> list) {
      return list;
    }
    return raw instanceof TypedValue typed ? typed.getValue() : raw;
  }

  private static java.util.Optional<String> checklistProblem(FormFields.Field field, String label, Object sent) {
    Set<String> seen = new java.util.HashSet<>();
    try {
      JsonNode list = sent instanceof Collection<?> items ? JSON.valueToTree(items) : JSON.readTree(sent.toString());
      if (list.isArray()) {
        for (JsonNode item : list) {
          if (!item.isTextual() || !field.choices().containsKey(item.asText()) || !seen.add(item.asText())) {
            String shown = item.toString().length() > 40 ? item.toString().substring(0, 40) + "…" : item.toString();
            return java.util.Optional.of("« " + label + " » : " + shown + (seen.contains(item.asText())
                ? " est coché deux fois" : " n’est pas l’un des choix de la liste (" + choices(field) + ")")
                + " ; cochez les choix dans le formulaire. (Field '" + field.key() + "' takes a list of distinct"
                + " values among " + field.choices().keySet() + ".)");
          }
        }
        return java.util.Optional.empty();
      }
    } catch (IOException notJson) {
      // said below
    }
    return java.util.Optional.of("« " + label + " » : une liste des choix cochés est attendue, comme [\""
        + field.choices().keySet().iterator().next() + "\"] ; cochez les choix dans le formulaire. (Field '"
        + field.key() + "' takes a JSON list of values among " + field.choices().keySet() + ".)");
  }

  private static String choices(FormFields.Field field) {
    return String.join(", ", field.choices().values().stream().map(label -> "« " + label + " »").toList());
  }

  /** Refuses, naming them, the submitted variables that are not among the form's fields. */
  private static void refuseOutside(Set<String> allowed, Collection<?> submitted, String rule, String instead,
      String regle, String plutot) {
    Set<String> refused = new TreeSet<>();
    for (Object name : submitted) {
      if (!allowed.contains(String.valueOf(name))) {
        refused.add(String.valueOf(name));
      }
    }
    if (!refused.isEmpty()) {
      throw new BadInputException(regle + " ; " + String.join(", ", refused) + (refused.size() == 1
          ? " n’en fait pas partie" : " n’en font pas partie") + ". " + plutot + ", ou n’envoyez que ces champs : "
          + new TreeSet<>(allowed) + ". (" + rule + "; " + String.join(", ", refused) + (refused.size() == 1
          ? " is not one of them" : " are not among them") + ". " + instead + ", or send only these fields: "
          + new TreeSet<>(allowed) + ".)");
    }
  }
}
