package fr.parcours.transitional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.dossier.DossierLinks;
import fr.parcours.evidence.EvidenceRejectedException;
import fr.parcours.evidence.UploadedFiles;
import fr.parcours.evidence.Zips;
import fr.parcours.notification.DossierDocuments;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The transitional phase on the real application (its beans, the demo users, authorization checks on), on the windows
 * as shipped (catalogue/ans-windows.json: telemonitoring transitional since 1 August 2022, its nominal opening not
 * known), the ANS recording that the nominal phase opens on 1 March 2027 as it would on /ans-windows: a dossier from its
 * candidature with the signed regulation, through the evidence and the two informative feedbacks (mailed, kept as a
 * document that says it binds nobody), into a nominal candidature that carries the dossier over. Bad inputs: evidence
 * analysed before the regulation is signed, a regulation that is not a PDF or an image, a decision or a certificate
 * given with the feedback, a continuation by another company, a continuation before the nominal phase opens, a
 * candidature once the nominal phase has opened, a nominal candidature while the window is transitional, an opening
 * recorded wrongly.
 */
// the shipped windows, not the tests' (whose telemonitoring window is nominal since 2023): a context of its own
@TestPropertySource(properties = "parcours.ans-windows=classpath:catalogue/ans-windows.json")
class TransitionalProcessTest extends ProcessTestBase {

  static final String VENDOR = "alice";
  static final String OTHER_VENDOR = "bruno";
  static final String REVIEWER = "ana";
  static final Instant NOMINAL_OPEN = Instant.parse("2027-03-02T09:00:00Z");
  static final LocalDate NOMINAL_OPENS_ON = LocalDate.of(2027, 3, 1);
  static final String TEXTS = "Décret n° 2027-1 relatif à la prise en charge de la télésurveillance (JO du 1er mars"
      + " 2027) ; arrêté rendant opposables les spécifications techniques de la HAS (même JO)";

  @Autowired DossierDocuments documents;
  @Autowired DossierLinks dossierLinks;
  @Autowired fr.parcours.dossierpage.DossierBoard board;
  @Autowired NominalPhaseOpening opening;
  @Autowired NominalPhaseCorrection correction;
  @Autowired WindowPhases phases;
  @Autowired fr.parcours.orientation.Orientation orientation;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void forgetTheOpening() {
    jdbc.update("DELETE FROM parcours_ans_window_opening");
    jdbc.update("DELETE FROM parcours_ans_window_opening_change");
  }

  /** ana records on /ans-windows that the telemonitoring window's nominal phase opens on 1 March 2027. */
  NominalPhaseOpening.Opened nominalPhaseOpens() {
    return opening.open("TELEMONITORING", NOMINAL_OPENS_ON, TEXTS, REVIEWER);
  }

  List<String> onMyDossiers(String user) {
    return board.visibleTo(board.viewer(user, java.util.Locale.FRENCH)).stream()
        .map(d -> d.number() + " " + d.pathwayName()).toList();
  }

  /** What the dossier page lists for alice under « Ce que vous devez faire ». */
  List<fr.parcours.dossierpage.DossierSummary.NextStep> nextSteps(String number) {
    return board.visibleTo(board.viewer(VENDOR, java.util.Locale.FRENCH)).stream()
        .filter(d -> d.number().equals(number)).findFirst().orElseThrow().nextSteps();
  }

  ProcessInstance apply() {
    Map<String, Object> form = new HashMap<>(Candidatures.valid());
    form.put("ansWindow", "TELEMONITORING");
    return startApplication(VENDOR, TransitionalProcess.KEY, form);
  }

