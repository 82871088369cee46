package fr.parcours.shared;

import java.util.Locale;

/**
 * The language a browser asks for, read as Tasklist reads it ({@code tasklist/scripts/config.js}): English when its
 * first language is English, French for every other and for a request that names none. The dossier pages follow it
 * ({@code config.PageLanguage}), and so do the refusals of a candidature ({@code ans.RefusalLanguage}).
 */
public final class BrowserLanguage {

  private BrowserLanguage() {
  }

  /** "en-GB,fr;q=0.8" is English; "fr-FR,en;q=0.8", "de", nothing or garbage (";;;") is French. */
  public static Locale of(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.FRENCH;
    }
    String first = acceptLanguage.split("[,;]", 2)[0].trim().toLowerCase(Locale.ROOT);
    return first.equals("en") || first.startsWith("en-") ? Locale.ENGLISH : Locale.FRENCH;
  }
}
