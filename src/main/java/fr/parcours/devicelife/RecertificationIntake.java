package fr.parcours.devicelife;

import fr.parcours.ans.DossierNumbers;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.CycleChoices;
import fr.parcours.device.CycleChoices.Choice;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.device.ReferentialVersions.Version;
import fr.parcours.devicelife.DeviceLifeProcess.Reason;
import fr.parcours.security.DossierAccess;
import fr.parcours.security.VendorCompanies;
import fr.parcours.shared.BadInputException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Opens a re-certification cycle (the start of {@code device-life}): a vendor names the certificate of its
 * company's device and the reason ({@link Reason}: a new model or range, the referential evolved, an application
 * after a withdrawal; the Tasklist start form gives none, read from the certificate), checked by
 * {@link CycleChoices}; Parcours names one certified under the version an opposable publication replaced. The
 * candidature is carried from the dossier of that certificate, the dossier gets its number and opens to the
 * company, and the cycle is recorded beside the device. Refused whole, no instance left: a number that names no
 * certificate of the vendor's company (another company's is answered the same), a reason the certificate does not
 * allow (a withdrawn one renewed, one in force applied for again, one already replaced, no newer opposable
 * version), a new model without its version or under the version already certified, a version longer than 64
 * characters, a cycle of the same device already running, a previous dossier no
 * longer kept.
 */
@Component("recertificationIntake")
class RecertificationIntake implements ExecutionListener {

  private final DeviceRecords records;
  private final VendorCompanies vendors;
  private final DossierAccess access;
  private final DossierNumbers numbers;
  private final HistoryService history;
  private final ReferentialVersions versions;

  RecertificationIntake(DeviceRecords records, VendorCompanies vendors, DossierAccess access, DossierNumbers numbers,
      HistoryService history, ReferentialVersions versions) {
    this.versions = versions;
    this.records = records;
    this.vendors = vendors;
    this.access = access;
    this.numbers = numbers;
    this.history = history;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String applicant = (String) execution.getVariable("applicant");
    String number = text(execution.getVariable(DeviceLifeProcess.PREVIOUS_CERTIFICATE));
    CertifiedDevice previous;
    Reason reason;
    if (applicant != null) {
      // a vendor applies again: its own company's certificate only, for a reason the certificate allows
      Group company = vendors.companyOf(applicant);
      if (number.isEmpty()) {
        throw new BadInputException("Numéro du certificat à renouveler : donnez le numéro du certificat de conformité"
            + " de votre dispositif, tel que « Mes dispositifs et certificats » (/devices) l’affiche, par exemple"
            + " CC-DMN-2026-7KQ3F.");
      }
      previous = records.certificate(number).filter(c -> c.vendorGroup().equals(company.getId()))
          .orElseThrow(() -> DeviceRecords.notTheCompanys(number, ". Un dispositif qui n’a jamais été certifié"
              + " commence par une « Certification de conformité ANS »."));
      reason = requested(execution, previous);
      Optional<Version> latest = versions.latest(previous.referential());
      String refused = CycleChoices.refusal(Choice.valueOf(reason.name()), new CycleChoices.Facts(
          previous.certificateNumber(), previous.referential(), previous.referentialVersion(), previous.withdrawn(),
          records.renewedBy(previous.certificateNumber()).orElse(null),
          records.runningCycle(previous.deviceId()).orElse(null), latest.orElse(null)));
      if (refused == null && reason == Reason.NEW_MODEL) {
        String newVersion = text(execution.getVariable(DeviceLifeProcess.NEW_VERSION));
        refused = CycleChoices.newModelRefusal(previous.certificateNumber(), previous.deviceName(),
            previous.deviceVersion(), newVersion, newVersion.isEmpty() || newVersion.length() > 64 ? null
                : records.inForceFor(previous.vendorGroup(), previous.deviceName(), newVersion).orElse(null));
      }
      if (refused != null) {
        throw new BadInputException(refused);
      }
      // case (c): the window of the last version published, whose requirements the new proofs answer
      execution.setVariable(DeviceLifeProcess.REFERENTIAL_VERSION, reason == Reason.REFERENTIAL_CHANGE
          ? latest.get().version() : null);
      if (reason == Reason.REFERENTIAL_CHANGE) {
        execution.removeVariable(DeviceLifeProcess.NEW_VERSION); // the same device, under the new version
      }
    } else {
      // Parcours opens it for an opposable version (ReferentialPublication)
      previous = records.certificate(number).orElseThrow(() -> new IllegalStateException(
          "A cycle opened by Parcours names no certificate: '" + number + "'"));
      reason = Reason.REFERENTIAL_CHANGE;
      execution.removeVariable(DeviceLifeProcess.NEW_VERSION);
    }
    carryCandidature(execution, previous, applicant);

    String newVersion = text(execution.getVariable(DeviceLifeProcess.NEW_VERSION));
    if (!newVersion.isEmpty()) {
      if (newVersion.length() > 64) {
        throw new BadInputException("Nouvelle version du logiciel : 64 caractères au plus ; écrivez le numéro de"
            + " version tel que le dispositif l’affiche (par exemple 3.0).");
      }
      execution.setVariable("softwareVersion", newVersion);
    }
    execution.setVariable(DeviceLifeProcess.REASON, reason.name());
    execution.setVariable(DeviceLifeProcess.PREVIOUS_CERTIFICATE, previous.certificateNumber());
    execution.setVariable(DeviceLifeProcess.PREVIOUS_DOSSIER, previous.dossierId());
    execution.setVariable("hasConvergenceAccount", true); // the account of the previous cycle
    execution.setVariable("vendorGroup", previous.vendorGroup());
    String dossierId = numbers.next();
    execution.setVariable("dossierId", dossierId);
    execution.getProcessInstance().setProcessBusinessKey(dossierId);
    records.cycleOpened(previous.deviceId(), previous.certificateNumber(), reason.name(),
        text(execution.getVariable(DeviceLifeProcess.REFERENTIAL_VERSION)), dossierId,
        execution.getProcessInstanceId(), ClockUtil.getCurrentTime().toInstant());
    access.openTo(previous.vendorGroup(), execution.getProcessInstanceId());
  }

