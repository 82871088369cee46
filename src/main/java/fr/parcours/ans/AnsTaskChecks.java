package fr.parcours.ans;

import fr.parcours.ans.candidature.Candidature;
import fr.parcours.ans.candidature.CandidatureRejectedException;
import fr.parcours.ans.candidature.CandidatureValidator;
import fr.parcours.ans.candidature.FieldProblem;
import static fr.parcours.system.TaskInputs.decision;
import static fr.parcours.system.TaskInputs.defaultFalse;
import static fr.parcours.system.TaskInputs.required;
import static fr.parcours.system.TaskInputs.text;
import static fr.parcours.system.TaskInputs.ticked;

import fr.parcours.system.BadInputException;
import java.util.ArrayList;
import java.util.Collection;
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

  /** Evidence sections of the referential, in the order of the deposit form. */
  static final List<String> SECTIONS = List.of("INS", "PSC", "USER_IDENTIFICATION", "PORTABILITY", "SECURITY",
      "PERSONAL_DATA");

  private final CandidatureValidator validator = new CandidatureValidator();

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
      case "Task_ReviewEvidence" -> decision(task, AnsProcess.EVIDENCE_DECISION,
          Set.of("CONFORMS", "COMPLEMENTS", "REFUSED"), "CONFORMS", AnsProcess.EVIDENCE_COMMENT,
          "what the vendor must provide or correct, or why the evidence does not conform");
      case "Task_ProvideComplements" -> text(task, "complementsAnswer", "Your answer");
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

  private static void evidenceDeposit(DelegateTask task) {
    defaultFalse(task, AnsProcess.ALL_EVIDENCE_DEPOSITED);
    if (!Boolean.TRUE.equals(task.getVariable(AnsProcess.ALL_EVIDENCE_DEPOSITED))) {
      return;
    }
    Collection<String> deposited = Candidature.stringList(task.getVariable(AnsProcess.DEPOSITED_SECTIONS));
    List<String> missing = new ArrayList<>();
    for (String section : SECTIONS) {
      boolean applies = !"INS".equals(section) || Boolean.TRUE.equals(task.getVariable("handlesIns"));
      if (applies && !deposited.contains(section)) {
        missing.add(section);
      }
    }
    if (!missing.isEmpty()) {
      throw new BadInputException("You declared all evidence deposited, but these sections are not recorded as"
          + " deposited: " + String.join(", ", missing) + ". Tick each section once its evidence is deposited,"
          + " or untick 'All evidence is deposited' to save your progress.");
    }
  }
}
