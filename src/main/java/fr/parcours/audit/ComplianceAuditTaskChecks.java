package fr.parcours.audit;

import fr.parcours.shared.TaskInputs;
import static fr.parcours.shared.TaskInputs.text;

import fr.parcours.security.Roles;
import fr.parcours.shared.BadInputException;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks what a person submits with a task of the compliance audit: each refusal says in French what is wrong and
 * how to fix it, and the task stays open, unchanged.
 */
@Component("complianceAuditTaskChecks")
class ComplianceAuditTaskChecks implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_RecordFindings" -> {
        if (yes(task, ComplianceAuditProcess.NON_CONFORMITY_PROVEN, "Indiquez si l’audit établit une non-conformité"
            + " avérée (nonConformityProven : oui ou non).")) {
          text(task, ComplianceAuditProcess.NON_CONFORMITY, "Non-conformité constatée");
        }
      }
      case "Task_CorrectNonConformity" -> {
        sameCompany(task);
        text(task, ComplianceAuditProcess.CORRECTION, "Correction apportée");
      }
      case "Task_CheckCorrection" -> {
        if (!yes(task, ComplianceAuditProcess.CORRECTION_ACCEPTED, "Indiquez si la correction est acceptée"
            + " (correctionAccepted : oui ou non).")) {
          text(task, ComplianceAuditProcess.WITHDRAWAL_REASONS, "Motifs du retrait du certificat");
        }
      }
      default -> throw TaskInputs.noChecks(task);
    }
  }

  /** A yes/no of a radio (text "true"/"false") or a Boolean, kept as a Boolean for the gateway. */
  static boolean yes(DelegateTask task, String variable, String missing) {
    Object value = task.getVariable(variable);
    if ("true".equals(value) || "false".equals(value)) {
      value = Boolean.valueOf((String) value);
      task.setVariable(variable, value);
    }
    if (!(value instanceof Boolean answer)) {
      throw new BadInputException(missing);
    }
    return answer;
  }

  /** The correction comes from the audited company (its group offers the task; this says it plainly). */
  private static void sameCompany(DelegateTask task) {
    Authentication user = Context.getCommandContext() == null ? null
        : Context.getCommandContext().getAuthentication();
    if (user == null || user.getUserId() == null) {
      return; // the engine itself, or a test without a user
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (!Roles.isRepairer(groups) && !groups.contains((String) task.getVariable("vendorGroup"))) {
      throw new BadInputException("Cette correction est attendue de l’entreprise dont le dispositif est audité"
          + " (« " + task.getVariable("companyName") + " ») : seul un de ses utilisateurs peut la déposer.");
    }
  }
}
