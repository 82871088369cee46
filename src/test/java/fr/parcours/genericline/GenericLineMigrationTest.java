package fr.parcours.genericline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Dossiers started on the generic-line diagram of 3 December 2026, whose line certification was a task of the pathway
 * ({@code Task_CertifyLineRequirements}, form {@code certify-line-requirements}), finish on that version once today's
 * diagram (the lines certified inside the ANS track) is deployed beside it: the engine runs an instance on the version it
 * started with, the task keeps its form ({@code forms/legacy/generic-line-2026-12-03/}) and its checks, and the
 * dossier goes on to Démarches Simplifiées. No migration plan maps that task: its place is now in the ANS track, which
 * such a dossier has already left. The old version is kept in {@code src/test/resources/legacy/} as it was deployed.
 */
// its own context: it deploys a version that no other test should start
@TestPropertySource(properties = "parcours.test.context=generic-line-migration")
class GenericLineMigrationTest extends ProcessTestBase {

  @Test
  void shouldFinishADossierStartedWithTheLineCertifiedByThePathwayAfterTodaysDiagramIsDeployed() throws Exception {
    // as it was deployed then
    repositoryService.createDeployment().name("parcours-2026-12-03")
        .addInputStream("bpmn/pathways/generic-line.bpmn",
            fr.parcours.support.NoTimeLimits.marked(
                getClass().getResourceAsStream("/legacy/generic-line-2026-12-03.bpmn"))).deploy();
    ProcessInstance old = apply();
    ProcessDefinition oldVersion = repositoryService.getProcessDefinition(old.getProcessDefinitionId());

    // today's, from its folder
    repositoryService.createDeployment().name("parcours-today").addInputStream("bpmn/pathways/generic-line.bpmn",
        Files.newInputStream(Path.of("bpmn", "pathways", "generic-line.bpmn"))).deploy();
    assertThat(latest().getVersion()).isGreaterThan(oldVersion.getVersion());

    // the old dossier's ANS track was called without the lines: it certifies the referential only
    ProcessInstance ans = instanceOf(old, "ans-certification");
    walkTheAnsTrack(ans);
    assertThat(ans).isEnded().hasNotPassed("Task_CertifyLineRequirements");

    // then the pathway's own task certifies the line, with the form of that version
    Task line = task(old, "Task_CertifyLineRequirements");
    assertThat(line.getProcessDefinitionId()).isEqualTo(oldVersion.getId());
    assertThat(taskService.createTaskQuery().taskId(line.getId()).initializeFormKeys().singleResult()
        .getCamundaFormRef().getKey()).isEqualTo("certify-line-requirements");
    try (java.io.InputStream form = formService.getDeployedTaskForm(line.getId())) {
      assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).as("the old form, deployed")
          .contains("lineRequirementsConform");
    }
    complete("ana", old, "Task_CertifyLineRequirements", Map.of("lineRequirementsConform", "true"));
    assertWaitingAt(old, "Task_RecordDsFiling");

    // a dossier started now runs on today's diagram: the ANS track certifies its line
    ProcessInstance today = apply();
    assertThat(today.getProcessDefinitionId()).isEqualTo(latest().getId());
    assertThat(runtimeService.getVariable(instanceOf(today, "ans-certification").getId(), "genericLines"))
        .isEqualTo("DIABETES");
  }

  private void walkTheAnsTrack(ProcessInstance ans) {
    complete("alice", ans, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", ans, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", ans, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "A. Martin"));
    // its line's proofs, deposited as that version allowed: kept among the unknown ones, not refused
    sendCompleteEvidence("alice", ans, "DIA_1.1.1.png");
    complete("alice", ans, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    complete("ana", ans, "Task_ReviewEvidence", Map.of("evidenceDecision", "CONFORMS"));
  }

  private ProcessInstance apply() {
    Map<String, Object> form = Candidatures.valid();
    form.put("genericLines", List.of("DIABETES"));
    form.put("fromEtapes", false);
    return startApplication("alice", GenericLineProcess.KEY, form);
  }

  private ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(GenericLineProcess.KEY)
        .latestVersion().singleResult();
  }
}
