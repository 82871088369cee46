package fr.parcours.transitional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.clock.Clocks;
import fr.parcours.dossier.DossierLinks;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import fr.parcours.transitional.AnsWindows.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * bpmn/pathways/ans-transitional.bpmn on its own, without Spring: the intake on a window whose transitional phase
 * opened on 1 August 2022 and whose nominal phase opens on 1 March 2027, the continuation real (it starts a stub of the
 * nominal ANS certification in this engine, whose variables the test reads); the task checks, the candidature intake
 * and the mails stubbed ({@link TrackEngine.Stubs}; the checks are tested on the real application by
 * {@code TransitionalProcessTest}). The class fails below 100 % of ans-transitional.bpmn.
 */
@Deployment(resources = {"bpmn/pathways/ans-transitional.bpmn"})
class TransitionalPathwayTest extends TrackTestBase {

  static final String NOMINAL = TransitionalProcess.NOMINAL_ANS_KEY;
  static final String DOSSIER = "DMN-2026-00042";
  static final Instant DURING_TRANSITIONAL = Instant.parse("2026-11-02T09:00:00Z");
  static final Instant AFTER_NOMINAL_OPENED = Instant.parse("2027-03-02T09:00:00Z");
  static final Window TELEMONITORING = new Window("TELEMONITORING", "DMN de télésurveillance",
      "Telemonitoring digital medical devices", "Référentiel des DMN de télésurveillance", LocalDate.of(2022, 8, 1),
      LocalDate.of(2027, 3, 1));

  @RegisterExtension
  static ProcessEngineCoverageExtension engine =
      TrackEngine.withFullCoverage(List.of(TransitionalProcess.OUTCOMES), NOMINAL);

  /** The tasks the checks were asked about, in order. */
  final List<String> checked = new java.util.ArrayList<>();
  DossierLinks links;

