package fr.parcours.security;

import fr.parcours.shared.DeploymentChecks;
import fr.parcours.shared.DiagramMistake;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On the start event of a track: the track's instance is part of the dossier of the company that applied
 * (its variable {@code vendorGroup}, passed down by the caller), so that company reads it as it reads the rest
 * of its dossier, and nobody else does. A track started without a company is a mistake of its caller.
 */
@Component("companyAccess")
public class CompanyAccess implements ExecutionListener {

  private final DossierAccess access;

  CompanyAccess(DossierAccess access) {
    this.access = access;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!(execution.getVariable("vendorGroup") instanceof String company) || company.isBlank()) {
      throw new DiagramMistake("Le processus « " + DeploymentChecks.processKey(
          execution.getProcessDefinitionId()) + " » du dossier " + execution.getProcessBusinessKey() + " a démarré"
          + " sans l’entreprise du dossier (variable vendorGroup) : dans le diagramme qui l’appelle, ajoutez à"
          + " l’activité d’appel la variable vendorGroup dans ses « In mappings », "
          + DeploymentChecks.THEN_DEPLOY);
    }
    access.openTo(company, execution.getProcessInstanceId());
  }
}
