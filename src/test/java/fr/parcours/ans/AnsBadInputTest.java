package fr.parcours.ans;

import static fr.parcours.support.Candidatures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on the ANS track: each is refused with a message that names the field and the fix, and leaves
 * nothing behind (no process instance, no variable, the task still open).
 */
class AnsBadInputTest extends ProcessTestBase {

  long instancesBefore;
  long variablesBefore;

  void countBefore() {
    instancesBefore = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(AnsProcess.KEY).count();
    variablesBefore = historyService.createHistoricVariableInstanceQuery().count();
  }

  void assertNothingLeft() {
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(AnsProcess.KEY).count())
        .as("no process instance, not even in history").isEqualTo(instancesBefore);
    assertThat(historyService.createHistoricVariableInstanceQuery().count())
        .as("no variable, not even in history").isEqualTo(variablesBefore);
  }

  void assertRefused(Map<String, Object> form, String... messageParts) {
    countBefore();
    assertThatThrownBy(() -> startApplication("alice", AnsProcess.KEY, form))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContainingAll(messageParts);
    assertNothingLeft();
  }

  // ---- the start form ----

  @Test
  void shouldNotStartWithoutCeMarkingAndSayWhy() {
    assertRefused(Candidatures.with("ceMarked", false), "doit être marqué CE", "Obtenez d’abord le marquage CE");
  }

  /**
   * Bad inputs from the attack: a SIREN sent as a number (it was a 500, then stored as its digits; now refused as any
   * text field sent as another type than text, which left the other text fields numbers), a company name sent as bytes.
   */
  @Test
  void shouldRefuseASirenSentAsANumberSayingItIsText() {
    assertRefused(Candidatures.with("siren", 552100554), "« SIREN » est un champ de texte : envoyez-le en texte",
        "Integer");
  }

  @Test
  void shouldRefuseACompanyNameSentAsBytes() {
    assertRefused(Candidatures.with("companyName", "MediSoft".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "« Raison sociale » est un champ de texte : envoyez-le en texte");
  }

  @Test
  void shouldRefuseACompanyNameOfZeroWidthSpaces() {
    assertRefused(Candidatures.with("companyName", "\u200B\u200B\u200B"), 
        "Le champ « Raison sociale » contient des caractères invisibles");
  }

  /** Issue 19: the company is the signed-in vendor's; the server takes its name from the account. */
  @Test
  void shouldApplyInTheNameOfTheSignedInVendorsCompany() {
    // a name left empty is the account's; one typed with other spaces or case is written as the account has it
    Map<String, Object> empty = Candidatures.valid();
    empty.remove("companyName");
    assertThat(runtimeService.getVariable(startApplication("alice", AnsProcess.KEY, empty).getId(), "companyName"))
        .isEqualTo("MediSoft SAS");
    assertThat(runtimeService.getVariable(startApplication("alice", AnsProcess.KEY,
        Candidatures.with("companyName", " medisoft   sas ")).getId(), "companyName")).isEqualTo("MediSoft SAS");
    // another company's name is refused, naming the account's
    assertRefused(Candidatures.with("companyName", "TéléCardio SARL"),
        "la demande est faite au nom de l’entreprise de votre compte, « MediSoft SAS », pas de « TéléCardio SARL »");
  }

  @Test
  void shouldRefuseSirenWhoseChecksumFails() {
    assertRefused(Candidatures.with("siren", "123456789"), "SIREN", "« 123456789 »", "clé de contrôle", "Kbis");
  }

  @Test
  void shouldRefuseSirenWithLetters() {
    assertRefused(Candidatures.with("siren", "55210055A"), "SIREN");
  }

  @Test
  void shouldRefuseMalformedEmail() {
    assertRefused(Candidatures.with("legalRepEmail", "alice.medisoft.example"), "Courriel du représentant légal", "adresse électronique");
  }

  @Test
  void shouldRefuseEmailCarryingAHeaderInjection() {
    assertRefused(Candidatures.with("contactEmail", "jean@medisoft.example\r\nBcc: spy@rival.example"),
        "Courriel du contact", "doit tenir sur une ligne");
  }

  @Test
  void shouldRefuseMalformedPhone() {
    assertRefused(Candidatures.with("contactPhone", "12-34"), "Téléphone du contact", "numéro de téléphone");
  }

  @Test
  void shouldRefuseGroupLeadWithoutMembers() {
    assertRefused(Candidatures.with("applicantKind", "GROUP_LEAD"), "chef de file", "membre");
  }

  @Test
  void shouldRefuseProfileRiWithoutNieAndNil() {
    assertRefused(Candidatures.with("softwareProfiles", json("[\"SOCLE\",\"RI\"]")), "NIE", "NIL", "CNDA");
  }

  @ParameterizedTest
  @ValueSource(strings = {"siren", "legalRepEmail", "contactPhone", "softwareName",
      "softwareVersion", "plannedEvidenceDate", "deviceClass"})
  void shouldRefuseACandidatureMissingARequiredField(String field) {
    Map<String, Object> form = Candidatures.valid();
    form.remove(field);
    assertRefused(form, "La candidature ne peut pas être acceptée");
  }

  @Test
  void shouldNotLetAReviewerApplyAsAVendor() {
    countBefore();
    assertThatThrownBy(() -> startApplication("ana", AnsProcess.KEY, Candidatures.valid()))
        .isInstanceOf(AuthorizationException.class);
    assertNothingLeft();
  }

  // ---- the tasks ----

  ProcessInstance applied() {
    return startApplication("alice", AnsProcess.KEY, Candidatures.valid());
  }

  void assertTaskRefused(String user, ProcessInstance pi, String taskKey, Map<String, Object> form,
      String... messageParts) {
    Task before = task(pi, taskKey);
    assertThatThrownBy(() -> complete(user, pi, taskKey, form))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContainingAll(messageParts);
    assertThat(task(pi, taskKey)).as("the task stays open").isNotNull()
        .extracting(Task::getId).isEqualTo(before.getId());
    for (String variable : form.keySet()) {
      if (!Candidatures.valid().containsKey(variable)) {
        assertThat(runtimeService.getVariable(pi.getId(), variable)).as(variable + " is not stored").isNull();
      }
    }
  }

  @Test
  void shouldNotSubmitTheDossierWithoutTheRequiredDocuments() {
    ProcessInstance pi = applied();
    assertTaskRefused("alice", pi, "Task_DepositAdministrativeDossier",
        Map.of("depositAction", "SUBMIT", "docCeDeclaration", false), "Déclaration de marquage CE");
    assertThat(runtimeService.getVariable(pi.getId(), "docCeDeclaration")).isEqualTo(true);
  }

  /** Issue 19: the profiles are final from the candidature (seed 004 §6.2), and the company is the account's. */
  @Test
  void shouldKeepTheProfilesAndTheCompanyOfTheCandidatureInTheAdministrativeDossier() {
    ProcessInstance pi = applied();
    assertTaskRefused("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "DRAFT",
        "softwareProfiles", json("[\"SOCLE\",\"MSS\"]")), "le choix fait à la candidature est définitif (Exigences de base (tout dispositif))",
        "Vous envoyez Exigences de base (tout dispositif), Messagerie sécurisée de santé (MSSanté)");
    assertTaskRefused("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "DRAFT",
        "softwareProfiles", json("[]")), "Vous n’envoyez aucun profil");
    assertTaskRefused("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT",
        "companyName", "TéléCardio SARL"), "au nom de l’entreprise de votre compte, « MediSoft SAS »");
    assertThat(runtimeService.getVariable(pi.getId(), "companyName")).isEqualTo("MediSoft SAS");

    // the same profiles, in any order, and the company name emptied, go through
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT",
        "softwareProfiles", json("[\"SOCLE\"]"), "companyName", ""));
    assertThat(runtimeService.getVariable(pi.getId(), "companyName")).isEqualTo("MediSoft SAS");
  }

  /**
   * The planned date of the complete evidence, on the engine's clock (T0, 2 November 2026 in Paris): yesterday, a
   * date long past, the day after the last day of the window of a dossier without movement (6 months: 2 May 2027),
   * and year 9999 are refused at the start, nothing started; today and that last day are accepted.
   */
  @Test
  void shouldRefuseAPlannedEvidenceDateInThePastOrBeyondTheWindowOfADossierWithoutMovement() {
    assertRefused(Candidatures.with("plannedEvidenceDate", "2026-11-01"), "Date prévue du dépôt complet des preuves",
        "(1er novembre 2026) est passée", "aujourd’hui (2 novembre 2026) ou plus tard");
    assertRefused(Candidatures.with("plannedEvidenceDate", "1970-01-01"), "est passée");
    assertRefused(Candidatures.with("plannedEvidenceDate", "2027-05-03"), "(3 mai 2027) est trop lointaine",
        "sans mouvement pendant 6 mois", "« Dossier ANS sans mouvement »", "au plus tard le 2 mai 2027");
    assertRefused(Candidatures.with("plannedEvidenceDate", "9999-12-31"), "est trop lointaine");

    assertThat(startApplication("alice", AnsProcess.KEY, Candidatures.with("plannedEvidenceDate", "2026-11-02")))
        .isNotNull();
    assertThat(startApplication("alice", AnsProcess.KEY, Candidatures.with("plannedEvidenceDate", "2027-05-02")))
        .isNotNull();
  }

  /** The date planned at the candidature has passed by the administrative deposit: asked again, draft or not. */
  @Test
  void shouldAskAgainForAPlannedEvidenceDateThatPassedBeforeTheAdministrativeDeposit() {
    ProcessInstance pi = applied();
    Object planned = runtimeService.getVariable(pi.getId(), "plannedEvidenceDate");
    advance(java.time.Duration.ofDays(90)); // past the date planned two months after T0

    assertTaskRefused("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "DRAFT"),
        "Date prévue du dépôt complet des preuves", "est passée");
    assertTaskRefused("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"),
        "est passée");
    assertThat(runtimeService.getVariable(pi.getId(), "plannedEvidenceDate")).isEqualTo(planned);

    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT",
        "plannedEvidenceDate", "2027-03-01"));
    assertThat(task(pi, "Task_DepositAdministrativeDossier")).isNull();
  }

  /** Issue 19: "L’extrait Kbis de l’entreprise est fourni" only once the extract is on the dossier. */
  @Test
  void shouldNotDeclareTheKbisProvidedBeforeItIsSent() {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.with("hasConvergenceAccount", false));
    Map<String, Object> form = Map.of("kbisProvided", true, "officerIdVerified", true, "representativeRegistered", true);
    assertTaskRefused("alice", pi, "Task_RequestConvergenceAccount", form,
        "Envoyez d’abord l’extrait Kbis", "/evidence/" + pi.getBusinessKey() + "/kbis");
    sendKbis("alice", pi);
    complete("alice", pi, "Task_RequestConvergenceAccount", form);
    assertThat(task(pi, "Task_OpenConvergenceAccount")).isNotNull();
  }

  /** Issue 19: "Nous avons déjà un compte Convergence" says so once the ANS has opened the account. */
  @Test
  void shouldDeclareTheConvergenceAccountOnceTheAnsHasOpenedIt() {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.with("hasConvergenceAccount", false));
    sendKbis("alice", pi);
    complete("alice", pi, "Task_RequestConvergenceAccount",
        Map.of("kbisProvided", true, "officerIdVerified", true, "representativeRegistered", true));
    assertThat(runtimeService.getVariable(pi.getId(), "hasConvergenceAccount")).isEqualTo(false);
    complete("ana", pi, "Task_OpenConvergenceAccount", Map.of("convergenceAccountId", "CVG-1234"));
    assertThat(runtimeService.getVariable(pi.getId(), "hasConvergenceAccount")).isEqualTo(true);
    // a deposit that unticks it finds it ticked again: the account exists
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "DRAFT",
        "hasConvergenceAccount", false));
    assertThat(runtimeService.getVariable(pi.getId(), "hasConvergenceAccount")).isEqualTo(true);
  }

  @Test
  void shouldNotAcceptADepositWithoutSayingDraftOrSubmit() {
    assertTaskRefused("alice", applied(), "Task_DepositAdministrativeDossier", Map.of("depositAction", "LATER"),
        "Enregistrer comme brouillon", "Envoyer le dossier administratif à l’ANS");
  }

  @Test
  void shouldNotAskForPrecisionsWithoutSayingWhich() {
    ProcessInstance pi = applied();
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    assertTaskRefused("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "PRECISIONS"),
        "dans « Précisions demandées ou motifs »", "la réponse « Précisions demandées à l’industriel » doit être"
            + " motivée");
    // named as the form labels it: no variable, no value the reviewer never sees
    assertThatThrownBy(() -> complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision",
        "PRECISIONS", "admissibilityComment", " "))).hasMessageNotContaining("admissibilityComment")
        .hasMessageNotContaining("PRECISIONS");
  }

  @Test
  void shouldRefuseAnUnknownDecision() {
    ProcessInstance pi = applied();
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    assertTaskRefused("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "MAYBE"),
        "« Décision de recevabilité »", "« MAYBE » n’", "« Recevable »");
  }

  @Test
  void shouldNotDeclareAllEvidenceDepositedWhileProofsAreMissingWhateverSectionsAreTicked() {
    ProcessInstance pi = applied();
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "A. Martin"));
    Map<String, Object> form = new HashMap<>();
    form.put("depositedSections", json("[\"PSC\",\"SECURITY\"]"));
    form.put("allEvidenceDeposited", true);
    assertTaskRefused("alice", pi, "Task_DepositEvidence", form, "les preuves reçues ne sont pas complètes",
        "PSC 1.1.1 (manquante)", "RGPD 1.1.1 (manquante)", "décochez");
  }

  @Test
  void shouldNotSignTheConventionWithoutTickingIt() {
    ProcessInstance pi = applied();
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    assertTaskRefused("alice", pi, "Task_SignConvention", Map.of("conventionSigned", false,
        "signatoryName", "A. Martin"),
        "Cochez « Je signe la convention au nom de l’entreprise » pour le confirmer");
  }

  /** Walk 13: « A » signed the convention; the field asks the first and last name of the person who signs. */
  @Test
  void shouldNotSignTheConventionWithoutAFirstAndLastName() {
    ProcessInstance pi = applied();
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    for (String name : List.of("A", "Martin", " Alice ", "A 1", "1 2", "- -")) {
      assertTaskRefused("alice", pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", name),
          "« " + name.trim() + " » ne suffit pas dans « Nom du signataire »", "le prénom et le nom",
          "« Alice Martin »");
    }
    complete("alice", pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Anne-Sophie d’Arc"));
  }

  // ---- a task takes the fields of its form, and nothing else ----

  @Test
  void shouldRefuseAFieldThatIsNotOnTheTasksForm() {
    ProcessInstance pi = applied();
    assertThatThrownBy(() -> complete("alice", pi, "Task_DepositAdministrativeDossier",
        Map.of("depositAction", "SUBMIT", "vendorGroup", "vendor-telecardio")))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContainingAll("takes only the fields of its form", "vendorGroup is not one of them",
            "ne prend que les champs de son formulaire", "vendorGroup n’en fait pas partie");
    assertThat(runtimeService.getVariable(pi.getId(), "vendorGroup")).isEqualTo("vendor-medisoft");
    assertThat(runtimeService.getVariable(pi.getId(), "depositAction")).isNull();
    assertThat(task(pi, "Task_DepositAdministrativeDossier")).isNotNull();
  }

  @Test
  void shouldNotLetAReviewerChangeTheQueueDateThroughACompletion() {
    ProcessInstance pi = applied();
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    assertTaskRefused("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE",
        "evidenceQueuedAt", new java.util.Date(0)), "evidenceQueuedAt is not one of them", "admissibilityDecision");
  }

  @Test
  void shouldNotLetAVendorSetDossierVariablesOutsideAForm() {
    ProcessInstance pi = applied();
    Task task = task(pi, "Task_DepositAdministrativeDossier");
    assertThatThrownBy(() -> as("alice", () -> taskService.setVariable(task.getId(), "evidenceQueuedAt",
        new java.util.Date(0)))).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("only through the forms");
    assertThat(runtimeService.getVariable(pi.getId(), "evidenceQueuedAt")).isNull();
  }

  // ---- one company never reaches another's dossier ----

  @Test
  void shouldHideAVendorsDossierFromAnotherVendor() {
    ProcessInstance pi = applied();
    Task task = task(pi, "Task_DepositAdministrativeDossier");

    assertThat(as("alice", () -> taskService.createTaskQuery().processInstanceId(pi.getId()).count())).isEqualTo(1);
    assertThat(as("bruno", () -> taskService.createTaskQuery().processInstanceId(pi.getId()).count())).isZero();
    assertThat(as("bruno", () -> runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()))
        .isZero();
    assertThat(as("bruno", () -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(pi.getId()).count())).isZero();
    assertThat(as("bruno", () -> historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).count())).isZero();
    assertThatThrownBy(() -> as("bruno", () -> taskService.getVariables(task.getId())))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as("bruno", () -> formService.submitTaskForm(task.getId(),
        Map.of("depositAction", "SUBMIT")))).isInstanceOf(AuthorizationException.class);

    assertThat(as("alice", () -> runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()))
        .as("the owner reads her dossier").isEqualTo(1);
    assertThat(as("alice", () -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(pi.getId()).count())).isEqualTo(1);
    assertThat(as("ana", () -> runtimeService.getVariable(pi.getId(), "dossierId")))
        .as("the ANS instructs every vendor's dossier").isEqualTo(pi.getBusinessKey());
    assertThat(as("claire", () -> runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()))
        .as("the CNEDiMTS has no business in an ANS-only dossier").isZero();
  }
}
