package fr.parcours.ans;

import static fr.parcours.shared.TaskInputs.decision;
import static fr.parcours.shared.TaskInputs.defaultFalse;
import static fr.parcours.shared.TaskInputs.required;
import static fr.parcours.shared.TaskInputs.text;
import static fr.parcours.shared.TaskInputs.ticked;

import fr.parcours.candidature.Candidature;
import fr.parcours.candidature.CandidatureRejectedException;
import fr.parcours.candidature.CandidatureValidator;
import fr.parcours.candidature.FieldProblem;
import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.EvidenceReport;
import fr.parcours.shared.BadInputException;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks what a person submits with an ANS task before the task completes; a refusal rolls the completion
 * back and Tasklist shows the message, which names the field and the fix.
 */
@Component("ansTaskChecks")
class AnsTaskChecks implements TaskListener {

  private final CandidatureValidator validator = new CandidatureValidator();
  private final EvidenceDeposits evidence;

  AnsTaskChecks(EvidenceDeposits evidence) {
    this.evidence = evidence;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_RequestConvergenceAccount" -> ticked(task,
          "kbisProvided", "the company's Kbis extract is provided",
          "officerIdVerified", "the corporate officer's identity is verified",
          "representativeRegistered", "the representative is registered on the iSC identity provider");
      case "Task_OpenConvergenceAccount" -> text(task, "convergenceAccountId", "Convergence account id");
      case "Task_DepositAdministrativeDossier" -> administrativeDeposit(task);
      case "Task_ReviewAdmissibility" -> decision(task, AnsProcess.ADMISSIBILITY_DECISION,
          Set.of("ADMISSIBLE", "PRECISIONS", "INADMISSIBLE"), "ADMISSIBLE", AnsProcess.ADMISSIBILITY_COMMENT,
          "the precisions requested or the reasons of inadmissibility (the vendor reads them)");
      case "Task_ProvidePrecisions" -> text(task, "precisionsAnswer", "Your answer");
      case "Task_SignConvention" -> {
        ticked(task, "conventionSigned", "the convention is signed");
        text(task, "signatoryName", "Signatory's name");
      }
      case "Task_DepositEvidence" -> evidenceDeposit(task);
      case "Task_RecordInsTestDay" -> {
        required(task, "insTestDayDate", "Date of the test day");
        text(task, "insTestDayReport", "Test day report");
        defaultFalse(task, "insTestDayPassed");
      }
      case "Task_ReviewEvidence" -> {
        invalidProofsInComment(task);
        decision(task, AnsProcess.EVIDENCE_DECISION,
          Set.of("CONFORMS", "COMPLEMENTS", "REFUSED"), "CONFORMS", AnsProcess.EVIDENCE_COMMENT,
          "what the vendor must provide or correct, or why the evidence does not conform");
      }
      case "Task_ProvideComplements" -> {
        text(task, "complementsAnswer", "Your answer");
        invalidProofsCorrected(task);
      }
      case "Task_DecideOnLapsedComplements" -> decision(task, AnsProcess.LAPSED_DECISION,
          Set.of("DEPRIORITISE", "ABANDON"), null, null, null);
      case "Task_ReviewDormantApplication" -> decision(task, AnsProcess.DORMANT_DECISION,
          Set.of("KEEP_OPEN", "ABANDON"), null, null, null);
      default -> throw new IllegalStateException("No checks for task " + task.getTaskDefinitionKey());
    }
  }

  private void administrativeDeposit(DelegateTask task) {
    Object action = task.getVariable(AnsProcess.DEPOSIT_ACTION);
    if (!"DRAFT".equals(action) && !"SUBMIT".equals(action)) {
      throw new BadInputException("Choose what to do with the dossier: 'Save as draft' to come back later,"
          + " or 'Submit' to send it to the ANS.");
    }
    Candidature candidature = Candidature.from(task.getVariables());
    List<FieldProblem> problems = "SUBMIT".equals(action)
        ? validator.problemsAtSubmission(candidature)
        : validator.problemsAtStart(candidature);
    if (!problems.isEmpty()) {
      throw new CandidatureRejectedException(problems);
    }
  }

  /**
   * The evidence is complete when the report computed over every archive received says so; the sections
   * ticked in the form always become the report's.
   */
  private void evidenceDeposit(DelegateTask task) {
    defaultFalse(task, AnsProcess.ALL_EVIDENCE_DEPOSITED);
    EvidenceReport report = evidence.report(task.getProcessInstanceId(), task.getVariables());
    task.setVariable(AnsProcess.DEPOSITED_SECTIONS, EvidenceDeposits.sectionsValue(report));
    if (Boolean.TRUE.equals(task.getVariable(AnsProcess.ALL_EVIDENCE_DEPOSITED)) && !report.complete()) {
      throw new BadInputException("You declared all evidence deposited, but the evidence received is not"
          + " complete: " + String.join("; ", report.outstanding()) + ". Send these proofs from the evidence"
          + " page, or untick 'All evidence is deposited' to save your progress.");
    }
  }

  /** Proofs the reviewer marked invalid: not a conforming dossier, and listed in what the vendor reads. */
  private void invalidProofsInComment(DelegateTask task) {
    List<String> invalid = evidence.report(task.getProcessInstanceId(), task.getVariables()).invalidProofs();
    if (invalid.isEmpty()) {
      return;
    }
    Object decision = task.getVariable(AnsProcess.EVIDENCE_DECISION);
    if ("CONFORMS".equals(decision)) {
      throw new BadInputException("You marked proofs invalid (" + String.join("; ", invalid) + "): the evidence"
          + " cannot conform. Ask for complements, or refuse.");
    }
    if ("COMPLEMENTS".equals(decision)) {
      Object comment = task.getVariable(AnsProcess.EVIDENCE_COMMENT);
      String listed = "Proofs to send again, corrected:\n- " + String.join("\n- ", invalid);
      task.setVariable(AnsProcess.EVIDENCE_COMMENT, comment == null || comment.toString().isBlank()
          ? listed : listed + "\n\n" + comment);
    }
  }

  private void invalidProofsCorrected(DelegateTask task) {
    List<String> invalid = evidence.report(task.getProcessInstanceId(), task.getVariables()).invalidProofs();
    if (!invalid.isEmpty()) {
      throw new BadInputException("Send these proofs again, corrected, from the evidence page, then complete the"
          + " task; the ANS marked them invalid: " + String.join("; ", invalid));
    }
  }
}
