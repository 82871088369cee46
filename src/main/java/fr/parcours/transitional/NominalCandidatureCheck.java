package fr.parcours.transitional;

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
  public void check(String processKey, Map<String, Object> variables) {
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
    String opens = window.nominalOpensOn() == null
        ? "l’ANS n’a pas encore annoncé l’ouverture de sa phase nominale"
        : "sa phase nominale ouvre le " + LegalDates.date(window.nominalOpensOn(), Locale.FRENCH);
    if (mode == Mode.NOT_OPEN) {
      throw new BadInputException("Le guichet de certification de l’ANS « " + window.label() + " » n’est pas encore"
          + " ouvert (" + opens + ") : aucune candidature n’y est reçue. Rien n’a été enregistré.");
    }
    throw new BadInputException("Le guichet de certification de l’ANS « " + window.label() + " » est en phase"
        + " transitoire et " + opens + " : l’ANS n’y prononce aucune recevabilité et ne délivre aucun certificat"
        + " (règlement de la phase transitoire, § 4). Déposez plutôt votre candidature par « Certification ANS —"
        + " phase transitoire » pour un retour informatif ; vous la poursuivrez en candidature nominale, sans la"
        + " ressaisir, quand la phase nominale sera ouverte (page « Guichets de l’ANS »). Rien n’a été enregistré.");
  }
}
