package fr.parcours.brandname;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.ans.AnsProcess;
import fr.parcours.device.DeviceRecords;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/pathways/brand-name.bpmn on its own, without Spring and without replaying its tracks: the four tracks are
 * stub processes deployed under their keys, each waiting at one task that the test completes with what the track
 * hands back, or ends with the BPMN error the pathway catches ({@code stubError}). Each test asserts what the
 * pathway passes each track ({@code camunda:in}) and reads back ({@code camunda:out}). The pathway's intake and
 * milestones are the real ones; its task checks, with the real tracks and clocks, in {@link BrandNameProcessTest}; the rest is stubbed
 * ({@link TrackEngine.Stubs}). The class fails below 100 % of brand-name.bpmn.
 */
@Deployment(resources = {"bpmn/pathways/brand-name.bpmn", "bpmn/deadlines.dmn"})
class BrandNamePathwayTest extends TrackTestBase {

  static final String ANS = AnsProcess.KEY;
  static final String SESAME = "sesame-filing";
  static final String CNEDIMTS = "cnedimts-opinion";
  static final String MINISTERS = "ministers-decision";
  static final String DOSSIER = "DMN-2026-00042";

  @RegisterExtension
  static ProcessEngineCoverageExtension engine =
      TrackEngine.withFullCoverage(List.of(BrandNameProcess.OUTCOMES), ANS, SESAME, CNEDIMTS, MINISTERS);

  @BeforeEach
  void deployTheStubTracksAndTheGlue() {
    // the device records hold the declared certificate for this company's device (BrandNameProcessTest: the refusals)
    Mocks.register("brandNameIntake", new BrandNameIntake(number -> Optional.of(new DeviceRecords.CertifiedDevice(
        number, "device-1", "vendor-medisoft", "Medisoft", "Telesuivi", "1.0", DeviceRecords.ANS_REFERENTIAL, "2025",
        false, "DMN-2025-00001", null, null, null)), (certificate, day) -> Optional.empty(),
        java.time.ZoneId.of("Europe/Paris")));
    Mocks.register("brandNameMilestones", new BrandNameMilestones());
    Mocks.register("brandNameTaskChecks", (TaskListener) task -> { });
    track.deploy(TrackEngine.stubTrack(ANS), TrackEngine.stubTrack(SESAME), TrackEngine.stubTrack(CNEDIMTS),
        TrackEngine.stubTrack(MINISTERS));
  }

  ProcessInstance apply(boolean validCertificate, boolean anticipatedCoverage) {
    Map<String, Object> form = new HashMap<>(Map.of("applicant", "vendor-user", "dossierId", DOSSIER,
        "vendorGroup", "vendor-medisoft", "companyName", "Medisoft", "softwareName", "Telesuivi",
        "hasConvergenceAccount", true, "hasSesameAccount", true, "telemonitoring", true,
        "anticipatedCoverage", anticipatedCoverage, "validCertificate", validCertificate));
    form.put("correspondenceLanguage", "FR");
    form.put("softwareVersion", "1.0");
    if (validCertificate) {
      form.put("certificateNumber", "CC-2025-7");
    }
    ProcessInstance dossier = track.start(BrandNameProcess.KEY, form);
    track.runJobs(dossier);
    return dossier;
  }

  /** The dossier started before one step, as the earlier steps left it. */
  ProcessInstance startBefore(String activity, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(Map.of("dossierId", DOSSIER, "vendorGroup", "vendor-medisoft",
        "pathway", "BRAND_NAME", "anticipatedCoverage", false));
    all.putAll(variables);
    ProcessInstance instance = track.engine().getRuntimeService().createProcessInstanceByKey(BrandNameProcess.KEY)
        .businessKey(DOSSIER).startBeforeActivity(activity).setVariables(all).execute();
    track.runJobs(instance);
    return instance;
  }

  void answer(ProcessInstance dossier, String key, Map<String, Object> handedBack) {
    track.complete(track.calledTrack(dossier, key), "Stub_Track", handedBack);
    track.runJobs(dossier);
  }

  void complete(ProcessInstance dossier, String task, Map<String, Object> variables) {
    track.complete(dossier, task, variables);
    track.runJobs(dossier);
  }

