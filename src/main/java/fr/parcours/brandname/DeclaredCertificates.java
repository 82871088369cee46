package fr.parcours.brandname;

import fr.parcours.candidature.CandidatureWords;
import fr.parcours.deadline.LegalDates;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.device.ReferentialVersions.Version;
import fr.parcours.shared.BadInputException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A certificate of conformity the vendor says is valid, looked up in the device records, never believed: her
 * company's, of the ANS referential, in force, for the device and version of the dossier. Each refusal says what is
 * wrong and ends with what to untick to go through the ANS certification instead: in French, then in English for a vendor
 * who asked for English ({@link CandidatureWords#forVendor}, {@code ans.RefusalLanguage}).
 */
final class DeclaredCertificates {

  /**
   * The last opposable version of the certificate's referential that applies by this day and came after the version
   * the certificate attests ({@link ReferentialVersions#opposableSince}); empty when the referential has not changed.
   */
  @FunctionalInterface
  interface ReferentialChanges {
    Optional<Version> since(CertifiedDevice certificate, LocalDate day);

    static ReferentialChanges of(ReferentialVersions versions) {
      return (certificate, day) -> versions.opposableSince(certificate.referential(),
          certificate.referentialVersion(), day);
    }
  }

  private DeclaredCertificates() {
  }

  /**
   * Seed 000: an application goes without a new ANS round only if the product and the ANS referentials have not
   * changed. Refused, saying which version applies since when, once an opposable version applies that came after
   * the one the certificate attests.
   *
   * @param step what would skip the ANS round, {@code brandName.renewal} or {@code brandName.registration}
   * @param uncheck the end of the refusal: what to untick instead, with its punctuation
   */
  static void referentialUnchanged(ReferentialChanges changes, CertifiedDevice certificate, LocalDate day,
      CandidatureWords step, CandidatureWords uncheck, boolean inEnglish) {
    changes.since(certificate, day).ifPresent(v -> {
      throw new BadInputException(CandidatureWords.of("certificate.referentialChanged",
          certificate.certificateNumber(), certificate.referentialVersion(), v.version(),
          CandidatureWords.each(LegalDates.date(v.appliesFrom(), Locale.FRENCH),
              LegalDates.date(v.appliesFrom(), Locale.ENGLISH)),
          step, CandidatureWords.each(lowerFirst(step.french()), lowerFirst(step.english())), uncheck)
          .forVendor(inEnglish));
    });
  }

  /**
   * The certificate as the records hold it, or a refusal.
   *
   * @param uncheck the end of each refusal: what to untick instead, with its punctuation
   */
  static CertifiedDevice check(Function<String, Optional<CertifiedDevice>> certificates, String number,
      Object vendorGroup, String name, String version, CandidatureWords uncheck, boolean inEnglish) {
    CertifiedDevice certificate = certificates.apply(number)
        .filter(c -> c.vendorGroup().equals(vendorGroup))
        .orElseThrow(() -> refused(DeviceRecords.notTheCompanys(number, uncheck), inEnglish));
    if (!DeviceRecords.ANS_REFERENTIAL.equals(certificate.referential())) {
      throw refused(CandidatureWords.of("certificate.otherReferential", number, certificate.referential(), uncheck),
          inEnglish);
    }
    if (certificate.replacedBy() != null && !certificate.withdrawn()) {
      throw refused(certificate.replacedWords(CandidatureWords.of("brandName.giveReplacement",
          certificate.replacedBy(), uncheck)), inEnglish);
    }
    if (!certificate.inForce()) {
      throw refused(CandidatureWords.of("certificate.withdrawn", number, uncheck), inEnglish);
    }
    if (!certificate.deviceName().equalsIgnoreCase(name) || !certificate.deviceVersion().equals(version)) {
      throw refused(CandidatureWords.of("certificate.otherDevice", number, certificate.deviceName(),
          certificate.deviceVersion(), name, version, uncheck), inEnglish);
    }
    return certificate;
  }

  private static BadInputException refused(CandidatureWords words, boolean inEnglish) {
    return new BadInputException(words.forVendor(inEnglish));
  }

  private static String lowerFirst(String step) {
    return Character.toLowerCase(step.charAt(0)) + step.substring(1);
  }
}
