package fr.parcours.deadline;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** A window of the deadlines table as people read it, for the sentences that refuse a reviewer's input. */
public final class WindowNames {

  private WindowNames() {
  }

  /**
   * The row as the dossier page names it ({@code window.<id>} in {@code i18n/dossiers.properties}, the French text),
   * in guillemets; its id only when that file has no name for it.
   */
  public static String french(String ruleId) {
    try {
      return "« " + ResourceBundle.getBundle("i18n/dossiers", Locale.ROOT,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
          .getString("window." + ruleId) + " »";
    } catch (MissingResourceException e) {
      return ruleId;
    }
  }
}
