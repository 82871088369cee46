package fr.parcours.brandname;

import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.shared.BadInputException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A certificate of conformity the vendor says is valid, looked up in the device records, never believed: her
 * company's, of the ANS referential, in force, for the device and version of the dossier. Each refusal says what is
 * wrong and ends with what to untick to go through the ANS certification instead.
 */
final class DeclaredCertificates {

  private DeclaredCertificates() {
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
