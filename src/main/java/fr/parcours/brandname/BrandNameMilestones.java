package fr.parcours.brandname;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** The moments of a brand-name dossier that later checks compare dates with. */
@Component("brandNameMilestones")
public class BrandNameMilestones {

  /** The CNEDiMTS track ended with its final opinion: no order may be dated before it. */
  public void opinionReceived(DelegateExecution execution) {
    execution.setVariable(BrandNameProcess.OPINION_RECEIVED_AT, ClockUtil.getCurrentTime());
  }
}
