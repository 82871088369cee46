package fr.parcours.ans;

import fr.parcours.shared.TaskInputs;
import fr.parcours.shared.SoftwareProfiles;
import static fr.parcours.shared.TaskInputs.decision;
import static fr.parcours.shared.TaskInputs.defaultFalse;
import static fr.parcours.shared.TaskInputs.required;
import static fr.parcours.shared.TaskInputs.text;
import static fr.parcours.shared.TaskInputs.ticked;

import fr.parcours.candidature.Candidature;
import fr.parcours.candidature.CandidatureRejectedException;
import fr.parcours.candidature.CandidatureValidator;
import fr.parcours.candidature.FieldProblem;
import fr.parcours.device.DeviceFactsOf;
import fr.parcours.device.DeviceRecords;
import fr.parcours.evidence.CompanyDocuments;
import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.evidence.EvidenceReport;
import fr.parcours.evidence.EvidenceVariables;
import fr.parcours.security.VendorCompanies;
import fr.parcours.shared.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Checks what a person submits with an ANS task before the task completes; a refusal rolls the completion
 * back and Tasklist shows the message, which names the field and the fix.
 */
@Component("ansTaskChecks")
class AnsTaskChecks implements TaskListener {

  private final CandidatureValidator validator = new CandidatureValidator();
  private final EvidenceDeposits evidence;
  private final VendorCompanies vendors;
  private final CompanyDocuments documents;
  private final LineCertification lines;
  private final DeviceRecords records;

  private final PlannedEvidenceDates plannedDates;