  /** From the Sésame filing to the ministers' call: AR, copy to the CNPs, CNEDiMTS opinion, price dossier. */
  void fileAndEvaluate(ProcessInstance dossier, boolean cnpCopySent) {
    answer(dossier, SESAME, Map.of("sesameReference", "SES-1", "sesameAccountId", "ACC-1",
        "sesameCompleteness", "COMPLETE", "cnpCopySent", cnpCopySent, "sesameNotMapped", "x"));
    assertThat(track.task(dossier, "Task_SendAcknowledgement")).hasCandidateGroup("ministry");
    assertThat(track.task(dossier, "Task_FilePriceDossier")).hasCandidateGroup("vendor-medisoft");
    complete(dossier, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-12-02",
        "acknowledgedAt", new Date()));
    assertThat(track.received(track.calledTrack(dossier, CNEDIMTS))).containsEntry("draftOpinionFirst", true)
        .containsEntry("pathway", "BRAND_NAME").containsEntry("sesameReference", "SES-1")
        .containsEntry("acknowledgementDate", "2026-12-02").doesNotContainKeys("cepsReference", "sesameNotMapped");
    if (!cnpCopySent) {
      assertThat(track.task(dossier, "Task_SendCnpCopy")).hasCandidateGroup("vendor-medisoft");
      complete(dossier, "Task_SendCnpCopy", Map.of("cnpNames", "CNP de cardiologie", "cnpCopySent", true));
    }
    answer(dossier, CNEDIMTS, Map.of("cnedimtsDecision", "FAVOURABLE", "opinionReference", "AV-1"));
    assertThat(dossier).isWaitingAt("Task_FilePriceDossier");
    complete(dossier, "Task_FilePriceDossier", Map.of("cepsReference", "CEPS-9", "cepsFiled", true));
    assertThat(track.task(dossier, "Task_RecordCepsOutcome")).hasCandidateGroup("ministry");
    complete(dossier, "Task_RecordCepsOutcome", Map.of("cepsOutcome", "AGREED", "cepsTariff", "12 € / mois"));
  }

  @Test
  void shouldRegisterWithADeclaredCertificateThenRemindAndRenewInANewRoundWithTheAns() {
    ProcessInstance dossier = apply(true, false);

    // Then no ANS round: the Sésame filing and the price dossier start side by side
    assertThat(dossier).hasPassed("Gateway_CertificateReady").hasNotPassed("CallActivity_AnsCertification");
    assertThat(track.received(track.calledTrack(dossier, SESAME))).containsEntry("pathway", "BRAND_NAME")
        .containsEntry("hasSesameAccount", true).containsEntry("hasMeeting", "NONE")
        .doesNotContainKeys("hasConvergenceAccount", "certificateNumber");
    assertThat(stubs.candidatures).containsExactly(DOSSIER);

    fileAndEvaluate(dossier, false);

    // Then the ministers decide, knowing the opinion, the certificate and the CEPS's answer
    assertThat(dossier).variables().containsKey(BrandNameProcess.OPINION_RECEIVED_AT);
    assertThat(track.received(track.calledTrack(dossier, MINISTERS))).containsEntry("cnedimtsDecision", "FAVOURABLE")
        .containsEntry("certificateNumber", "CC-2025-7").containsEntry("cepsOutcome", "AGREED")
        .containsKey("decisionWindowOpensAt").containsEntry("pathway", "BRAND_NAME");
    answer(dossier, MINISTERS, Map.of("ministersDecision", "FAVOURABLE", "ministersComment", "inscrit"));
    assertThat(track.task(dossier, "Task_PublishRegistrationOrder")).hasCandidateGroup("ministry")
        .hasDueDate(TrackEngine.Stubs.DUE);
    complete(dossier, "Task_PublishRegistrationOrder", Map.of("orderDate", "2026-12-02",
        "registrationEndsAt", new Date()));

    // Then the registration lives: the renewal task waits, the vendor is reminded, a late renewal is flagged
    assertThat(track.task(dossier, "Task_FileRenewal")).hasCandidateGroup("vendor-medisoft")
        .hasDueDate(TrackEngine.Stubs.DUE);
    track.fire(dossier, "Timer_RenewalReminder");
    track.fire(dossier, "Timer_RenewalWindowPassed");
    assertThat(dossier).hasPassed("EndEvent_RenewalReminded", "EndEvent_LateRenewalFlagged").variables()
        .containsEntry("renewalLate", true);

    // When the vendor renews with a lapsed certificate, a new round starts with the ANS
    complete(dossier, "Task_FileRenewal", Map.of("certificateStillValid", false, "validCertificate", false));
    assertThat(track.received(track.calledTrack(dossier, ANS))).containsEntry("waitsForGoAhead", false)
        .containsEntry("dossierId", DOSSIER).containsEntry("hasConvergenceAccount", true)
        .containsEntry("pathway", "BRAND_NAME").doesNotContainKeys("hasSesameAccount");
    answer(dossier, ANS, Map.of("ansOutcome", "CERTIFIED", "certificateNumber", "CC-2027-1", "ansNotMapped", "x"));
    assertThat(dossier).variables().containsEntry("certificateNumber", "CC-2027-1").doesNotContainKey("ansNotMapped");
    fileAndEvaluate(dossier, true);
    answer(dossier, MINISTERS, Map.of("ministersDecision", "FAVOURABLE"));
    complete(dossier, "Task_PublishRegistrationOrder", Map.of());

    // When no renewal is filed before the registration's end
    track.fire(dossier, "Timer_RegistrationExpired");

    // each round begins with the filings to make: the declared certificate's, then the renewal's
    assertThat(stubs.mails).containsExactly("BRAND_NAME_FILINGS_OPEN", "ACKNOWLEDGEMENT_OF_RECEIPT",
        "MINISTERS_DECISION_FAVOURABLE", "REGISTRATION_RENEWAL_REMINDER", "BRAND_NAME_FILINGS_OPEN",
        "ACKNOWLEDGEMENT_OF_RECEIPT", "MINISTERS_DECISION_FAVOURABLE", "REGISTRATION_ENDED");
    assertThat(stubs.windowsAsked).contains("last moment MINISTERS_DECISION from acknowledgedAt",
        "MINISTERS_DECISION from acknowledgedAt",
        "BRAND_RENEWAL_FILING from registrationEndsAt", "reminder BRAND_RENEWAL_FILING",
        "BRAND_REGISTRATION_END from registrationEndsAt");
    assertThat(dossier).isEnded().hasPassed("Gateway_CnpCopyDone", "EndEvent_RegistrationEnded").variables()
        .containsEntry(BrandNameProcess.OUTCOME, "REGISTRATION_ENDED");
  }

  @Test
  void shouldRemindTheVendorOfTheCopyToTheCnpsUntilConfirmed() {
    ProcessInstance dossier = apply(true, false);
    answer(dossier, SESAME, Map.of("sesameReference", "SES-1", "cnpCopySent", false));

    track.fire(dossier, "Timer_CnpCopyReminder");

    assertThat(stubs.mails).containsExactly("BRAND_NAME_FILINGS_OPEN", "CNP_COPY");
    assertThat(stubs.windowsAsked).contains("BRAND_CNP_COPY");
    assertThat(dossier).hasPassed("EndEvent_CnpCopyReminded").isWaitingAt("Task_SendCnpCopy");
  }

  @Test
  void shouldEndWithoutCertificateWhenTheAnsRoundFails() {
    ProcessInstance dossier = apply(false, false);

    answer(dossier, ANS, Map.of("ansOutcome", "INADMISSIBLE"));

    assertThat(dossier).isEnded().hasPassed("EndEvent_AnsCertificationNotObtained").hasNotPassed(
        "SubProcess_FileAndEvaluate").variables()
        .containsEntry(BrandNameProcess.OUTCOME, "ANS_CERTIFICATION_NOT_OBTAINED");
  }

  @Test
  void shouldFlagTheOpinionOverdueAtSeventyDaysOnlyForAnEarlyCoverageActivity() {
    ProcessInstance early = startBefore("CallActivity_CnedimtsOpinion", Map.of("anticipatedCoverage", true));
    ProcessInstance ordinary = startBefore("CallActivity_CnedimtsOpinion", Map.of("anticipatedCoverage", false));

    track.fire(early, "Timer_AnticipatedOpinionDue");
    track.fire(ordinary, "Timer_AnticipatedOpinionDue");

    assertThat(stubs.windowsAsked).contains("BRAND_CNEDIMTS_OPINION_ANTICIPATED if anticipatedCoverage");
    assertThat(early).hasPassed("EndEvent_AnticipatedOpinionOverdueFlagged").isWaitingAt(
        "CallActivity_CnedimtsOpinion").variables().containsEntry("opinionOverdue", true);
    assertThat(ordinary).hasPassed("EndEvent_NinetyDaysApply").isWaitingAt("CallActivity_CnedimtsOpinion")
        .variables().doesNotContainKey("opinionOverdue");
  }

  @Test
  void shouldLetTheMinistersDecideOnAnUnfavourableOpinion() {
    // the opinion is advisory: "once I receive the commission's opinion, my application will be considered by the
    // ministers" (seed 000, step 15), whichever it is
    ProcessInstance dossier = startBefore("CallActivity_CnedimtsOpinion", Map.of());

    answer(dossier, CNEDIMTS, Map.of("stubError", "OPINION_UNFAVOURABLE"));

    assertThat(track.received(track.calledTrack(dossier, MINISTERS))).containsEntry("cnedimtsDecision", "UNFAVOURABLE")
        .containsEntry("pathway", "BRAND_NAME");
    answer(dossier, MINISTERS, Map.of("ministersDecision", "UNFAVOURABLE", "ministersComment", "avis défavorable"));
    assertThat(stubs.mails).containsExactly("MINISTERS_DECISION_REFUSAL");
    assertThat(dossier).isEnded().hasPassed("Error_OpinionUnfavourable", "EndEvent_RegistrationRefused")
        .hasNotPassed("Task_RecordCepsOutcome").variables()
        .containsEntry(BrandNameProcess.OUTCOME, "REGISTRATION_REFUSED");
  }

  @Test
  void shouldDeemTheApplicationAbandonedWhenTheCnedimtsComplementsLapse() {
    ProcessInstance dossier = startBefore("CallActivity_CnedimtsOpinion", Map.of());

    answer(dossier, CNEDIMTS, Map.of("stubError", "CNEDIMTS_COMPLEMENTS_LAPSED"));

    assertThat(stubs.mails).containsExactly("APPLICATION_ABANDONED");
    assertThat(dossier).isEnded().hasPassed("EndEvent_AbandonedAtCnedimts").variables()
        .containsEntry(BrandNameProcess.OUTCOME, "ABANDONED_CNEDIMTS_COMPLEMENTS");
  }

  @Test
  void shouldSendTheRefusalWithItsReasons() {
    ProcessInstance dossier = startBefore("CallActivity_MinistersDecision", Map.of("cnedimtsDecision", "FAVOURABLE"));

    answer(dossier, MINISTERS, Map.of("ministersDecision", "UNFAVOURABLE", "ministersComment", "service attendu"));

    assertThat(stubs.mails).containsExactly("MINISTERS_DECISION_REFUSAL");
    assertThat(dossier).isEnded().hasPassed("EndEvent_RegistrationRefused").variables()
        .containsEntry(BrandNameProcess.OUTCOME, "REGISTRATION_REFUSED");
  }

  @Test
  void shouldDeemTheApplicationAbandonedWhenTheMinistersComplementsLapse() {
    ProcessInstance dossier = startBefore("CallActivity_MinistersDecision", Map.of("cnedimtsDecision", "FAVOURABLE"));

    answer(dossier, MINISTERS, Map.of("ministersDecision", "ABANDONED"));

    assertThat(stubs.mails).containsExactly("APPLICATION_ABANDONED");
    assertThat(dossier).isEnded().hasPassed("EndEvent_AbandonedAtMinisters").variables()
        .containsEntry(BrandNameProcess.OUTCOME, "ABANDONED_MINISTERS_COMPLEMENTS");
  }

  @Test
  void shouldRefuseADeclaredCertificateWithoutItsNumberAndEarlyCoverageWithoutTelemonitoring() {
    // bad inputs tried: a valid certificate declared without a number, early coverage of a non-telemonitoring device,
    // a meeting that is not one of the three
    Map<String, Object> noNumber = new HashMap<>(Map.of("dossierId", DOSSIER, "validCertificate", true));
    Map<String, Object> earlyWithoutTelemonitoring = new HashMap<>(Map.of("dossierId", DOSSIER,
        "anticipatedCoverage", true, "telemonitoring", false));
    Map<String, Object> badMeeting = new HashMap<>(Map.of("dossierId", DOSSIER, "hasMeeting", "LUNCH"));

    for (Map<String, Object> form : List.of(noNumber, earlyWithoutTelemonitoring, badMeeting)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> track.start(BrandNameProcess.KEY, form))
          .isInstanceOf(BadInputException.class).hasMessageMatching("(?s).*(numéro|télésurveillance|rencontre).*");
    }
    // the two a person can meet in the start form name its fields as the form shows them, not as variables
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> track.start(BrandNameProcess.KEY, noNumber))
        .hasMessageContaining("« Numéro du certificat de conformité »").hasMessageNotContaining("certificateNumber");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> track.start(BrandNameProcess.KEY,
        earlyWithoutTelemonitoring)).hasMessageContaining("« Le dispositif sert à la télésurveillance médicale »")
        .hasMessageNotContaining("anticipatedCoverage");
    assertThat(track.engine().getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void shouldRenewInTimeDirectlyOnSesameWhenTheCertificateIsStillValid() {
    ProcessInstance dossier = startBefore("Task_FileRenewal", Map.of("validCertificate", false,
        "certificateNumber", "CC-2025-7", "hasSesameAccount", true, "hasMeeting", "NONE"));

    complete(dossier, "Task_FileRenewal", Map.of("certificateStillValid", true, "validCertificate", true));

    // Then a new round starts on Sésame, without the ANS, with the same certificate; the renewal is not late
    assertThat(dossier).hasNotPassed("CallActivity_AnsCertification", "Task_FlagLateRenewal");
    assertThat(track.received(track.calledTrack(dossier, SESAME))).containsEntry("pathway", "BRAND_NAME");
    assertThat(track.task(dossier, "Task_FilePriceDossier")).isNotNull();
    assertThat(dossier).variables().containsEntry("certificateNumber", "CC-2025-7").doesNotContainKey("renewalLate");
  }
}
