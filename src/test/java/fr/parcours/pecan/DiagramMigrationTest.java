package fr.parcours.pecan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.Candidatures;
import fr.parcours.support.NoTimeLimits;
import fr.parcours.support.ProcessTestBase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Dossiers started on the diagrams of 1 December 2026 (the ANS track called {@code ${pathwayRelay}}, PECAN waited
 * for a message from it) finish on the version they started with once today's diagrams are deployed beside
 * them, and a dossier started afterwards runs on today's. The old versions are kept under
 * {@code src/test/resources/legacy/} as they were deployed.
 */
// its own context: it deploys versions that no other test should start
@TestPropertySource(properties = "parcours.test.context=migration")
class DiagramMigrationTest extends ProcessTestBase {

  @Test
  void shouldFinishADossierStartedOnTheEarlierDiagramsAfterTodaysAreDeployed() throws Exception {
    // as they were deployed then, at the top of bpmn/ (their tasks marked as today's deployment asks)
    repositoryService.createDeployment().name("parcours-2026-12-01")
        .addInputStream("bpmn/ans-certification.bpmn",
            NoTimeLimits.marked(legacy("ans-certification-2026-12-01.bpmn")))
        .addInputStream("bpmn/pecan.bpmn", NoTimeLimits.marked(legacy("pecan-2026-12-01.bpmn"))).deploy();
    ProcessInstance old = apply();
    ProcessInstance oldAns = ansTrack(old);
    ProcessDefinition oldPecanVersion = repositoryService.getProcessDefinition(old.getProcessDefinitionId());

    // today's, from their folders
    repositoryService.createDeployment().name("parcours-today")
        .addInputStream("bpmn/tracks/ans-certification.bpmn",
            Files.newInputStream(Path.of("bpmn", "tracks", "ans-certification.bpmn")))
        .addInputStream("bpmn/pathways/pecan.bpmn", Files.newInputStream(Path.of("bpmn", "pathways", "pecan.bpmn")))
        .deploy();
    assertThat(latest("pecan").getVersion()).isGreaterThan(oldPecanVersion.getVersion());

    // the old dossier goes on as it started: the relay carries the file's completeness and the go-ahead
    walkToTheAcknowledgement(old, oldAns);
    assertThat(oldAns).isWaitingAt("Event_AcknowledgementReceived");
    complete("marc", old, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-11-02"));
    complete("ana", oldAns, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
    complete("claire", old, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    complete("hugo", old, "Task_PublishOpinion", Map.of("opinionPublished", true, "opinionSentToCnp", true));
    Map<String, Object> decision = new HashMap<>();
    decision.put("ministersDecision", "FAVOURABLE");
    decision.put("ministersComment", null);
    complete("marc", old, "Task_EvaluateApplication", decision);
    complete("alice", old, "Task_FileLpprApplication", Map.of("lpprFilingReference", "LPPR-1", "lpprFiled", true));
    complete("alice", old, "Task_FileLatmApplication", Map.of("latmFilingReference", "LATM-1", "latmFiled", true));
    assertThat(old).isEnded().hasPassed("EndEvent_EarlyCoverageGranted");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(old.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(oldPecanVersion.getId());

    // a dossier started now runs on today's diagrams
    ProcessInstance today = apply();
    assertThat(today.getProcessDefinitionId()).isEqualTo(latest("pecan").getId());
    walkToTheAcknowledgement(today, ansTrack(today));
    assertThat(ansTrack(today)).isWaitingAt("Event_GoAheadReceived");
  }

  private void walkToTheAcknowledgement(ProcessInstance pecan, ProcessInstance ans) {
    complete("alice", ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", ans, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "A. Martin"));
    sendCompleteEvidence("alice", ans);
    complete("alice", ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    complete("alice", pecan, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-1", "sesameFiled", true));
    complete("marc", pecan, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    assertThat(task(pecan, "Task_SendAcknowledgement")).isNotNull();
  }

  private ProcessInstance apply() {
    Map<String, Object> form = Candidatures.valid();
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", false);
    return startApplication("alice", PecanProcess.KEY, form);
  }

  private ProcessInstance ansTrack(ProcessInstance pecan) {
    return runtimeService.createProcessInstanceQuery().superProcessInstanceId(pecan.getId())
        .processDefinitionKey("ans-certification").singleResult();
  }

  private ProcessDefinition latest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
  }

  private InputStream legacy(String name) {
    return getClass().getResourceAsStream("/legacy/" + name);
  }
}
