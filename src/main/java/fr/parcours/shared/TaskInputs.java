package fr.parcours.shared;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Checks of what a person submits with a task, shared by the pathways' task checks. Each refusal names the
 * field and says how to fix it; thrown from a task listener, it rolls the completion back.
 */
public final class TaskInputs {

  private TaskInputs() {
  }

  public static void decision(DelegateTask task, String variable, Set<String> allowed, String withoutComment,
      String commentVariable, String commentMeaning) {
    Object value = task.getVariable(variable);
    if (value == null || !allowed.contains(value.toString())) {
      throw new BadInputException("Choose a decision (" + variable + "): one of " + allowed
          + (value == null ? "" : "; '" + value + "' is not one of them") + ".");
    }
    if (commentVariable != null && !value.equals(withoutComment)) {
      Object comment = task.getVariable(commentVariable);
      if (comment == null || comment.toString().isBlank()) {
        throw new BadInputException("Write " + commentMeaning + " (" + commentVariable + "): a decision '"
            + value + "' must say why.");
      }
    }
  }

  public static void ticked(DelegateTask task, String... variablesAndMeanings) {
    for (int i = 0; i < variablesAndMeanings.length; i += 2) {
      if (!Boolean.TRUE.equals(task.getVariable(variablesAndMeanings[i]))) {
        throw new BadInputException("Tick '" + variablesAndMeanings[i] + "' to confirm that "
            + variablesAndMeanings[i + 1] + "; the task cannot be completed before.");
      }
    }
  }

  public static void text(DelegateTask task, String variable, String label) {
    Object value = task.getVariable(variable);
    if (value == null || value.toString().isBlank()) {
      throw new BadInputException(label + " (" + variable + ") is empty: fill it in, then complete the task.");
    }
  }

  public static void required(DelegateTask task, String variable, String label) {
    if (task.getVariable(variable) == null || task.getVariable(variable).toString().isBlank()) {
      throw new BadInputException(label + " (" + variable + ") is missing: fill it in, then complete the task.");
    }
  }

  public static void defaultFalse(DelegateTask task, String variable) {
    if (task.getVariable(variable) == null) {
      task.setVariable(variable, false);
    }
  }
}
