package fr.parcours.evidence;

import fr.parcours.shared.BadInputException;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * An archive or a request about evidence is refused; the message names the problem. Nothing was kept. Its message is
 * French; a refusal built from the evidence page's words ({@link #of}, {@code evidence.refused.*} in
 * {@code i18n/dossiers*.properties}) has its English too, which the page shows to an English browser ({@link #in}).
 */
public class EvidenceRejectedException extends BadInputException {

  private final String english;

  public EvidenceRejectedException(String message) {
    this(message, null);
  }

  private EvidenceRejectedException(String french, String english) {
    super(french);
    this.english = english;
  }

  /** A value written by each language's rules (a naming rule, a size). */
  record Each(String french, String english) {
  }

  /** The refusal {@code key} of the page's words, with its values ({@link Each} in each language's own). */
  static EvidenceRejectedException of(String key, Object... values) {
    return new EvidenceRejectedException(text(key, false, values), text(key, true, values));
  }

  /** A text of the page's words in one language, its values put in as they are (never formatted as numbers). */
  static String text(String key, boolean english, Object... values) {
    Object[] own = Arrays.stream(values)
        .map(v -> v instanceof Each each ? (english ? each.english() : each.french()) : String.valueOf(v)).toArray();
    ResourceBundle words = ResourceBundle.getBundle(english ? "i18n/dossiers_en" : "i18n/dossiers", Locale.ROOT,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new MessageFormat(words.getString(key), english ? Locale.ENGLISH : Locale.FRENCH).format(own);
  }

  /** The refusal in the page's language: its English for an English page when it has one, else the French. */
  public String in(Locale page) {
    return english != null && Locale.ENGLISH.getLanguage().equals(page.getLanguage()) ? english : getMessage();
  }
}
