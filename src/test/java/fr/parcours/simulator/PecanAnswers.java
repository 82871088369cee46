package fr.parcours.simulator;

import java.util.Map;

/**
 * PECAN's people in the simulator: the vendor (alice, of vendor-medisoft), the ANS (ana), the HAS desk (hugo), the
 * CNEDiMTS (claire) and the ministers (marc), answering the steps of pecan.bpmn and of the four tracks it calls with
 * the values their forms take ({@link TrackSteps}), and PECAN's own steps.
 */
final class PecanAnswers extends PathwayAnswers {

  static final String VENDOR = TrackSteps.VENDOR;

  PecanAnswers() {
    super(tracks());
  }

  private static TrackSteps tracks() {
    TrackSteps tracks = new TrackSteps().ans().sesame();
    // PECAN itself
    tracks.step("Task_SendAcknowledgement", "marc", TrackSteps.WHO_MINISTERS, 2,
        Map.of("acknowledgementDate", TODAY), null, null);
    // PECAN's draft opinion is an unfavourable one, which the final opinion confirms
    tracks.cnedimts("UNFAVOURABLE").ministers();
    // after a favourable decision
    tracks.step("Task_FileLpprApplication", VENDOR, TrackSteps.WHO_VENDOR, 60, Map.of("lpprFilingReference",
        "LPPR-SIM", "lpprFiled", true), null, null);
    tracks.step("Task_FileLatmApplication", VENDOR, TrackSteps.WHO_VENDOR, 90, Map.of("latmFilingReference",
        "LATM-SIM", "latmFiled", true), null, null);
    return tracks;
  }

  @Override
  public String pathway() {
    return "pecan";
  }

  @Override
  public String title() {
    return "PECAN (prise en charge anticipée)";
  }

  @Override
  public Map<String, Object> startForm(int index) {
    Map<String, Object> form = candidature(index);
    form.put("telemonitoring", true);
    return form;
  }

  @Override
  public Ending classify(Map<String, Object> pathway, boolean ended) {
    Object outcome = pathway.get("pecanOutcome");
    if (!ended || outcome == null) {
      return Ending.OPEN;
    }
    return switch (outcome.toString()) {
      case "EARLY_COVERAGE_GRANTED", "EARLY_COVERAGE_ENDED" -> Ending.DECIDED;
      default -> endedWithout(outcome, pathway);
    };
  }
}
