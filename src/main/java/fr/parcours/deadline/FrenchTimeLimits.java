package fr.parcours.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How French law counts a time limit ("délai"), on calendar dates, never by adding hours. The one place
 * Parcours does this arithmetic; the clocks, the timers, the tasks' due dates and the mails all use it.
 *
 * <ul>
 *   <li>The day of the event that opens a window is not counted (Code de procédure civile, art. 641;
 *   EU regulation 1182/71, art. 3): a window of N days opened on date D runs from D + 1 and its last day is
 *   D + N, whatever the hour of the event.</li>
 *   <li>A window in months or years ends on the day of the last month that has the same number as the day of
 *   the event, or on the last day of that month when it has none (art. 641): 31 January + 1 month is
 *   28 (or 29) February. Months and years are counted first, then days. Weeks are 7 days.</li>
 *   <li>A window expires at the end of its last day, at midnight (art. 642): its {@linkplain #expiry expiry}
 *   is 00:00 of the next day in the zone of the procedure (Europe/Paris), the instant a timer fires.</li>
 *   <li>Where the deadlines table says so, a last day that is a Saturday, a Sunday or a public holiday is
 *   extended to the next working day (art. 642, second paragraph).</li>
 *   <li>A suspension covers whole dates, both ends included: from the date of the request (the notification
 *   that suspends) to the date the answer was received. None of these dates is counted, and the window runs
 *   again from the day after the receipt (art. 641 again: the day of the event that makes it run is not
 *   counted), as Démarches Simplifiées counts a correction from its start date to its end date, both
 *   included. A suspension that starts and ends on the same date takes one day out of the window, unless
 *   that date was not counted anyway (the day of the opening event).</li>
 *   <li>A window counted backwards ({@code -P120D}: "at the latest 120 days before") has its last day N days
 *   before the reference date; it is never extended to a later working day (that would pass the limit) and
 *   never suspended.</li>
 * </ul>
 *
 * <p>Windows written in hours are not legal time limits here: the deadlines table refuses them.
 */
public final class FrenchTimeLimits {

  private FrenchTimeLimits() {
  }

  /**
   * Dates on which a window does not run, both ends included.
   *
   * @param from the date of the request that suspends the window
   * @param to the date the answer was received (today, for a suspension still open)
   */
  public record Suspension(LocalDate from, LocalDate to) {
    public Suspension {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("A suspension cannot end (" + to + ") before it starts (" + from + ")");
      }
    }

    boolean covers(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(to);
    }

    /** How many dates it covers, both ends included. */
    public long days() {
      return to.toEpochDay() - from.toEpochDay() + 1;
    }
  }

  /**
   * A window counted.
   *
   * @param lastDay the last day on which the window still runs (included)
   * @param lastDayBeforeExtension the last day before a working-day extension (the same when none applied)
   * @param suspendedDays how many of the window's days the suspensions took out (the days it was lengthened by)
   */
  public record Count(LocalDate lastDay, LocalDate lastDayBeforeExtension, int suspendedDays) {

    /** Whether the last day was moved to a working day. */
    public boolean extended() {
      return !lastDay.equals(lastDayBeforeExtension);
    }
  }

  /**
   * Counts a window opened by an event on {@code eventDate}.
   *
   * @param duration the window's length, in years, months, weeks and days (no hours)
   * @param extendToWorkingDay whether a last day on a weekend or French public holiday moves to the next
   *     working day
   * @param suspensions the dates on which it did not run (their order and overlaps do not matter)
   * @throws IllegalArgumentException when the duration has a part in hours, minutes or seconds
   */
  public static Count count(LocalDate eventDate, RegulatoryDuration duration, boolean extendToWorkingDay,
      List<Suspension> suspensions) {
    Objects.requireNonNull(eventDate, "eventDate");
    Objects.requireNonNull(duration, "duration");
    if (!duration.time().isZero()) {
      throw new IllegalArgumentException("A legal time limit is counted in days, weeks, months or years, not "
          + duration + ": write it like P3D");
    }
    if (duration.isNegative()) {
      LocalDate last = eventDate.plus(duration.period());
      return new Count(last, last, 0);
    }
    LocalDate last = eventDate.plus(duration.period());
    int suspended = 0;
    if (!suspensions.isEmpty()) {
      for (LocalDate day = eventDate.plusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
        if (suspended(day, suspensions)) {
          last = last.plusDays(1);
          suspended++;
        }
      }
    }
    LocalDate extended = extendToWorkingDay ? FrenchWorkingDays.firstWorkingDayFrom(last) : last;
    return new Count(extended, last, suspended);
  }

  /** {@link #count} without suspensions. */
  public static Count count(LocalDate eventDate, RegulatoryDuration duration, boolean extendToWorkingDay) {
    return count(eventDate, duration, extendToWorkingDay, List.of());
  }

  private static boolean suspended(LocalDate day, List<Suspension> suspensions) {
    for (Suspension suspension : suspensions) {
      if (suspension.covers(day)) {
        return true;
      }
    }
    return false;
  }

  /** When a window whose last day is {@code lastDay} has passed: 00:00 of the next day in the zone. */
  public static Instant expiry(LocalDate lastDay, ZoneId zone) {
    return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /**
   * The last whole second of the last day (23:59:59 in the zone): the due date a person reads in Tasklist,
   * which shows the day the window still runs, not the midnight after it.
   */
  public static Instant lastMoment(LocalDate lastDay, ZoneId zone) {
    return expiry(lastDay, zone).minusSeconds(1);
  }

  /** The calendar date of an instant in the zone. */
  public static LocalDate dateOf(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toLocalDate();
  }
}
