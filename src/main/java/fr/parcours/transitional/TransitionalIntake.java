package fr.parcours.transitional;

import fr.parcours.ans.RefusalLanguage;
import fr.parcours.candidature.CandidatureWords;
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
    boolean inEnglish = RefusalLanguage.english(execution);
    CandidatureWords name = CandidatureWords.each(window.label(),
        window.labelEn() == null ? window.label() : window.labelEn());
    if (mode == Mode.NOMINAL) {
      throw new BadInputException(CandidatureWords.of("ansWindow.alreadyNominal", name, date(window.nominalOpensOn()))
          .forVendor(inEnglish));
    }
    if (mode == Mode.NOT_OPEN) {
      throw new BadInputException(CandidatureWords.of("ansWindow.transitionalNotOpen", name,
          window.transitionalOpensOn() == null ? CandidatureWords.same("")
              : CandidatureWords.of("ansWindow.transitionalOpensOn", date(window.transitionalOpensOn())))
          .forVendor(inEnglish));
    }
    execution.setVariable(TransitionalProcess.ANS_WINDOW, window.id());
    execution.setVariable(TransitionalProcess.ANS_WINDOW_NAME, window.label());
    execution.setVariable(TransitionalProcess.ANS_WINDOW_NAME_EN, window.labelEn());
    execution.setVariable("pathway", TransitionalProcess.PATHWAY);
  }

  private static CandidatureWords date(java.time.LocalDate day) {
    return CandidatureWords.each(LegalDates.date(day, Locale.FRENCH), LegalDates.date(day, Locale.ENGLISH));
  }
}
