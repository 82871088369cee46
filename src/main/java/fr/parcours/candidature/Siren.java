package fr.parcours.candidature;

/**
 * The SIREN, the 9-digit number that identifies a French company (printed on its Kbis extract).
 * Its last digit is a Luhn check digit.
 */
public final class Siren {

  /** La Poste's SIREN, the one known exception to the checksum rule, always accepted. */
  public static final String LA_POSTE = "356000000";

  private Siren() {
  }

  /**
   * Removes the spaces people type or copy into a SIREN ("552 100 554"), including non-breaking ones.
   * Returns {@code null} for {@code null}; does not check anything else.
   */
  public static String normaliseSiren(String raw) {
    if (raw == null) {
      return null;
    }
    return raw.replaceAll("[ \\u00A0\\u202F]", "");
  }

  /** Whether a normalised SIREN is 9 digits with a valid Luhn checksum (or is La Poste's). */
  public static boolean isValid(String normalised) {
    return normalised != null && normalised.matches("[0-9]{9}")
        && (LA_POSTE.equals(normalised) || hasValidLuhnChecksum(normalised));
  }

  static boolean hasValidLuhnChecksum(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }
}
