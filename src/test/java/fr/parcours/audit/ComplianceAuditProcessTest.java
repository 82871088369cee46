package fr.parcours.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.DeviceFacts;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import fr.parcours.support.SameInstant;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * bpmn/pathways/compliance-audit.bpmn in the whole application, with the real intake, task checks, clocks, device
 * records and mails (a real SMTP server): who may open an audit and on what, a non-conformity corrected in time,
 * and a certificate withdrawn when the correction window passes with the engine clock moved. Every path of the
 * diagram is covered by the lean {@link ComplianceAuditPathwayTest} (100 %).
 */
class ComplianceAuditProcessTest extends ProcessTestBase {

  static final String AUDITOR = "odile";
  static final String VENDOR = "alice";
  static final String OTHER_VENDOR = "bruno";

  @Autowired DeviceRecords records;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  /** A certificate of alice's company (MediSoft) in force, produced by an ANS dossier of hers. */
  String certificate;
  String certifiedDossier;
  @org.springframework.beans.factory.annotation.Autowired fr.parcours.dossierpage.DossierBoard board;

  @BeforeEach
  void aCertifiedDeviceOfMediSoft() {
    ProcessInstance ans = startApplication(VENDOR, "ans-certification", Candidatures.valid());
    certifiedDossier = ans.getBusinessKey();
    certificate = "CC-" + UUID.randomUUID().toString().substring(0, 8);
    // a device of its own: the database is shared by the tests, and a certificate issued at the same instant for the
    // same device replaces the earlier test's (whose audit may still run)
    records.certificateIssued(anotherDevice(), certificate, DeviceRecords.ANS_REFERENTIAL, "2025", T0, null,
        certifiedDossier, ans.getId(), "ANS");
  }

  /**
   * A device of its own, for a certificate issued after the fixture's: on CardioWatch 2.1 it would replace the
   * certificates of the earlier tests, whose audits may still run (the test database is shared).
   */
  static DeviceFacts anotherDevice() {
    return new DeviceFacts("vendor-medisoft", "MediSoft SAS", "CardioWatch-" + UUID.randomUUID().toString()
        .substring(0, 6), "2.1", "SOCLE", null);
  }

  /** A certificate of the device for this referential version, issued at this instant: its number. */
  String issued(DeviceFacts device, String version, java.time.Instant at) {
    String number = "CC-" + UUID.randomUUID().toString().substring(0, 8);
    records.certificateIssued(device, number, DeviceRecords.ANS_REFERENTIAL, version, at, null, certifiedDossier, null,
        "ANS");
    return number;
  }

  ProcessInstance openAudit(String user, String number) {
    Map<String, Object> form = new HashMap<>();
    form.put("certificateNumber", number);
    form.put("auditScope", "Déploiement de CardioWatch 2.1 au CHU de Nantes");
    return startApplication(user, ComplianceAuditProcess.KEY, form);
  }

