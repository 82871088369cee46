package fr.parcours.deadline;

import fr.parcours.shared.BadInputException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;

/**
 * The length of a window that the agency sets when it asks, at least the row's duration (a row written
 * {@code >= P10D}: the brand-name CNEDiMTS asks for complements "within a period it sets, at least 10 days",
 * seed 000). The form that asks gives either a number of days or the last day, included; one below the
 * minimum is refused with a message that names it.
 *
 * <p>The form's fields are two process variables named after the window: {@code window_<ID>_days} (a whole
 * number of days) or {@code window_<ID>_lastDay} (a date, the last day included).
 */
public final class AskedLength {

  /** The task-local variable that tells the asking form to show its length field: the row is agency-set. */
  public static final String AGENCY_SETS_LENGTH = "agencySetsLength";
  /**
   * The least length the form may give, in French ("10 jours"): the asking forms are the agencies' (CNEDiMTS,
   * ministers), who read French only.
   */
  public static final String MINIMUM = "minimumLength";

  private AskedLength() {
  }

  /**
   * What the form of the task that asks shows: whether the agency sets the window's length for this dossier's
   * pathway (the form then requires {@code window_<ID>_days}) and the least it may give, in French.
   */
  public static java.util.Map<String, Object> formVariables(DeadlineRule rule) {
    return java.util.Map.of(AGENCY_SETS_LENGTH, rule.agencySetsLength(),
        MINIMUM, LegalDates.length(rule.duration().period(), Locale.FRENCH));
  }

  /** The variable holding the number of days the agency gives. */
  public static String daysVariable(String windowId) {
    return "window_" + windowId + "_days";
  }

  /** The variable holding the last day, included, the agency gives. */
  public static String lastDayVariable(String windowId) {
    return "window_" + windowId + "_lastDay";
  }

  /**
   * The window's length for a request made on {@code askedOn}: the row's own duration when the table sets it,
   * otherwise the days or last day the agency gave, never below the row's minimum.
   *
   * @param days a whole number of days (Number or text), or null
   * @param lastDay the last day, included (LocalDate, Date in the zone of {@code askedOn}, or ISO text), or null
   * @param toDate turns a {@link Date} into the calendar date of the procedure's zone
   * @throws BadInputException when neither or both are given, or the length is below the minimum
   */
  public static RegulatoryDuration of(DeadlineRule rule, LocalDate askedOn, Object days, Object lastDay,
      java.util.function.Function<Date, LocalDate> toDate) {
    if (!rule.agencySetsLength()) {
      return rule.duration();
    }
    boolean hasDays = days != null && !days.toString().isBlank();
    boolean hasLastDay = lastDay != null && !lastDay.toString().isBlank();
    String minimum = LegalDates.length(rule.duration().period(), Locale.FRENCH);
    if (hasDays == hasLastDay) {
      throw new BadInputException("Donnez le délai accordé au fabricant pour " + named(rule) + " soit en nombre de"
          + " jours, soit par un dernier jour, " + (hasDays ? "pas les deux" : "l’un des deux") + " : au moins "
          + minimum + ".");
    }
    long given = hasDays ? wholeDays(rule, days) : lastDate(rule, lastDay, toDate).toEpochDay() - askedOn.toEpochDay();
    LocalDate earliest = FrenchTimeLimits.count(askedOn, rule.duration(), false).lastDay();
    LocalDate proposed = askedOn.plusDays(given);
    if (proposed.isBefore(earliest)) {
      throw new BadInputException("Le délai accordé pour " + named(rule) + " doit être d’au moins " + minimum
          + " (table des délais) : " + LegalDates.days(given, Locale.FRENCH) + ", "
          + LegalDates.until(proposed, Locale.FRENCH) + ", c’est trop court ; donnez "
          // only what the person gave: a form that takes a number of days has no last day to fill (walk 7, 56-…)
          + (hasDays ? LegalDates.days(earliest.toEpochDay() - askedOn.toEpochDay(), Locale.FRENCH) + " ou plus."
              : "un dernier jour le " + LegalDates.date(earliest, Locale.FRENCH) + " ou après."));
    }
    return new RegulatoryDuration(Period.ofDays(Math.toIntExact(given)), java.time.Duration.ZERO);
  }

  private static long wholeDays(DeadlineRule rule, Object days) {
    try {
      return days instanceof Number number ? number.longValue() : Long.parseLong(days.toString().strip());
    } catch (NumberFormatException e) {
      throw new BadInputException("Le délai accordé pour " + named(rule) + " doit être un nombre entier de jours,"
          + " pas « " + days + " ».");
    }
  }

  private static LocalDate lastDate(DeadlineRule rule, Object lastDay,
      java.util.function.Function<Date, LocalDate> toDate) {
    if (lastDay instanceof LocalDate date) {
      return date;
    }
    if (lastDay instanceof Date date) {
      return toDate.apply(date);
    }
    try {
      return LocalDate.parse(lastDay.toString().strip());
    } catch (DateTimeParseException e) {
      throw new BadInputException("Le dernier jour accordé pour " + named(rule) + " doit être une date comme"
          + " 2026-04-02, pas « " + lastDay + " ».");
    }
  }

  static String named(DeadlineRule rule) {
    return WindowNames.french(rule.id());
  }
}
