package fr.parcours.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * French working days: Monday to Friday, except the eleven national public holidays of
 * metropolitan France (Code du travail, article L3133-1):
 * 1 January, Easter Monday, 1 May, 8 May, Ascension Thursday (Easter + 39 days),
 * Whit Monday (Easter + 50 days), 14 July, 15 August, 1 November, 11 November and 25 December.
 *
 * <p>The two extra days of Alsace-Moselle (Good Friday and 26 December) and the overseas
 * departments' own days (such as the abolition of slavery) are <em>not</em> included. Whit Monday
 * is counted as a holiday although it may be a "journée de solidarité" worked in some employers.
 */
public final class FrenchWorkingDays {

  private FrenchWorkingDays() {
  }

  /** Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
  public static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }

  /** The eleven national public holidays of the year, in date order (unmodifiable). */
  public static SortedSet<LocalDate> publicHolidays(int year) {
    LocalDate easter = easterSunday(year);
    SortedSet<LocalDate> days = new TreeSet<>();
    days.add(LocalDate.of(year, Month.JANUARY, 1));
    days.add(easter.plusDays(1));
    days.add(LocalDate.of(year, Month.MAY, 1));
    days.add(LocalDate.of(year, Month.MAY, 8));
    days.add(easter.plusDays(39));
    days.add(easter.plusDays(50));
    days.add(LocalDate.of(year, Month.JULY, 14));
    days.add(LocalDate.of(year, Month.AUGUST, 15));
    days.add(LocalDate.of(year, Month.NOVEMBER, 1));
    days.add(LocalDate.of(year, Month.NOVEMBER, 11));
    days.add(LocalDate.of(year, Month.DECEMBER, 25));
    return Collections.unmodifiableSortedSet(days);
  }

  /** Monday to Friday and not a national public holiday. */
  public static boolean isWorkingDay(LocalDate day) {
    DayOfWeek dayOfWeek = day.getDayOfWeek();
    return dayOfWeek != DayOfWeek.SATURDAY
        && dayOfWeek != DayOfWeek.SUNDAY
        && !publicHolidays(day.getYear()).contains(day);
  }

  /** The day itself if it is a working day, otherwise the first working day after it. */
  public static LocalDate firstWorkingDayFrom(LocalDate day) {
    LocalDate candidate = day;
    while (!isWorkingDay(candidate)) {
      candidate = candidate.plusDays(1);
    }
    return candidate;
  }
}