  /**
   * The reason the vendor gave ({@code /devices} sends it); none given (the Tasklist start form): after a withdrawal
   * for a withdrawn certificate, else a new model or range. A reason that is not one is refused.
   */
  private static Reason requested(DelegateExecution execution, CertifiedDevice previous) {
    String given = text(execution.getVariable(DeviceLifeProcess.REASON));
    if (given.isEmpty()) {
      return previous.withdrawn() ? Reason.AFTER_WITHDRAWAL : Reason.NEW_MODEL;
    }
    try {
      return Reason.valueOf(given);
    } catch (IllegalArgumentException unknown) {
      throw new BadInputException("Motif du nouveau cycle : « " + given + " » n’en est pas un ; choisissez « Nouveau"
          + " modèle ou gamme », « Re-certifier » ou « Candidater à nouveau » sur « Mes dispositifs et certificats ».");
    }
  }

  /** The candidature of the dossier that produced the certificate, as its ANS track received it. */
  private void carryCandidature(DelegateExecution execution, CertifiedDevice previous, String applicant) {
    List<HistoricVariableInstance> kept = previous.processInstanceId() == null ? List.of()
        : history.createHistoricVariableInstanceQuery().processInstanceIdIn(previous.processInstanceId())
            .variableNameIn(names()).disableCustomObjectDeserialization().list();
    if (kept.stream().noneMatch(v -> "softwareName".equals(v.getName()))) {
      throw new BadInputException("Le dossier " + previous.dossierId() + " du certificat "
          + previous.certificateNumber() + " n’est plus conservé : sa candidature ne peut pas être reprise."
          + " Démarrez une « Certification de conformité ANS » et saisissez-la.");
    }
    for (HistoricVariableInstance variable : kept) {
      if (variable.getName().equals("applicant") && applicant != null) {
        continue; // the vendor's user who applies now
      }
      if (variable.getTypedValue() != null) {
        execution.setVariable(variable.getName(), variable.getTypedValue());
      }
    }
  }

  private static String[] names() {
    List<String> names = new java.util.ArrayList<>(DeviceLifeProcess.CANDIDATURE);
    names.add("applicant");
    return names.toArray(String[]::new);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }
}
