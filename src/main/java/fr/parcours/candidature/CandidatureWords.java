package fr.parcours.candidature;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sentence of the candidature's refusals in French and in English, both from {@code i18n/candidature.properties}
 * and {@code i18n/candidature_en.properties} (the one place for their words; {@code CandidatureWordsTest} fails on a
 * French key without its English). {@code {0}}, {@code {1}}... are replaced by the values given, as they are: a value
 * that is itself a {@code CandidatureWords} is put in the sentence's language.
 *
 * @param french  what every person reads
 * @param english what a vendor who asked for English reads after it ({@link #forVendor})
 */
public record CandidatureWords(String french, String english) {

  private static final String BUNDLE = "i18n/candidature";
  private static final Pattern PLACE = Pattern.compile("\\{([0-9]+)}");

  /** The sentence {@code key} with its values, in both languages. */
  public static CandidatureWords of(String key, Object... values) {
    return new CandidatureWords(format(bundle(false).getString(key), false, values),
        format(bundle(true).getString(key), true, values));
  }

  /** The same text in both languages: a value the vendor typed, a date written elsewhere in each language. */
  public static CandidatureWords same(String text) {
    return new CandidatureWords(text, text);
  }

  /** Each language from its own text (a date, a length, a window's name, each written by its language's rules). */
  public static CandidatureWords each(String french, String english) {
    return new CandidatureWords(french, english);
  }

  /**
   * What the vendor reads: the French, then the English in brackets when she asked for English, as a refused task
   * reads for a vendor whose dossier corresponds in English (README, "Who reads which language").
   */
  public String forVendor(boolean inEnglish) {
    return inEnglish ? french + " (" + english + ")" : french;
  }

  static ResourceBundle bundle(boolean english) {
    return ResourceBundle.getBundle(english ? BUNDLE + "_en" : BUNDLE, Locale.ROOT,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** One pass, so that a value the vendor typed ("{1}") is never replaced in its turn. */
  private static String format(String pattern, boolean english, Object... values) {
    return PLACE.matcher(pattern).replaceAll(place -> {
      int i = Integer.parseInt(place.group(1));
      Object value = i < values.length ? values[i] : place.group();
      return Matcher.quoteReplacement(value instanceof CandidatureWords words
          ? (english ? words.english : words.french) : String.valueOf(value));
    });
  }
}