  long auditsOf(String number) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplianceAuditProcess.KEY)
        .variableValueEquals("certificateNumber", number).count();
  }

  ProcessInstance nonConformityFound() {
    ProcessInstance audit = openAudit(AUDITOR, certificate);
    complete(AUDITOR, audit, "Task_RecordFindings", Map.of("nonConformityProven", "true",
        "nonConformityDescription", "INS 2 : l’identité INS n’est plus qualifiée dans la version déployée."));
    return audit;
  }

  @Test
  void shouldOpenAnAuditOnlyAsAnAuditorOnACertificateInForceAndTellTheVendor() throws Exception {
    // a vendor cannot start an audit at all, not even on its own device
    assertThat(catchThrowable(() -> openAudit(VENDOR, certificate))).isInstanceOf(AuthorizationException.class);
    assertThat(catchThrowable(() -> openAudit(OTHER_VENDOR, certificate))).isInstanceOf(AuthorizationException.class);
    // an auditor: no number, a number that names no certificate, a withdrawn certificate
    assertThat(catchThrowable(() -> openAudit(AUDITOR, " "))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("le champ est vide");
    assertThat(catchThrowable(() -> openAudit(AUDITOR, "CC-NOPE"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("aucun certificat ne porte le numéro « CC-NOPE »");
    String withdrawn = "CC-" + UUID.randomUUID().toString().substring(0, 8);
    records.certificateIssued(new DeviceFacts("vendor-medisoft", "MediSoft SAS", "OldScope", "1.0", null, null),
        withdrawn, DeviceRecords.ANS_REFERENTIAL, "2025", T0, null, null, "none", "ANS");
    records.withdraw(withdrawn, "Non-conformité non corrigée", T0);
    assertThat(catchThrowable(() -> openAudit(AUDITOR, withdrawn))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("a déjà été retiré");
    assertThat(auditsOf(certificate) + auditsOf(withdrawn) + auditsOf("CC-NOPE")).isZero();
    assertThat(mails("Audit")).isEmpty();

    ProcessInstance audit = openAudit(AUDITOR, " " + certificate + " ");

    assertThat(audit.getBusinessKey()).startsWith("DMN-");
    assertThat(dossierVariable(audit, "vendorGroup")).isEqualTo("vendor-medisoft");
    assertThat(dossierVariable(audit, "certifiedDossierId")).isEqualTo(certifiedDossier);
    assertWaitingAt(audit, "Task_RecordFindings");
    assertThat(taskService.createTaskQuery().processInstanceId(audit.getId()).taskCandidateGroup("ans-auditor")
        .count()).isEqualTo(1);
    // the vendor is told, at the certified dossier's contact and legal representative
    List<MimeMessage> opened = mails("audit de conformité du certificat " + certificate);
    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).getAllRecipients()[0].toString()).endsWith("@medisoft.example");
    assertThat(text(opened.get(0))).contains("CHU de Nantes").contains("CardioWatch");
    // a second audit on the same certificate while this one runs
    assertThat(catchThrowable(() -> openAudit(AUDITOR, certificate))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Un audit est déjà en cours sur le certificat").hasMessageContaining(audit.getBusinessKey());
    assertThat(auditsOf(certificate)).isEqualTo(1);
    // the audited company reads it, the other company does not
    assertThat(as(VENDOR, () -> runtimeService.createProcessInstanceQuery().processInstanceId(audit.getId()).count()))
        .isEqualTo(1);
    assertThat(as(OTHER_VENDOR, () -> runtimeService.createProcessInstanceQuery().processInstanceId(audit.getId())
        .count())).isZero();
  }

  /** A number typed by hand or copied from a mail: another case, spaces around the dash (walk 12). */
  @Test
  void shouldOpenTheAuditOnTheCertificateAsTypedWhateverItsCaseAndSpaces() {
    String typed = " " + certificate.toLowerCase(java.util.Locale.ROOT).replace("-", " - ") + " ";

    ProcessInstance audit = openAudit(AUDITOR, typed);

    assertThat(runtimeService.getVariable(audit.getId(), "certificateNumber")).isEqualTo(certificate);
    assertThat(catchThrowable(() -> openAudit(AUDITOR, "CC-" + certificate.substring(4) + "0")))
        .as("one character more names no certificate").hasMessageContaining("aucun certificat ne porte le numéro");
  }

  @Test
  void shouldKeepTheCertificateWhenTheVendorCorrectsInTimeAndTheAuditorAccepts() throws Exception {
    ProcessInstance audit = openAudit(AUDITOR, certificate);
    Throwable noDescription = catchThrowable(() -> complete(AUDITOR, audit, "Task_RecordFindings",
        Map.of("nonConformityProven", "true")));
    assertThat(noDescription).isInstanceOf(BadInputException.class).hasMessageContaining("Non-conformité constatée");
    assertWaitingAt(audit, "Task_RecordFindings");
    complete(AUDITOR, audit, "Task_RecordFindings", Map.of("nonConformityProven", "true",
        "nonConformityDescription", "INS 2 : l’identité INS n’est plus qualifiée dans la version déployée."));

    // the vendor has 30 days (working days), until Wednesday 2 December 2026 included
    Task correction = task(audit, "Task_CorrectNonConformity");
    assertThat(correction.getDueDate()).isEqualTo(lastMomentOfDay(30));
    assertThat(timer(audit, "Timer_CorrectionWindow").getDuedate()).isEqualTo(endOfDay(30));
    // the subject gives the same last day as the body, included (a walk read "à corriger avant le" that day)
    String found = text(mails("non-conformité à corriger jusqu’au 2 décembre 2026 inclus").get(0));
    assertThat(found).contains("INS 2 : l’identité INS n’est plus qualifiée").contains("2 décembre 2026")
        .contains("30 jours");
    // another company cannot file the correction; an empty correction is refused
    assertThat(catchThrowable(() -> as(OTHER_VENDOR, () -> formService.submitTaskForm(correction.getId(),
        Map.of("correctionDescription", "Je corrige à la place de MediSoft."))))).isInstanceOf(AuthorizationException.class);
    // and were the task offered to it by mistake (by the engine itself), the check names the audited company
    taskService.addCandidateGroup(correction.getId(), "vendor-telecardio");
    assertThat(catchThrowable(() -> as(OTHER_VENDOR, () -> formService.submitTaskForm(correction.getId(),
        Map.of("correctionDescription", "Je corrige à la place de MediSoft."))))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("« MediSoft SAS »");
    taskService.deleteCandidateGroup(correction.getId(), "vendor-telecardio");
    assertWaitingAt(audit, "Task_CorrectNonConformity");
    assertThat(catchThrowable(() -> complete(VENDOR, audit, "Task_CorrectNonConformity",
        Map.of("correctionDescription", "")))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Correction apportée");
    assertWaitingAt(audit, "Task_CorrectNonConformity");

    advance(java.time.Duration.ofDays(12));
    complete(VENDOR, audit, "Task_CorrectNonConformity", Map.of("correctionDescription",
        "Version 2.1.1 déployée le 14 novembre : l’identité est qualifiée par le téléservice INSi."));
    assertThat(timer(audit, "Timer_CorrectionWindow")).isNull();
    // refusing without reasons is refused
    assertThat(catchThrowable(() -> complete(AUDITOR, audit, "Task_CheckCorrection",
        Map.of("correctionAccepted", "false")))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Motifs du retrait du certificat");
    complete(AUDITOR, audit, "Task_CheckCorrection", Map.of("correctionAccepted", "true"));

    assertPassed(audit, "EndEvent_CertificateKept");
    assertThat(text(mails("correction acceptée, certificat maintenu").get(0))).contains(certificate)
        .contains("reste en vigueur");
    assertThat(records.certificate(certificate).orElseThrow().inForce()).isTrue();
  }

  @Test
  void shouldWithdrawTheCertificateWithItsReasonsWhenTheCorrectionWindowPasses() throws Exception {
    ProcessInstance audit = nonConformityFound();

    fire(audit, "Timer_CorrectionWindow");

    assertThat(now()).isEqualTo(endOfDay(30).toInstant());
    assertPassed(audit, "Task_WithdrawCertificate", "EndEvent_CertificateWithdrawn");
    DeviceRecords.Certificate withdrawn = records.ofCompanies(List.of("vendor-medisoft")).stream()
        .flatMap(d -> d.certificates().stream()).filter(c -> c.number().equals(certificate)).findFirst().orElseThrow();
    assertThat(withdrawn.withdrawn()).isTrue();
    assertThat(withdrawn.withdrawnAt()).isEqualTo(endOfDay(30).toInstant());
    assertThat(withdrawn.withdrawalReason()).isEqualTo("Non-conformité avérée non corrigée dans le délai de mise en"
        + " conformité : INS 2 : l’identité INS n’est plus qualifiée dans la version déployée.");
    MimeMessage mail = mails("retrait du certificat de conformité " + certificate).get(0);
    assertThat(text(mail)).contains("INS 2 : l’identité INS n’est plus qualifiée")
        .doesNotContain("sur lequel portait l’audit").contains("présenter une nouvelle candidature").contains("/devices").contains("/dossiers/" + audit.getBusinessKey());
    assertThat(html(mail)).contains("/devices");
    // a new audit cannot be opened on a withdrawn certificate
    assertThat(catchThrowable(() -> openAudit(AUDITOR, certificate))).hasMessageContaining("a déjà été retiré");
  }

  /**
   * The correction sent once its window has closed, before the engine fires the timer (its job runs seconds later, or
   * later still when the server was stopped at that moment): refused, and the certificate withdrawn as the window
   * says. Before, it was taken as on time and the certificate kept. A second before the end, it is taken.
   */
  @Test
  void shouldRefuseTheCorrectionOnceItsWindowHasClosedThoughTheTimerHasNotFiredYet() throws Exception {
    ProcessInstance audit = nonConformityFound();
    java.util.Date end = timer(audit, "Timer_CorrectionWindow").getDuedate();
    Map<String, Object> correction = Map.of("correctionDescription", "INS 2 qualifiée de nouveau en version 2.1.1.");

    for (java.time.Instant late : List.of(end.toInstant(), end.toInstant().plusSeconds(3600))) {
      advanceTo(late);
      assertThat(catchThrowable(() -> complete(VENDOR, audit, "Task_CorrectNonConformity", correction)))
          .as("at " + late).isInstanceOf(BadInputException.class)
          .hasMessageContaining("son délai a pris fin le 2 décembre 2026").hasMessageContaining("rien n’a été enregistré")
          // the window as the diagram names it, not its id (walk12: « Timer_ComplementsWindow » in Tasklist)
          .hasMessageContaining("« Délai de mise en conformité passé »").hasMessageNotContaining("Timer_")
          // one French sentence: the English only for a dossier corresponding in English (below)
          .hasMessageNotContaining("Task '").hasMessageNotContaining("window");
      // the dossier page says the same as Tasklist (walk12: it still said « à vous de le faire »)
      var page = board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), audit.getBusinessKey()).orElseThrow()
          .summary();
      assertThat(page.nextSteps()).singleElement().satisfies(step -> assertThat(step.due())
          .as("at " + late).startsWith("délai passé le 2 décembre 2026 : la tâche ne se termine plus"));
      assertThat(page.tracks().stream().flatMap(t -> t.steps().stream()).toList()).as("at " + late)
          .contains("« Corriger la non-conformité » : délai passé le 2 décembre 2026, l’étape ne se termine plus ;"
              + " Parcours la clôt dans un instant")
          .noneMatch(step -> step.contains("à vous de le faire"));
    }
    assertThat(catchThrowable(() -> complete(OTHER_VENDOR, audit, "Task_CorrectNonConformity", correction)))
        .as("another company: told nothing of the window").isInstanceOf(AuthorizationException.class);
    assertWaitingAt(audit, "Task_CorrectNonConformity");
    fire(audit, "Timer_CorrectionWindow");
    assertPassed(audit, "Task_WithdrawCertificate");
    assertThat(records.certificate(certificate).orElseThrow().withdrawn()).isTrue();

    certificate = "CC-" + UUID.randomUUID().toString().substring(0, 8);
    records.certificateIssued(anotherDevice(),
        certificate, DeviceRecords.ANS_REFERENTIAL, "2025", now(), null, certifiedDossier, null, "ANS");
    ProcessInstance second = nonConformityFound();
    advanceTo(timer(second, "Timer_CorrectionWindow").getDuedate().toInstant().minusSeconds(1));
    complete(VENDOR, second, "Task_CorrectNonConformity", correction);
    assertWaitingAt(second, "Task_CheckCorrection");
  }

  /**
   * The timer of a closed window whose job failed (no retries left: an incident in Cockpit) fires nothing until an
   * administrator acts. The window did close: the correction is refused, but saying that the administrators take the
   * step up, not « Rechargez la liste des tâches dans un instant », and the dossier page does not say the step closes
   * « dans un instant » for ever. A vendor whose dossier corresponds in English reads the English after the French.
   */
  @Test
  void shouldRefuseTheCorrectionPastAFailedWindowSayingTheAdministratorsTakeItUp() throws Exception {
    Map<String, Object> correction = Map.of("correctionDescription", "INS 2 qualifiée de nouveau en version 2.1.1.");
    ProcessInstance audit = nonConformityFound();
    org.camunda.bpm.engine.runtime.Job window = timer(audit, "Timer_CorrectionWindow");
    advanceTo(window.getDuedate().toInstant().plusSeconds(3600));
    managementService.setJobRetries(window.getId(), 0);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(audit.getId()).count()).isEqualTo(1);

    assertThat(catchThrowable(() -> complete(VENDOR, audit, "Task_CorrectNonConformity", correction)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("son délai a pris fin le 2 décembre 2026")
        .hasMessageContaining("un incident attend les administrateurs de Parcours dans Cockpit")
        .hasMessageContaining("rien n’a été enregistré").hasMessageNotContaining("dans un instant")
        .hasMessageNotContaining("Task '");
    var page = board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), audit.getBusinessKey()).orElseThrow()
        .summary();
    assertThat(page.nextSteps()).singleElement().satisfies(step -> assertThat(step.due())
        .startsWith("délai passé le 2 décembre 2026 : la tâche ne se termine plus")
        .contains("un incident attend les administrateurs de Parcours").doesNotContain("dans un instant"));
    assertThat(page.tracks().stream().flatMap(t -> t.steps().stream()).toList())
        .anyMatch(step -> step.startsWith("« Corriger la non-conformité » : délai passé le 2 décembre 2026")
            && step.contains("un incident attend les administrateurs"))
        .noneMatch(step -> step.contains("dans un instant") || step.contains("à vous de le faire"));
    // a dossier corresponding in English: the English follows, for the vendor only
    runtimeService.setVariable(audit.getId(), "correspondenceLanguage", "EN");
    assertThat(catchThrowable(() -> complete(VENDOR, audit, "Task_CorrectNonConformity", correction)))
        .hasMessageStartingWith("La tâche « Corriger la non-conformité » ne se termine plus")
        .hasMessageContaining("(Task 'Corriger la non-conformité' can no longer be completed: its window closed on"
            + " 2 December 2026").hasMessageContaining("an incident waits for Parcours' administrators");

    // an administrator takes it up: the retries given back, the timer fires and the certificate is withdrawn
    managementService.setJobRetries(window.getId(), 1);
    fire(audit, "Timer_CorrectionWindow");
    assertPassed(audit, "Task_WithdrawCertificate");
  }

  /**
   * An administrator holds a window by suspending its timer (Cockpit, during an outage of the agency's mail): the timer
   * will not fire, so the window has not closed and the vendor's correction is taken, though its due date has passed.
   * It was refused « son délai a pris fin … Rechargez la liste des tâches dans un instant », which no reload would ever
   * change. Tried: the timer's job suspended, its due date passed by an hour; the job definition suspended as well.
   */
  @Test
  void shouldTakeTheCorrectionWhileAnAdministratorHoldsItsWindowsTimer() throws Exception {
    Map<String, Object> correction = Map.of("correctionDescription", "INS 2 qualifiée de nouveau en version 2.1.1.");
    ProcessInstance audit = nonConformityFound();
    org.camunda.bpm.engine.runtime.Job held = timer(audit, "Timer_CorrectionWindow");
    managementService.suspendJobById(held.getId());
    advanceTo(held.getDuedate().toInstant().plusSeconds(3600));
    // the dossier page says what Tasklist does: the step is hers to do, not closing
    var page = board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), audit.getBusinessKey()).orElseThrow()
        .summary();
    assertThat(page.nextSteps()).singleElement().satisfies(step -> assertThat(step.due())
        .doesNotContain("la tâche ne se termine plus"));
    assertThat(page.tracks().stream().flatMap(t -> t.steps().stream()).toList())
        .noneMatch(step -> step.contains("l’étape ne se termine plus"));

    complete(VENDOR, audit, "Task_CorrectNonConformity", correction);

    assertWaitingAt(audit, "Task_CheckCorrection");

    certificate = "CC-" + UUID.randomUUID().toString().substring(0, 8);
    records.certificateIssued(anotherDevice(),
        certificate, DeviceRecords.ANS_REFERENTIAL, "2025", now(), null, certifiedDossier, null, "ANS");
    ProcessInstance second = nonConformityFound();
    org.camunda.bpm.engine.runtime.Job timer = timer(second, "Timer_CorrectionWindow");
    managementService.suspendJobDefinitionById(timer.getJobDefinitionId(), true);
    try {
      advanceTo(timer.getDuedate().toInstant().plusSeconds(3600));
      complete(VENDOR, second, "Task_CorrectNonConformity", correction);
      assertWaitingAt(second, "Task_CheckCorrection");
    } finally {
      managementService.activateJobDefinitionById(timer.getJobDefinitionId(), true);
    }
  }

  @Test
  void shouldTellTheVendorThatTheCycleRunningOnTheDeviceCountsAsTheNewCandidatureWhenTheCertificateIsWithdrawn()
      throws Exception {
    // a device of its own (the test database is shared: CardioWatch 2.1 may hold newer certificates of other tests)
    String name = "GlucoWatch-" + UUID.randomUUID().toString().substring(0, 6);
    Map<String, Object> candidature = new HashMap<>(Candidatures.valid());
    candidature.put("softwareName", name);
    ProcessInstance ans = startApplication(VENDOR, "ans-certification", candidature);
    certificate = "CC-" + UUID.randomUUID().toString().substring(0, 8);
    records.certificateIssued(new DeviceFacts("vendor-medisoft", "MediSoft SAS", name, "2.1", "SOCLE", null),
        certificate, DeviceRecords.ANS_REFERENTIAL, "2025", T0, null, ans.getBusinessKey(), ans.getId(), "ANS");
    // alice's new model is in a certification cycle when the audit of the certificate in force ends in a withdrawal
    Map<String, Object> newModel = new HashMap<>();
    newModel.put("previousCertificateNumber", certificate);
    newModel.put("newSoftwareVersion", "3.0");
    ProcessInstance cycle = startApplication(VENDOR, "device-life", newModel);
    ProcessInstance audit = nonConformityFound();

    fire(audit, "Timer_CorrectionWindow");

    assertPassed(audit, "Task_WithdrawCertificate", "EndEvent_CertificateWithdrawn");
    assertThat(records.certificate(certificate).orElseThrow().withdrawn()).isTrue();
    MimeMessage mail = mails("retrait du certificat de conformité " + certificate).get(0);
    assertThat(text(mail)).contains("Le cycle de certification déjà en cours pour ce dispositif, dossier "
        + cycle.getBusinessKey() + ", se poursuit : il vaut nouvelle candidature")
        .doesNotContain("vous devez présenter une nouvelle candidature");
    assertThat(html(mail)).contains(cycle.getBusinessKey()).contains("il vaut nouvelle candidature");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(cycle.getId()).count())
        .as("the cycle goes on").isEqualTo(1);
  }

  /**
   * The device re-certified while its audit runs: the re-certification's certificate replaced the audited one, and a
   * non-conformity left uncorrected withdraws the certificate now in force, not the replaced one, which would have
   * left the device certified while the mail said it no longer was.
   */
  @Test
  void shouldWithdrawTheCertificateThatReplacedTheAuditedOneDuringTheAudit() throws Exception {
    String name = "PneumoWatch-" + UUID.randomUUID().toString().substring(0, 6);
    DeviceFacts device = new DeviceFacts("vendor-medisoft", "MediSoft SAS", name, "2.1", "SOCLE", null);
    certificate = issued(device, "2025", T0);
    String audited = certificate;
    ProcessInstance audit = nonConformityFound();
    String recertified = issued(device, "2026", now().plusSeconds(3600));

    fire(audit, "Timer_CorrectionWindow");

    assertPassed(audit, "Task_WithdrawCertificate", "EndEvent_CertificateWithdrawn");
    assertThat(records.certificate(recertified).orElseThrow().withdrawn()).as("the certificate in force").isTrue();
    assertThat(records.certificate(audited).orElseThrow().withdrawn()).as("the replaced one keeps its state").isFalse();
    assertThat(records.certificate(audited).orElseThrow().replacedBy()).isEqualTo(recertified);
    MimeMessage mail = mails("retrait du certificat de conformité " + recertified).get(0);
    String sentence = "Le certificat n° " + audited + ", sur lequel portait l’audit, a été remplacé pendant l’audit"
        + " par le certificat n° " + recertified + ", délivré par la re-certification du dispositif : c’est donc ce"
        + " dernier que l’ANS retire.";
    assertThat(text(mail)).contains("l’ANS retire le certificat de conformité n° " + recertified + ",")
        .contains(sentence).contains("Le dispositif n’est plus certifié conforme.");
    assertThat(html(mail)).contains("c’est donc ce dernier que l’ANS retire");
    // the plain case says nothing of a replacement (shouldWithdrawTheCertificateWithItsReasons...: no such sentence)
    assertThat(records.latestOf(audited)).isEqualTo(recertified);
    assertThat(records.latestOf("CC-none")).isEqualTo("CC-none");
  }

  /**
   * The audited certificate replaced during its audit: the audit runs on and, uncorrected, withdraws the one in force.
   * A second audit opened on that one could withdraw it first; the first audit's withdrawal then found no certificate
   * in force (« Aucun certificat en vigueur ne porte le numéro … ») and its step failed at every try, the audit stuck.
   * The second is refused while the first runs, naming it. Tried: the certificate that replaced the audited one, and
   * the one that replaced that one in turn.
   */
  @Test
  void shouldNotOpenASecondAuditOnTheCertificateThatReplacedOneUnderAudit() throws Exception {
    DeviceFacts device = new DeviceFacts("vendor-medisoft", "MediSoft SAS",
        "SpiroWatch-" + UUID.randomUUID().toString().substring(0, 6), "2.1", "SOCLE", null);
    certificate = issued(device, "2025", T0);
    String audited = certificate;
    ProcessInstance audit = nonConformityFound();
    String recertified = issued(device, "2026", now().plusSeconds(3600));

    assertThat(catchThrowable(() -> openAudit(AUDITOR, recertified))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Un audit est déjà en cours sur le certificat « " + audited + " » (dossier "
            + audit.getBusinessKey() + "), que le certificat « " + recertified + " » a remplacé depuis")
        .hasMessageContaining("Rien n’a été ouvert.");
    String again = issued(device, "2027", now().plusSeconds(7200));
    assertThat(catchThrowable(() -> openAudit(AUDITOR, again))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("« " + audited + " »");
    assertThat(auditsOf(recertified) + auditsOf(again)).isZero();

    fire(audit, "Timer_CorrectionWindow");

    assertPassed(audit, "Task_WithdrawCertificate", "EndEvent_CertificateWithdrawn");
    assertThat(records.certificate(again).orElseThrow().withdrawn()).as("the certificate in force").isTrue();
  }

  @Test
  void shouldWriteToTheVendorInEnglishWhenItsCertifiedDossierCorrespondsInEnglish() throws Exception {
    Map<String, Object> english = new HashMap<>(Candidatures.valid());
    english.put("correspondenceLanguage", "EN");
    english.put("softwareName", "PulseLite");
    ProcessInstance ans = startApplication(VENDOR, "ans-certification", english);
    String number = "CC-" + UUID.randomUUID().toString().substring(0, 8);
    records.certificateIssued(new DeviceFacts("vendor-medisoft", "MediSoft SAS", "PulseLite", "2.1", "SOCLE", null),
        number, DeviceRecords.ANS_REFERENTIAL, "2025", T0, null, ans.getBusinessKey(), ans.getId(), "ANS");
    ProcessInstance audit = openAudit(AUDITOR, number);
    complete(AUDITOR, audit, "Task_RecordFindings", Map.of("nonConformityProven", "true",
        "nonConformityDescription", "INS 2 : identité non qualifiée."));

    fire(audit, "Timer_CorrectionWindow");

    MimeMessage mail = mails("certificate of conformity " + number + " withdrawn").get(0);
    assertThat(text(mail)).contains("you must apply again").contains("INS 2 : identité non qualifiée.")
        .contains("/devices");
  }

  @Test
  void shouldRefuseAWithdrawalWithoutReasonsAndChangeNothing() {
    Throwable refused = catchThrowable(() -> records.withdraw(certificate, "  ", T0));

    assertThat(refused).isInstanceOf(BadInputException.class).hasMessageContaining("n’a pas de motif");
    assertThat(records.certificate(certificate).orElseThrow().inForce()).isTrue();
    assertThat(CertificateWithdrawal.reasons(" ", null)).isNull();
  }

  /**
   * Two auditors open an audit of the same certificate at the same instant: the first one's transaction is held open
   * (the audit started, not yet committed), so the second one's checks find no audit running and only the table of
   * audits (V8, its unique index) stops it: its insert waits for the first, then is refused with a sentence. One
   * audit in the end, no second instance, no second row.
   */
  @Test
  void shouldOpenOnlyOneAuditWhenTwoAreOpenedAtTheSameInstant() throws Exception {
    long rows = jdbc.queryForObject("SELECT COUNT(*) FROM parcours_audit WHERE certificate_number = ?", Long.class,
        certificate);
    SameInstant.Outcome<ProcessInstance> race = SameInstant.run(transactions,
        () -> openAudit(AUDITOR, certificate), () -> openAudit(AUDITOR, certificate));

    assertThat(race.second()).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Un autre audit du certificat « " + certificate + " » vient d’être ouvert, au même"
            + " moment");
    assertThat(auditsOf(certificate)).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(race.first().getId()).count())
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM parcours_audit WHERE certificate_number = ?", Long.class,
        certificate)).isEqualTo(rows + 1);
  }

  @Test
  void shouldRefuseAnAuditWithoutItsScopeAndOpenANewOneOnceTheFirstIsClosed() {
    Map<String, Object> form = new HashMap<>();
    form.put("certificateNumber", certificate);
    form.put("auditScope", "  ");
    assertThat(catchThrowable(() -> startApplication(AUDITOR, ComplianceAuditProcess.KEY, form)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("Objet de l’audit : le champ est vide");
    form.put("auditScope", "x".repeat(4001));
    assertThat(catchThrowable(() -> startApplication(AUDITOR, ComplianceAuditProcess.KEY, form)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("compte 4001 caractères");
    assertThat(auditsOf(certificate)).isZero();

    ProcessInstance audit = openAudit(AUDITOR, certificate);
    assertThat(jdbc.queryForObject("SELECT running_certificate FROM parcours_audit WHERE process_instance_id = ?",
        String.class, audit.getId())).isEqualTo(certificate);
    complete(AUDITOR, audit, "Task_RecordFindings", Map.of("nonConformityProven", "false"));
    // closed: the row keeps the outcome and frees the certificate for the next audit
    assertThat(jdbc.queryForMap("SELECT running_certificate, outcome FROM parcours_audit WHERE"
        + " process_instance_id = ?", audit.getId())).containsEntry("RUNNING_CERTIFICATE", null)
        .containsEntry("OUTCOME", "CONFORM");
    assertThat(openAudit(AUDITOR, certificate).getBusinessKey()).isNotEqualTo(audit.getBusinessKey());
  }
}
