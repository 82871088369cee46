package fr.parcours.devicelife;

import fr.parcours.ans.DossierNumbers;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.devicelife.DeviceLifeProcess.Reason;
import fr.parcours.security.DossierAccess;
import fr.parcours.security.VendorCompanies;
import fr.parcours.shared.BadInputException;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Opens a re-certification cycle (the start of {@code device-life}): a vendor names the certificate of its
 * company's device to renew, in force or withdrawn (a new model or range, or an application after a withdrawal);
 * Parcours names one certified under the version an opposable publication replaced. The candidature is carried
 * from the dossier of that certificate, the dossier gets its number and opens to the company, and the cycle is
 * recorded beside the device. Refused whole, no instance left: a number that names no certificate of the vendor's
 * company (another company's is answered the same), a version longer than 64 characters, a cycle of the same device
 * already running, a previous dossier no longer kept.
 */
@Component("recertificationIntake")
class RecertificationIntake implements ExecutionListener {

  private final DeviceRecords records;
  private final VendorCompanies vendors;
  private final DossierAccess access;
  private final DossierNumbers numbers;
  private final HistoryService history;

  RecertificationIntake(DeviceRecords records, VendorCompanies vendors, DossierAccess access, DossierNumbers numbers,
      HistoryService history) {
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
      // a vendor applies again: its own company's certificate only, whatever the reason it types
      Group company = vendors.companyOf(applicant);
      previous = records.certificate(number).filter(c -> c.vendorGroup().equals(company.getId()))
          .orElseThrow(() -> new BadInputException("Aucun certificat de conformité de votre entreprise ne porte le"
              + " numéro « " + number + " » : recopiez-le depuis « Mes dispositifs et certificats » (/devices). Un"
              + " dispositif qui n’a jamais été certifié commence par une « Certification de conformité ANS »."));
      reason = Reason.NEW_MODEL;
      execution.setVariable(DeviceLifeProcess.REFERENTIAL_VERSION, null);
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
