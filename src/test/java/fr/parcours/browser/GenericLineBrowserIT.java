package fr.parcours.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A generic-line dossier walked in a real browser from the start form to its code, through the pages its users
 * use: Tasklist's start form (the generic lines claimed) and filters, every task form, the evidence page linked from
 * the vendor's task. Each step is taken by the demo user whose group does it (alice for MediSoft, ana at the ANS for
 * both certifications, marc for the ministry, nadia for the CNAM), from the filter where that group looks for it.
 * Screenshots of each step go to {@code target/screenshots/generic-*.png}.
 */
// its own application context, so that its dossiers are alone in the queues; the job executor runs the mails
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"parcours.test.context=browser-generic-line", "camunda.bpm.job-execution.enabled=true"})
class GenericLineBrowserIT extends BrowserTestBase {

  static final String PROCESS_NAME = "Inscription sur une ligne générique";
  static final String ANS = "ANS — toutes les tâches";
  static final String ANS_QUEUE = "ANS — file des preuves (ordre d’arrivée)";
  static final String MINISTRY = "Ministères — toutes les tâches";
  static final String CNAM = "CNAM — toutes les tâches";
  static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  @Test
  void shouldTakeAGenericLineDossierFromTheStartFormThroughBothCertificationsAndTheFilingToItsCode()
      throws Exception {
    // alice applies for the diabetes line; her company already has a Convergence account
    signIn("alice");
    openStartForm(PROCESS_NAME);
    fillValidCandidature();
    checklist("Field_GenericLines", "Télésurveillance du diabète", true);
    screenshot("generic-01-alice-start-form");
    startProcess();
    ProcessInstance dossier = waiting.until(d -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("generic-line").list().stream()
        .filter(pi -> "alice".equals(runtimeService.getVariable(pi.getId(), "applicant"))).findFirst().orElse(null));
    String number = dossier.getBusinessKey();
    assertThat(runtimeService.getVariable(dossier.getId(), "genericLines")).isEqualTo("DIABETES");

    work(VENDOR_FILTER, dossier, "Task_DepositAdministrativeDossier", "Déposer le dossier administratif",
        "generic-02-alice-submits-administrative-dossier",
        () -> radio("Field_DepositAction", "Envoyer le dossier administratif à l’ANS"));
    signOut();

    signIn("ana");
    work(ANS, dossier, "Task_ReviewAdmissibility", "Examiner la recevabilité", "generic-03-ana-finds-it-admissible",
        () -> radio("Field_AdmissibilityDecision", "Recevable"));
    signOut();

    // alice signs the convention, then sends her evidence from the page her task links to
    signIn("alice");
    work(VENDOR_FILTER, dossier, "Task_SignConvention", "Signer la convention", "generic-04-alice-signs-convention",
        () -> {
          type("Field_SignatoryName", "Alice Martin");
          setCheckbox("Field_ConventionSigned", true);
        });
    sendCompleteEvidenceAndSubmit(dossier, number, "generic-05-alice-evidence-page-complete",
        "generic-06-alice-submits-evidence");
    signOut();

    // the ANS certifies the referential, then the line's minimum requirements
    signIn("ana");
    work(ANS_QUEUE, dossier, "Task_ReviewEvidence", "Examiner les preuves", "generic-07-ana-certifies-referential",
        () -> radio("Field_EvidenceDecision", "Conformes : délivrer le certificat"));
    work(ANS, dossier, "Task_CertifyLineRequirements", "Certifier les exigences de la ligne",
        "generic-08-ana-certifies-line", () -> {
          waiting.until(d -> formText().contains("Télésurveillance du diabète"));
          radio("Field_LineRequirementsConform", "Respectées : délivrer la certification de la ligne");
        });
    signOut();

    // the ministry records the filing received from Démarches Simplifiées: the ministers' 60 days start
    signIn("marc");
    String today = LocalDate.now(ZoneId.of("Europe/Paris")).format(US_DATE);
    work(MINISTRY, dossier, "Task_RecordDsFiling", "Enregistrer le dépôt Démarches Simplifiées",
        "generic-09-marc-records-ds-filing", () -> {
          type("Field_DsDossierNumber", "4242");
          date("Field_DsReceivedDate", today);
        });
    work(MINISTRY, dossier, "Task_EvaluateApplication", "Évaluer la demande", "generic-10-marc-decides",
        () -> radio("Field_MinistersDecision", "Décision favorable (arrêté)"));
    work(MINISTRY, dossier, "Task_AllocateCode", "Attribuer le code individuel", "generic-11-marc-allocates-code",
        () -> type("Field_LppCode", "1100017"));
    signOut();

    signIn("nadia");
    work(CNAM, dossier, "Task_UpdateCnamBases", "Mettre à jour les bases CNAM", "generic-12-nadia-updates-bases",
        () -> {
          waiting.until(d -> formText().contains("1100017"));
          setCheckbox("Field_CnamBasesUpdated", true);
        });
    signOut();

    HistoricProcessInstance ended = waiting.until(d -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(dossier.getId()).finished().singleResult());
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_CodeAllocated");
    List<String> subjects = waiting.until(d -> {
      List<String> received = mailSubjects();
      return received.contains("Dossier " + number + " : code individuel attribué") ? received : null;
    });
    assertThat(subjects).contains("Dossier " + number + " : certificat de conformité délivré",
        "Dossier " + number + " : certificat de la ligne générique",
        "Dossier " + number + " : demande reçue par les ministres");
  }
}
