package fr.parcours.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The software profiles of the ANS referential (seed 004 §6.2), by code as variables, the evidence catalogue and the
 * device records keep them ({@code SOCLE}, {@code RI}, {@code MSS}, {@code DMP}), and as people read them: the one
 * source of their labels for the candidature form (checked by {@code SoftwareProfileLabelsTest}), the devices page,
 * the evidence page, the convention and the sentences that refuse a profile. No code is shown to a person.
 */
public final class SoftwareProfiles {

  /** Code → French label, in the form's order. */
  private static final Map<String, String> FRENCH = new LinkedHashMap<>();
  /** Code → English label. */
  private static final Map<String, String> ENGLISH = new LinkedHashMap<>();

  static {
    add("SOCLE", "Exigences de base (tout dispositif)", "Base requirements (every device)");
    add("RI", "Référentiel identité (RI)", "Identity referential (RI)");
    add("MSS", "Messagerie sécurisée de santé (MSSanté)", "Secure health messaging (MSSanté)");
    add("DMP", "Dossier médical partagé (DMP)", "Shared medical record (DMP)");
  }

  /** The codes, in the form's order. */
  public static final List<String> CODES = List.copyOf(FRENCH.keySet());

  private SoftwareProfiles() {
  }

  private static void add(String code, String french, String english) {
    FRENCH.put(code, french);
    ENGLISH.put(code, english);
  }

  /** One profile's label in that language (French unless English); an unknown code as it is. */
  public static String label(String code, Locale locale) {
    String trimmed = code == null ? "" : code.trim();
    Map<String, String> labels = locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : FRENCH;
    return labels.getOrDefault(trimmed, trimmed);
  }

  /** The French label of one profile. */
  public static String label(String code) {
    return label(code, Locale.FRENCH);
  }

  /**
   * Profiles as stored anywhere ({@code "SOCLE,RI"}, {@code "SOCLE, RI"}, the start form's JSON
   * {@code ["SOCLE","RI"]}, or a list) as people read them, in the form's order: "Exigences de base (tout
   * dispositif), Référentiel identité (RI)". Empty for none.
   */
  public static String labels(Object profiles, Locale locale) {
    List<String> codes = new ArrayList<>();
    if (profiles instanceof Collection<?> list) {
      list.forEach(code -> codes.add(String.valueOf(code).trim()));
    } else if (profiles != null) {
      for (String code : String.valueOf(profiles).replaceAll("[\\[\\]\"]", "").split(",")) {
        if (!code.isBlank()) {
          codes.add(code.trim());
        }
      }
    }
    codes.sort((a, b) -> Integer.compare(order(a), order(b)));
    return String.join(", ", codes.stream().distinct().map(code -> label(code, locale)).toList());
  }

  /** The French labels. */
  public static String labels(Object profiles) {
    return labels(profiles, Locale.FRENCH);
  }

  private static int order(String code) {
    int at = CODES.indexOf(code);
    return at < 0 ? CODES.size() : at;
  }
}
