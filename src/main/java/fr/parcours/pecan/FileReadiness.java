package fr.parcours.pecan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The ministers acknowledge receipt only when the file is complete on both Sésame and Convergence; each time
 * one side completes, the dossier says what the acknowledgement still waits for, so the vendor is told which
 * side is incomplete ({@link PecanProcess#ACKNOWLEDGEMENT_WAITS_FOR}: SESAME, CONVERGENCE or NOTHING).
 */
@Component("fileReadiness")
public class FileReadiness {

  public void sesameComplete(DelegateExecution execution) {
    execution.setVariable(PecanProcess.SESAME_FILE_COMPLETE, true);
    update(execution);
  }

  public void convergenceComplete(DelegateExecution execution) {
    execution.setVariable(PecanProcess.CONVERGENCE_FILE_COMPLETE, true);
    update(execution);
  }

  private static void update(DelegateExecution execution) {
    boolean sesame = Boolean.TRUE.equals(execution.getVariable(PecanProcess.SESAME_FILE_COMPLETE));
    boolean convergence = Boolean.TRUE.equals(execution.getVariable(PecanProcess.CONVERGENCE_FILE_COMPLETE));
    execution.setVariable(PecanProcess.ACKNOWLEDGEMENT_WAITS_FOR,
        sesame && convergence ? "NOTHING" : sesame ? "CONVERGENCE" : "SESAME");
  }
}