  AnsTaskChecks(EvidenceDeposits evidence, VendorCompanies vendors, CompanyDocuments documents,
      LineCertification lines, DeviceRecords records, PlannedEvidenceDates plannedDates) {
    this.plannedDates = plannedDates;
    this.records = records;
    this.evidence = evidence;
    this.vendors = vendors;
    this.documents = documents;
    this.lines = lines;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_RequestConvergenceAccount" -> {
        ticked(task,
            "kbisProvided", "L’extrait Kbis de l’entreprise est fourni",
            "officerIdVerified", "La pièce d’identité du mandataire social est fournie et vérifiée",
            "representativeRegistered", "Le représentant est enregistré comme représentant de l’entreprise");
        kbisSent(task);
      }
      case "Task_OpenConvergenceAccount" -> {
        text(task, "convergenceAccountId", "Identifiant du compte Convergence");
        // the candidature's "Nous avons déjà un compte Convergence" says so from now on
        task.setVariable(AnsProcess.HAS_CONVERGENCE_ACCOUNT, true);
      }
      case "Task_DepositAdministrativeDossier" -> administrativeDeposit(task);
      case "Task_ReviewAdmissibility" -> decision(task, AnsProcess.ADMISSIBILITY_DECISION,
          Set.of("ADMISSIBLE", "PRECISIONS", "INADMISSIBLE"), "ADMISSIBLE", AnsProcess.ADMISSIBILITY_COMMENT,
          "les précisions demandées ou les motifs d’irrecevabilité (l’industriel les lit)");
      case "Task_ProvidePrecisions" -> text(task, "precisionsAnswer", "Votre réponse");
      case "Task_SignConvention" -> {
        ticked(task, "conventionSigned", "Je signe la convention au nom de l’entreprise");
        text(task, "signatoryName", "Nom du signataire");
        signatoryNamed(task);
      }
      case "Task_DepositEvidence" -> evidence.checkDeposit(task);
      case "Task_RecordInsTestDay" -> {
        required(task, "insTestDayDate", "Date de la journée de test");
        text(task, "insTestDayReport", "Compte rendu");
        defaultFalse(task, "insTestDayPassed");
      }
      case "Task_ReviewEvidence" -> {
        invalidProofsInComment(task);
        decision(task, AnsProcess.EVIDENCE_DECISION,
          Set.of("CONFORMS", "COMPLEMENTS", "REFUSED"), "CONFORMS", AnsProcess.EVIDENCE_COMMENT,
          "ce que l’industriel doit fournir ou corriger, ou pourquoi les preuves ne sont pas conformes");
        referentialRefused(task);
      }
      case "Task_ProvideComplements" -> {
        text(task, "complementsAnswer", "Votre réponse");
        invalidProofsCorrected(task);
      }
      case "Task_CertifyLineRequirements" -> lines.check(task);
      case "Task_DecideOnLapsedComplements" -> decision(task, AnsProcess.LAPSED_DECISION,
          Set.of("DEPRIORITISE", "ABANDON"), null, null, null);
      case "Task_ReviewDormantApplication" -> decision(task, AnsProcess.DORMANT_DECISION,
          Set.of("KEEP_OPEN", "ABANDON"), null, null, null);
      default -> throw TaskInputs.noChecks(task);
    }
  }

  /** A first and a last name, each beginning with a letter (« A. Martin » will do, « A » or « Martin » will not). */
  private static final java.util.regex.Pattern FIRST_AND_LAST_NAME = java.util.regex.Pattern.compile(
      "\\s*[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ.'’-]*(\\s+[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ.'’-]*)+\\s*");

  /** The convention is signed by a person named (walk 13: « A » was accepted, the field asks a first and last name). */
  private static void signatoryNamed(DelegateTask task) {
    String name = ((String) task.getVariable("signatoryName")).trim();
    if (!FIRST_AND_LAST_NAME.matcher(name).matches()) {
      throw new BadInputException("« " + name + " » ne suffit pas dans « Nom du signataire » : écrivez le prénom et le"
          + " nom de la personne qui signe au nom de l’entreprise, par exemple « Alice Martin » ou « A. Martin »,"
          + " puis terminez la tâche.");
    }
  }

  /**
   * The ANS refuses the evidence: the device's records keep the refusal, the referential and its version, and the
   * reasons, beside its certificates (/devices), in the completion's transaction.
   */
  private void referentialRefused(DelegateTask task) {
    if (!"REFUSED".equals(task.getVariable(AnsProcess.EVIDENCE_DECISION))) {
      return;
    }
    Object version = task.getVariable(EvidenceVariables.REFERENTIAL_VERSION);
    records.certificationRefused(DeviceFactsOf.dossier(task.getExecution()), DeviceRecords.ANS_REFERENTIAL
        + (version == null ? "" : ", version " + version), (String) task.getVariable(AnsProcess.EVIDENCE_COMMENT),
        ClockUtil.getCurrentTime().toInstant(), (String) task.getVariable(AnsProcess.DOSSIER_ID),
        task.getProcessInstanceId());
  }

  private void administrativeDeposit(DelegateTask task) {
    Object action = task.getVariable(AnsProcess.DEPOSIT_ACTION);
    if (!"DRAFT".equals(action) && !"SUBMIT".equals(action)) {
      throw new BadInputException("Choisissez ce que vous faites du dossier : « Enregistrer comme brouillon et"
          + " revenir plus tard », ou « Envoyer le dossier administratif à l’ANS ».");
    }
    Candidature candidature = Candidature.from(task.getVariables());
    finalProfilesKept(task, candidature);
    Group company = vendors.group((String) task.getVariable(AnsProcess.VENDOR_GROUP));
    boolean inEnglish = RefusalLanguage.english(task.getExecution());
    CandidatureIntake.companyNameOfTheAccount(task.getExecution(), company, false, inEnglish);
    if (task.getVariable("convergenceAccountId") != null) {
      task.setVariable(AnsProcess.HAS_CONVERGENCE_ACCOUNT, true); // the account the ANS opened stays declared
    }
    candidature = Candidature.from(task.getVariables());
    List<FieldProblem> problems = new ArrayList<>("SUBMIT".equals(action)
        ? validator.problemsAtSubmission(candidature)
        : validator.problemsAtStart(candidature));
    // the date may have passed since the candidature, or come carried over from a previous cycle's
    plannedDates.problem(candidature, task.getVariable("pathway"), false).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new CandidatureRejectedException(problems, inEnglish);
    }
    CandidatureIntake.companyNameOfTheAccount(task.getExecution(), company, true, inEnglish);
  }

  /** "L’extrait Kbis de l’entreprise est fourni" is true once the extract is on the dossier's Kbis page. */
  private void kbisSent(DelegateTask task) {
    if (documents.kbis(task.getProcessInstanceId()).isEmpty()) {
      throw new BadInputException("Envoyez d’abord l’extrait Kbis de l’entreprise depuis la page « Extrait Kbis » du"
          + " dossier (/evidence/" + task.getVariable(AnsProcess.DOSSIER_ID) + "/kbis, liée dans ce formulaire),"
          + " puis terminez la tâche : l’ANS en a besoin pour ouvrir le compte.");
    }
  }

  /** The profiles chosen at the candidature are final (seed 004 §6.2): they decide which requirements apply. */
  private static void finalProfilesKept(DelegateTask task, Candidature candidature) {
    if (!(task.getVariable(AnsProcess.FINAL_SOFTWARE_PROFILES) instanceof String chosen)) {
      return; // a dossier started before the profiles were recorded
    }
    String submitted = AnsProcess.profilesValue(candidature.softwareProfiles());
    if (!submitted.equals(chosen)) {
      throw new BadInputException("Profils logiciels : le choix fait à la candidature est définitif (" + SoftwareProfiles.labels(chosen)
          + ") ; il décide des exigences qui s’appliquent. "
          + (submitted.isEmpty() ? "Vous n’envoyez aucun profil" : "Vous envoyez " + SoftwareProfiles.labels(submitted))
          + " : laissez les profils tels"
          + " qu’ils étaient. Pour d’autres profils, déposez une nouvelle candidature.");
    }
  }

  /** Proofs the reviewer marked invalid: not a conforming dossier, and listed in what the vendor reads. */
  private void invalidProofsInComment(DelegateTask task) {
    EvidenceReport report = evidence.report(task.getProcessInstanceId(), task.getVariables());
    List<String> invalid = report.invalidProofs();
    if (invalid.isEmpty()) {
      return;
    }
    Object decision = task.getVariable(AnsProcess.EVIDENCE_DECISION);
    // a generic line's invalid proof is judged with its line: the referential may conform without it
    if ("CONFORMS".equals(decision) && !report.invalidReferentialProofs().isEmpty()) {
      invalid = report.invalidReferentialProofs();
      throw new BadInputException("Vous avez marqué des preuves invalides (" + String.join(" ; ", invalid) + ") :"
          + " les preuves ne peuvent pas être conformes. Demandez des compléments, ou refusez.");
    }
    if ("COMPLEMENTS".equals(decision)) {
      Object comment = task.getVariable(AnsProcess.EVIDENCE_COMMENT);
      String listed = "Preuves à renvoyer, corrigées :\n- " + String.join("\n- ", invalid);
      task.setVariable(AnsProcess.EVIDENCE_COMMENT, comment == null || comment.toString().isBlank()
          ? listed : listed + "\n\n" + comment);
    }
  }

  private void invalidProofsCorrected(DelegateTask task) {
    List<String> invalid = evidence.report(task.getProcessInstanceId(), task.getVariables()).invalidProofs();
    if (!invalid.isEmpty()) {
      throw new BadInputException("Renvoyez ces preuves, corrigées, depuis la page des preuves, puis terminez la"
          + " tâche ; l’ANS les a marquées invalides : " + String.join(" ; ", invalid));
    }
  }
}
