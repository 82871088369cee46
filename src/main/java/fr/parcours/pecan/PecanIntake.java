package fr.parcours.pecan;

import fr.parcours.has.SesameChoices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The PECAN part of the start form, after the candidature itself was accepted: the HAS choices, and PECAN's
 * own rule that the administrative dossier holds the HDS certificate.
 */
@Component("pecanIntake")
class PecanIntake implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    SesameChoices.read(execution);
    if (execution.getVariable("telemonitoring") == null) {
      execution.setVariable("telemonitoring", false);
    }
    execution.setVariable("pathway", "PECAN");
    execution.setVariable(PecanProcess.SESAME_FILE_COMPLETE, false);
    execution.setVariable(PecanProcess.CONVERGENCE_FILE_COMPLETE, false);
    execution.setVariable(PecanProcess.ACKNOWLEDGEMENT_WAITS_FOR, "SESAME_AND_CONVERGENCE");
  }
}
