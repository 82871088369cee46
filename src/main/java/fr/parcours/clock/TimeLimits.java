package fr.parcours.clock;

import fr.parcours.shared.DeploymentChecks;
import java.util.Optional;

/**
 * Every user task says by when it is due, or that no regulatory time limit applies to it: its due date names a
 * window of the deadlines table, or its extension property {@value #PROPERTY} is {@value #NONE} (the seeds set no
 * time limit for it). The deployment refuses a task with neither or both ({@link ClockParseListener}); the model
 * files' test asks the same question of every diagram in the repository, then checks that the task's documentation
 * and form say that no time limit applies.
 */
public final class TimeLimits {

  /** Extension property on a user task: {@value #NONE} when no regulatory time limit applies to it. */
  public static final String PROPERTY = "timeLimits";
  public static final String NONE = "none";

  private TimeLimits() {
  }

  /** Whether a due date expression takes the task's due date from a window of the deadlines table. */
  public static boolean namesAWindow(String dueDate) {
    return ClockExpressions.clockId(dueDate).isPresent()
        && "due".equals(ClockExpressions.kind(dueDate).orElse(""));
  }

  /**
   * Whether a task's follow-up date ({@code camunda:followUpDate}) is a day a person set, which a variable holds (the
   * hearing's day for « Adopter l’avis définitif »): the task is done from that day on, no reminder of Parcours.
   */
  public static boolean followsADaySet(String followUpDate) {
    return ClockExpressions.dayHeld(followUpDate);
  }

  /**
   * What is wrong with a user task's time limit, or empty: its due date ({@code camunda:dueDate}, null when it has
   * none) and the value of its property {@value #PROPERTY} (null when it has none). In French, for the process
   * owner who deploys the diagram; Modeler's own labels ('Response window', 'Extensions') as Modeler shows them.
   */
  public static Optional<String> problem(String taskId, String taskName, String dueDate, String timeLimits) {
    boolean window = namesAWindow(dueDate);
    boolean none = NONE.equals(timeLimits == null ? null : timeLimits.trim());
    String task = "la tâche utilisateur " + DeploymentChecks.named(taskId, taskName);
    if (window && none) {
      return Optional.of(task + " a une échéance tirée de la table des délais et la propriété " + PROPERTY + " = "
          + NONE + " : gardez l’une des deux (retirez la propriété si le délai s’applique, ou l’échéance si aucun"
          + " délai ne s’applique)");
    }
    if (!window && !none) {
      return Optional.of(task + " n’a pas d’échéance tirée de la table des délais et ne dit pas qu’aucun délai ne"
          + " s’applique : choisissez son délai avec le modèle d’élément « Response window » (échéance "
          + ClockExpressions.example("due") + ") ou, si aucun délai réglementaire ne s’applique à elle, ajoutez la"
          + " propriété " + PROPERTY + " = " + NONE + " (onglet « Extensions ») et écrivez « " + Clocks.NO_DEADLINE
          + " » dans sa documentation et dans son formulaire");
    }
    return Optional.empty();
  }
}
