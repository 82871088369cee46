package fr.parcours.simulator;

import fr.parcours.support.Candidatures;
import java.util.HashMap;
import java.util.Map;

/**
 * What the pathways composed of the tracks share in the simulator: the demo vendor applies with the standard
 * candidature (a device of its own per dossier, a Sésame account, no early meeting), the tracks' steps are answered
 * as {@link TrackSteps} says, the ministers' decision is the decision, and a dossier that ended without its pathway's
 * favourable end was refused or abandoned.
 */
abstract class PathwayAnswers implements AnswerBook {

  private final Map<String, Step> steps;

  PathwayAnswers(TrackSteps tracks) {
    this.steps = tracks.steps();
  }

  @Override
  public String vendor() {
    return TrackSteps.VENDOR;
  }

  @Override
  public Map<String, Step> steps() {
    return steps;
  }

  /** The standard candidature, its device named after the dossier's number. */
  Map<String, Object> candidature(int index) {
    Map<String, Object> form = new HashMap<>(Candidatures.valid());
    form.put("softwareName", "Logiciel simulé " + (index + 1));
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    return form;
  }

  /** The ministers' decision, favourable or not (not a request for complements). */
  @Override
  public boolean decides(String taskKey, Answer answer) {
    return "Task_EvaluateApplication".equals(taskKey) && answer != Answer.COMPLEMENTS;
  }

  /**
   * A dossier ended by another outcome than its favourable one: abandoned when the vendor's complements lapsed (to
   * the CNEDiMTS, the ministers, or the ANS), refused otherwise.
   */
  static Ending endedWithout(Object outcome, Map<String, Object> pathway) {
    return switch (String.valueOf(outcome)) {
      case "ABANDONED_CNEDIMTS_COMPLEMENTS", "ABANDONED_MINISTERS_COMPLEMENTS" -> Ending.ABANDONED;
      case "ANS_CERTIFICATION_NOT_OBTAINED" -> "ABANDONED".equals(String.valueOf(pathway.get("ansOutcome")))
          ? Ending.ABANDONED : Ending.REFUSED;
      default -> Ending.REFUSED;
    };
  }
}
