package fr.parcours.deadline;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regulatory window written as an ISO-8601 duration: a calendar part ({@code P6M}, {@code P30D},
 * {@code P4W}, {@code P1Y}) and an exact time part ({@code PT72H}), both of the same sign.
 *
 * <p>A leading minus ({@code -P120D}) marks a window counted backwards, such as "at the latest 120
 * days before". Weeks are kept as days ({@code P4W} becomes {@code P28D}).
 *
 * <p>How a window of the deadlines table is counted on the calendar is {@link FrenchTimeLimits}' business;
 * a window is never written in hours there.
 *
 * @param period the calendar part
 * @param time the exact part (hours, minutes, seconds): only reminder lead times may have one
 */
public record RegulatoryDuration(Period period, Duration time) {

  private static final String HOW_TO_WRITE =
      "write it like P30D (30 days), P4W (4 weeks), P6M (6 months) or PT72H (72 hours)";

  private static final Pattern ISO =
      Pattern.compile(
          "(-)?P(?:(\\d{1,9})Y)?(?:(\\d{1,9})M)?(?:(\\d{1,9})W)?(?:(\\d{1,9})D)?"
              + "(T(?:(\\d{1,12})H)?(?:(\\d{1,12})M)?(?:(\\d{1,12})S)?)?");

  public RegulatoryDuration {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(time, "time");
    boolean somethingNegative = period.isNegative() || time.isNegative();
    boolean somethingPositive =
        period.getYears() > 0 || period.getMonths() > 0 || period.getDays() > 0
            || (!time.isNegative() && !time.isZero());
    if (somethingNegative && somethingPositive) {
      throw new IllegalArgumentException(
          "A regulatory duration must not mix signs (period " + period + ", time " + time
              + "): make every part positive, or put a single minus in front, like -P120D");
    }
  }

  /**
   * Reads an ISO-8601 duration such as {@code P30D}, {@code P6M}, {@code PT72H}, {@code P1DT12H} or
   * {@code -P120D}. Surrounding white space is ignored; fractions, signs inside the text and free
   * text are refused.
   *
   * @throws IllegalArgumentException naming the bad text and showing how to write it
   */
  public static RegulatoryDuration parse(String iso) {
    if (iso == null) {
      throw new IllegalArgumentException("No duration given (null): " + HOW_TO_WRITE);
    }
    Matcher m = ISO.matcher(iso.strip());
    if (!m.matches() || !hasAComponent(m)) {
      throw notIso(iso);
    }
    try {
      int days = Math.addExact(Math.multiplyExact(number(m, 4), 7), number(m, 5));
      Period period = Period.of(number(m, 2), number(m, 3), days);
      Duration time =
          Duration.ofHours(longNumber(m, 7))
              .plusMinutes(longNumber(m, 8))
              .plusSeconds(longNumber(m, 9));
      if (m.group(1) != null) {
        return new RegulatoryDuration(period.negated(), time.negated());
      }
      return new RegulatoryDuration(period, time);
    } catch (ArithmeticException e) {
      throw notIso(iso);
    }
  }

  private static boolean hasAComponent(Matcher m) {
    boolean datePart = m.group(2) != null || m.group(3) != null || m.group(4) != null
        || m.group(5) != null;
    boolean timeDesignator = m.group(6) != null;
    boolean timePart = m.group(7) != null || m.group(8) != null || m.group(9) != null;
    return timeDesignator ? timePart : datePart;
  }

  private static IllegalArgumentException notIso(String iso) {
    return new IllegalArgumentException(
        "'" + iso + "' is not an ISO-8601 duration: " + HOW_TO_WRITE);
  }

  private static int number(Matcher m, int group) {
    return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
  }

  private static long longNumber(Matcher m, int group) {
    return m.group(group) == null ? 0L : Long.parseLong(m.group(group));
  }

  /** True for windows counted backwards, such as {@code -P120D}. */
  public boolean isNegative() {
    return period.isNegative() || time.isNegative();
  }

  /** The canonical ISO-8601 text: {@code P30D}, {@code -P120D}, {@code P1DT12H}, {@code PT72H}. */
  @Override
  public String toString() {
    Period p = isNegative() ? period.negated() : period;
    Duration t = isNegative() ? time.negated() : time;
    StringBuilder text = new StringBuilder(isNegative() ? "-P" : "P");
    appendIfNotZero(text, p.getYears(), 'Y');
    appendIfNotZero(text, p.getMonths(), 'M');
    appendIfNotZero(text, p.getDays(), 'D');
    if (!t.isZero()) {
      text.append('T');
      appendIfNotZero(text, t.toHours(), 'H');
      appendIfNotZero(text, t.toMinutesPart(), 'M');
      appendIfNotZero(text, t.toSecondsPart(), 'S');
    }
    return text.length() <= 2 ? "P0D" : text.toString();
  }

  private static void appendIfNotZero(StringBuilder text, long amount, char unit) {
    if (amount != 0) {
      text.append(amount).append(unit);
    }
  }

  /** Plain English: "30 days", "6 months", "1 day and 12 hours", "120 days before". */
  public String describe() {
    Period p = isNegative() ? period.negated() : period;
    Duration t = isNegative() ? time.negated() : time;
    List<String> parts = new ArrayList<>();
    addPart(parts, p.getYears(), "year");
    addPart(parts, p.getMonths(), "month");
    addPart(parts, p.getDays(), "day");
    addPart(parts, t.toHours(), "hour");
    addPart(parts, t.toMinutesPart(), "minute");
    addPart(parts, t.toSecondsPart(), "second");
    if (parts.isEmpty()) {
      return "0 days";
    }
    String joined = parts.size() == 1
        ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    return isNegative() ? joined + " before" : joined;
  }

  private static void addPart(List<String> parts, long amount, String unit) {
    if (amount != 0) {
      parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
    }
  }
}
