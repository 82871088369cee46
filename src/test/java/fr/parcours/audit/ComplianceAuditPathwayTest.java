package fr.parcours.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.support.TrackEngine;
import fr.parcours.support.TrackTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/pathways/compliance-audit.bpmn on its own, without Spring: no non-conformity; a non-conformity corrected in
 * time and accepted; a correction refused; the correction window passed. The withdrawal is recorded by a stub of
 * {@code certificateWithdrawal} (the real one is tested with the application, ComplianceAuditProcessTest). The
 * class fails below 100 % of the diagram's flow nodes and sequence flows.
 */
@Deployment(resources = {"bpmn/pathways/compliance-audit.bpmn", "bpmn/deadlines.dmn"})
class ComplianceAuditPathwayTest extends TrackTestBase {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = TrackEngine.withFullCoverage(List.of(ComplianceAuditProcess.OUTCOMES));

  final List<String> withdrawn = new ArrayList<>();
  /** The audits whose row the process's end closed ({@code ${auditClosing}}), with their outcome. */
  final List<String> closed = new ArrayList<>();

  @BeforeEach
  void stubTheAuditsBeans() {
    Mocks.register("auditIntake", (ExecutionListener) execution -> {
      execution.setVariable("vendorGroup", "vendor-medisoft");
      execution.setVariable("dossierId", "DMN-2026-00042");
      execution.setVariable("pathway", ComplianceAuditProcess.PATHWAY);
    });
    Mocks.register("complianceAuditTaskChecks", new ComplianceAuditTaskChecks());
    Mocks.register("auditClosing", (ExecutionListener) execution -> closed.add(execution.getProcessInstanceId() + ":"
        + execution.getVariable(ComplianceAuditProcess.OUTCOME)));
    Mocks.register("certificateWithdrawal", (JavaDelegate) execution -> {
      String reasons = CertificateWithdrawal.reasons(execution.getVariable("withdrawalReasons"),
          execution.getVariable("nonConformityDescription"));
      withdrawn.add(execution.getVariable("certificateNumber") + ": " + reasons);
      execution.setVariable("withdrawalReasons", reasons);
    });
  }

  ProcessInstance open() {
    ProcessInstance audit = track.start(ComplianceAuditProcess.KEY,
        Map.of("certificateNumber", "ANS-CC-001", "auditScope", "Déploiement de la version 2.1"));
    track.runJobs(audit);
    assertThat(track.task(audit, "Task_RecordFindings")).hasCandidateGroup("ans-auditor");
    return audit;
  }

  ProcessInstance nonConformityFound() {
    ProcessInstance audit = open();
    track.complete(audit, "Task_RecordFindings", Map.of("nonConformityProven", "true",
        "nonConformityDescription", "INS 2 : l’identité INS n’est plus qualifiée dans la version déployée."));
    track.runJobs(audit);
    assertThat(track.task(audit, "Task_CorrectNonConformity")).hasCandidateGroup("vendor-medisoft")
        .hasDueDate(TrackEngine.Stubs.DUE);
    return audit;
  }

  @Test
  void shouldCloseTheAuditAndTellTheVendorWhenNoNonConformityIsProven() {
    ProcessInstance audit = open();

    track.complete(audit, "Task_RecordFindings", Map.of("nonConformityProven", "false"));
    track.runJobs(audit);

    assertThat(audit).isEnded().hasPassed("EndEvent_AuditClosedConform")
        .variables().containsEntry("auditOutcome", "CONFORM");
    assertThat(stubs.mails).containsExactly("AUDIT_OPENED", "AUDIT_CLOSED");
    assertThat(withdrawn).isEmpty();
    assertThat(closed).containsExactly(audit.getId() + ":CONFORM");
  }

  @Test
  void shouldRefuseAFindingOfNonConformityWithoutItsDescription() {
    ProcessInstance audit = open();

    assertThatThrownBy(() -> track.complete(audit, "Task_RecordFindings", Map.of("nonConformityProven", "true")))
        .hasMessageContaining("Non-conformité constatée");
    assertThatThrownBy(() -> track.complete(audit, "Task_RecordFindings", Map.of()))
        .hasMessageContaining("non-conformité avérée");

    assertThat(audit).isWaitingAt("Task_RecordFindings");
  }

  @Test
  void shouldKeepTheCertificateWhenTheVendorCorrectsInTimeAndTheAuditorAccepts() {
    ProcessInstance audit = nonConformityFound();

    track.complete(audit, "Task_CorrectNonConformity", Map.of("correctionDescription", "Version 2.1.1 déployée."));
    assertThat(track.task(audit, "Task_CheckCorrection")).hasCandidateGroup("ans-auditor");
    track.complete(audit, "Task_CheckCorrection", Map.of("correctionAccepted", "true"));
    track.runJobs(audit);

    assertThat(audit).isEnded().hasPassed("EndEvent_CertificateKept")
        .variables().containsEntry("auditOutcome", "CORRECTED");
    assertThat(stubs.mails).containsExactly("AUDIT_OPENED", "NON_CONFORMITY_FOUND", "CERTIFICATE_KEPT");
    assertThat(stubs.windowsAsked).contains("AUDIT_CORRECTION");
    assertThat(withdrawn).isEmpty();
  }

  @Test
  void shouldWithdrawTheCertificateWithTheAuditorsReasonsWhenTheCorrectionIsRefused() {
    ProcessInstance audit = nonConformityFound();
    track.complete(audit, "Task_CorrectNonConformity", Map.of("correctionDescription", "Rien à corriger."));

    assertThatThrownBy(() -> track.complete(audit, "Task_CheckCorrection", Map.of("correctionAccepted", "false")))
        .hasMessageContaining("Motifs du retrait du certificat");
    track.complete(audit, "Task_CheckCorrection", Map.of("correctionAccepted", "false",
        "withdrawalReasons", "La version déployée ne qualifie toujours pas l’identité INS."));
    track.runJobs(audit);

    assertThat(audit).isEnded().hasPassed("Task_WithdrawCertificate", "EndEvent_CertificateWithdrawn")
        .variables().containsEntry("auditOutcome", "CERTIFICATE_WITHDRAWN");
    assertThat(withdrawn).containsExactly("ANS-CC-001: La version déployée ne qualifie toujours pas l’identité INS.");
    assertThat(stubs.mails).containsExactly("AUDIT_OPENED", "NON_CONFORMITY_FOUND", "CERTIFICATE_WITHDRAWN");
    assertThat(closed).containsExactly(audit.getId() + ":CERTIFICATE_WITHDRAWN");
  }

  @Test
  void shouldWithdrawTheCertificateWhenTheCorrectionWindowPasses() {
    ProcessInstance audit = nonConformityFound();

    track.fire(audit, "Timer_CorrectionWindow");

    assertThat(audit).isEnded().hasPassed("Timer_CorrectionWindow", "EndEvent_CertificateWithdrawn")
        .hasNotPassed("Task_CheckCorrection");
    assertThat(withdrawn).containsExactly("ANS-CC-001: Non-conformité avérée non corrigée dans le délai de mise en"
        + " conformité : INS 2 : l’identité INS n’est plus qualifiée dans la version déployée.");
    assertThat(stubs.mails).containsExactly("AUDIT_OPENED", "NON_CONFORMITY_FOUND", "CERTIFICATE_WITHDRAWN");
  }
}
