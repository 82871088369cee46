package fr.parcours.pecan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A vendor's window closes soon: the reminder is recorded on the dossier ({@code remindedAt_<step>}), where the
 * vendor's notifications pick it up.
 */
@Component("vendorReminders")
class VendorReminders implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("remindedAt_" + execution.getCurrentActivityId(), ClockUtil.getCurrentTime());
  }
}
