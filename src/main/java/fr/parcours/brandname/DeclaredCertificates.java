package fr.parcours.brandname;

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
 * wrong and ends with what to untick to go through the ANS certification instead.
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
   * @param step what would skip the ANS round, "Le renouvellement" or "L’inscription"
   * @param uncheck the end of the refusal: what to untick instead, with its punctuation
   */
  static void referentialUnchanged(ReferentialChanges changes, CertifiedDevice certificate, LocalDate day,
      String step, String uncheck) {
    changes.since(certificate, day).ifPresent(v -> {
      throw new BadInputException("Le référentiel de l’ANS a changé depuis le certificat « "
          + certificate.certificateNumber() + " » : il atteste la version « " + certificate.referentialVersion()
          + " », et la version « " + v.version() + " », opposable, s’applique depuis le "
          + LegalDates.date(v.appliesFrom(), Locale.FRENCH) + ". " + step + " sans nouvelle certification"
          + " n’est possible que si le référentiel n’a pas changé : le certificat que donnera le cycle de"
          + " re-certification de ce dispositif (« Mes dispositifs et certificats », /devices) vaudra pour "
          + Character.toLowerCase(step.charAt(0)) + step.substring(1) + uncheck);
    });
  }

  /**
   * The certificate as the records hold it, or a refusal.
   *
   * @param uncheck the end of each refusal: what to untick instead, with its punctuation
   */
  static CertifiedDevice check(Function<String, Optional<CertifiedDevice>> certificates, String number,
      Object vendorGroup, String name, String version, String uncheck) {
    CertifiedDevice certificate = certificates.apply(number)
        .filter(c -> c.vendorGroup().equals(vendorGroup))
        .orElseThrow(() -> DeviceRecords.notTheCompanys(number, uncheck));
    if (!DeviceRecords.ANS_REFERENTIAL.equals(certificate.referential())) {
      throw new BadInputException("Le certificat « " + number + " » atteste la conformité à « "
          + certificate.referential() + " », pas au référentiel d’interopérabilité et de sécurité de l’ANS que"
          + " demande l’inscription en nom de marque : donnez le numéro du certificat de conformité de l’ANS" + uncheck);
    }
    if (certificate.replacedBy() != null && !certificate.withdrawn()) {
      throw new BadInputException(certificate.replacedSentence(". Donnez le numéro « " + certificate.replacedBy()
          + " »" + uncheck));
    }
    if (!certificate.inForce()) {
      throw new BadInputException("Le certificat « " + number + " » a été retiré : il ne permet plus d’inscription."
          + " Demandez un nouveau cycle de certification depuis « Mes dispositifs et certificats » (/devices)"
          + uncheck);
    }
    if (!certificate.deviceName().equalsIgnoreCase(name) || !certificate.deviceVersion().equals(version)) {
      throw new BadInputException("Le certificat « " + number + " » certifie " + certificate.deviceName() + " "
          + certificate.deviceVersion() + ", et cette demande porte sur " + name + " " + version + " : un certificat"
          + " vaut pour le dispositif et la version qu’il nomme. Corrigez le nom ou la version, ou, pour une autre"
          + " version, demandez un cycle « Nouveau modèle ou gamme » depuis « Mes dispositifs et certificats »"
          + " (/devices)" + uncheck);
    }
    return certificate;
  }
}
