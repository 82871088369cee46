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
      throw new BadInputException("Choisissez une décision dans le formulaire (" + variable + ")"
          + (value == null ? "" : " : « " + value + " » n’est pas l’une des valeurs permises " + allowed) + ".");
    }
    if (commentVariable != null && !value.equals(withoutComment)) {
      Object comment = task.getVariable(commentVariable);
      if (comment == null || comment.toString().isBlank()) {
        throw new BadInputException("Écrivez " + commentMeaning + " (" + commentVariable + ") : la décision « "
            + value + " » doit être motivée.");
      }
    }
  }

  public static void ticked(DelegateTask task, String... variablesAndMeanings) {
    for (int i = 0; i < variablesAndMeanings.length; i += 2) {
      if (!Boolean.TRUE.equals(task.getVariable(variablesAndMeanings[i]))) {
        throw new BadInputException("Cochez « " + variablesAndMeanings[i + 1] + " » (" + variablesAndMeanings[i]
            + ") pour le confirmer ; la tâche ne peut pas être terminée avant.");
      }
    }
  }

  public static void text(DelegateTask task, String variable, String label) {
    Object value = task.getVariable(variable);
    if (value == null || value.toString().isBlank()) {
      throw new BadInputException("Le champ « " + label + " » (" + variable + ") est vide : remplissez ce champ, puis terminez la"
          + " tâche.");
    }
  }

  public static void required(DelegateTask task, String variable, String label) {
    if (task.getVariable(variable) == null || task.getVariable(variable).toString().isBlank()) {
      throw new BadInputException("Le champ « " + label + " » (" + variable + ") n’est pas rempli : remplissez ce champ, puis terminez la"
          + " tâche.");
    }
  }

  public static void defaultFalse(DelegateTask task, String variable) {
    if (task.getVariable(variable) == null) {
      task.setVariable(variable, false);
    }
  }
}
