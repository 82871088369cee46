package fr.parcours.simulator;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The brand name's people in the simulator: the steps of brand-name.bpmn and of the four tracks it calls
 * ({@link TrackSteps}), and the brand name's own: the acknowledgement, the copy to the CNPs, the price dossier and
 * the CEPS's answer, the registration order and its renewal. Every dossier declares no certificate: the ANS
 * certification runs first, as for a device the ANS has not certified yet. The order sets the registration's end on
 * the last day the deadlines table allows ({@code BRAND_REGISTRATION_VALIDITY}, given by the run as
 * {@code latestEnd}, so that a changed table changes it too).
 */
final class BrandNameAnswers extends PathwayAnswers {

  static final String VENDOR = TrackSteps.VENDOR;

  /** @param latestEnd the last day the table allows a registration ordered on a day to run to */
  BrandNameAnswers(UnaryOperator<LocalDate> latestEnd) {
    super(tracks(latestEnd));
  }

  private static TrackSteps tracks(UnaryOperator<LocalDate> latestEnd) {
    TrackSteps tracks = new TrackSteps().ans().sesame();
    tracks.step("Task_SendAcknowledgement", "marc", TrackSteps.WHO_MINISTERS, 2,
        Map.of("acknowledgementDate", TODAY), null, null);
    tracks.step("Task_SendCnpCopy", VENDOR, TrackSteps.WHO_VENDOR, 5, Map.of("cnpNames", "CNP de cardiologie",
        "cnpCopySent", true), null, null);
    tracks.step("Task_FilePriceDossier", VENDOR, TrackSteps.WHO_VENDOR, 20, Map.of("cepsReference", "CEPS-SIM",
        "cepsFiled", true), null, null);
    tracks.step("Task_RecordCepsOutcome", "marc", TrackSteps.WHO_MINISTERS, 60, Map.of("cepsOutcome", "AGREED",
        "cepsTariff", "9 € par mois"), null, Map.of("cepsOutcome", "NO_AGREEMENT"));
    // the brand name's draft opinion comes first; the final opinion is favourable unless the file says otherwise
    tracks.cnedimts("FAVOURABLE").ministers();
    Dated endOfRegistration = today -> latestEnd.apply(today).toString();
    tracks.step("Task_PublishRegistrationOrder", "marc", TrackSteps.WHO_MINISTERS, 10, Map.of("orderDate", TODAY,
        "publicationReference", "JORF SIM", "registrationEndDate", endOfRegistration), null, null);
    // the renewal task opens with the registration, years before it is due: the vendor files some days before
    tracks.stepBeforeDue("Task_FileRenewal", VENDOR, TrackSteps.WHO_VENDOR, 20, Map.of("certificateStillValid", true));
    return tracks;
  }

  @Override
  public String pathway() {
    return "brand-name";
  }

  @Override
  public String title() {
    return "inscription en nom de marque";
  }

  @Override
  public Map<String, Object> startForm(int index) {
    Map<String, Object> form = candidature(index);
    form.put("validCertificate", false);
    form.put("telemonitoring", false);
    form.put("anticipatedCoverage", false);
    return form;
  }

  /**
   * A registered dossier lives on after its order (until its end, or its renewal's next round): it counts as decided,
   * running or not; one ended without an order was refused or abandoned.
   */
  @Override
  public Ending classify(Map<String, Object> pathway, boolean ended) {
    if (pathway.get("registrationEndsAt") != null) {
      return Ending.DECIDED;
    }
    Object outcome = pathway.get("brandNameOutcome");
    return !ended || outcome == null ? Ending.OPEN : endedWithout(outcome, pathway);
  }
}
