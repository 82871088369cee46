package fr.parcours.clock;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a diagram names a response window: every timer and every due date is one call of the
 * {@code clocks} bean with the window's id from the deadlines table, and nothing else.
 *
 * <ul>
 *   <li>{@code ${clocks.due(execution, 'ANS_COMPLEMENTS')}} — a due date (timer date, task due date);</li>
 *   <li>{@code ${clocks.cycle(execution, 'ANS_INACTIVITY')}} — a repeating timer;</li>
 *   <li>{@code ${clocks.reminder(execution, 'PECAN_LPPR_FILING')}} — the date the vendor is reminded, the
 *   window's "remind before" ahead of its due date.</li>
 *   <li>{@code ${clocks.due(execution, 'ANS_ANALYSIS', 'evidenceCompleteAt')}} — a due date of a window opened
 *   by an earlier event, whose date a variable holds (the window opens then, not when the timer is armed).</li>
 *   <li>{@code ${clocks.dueIf(execution, 'BRAND_CNEDIMTS_OPINION_ANTICIPATED', 'anticipatedCoverage')}} — a due
 *   date of a window that applies only when the variable is true (it opens only then).</li>
 * </ul>
 */
final class ClockExpressions {

  /** Extension property on an activity: while it is active, the named clock is paused. */
  static final String PAUSES_CLOCK_PROPERTY = "pausesClock";

  /**
   * Extension property on a timer event (and on a notification step): the window it is about. A timer still
   * writes its date as a clock call, which must name the same window; Modeler's element templates cannot
   * write inside a timer definition, so the deployment check tells the process owner the expression to paste.
   */
  static final String WINDOW_PROPERTY = "window";

  private static final Pattern CALL = Pattern.compile(
      "^\\s*\\$\\{\\s*clocks\\.(dueIf|due|cycle|reminder)\\(\\s*execution\\s*,\\s*'([A-Za-z0-9_]+)'"
          + "(?:\\s*,\\s*'([A-Za-z0-9_]+)')?\\s*\\)\\s*}\\s*$");

  /**
   * A follow-up date that is a day a person set, which a variable holds as a date (the hearing's day,
   * {@code ${execution.getVariable('hearingDay')}}): no window and no length, the task waits for that day.
   */
  private static final Pattern DAY_HELD = Pattern.compile(
      "^\\s*\\$\\{\\s*execution\\.getVariable\\(\\s*'([A-Za-z0-9_]+)'\\s*\\)\\s*}\\s*$");

  private ClockExpressions() {
  }

  /** The window id named by a timer or due-date expression, or empty when it is not a clock call. */
  static Optional<String> clockId(String expression) {
    if (expression == null) {
      return Optional.empty();
    }
    Matcher matcher = CALL.matcher(expression);
    return matcher.matches() ? Optional.of(matcher.group(2)) : Optional.empty();
  }

  /** Whether a follow-up date expression takes a day a variable holds (a day a person set), nothing else. */
  static boolean dayHeld(String expression) {
    return expression != null && DAY_HELD.matcher(expression).matches();
  }

  /** Which call it is: due, cycle or reminder ({@code dueIf} is a due date); empty when it is not a clock call. */
  static Optional<String> kind(String expression) {
    if (expression == null) {
      return Optional.empty();
    }
    Matcher matcher = CALL.matcher(expression);
    return matcher.matches() ? Optional.of(matcher.group(1).replace("dueIf", "due")) : Optional.empty();
  }

  /** The expression that takes a timer's or due date's value from that window. */
  static String call(String kind, String clockId) {
    return "${clocks." + kind + "(execution, '" + clockId + "')}";
  }

  static String example(String kind) {
    return "cycle".equals(kind)
        ? "${clocks.cycle(execution, 'ANS_INACTIVITY')}"
        : "${clocks.due(execution, 'ANS_COMPLEMENTS')}";
  }
}
