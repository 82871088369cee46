package fr.parcours.genericline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.ans.AnsProcess;
import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import fr.parcours.genericline.GenericLines.Line;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.ReferentialVersions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * bpmn/pathways/generic-line.bpmn on its own, without Spring and without replaying its tracks: the ANS track is a
 * stub that waits for the deposit, raises EVIDENCE_COMPLETE, then waits for its instruction; the ministers' track a
 * stub that waits at one task. The pathway's intake and task checks are the real ones (on the shipped generic lines,
 * plus one line that was not ETAPES'); mails and clocks are stubbed ({@link TrackEngine.Stubs}). The class fails below
 * 100 % of generic-line.bpmn.
 */
@Deployment(resources = {"bpmn/pathways/generic-line.bpmn", "bpmn/deadlines.dmn"})
class GenericLinePathwayTest extends TrackTestBase {

  static final String ANS = AnsProcess.KEY;
  static final String MINISTERS = "ministers-decision";
  static final String DOSSIER = "DMN-2026-00017";
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @RegisterExtension
  static ProcessEngineCoverageExtension engine =
      TrackEngine.withFullCoverage(List.of(GenericLineProcess.OUTCOMES), ANS, MINISTERS);

  @BeforeEach
  void deployTheStubTracksAndTheGlue() throws IOException {
    GenericLines shipped = GenericLinesTest.shipped();
    List<Line> lines = new ArrayList<>(shipped.lines());
    lines.add(new Line("ASTHMA", "Télésurveillance de l’asthme", "Telemonitoring of asthma", false, Period.ofYears(3),
        List.of("SOCLE"), List.<Requirement>of()));
    GenericLines withANonEtapesLine = new GenericLines(shipped.notice(), lines);
    Mocks.register("genericLineIntake", new GenericLineIntake(withANonEtapesLine));
    records = Mockito.mock(DeviceRecords.class);
    Mocks.register("genericLineTaskChecks", new GenericLineTaskChecks(withANonEtapesLine, records, "Europe/Paris"));
    ReferentialVersions versions = Mockito.mock(ReferentialVersions.class);
    Mockito.when(versions.ofDossier(ArgumentMatchers.any(), ArgumentMatchers.eq(DeviceRecords.ANS_REFERENTIAL),
        ArgumentMatchers.any())).thenReturn("2024");
    Mocks.register("provisionalCertificates", new ProvisionalCertificates(records, stubs.clocks, "Europe/Paris",
        versions));
    BpmnModelInstance ans = Bpmn.createExecutableProcess(ANS).camundaHistoryTimeToLive(1)
        .startEvent().userTask("Stub_AnsDeposit")
        .intermediateThrowEvent("Stub_AnsRaiseEvidenceComplete").escalation(AnsProcess.ESCALATION_EVIDENCE_COMPLETE)
        .userTask("Stub_AnsInstruct").endEvent("Stub_AnsEnded")
        .done();
    track.deploy(ans, TrackEngine.stubTrack(MINISTERS));
  }

  DeviceRecords records;

  Map<String, Object> form(boolean fromEtapes, List<String> genericLines, List<String> profiles) {
    Map<String, Object> form = new HashMap<>(Map.of("applicant", "vendor-user", "dossierId", DOSSIER,
        "vendorGroup", "vendor-medisoft", "companyName", "Medisoft", "softwareName", "Telesuivi",
        "hasConvergenceAccount", true, "softwareProfiles", profiles, "genericLines", genericLines,
        "fromEtapes", fromEtapes));
    form.put("correspondenceLanguage", "FR");
    return form;
  }

  ProcessInstance apply(boolean fromEtapes) {
    return track.start(GenericLineProcess.KEY, form(fromEtapes, List.of("DIABETES"), List.of("SOCLE")));
  }

