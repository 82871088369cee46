package fr.parcours.pecan;

import fr.parcours.clock.Clocks;
import fr.parcours.device.DeviceFactsOf;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.RegistrationKind;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ministers' joint order grants early coverage: the device is reimbursed for the window
 * PECAN_EARLY_COVERAGE of the deadlines table (one year) before it enters common law. The coverage lands in the
 * device's registrations, with its first and last day.
 */
@Component("earlyCoverage")
class EarlyCoverage implements JavaDelegate {

  private final Clocks clocks;
  private final DeviceRecords records;
  private final ZoneId zone;

  EarlyCoverage(Clocks clocks, DeviceRecords records, @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.clocks = clocks;
    this.records = records;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date decided = ClockUtil.getCurrentTime();
    execution.setVariable(PecanProcess.DECISION_DATE, decided);
    // the last day of coverage, included (a date variable: mails write it out as that day)
    Date lastMoment = clocks.lastMoment(execution, "PECAN_EARLY_COVERAGE");
    execution.setVariable(PecanProcess.COVERAGE_ENDS, lastMoment);
    records.registered(DeviceFactsOf.dossier(execution), RegistrationKind.PECAN, null,
        decided.toInstant().atZone(zone).toLocalDate(), lastMoment.toInstant().atZone(zone).toLocalDate(),
        (String) execution.getVariable("dossierId"), execution.getProcessInstanceId(), decided.toInstant());
  }
}
