package fr.parcours.notification;

import java.util.Locale;

/** The language of a dossier's correspondence: French unless the dossier asks for English. */
public enum Language {
  FR(Locale.FRENCH), EN(Locale.ENGLISH);

  /** The dossier variable the candidature form sets ("FR" or "EN"). */
  public static final String VARIABLE = "correspondenceLanguage";

  private final Locale locale;

  Language(Locale locale) {
    this.locale = locale;
  }

  public Locale locale() {
    return locale;
  }

  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "EN" (any case) gives English; anything else, including nothing, gives French. */
  public static Language of(Object value) {
    return value != null && "EN".equalsIgnoreCase(value.toString().trim()) ? EN : FR;
  }
}
