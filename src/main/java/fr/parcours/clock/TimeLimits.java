package fr.parcours.clock;

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
   * What is wrong with a user task's time limit, or empty: its due date ({@code camunda:dueDate}, null when it has
   * none) and the value of its property {@value #PROPERTY} (null when it has none).
   */
  public static Optional<String> problem(String taskId, String taskName, String dueDate, String timeLimits) {
    boolean window = namesAWindow(dueDate);
    boolean none = NONE.equals(timeLimits == null ? null : timeLimits.trim());
    String task = "user task " + taskId + (taskName == null || taskName.isBlank() ? "" : " ('" + taskName.strip() + "')");
    if (window && none) {
      return Optional.of(task + " has a due date from the deadlines table and the property " + PROPERTY + " = " + NONE
          + ": keep one (remove the property if the window applies, or the due date if none does)");
    }
    if (!window && !none) {
      return Optional.of(task + " has no due date from the deadlines table and does not say that no time limit"
          + " applies: choose its window with the element template 'Response window' (due date "
          + ClockExpressions.example("due") + "), or, if no regulatory time limit applies to it, add the property "
          + PROPERTY + " = " + NONE + " (Extensions) and write '" + Clocks.NO_DEADLINE
          + "' in its documentation and its form");
    }
    return Optional.empty();
  }
}
