package fr.parcours.evidence;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of an evidence archive, {@code <Exploitant>_<NomDuDispositif>_<Version>_<JJMMAA>_<NuméroEnvoi>.zip}
 * (seed 004 §6.3). The underscore separates the parts, so inside a part every character that is not a
 * letter, a digit, a dot or a hyphen (spaces, apostrophes, underscores, slashes...) is written as one
 * hyphen, accents are dropped, and parts compare without regard to case:
 * company "TéléCardio SARL", device "Cardio'Watch", version "2.1" →
 * {@code TeleCardio-SARL_Cardio-Watch_2.1_021126_1.zip}.
 */
record ArchiveName(String operator, String device, String version, LocalDate date, int sendNumber) {

  /** After the dossier's own prefix, what a person writes: the day of the send and its number (seed 004). */
  static final String DAY_AND_SEND = EvidenceRejectedException.text("evidence.dayAndSend", false);
  static final String DAY_AND_SEND_EN = EvidenceRejectedException.text("evidence.dayAndSend", true);
  /** The rule as the vendor reads it (seed 004: « Nom de l’exploitant_Nom du DMN…_JJMMAA_numéroenvoi »). */
  static final EvidenceRejectedException.Each RULE_EACH = new EvidenceRejectedException.Each(
      EvidenceRejectedException.text("evidence.rule", false) + DAY_AND_SEND,
      EvidenceRejectedException.text("evidence.rule", true) + DAY_AND_SEND_EN);

  private static final Pattern NAME = Pattern.compile(
      "([A-Za-z0-9.-]+)_([A-Za-z0-9.-]+)_([A-Za-z0-9.-]+)_([0-9]{6})_([0-9]{1,4})\\.[zZ][iI][pP]");
  private static final DateTimeFormatter DDMMYY = DateTimeFormatter.ofPattern("ddMMuu")
      .withResolverStyle(ResolverStyle.STRICT);

  /** A dossier's field as it must appear in an archive name. */
  static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String ascii = Normalizer.normalize(text.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return ascii.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
  }

  /** The name a dossier's archive must start with: {@code Operator_DeviceName_Version}. */
  static String prefixFor(String company, String device, String version) {
    return normalise(company) + "_" + normalise(device) + "_" + normalise(version);
  }

  static String dated(LocalDate date) {
    return date.format(DDMMYY);
  }

  /**
   * @throws EvidenceRejectedException naming the rule, and the expected name, when the name does not follow it
   */
  static ArchiveName parse(String fileName, String expectedPrefix) {
    Matcher m = NAME.matcher(fileName == null ? "" : fileName);
    if (!m.matches()) {
      throw EvidenceRejectedException.of("evidence.refused.name", fileName, RULE_EACH, new EvidenceRejectedException.Each(
          expectedPrefix + DAY_AND_SEND, expectedPrefix + DAY_AND_SEND_EN));
    }
    LocalDate date;
    try {
      date = LocalDate.parse(m.group(4), DDMMYY);
    } catch (DateTimeParseException e) {
      throw EvidenceRejectedException.of("evidence.refused.date", fileName, m.group(4));
    }
    return new ArchiveName(m.group(1), m.group(2), m.group(3), date, Integer.parseInt(m.group(5)));
  }

  String prefix() {
    return operator + "_" + device + "_" + version;
  }

  boolean isFor(String expectedPrefix) {
    return prefix().toLowerCase(Locale.ROOT).equals(expectedPrefix.toLowerCase(Locale.ROOT));
  }
}
