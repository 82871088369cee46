package fr.parcours.pecan;

import fr.parcours.clock.Clocks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The ministers' joint order grants early coverage: the device is reimbursed for the window
 * PECAN_EARLY_COVERAGE of the deadlines table (one year) before it enters common law.
 */
@Component("earlyCoverage")
class EarlyCoverage implements JavaDelegate {

  private final Clocks clocks;

  EarlyCoverage(Clocks clocks) {
    this.clocks = clocks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(PecanProcess.DECISION_DATE, ClockUtil.getCurrentTime());
    // the last day of coverage, included (a date variable: mails write it out as that day)
    execution.setVariable(PecanProcess.COVERAGE_ENDS, clocks.lastMoment(execution, "PECAN_EARLY_COVERAGE"));
  }
}
