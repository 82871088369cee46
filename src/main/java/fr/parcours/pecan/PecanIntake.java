package fr.parcours.pecan;

import fr.parcours.shared.BadInputException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The PECAN part of the start form, after the candidature itself was accepted: the HAS choices, and PECAN's
 * own rule that the administrative dossier holds the HDS certificate.
 */
@Component("pecanIntake")
class PecanIntake implements ExecutionListener {

  static final Set<String> MEETINGS = Set.of("NONE", "EARLY_MEETING", "PRE_DEPOSIT_MEETING");

  @Override
  public void notify(DelegateExecution execution) {
    for (String flag : new String[] {"hasSesameAccount", "telemonitoring"}) {
      if (execution.getVariable(flag) == null) {
        execution.setVariable(flag, false);
      }
    }
    Object meeting = execution.getVariable("hasMeeting");
    if (meeting == null) {
      execution.setVariable("hasMeeting", "NONE");
    } else if (!MEETINGS.contains(meeting.toString())) {
      throw new BadInputException("Réunion avec la HAS avant le dépôt (hasMeeting) : « " + meeting
          + " » n’est pas l’une des valeurs " + MEETINGS + " : choisissez aucune réunion, une rencontre précoce ou"
          + " un rendez-vous pré-dépôt.");
    }
    execution.setVariable("pathway", "PECAN");
    execution.setVariable(PecanProcess.SESAME_FILE_COMPLETE, false);
    execution.setVariable(PecanProcess.CONVERGENCE_FILE_COMPLETE, false);
    execution.setVariable(PecanProcess.ACKNOWLEDGEMENT_WAITS_FOR, "SESAME_AND_CONVERGENCE");
  }
}