  /** The dossier started before one step, as the earlier steps left it. */
  ProcessInstance startBefore(String activity, String dossier, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(Map.of("dossierId", dossier, "vendorGroup", "vendor-medisoft",
        "pathway", "GENERIC_LINE", "genericLines", "DIABETES", "softwareName", "Telesuivi"));
    all.putAll(variables);
    ProcessInstance instance = track.engine().getRuntimeService()
        .createProcessInstanceByKey(GenericLineProcess.KEY).businessKey(dossier).startBeforeActivity(activity)
        .setVariables(all).execute();
    track.runJobs(instance);
    return instance;
  }

  void complete(ProcessInstance dossier, String task, Map<String, Object> variables) {
    track.complete(dossier, task, variables);
    track.runJobs(dossier);
  }

  /**
   * The ANS track: evidence deposited (the milestone raised), then it ends with its two certifications as the test
   * says: the referential's ({@code ansOutcome}) and the lines' ({@code lineCertificationOutcome}).
   */
  void certify(ProcessInstance dossier, String ansOutcome, String lineOutcome) {
    ProcessInstance ans = track.calledTrack(dossier, ANS);
    track.complete(ans, "Stub_AnsDeposit", Map.of());
    track.runJobs(dossier);
    track.complete(ans, "Stub_AnsInstruct", Map.of("ansOutcome", ansOutcome, "certificateNumber", "CC-17",
        "lineCertificationOutcome", lineOutcome, "lineCertificateNumbers", "CL-" + DOSSIER + "-DIABETES"));
    track.runJobs(dossier);
  }

  void refused(ProcessInstance dossier, String task, Map<String, Object> variables, String message) {
    // without the application, the engine wraps the listener's refusal: its cause is the sentence the person reads
    assertThatThrownBy(() -> track.complete(dossier, task, variables)).rootCause()
        .isInstanceOf(BadInputException.class).hasMessageContaining(message);
    assertThat(track.task(dossier, task)).as("%s stays open", task).isNotNull();
  }

