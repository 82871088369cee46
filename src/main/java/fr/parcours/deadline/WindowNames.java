package fr.parcours.deadline;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** A window of the deadlines table as people read it: in the sentences that refuse a reviewer's input, in mails. */
public final class WindowNames {

  private WindowNames() {
  }

  /**
   * The row as the dossier page names it ({@code window.<id>} in {@code i18n/dossiers.properties}, the French text),
   * in guillemets; its id only when that file has no name for it.
   */
  public static String french(String ruleId) {
    return of(ruleId, Locale.FRENCH);
  }

  /**
   * The row as the dossier page names it in that language, quoted as the language quotes («  » in French, “ ” in
   * English, from {@code i18n/dossiers_en.properties}); its id only when the file has no name for it.
   */
  public static String of(String ruleId, Locale locale) {
    boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    try {
      String name = ResourceBundle.getBundle(english ? "i18n/dossiers_en" : "i18n/dossiers", Locale.ROOT,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
          .getString("window." + ruleId);
      return english ? "“" + name + "”" : "« " + name + " »";
    } catch (MissingResourceException e) {
      return ruleId;
    }
  }
}
