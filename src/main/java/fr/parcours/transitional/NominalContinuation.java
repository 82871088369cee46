package fr.parcours.transitional;

import fr.parcours.ans.AnsProcess;
import fr.parcours.candidature.CandidatureFields;
import fr.parcours.dossier.DossierLinks;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Continues a transitional dossier into a nominal candidature without retyping it (issue 18 point 4): starts the
 * nominal pathway the vendor chose with the candidature dossier's fields as they stand, applied for by the user who
 * continues (the nominal pathway's own intake checks them again and gives the new dossier its number), and records
 * the link both ways: {@code nominalDossierId} here, {@code continuedFromDossierId} there, and in
 * {@link DossierLinks}, which outlives the engine's history. Runs in the transaction that
 * completes the vendor's task, so that a refusal of the nominal intake leaves the task open and nothing started.
 */
@Component("nominalContinuation")
class NominalContinuation implements JavaDelegate {

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final DossierLinks links;

  NominalContinuation(@Lazy RuntimeService runtime, @Lazy IdentityService identity, DossierLinks links) {
    this.runtime = runtime;
    this.identity = identity;
    this.links = links;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String processKey = TransitionalProcess.NOMINAL_PATHWAYS.get(
        (String) execution.getVariable(TransitionalProcess.NOMINAL_PATHWAY));
    VariableMap carried = Variables.createVariables();
    java.util.List<String> keys = new java.util.ArrayList<>(CandidatureFields.dossierKeys());
    if (processKey.equals(TransitionalProcess.NOMINAL_PATHWAYS.get("GENERIC_LINE"))) {
      keys.addAll(TransitionalProcess.NOMINAL_EXTRAS);
    }
    for (String key : keys) {
      TypedValue value = execution.getVariableTyped(key);
      if (value != null && value.getValue() != null) {
        carried.putValueTyped(key, value);
      }
    }
    String applicant = continuingUser(execution);
    carried.put(AnsProcess.APPLICANT, applicant);
    String from = (String) execution.getVariable(AnsProcess.DOSSIER_ID);
    carried.put(TransitionalProcess.CONTINUED_FROM, from);
    // Parcours carries the dossier over, not the person: the task's checks made sure the person is of the dossier's
    // company and the nominal phase is open; the start then runs with the application's rights, as a timer's step
    // does, so that the link it records is not taken for a field the person typed
    Authentication person = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    ProcessInstance nominal;
    try {
      nominal = runtime.startProcessInstanceByKey(processKey, carried);
    } finally {
      if (person != null) {
        identity.setAuthentication(person);
      }
    }
    execution.setVariable(TransitionalProcess.NOMINAL_DOSSIER_ID, nominal.getBusinessKey());
    links.continued(from, nominal.getBusinessKey(), processKey, applicant);
  }

  /** The signed-in user who continues; the transitional dossier's applicant when the engine itself does. */
  private static String continuingUser(DelegateExecution execution) {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    return user != null ? user : (String) execution.getVariable(AnsProcess.APPLICANT);
  }
}
