package fr.parcours.shared;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
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
        // the decision as the form names it is not known here; its code (INCOMPLETE) is not for the reviewer
        throw new BadInputException("Écrivez " + commentMeaning + " (" + commentVariable + ") : la décision que vous"
            + " avez choisie doit être motivée.");
      }
    }
  }

  public static void ticked(DelegateTask task, String... variablesAndMeanings) {
    for (int i = 0; i < variablesAndMeanings.length; i += 2) {
      if (!Boolean.TRUE.equals(task.getVariable(variablesAndMeanings[i]))) {
        throw new BadInputException("Cochez « " + variablesAndMeanings[i + 1] + " » pour le confirmer ; la tâche ne"
            + " peut pas être terminée avant.");
      }
    }
  }

  public static void text(DelegateTask task, String variable, String label) {
    Object value = task.getVariable(variable);
    if (value == null || value.toString().isBlank()) {
      throw new BadInputException("Le champ « " + label + " » est vide : remplissez ce champ, puis terminez la"
          + " tâche.");
    }
  }

  public static void required(DelegateTask task, String variable, String label) {
    if (task.getVariable(variable) == null || task.getVariable(variable).toString().isBlank()) {
      throw new BadInputException("Le champ « " + label + " » n’est pas rempli : remplissez ce champ, puis terminez"
          + " la tâche.");
    }
  }

  public static void defaultFalse(DelegateTask task, String variable) {
    if (task.getVariable(variable) == null) {
      task.setVariable(variable, false);
    }
  }

  /**
   * A date a form gives (a Camunda Forms date field stores {@code 2027-03-31}; a REST call may give a date), as the
   * calendar date of the procedure's zone; refused when missing or unreadable.
   */
  public static LocalDate date(DelegateTask task, String variable, String label, ZoneId zone) {
    Object value = task.getVariable(variable);
    if (value instanceof Date date) {
      return date.toInstant().atZone(zone).toLocalDate();
    }
    if (value == null || value.toString().isBlank()) {
      throw new BadInputException("Le champ « " + label + " » (" + variable + ") n’est pas rempli : choisissez la date"
          + " dans le calendrier, puis terminez la tâche.");
    }
    try {
      return LocalDate.parse(value.toString().strip());
    } catch (DateTimeParseException e) {
      throw new BadInputException("Le champ « " + label + " » (" + variable + ") doit être une date comme 2027-03-31,"
          + " pas « " + value + " » : choisissez-la dans le calendrier.");
    }
  }
}
