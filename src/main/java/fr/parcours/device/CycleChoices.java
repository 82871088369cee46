package fr.parcours.device;

import fr.parcours.device.ReferentialVersions.Version;

/**
 * The certification cycles a vendor may start from one of its company's certificates (seed 003, "les entrées
 * possibles dans un cycle", entries 2 to 4), and the sentence that says why not. One rule for the buttons that
 * {@code /devices} shows and for the cycle's start, which checks it again.
 */
public final class CycleChoices {

  /** What the vendor asks for: the names of the cycle's reasons ({@code devicelife.DeviceLifeProcess.Reason}). */
  public enum Choice {
    /** Entry 2, evidence case (b): a new model or range that no longer conforms. Certificate in force. */
    NEW_MODEL,
    /** Entry 3, evidence case (c): the referential evolved since the certificate. Certificate in force. */
    REFERENTIAL_CHANGE,
    /** Entry 4: the certificate was withdrawn (an audit); the vendor applies again. */
    AFTER_WITHDRAWAL
  }

  /**
   * The facts of one certificate that the choice depends on.
   *
   * @param renewedBy the certificate that replaced it (a cycle's new certificate, or a newer one of the device); null
   *     when none
   * @param runningCycle the dossier of the cycle that runs on its device; null when none
   * @param latest the last version of its referential published; null when none was
   */
  public record Facts(String number, String referential, String referentialVersion, boolean withdrawn,
      String renewedBy, String runningCycle, Version latest) {
  }

  private CycleChoices() {
  }

  /** Whether the vendor may start this cycle from this certificate. */
  public static boolean allowed(Choice choice, Facts facts) {
    return refusal(choice, facts) == null;
  }

  /** The French sentence that refuses the choice, saying what to do instead; null when it is allowed. */
  public static String refusal(Choice choice, Facts c) {
    if (!DeviceRecords.ANS_REFERENTIAL.equals(c.referential())) {
      return "Le certificat « " + c.number() + " » relève de « " + c.referential() + " », pas du référentiel de"
          + " l’ANS : aucun cycle de certification ANS ne le renouvelle. Pour certifier le dispositif auprès de l’ANS,"
          + " démarrez une « Certification de conformité ANS ».";
    }
    if (c.runningCycle() != null) {
      return "Un cycle de certification de ce dispositif est déjà en cours (dossier " + c.runningCycle() + ") :"
          + " poursuivez-le depuis vos tâches dans Tasklist ou la page du dossier ; un autre cycle pourra commencer"
          + " quand il sera terminé.";
    }
    if (c.renewedBy() != null) {
      return "Le certificat « " + c.number() + " » a été remplacé par le certificat « " + c.renewedBy() + " » :"
          + " partez de celui-ci.";
    }
    if (choice == Choice.AFTER_WITHDRAWAL) {
      return c.withdrawn() ? null : "Le certificat « " + c.number() + " » est en vigueur : « Candidater à nouveau »"
          + " sert après le retrait d’un certificat. Pour un nouveau modèle ou une nouvelle gamme, choisissez"
          + " « Nouveau modèle ou gamme ».";
    }
    if (c.withdrawn()) {
      return "Le certificat « " + c.number() + " » a été retiré : il ne peut plus être renouvelé. Présentez une"
          + " nouvelle candidature avec « Candidater à nouveau » (un nouveau dépôt des preuves).";
    }
    if (choice == Choice.REFERENTIAL_CHANGE && (c.latest() == null
        || c.latest().version().equalsIgnoreCase(c.referentialVersion()))) {
      return "Le certificat « " + c.number() + " » porte déjà sur la dernière version publiée du référentiel ("
          + c.referentialVersion() + ") : il n’y a rien à re-certifier. Pour un nouveau modèle ou une nouvelle"
          + " gamme qui n’est plus conforme, choisissez « Nouveau modèle ou gamme ».";
    }
    if (choice == Choice.REFERENTIAL_CHANGE && !c.latest().opposable()) {
      return "La dernière version publiée du référentiel (" + c.latest().version() + ") n’est pas opposable : le"
          + " dispositif reste conforme par des évolutions techniques, sans nouveau cycle de certification. Pour un"
          + " nouveau modèle ou une nouvelle gamme qui n’est plus conforme, choisissez « Nouveau modèle ou gamme ».";
    }
    return null;
  }

  /**
   * The refusal of the version a "Nouveau modèle ou gamme" cycle names, or null when it names a new model (seed 003,
   * entry 2: a new model or range of the device that no longer conforms). The seed does not say how a new model is
   * told apart; the ANS certifies a device and a version, so the new one is named by its version: required, not the
   * version the certificate certifies, nor one the company already holds a certificate in force for.
   *
   * @param certifiedInForce the number of the company's certificate in force for the device under the new version;
   *     null when none
   */
  public static String newModelRefusal(String number, String deviceName, String certifiedVersion, String newVersion,
      String certifiedInForce) {
    String asked = newVersion == null ? "" : newVersion.strip();
    if (asked.isEmpty()) {
      return "Version du nouveau modèle : donnez la version du nouveau modèle ou de la nouvelle gamme qui n’est plus"
          + " conforme (par exemple 3.0), telle que le dispositif l’affiche. Le certificat « " + number + " » certifie"
          + " déjà " + deviceName + " " + certifiedVersion + " : cette version-là n’a pas besoin d’un nouveau cycle.";
    }
    if (asked.equalsIgnoreCase(certifiedVersion == null ? "" : certifiedVersion.strip())) {
      return "Version du nouveau modèle : « " + asked + " » est la version que le certificat « " + number + " »"
          + " certifie déjà. Donnez la version du nouveau modèle ou de la nouvelle gamme qui n’est plus conforme (par"
          + " exemple 3.0) ; si c’est le référentiel qui a évolué, choisissez « Re-certifier ».";
    }
    if (certifiedInForce != null) {
      return "Version du nouveau modèle : " + deviceName + " " + asked + " a déjà son certificat de conformité en"
          + " vigueur (« " + certifiedInForce + " ») : partez de celui-ci sur « Mes dispositifs et certificats », ou"
          + " donnez la version d’un modèle qui n’est pas encore certifié.";
    }
    return null;
  }
}
