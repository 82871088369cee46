package fr.parcours.transitional;

import fr.parcours.candidature.CandidatureWords;
import fr.parcours.deadline.LegalDates;
import fr.parcours.shared.BadInputException;
import fr.parcours.shared.CandidatureCheck;
import fr.parcours.transitional.AnsWindows.Mode;
import fr.parcours.transitional.AnsWindows.Window;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A nominal candidature (the ANS certification, or a pathway that calls it) is for the window whose certification the
 * ANS track gives ({@code nominalTrackWindow} of catalogue/ans-windows.json): while that window is in its
 * transitional phase, the ANS decides no admissibility and issues no certificate (seed 004 §4), so the candidature is
 * refused with what to do instead, and nothing is stored. The transitional pathway has its own intake
 * ({@link TransitionalIntake}), which refuses the other way round.
 */
@Component
class NominalCandidatureCheck implements CandidatureCheck {

  private final WindowPhases phases;

  NominalCandidatureCheck(WindowPhases phases) {
    this.phases = phases;
  }

  @Override
  public void check(String processKey, Map<String, Object> variables, boolean inEnglish) {
    if (TransitionalProcess.KEY.equals(processKey)) {
      return;
    }
    Window window = phases.current().nominalTrack().orElse(null);
    if (window == null) {
      return;
    }
    Mode mode = window.modeOn(phases.today());
    if (mode == Mode.NOMINAL) {
      return;
    }
    CandidatureWords opens = window.nominalOpensOn() == null
        ? CandidatureWords.of("ansWindow.nominalNotAnnounced")
        : CandidatureWords.of("ansWindow.nominalOpensOn", CandidatureWords.each(
            LegalDates.date(window.nominalOpensOn(), Locale.FRENCH),
            LegalDates.date(window.nominalOpensOn(), Locale.ENGLISH)));
    CandidatureWords name = CandidatureWords.each(window.label(),
        window.labelEn() == null ? window.label() : window.labelEn());
    throw new BadInputException(CandidatureWords.of(mode == Mode.NOT_OPEN ? "ansWindow.notOpen"
        : "ansWindow.transitional", name, opens).forVendor(inEnglish));
  }
}
