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
 *   <li>{@code ${clocks.reminder(execution, 'ANS_COMPLEMENTS')}} — the date the vendor is reminded: the due date
 *   minus the window's {@code reminderBefore} (a timer date).</li>
 * </ul>
 */
final class ClockExpressions {

  /** Extension property on an activity: while it is active, the named clock is paused. */
  static final String PAUSES_CLOCK_PROPERTY = "pausesClock";

  private static final Pattern CALL = Pattern.compile(
      "^\\s*\\$\\{\\s*clocks\\.(due|cycle|reminder)\\(\\s*execution\\s*,\\s*'([A-Za-z0-9_]+)'\\s*\\)\\s*}\\s*$");

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

  /** True for a reminder timer: it fires the window's {@code reminderBefore} ahead of the due date. */
  static boolean isReminder(String expression) {
    Matcher matcher = expression == null ? null : CALL.matcher(expression);
    return matcher != null && matcher.matches() && "reminder".equals(matcher.group(1));
  }

  static String example(String kind) {
    return "cycle".equals(kind)
        ? "${clocks.cycle(execution, 'ANS_INACTIVITY')}"
        : "${clocks.due(execution, 'ANS_COMPLEMENTS')}";
  }
}