  /** A completion refused with that sentence: the task stays open. */
  void refused(String user, ProcessInstance dossier, String taskKey, Map<String, Object> variables, String sentence) {
    assertThatThrownBy(() -> complete(user, dossier, taskKey, variables)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(sentence);
    assertThat(task(dossier, taskKey)).as("%s stays open", taskKey).isNotNull();
  }

  List<String> queue(String user) {
    return as(user, () -> {
      var filters = engine.getFilterService();
      String id = filters.createFilterQuery().filterName(TransitionalPathway.EVIDENCE_QUEUE).singleResult().getId();
      return filters.<Task>listPage(id, 0, 100).stream().map(t -> t.getTaskDefinitionKey() + "@"
          + runtimeService.createProcessInstanceQuery().processInstanceId(t.getProcessInstanceId()).singleResult()
              .getBusinessKey()).toList();
    });
  }

  static String pdfText(byte[] pdf) throws Exception {
    try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  @Test
  void shouldTakeATransitionalDossierFromItsSignedRegulationToFeedbackAndOnIntoANominalCandidature() throws Exception {
    ProcessInstance dossier = apply();
    String number = dossier.getBusinessKey();
    assertThat(runtimeService.getVariables(dossier.getId())).containsEntry("pathway", "ANS_TRANSITIONAL")
        .containsEntry("ansWindow", "TELEMONITORING").containsEntry("vendorGroup", "vendor-medisoft");
    // "My dossiers" shows it to its company and to the ANS, never to another company
    assertThat(onMyDossiers(VENDOR)).contains(number + " Certification ANS — phase transitoire");
    assertThat(onMyDossiers(REVIEWER)).contains(number + " Certification ANS — phase transitoire");
    assertThat(onMyDossiers(OTHER_VENDOR)).noneMatch(line -> line.startsWith(number));
    // the vendor is told the candidature is received, what the phase gives and what to do, once at each address
    List<MimeMessage> received = mails(number + " : candidature de phase transitoire reçue");
    assertThat(received).hasSize(2);
    assertThat(text(received.get(0))).contains("au guichet « ", "en phase transitoire",
        "aucun certificat n’est délivré et aucun délai ne s’applique", "« Joindre le règlement signé »",
        "/evidence/" + number);
    Task deposit = task(dossier, "Task_DepositEvidence");
    assertThat(deposit.getDueDate()).as("no deadline for any party").isNull();
    assertThat(taskService.getVariableLocal(deposit.getId(), "dueUntil"))
        .isEqualTo("Aucun délai réglementaire ne s’applique à cette étape.");

    // the vendor deposits its evidence before signing the regulation: the ANS may not analyse it yet
    sendCompleteEvidence(VENDOR, dossier);
    complete(VENDOR, dossier, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    assertThat(queue(REVIEWER)).containsExactly("Task_ReviewEvidence@" + number);
    assertThat(runtimeService.getVariable(dossier.getId(), "evidenceQueuedAt")).isNotNull();
    refused(REVIEWER, dossier, "Task_ReviewEvidence", Map.of("evidenceFeedback", "Preuves lisibles."),
        "Le règlement de la phase transitoire n’est pas encore signé pour ce dossier : l’ANS n’analyse aucune preuve"
            + " avant sa signature");
    assertThat(runtimeService.getVariable(dossier.getId(), "evidenceFeedback")).as("nothing stored").isNull();

    // the signed regulation: a task completed without it, then a file that is not a PDF or an image, are refused
    refused(VENDOR, dossier, "Task_AttachSignedRegulation", Map.of("regulationSignedByRepresentative", true),
        "Envoyez d’abord le règlement de la phase transitoire, signé, depuis la page « Règlement signé » du dossier"
            + " (/evidence/" + number + "/regulation");
    byte[] zip = Zips.with("reglement.pdf").bytes();
    assertThatThrownBy(() -> companyDocuments.storeRegulation(dossier.getId(), VENDOR, "reglement.pdf", zip))
        .isInstanceOf(EvidenceRejectedException.class)
        .hasMessage("Le fichier « reglement.pdf » n’est ni un PDF, ni une image PNG ou JPEG (son contenu, quel que"
            + " soit son nom) : envoyez le règlement de la phase transitoire signé dans l’un de ces formats.");
    assertThat(companyDocuments.regulation(dossier.getId())).isEmpty();
    companyDocuments.storeRegulation(dossier.getId(), VENDOR, "reglement-signe.pdf", PDF);
    refused(VENDOR, dossier, "Task_AttachSignedRegulation", Map.of(),
        "Cochez « Le règlement envoyé est signé par le représentant de l’exploitant »");
    complete(VENDOR, dossier, "Task_AttachSignedRegulation", Map.of("regulationSignedByRepresentative", true));
    assertThat(runtimeService.getVariables(dossier.getId())).containsEntry("regulationFileName", "reglement-signe.pdf")
        .containsEntry("regulationSha256", UploadedFiles.sha256(PDF));

    // informative feedback only: a person's form has no field for a decision or a certificate, and one sent anyway is
    // refused; so is one sent by the engine's own rights (a script, an administrator's repair)
    refused(REVIEWER, dossier, "Task_GiveCandidatureFeedback", Map.of("candidatureFeedback", "Complet.",
        "admissibilityDecision", "ADMISSIBLE"), "admissibilityDecision n’en fait pas partie");
    complete(REVIEWER, dossier, "Task_GiveCandidatureFeedback", Map.of("candidatureFeedback",
        "Joignez le mandat du représentant."));
    String review = task(dossier, "Task_ReviewEvidence").getId();
    assertThatThrownBy(() -> taskService.complete(review, Map.of("evidenceFeedback", "Conforme.",
        "certificateNumber", "CC-2026-0001"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("ne délivre aucun certificat de conformité (règlement, § 4) : retirez « certificateNumber »");
    assertThat(runtimeService.getVariable(dossier.getId(), "certificateNumber")).as("nothing stored").isNull();
    complete(REVIEWER, dossier, "Task_ReviewEvidence", Map.of("evidenceFeedback",
        "La preuve PSC 1.1.2 ne montre pas la déconnexion."));

    // the vendor is told, and the feedback is a document that says it binds nobody
    List<MimeMessage> candidatureMails = mails(number + " : retour informatif de l’ANS sur la candidature");
    assertThat(candidatureMails.get(0).getAllRecipients()).extracting(Object::toString)
        .contains("jean.dupont@medisoft.example");
    List<MimeMessage> evidenceMails = mails(number + " : retour informatif de l’ANS sur les preuves");
    assertThat(candidatureMails).isNotEmpty();
    assertThat(evidenceMails).isNotEmpty();
    // each feedback's document has a name of its own: saved side by side, the second does not replace the first
    assertThat(attachment(candidatureMails.get(0)).getFileName())
        .isEqualTo("retour-informatif-" + number + "-candidature.pdf");
    Part attached = attachment(evidenceMails.get(0));
    assertThat(attached.getFileName()).isEqualTo("retour-informatif-" + number + "-candidature-et-preuves.pdf");
    String feedback = pdfText(attached.getInputStream().readAllBytes());
    assertThat(feedback).contains("Joignez le mandat du représentant.")
        .contains("La preuve PSC 1.1.2 ne montre pas la déconnexion.").contains("purement informatif")
        .contains("n’engage ni l’ANS ni l’exploitant").contains("Aucun certificat de conformité n’est délivré");
    assertThat(documents.ofInstances(List.of(dossier.getId()))).extracting(DossierDocuments.Document::kind)
        .containsExactly("transitional-feedback", "transitional-feedback");

    // another company cannot continue the dossier: it does not even see the task
    assertThat(as(OTHER_VENDOR, () -> taskService.createTaskQuery().processInstanceId(dossier.getId()).count()))
        .isZero();
    assertThatThrownBy(() -> complete(OTHER_VENDOR, dossier, "Task_ContinueIntoNominal", Map.of("continuation",
        "CONTINUE", "nominalPathway", "ANS_CERTIFICATION"))).isInstanceOf(RuntimeException.class);
    assertThat(task(dossier, "Task_ContinueIntoNominal")).isNotNull();
    // nor does the vendor while the ANS has not announced the nominal phase, nor before the day it opens; her pages
    // say what the continuation waits for, not the continuation
    assertThat(nextSteps(number)).extracting(s -> s.onHold().sentence()).containsExactly("« Poursuivre en phase"
        + " nominale » s’ouvrira quand l’ANS aura enregistré l’ouverture de la phase nominale du guichet « DMN de"
        + " télésurveillance » ; elle ne l’a pas encore annoncée (elle l’enregistre quand les textes qui l’ouvrent sont"
        + " publiés, et un courriel vous le dira). Votre dossier reste ouvert d’ici là.");
    refused(VENDOR, dossier, "Task_ContinueIntoNominal", Map.of("continuation", "CONTINUE",
        "nominalPathway", "ANS_CERTIFICATION"), "La phase nominale du guichet « DMN de télésurveillance » n’est pas"
            + " encore ouverte : l’ANS ne l’a pas encore annoncée");
    NominalPhaseOpening.Opened opened = nominalPhaseOpens();
    assertThat(opened.dossiersTold()).containsExactly(number);
    executeJobs(dossier);
    List<MimeMessage> openingMails = mails(number + " : la phase nominale du guichet de l’ANS ouvre le 1er mars 2027");
    assertThat(openingMails).hasSize(2); // the contact and the legal representative
    assertThat(text(openingMails.get(0))).contains(TEXTS).contains("/" + number);
    assertThat(task(dossier, "Task_ContinueIntoNominal")).as("the dossier goes on where it was").isNotNull();
    assertThat(nextSteps(number)).extracting(s -> s.onHold().sentence()).containsExactly("« Poursuivre en phase"
        + " nominale » s’ouvrira le 1er mars 2027, jour où s’ouvre la phase nominale du guichet « DMN de"
        + " télésurveillance ». Votre dossier reste ouvert d’ici là.");
    refused(VENDOR, dossier, "Task_ContinueIntoNominal", Map.of("continuation", "CONTINUE",
        "nominalPathway", "ANS_CERTIFICATION"), "La phase nominale du guichet « DMN de télésurveillance » n’est pas"
            + " encore ouverte : elle ouvre le 1er mars 2027. Votre dossier reste ouvert : revenez à cette tâche quand"
            + " elle le sera, ou choisissez ici « Clore le dossier sans suite ».");
    assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("continuedFromDossierId", number).count())
        .as("no nominal candidature").isZero();

    // When the nominal phase has opened, the vendor continues into the ANS certification
    ClockUtil.setCurrentTime(Date.from(NOMINAL_OPEN));
    assertThat(nextSteps(number)).extracting(s -> s.name() + " " + s.onHold())
        .containsExactly("Poursuivre en phase nominale null");
    complete(VENDOR, dossier, "Task_ContinueIntoNominal", Map.of("continuation", "CONTINUE",
        "nominalPathway", "ANS_CERTIFICATION"));

    // Then a nominal dossier of its own number carries the candidature over, and the two name each other
    ProcessInstance nominal = runtimeService.createProcessInstanceQuery().processDefinitionKey("ans-certification")
        .variableValueEquals("continuedFromDossierId", number).singleResult();
    assertThat(nominal).isNotNull();
    assertThat(nominal.getBusinessKey()).isNotEqualTo(number).startsWith("DMN-");
    assertThat(runtimeService.getVariables(nominal.getId())).containsEntry("companyName", "MediSoft SAS")
        .containsEntry("siren", "552100554").containsEntry("softwareName", "CardioWatch")
        .containsEntry("contactEmail", "jean.dupont@medisoft.example").containsEntry("applicant", VENDOR)
        .containsEntry("vendorGroup", "vendor-medisoft").containsEntry("finalSoftwareProfiles", "SOCLE")
        .doesNotContainKeys("candidatureFeedback", "regulationSha256");
    executeJobs(nominal); // its mails
    assertWaitingAt(nominal, "Task_DepositAdministrativeDossier");
    assertThat(as(VENDOR, () -> taskService.createTaskQuery().processInstanceId(nominal.getId()).count())).isOne();
    assertThat(as(OTHER_VENDOR, () -> runtimeService.createProcessInstanceQuery().processInstanceId(nominal.getId())
        .count())).as("another company does not see it").isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(dossier.getId())
        .variableName("nominalDossierId").singleResult().getValue()).isEqualTo(nominal.getBusinessKey());
    assertPassed(dossier, "EndEvent_ContinuedIntoNominal");
    assertThat(dossierLinks.of(nominal.getBusinessKey())).extracting(DossierLinks.Link::fromDossierId)
        .containsExactly(number);
    // and the vendor is told where the dossier goes on, with a link to it
    executeJobs(dossier);
    List<MimeMessage> continued = mails(number + " : poursuivi dans le dossier " + nominal.getBusinessKey());
    assertThat(continued).isNotEmpty();
    assertThat(text(continued.get(0))).contains("/dossiers/" + nominal.getBusinessKey());

    // the opening can no longer be corrected nor withdrawn: a dossier continued on the strength of it
    assertThatThrownBy(() -> correction.withdraw("TELEMONITORING", "Enregistrée par erreur", REVIEWER))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("ne peut plus être corrigée ni retirée : des dossiers reposent déjà sur elle")
        .hasMessageContaining("poursuivie(s) depuis la phase transitoire");
    assertThat(phases.changes()).isEmpty();
    assertThat(phases.find("TELEMONITORING").nominalOpensOn()).isEqualTo(NOMINAL_OPENS_ON);
  }

  /**
   * A dossier waiting at « Poursuivre en phase nominale » whose window the catalogue no longer holds (retired, or its
   * id changed in catalogue/ans-windows.json): her pages still open, listing the task as it is; asking whether the
   * step was on hold threw the catalogue's refusal, and every page listing the dossier failed with it.
   */
  @Test
  void shouldStillListTheContinuationOfAWindowTheCatalogueNoLongerHolds() {
    ProcessInstance dossier = apply();
    runtimeService.createProcessInstanceModification(dossier.getId()).startBeforeActivity("Task_ContinueIntoNominal")
        .execute();
    runtimeService.setVariable(dossier.getId(), TransitionalProcess.ANS_WINDOW, "RETIRED_WINDOW");

    assertThat(nextSteps(dossier.getBusinessKey())).filteredOn(s -> s.name().equals("Poursuivre en phase nominale"))
        .singleElement().satisfies(s -> assertThat(s.onHold()).isNull());
  }

  @Test
  void shouldContinueIntoAGenericLineWithTheLinesTheVendorClaims() {
    // a dossier whose feedbacks are given (started there by the engine, as the steps before left it)
    Map<String, Object> dossierSoFar = new HashMap<>(Candidatures.valid());
    dossierSoFar.putAll(Map.of("dossierId", "DMN-2026-TRANS", "vendorGroup", "vendor-medisoft", "applicant", VENDOR,
        "ansWindow", "TELEMONITORING", "ansWindowName", "DMN de télésurveillance", "pathway", "ANS_TRANSITIONAL",
        "candidatureFeedback", "Complet.", "evidenceFeedback", "Lisible."));
    ProcessInstance dossier = runtimeService.createProcessInstanceByKey(TransitionalProcess.KEY)
        .businessKey("DMN-2026-TRANS").startBeforeActivity("Task_ContinueIntoNominal").setVariables(dossierSoFar)
        .execute();
    nominalPhaseOpens();
    ClockUtil.setCurrentTime(Date.from(NOMINAL_OPEN));

    // the generic line's own intake refuses a continuation without a line; nothing is started
    refused(VENDOR, dossier, "Task_ContinueIntoNominal", Map.of("continuation", "CONTINUE",
        "nominalPathway", "GENERIC_LINE"), "Lignes génériques demandées : cochez au moins une ligne parmi"
        + " « Télésurveillance du diabète », « Télésurveillance de l’insuffisance cardiaque »");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("generic-line")
        .variableValueEquals("continuedFromDossierId", "DMN-2026-TRANS").count()).isZero();

    complete(VENDOR, dossier, "Task_ContinueIntoNominal", Map.of("continuation", "CONTINUE",
        "nominalPathway", "GENERIC_LINE", "genericLines", Candidatures.json("[\"DIABETES\"]"), "fromEtapes", false));

    ProcessInstance nominal = runtimeService.createProcessInstanceQuery().processDefinitionKey("generic-line")
        .variableValueEquals("continuedFromDossierId", "DMN-2026-TRANS").singleResult();
    assertThat(runtimeService.getVariables(nominal.getId())).containsEntry("genericLines", "DIABETES")
        .containsEntry("fromEtapes", false).containsEntry("companyName", "MediSoft SAS")
        .containsEntry("pathway", "GENERIC_LINE");
    assertPassed(dossier, "EndEvent_ContinuedIntoNominal");
  }

  /**
   * The transitional phase sets no time limit for any party (seed 004 §6.4): its candidature may plan the complete
   * evidence beyond the window in which a nominal ANS dossier without movement may be deemed abandoned (6 months
   * from T0: 2 May 2027), here on 3 May 2027 and a year ahead, without being told of that window; a date already
   * passed is still refused. Before, the start refused it, naming « Dossier ANS sans mouvement ».
   */
  @Test
  void shouldLetATransitionalCandidaturePlanItsEvidenceBeyondTheWindowsOfTheNominalPhase() {
    for (String planned : java.util.List.of("2027-05-03", "2027-11-02")) {
      Map<String, Object> form = new HashMap<>(Candidatures.with("plannedEvidenceDate", planned));
      form.put("ansWindow", "TELEMONITORING");
      ProcessInstance dossier = startApplication(VENDOR, TransitionalProcess.KEY, form);
      assertThat(task(dossier, "Task_AttachSignedRegulation")).as("started, planned on %s", planned).isNotNull();
      // out of the way of the tests that count the open transitional dossiers of the window
      runtimeService.deleteProcessInstance(dossier.getId(), "test of the start only");
    }
    Map<String, Object> passed = new HashMap<>(Candidatures.with("plannedEvidenceDate", "2026-11-01"));
    passed.put("ansWindow", "TELEMONITORING");
    assertThatThrownBy(() -> startApplication(VENDOR, TransitionalProcess.KEY, passed))
        .isInstanceOf(BadInputException.class).hasMessageContaining("(1er novembre 2026) est passée");
  }

  @Test
  void shouldRefuseATransitionalCandidatureOnceTheNominalPhaseHasOpened() {
    nominalPhaseOpens();
    ClockUtil.setCurrentTime(Date.from(NOMINAL_OPEN));
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(TransitionalProcess.KEY)
        .count();

    assertThatThrownBy(this::apply).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Le guichet « DMN de télésurveillance » est en phase nominale depuis le 1er mars 2027");
    Map<String, Object> english = new HashMap<>(Candidatures.with("correspondenceLanguage", "EN"));
    english.put("ansWindow", "TELEMONITORING");
    assertThatThrownBy(() -> startApplication(VENDOR, TransitionalProcess.KEY, english))
        .isInstanceOf(BadInputException.class).hasMessageEndingWith("« Poursuivre en phase nominale ». (The window"
            + " “Telemonitoring digital medical devices” has been in its nominal phase since 1 March 2027: the"
            + " transitional phase is closed. File your candidature through « Certification de conformité ANS » (or"
            + " the reimbursement pathway chosen); if you have a transitional-phase dossier, continue it from its task"
            + " « Poursuivre en phase nominale ».)");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(TransitionalProcess.KEY)
        .count()).as("nothing started").isEqualTo(before);
  }

  /**
   * The nominal ANS track, and every pathway that calls it, takes no candidature while the window is transitional
   * (seed 004 §4): refused with what to do instead, nothing started; from the day the ANS recorded, it does.
   */
  @Test
  void shouldRefuseANominalCandidatureWhileTheWindowIsInItsTransitionalPhase() {
    long before = historyService.createHistoricProcessInstanceQuery().count();

    for (String pathway : List.of("ans-certification", "pecan", "brand-name")) {
      assertThatThrownBy(() -> startApplication(VENDOR, pathway, Candidatures.valid()))
          .as(pathway).isInstanceOf(BadInputException.class)
          .hasMessage("Le guichet de certification de l’ANS « DMN de télésurveillance » est en phase transitoire et"
              + " l’ANS n’a pas encore annoncé l’ouverture de sa phase nominale : l’ANS n’y prononce aucune"
              + " recevabilité et ne délivre aucun certificat (règlement de la phase transitoire, § 4). Déposez plutôt"
              + " votre candidature par « Certification ANS — phase transitoire » pour un retour informatif ; vous la"
              + " poursuivrez en candidature nominale, sans la ressaisir, quand la phase nominale sera ouverte (page"
              + " « Guichets de l’ANS »). Rien n’a été enregistré.");
    }
    // a vendor who chose English in the form reads it in English too, after the French (walk16)
    assertThatThrownBy(() -> startApplication(VENDOR, "pecan", Candidatures.with("correspondenceLanguage", "EN")))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("Le guichet de certification de l’ANS « DMN de télésurveillance » est en phase")
        .hasMessageEndingWith(" Rien n’a été enregistré. (The ANS certification window “Telemonitoring digital medical devices” is in its"
            + " transitional phase and the ANS has not announced the opening of its nominal phase yet: the ANS decides"
            + " no admissibility there and issues no certificate (transitional phase regulation, § 4). File your"
            + " candidature through « Certification ANS — phase transitoire » instead for informative feedback; you"
            + " will continue it as a nominal candidature, without typing it again, once the nominal phase is open"
            + " (page “ANS windows”). Nothing was stored.)");
    nominalPhaseOpens();
    assertThatThrownBy(() -> startApplication(VENDOR, "ans-certification", Candidatures.valid()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("est en phase transitoire et sa phase nominale ouvre le 1er mars 2027");
    assertThatThrownBy(() -> startApplication(VENDOR, "ans-certification",
        Candidatures.with("correspondenceLanguage", "EN"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("(The ANS certification window “Telemonitoring digital medical devices” is in its transitional phase and its"
            + " nominal phase opens on 1 March 2027: ");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).as("nothing started").isEqualTo(before);

    ClockUtil.setCurrentTime(Date.from(NOMINAL_OPEN));
    ProcessInstance nominal = startApplication(VENDOR, "ans-certification", Candidatures.valid());
    assertWaitingAt(nominal, "Task_DepositAdministrativeDossier");
  }

  /**
   * Orientation (bpmn/orientation.dmn, decision "Candidature à déposer maintenant") follows the window: while it is
   * transitional, a device that fits PECAN is sent to the transitional candidature, with what the phase is; the day
   * the ANS recorded shown once recorded; from that day, PECAN itself. Each evaluation is in the decision history with
   * the window's phase as its input.
   */
  @Test
  void shouldOrientToTheTransitionalCandidatureUntilTheNominalPhaseOpens() {
    Map<String, String> answers = new HashMap<>();
    fr.parcours.orientation.Orientation.QUESTIONS.keySet().forEach(q -> answers.put(q, "no"));
    List.of("ceMarked", "telemonitoringOrTherapeutic", "earlyCoverageEligible").forEach(q -> answers.put(q, "yes"));

    var transitional = orientation.orient(answers);
    assertThat(transitional.pathway()).isEqualTo("pecan");
    assertThat(transitional.start()).isEqualTo(TransitionalProcess.KEY);
    assertThat(transitional.startable()).isTrue();
    assertThat(transitional.detour()).isTrue();
    assertThat(transitional.window().phase()).isEqualTo("TRANSITIONAL");
    assertThat(transitional.window().nominalOpensOn()).isNull();
    assertThat(transitional.phaseNote()).contains("retour informatif").contains("ni certificat de conformité");
    var evaluated = historyService.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(fr.parcours.orientation.Orientation.ENTRY_DECISION).includeInputs().includeOutputs()
        .orderByEvaluationTime().desc().list().get(0);
    assertThat(evaluated.getInputs()).anySatisfy(input -> assertThat(input.getValue()).isEqualTo("TRANSITIONAL"));
    assertThat(evaluated.getOutputs()).anySatisfy(output -> assertThat(output.getValue())
        .isEqualTo(TransitionalProcess.KEY));

    nominalPhaseOpens();
    var recorded = orientation.orient(answers);
    assertThat(recorded.start()).as("still transitional until the day").isEqualTo(TransitionalProcess.KEY);
    assertThat(recorded.window().nominalOpensOn()).isEqualTo(NOMINAL_OPENS_ON);

    ClockUtil.setCurrentTime(Date.from(NOMINAL_OPEN));
    var nominal = orientation.orient(answers);
    assertThat(nominal.start()).isEqualTo("pecan");
    assertThat(nominal.detour()).isFalse();
    assertThat(nominal.phaseNote()).isNull();
    assertThat(nominal.window().phase()).isEqualTo("NOMINAL");
  }

  /**
   * An opening recorded by mistake (10 March for 1 March) is corrected, then withdrawn, each with its reason, kept in
   * the history with what it was, who and when; the vendor told of the opening is told of each change by mail, with
   * the reason; withdrawn, the window is transitional again and nominal candidatures are refused again. Bad inputs,
   * each a sentence and nothing changed: an unknown window, no reason, a reason too long, no day, a day before the
   * transitional phase, no texts, nothing changed, a withdrawal of an opening not recorded.
   */
  @Test
  void shouldCorrectThenWithdrawAnOpeningRecordedByMistakeKeepingItsHistoryAndTellingTheVendor() throws Exception {
    ProcessInstance dossier = apply();
    String number = dossier.getBusinessKey();
    LocalDate mistaken = LocalDate.of(2027, 3, 10);
    assertThat(opening.open("TELEMONITORING", mistaken, TEXTS, REVIEWER).dossiersTold()).containsExactly(number);
    executeJobs(dossier);
    assertThat(mails(number + " : la phase nominale du guichet de l’ANS ouvre le 10 mars 2027")).isNotEmpty();
    // (days after those the other tests of this class reach, whose nominal dossiers would otherwise rely on them)
    LocalDate corrected = LocalDate.of(2027, 3, 20);
    String why = "Jour mal saisi : le décret fixe le 20 mars 2027.";

    List.of(
        new Object[] {"THERAPEUTIC", corrected, TEXTS, why, "« THERAPEUTIC » n’en est pas un"},
        new Object[] {"TELEMONITORING", corrected, TEXTS, "  ", "Raison : dites pourquoi"},
        new Object[] {"TELEMONITORING", corrected, TEXTS, "x".repeat(1001), "1001 caractères, au plus 1000"},
        new Object[] {"TELEMONITORING", null, TEXTS, why, "choisissez le jour où le guichet ouvre"},
        new Object[] {"TELEMONITORING", LocalDate.of(2022, 7, 1), TEXTS, why, "ne vient pas après l’ouverture de la"
            + " phase transitoire"},
        new Object[] {"TELEMONITORING", LocalDate.of(2999, 1, 1), TEXTS, why, "est à plus de 5 ans d’aujourd’hui"},
        new Object[] {"TELEMONITORING", corrected, " ", why, "Textes publiés : nommez les textes"},
        new Object[] {"TELEMONITORING", mistaken, TEXTS, why, "sont ceux déjà enregistrés"}).forEach(bad ->
            assertThatThrownBy(() -> correction.correct((String) bad[0], (LocalDate) bad[1], (String) bad[2],
                (String) bad[3], REVIEWER)).as((String) bad[4]).isInstanceOf(BadInputException.class)
                .hasMessageContaining((String) bad[4]).hasMessageContaining(bad[0].equals("TELEMONITORING")
                    ? "ien n’a été" : "guichets ouverts par l’ANS"));
    assertThatThrownBy(() -> correction.withdraw("TELEMONITORING", "", REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith("Raison : dites pourquoi");
    assertThat(phases.changes()).as("nothing kept").isEmpty();
    assertThat(phases.find("TELEMONITORING").nominalOpensOn()).isEqualTo(mistaken);

    // corrected: the day it now opens, the history of what it was, the vendor told with the reason
    ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(3600)));
    NominalPhaseCorrection.Changed correctedOne = correction.correct("TELEMONITORING", corrected, TEXTS, why, "ana");
    assertThat(correctedOne.dossiersTold()).containsExactly(number);
    assertThat(phases.find("TELEMONITORING").nominalOpensOn()).isEqualTo(corrected);
    assertThat(phases.changes()).singleElement().satisfies(change -> {
      assertThat(change.kind()).isEqualTo("CORRECTED");
      assertThat(change.before().opensOn()).isEqualTo(mistaken);
      assertThat(change.before().recordedBy()).isEqualTo(REVIEWER);
      assertThat(change.before().recordedAt()).isEqualTo(T0);
      assertThat(change.opensOn()).isEqualTo(corrected);
      assertThat(change.reason()).isEqualTo(why);
      assertThat(change.changedBy()).isEqualTo("ana");
      assertThat(change.changedAt()).isEqualTo(T0.plusSeconds(3600));
      assertThat(change.dossiersTold()).isOne();
    });
    executeJobs(dossier);
    List<MimeMessage> correctionMails = mails(number + " : correction, la phase nominale du guichet de l’ANS ouvre le"
        + " 20 mars 2027");
    assertThat(correctionMails).hasSize(2); // the contact and the legal representative
    assertThat(text(correctionMails.get(0))).contains("et non le 10 mars 2027").contains(why).contains(TEXTS)
        .contains("/dossiers/" + number + "/tache");
    assertThat(task(dossier, "Task_DepositEvidence")).as("the dossier goes on where it was").isNotNull();

    // withdrawn: the window is transitional again, nominal candidatures are refused again, the vendor is told
    String mistake = "Enregistrée par erreur : le décret n’est pas encore publié au Journal officiel.";
    ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(7200)));
    NominalPhaseCorrection.Changed withdrawn = correction.withdraw("TELEMONITORING", mistake, "ana");
    assertThat(withdrawn.change().withdrawn()).isTrue();
    assertThat(phases.opening("TELEMONITORING")).isEmpty();
    assertThat(phases.find("TELEMONITORING").nominalOpensOn()).isNull();
    assertThat(phases.find("TELEMONITORING").modeOn(corrected.plusDays(1))).isEqualTo(AnsWindows.Mode.TRANSITIONAL);
    assertThat(phases.changes()).hasSize(2).last().satisfies(change -> {
      assertThat(change.kind()).isEqualTo("WITHDRAWN");
      assertThat(change.before().opensOn()).isEqualTo(corrected);
      assertThat(change.before().recordedBy()).isEqualTo("ana");
      assertThat(change.opensOn()).isNull();
      assertThat(change.reason()).isEqualTo(mistake);
    });
    executeJobs(dossier);
    List<MimeMessage> withdrawalMails = mails(number + " : l’ANS retire l’ouverture de la phase nominale annoncée pour"
        + " le 20 mars 2027");
    assertThat(withdrawalMails).hasSize(2);
    assertThat(text(withdrawalMails.get(0))).contains("Le guichet reste en phase transitoire").contains(mistake);
    ClockUtil.setCurrentTime(Date.from(corrected.plusDays(1).atStartOfDay(PARIS).toInstant()));
    assertThatThrownBy(() -> startApplication(VENDOR, "ans-certification", Candidatures.valid()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("est en phase transitoire et l’ANS n’a pas encore"
            + " annoncé l’ouverture de sa phase nominale");
    assertThatThrownBy(() -> correction.withdraw("TELEMONITORING", mistake, "ana"))
        .isInstanceOf(BadInputException.class).hasMessage("Aucune ouverture de la phase nominale du guichet « DMN de"
            + " télésurveillance » n’est enregistrée sur cette page : il n’y a rien à corriger ni à retirer. Rien n’a"
            + " été changé.");
    assertThat(phases.changes()).hasSize(2);
    runtimeService.deleteProcessInstance(dossier.getId(), "test over"); // no other test's opening tells it
  }

  /**
   * Once a nominal candidature has started on the window since its nominal phase opened, the opening is what that
   * dossier was received on: it can be neither corrected nor withdrawn, and the refusal names the dossier.
   */
  @Test
  void shouldRefuseToCorrectOrWithdrawAnOpeningOnceANominalCandidatureReliesOnIt() {
    // recorded late (after the days the other tests of this class reach, whose nominal dossiers would rely on it too)
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-01T09:00:00Z")));
    nominalPhaseOpens();
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-02T09:00:00Z")));
    ProcessInstance nominal = startApplication(VENDOR, "ans-certification", Candidatures.valid());

    assertThatThrownBy(() -> correction.correct("TELEMONITORING", LocalDate.of(2027, 3, 15), TEXTS, "Jour mal saisi",
        REVIEWER)).isInstanceOf(BadInputException.class)
        .hasMessage("L’ouverture de la phase nominale du guichet « DMN de télésurveillance » (le 1er mars 2027) ne peut"
            + " plus être corrigée ni retirée : des dossiers reposent déjà sur elle — 1 candidature(s) nominale(s)"
            + " déposée(s) depuis son ouverture (" + nominal.getBusinessKey() + "). Ces dossiers ont été reçus en phase"
            + " nominale sur la foi de ce jour ; le changer maintenant leur retirerait ce fondement. Rien n’a été"
            + " changé ; si l’ouverture est vraiment erronée, voyez avec le responsable des processus comment traiter"
            + " ces dossiers un à un.");
    assertThatThrownBy(() -> correction.withdraw("TELEMONITORING", "Enregistrée par erreur", REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining(nominal.getBusinessKey());
    assertThat(phases.changes()).isEmpty();
    assertThat(phases.find("TELEMONITORING").nominalOpensOn()).isEqualTo(NOMINAL_OPENS_ON);
  }

  /**
   * The opening as an ANS reviewer records it: kept once, with who and when, on the texts it names; each mistake
   * refused with a sentence that says how to fix it, and nothing kept.
   */
  @Test
  void shouldKeepTheNominalOpeningOnceAndRefuseItsMistakes() {
    assertThatThrownBy(() -> opening.open("THERAPEUTIC", NOMINAL_OPENS_ON, TEXTS, REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining("« THERAPEUTIC » n’en est pas un");
    assertThatThrownBy(() -> opening.open("TELEMONITORING", null, TEXTS, REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining("choisissez le jour où le guichet ouvre");
    assertThatThrownBy(() -> opening.open("TELEMONITORING", LocalDate.of(2022, 8, 1), TEXTS, REVIEWER))
        .isInstanceOf(BadInputException.class)
        .hasMessage("Ouverture de la phase nominale : le 1er août 2022 ne vient pas après l’ouverture de la phase"
            + " transitoire du guichet, le 1er août 2022. Choisissez un jour du 2 août 2022 au 2 novembre 2031 ; rien"
            + " n’a été enregistré.");
    // bad inputs: a year mistyped (2999 for 2029), and the first day past five years after today (2 November 2026)
    for (LocalDate far : List.of(LocalDate.of(2999, 1, 1), LocalDate.of(2031, 11, 3))) {
      assertThatThrownBy(() -> opening.open("TELEMONITORING", far, TEXTS, REVIEWER))
          .isInstanceOf(BadInputException.class)
          .hasMessage("Ouverture de la phase nominale : le " + fr.parcours.deadline.LegalDates.date(far,
              java.util.Locale.FRENCH) + " est à plus de 5 ans d’aujourd’hui : c’est sans doute une faute de frappe."
              + " Choisissez un jour du 2 août 2022 au 2 novembre 2031 ; rien n’a été enregistré.");
    }
    assertThatThrownBy(() -> opening.open("TELEMONITORING", NOMINAL_OPENS_ON, "  ", REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith("Textes publiés : nommez les textes");
    assertThatThrownBy(() -> opening.open("TELEMONITORING", NOMINAL_OPENS_ON, "x".repeat(501), REVIEWER))
        .isInstanceOf(BadInputException.class).hasMessageContaining("501 caractères, au plus 500");
    assertThat(phases.openings()).as("nothing kept").isEmpty();
    assertThat(phases.find("TELEMONITORING").nominalOpensOn()).isNull();

    nominalPhaseOpens();

    assertThat(phases.opening("TELEMONITORING")).hasValueSatisfying(kept -> {
      assertThat(kept.opensOn()).isEqualTo(NOMINAL_OPENS_ON);
      assertThat(kept.legalReference()).isEqualTo(TEXTS);
      assertThat(kept.recordedBy()).isEqualTo(REVIEWER);
      assertThat(kept.recordedAt()).isEqualTo(T0);
    });
    assertThat(phases.find("TELEMONITORING").nominalOpensOn()).isEqualTo(NOMINAL_OPENS_ON);
    assertThatThrownBy(() -> opening.open("TELEMONITORING", LocalDate.of(2027, 6, 1), TEXTS, "ana"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("La phase nominale du guichet « DMN de télésurveillance » est déjà enregistrée : elle ouvre le"
            + " 1er mars 2027 (enregistré par ana). Rien n’a été changé ; si elle est erronée, corrigez-la ou"
            + " retirez-la avec « Corriger ou retirer l’ouverture enregistrée ».");
    assertThat(phases.find("TELEMONITORING").nominalOpensOn()).isEqualTo(NOMINAL_OPENS_ON);
  }
}
