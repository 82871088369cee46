package fr.parcours.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;

/**
 * The fields of a deployed Camunda Form as the person sees them: each key with its label, its choices (value and
 * label) and its limits. A refusal names a field by its label and a choice by what the list shows, never by the
 * variable or the value the form sends. Read once per deployed form.
 */
public final class FormFields {

  /**
   * One field of a form.
   *
   * @param type the form-js type (textfield, textarea, select, radio, checklist, number, datetime, checkbox...)
   * @param choices the static choices of a select, radio or checklist, value to label, in the form's order; empty
   *     when it has none or takes them from a variable
   * @param maxLength the most characters a text field takes; null when the form sets none
   * @param min the least a number field takes; null when the form sets none
   * @param declared what else the form declares of the field's value, as form-js judges it
   */
  public record Field(String key, String type, String label, Map<String, String> choices, Integer maxLength,
      Double min, Declared declared) {

    /** The label of one of its choices, or the value itself when it is not one. */
    public String choice(Object value) {
      return choices.getOrDefault(String.valueOf(value), String.valueOf(value));
    }
  }

  /**
   * What a form declares of a field's value beyond its type, choices and length, which form-js checks before Tasklist
   * sends it: a pattern, an email address, a number's bounds and decimals, a least length; whether it is required;
   * whether the field is disabled (form-js leaves it unchecked); and the FEEL conditions that hide it, its own and
   * those of the groups holding it (without their leading "="; a hidden field is neither shown nor checked).
   */
  public record Declared(String pattern, String description, String validationType, Double max, Integer minLength,
      Integer decimalDigits, boolean required, boolean disabled, List<String> hiddenWhen) {

    static final Declared NONE = new Declared(null, "", null, null, null, null, false, false, List.of());
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Map<String, Field>> BY_FORM_DEFINITION = new ConcurrentHashMap<>();

  private FormFields() {
  }

  /** The fields of the form of this task, by key (inside a command: a task listener); empty when it has none. */
  public static Map<String, Field> of(DelegateTask task) {
    CommandContext context = Context.getCommandContext();
    if (context == null || !(task instanceof TaskEntity entity)) {
      return Map.of();
    }
    entity.initializeFormKey();
    CamundaFormRef formRef = entity.getCamundaFormRef();
    if (formRef == null) {
      return Map.of();
    }
    return of(context, formRef, entity.getProcessDefinitionId());
  }

  /** The fields of the form this reference names for this process definition (its deployment's), by key. */
  public static Map<String, Field> of(CommandContext context, CamundaFormRef formRef, String processDefinitionId) {
    String deploymentId = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId).getDeploymentId();
    CamundaFormDefinition form = context.runWithoutAuthorization(
        () -> new GetCamundaFormDefinitionCmd(formRef, deploymentId).execute(context));
    if (form == null) {
      return Map.of();
    }
    return BY_FORM_DEFINITION.computeIfAbsent(form.getId(), id -> {
      ResourceEntity resource = context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName());
      try {
        return parse(JSON.readTree(resource.getBytes()));
      } catch (IOException e) {
        String where = e instanceof JsonProcessingException json && json.getLocation() != null
            ? " (ligne " + json.getLocation().getLineNr() + ", colonne " + json.getLocation().getColumnNr() + ")" : "";
        String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        throw new DiagramMistake("Le formulaire « " + form.getKey() + " » ("
            + form.getResourceName() + ") n’est pas du JSON que Tasklist sait lire" + where + " : « " + why
            + " ». Camunda l’a déployé quand même ; corrigez-le (guillemets doubles autour des noms et des textes,"
            + " aucune virgule avant } ou ], pas de commentaire), de préférence dans Modeler, puis enregistrez-le dans le dépôt (l’application le déploie à son démarrage).", e);
      }
    });
  }

  /** The label of a field of this task's form, or {@code otherwise} when the form has no such field. */
  public static String label(DelegateTask task, String key, String otherwise) {
    return Optional.ofNullable(of(task).get(key)).map(Field::label).filter(l -> !l.isBlank()).orElse(otherwise);
  }

  /** The fields a form-js schema submits at its top level (a list's rows are inside the list's value), by key. */
  public static Map<String, Field> parse(JsonNode form) {
    Map<String, Field> fields = new LinkedHashMap<>();
    collect(form, fields, List.of());
    return Collections.unmodifiableMap(fields);
  }

  private static void collect(JsonNode component, Map<String, Field> fields, List<String> hiddenWhen) {
    String hide = component.path("conditional").path("hide").asText("").strip();
    List<String> conditions = hiddenWhen;
    if (!hide.isEmpty()) {
      conditions = new ArrayList<>(hiddenWhen);
      conditions.add(hide.startsWith("=") ? hide.substring(1) : hide);
      conditions = List.copyOf(conditions);
    }
    if (component.hasNonNull("key")) {
      String key = component.get("key").asText();
      Map<String, String> choices = new LinkedHashMap<>();
      for (JsonNode choice : component.path("values")) {
        choices.put(choice.path("value").asText(), choice.path("label").asText());
      }
      JsonNode validate = component.path("validate");
      String label = component.hasNonNull("label") ? component.get("label").asText()
          : component.path("dateLabel").asText(key);
      fields.put(key, new Field(key, component.path("type").asText(), label, Collections.unmodifiableMap(choices),
          validate.hasNonNull("maxLength") ? validate.get("maxLength").asInt() : null,
          validate.hasNonNull("min") ? validate.get("min").asDouble() : null,
          new Declared(validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null,
              component.path("description").asText(""),
              validate.hasNonNull("validationType") ? validate.get("validationType").asText() : null,
              validate.hasNonNull("max") ? validate.get("max").asDouble() : null,
              validate.hasNonNull("minLength") ? validate.get("minLength").asInt() : null,
              component.hasNonNull("decimalDigits") ? component.get("decimalDigits").asInt() : null,
              validate.path("required").asBoolean(false), component.path("disabled").asBoolean(false), conditions)));
    }
    if (component.hasNonNull("path") && !component.get("path").asText().isBlank()) {
      String path = component.get("path").asText().split("\\.")[0];
      fields.putIfAbsent(path, new Field(path, component.path("type").asText(), component.path("label").asText(path),
          Map.of(), null, null, Declared.NONE));
      return; // the children's values are nested in it
    }
    for (JsonNode child : component.path("components")) {
      collect(child, fields, conditions);
    }
  }
}
