package fr.parcours.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.system.BadInputException;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;

/**
 * A person completes a task with the fields of its form, and nothing else. Without this, whoever may
 * complete a task could also overwrite any variable of the dossier through the REST API (the company that
 * owns it, the queue date, the outcome), since Camunda accepts any variable with a completion. Vendors may
 * not set or remove dossier variables outside a task form at all. Administrators and process owners, who
 * repair dossiers, are not restricted.
 */
public class FormFieldsOnly extends CommandInterceptor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Set<String>> fieldsByFormDefinition = new ConcurrentHashMap<>();

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    Authentication user = context == null ? null : context.getAuthentication();
    if (user != null && !Roles.isRepairer(user.getGroupIds())) {
      if (command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd) {
        String taskId = (String) CommandFields.read(command, "taskId");
        Map<?, ?> variables = (Map<?, ?>) CommandFields.read(command,
            command instanceof SubmitTaskFormCmd ? "properties" : "variables");
        if (variables != null && !variables.isEmpty()) {
          checkFormFields(context, taskId, variables.keySet());
        }
      } else if (isVendor(user) && (command instanceof AbstractSetVariableCmd
          || command instanceof RemoveTaskVariablesCmd || command instanceof RemoveExecutionVariablesCmd)) {
        throw new AuthorizationException("A vendor's user changes a dossier only through the forms of the"
            + " company's tasks; user '" + user.getUserId() + "' may not set or remove variables directly.");
      }
    }
    return next.execute(command);
  }

  private void checkFormFields(CommandContext context, String taskId, Collection<?> submitted) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return; // the command itself says that the task does not exist
    }
    task.initializeFormKey();
    CamundaFormRef formRef = task.getCamundaFormRef();
    Set<String> allowed = formRef == null ? Set.of() : fieldsOf(context, formRef, task.getProcessDefinitionId());
    Set<String> refused = new TreeSet<>();
    for (Object name : submitted) {
      if (!allowed.contains(String.valueOf(name))) {
        refused.add(String.valueOf(name));
      }
    }
    if (!refused.isEmpty()) {
      throw new BadInputException("Task '" + task.getName() + "' takes only the fields of its form; "
          + String.join(", ", refused) + (refused.size() == 1 ? " is not one of them" : " are not among them")
          + ". Complete the task from its form in Tasklist, or send only these fields: " + new TreeSet<>(allowed)
          + ".");
    }
  }

  private Set<String> fieldsOf(CommandContext context, CamundaFormRef formRef, String processDefinitionId) {
    String deploymentId = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId).getDeploymentId();
    CamundaFormDefinition form = context.runWithoutAuthorization(
        () -> new GetCamundaFormDefinitionCmd(formRef, deploymentId).execute(context));
    if (form == null) {
      return Set.of();
    }
    return fieldsByFormDefinition.computeIfAbsent(form.getId(), id -> {
      ResourceEntity resource = context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName());
      try {
        Set<String> keys = new LinkedHashSet<>();
        collectKeys(JSON.readTree(resource.getBytes()), keys);
        return keys;
      } catch (IOException e) {
        throw new IllegalStateException("Form " + form.getKey() + " is not readable JSON", e);
      }
    });
  }

  /** The variables a form-js form submits: field keys, and the path of lists and of groups that have one. */
  static void collectKeys(JsonNode component, Set<String> keys) {
    if (component.hasNonNull("key")) {
      keys.add(component.get("key").asText());
    }
    if (component.hasNonNull("path") && !component.get("path").asText().isBlank()) {
      keys.add(component.get("path").asText().split("\\.")[0]);
      return; // the children's values are nested in it
    }
    for (JsonNode child : component.path("components")) {
      collectKeys(child, keys);
    }
  }

  private static boolean isVendor(Authentication user) {
    return user.getGroupIds() != null
        && user.getGroupIds().stream().anyMatch(group -> group.startsWith(Roles.VENDOR_GROUP_PREFIX));
  }
}
