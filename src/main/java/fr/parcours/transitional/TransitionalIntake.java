package fr.parcours.transitional;

import fr.parcours.deadline.LegalDates;
import fr.parcours.shared.BadInputException;
import fr.parcours.transitional.AnsWindows.Mode;
import fr.parcours.transitional.AnsWindows.Window;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The transitional part of the start form, after the candidature itself was accepted: the ANS window it is for must
 * be in its transitional phase today (catalogue/ans-windows.json, with the nominal openings the ANS recorded:
 * {@link WindowPhases}). A window not open yet, or already in its nominal
 * phase, is refused with what to do instead; nothing is started.
 */
@Component("transitionalIntake")
class TransitionalIntake implements ExecutionListener {

  private final WindowPhases phases;

  TransitionalIntake(WindowPhases phases) {
    this.phases = phases;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object chosen = execution.getVariable(TransitionalProcess.ANS_WINDOW);
    Window window = phases.find(chosen == null ? null : chosen.toString());
    Mode mode = window.modeOn(phases.today());
    if (mode == Mode.NOMINAL) {
      throw new BadInputException("Le guichet « " + window.label() + " » est en phase nominale depuis le "
          + LegalDates.date(window.nominalOpensOn(), Locale.FRENCH) + " : la phase transitoire est close. Déposez"
          + " votre candidature par « Certification de conformité ANS » (ou le parcours de remboursement"
          + " choisi) ; si vous avez un dossier de phase transitoire, poursuivez-le depuis sa tâche « Poursuivre en"
          + " phase nominale ».");
    }
    if (mode == Mode.NOT_OPEN) {
      throw new BadInputException("Le guichet « " + window.label() + " » n’est pas encore ouvert"
          + (window.transitionalOpensOn() == null ? "" : " : sa phase transitoire ouvre le "
              + LegalDates.date(window.transitionalOpensOn(), Locale.FRENCH))
          + ". Déposez votre candidature à partir de cette date.");
    }
    execution.setVariable(TransitionalProcess.ANS_WINDOW, window.id());
    execution.setVariable(TransitionalProcess.ANS_WINDOW_NAME, window.label());
    execution.setVariable(TransitionalProcess.ANS_WINDOW_NAME_EN, window.labelEn());
    execution.setVariable("pathway", TransitionalProcess.PATHWAY);
  }
}
