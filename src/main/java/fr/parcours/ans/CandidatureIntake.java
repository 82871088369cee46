package fr.parcours.ans;

import fr.parcours.shared.SoftwareProfiles;
import fr.parcours.candidature.Candidature;
import fr.parcours.candidature.CandidatureRejectedException;
import fr.parcours.candidature.CandidatureValidator;
import fr.parcours.candidature.CandidatureWords;
import fr.parcours.candidature.FieldProblem;
import fr.parcours.candidature.Siren;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.evidence.EvidenceVariables;
import fr.parcours.evidence.LineRequirements;
import fr.parcours.security.DossierAccess;
import fr.parcours.security.VendorCompanies;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import fr.parcours.shared.BadInputException;
import fr.parcours.shared.CandidatureCheck;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.beans.factory.ObjectProvider;
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

  static final String COMPANY_NAME = "companyName";
  /** The start event's property that says which windows its dossier runs: {@code none}, none for any party. */
  static final String TIME_LIMITS = "timeLimits";

  private final VendorCompanies vendors;
  private final DossierAccess access;
  private final DossierNumbers numbers;
  private final CandidatureValidator validator = new CandidatureValidator();
  private final ObjectProvider<CandidatureCheck> checks;
  private final ReferentialVersions versions;
  private final ZoneId zone;
  private final PlannedEvidenceDates plannedDates;
  private final ObjectProvider<LineRequirements> lines;

  CandidatureIntake(VendorCompanies vendors, DossierAccess access, DossierNumbers numbers,
      ObjectProvider<CandidatureCheck> checks, ReferentialVersions versions, PlannedEvidenceDates plannedDates,
      ObjectProvider<LineRequirements> lines, @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.plannedDates = plannedDates;
    this.lines = lines;
    this.versions = versions;
    this.zone = ZoneId.of(zone);
    this.vendors = vendors;
    this.access = access;
    this.numbers = numbers;
    this.checks = checks;
  }

  /**
   * The company that applies is the signed-in vendor's, whose name its account holds: a name left empty is
   * filled with it (call before the fields are checked), one typed otherwise is refused (call after, so that a
   * name that is not text, or is invisible, is refused as any field), so that no dossier carries a company it
   * does not belong to.
   */
  static void companyNameOfTheAccount(DelegateExecution execution, Group company, boolean fieldsChecked,
      boolean inEnglish) {
    String account = company.getName();
    if (account == null || account.isBlank()) {
      return; // a company group without a name: the typed name stands, checked as any field
    }
    Object typed = execution.getVariable(COMPANY_NAME);
    if (typed == null || typed instanceof String text && text.isBlank()) {
      execution.setVariable(COMPANY_NAME, account);
    } else if (!fieldsChecked) {
      return;
    } else if (typed instanceof String text && !sameName(text, account)) {
      throw new BadInputException(CandidatureWords.of("companyName.notTheAccounts", account, text).forVendor(inEnglish));
    } else if (typed instanceof String) {
      execution.setVariable(COMPANY_NAME, account); // the account's spelling
    }
  }

  static boolean sameName(String typed, String account) {
    return typed.strip().replaceAll("\\s+", " ").equalsIgnoreCase(account.strip().replaceAll("\\s+", " "));
  }

  @Override
  public void notify(DelegateExecution execution) {
    boolean inEnglish = RefusalLanguage.english(execution);
    String applicant = (String) execution.getVariable(AnsProcess.APPLICANT);
    if (applicant == null) {
      throw new BadInputException(CandidatureWords.of("noApplicant").forVendor(inEnglish));
    }
    Group company = vendors.companyOf(applicant);
    companyNameOfTheAccount(execution, company, false, inEnglish);

    Candidature candidature = Candidature.from(execution.getVariables());
    List<FieldProblem> problems = new ArrayList<>(validator.problemsAtStart(candidature));
    if (((ExecutionEntity) execution).getSuperExecution() == null
        && execution.getVariable(AnsProcess.CONTINUED_FROM) == null) {
      // typed in this start form; a called track receives it checked by its caller, or carried over (by a
      // re-certification cycle, a transitional dossier continued), and the administrative deposit asks for it again
      plannedDates.problem(candidature, execution.getVariable("pathway"), runsNoWindow(execution))
          .ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new CandidatureRejectedException(problems, inEnglish);
    }
    companyNameOfTheAccount(execution, company, true, inEnglish);
    // the rules of the features above this one (the ANS window's phase: transitional.NominalCandidatureCheck)
    String processKey = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    checks.orderedStream().forEach(check -> check.check(processKey, execution.getVariables(), inEnglish));

    for (String flag : List.of("hasConvergenceAccount", "handlesIns", "plannedDatePublishable",
        AnsProcess.WAITS_FOR_GO_AHEAD)) {
      if (execution.getVariable(flag) == null) {
        execution.setVariable(flag, false);
      }
    }
    if (!(execution.getVariable("correspondenceLanguage") instanceof String language) || language.isBlank()) {
      execution.setVariable("correspondenceLanguage", "FR"); // left empty, or blank through the API: French
    }
    // the profiles are final from the candidature (seed 004 §6.2): the administrative deposit may not change them
    execution.setVariable(AnsProcess.FINAL_SOFTWARE_PROFILES, AnsProcess.profilesValue(candidature.softwareProfiles()));
    // and as people read them, for the convention the vendor signs (never a code)
    execution.setVariable(AnsProcess.SOFTWARE_PROFILE_LABELS, SoftwareProfiles.labels(candidature.softwareProfiles()));
    // the generic lines the caller claims, by their names: the admissibility review and the convention show them
    // beside the profiles (walk 7, 31-… and 32-…: only the profiles were named)
    LineRequirements catalogue = lines.getIfAvailable();
    Object claimed = execution.getVariable(LineRequirements.CLAIMED_LINES);
    if (catalogue != null && claimed != null) {
      execution.setVariable(AnsProcess.GENERIC_LINE_LABELS, String.join(", ",
          catalogue.claimed(claimed).stream().map(LineRequirements.Line::label).toList()));
    }
    // as text, whatever type it was sent as (a number is read as its digits)
    execution.setVariable("siren", Siren.normaliseSiren(candidature.siren()));

    // the window the candidature applies to: the version a re-certification cycle was opened for (case (c)), else
    // the version in force; its requirements are the proofs asked, its name the certificate's
    if (!(execution.getVariable(EvidenceVariables.REFERENTIAL_VERSION) instanceof String named) || named.isBlank()) {
      execution.setVariable(EvidenceVariables.REFERENTIAL_VERSION, versions.forNewDossier(DeviceRecords.ANS_REFERENTIAL,
          LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone)));
    }

    // a pathway that calls this track passes its dossier number down: one dossier, one number
    String dossierId = execution.getVariable(AnsProcess.DOSSIER_ID) instanceof String given
        ? given : numbers.next();
    execution.setVariable(AnsProcess.DOSSIER_ID, dossierId);
    execution.setVariable(AnsProcess.VENDOR_GROUP, company.getId());
    execution.getProcessInstance().setProcessBusinessKey(dossierId);
    access.openTo(company.getId(), execution.getProcessInstanceId());
  }

  /**
   * Whether the start event says that no window runs for any party in the dossier it starts (its property
   * {@value #TIME_LIMITS} set to {@code none}: the ANS transitional phase, seed 004 §6.4), so that nothing bounds the
   * planned date by a window the dossier does not run.
   */
  static boolean runsNoWindow(DelegateExecution execution) {
    var element = execution.getBpmnModelElementInstance();
    if (element == null || element.getExtensionElements() == null) {
      return false;
    }
    return element.getExtensionElements()
        .getChildElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .anyMatch(p -> TIME_LIMITS.equals(p.getCamundaName()) && "none".equals(p.getCamundaValue()));
  }
}
