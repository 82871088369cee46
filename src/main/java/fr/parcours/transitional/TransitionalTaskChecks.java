package fr.parcours.transitional;

import fr.parcours.shared.TaskInputs;
import static fr.parcours.shared.TaskInputs.text;
import static fr.parcours.shared.TaskInputs.ticked;

import fr.parcours.ans.AnsProcess;
import fr.parcours.deadline.LegalDates;
import fr.parcours.evidence.CompanyDocuments;
import fr.parcours.evidence.EvidenceDeposits;
import fr.parcours.security.VendorCompanies;
import fr.parcours.shared.BadInputException;
import fr.parcours.transitional.AnsWindows.Mode;
import fr.parcours.transitional.AnsWindows.Window;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Checks what a person submits with a task of the transitional phase before the task completes; a refusal rolls the
 * completion back and Tasklist shows the French sentence, which says what to do. The ANS analyses no evidence before
 * the regulation is signed (seed 004 §7.2); its feedback is informative only, so a decision or a certificate submitted
 * with it is refused (§4: no admissibility, no certification in the transitional phase); only the dossier's company
 * continues it, and only once the window's nominal phase has opened.
 */
@Component("transitionalTaskChecks")
class TransitionalTaskChecks implements TaskListener {

  /** What a transitional feedback may not carry: the nominal phase's decisions and certificate. */
  static final List<String> NOMINAL_ONLY = List.of(AnsProcess.ADMISSIBILITY_DECISION, AnsProcess.EVIDENCE_DECISION,
      AnsProcess.CERTIFICATE_NUMBER);

  private final CompanyDocuments documents;
  private final EvidenceDeposits evidence;
  private final WindowPhases phases;
  private final VendorCompanies vendors;

  TransitionalTaskChecks(CompanyDocuments documents, EvidenceDeposits evidence, WindowPhases phases,
      VendorCompanies vendors) {
    this.documents = documents;
    this.evidence = evidence;
    this.phases = phases;
    this.vendors = vendors;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getTaskDefinitionKey()) {
      case "Task_AttachSignedRegulation" -> regulationAttached(task);
      case "Task_GiveCandidatureFeedback" -> feedback(task, TransitionalProcess.CANDIDATURE_FEEDBACK,
          "Retour informatif sur la candidature");
      case "Task_DepositEvidence" -> evidence.checkDeposit(task);
      case "Task_ReviewEvidence" -> {
        regulationSigned(task);
        feedback(task, TransitionalProcess.EVIDENCE_FEEDBACK, "Retour informatif sur les preuves");
      }
      case "Task_ContinueIntoNominal" -> continuation(task);
      default -> throw TaskInputs.noChecks(task);
    }
  }

  /** The signed regulation is on the dossier's page; its name, fingerprint and day go with the dossier. */
  private void regulationAttached(DelegateTask task) {
    CompanyDocuments.StoredDocument regulation = documents.regulation(task.getProcessInstanceId())
        .orElseThrow(() -> new BadInputException("Envoyez d’abord le règlement de la phase transitoire, signé, depuis"
            + " la page « Règlement signé » du dossier (/evidence/" + task.getVariable(AnsProcess.DOSSIER_ID)
            + "/regulation, liée dans ce formulaire), puis terminez la tâche : il fait partie de la candidature et"
            + " l’ANS n’analyse aucune preuve avant de l’avoir reçu."));
    ticked(task, "regulationSignedByRepresentative",
        "Le règlement envoyé est signé par le représentant de l’exploitant");
    task.setVariable(TransitionalProcess.REGULATION_FILE_NAME, regulation.fileName());
    task.setVariable(TransitionalProcess.REGULATION_SHA256, regulation.sha256());
    task.setVariable(TransitionalProcess.REGULATION_SIGNED_AT, Date.from(regulation.sentAt()));
  }

  /** The ANS analyses no evidence before the regulation of the transitional phase is signed (seed 004 §7.2). */
  private void regulationSigned(DelegateTask task) {
    if (task.getVariable(TransitionalProcess.REGULATION_SHA256) == null) {
      throw new BadInputException("Le règlement de la phase transitoire n’est pas encore signé pour ce dossier :"
          + " l’ANS n’analyse aucune preuve avant sa signature (règlement, § 7.2). Laissez cette tâche ouverte ;"
          + " l’industriel a la tâche « Joindre le règlement signé », et vous pourrez donner votre retour dès qu’il"
          + " l’aura jointe.");
    }
  }

  /** Informative feedback only: written, and without a decision or a certificate (seed 004 §4 and §6.5). */
  private static void feedback(DelegateTask task, String variable, String label) {
    for (String nominal : NOMINAL_ONLY) {
      if (task.getVariable(nominal) != null) {
        throw new BadInputException("En phase transitoire, l’ANS ne prononce aucune recevabilité et ne délivre aucun"
            + " certificat de conformité (règlement, § 4) : retirez « " + nominal + " » et donnez seulement un retour"
            + " informatif. La certification se demande quand la phase nominale du guichet est ouverte.");
      }
    }
    text(task, variable, label);
  }

  private void continuation(DelegateTask task) {
    Object choice = task.getVariable(TransitionalProcess.CONTINUATION);
    if (!"CONTINUE".equals(choice) && !"CLOSE".equals(choice)) {
      throw new BadInputException("Choisissez ce que vous faites du dossier : « Poursuivre en candidature"
          + " nominale », ou « Clore le dossier sans suite ».");
    }
    if ("CLOSE".equals(choice)) {
      return;
    }
    Object pathway = task.getVariable(TransitionalProcess.NOMINAL_PATHWAY);
    if (pathway == null || !TransitionalProcess.NOMINAL_PATHWAYS.containsKey(pathway.toString())) {
      throw new BadInputException("Choisissez le parcours de la candidature nominale : la certification de l’ANS"
          + " seule, la prise en charge anticipée (PECAN), l’inscription en nom de marque ou sur une ligne"
          + " générique.");
    }
    sameCompany(task);
    Window window = phases.find((String) task.getVariable(TransitionalProcess.ANS_WINDOW));
    if (window.modeOn(phases.today()) != Mode.NOMINAL) {
      throw new BadInputException("La phase nominale du guichet « " + window.label() + " » n’est pas encore ouverte"
          + (window.nominalOpensOn() == null ? " : l’ANS ne l’a pas encore annoncée (elle l’enregistre sur la page"
              + " « Guichets de l’ANS » quand les textes qui l’ouvrent sont publiés)"
              : " : elle ouvre le " + LegalDates.date(window.nominalOpensOn(), Locale.FRENCH))
          + ". Votre dossier reste ouvert : revenez à cette tâche quand elle le sera, ou choisissez ici « Clore le dossier sans suite ».");
    }
  }

  /** Only a user of the dossier's company continues it: the nominal candidature is that company's. */
  private void sameCompany(DelegateTask task) {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    if (user == null) {
      return; // the engine itself (a test, a script with the application's rights): the dossier's applicant continues
    }
    String dossierCompany = (String) task.getVariable(AnsProcess.VENDOR_GROUP);
    Group company = vendors.companyOf(user);
    if (!company.getId().equals(dossierCompany)) {
      throw new BadInputException("Seule l’entreprise qui a déposé ce dossier peut le poursuivre en candidature"
          + " nominale ; votre compte est celui de « " + company.getName() + " ». Déposez votre propre candidature"
          + " si votre entreprise en a une.");
    }
  }
}