  @Test
  void shouldTakeADossierFromCandidatureThroughBothCertificationsAndTheFilingToItsCodeAndTheCnamBases() {
    ProcessInstance dossier = apply(false);

    // Then the ANS track gets the candidature and the lines to certify, not the pathway's own choices
    assertThat(track.received(track.calledTrack(dossier, ANS))).containsEntry("dossierId", DOSSIER)
        .containsEntry("hasConvergenceAccount", true).containsEntry("waitsForGoAhead", false)
        .containsEntry("genericLines", "DIABETES").containsEntry("pathway", "GENERIC_LINE")
        .doesNotContainKey("fromEtapes");
    assertThat(dossier).variables().containsEntry("pathway", "GENERIC_LINE").containsEntry("genericLines", "DIABETES")
        .containsEntry("genericLineNames", "Télésurveillance du diabète")
        .containsEntry("genericLineNamesEn", "Telemonitoring of diabetes").containsEntry("fromEtapes", false);

    certify(dossier, "CERTIFIED", "CERTIFIED");
    // a vendor not from ETAPES gets no provisional certificate when its evidence is complete
    assertThat(dossier).hasPassed("EndEvent_NotFromEtapes").hasNotPassed("Task_IssueProvisionalCertificate");
    // both certifications come back from the track: the dossier goes on to Démarches Simplifiées
    assertThat(dossier).hasPassed("Gateway_AnsCertified", "Gateway_LineRequirementsMet").variables()
        .containsEntry("lineCertificationOutcome", "CERTIFIED")
        .containsEntry("lineCertificateNumbers", "CL-" + DOSSIER + "-DIABETES");

    assertThat(track.task(dossier, "Task_RecordDsFiling")).hasCandidateGroup("ministry");
    refused(dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "DS-12", "dsReceivedDate", "2026-12-01"),
        "Le numéro du dossier Démarches Simplifiées est fait de chiffres, pas « DS-12 »");
    refused(dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "12345",
        "dsReceivedDate", LocalDate.now(PARIS).plusDays(3).toString()), "est dans le futur");
    // both wrong: one refusal names both (walk 7: corrected twice, one error at a time), and nothing is stored
    refused(dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "DS-4242",
        "dsReceivedDate", LocalDate.now(PARIS).plusDays(3).toString()),
        "Le numéro du dossier Démarches Simplifiées est fait de chiffres, pas « DS-4242 »");
    refused(dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "DS-4242",
        "dsReceivedDate", LocalDate.now(PARIS).plusDays(3).toString()), "est dans le futur");
    refused(dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", " ", "dsReceivedDate", "31/12/2026"),
        "« Numéro du dossier sur Démarches Simplifiées » est vide");
    refused(dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", " ", "dsReceivedDate", "31/12/2026"),
        "doit être une date comme");
    complete(dossier, "Task_RecordDsFiling", Map.of("dsDossierNumber", "12345", "dsReceivedDate", "2026-12-01"));

    ProcessInstance ministers = track.calledTrack(dossier, MINISTERS);
    assertThat(track.received(ministers)).containsEntry("pathway", "GENERIC_LINE")
        .containsEntry("certificateNumber", "CC-17").containsEntry("decisionWindowOpensAt",
            Date.from(LocalDate.of(2026, 12, 1).atStartOfDay(PARIS).toInstant()))
        .doesNotContainKeys("dsDossierNumber", "genericLines");
    track.complete(ministers, "Stub_Track", Map.of("ministersDecision", "FAVOURABLE"));
    track.runJobs(dossier);

    assertThat(track.task(dossier, "Task_AllocateCode")).hasCandidateGroup("ministry")
        .hasDueDate(TrackEngine.Stubs.DUE);
    refused(dossier, "Task_AllocateCode", Map.of("lppCode", "12345"),
        "Le code individuel est fait de 7 chiffres, pas « 12345 »");
    complete(dossier, "Task_AllocateCode", Map.of("lppCode", "1234567"));
    assertThat(track.task(dossier, "Task_UpdateCnamBases")).hasCandidateGroup("cnam");
    // the refusals name the form's fields as the person reads them, not the variables (fifth walk)
    refused(dossier, "Task_UpdateCnamBases", Map.of(), "codes sont à jour » une fois la mise à jour faite");
    complete(dossier, "Task_UpdateCnamBases", Map.of("cnamBasesUpdated", true));

    LocalDate lastDay = LocalDate.now(PARIS).plusYears(5).minusDays(1);
    // the registration lands in the device's records, once, with the code, from today to the line's last day
    Mockito.verify(records).registeredOnLine(ArgumentMatchers.argThat(d -> d.name().equals("Telesuivi")
            && d.vendorGroup().equals("vendor-medisoft")), ArgumentMatchers.eq("1234567"),
        ArgumentMatchers.eq("Télésurveillance du diabète"), ArgumentMatchers.eq(LocalDate.now(PARIS)),
        ArgumentMatchers.eq(lastDay),
        ArgumentMatchers.eq(DOSSIER), ArgumentMatchers.eq(dossier.getId()), ArgumentMatchers.any());
    assertThat(dossier).isEnded().hasPassed("EndEvent_CodeAllocated").variables()
        .containsEntry(GenericLineProcess.OUTCOME, "CODE_ALLOCATED").containsEntry("lppCode", "1234567")
        .containsEntry("registrationEndsAt", Date.from(lastDay.atStartOfDay(PARIS).toInstant()));
    assertThat(stubs.mails).containsExactly("DS_FILING_RECEIVED", "GENERIC_LINE_CODE_ALLOCATED");
    assertThat(stubs.windowsAsked).contains("MINISTERS_DECISION from dsReceivedAt");
  }

  /** An ETAPES dossier whose evidence is complete and whose provisional certificate CP-17 the ANS issued. */
  ProcessInstance provisionallyCertified() {
    ProcessInstance dossier = apply(true);
    track.complete(track.calledTrack(dossier, ANS), "Stub_AnsDeposit", Map.of());
    track.runJobs(dossier);
    assertThat(dossier).isWaitingAt("CallActivity_AnsCertification", "Task_IssueProvisionalCertificate");
    assertThat(track.task(dossier, "Task_IssueProvisionalCertificate")).hasCandidateGroup("ans-reviewer");
    refused(dossier, "Task_IssueProvisionalCertificate", Map.of(), "« Numéro du certificat provisoire » est vide");
    complete(dossier, "Task_IssueProvisionalCertificate", Map.of("provisionalCertificateNumber", "CP-17",
        "window_GENERIC_PROVISIONAL_COMPLIANCE_lastDay", "2027-06-30"));
    return dossier;
  }

  /** The ANS track ends: its instruction found the evidence conforming (or not); the lines are certified. */
  void instruct(ProcessInstance dossier, String ansOutcome) {
    track.complete(track.calledTrack(dossier, ANS), "Stub_AnsInstruct", Map.of("ansOutcome", ansOutcome,
        "certificateNumber", "CC-17", "lineCertificationOutcome", "CERTIFIED"));
    track.runJobs(dossier);
  }

  static final LocalDate COMPLIANCE_DAY = TrackEngine.Stubs.DUE.toInstant().atZone(PARIS).toLocalDate();

  @Test
  void shouldGiveAnEtapesVendorAProvisionalCertificateAndABillingCodeWithinFifteenDays() {
    ProcessInstance dossier = provisionallyCertified();

    // Then the certificate is in the device's records until the day the window gives, and the dossier awaits both
    Mockito.verify(records).certificateIssued(ArgumentMatchers.argThat(d -> d.name().equals("Telesuivi")),
        ArgumentMatchers.eq("CP-17"), ArgumentMatchers.contains("certificat provisoire"), ArgumentMatchers.eq("2024"),
        ArgumentMatchers.any(), ArgumentMatchers.eq(COMPLIANCE_DAY), ArgumentMatchers.eq(DOSSIER),
        ArgumentMatchers.eq(dossier.getId()), ArgumentMatchers.eq("generic-line"));
    assertThat(dossier).variables().containsEntry("provisionalCertificateStatus", "PROVISIONAL")
        .containsEntry("provisionalCertificateDueOn", Date.from(COMPLIANCE_DAY.atStartOfDay(PARIS).toInstant()));
    assertThat(stubs.windowsAsked).contains("last day GENERIC_PROVISIONAL_COMPLIANCE", "GENERIC_PROVISIONAL_COMPLIANCE");
    assertThat(track.task(dossier, "Task_RequestBillingCode")).hasCandidateGroup("vendor-medisoft");
    complete(dossier, "Task_RequestBillingCode", Map.of("billingRequestReference", "DS-998"));
    assertThat(track.task(dossier, "Task_AllocateBillingCode")).hasCandidateGroup("cnam")
        .hasDueDate(TrackEngine.Stubs.DUE);
    assertThat(stubs.windowsAsked).contains("GENERIC_BILLING_CODE");
    complete(dossier, "Task_AllocateBillingCode", Map.of("billingCode", "FAC-0001"));

    assertThat(dossier).hasPassed("EndEvent_BillingCodeAllocated")
        .isWaitingAt("CallActivity_AnsCertification", "Gateway_ProvisionalCertificateFate")
        .variables().containsEntry("billingCode", "FAC-0001");
    assertThat(stubs.mails).containsExactly("PROVISIONAL_CERTIFICATE_ISSUED", "BILLING_CODE_ALLOCATED");
  }

  @Test
  void shouldMakeTheProvisionalCertificateFinalWhenTheEvidenceConformsBeforeItsDate() {
    ProcessInstance dossier = provisionallyCertified();

    instruct(dossier, "CERTIFIED");

    assertThat(dossier).hasPassed("Event_EvidenceConforms", "EndEvent_ProvisionalCertificateFinal")
        .hasNotPassed("Timer_ProvisionalCertificateLapses").isWaitingAt("Task_RequestBillingCode",
            "Task_RecordDsFiling")
        .variables().containsEntry("provisionalCertificateStatus", "FINAL");
    Mockito.verify(records).becameFinal("CP-17");
    Mockito.verify(records, Mockito.never()).lapsed(ArgumentMatchers.any(), ArgumentMatchers.any(),
        ArgumentMatchers.any());
    assertThat(stubs.mails).containsExactly("PROVISIONAL_CERTIFICATE_ISSUED", "PROVISIONAL_CERTIFICATE_FINAL");
    assertThat(track.engine().getManagementService().createJobQuery().processInstanceId(dossier.getId()).timers()
        .count()).as("the lapse timer is gone").isZero();
    // and its window with it: the dossier page no longer counts the days left to a date that binds no one
    assertThat(stubs.clocks.ledger).contains("closed GENERIC_PROVISIONAL_COMPLIANCE at Event_EvidenceConforms");
  }

  @Test
  void shouldLapseTheProvisionalCertificateAndCloseTheBillingRequestWhenItsDatePassesFirst() {
    ProcessInstance dossier = provisionallyCertified();

    track.fire(dossier, "Timer_ProvisionalCertificateLapses");

    assertThat(dossier).hasPassed("Task_RecordProvisionalCertificateLapse", "EndEvent_ProvisionalCertificateLapsed",
        "Event_BillingCodeVoid", "EndEvent_BillingCodeVoid").hasNotPassed("Event_EvidenceConforms")
        .isWaitingAt("CallActivity_AnsCertification")
        .variables().containsEntry("provisionalCertificateStatus", "LAPSED");
    assertThat(track.task(dossier, "Task_RequestBillingCode")).as("the billing request is closed").isNull();
    Mockito.verify(records).lapsed(ArgumentMatchers.eq("CP-17"), ArgumentMatchers.startsWith(
        "caduc, la preuve de la conformité n’a pas été apportée au plus tard le "), ArgumentMatchers.any());
    assertThat(stubs.mails).containsExactly("PROVISIONAL_CERTIFICATE_ISSUED", "PROVISIONAL_CERTIFICATE_LAPSED");

    // When the evidence conforms after the date, the lapse stands: the dossier goes on to Démarches Simplifiées
    instruct(dossier, "CERTIFIED");
    assertThat(dossier).hasNotPassed("Event_EvidenceConforms").isWaitingAt("Task_RecordDsFiling");
    Mockito.verify(records, Mockito.never()).becameFinal(ArgumentMatchers.any());
    assertThat(stubs.mails).containsExactly("PROVISIONAL_CERTIFICATE_ISSUED", "PROVISIONAL_CERTIFICATE_LAPSED");
  }

  @Test
  void shouldTellTheVendorTheProvisionalCertificateBecameFinalWhenItsFinalCertificateReplacedItBeforeTheLapseStep() {
    // the final certificate was issued on the last day, the timer fired before the ANS outcome reached the dossier:
    // the records keep the provisional certificate replaced by it and refuse to make it « caduc »
    ProcessInstance dossier = provisionallyCertified();
    Mockito.when(records.lapsed(ArgumentMatchers.eq("CP-17"), ArgumentMatchers.any(), ArgumentMatchers.any()))
        .thenReturn(false);
    Mockito.when(records.certificate("CP-17")).thenReturn(Optional.of(new DeviceRecords.CertifiedDevice("CP-17", "d-1",
        "vendor-medisoft", "MediSoft SAS", "Telesuivi", "1.0", DeviceRecords.provisionalOf(DeviceRecords.ANS_REFERENTIAL),
        "2024", false, DOSSIER, dossier.getId(), "CC-" + DOSSIER, Instant.parse("2027-06-30T15:00:00Z"))));

    track.fire(dossier, "Timer_ProvisionalCertificateLapses");

    assertThat(dossier).hasPassed("Task_RecordProvisionalCertificateLapse", "Event_NotifyFinalCertificateMeanwhile",
        "EndEvent_ProvisionalCertificateReplaced")
        .hasNotPassed("EndEvent_ProvisionalCertificateLapsed", "Event_BillingCodeVoid")
        .isWaitingAt("CallActivity_AnsCertification", "Task_RequestBillingCode")
        .variables().containsEntry("provisionalCertificateStatus", "FINAL");
    assertThat(stubs.mails).containsExactly("PROVISIONAL_CERTIFICATE_ISSUED", "PROVISIONAL_CERTIFICATE_FINAL");
  }

  @Test
  void shouldKeepOneOutcomeWhenTheEvidenceConformsAsTheLapseTimerFallsDue() {
    ProcessInstance dossier = provisionallyCertified();
    ClockUtil.setCurrentTime(Date.from(TrackEngine.Stubs.DUE.toInstant().plusSeconds(60)));

    // the timer is due but not yet run when the instruction ends
    instruct(dossier, "CERTIFIED");

    assertThat(dossier).hasPassed("EndEvent_ProvisionalCertificateFinal")
        .hasNotPassed("Timer_ProvisionalCertificateLapses", "Task_RecordProvisionalCertificateLapse")
        .variables().containsEntry("provisionalCertificateStatus", "FINAL");
    assertThat(track.engine().getManagementService().createJobQuery().processInstanceId(dossier.getId()).timers()
        .count()).isZero();
    Mockito.verify(records, Mockito.never()).lapsed(ArgumentMatchers.any(), ArgumentMatchers.any(),
        ArgumentMatchers.any());
    assertThat(stubs.mails).containsExactly("PROVISIONAL_CERTIFICATE_ISSUED", "PROVISIONAL_CERTIFICATE_FINAL");
  }

  @Test
  void shouldRefuseABillingCodeRequestWithoutAProvisionalCertificateAndANumberOrCodeAnotherDossierHolds() {
    ProcessInstance noCertificate = startBefore("Task_RequestBillingCode", DOSSIER, Map.of());
    refused(noCertificate, "Task_RequestBillingCode", Map.of("billingRequestReference", "DS-1"),
        "Un code de facturation se demande avec le certificat provisoire de l’ANS");

    ProcessInstance first = startBefore("Task_AllocateCode", "DMN-2026-00001", Map.of());
    ProcessInstance second = startBefore("Task_AllocateCode", "DMN-2026-00002", Map.of());
    complete(first, "Task_AllocateCode", Map.of("lppCode", "7654321"));
    refused(second, "Task_AllocateCode", Map.of("lppCode", "7654321"),
        "Le code individuel 7654321 est déjà attribué au dossier DMN-2026-00001");
    Mockito.verify(records, Mockito.times(1)).registeredOnLine(ArgumentMatchers.any(), ArgumentMatchers.eq("7654321"),
        ArgumentMatchers.any(), ArgumentMatchers.any(), ArgumentMatchers.any(), ArgumentMatchers.any(),
        ArgumentMatchers.any(), ArgumentMatchers.any());

    ProcessInstance certifiedA = startBefore("Task_IssueProvisionalCertificate", "DMN-2026-00005", Map.of());
    ProcessInstance certifiedB = startBefore("Task_IssueProvisionalCertificate", "DMN-2026-00006", Map.of());
    complete(certifiedA, "Task_IssueProvisionalCertificate", Map.of("provisionalCertificateNumber", "CP-5",
        "window_GENERIC_PROVISIONAL_COMPLIANCE_lastDay", "2027-06-30"));
    refused(certifiedB, "Task_IssueProvisionalCertificate", Map.of("provisionalCertificateNumber", " CP-5 ",
        "window_GENERIC_PROVISIONAL_COMPLIANCE_lastDay", "2027-06-30"),
        "Le numéro de certificat provisoire CP-5 est déjà attribué au dossier DMN-2026-00005");

    ProcessInstance billedA = startBefore("Task_AllocateBillingCode", "DMN-2026-00003", Map.of());
    ProcessInstance billedB = startBefore("Task_AllocateBillingCode", "DMN-2026-00004", Map.of());
    complete(billedA, "Task_AllocateBillingCode", Map.of("billingCode", "FAC-9"));
    refused(billedB, "Task_AllocateBillingCode", Map.of("billingCode", "FAC-9"),
        "Le code de facturation FAC-9 est déjà attribué au dossier DMN-2026-00003");
    // the same code made to look another by a character no one sees; a line break, a tab, a direction mark
    for (String disguised : new String[] {"FAC-\u200B9", "FAC\n-9", "FAC-9\tbis", "\u202EFAC-9", "FAC-\u00009"}) {
      refused(billedB, "Task_AllocateBillingCode", Map.of("billingCode", disguised),
          "contient un caractère invisible ou de contrôle");
    }
  }

  @Test
  void shouldRefuseALineThatDoesNotExistThatTheProfileCannotClaimOrThatWasNotEtapesForAnEtapesVendor() {
    for (Object[] bad : new Object[][] {
        {false, List.of("GOUT"), List.of("SOCLE"), "La ligne générique « GOUT » n’existe pas."},
        {false, List.of("DIABETES"), List.of("MSS"), "est réservée aux dispositifs de profil Exigences de base (tout dispositif) ; le profil choisi (Messagerie sécurisée de santé (MSSanté))"},
        {false, List.of(), List.of("SOCLE"), "Lignes génériques demandées : cochez au moins une ligne parmi « Télésurveillance du diabète »"},
        {true, List.of("DIABETES", "ASTHMA"), List.of("SOCLE"), "n’était pas une ligne de l’expérimentation ETAPES"}}) {
      @SuppressWarnings("unchecked")
      Map<String, Object> form = form((Boolean) bad[0], (List<String>) bad[1], (List<String>) bad[2]);
      assertThatThrownBy(() -> track.start(GenericLineProcess.KEY, form)).isInstanceOf(BadInputException.class)
          .hasMessageContaining((String) bad[3]);
    }
    assertThat(track.engine().getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void shouldEndWhenTheReferentialIsRefusedAloneThoughTheLineIsCertified() {
    ProcessInstance dossier = apply(false);

    certify(dossier, "REFUSED", "CERTIFIED");

    assertThat(dossier).isEnded().hasPassed("EndEvent_AnsCertificationNotObtained")
        .hasNotPassed("Gateway_LineRequirementsMet", "Task_RecordDsFiling").variables()
        .containsEntry(GenericLineProcess.OUTCOME, "ANS_CERTIFICATION_NOT_OBTAINED")
        .containsEntry("lineCertificationOutcome", "CERTIFIED");
    // the track mailed both outcomes; the pathway adds none
    assertThat(stubs.mails).isEmpty();
  }

  @Test
  void shouldEndWhenTheLineIsRefusedAloneThoughTheReferentialIsCertified() {
    ProcessInstance dossier = apply(false);

    certify(dossier, "CERTIFIED", "REFUSED");

    assertThat(dossier).isEnded().hasPassed("EndEvent_LineRequirementsNotMet").hasNotPassed("Task_RecordDsFiling")
        .variables().containsEntry(GenericLineProcess.OUTCOME, "LINE_REQUIREMENTS_NOT_MET")
        .containsEntry("certificateNumber", "CC-17").containsEntry("lineCertificationOutcome", "REFUSED");
    assertThat(stubs.mails).isEmpty();
  }

  @Test
  void shouldSendTheReasonedRefusal() {
    ProcessInstance dossier = startBefore("CallActivity_MinistersDecision", DOSSIER, Map.of());

    track.complete(track.calledTrack(dossier, MINISTERS), "Stub_Track", Map.of("ministersDecision", "UNFAVOURABLE",
        "ministersComment", "Service attendu insuffisant."));
    track.runJobs(dossier);

    assertThat(dossier).isEnded().hasPassed("EndEvent_CodeRefused").variables()
        .containsEntry(GenericLineProcess.OUTCOME, "CODE_REFUSED");
    assertThat(stubs.mails).containsExactly("MINISTERS_DECISION_REFUSAL");
  }

  @Test
  void shouldDeemTheApplicationAbandonedWhenTheMinistersComplementsLapse() {
    ProcessInstance dossier = startBefore("CallActivity_MinistersDecision", DOSSIER, Map.of());

    track.complete(track.calledTrack(dossier, MINISTERS), "Stub_Track", Map.of("ministersDecision", "ABANDONED"));
    track.runJobs(dossier);

    assertThat(dossier).isEnded().hasPassed("EndEvent_AbandonedAtMinisters").variables()
        .containsEntry(GenericLineProcess.OUTCOME, "ABANDONED_MINISTERS_COMPLEMENTS");
    assertThat(stubs.mails).containsExactly("APPLICATION_ABANDONED");
  }
}
