package fr.parcours.shared;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;

/**
 * Checks of what a person submits with a task, shared by the pathways' task checks. Each refusal names the
 * field and says how to fix it; thrown from a task listener, it rolls the completion back.
 */
public final class TaskInputs {

  private TaskInputs() {
  }

  /**
   * The refusal of a task that carries a checks listener which has no checks for it (a process owner added the
   * user task and copied the listener): the task cannot be completed, and the sentence says what to change where.
   */
  public static DiagramMistake noChecks(DelegateTask task) {
    String listener = "l’écouteur de contrôles";
    UserTask userTask = task.getBpmnModelElementInstance();
    if (userTask != null && userTask.getExtensionElements() != null) {
      listener = userTask.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list()
          .stream().map(CamundaTaskListener::getCamundaDelegateExpression)
          .filter(expression -> expression != null && expression.endsWith("TaskChecks}")).findFirst()
          .map(expression -> "l’écouteur " + expression).orElse(listener);
    }
    String process = task.getProcessDefinitionId() == null ? "?" : task.getProcessDefinitionId().split(":")[0];
    return new DiagramMistake("La tâche " + DeploymentChecks.named(task.getTaskDefinitionKey(),
        task.getName()) + " du processus « " + process + " » porte " + listener + " (événement « complete »),"
        + " mais Parcours n’a aucun contrôle pour cette tâche : elle ne peut pas être terminée. Dans Modeler,"
        + " retirez cet écouteur de la tâche (onglet « Listeners ») si ses réponses n’ont rien à vérifier, ou"
        + " faites écrire ses contrôles dans Parcours ; le diagramme se déploie ensuite avec eux.");
  }

  /**
   * A decision chosen among its form's choices, and the comment the form asks for with any other decision than
   * {@code withoutComment}; each refusal names the field and the choice as the form shows them.
   */
  public static void decision(DelegateTask task, String variable, Set<String> allowed, String withoutComment,
      String commentVariable, String commentMeaning) {
    Object value = task.getVariable(variable);
    FormFields.Field field = FormFields.of(task).get(variable);
    String label = field == null || field.label().isBlank() ? "Décision" : field.label();
    if (value == null || !allowed.contains(value.toString())) {
      throw new BadInputException("Choisissez une réponse dans la liste « " + label + " »"
          + (value == null ? "" : " : « " + value + " » n’en fait pas partie" + (field == null ? ""
              : " (" + String.join(", ", allowed.stream().filter(field.choices()::containsKey)
                  .map(field::choice).map(c -> "« " + c + " »").sorted().toList()) + ")")) + ".");
    }
    if (commentVariable != null && !value.equals(withoutComment)) {
      Object comment = task.getVariable(commentVariable);
      if (comment == null || comment.toString().isBlank()) {
        throw new BadInputException("Écrivez " + commentMeaning + " dans « " + FormFields.label(task,
            commentVariable, "Commentaire") + " » : la réponse « " + (field == null ? value : field.choice(value))
            + " » doit être motivée.");
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

  /**
   * Runs every check of a form and refuses once with every problem found, each sentence as its check wrote it, so
   * that the person corrects the form in one go rather than once per field (walk 7: the DS filing's number and
   * date were refused one after the other). A check that passes adds nothing.
   */
  public static void allOf(Runnable... checks) {
    java.util.List<String> problems = new java.util.ArrayList<>();
    for (Runnable check : checks) {
      try {
        check.run();
      } catch (BadInputException problem) {
        problems.add(problem.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(String.join(" ", problems));
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
      throw new BadInputException("Le champ « " + label + " » n’est pas rempli : choisissez la date"
          + " dans le calendrier, puis terminez la tâche.");
    }
    try {
      return LocalDate.parse(value.toString().strip());
    } catch (DateTimeParseException e) {
      throw new BadInputException("Le champ « " + label + " » doit être une date comme 2027-03-31,"
          + " pas « " + value + " » : choisissez-la dans le calendrier.");
    }
  }
}
