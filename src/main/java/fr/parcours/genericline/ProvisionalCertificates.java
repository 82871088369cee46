package fr.parcours.genericline;

import fr.parcours.clock.Clocks;
import fr.parcours.deadline.LegalDates;
import fr.parcours.device.DeviceFactsOf;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.evidence.EvidenceVariables;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ETAPES vendor's provisional certificate in the device's records: issued subject to proof of compliance by the
 * last day the ANS writes on it (window {@value #WINDOW}), it becomes final when the evidence conforms first, or lapses
 * when that day passes first; the lapsed certificate stays in the records, withdrawn with the reason "caduc".
 */
@Component("provisionalCertificates")
public class ProvisionalCertificates {

  /** The window that the provisional certificate's date closes (the ANS gives its last day when it issues it). */
  public static final String WINDOW = "GENERIC_PROVISIONAL_COMPLIANCE";
  /** What the records say the provisional certificate certifies. */
  static final String REFERENTIAL = DeviceRecords.provisionalOf(DeviceRecords.ANS_REFERENTIAL);

  private final DeviceRecords records;
  private final Clocks clocks;
  private final ZoneId zone;
  private final ReferentialVersions versions;

  ProvisionalCertificates(DeviceRecords records, Clocks clocks, @Value("${parcours.zone:Europe/Paris}") String zone,
      ReferentialVersions versions) {
    this.records = records;
    this.clocks = clocks;
    this.zone = ZoneId.of(zone);
    this.versions = versions;
  }

  /**
   * The ANS issued it (end of its task): the window opens with the last day the ANS gave (refused, the task kept
   * open, when it gave none or one too close), the mails read that day, the records hold the certificate until it.
   */
  public void issued(DelegateExecution execution) {
    LocalDate lastDay = clocks.lastDay(execution, WINDOW);
    execution.setVariable(GenericLineProcess.PROVISIONAL_DUE_ON, Date.from(lastDay.atStartOfDay(zone).toInstant()));
    execution.setVariable(GenericLineProcess.PROVISIONAL_STATUS, Status.PROVISIONAL.name());
    records.certificateIssued(DeviceFactsOf.dossier(execution), number(execution), REFERENTIAL, version(execution),
        ClockUtil.getCurrentTime().toInstant(), lastDay, (String) execution.getVariable("dossierId"),
        execution.getProcessInstanceId(), GenericLineProcess.KEY);
  }

  /** The evidence conformed before the date: the certificate no longer ends. */
  public void becameFinal(DelegateExecution execution) {
    execution.setVariable(GenericLineProcess.PROVISIONAL_STATUS, Status.FINAL.name());
    records.becameFinal(number(execution));
    // the date on the certificate no longer binds anyone: the dossier page says the window closed here, not that
    // days remain (the lapse timer that armed it is dropped by the event-based gateway, without ending)
    clocks.closeIfOpen(execution, WINDOW);
  }

  /**
   * The date passed first: the certificate is withdrawn as lapsed, and a pending billing-code request closes. Unless
   * the dossier's final certificate already replaced it (issued in time, its outcome not yet back in the dossier when
   * the timer fired): then it became final, and the gateway after this step tells the vendor so, not that it lapsed.
   */
  public void lapsed(DelegateExecution execution) {
    Date dueOn = (Date) execution.getVariable(GenericLineProcess.PROVISIONAL_DUE_ON);
    String lastDay = LegalDates.date(dueOn.toInstant().atZone(zone).toLocalDate(), Locale.FRENCH);
    String number = number(execution);
    boolean lapsed = records.lapsed(number, "caduc, la preuve de la conformité n’a pas été apportée au plus tard le "
        + lastDay, ClockUtil.getCurrentTime().toInstant());
    boolean replaced = !lapsed && records.certificate(number).map(c -> c.replacedBy() != null).orElse(false);
    execution.setVariable(GenericLineProcess.PROVISIONAL_STATUS, (replaced ? Status.FINAL : Status.LAPSED).name());
  }

  /**
   * The version of the referential the provisional certificate names, as every certificate: the one the dossier's ANS
   * round answers (a variable of that round, which runs beside this step while the ANS examines the evidence).
   */
  private String version(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    Object named = runtime.createProcessInstanceQuery().superProcessInstanceId(execution.getProcessInstanceId()).list()
        .stream().map(round -> runtime.getVariable(round.getId(), EvidenceVariables.REFERENTIAL_VERSION))
        .filter(Objects::nonNull).findFirst().orElse(null);
    return versions.ofDossier(named, DeviceRecords.ANS_REFERENTIAL,
        ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate());
  }

  private static String number(DelegateExecution execution) {
    return String.valueOf(execution.getVariable("provisionalCertificateNumber")).strip();
  }

  /** Where the provisional certificate stands (variable {@value GenericLineProcess#PROVISIONAL_STATUS}). */
  public enum Status { PROVISIONAL, FINAL, LAPSED }
}
