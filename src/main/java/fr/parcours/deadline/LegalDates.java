package fr.parcours.deadline;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How Parcours writes a time limit to a person, in French (first: the users are French agencies and vendors)
 * or in English: the last day, included, as a French administrative text says it ("jusqu’au 2 avril 2026
 * inclus", "until 2 April 2026 included"), never a timestamp or an ISO date. Mails, task forms, clock reports
 * and the refusals of a length all write through here, so they all say the same thing.
 */
public final class LegalDates {

  private LegalDates() {
  }

  private static boolean english(Locale locale) {
    return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
  }

  /** "2 avril 2026", "1er avril 2026" (French writes the first of the month 1er), "2 April 2026". */
  public static String date(LocalDate day, Locale locale) {
    String text = DateTimeFormatter.ofPattern("d MMMM yyyy", english(locale) ? Locale.ENGLISH : Locale.FRENCH)
        .format(day);
    return !english(locale) && day.getDayOfMonth() == 1 ? "1er" + text.substring(1) : text;
  }

  /** "samedi 31 octobre 2026", "Saturday 31 October 2026". */
  public static String dayAndDate(LocalDate day, Locale locale) {
    return DateTimeFormatter.ofPattern("EEEE", english(locale) ? Locale.ENGLISH : Locale.FRENCH).format(day) + " "
        + date(day, locale);
  }

  /** "jusqu’au 2 avril 2026 inclus", "until 2 April 2026 included": a window's last day, as a person reads it. */
  public static String until(LocalDate lastDay, Locale locale) {
    return english(locale) ? "until " + date(lastDay, locale) + " included"
        : "jusqu’au " + date(lastDay, locale) + " inclus";
  }

  /** "1 jour", "13 jours", "1 day", "13 days". */
  public static String days(long days, Locale locale) {
    return days + (english(locale) ? (days == 1 ? " day" : " days") : (Math.abs(days) <= 1 ? " jour" : " jours"));
  }

  /** "7 jours", "1 mois", "1 an et 2 mois", "7 days", "1 month and 2 days" (a negative length as its size). */
  public static String length(Period period, Locale locale) {
    boolean en = english(locale);
    Period p = period.isNegative() ? period.negated() : period;
    List<String> parts = new ArrayList<>();
    if (p.getYears() != 0) {
      parts.add(p.getYears() + (en ? (p.getYears() == 1 ? " year" : " years") : (p.getYears() == 1 ? " an" : " ans")));
    }
    if (p.getMonths() != 0) {
      parts.add(p.getMonths() + (en ? (p.getMonths() == 1 ? " month" : " months") : " mois"));
    }
    if (p.getDays() != 0 || parts.isEmpty()) {
      parts.add(days(p.getDays(), locale));
    }
    return String.join(en ? " and " : " et ", parts);
  }
}
