package fr.parcours.ans;

import fr.parcours.candidature.Candidature;
import fr.parcours.candidature.CandidatureRejectedException;
import fr.parcours.candidature.CandidatureValidator;
import fr.parcours.candidature.FieldProblem;
import fr.parcours.candidature.Siren;
import fr.parcours.security.DossierAccess;
import fr.parcours.security.VendorCompanies;
import java.util.List;
import fr.parcours.shared.BadInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Receives a candidature from a start form (the ANS track's, or a pathway's that calls it): refuses it whole
 * when the vendor, the device or a field is not acceptable (no process instance is left behind), otherwise
 * names the dossier and opens it to the vendor's company only.
 */
@Component("candidatureIntake")
class CandidatureIntake implements ExecutionListener {

  private final VendorCompanies vendors;
  private final DossierAccess access;
  private final DossierNumbers numbers;
  private final CandidatureValidator validator = new CandidatureValidator();

  CandidatureIntake(VendorCompanies vendors, DossierAccess access, DossierNumbers numbers) {
    this.vendors = vendors;
    this.access = access;
    this.numbers = numbers;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String applicant = (String) execution.getVariable(AnsProcess.APPLICANT);
    if (applicant == null) {
      throw new BadInputException("Une demande est commencée par un utilisateur industriel connecté :"
          + " connectez-vous à Tasklist avec le compte de votre entreprise et recommencez-la.");
    }
    Group company = vendors.companyOf(applicant);

    Candidature candidature = Candidature.from(execution.getVariables());
    List<FieldProblem> problems = validator.problemsAtStart(candidature);
    if (!problems.isEmpty()) {
      throw new CandidatureRejectedException(problems);
    }

    for (String flag : List.of("hasConvergenceAccount", "handlesIns", "plannedDatePublishable",
        AnsProcess.WAITS_FOR_GO_AHEAD)) {
      if (execution.getVariable(flag) == null) {
        execution.setVariable(flag, false);
      }
    }
    if (execution.getVariable("correspondenceLanguage") == null) {
      execution.setVariable("correspondenceLanguage", "FR");
    }
    // as text, whatever type it was sent as (a number is read as its digits)
    execution.setVariable("siren", Siren.normaliseSiren(candidature.siren()));

    // a pathway that calls this track passes its dossier number down: one dossier, one number
    String dossierId = execution.getVariable(AnsProcess.DOSSIER_ID) instanceof String given
        ? given : numbers.next();
    execution.setVariable(AnsProcess.DOSSIER_ID, dossierId);
    execution.setVariable(AnsProcess.VENDOR_GROUP, company.getId());
    execution.getProcessInstance().setProcessBusinessKey(dossierId);
    access.openTo(company.getId(), execution.getProcessInstanceId());
  }
}