  @BeforeEach
  void deployTheNominalStubAndTheGlue() throws java.io.IOException {
    AnsWindows windows = new AnsWindows("", List.of(TELEMONITORING), "TELEMONITORING");
    JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(),
        "jdbc:h2:mem:links-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    for (String migration : List.of("V7__dossier_links.sql", "V9__ans_window_openings.sql")) {
      jdbc.execute(new String(getClass().getResourceAsStream("/db/migration/" + migration).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8));
    }
    Mocks.register("transitionalIntake", new TransitionalIntake(new WindowPhases(windows, jdbc, "Europe/Paris")));
    Mocks.register("transitionalTaskChecks", (TaskListener) task -> checked.add(task.getTaskDefinitionKey()));
    links = new DossierLinks(jdbc);
    Mocks.register("nominalContinuation", new NominalContinuation(track.engine().getRuntimeService(),
        track.engine().getIdentityService(), links));
    BpmnModelInstance nominal = Bpmn.createExecutableProcess(NOMINAL).camundaHistoryTimeToLive(1)
        .startEvent().camundaExecutionListenerExpression("start",
            "${execution.setProcessBusinessKey('DMN-2027-00007')}")
        .userTask("Stub_NominalCandidature").endEvent().done();
    track.deploy(nominal);
    ClockUtil.setCurrentTime(Date.from(DURING_TRANSITIONAL));
  }

  @AfterEach
  void resetTheClock() {
    ClockUtil.reset();
  }

  static Map<String, Object> form(String window) {
    Map<String, Object> form = new HashMap<>(Map.of("applicant", "alice", "dossierId", DOSSIER,
        "vendorGroup", "vendor-medisoft", "companyName", "MediSoft SAS", "softwareName", "CardioWatch",
        "softwareVersion", "2.1", "siren", "552100554", "correspondenceLanguage", "FR", "ansWindow", window));
    form.put("contactEmail", "jean.dupont@medisoft.example");
    return form;
  }

  /** A transitional candidature, received: the vendor is told first, before any task is there. */
  ProcessInstance applied() {
    ProcessInstance dossier = track.start(TransitionalProcess.KEY, form("TELEMONITORING"));
    assertThat(dossier).isWaitingAtExactly("Event_NotifyCandidatureReceived");
    track.runJobs(dossier);
    assertThat(stubs.mails).containsExactly("TRANSITIONAL_CANDIDATURE_RECEIVED");
    return dossier;
  }

  void complete(ProcessInstance dossier, String task, Map<String, Object> variables) {
    track.complete(dossier, task, variables);
    track.runJobs(dossier);
  }

  @Test
  void shouldGiveInformativeFeedbackOnTheCandidatureAndTheEvidenceThenContinueIntoANominalCandidature() {
    ProcessInstance dossier = applied();

    // Then the window is in its transitional phase: the dossier takes its pathway and the window's names
    assertThat(dossier).variables().containsEntry("pathway", "ANS_TRANSITIONAL")
        .containsEntry("ansWindowName", "DMN de télésurveillance")
        .containsEntry("ansWindowNameEn", "Telemonitoring digital medical devices");
    assertThat(stubs.candidatures).containsExactly(DOSSIER);
    // the signed regulation and the evidence deposit are both open to the vendor, in parallel
    assertThat(track.task(dossier, "Task_AttachSignedRegulation")).hasCandidateGroup("vendor-medisoft");
    assertThat(track.task(dossier, "Task_DepositEvidence")).hasCandidateGroup("vendor-medisoft");

    // the evidence comes in two sends: the first leaves the deposit open
    complete(dossier, "Task_DepositEvidence", Map.of("allEvidenceDeposited", false));
    assertThat(track.task(dossier, "Task_DepositEvidence")).isNotNull();
    assertThat(stubs.evidenceQueue).isEmpty();
    complete(dossier, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    // the dossier takes its place in the ANS queue when its evidence is complete
    assertThat(stubs.evidenceQueue).containsExactly("evidence complete");
    assertThat(track.task(dossier, "Task_ReviewEvidence")).hasCandidateGroup("ans-reviewer");

    complete(dossier, "Task_AttachSignedRegulation", Map.of("regulationSignedByRepresentative", true));
    assertThat(track.task(dossier, "Task_GiveCandidatureFeedback")).hasCandidateGroup("ans-reviewer");
    complete(dossier, "Task_GiveCandidatureFeedback", Map.of("candidatureFeedback", "Mandat du représentant à joindre."));
    assertThat(stubs.mails).containsExactly("TRANSITIONAL_CANDIDATURE_RECEIVED", "TRANSITIONAL_CANDIDATURE_FEEDBACK");
    assertThat(dossier).isWaitingAt("Task_ReviewEvidence");

    complete(dossier, "Task_ReviewEvidence", Map.of("evidenceFeedback", "La preuve INS 2.1.1 est illisible."));
    assertThat(stubs.mails).containsExactly("TRANSITIONAL_CANDIDATURE_RECEIVED", "TRANSITIONAL_CANDIDATURE_FEEDBACK",
        "TRANSITIONAL_EVIDENCE_FEEDBACK");
    assertThat(track.task(dossier, "Task_ContinueIntoNominal")).hasCandidateGroup("vendor-medisoft");
    assertThat(checked).containsExactly("Task_DepositEvidence", "Task_DepositEvidence", "Task_AttachSignedRegulation",
        "Task_GiveCandidatureFeedback", "Task_ReviewEvidence");

    // When the nominal phase has opened, the vendor continues into the ANS certification
    ClockUtil.setCurrentTime(Date.from(AFTER_NOMINAL_OPENED));
    complete(dossier, "Task_ContinueIntoNominal", Map.of("continuation", "CONTINUE",
        "nominalPathway", "ANS_CERTIFICATION"));

    // Then a nominal candidature runs with the dossier's fields, as its applicant, and names where it comes from
    ProcessInstance nominal = track.engine().getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(NOMINAL).singleResult();
    assertThat(nominal).isWaitingAt("Stub_NominalCandidature");
    assertThat(track.received(nominal)).containsEntry("companyName", "MediSoft SAS")
        .containsEntry("softwareName", "CardioWatch").containsEntry("softwareVersion", "2.1")
        .containsEntry("siren", "552100554").containsEntry("contactEmail", "jean.dupont@medisoft.example")
        .containsEntry("applicant", "alice").containsEntry("continuedFromDossierId", DOSSIER)
        .doesNotContainKeys("dossierId", "pathway", "ansWindow", "candidatureFeedback", "evidenceFeedback",
            "vendorGroup", "regulationSha256");
    assertThat(dossier).isEnded().hasPassed("Event_NotifyContinuedIntoNominal", "EndEvent_ContinuedIntoNominal");
    assertThat(stubs.mails).as("the vendor is told the new dossier's number").endsWith("TRANSITIONAL_CONTINUED");
    assertThat(historicVariable(dossier, "nominalDossierId")).isEqualTo("DMN-2027-00007");
    assertThat(historicVariable(dossier, "transitionalOutcome")).isEqualTo("CONTINUED_INTO_NOMINAL");
    // and the link is kept apart from the engine's history
    assertThat(links.of(DOSSIER)).singleElement().satisfies(link -> {
      assertThat(link.toDossierId()).isEqualTo("DMN-2027-00007");
      assertThat(link.toProcessKey()).isEqualTo(NOMINAL);
      assertThat(link.kind()).isEqualTo(DossierLinks.CONTINUED_INTO_NOMINAL);
      assertThat(link.linkedBy()).isEqualTo("alice");
      assertThat(link.linkedAt()).isEqualTo(AFTER_NOMINAL_OPENED);
    });
  }

  @Test
  void shouldTellTheVendorWhenTheAnsRecordsTheNominalOpeningWithoutStoppingTheDossier() {
    ProcessInstance dossier = applied();

    // When an ANS reviewer records the day the window's nominal phase opens (transitional.NominalPhaseOpening)
    track.engine().getRuntimeService().createMessageCorrelation(TransitionalProcess.NOMINAL_PHASE_OPENED)
        .processInstanceId(dossier.getId()).setVariable(TransitionalProcess.NOMINAL_OPENS_ON,
            Date.from(Instant.parse("2027-02-28T23:00:00Z"))).correlate();
    track.runJobs(dossier);

    // Then the vendor is told, and the dossier goes on where it was
    assertThat(stubs.mails).containsExactly("TRANSITIONAL_CANDIDATURE_RECEIVED", "TRANSITIONAL_NOMINAL_OPENED");
    assertThat(dossier).hasPassed("StartEvent_NominalPhaseOpened", "Event_NotifyNominalPhaseOpened",
        "EndEvent_NominalPhaseAnnounced").isWaitingAt("Task_AttachSignedRegulation", "Task_DepositEvidence");
  }

  @Test
  void shouldTellTheVendorWhenTheAnsCorrectsOrWithdrawsTheOpeningWithoutStoppingTheDossier() {
    ProcessInstance dossier = applied();
    var runtime = track.engine().getRuntimeService();

    // When an ANS reviewer corrects the opening (transitional.NominalPhaseCorrection), then withdraws it
    runtime.createMessageCorrelation(TransitionalProcess.NOMINAL_PHASE_CORRECTED).processInstanceId(dossier.getId())
        .setVariable(TransitionalProcess.NOMINAL_CHANGE, "CORRECTED").correlate();
    track.runJobs(dossier);
    runtime.createMessageCorrelation(TransitionalProcess.NOMINAL_PHASE_CORRECTED).processInstanceId(dossier.getId())
        .setVariable(TransitionalProcess.NOMINAL_CHANGE, "WITHDRAWN").correlate();
    track.runJobs(dossier);

    // Then the vendor is told each time, and the dossier goes on where it was
    assertThat(stubs.mails).containsExactly("TRANSITIONAL_CANDIDATURE_RECEIVED", "TRANSITIONAL_NOMINAL_CORRECTED",
        "TRANSITIONAL_NOMINAL_CORRECTED");
    assertThat(dossier).hasPassed("StartEvent_NominalPhaseCorrected", "Event_NotifyNominalPhaseCorrected",
        "EndEvent_NominalCorrectionAnnounced").isWaitingAt("Task_AttachSignedRegulation", "Task_DepositEvidence");
  }

  @Test
  void shouldCloseTheDossierWithoutContinuationWhenTheVendorSaysSo() {
    ProcessInstance dossier = track.engine().getRuntimeService().createProcessInstanceByKey(TransitionalProcess.KEY)
        .businessKey(DOSSIER).startBeforeActivity("Task_ContinueIntoNominal")
        .setVariables(Map.of("dossierId", DOSSIER, "vendorGroup", "vendor-medisoft", "ansWindow", "TELEMONITORING"))
        .execute();

    complete(dossier, "Task_ContinueIntoNominal", Map.of("continuation", "CLOSE"));

    assertThat(dossier).isEnded().hasPassed("EndEvent_ClosedWithoutContinuation");
    assertThat(historicVariable(dossier, "transitionalOutcome")).isEqualTo("CLOSED_WITHOUT_CONTINUATION");
    assertThat(track.engine().getRuntimeService().createProcessInstanceQuery().processDefinitionKey(NOMINAL).count())
        .as("no nominal candidature").isZero();
  }

  @Test
  void shouldRefuseACandidatureOnAWindowOutsideItsTransitionalPhaseAndStartNothing() {
    // a window already in its nominal phase: the candidature goes to the ANS certification instead
    ClockUtil.setCurrentTime(Date.from(AFTER_NOMINAL_OPENED));
    assertThatThrownBy(() -> track.start(TransitionalProcess.KEY, form("TELEMONITORING")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("est en phase nominale depuis le 1er mars 2027")
        .hasMessageContaining("« Certification de conformité ANS »");
    // before its transitional phase opened
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2022-07-31T09:00:00Z")));
    assertThatThrownBy(() -> track.start(TransitionalProcess.KEY, form("TELEMONITORING")))
        .isInstanceOf(BadInputException.class)
        .hasMessage("Le guichet « DMN de télésurveillance » n’est pas encore ouvert : sa phase transitoire ouvre le"
            + " 1er août 2022. Déposez votre candidature à partir de cette date.");
    // a window that does not exist
    ClockUtil.setCurrentTime(Date.from(DURING_TRANSITIONAL));
    assertThatThrownBy(() -> track.start(TransitionalProcess.KEY, form("THERAPEUTIC")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("« THERAPEUTIC » n’en est pas un");
    assertThat(track.engine().getRuntimeService().createProcessInstanceQuery().count()).as("nothing started").isZero();
  }

  /**
   * Seed 004 §4 and §6.4: no admissibility decision, no certificate, no INS test day, no deadline for any party. The
   * diagram has no step that could do any of it: no timer, no call of the ANS track, no service but the continuation,
   * and every task says that no time limit applies.
   */
  @Test
  void shouldHaveNoStepThatDecidesCertifiesOrSetsADeadline() {
    BpmnModelInstance model = track.engine().getRepositoryService().getBpmnModelInstance(
        track.engine().getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(TransitionalProcess.KEY).singleResult().getId());

    assertThat(model.getModelElementsByType(TimerEventDefinition.class)).as("timers").isEmpty();
    assertThat(model.getModelElementsByType(BoundaryEvent.class)).as("boundary events").isEmpty();
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.StartEvent.class))
        .filteredOn(start -> !start.isInterrupting()).extracting(FlowNode::getId).as("what does not stop the dossier")
        .containsExactlyInAnyOrder("StartEvent_NominalPhaseOpened", "StartEvent_NominalPhaseCorrected");
    assertThat(model.getModelElementsByType(CallActivity.class)).as("calls of a track").isEmpty();
    assertThat(model.getModelElementsByType(ServiceTask.class)).extracting(ServiceTask::getCamundaDelegateExpression)
        .containsExactly("${nominalContinuation}");
    assertThat(model.getModelElementsByType(FlowNode.class)).extracting(FlowNode::getId)
        .noneMatch(id -> id.contains("Certif") || id.contains("Admissib") || id.contains("InsTestDay")
            || id.contains("Convention"));
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaDueDate()).as("due date of %s", task.getId()).isNull();
      assertThat(task.getDocumentations().iterator().next().getTextContent()).as("documentation of %s", task.getId())
          .contains("aucun délai n’est défini pour aucune des parties").contains(Clocks.NO_DEADLINE);
    }
    ProcessInstance dossier = applied();
    Task deposit = track.task(dossier, "Task_DepositEvidence");
    assertThat(deposit.getDueDate()).isNull();
  }

  Object historicVariable(ProcessInstance instance, String name) {
    return track.engine().getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(name).singleResult().getValue();
  }
}
