package fr.parcours.brandname;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcours.device.DeviceRecords;
import fr.parcours.shared.BadInputException;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * bpmn/pathways/brand-name.bpmn (seed 000) in the whole application, with the real tracks, task checks, clocks and
 * mails, walked as the vendor, the HAS desk, the CNEDiMTS and the ministers would, with time moved: the windows
 * counted from the deadlines table (the decree from the AR, the hearing from its request, the renewal backwards
 * from the order's end date), and each bad input of the issue refused in French with the task left open. Every
 * path of the diagram is covered by the lean {@link BrandNamePathwayTest} (100 %).
 */
class BrandNameProcessTest extends ProcessTestBase {

  static final String VENDOR = "alice";
  static final String HAS = "hugo";
  static final String CNEDIMTS = "claire";
  static final String MINISTRY = "marc";

  @org.springframework.beans.factory.annotation.Autowired DeviceRecords records;

  /** The certificate the ANS issued MediSoft for CardioWatch 2.1 (Candidatures.valid()'s device), in its records. */
  void certified(String number, String company, String name, String version, String referential) {
    records.certificateIssued(new DeviceRecords.DeviceFacts(company, "MediSoft SAS", name, version, "SOCLE", null),
        number, referential, "2025", java.time.Instant.parse("2025-06-02T10:00:00Z"), null, "DMN-2025-00007", null,
        "ans-certification");
  }

  /**
   * The device the dossiers of {@link #apply()} declare a certificate for: one of these tests' own. The database is
   * shared with other test classes, whose ANS rounds certify Candidatures.valid()'s CardioWatch 2.1 later, and one
   * certificate is in force per device: theirs would replace this one.
   */
  static final String DEVICE = "CardioMarque";

  ProcessInstance apply() {
    certified("CC-2025-7", "vendor-medisoft", DEVICE, "2.1", DeviceRecords.ANS_REFERENTIAL);
    Map<String, Object> form = Candidatures.valid();
    form.put("softwareName", DEVICE);
    form.put("validCertificate", true);
    form.put("certificateNumber", "CC-2025-7");
    form.put("hasSesameAccount", true);
    form.put("hasMeeting", "NONE");
    form.put("telemonitoring", true);
    form.put("anticipatedCoverage", false);
    return startApplication(VENDOR, BrandNameProcess.KEY, form);
  }

  @Test
  void shouldRefuseADeclaredCertificateTheDeviceRecordsDoNotHoldForThisDevice() {
    certified("CC-2025-OTHER", "vendor-other", "CardioWatch", "2.1", DeviceRecords.ANS_REFERENTIAL);
    certified("CC-2025-GLYCO", "vendor-medisoft", "GlycoTrack", "1.0", DeviceRecords.ANS_REFERENTIAL);
    certified("CC-2025-V20", "vendor-medisoft", "CardioWatch", "2.0", DeviceRecords.ANS_REFERENTIAL);
    certified("CC-2025-LINE", "vendor-medisoft", "CardioWatch", "2.1", "Exigences de la ligne générique");
    // a device of its own: a second certificate of CardioWatch 2.1 would replace the one the other tests declare
    // (one certificate in force per device and referential)
    certified("CC-2025-GONE", "vendor-medisoft", "CardioGone", "2.1", DeviceRecords.ANS_REFERENTIAL);
    records.withdraw("CC-2025-GONE", "Non-conformité non corrigée", java.time.Instant.parse("2026-01-05T10:00:00Z"));
    // a certificate replaced since by the re-certification of its device
    DeviceRecords.DeviceFacts recertified = new DeviceRecords.DeviceFacts("vendor-medisoft", "MediSoft SAS",
        "Recertifie", "1.0", "SOCLE", null);
    records.certificateIssued(recertified, "CC-2024-OLD", DeviceRecords.ANS_REFERENTIAL, "2025",
        java.time.Instant.parse("2024-06-02T10:00:00Z"), null, null, null, "ans-certification");
    records.certificateIssued(recertified, "CC-2025-NEW", DeviceRecords.ANS_REFERENTIAL, "2027",
        java.time.Instant.parse("2025-06-02T10:00:00Z"), null, null, null, "device-life");
    long before = runtimeService.createProcessInstanceQuery().count();

    // a made-up number, another company's certificate, another device's, another version's, another referential's,
    // a withdrawn one: each refused in French, saying what to do, and no dossier starts
    Map<String, String> refusals = Map.of(
        "CC-2025-0007", "Aucun certificat de conformité de votre entreprise ne porte le numéro « CC-2025-0007 »",
        "CC-2025-OTHER", "Aucun certificat de conformité de votre entreprise ne porte le numéro « CC-2025-OTHER »",
        "CC-2025-GLYCO", "certifie GlycoTrack 1.0, et cette demande porte sur CardioWatch 2.1",
        "CC-2025-V20", "certifie CardioWatch 2.0, et cette demande porte sur CardioWatch 2.1",
        "CC-2025-LINE", "pas au référentiel d’interopérabilité et de sécurité de l’ANS",
        "CC-2025-GONE", "a été retiré",
        "CC-2024-OLD", "a été remplacé le 2 juin 2025 par le certificat « CC-2025-NEW », délivré par la"
            + " re-certification du dispositif : seul ce dernier est en vigueur. Donnez le numéro « CC-2025-NEW »");
    refusals.forEach((number, sentence) -> {
      Map<String, Object> form = Candidatures.valid();
      form.put("validCertificate", true);
      form.put("certificateNumber", number);
      if ("CC-2025-GONE".equals(number)) {
        form.put("softwareName", "CardioGone");
      }
      form.put("hasSesameAccount", true);
      form.put("hasMeeting", "NONE");
      assertThatThrownBy(() -> startApplication(VENDOR, BrandNameProcess.KEY, form)).as(number)
          .isInstanceOf(BadInputException.class).hasMessageContaining(sentence)
          .hasMessageContaining("décochez « Nous avons un certificat de conformité de l’ANS valable »");
    });
    assertThat(runtimeService.createProcessInstanceQuery().count()).as("no dossier started").isEqualTo(before);
  }

  @Test
  void shouldCountTheShortenedHearingFromTheRequestWhenTheCommissionSaysDaysLaterThatTheMinistersAskedForIt() {
    ProcessInstance dossier = acknowledged();
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE",
        "cnedimtsComment", "Projet d'avis favorable"));
    complete(VENDOR, dossier, "Task_AnswerDraftOpinion", Map.of("hearingRequested", true));
    advance(java.time.Duration.ofDays(3));

    // one month from the request of 2 November, not from the commission's answer of the 5th
    assertThat(attempt(CNEDIMTS, dossier, "Task_SetHearingDate", Map.of("hearingDate", "2026-12-03",
        "hearingShortened", true, "hearingShortenedReasons", "Urgence de santé publique")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("au plus tard le 2 décembre 2026");
    assertThat(windowsOf(dossier)).as("a refused date opens no window")
        .noneMatch(w -> w.startsWith("CNEDIMTS_HEARING_DATE_SHORTENED"));
    complete(CNEDIMTS, dossier, "Task_SetHearingDate", Map.of("hearingDate", "2026-12-02",
        "hearingShortened", true, "hearingShortenedReasons", "Urgence de santé publique"));

    assertThat(windowsOf(dossier)).as("the hearing is set: neither of its windows runs on")
        .contains("CNEDIMTS_HEARING_DATE_SHORTENED STOPPED", "CNEDIMTS_HEARING_DATE STOPPED");
  }

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.dossierpage.DossierBoard board;

  /** The windows of every part of the dossier, as history holds them: "CNEDIMTS_OPINION RUNNING". */
  List<String> windowsOf(ProcessInstance dossier) {
    return historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(dossierInstances(dossier).toArray(String[]::new)).variableNameLike("clock_%").list()
        .stream().flatMap(v -> fr.parcours.clock.Clocks.stored(v.getName(), v.getValue()).stream())
        .map(clock -> clock.clockId() + " " + clock.state()).toList();
  }

  /** The text of the one mail to the contact whose subject contains {@code part}; fails listing the subjects. */
  static String mailWith(String part) throws Exception {
    List<String> subjects = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage mail : mails("")) {
      subjects.add(mail.getSubject());
      if (mail.getSubject().contains(part)) {
        return text(mail);
      }
    }
    throw new AssertionError("No mail whose subject contains '" + part + "' among " + subjects);
  }

  Throwable attempt(String user, ProcessInstance dossier, String task, Map<String, Object> form) {
    return catchThrowable(() -> complete(user, dossier, task, form));
  }

  /** Filed on Sésame with this reference, the copy to the CNPs confirmed with it or not, and found complete. */
  ProcessInstance filedAndComplete(String sesameReference, boolean cnpCopySent) {
    ProcessInstance dossier = apply();
    complete(VENDOR, dossier, "Task_DepositSesameApplication", Map.of("sesameReference", sesameReference,
        "sesameFiled", true, "cnpCopySent", cnpCopySent));
    complete(MINISTRY, dossier, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    return dossier;
  }

  /** Filed on Sésame, acknowledged on T0 (2 November 2026), copy to the CNPs and price dossier done. */
  ProcessInstance acknowledged() {
    ProcessInstance dossier = filedAndComplete("SES-2026-0042", false);
    complete(MINISTRY, dossier, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-11-02"));
    complete(VENDOR, dossier, "Task_SendCnpCopy", Map.of("cnpNames", "CNP de cardiologie", "cnpCopySent", true));
    complete(VENDOR, dossier, "Task_FilePriceDossier", Map.of("cepsReference", "CEPS-1", "cepsFiled", true));
    // walk 14: a tariff agreed without the tariff was refused as « doit être motivée »; it says what is missing
    for (Object tariff : new Object[] {"", "   "}) {
      assertThat(attempt(MINISTRY, dossier, "Task_RecordCepsOutcome", Map.of("cepsOutcome", "AGREED", "cepsTariff",
          tariff))).isInstanceOf(BadInputException.class).hasMessageContaining("Le tarif manque : indiquez le tarif"
          + " convenu avec le CEPS").hasMessageNotContaining("motivée");
    }
    assertThat(attempt(MINISTRY, dossier, "Task_RecordCepsOutcome", Map.of("cepsOutcome", "AGREED")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("« Tarif convenu »");
    complete(MINISTRY, dossier, "Task_RecordCepsOutcome", Map.of("cepsOutcome", "AGREED", "cepsTariff", "9 €"));
    return dossier;
  }

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.clock.Clocks clocks;

  /**
   * The copy to the CNPs has no regulatory time limit; Parcours reminds the vendor (row BRAND_CNP_COPY, When it passes:
   * PARCOURS_REMINDER). In Tasklist the task has no due date, which would read as a deadline, but the reminder's day
   * as its follow-up date, and its time limit (the card's "Échéance", the form's {{dueUntil}}) says both, as the
   * dossier page does; in English too for a dossier in English.
   */
  @Test
  void shouldShowTheCnpCopyReminderInTasklistAsAFollowUpDateNotADueDate() {
    ProcessInstance dossier = filedAndComplete("SES-2026-0044", false);
    complete(MINISTRY, dossier, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-11-02"));

    Task copy = task(dossier, "Task_SendCnpCopy");
    java.time.Instant remindAt = clocks.readings(dossier.getId()).stream()
        .filter(r -> r.clockId().equals("BRAND_CNP_COPY")).findFirst().orElseThrow().dueAt();
    LocalDate remindOn = remindAt.atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate();
    assertThat(remindAt).isAfter(now());
    assertThat(copy.getDueDate()).as("no deadline in Tasklist").isNull();
    assertThat(copy.getFollowUpDate()).as("the reminder's day").isEqualTo(Date.from(remindAt));
    assertThat(taskService.getVariableLocal(copy.getId(), "dueUntil")).isEqualTo("Aucun délai réglementaire ne"
        + " s’applique à cette étape ; rappel de Parcours le "
        + fr.parcours.deadline.LegalDates.date(remindOn, java.util.Locale.FRENCH) + ".");
    assertThat(taskService.getVariableLocal(copy.getId(), "dueUntilEn")).isEqualTo("No regulatory time limit applies"
        + " to this step; Parcours reminder on "
        + fr.parcours.deadline.LegalDates.date(remindOn, java.util.Locale.ENGLISH) + ".");
  }

  /**
   * A dossier that declares a valid certificate skips the ANS: its first mail says so and names both filings to
   * make (before, none came until the Sésame deposit); then each Sésame step is mailed once.
   */
  @Test
  void shouldTellTheVendorWhichFilingsToMakeWhenTheDossierSkipsTheAns() throws Exception {
    ProcessInstance dossier = apply();
    String number = dossier.getBusinessKey();

    assertThat(mails(number + " : dépôts auprès de la HAS et du CEPS à faire")).hasSize(2);
    assertThat(mailWith("dépôts auprès de la HAS et du CEPS")).contains(
        "avec le certificat de conformité de l’ANS n° CC-2025-7 que vous avez déclaré valide",
        "la tâche « Déposer la demande sur Sésame »", "la tâche « Déposer le dossier de prix au CEPS »",
        "Votre dossier porte le numéro " + number).doesNotContain("renouvellement");
    complete(VENDOR, dossier, "Task_DepositSesameApplication", Map.of("sesameReference", "SES-2026-0042",
        "sesameFiled", true, "cnpCopySent", false));
    complete(MINISTRY, dossier, "Task_CheckSesameCompleteness", Map.of("sesameCompleteness", "COMPLETE"));
    assertThat(mails(number + " : demande déposée sur Sésame")).hasSize(2);
    assertThat(mailWith("demande Sésame recevable et complète")).contains("(référence SES-2026-0042)");
    assertThat(mails(number + " : dépôts auprès de la HAS et du CEPS à faire")).as("not again").hasSize(2);
  }

  @Test
  void shouldRegisterAfterTheHearingWithTheDecreeDueFromTheAcknowledgementAndTheRenewalCountedBack()
      throws Exception {
    ProcessInstance dossier = acknowledged();
    // the 70-day opinion applies to an activity in anticipated coverage only: this one is not
    assertThat(windowsOf(dossier)).as("the dossier's windows after the AR").isNotEmpty()
        .noneMatch(w -> w.startsWith("BRAND_CNEDIMTS_OPINION_ANTICIPATED"));
    // the AR says when the ministers must decide (row MINISTERS_DECISION, BRAND_NAME: 120 days from the AR of
    // 2 November 2026), and the vendor's dossier page shows that window from the AR on, before the ministers' track
    assertThat(mailWith("accusé de réception"))
        .contains("L’instruction réglementaire court jusqu’au 2 mars 2027 inclus.");
    assertThat(pdfText(attachment(mails("accusé de réception").get(0))))
        .contains("Décision attendue jusqu’au 2 mars 2027 inclus");
    assertThat(board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), dossier.getBusinessKey()).orElseThrow()
        .summary().tracks().stream().flatMap(t -> t.windows().stream())
        .filter(w -> w.clockId().equals("MINISTERS_DECISION")).toList()).singleElement()
        .satisfies(w -> {
          assertThat(w.open()).isTrue();
          assertThat(w.lastDay()).isEqualTo("jusqu’au 2 mars 2027 inclus");
        });

    // the CNEDiMTS's opinion is due 90 days after the AR (row CNEDIMTS_OPINION, BRAND_NAME)
    assertThat(task(dossier, "Task_ExamineApplication").getDueDate()).isEqualTo(lastMomentOfDay(90));
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE",
        "cnedimtsComment", "Projet d’avis favorable"));
    // the draft goes to the vendor, who may ask to be heard within 10 days of it (CNEDIMTS_HEARING_REQUEST)
    Task answer = task(dossier, "Task_AnswerDraftOpinion");
    assertThat(answer).hasCandidateGroup("vendor-medisoft");
    assertThat(answer.getDueDate()).isEqualTo(lastMomentOfDay(10));
    assertThat(mailWith("projet d’avis")).contains("jusqu’au 12 novembre 2026 inclus");
    complete(VENDOR, dossier, "Task_AnswerDraftOpinion", Map.of("hearingRequested", true));
    // nobody has asked to shorten the hearing: its shortened window is not open
    assertThat(windowsOf(dossier)).as("the windows after the hearing request")
        .noneMatch(w -> w.startsWith("CNEDIMTS_HEARING_DATE_SHORTENED"));

    // the hearing no later than 45 days after the request, one month when the ministers shortened it
    assertThat(task(dossier, "Task_SetHearingDate").getDueDate()).isEqualTo(lastMomentOfDay(45));
    assertThat(attempt(CNEDIMTS, dossier, "Task_SetHearingDate", Map.of("hearingDate", "2026-12-18")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("au plus tard le 17 décembre 2026")
        .hasMessageContaining("(table des délais, « Date de l’audition »)").hasMessageNotContaining("CNEDIMTS_");
    assertThat(attempt(CNEDIMTS, dossier, "Task_SetHearingDate", Map.of("hearingDate", "2026-12-10",
        "hearingShortened", true, "hearingShortenedReasons", "Urgence de santé publique")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("au plus tard le 2 décembre 2026")
        .hasMessageContaining("délai réduit").hasMessageContaining("« Date de l’audition (délai réduit) »")
        .hasMessageNotContaining("CNEDIMTS_");
    assertThat(attempt(CNEDIMTS, dossier, "Task_SetHearingDate", Map.of("hearingDate", "2026-10-30")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("est passée");
    complete(CNEDIMTS, dossier, "Task_SetHearingDate", Map.of("hearingDate", "2026-12-01",
        "hearingDetails", "Salle 3, 10 h"));
    assertThat(mailWith("audition")).contains("1er décembre 2026").contains("Salle 3, 10 h");
    assertThat(windowsOf(dossier)).as("the windows once the hearing is set")
        .noneMatch(w -> w.startsWith("CNEDIMTS_HEARING_DATE") && w.endsWith("RUNNING"));
    // the commission adopts its final opinion once it has heard the vendor, on the hearing's day
    advanceTo(LocalDate.of(2026, 12, 1).atTime(9, 0).atZone(PARIS).toInstant());
    assertThat(attempt(CNEDIMTS, dossier, "Task_AdoptFinalOpinion", Map.of("cnedimtsDecision", "COMPLEMENTS")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("« COMPLEMENTS » n’");
    complete(CNEDIMTS, dossier, "Task_AdoptFinalOpinion", Map.of("cnedimtsDecision", "FAVOURABLE"));
    complete(HAS, dossier, "Task_PublishOpinion", Map.of("opinionPublished", true, "opinionSentToCnp", true,
        "opinionReference", "AVIS-2026-21"));

    // the ministers' decree is due 120 days after the AR, whenever the opinion came
    assertThat(task(dossier, "Task_EvaluateApplication").getDueDate())
        .isEqualTo(lastMomentOf(LocalDate.of(2027, 3, 2)));
    complete(MINISTRY, dossier, "Task_EvaluateApplication", Map.of("ministersDecision", "FAVOURABLE"));
    assertThat(task(dossier, "Task_PublishRegistrationOrder").getDueDate())
        .isEqualTo(lastMomentOf(LocalDate.of(2027, 3, 2)));

    // an order before the AR, or a registration longer than the table's 5 years, is refused and changes nothing
    assertThat(attempt(MINISTRY, dossier, "Task_PublishRegistrationOrder", Map.of("orderDate", "2026-10-30",
        "publicationReference", "JORF n°1", "registrationEndDate", "2031-10-30")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("précède l’accusé de réception du 2 novembre 2026");
    // the order follows the opinion adopted on the hearing's day, 1 December; it may register for less than 5 years
    assertThat(attempt(MINISTRY, dossier, "Task_PublishRegistrationOrder", Map.of("orderDate", "2026-12-01",
        "publicationReference", "JORF n°1", "registrationEndDate", "2031-12-02")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("dépasse la durée maximale de 5 ans")
        .hasMessageContaining("choisissez le 1er décembre 2031 ou avant")
        .hasMessageContaining("(table des délais, « Validité de l’inscription »)");
    assertThat(task(dossier, "Task_PublishRegistrationOrder")).isNotNull();
    assertThat(registrationsOf(dossier)).as("a refused order records nothing").isEmpty();
    complete(MINISTRY, dossier, "Task_PublishRegistrationOrder", Map.of("orderDate", "2026-12-01",
        "publicationReference", "JORF n°1", "registrationEndDate", "2031-11-02"));
    // the registration lands in the device's records, from the order to its end date
    assertThat(registrationsOf(dossier)).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(fr.parcours.device.DeviceRecords.RegistrationKind.BRAND_NAME);
      assertThat(r.reference()).isEqualTo("JORF n°1");
      assertThat(r.startsOn()).isEqualTo(LocalDate.of(2026, 12, 1));
      assertThat(r.endsOn()).isEqualTo(LocalDate.of(2031, 11, 2));
    });
    assertThat(mailWith("décision")).contains("jusqu’au 2 novembre 2031 inclus");
    // the vendor reads an inscription on the LPPR under the brand name (seed 003, step 5), in the mail and its PDF:
    // « prise en charge » is PECAN's word
    jakarta.mail.internet.MimeMessage decided = mails("décision favorable des ministres").get(0);
    assertThat(text(decided)).contains("ont pris une décision favorable à l’inscription de " + DEVICE + " sous son nom"
        + " de marque sur la liste des produits et prestations remboursables (LPPR).").doesNotContain("prise en charge");
    assertThat(html(decided)).contains("sous son nom de marque sur la liste des produits et prestations remboursables"
        + " (LPPR)").doesNotContain("prise en charge");
    jakarta.mail.Part order = attachment(decided);
    assertThat(order.getFileName()).isEqualTo("decision-d-inscription-" + dossier.getBusinessKey() + ".pdf");
    assertThat(pdfText(order)).contains("Décision d’inscription sous nom de marque", "accordent l’inscription")
        .doesNotContain("prise en charge");
    assertThat(dossier).variables().containsEntry("registrationEndDateText", "2 novembre 2031");

    // the renewal is due 120 days before the end (row BRAND_RENEWAL_FILING, -P120D), reminded a month before
    Task renewal = task(dossier, "Task_FileRenewal");
    assertThat(renewal).hasCandidateGroup("vendor-medisoft");
    assertThat(renewal.getDueDate()).isEqualTo(lastMomentOf(LocalDate.of(2031, 7, 5)));
    // her dossier page: the renewal window counts back from the registration's end, after its last day
    assertThat(board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), dossier.getBusinessKey()).orElseThrow()
        .summary().tracks().stream().flatMap(t -> t.windows().stream())
        .filter(w -> w.clockId().equals("BRAND_RENEWAL_FILING")).findFirst().orElseThrow())
        .satisfies(w -> {
          assertThat(w.openedOn()).isEqualTo("compté à rebours depuis le 2 novembre 2031");
          assertThat(w.lastDay()).isEqualTo("jusqu’au 5 juillet 2031 inclus");
        });
    fire(dossier, "Timer_RenewalReminder");
    assertThat(Date.from(now())).isEqualTo(endOf(LocalDate.of(2031, 6, 5)));
    assertThat(mailWith("renouvellement")).contains("jusqu’au 5 juillet 2031 inclus");

    // a renewal after the registration ended is refused; then the registration ends at midnight after its last day
    advanceTo(endOf(LocalDate.of(2031, 11, 2)).toInstant().plusSeconds(3600));
    assertThat(attempt(VENDOR, dossier, "Task_FileRenewal", Map.of("certificateStillValid", true)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("a pris fin le 2 novembre 2031");
    fire(dossier, "Timer_RegistrationExpired");
    assertThat(dossier).isEnded().variables().containsEntry(BrandNameProcess.OUTCOME, "REGISTRATION_ENDED");
    assertThat(mailWith("fin de l’inscription")).contains("a pris fin");
  }

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.security.DossierAccess dossierAccess;

  /** A dossier of alice's company at its renewal, on this certificate, device and version; its registration ends in 2031. */
  ProcessInstance atRenewal(String certificate, String name, String version) {
    String dossierId = "DMN-2026-R" + java.util.UUID.randomUUID().toString().substring(0, 4).toUpperCase();
    Map<String, Object> variables = new HashMap<>(Candidatures.valid());
    variables.putAll(Map.of("vendorGroup", "vendor-medisoft", "applicant", VENDOR, "dossierId", dossierId,
        "softwareName", name, "softwareVersion", version, "certificateNumber", certificate, "validCertificate", true,
        "pathway", BrandNameProcess.PATHWAY, BrandNameProcess.REGISTRATION_ENDS_AT, endOf(LocalDate.of(2031, 11, 1)),
        "registrationEndDateText", "2 novembre 2031"));
    ProcessInstance dossier = runtimeService.createProcessInstanceByKey(BrandNameProcess.KEY).businessKey(dossierId)
        .startBeforeActivity("Task_FileRenewal").setVariables(variables).execute();
    dossierAccess.openTo("vendor-medisoft", dossier.getId());
    return dossier;
  }

  /**
   * "Notre certificat de conformité de l’ANS est toujours valable" at the renewal is looked up in the device records,
   * never believed: the dossier's certificate withdrawn since, another company's, or one of another version of the
   * device are refused, the task left open and nothing changed; one that a re-certification of the same device
   * replaced since stands in its place; in force, the renewal goes to Sésame directly.
   */
  @Test
  void shouldLookUpTheCertificateDeclaredStillValidAtTheRenewal() {
    String name = "Renal-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    String number = "CC-R-" + name;
    certified(number, "vendor-medisoft", name, "2.1", DeviceRecords.ANS_REFERENTIAL);
    String uncheck = "décochez « Notre certificat de conformité de l’ANS est toujours valable pour cette version »";

    // another version of the device than the certificate's
    ProcessInstance otherVersion = atRenewal(number, name, "2.2");
    assertThat(attempt(VENDOR, otherVersion, "Task_FileRenewal", Map.of("certificateStillValid", true)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("certifie " + name + " 2.1, et cette demande"
            + " porte sur " + name + " 2.2").hasMessageContaining(uncheck);
    // another company's certificate
    String theirs = "CC-T-" + name;
    certified(theirs, "vendor-telecardio", name, "2.1", DeviceRecords.ANS_REFERENTIAL);
    ProcessInstance another = atRenewal(theirs, name, "2.1");
    assertThat(attempt(VENDOR, another, "Task_FileRenewal", Map.of("certificateStillValid", true)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("Aucun certificat de conformité de votre"
            + " entreprise ne porte le numéro « " + theirs + " »");
    // withdrawn since the registration
    ProcessInstance dossier = atRenewal(number, name, "2.1");
    deviceRecords.withdraw(number, "Non-conformité SEC 1.2 non corrigée", now());
    assertThat(attempt(VENDOR, dossier, "Task_FileRenewal", Map.of("certificateStillValid", true)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("« " + number + " » a été retiré")
        .hasMessageContaining(uncheck);
    assertThat(task(dossier, "Task_FileRenewal")).isNotNull();
    assertThat(dossier).variables().containsEntry("certificateNumber", number).containsEntry("validCertificate", true)
        .doesNotContainKey("certificateStillValid");

    // re-certified since (a new certificate of the same device): the renewal rests on it, on Sésame directly
    String renewed = "CC-N-" + name;
    deviceRecords.certificateIssued(new DeviceRecords.DeviceFacts("vendor-medisoft", "MediSoft SAS", name, "2.1",
        "SOCLE", null), renewed, DeviceRecords.ANS_REFERENTIAL, "2025", now(), null, "DMN-2026-00009", null,
        "ans-certification");
    complete(VENDOR, dossier, "Task_FileRenewal", Map.of("certificateStillValid", true));
    assertThat(dossier).variables().containsEntry("certificateNumber", renewed).containsEntry("validCertificate", true);
    assertThat(task(dossier, "Task_FileRenewal")).isNull();
    assertThat(dossier).hasPassed("Gateway_CertificateReady").hasNotPassed("CallActivity_AnsCertification");
  }

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.devicelife.ReferentialPublication publication;
  @org.springframework.beans.factory.annotation.Autowired fr.parcours.device.ReferentialVersions versions;
  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  /** A day a new version of the ANS referential may apply from: after today and after the last one published. */
  LocalDate dayForANewVersion() {
    LocalDate today = LocalDate.ofInstant(now(), java.time.ZoneId.of("Europe/Paris"));
    return versions.latest(DeviceRecords.ANS_REFERENTIAL).map(v -> v.appliesFrom().plusDays(1))
        .filter(day -> day.isAfter(today)).orElse(today.plusDays(1));
  }

  /**
   * Seed 000: the renewal goes to Sésame without a new ANS round only if the ANS referentials have not changed. Once
   * an opposable version applies that came after the one the certificate attests, "toujours valable" is refused,
   * saying which version and from when, and nothing changes; unticked, the renewal goes through the ANS. A version
   * published but applying only later changes nothing yet.
   */
  @Test
  void shouldSendTheRenewalThroughTheAnsOnceAnOpposableVersionAppliesAfterTheCertificates() {
    String name = "Refer-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    String number = "CC-V-" + name;
    certified(number, "vendor-medisoft", name, "2.1", DeviceRecords.ANS_REFERENTIAL); // attests version 2025
    LocalDate appliesFrom = dayForANewVersion();
    try {
      publication.publish("2027", appliesFrom, true, "ana");
      ProcessInstance before = atRenewal(number, name, "2.1");
      ProcessInstance after = atRenewal(number, name, "2.1");

      // the day before it applies: the referential has not changed yet
      complete(VENDOR, before, "Task_FileRenewal", Map.of("certificateStillValid", true));
      assertThat(before).hasPassed("Gateway_CertificateReady").hasNotPassed("CallActivity_AnsCertification");

      advanceTo(appliesFrom.atTime(9, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant());
      assertThat(attempt(VENDOR, after, "Task_FileRenewal", Map.of("certificateStillValid", true)))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("Le référentiel de l’ANS a changé depuis le certificat « " + number + " »")
          .hasMessageContaining("il atteste la version « 2025 », et la version « 2027 », opposable, s’applique"
              + " depuis le " + fr.parcours.deadline.LegalDates.date(appliesFrom, java.util.Locale.FRENCH))
          .hasMessageContaining("décochez « Notre certificat de conformité de l’ANS est toujours valable pour cette"
              + " version »");
      assertThat(task(after, "Task_FileRenewal")).isNotNull();
      assertThat(after).variables().containsEntry("certificateNumber", number)
          .doesNotContainKey("certificateStillValid");

      complete(VENDOR, after, "Task_FileRenewal", Map.of("certificateStillValid", false));
      assertThat(task(after, "Task_FileRenewal")).isNull();
      assertThat(after).isWaitingAt("CallActivity_AnsCertification").hasNotPassed("Gateway_CertificateReady");
    } finally {
      // the publication opened a cycle for every device certified before it (the database is shared)
      runtimeService.createProcessInstanceQuery().processDefinitionKey(fr.parcours.devicelife.DeviceLifeProcess.KEY)
          .unlimitedList().forEach(cycle -> runtimeService.deleteProcessInstance(cycle.getId(), "test over"));
      jdbc.update("DELETE FROM parcours_referential_version WHERE version = ?", "2027");
    }
  }

  /**
   * Seed 000, at the start too: a brand-name application skips the ANS round on a declared certificate only if the
   * ANS referential has not changed since it. Once an opposable version applies that came after the certificate's,
   * the start is refused in French (which version, from when, what to untick) and no dossier starts; the day before,
   * the same certificate is accepted; unticked, the application starts with the ANS round.
   */
  @Test
  void shouldRefuseADeclaredCertificateAtTheStartOnceAnOpposableVersionAppliesAfterIt() {
    String name = "Start-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    String number = "CC-S-" + name;
    certified(number, "vendor-medisoft", name, "2.1", DeviceRecords.ANS_REFERENTIAL); // attests version 2025
    LocalDate appliesFrom = dayForANewVersion();
    java.util.function.Supplier<Map<String, Object>> form = () -> {
      Map<String, Object> values = Candidatures.valid();
      values.put("softwareName", name);
      values.put("softwareVersion", "2.1");
      values.put("validCertificate", true);
      values.put("certificateNumber", number);
      values.put("hasSesameAccount", true);
      values.put("hasMeeting", "NONE");
      return values;
    };
    try {
      publication.publish("2027", appliesFrom, true, "ana");

      // the day before it applies: the referential has not changed yet, the ANS round is skipped
      ProcessInstance before = startApplication(VENDOR, BrandNameProcess.KEY, form.get());
      assertThat(before).hasPassed("Gateway_CertificateReady").hasNotPassed("CallActivity_AnsCertification");

      advanceTo(appliesFrom.atTime(9, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant());
      long started = runtimeService.createProcessInstanceQuery().processDefinitionKey(BrandNameProcess.KEY).count();
      assertThatThrownBy(() -> startApplication(VENDOR, BrandNameProcess.KEY, form.get()))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("Le référentiel de l’ANS a changé depuis le certificat « " + number + " »")
          .hasMessageContaining("il atteste la version « 2025 », et la version « 2027 », opposable, s’applique"
              + " depuis le " + fr.parcours.deadline.LegalDates.date(appliesFrom, java.util.Locale.FRENCH))
          .hasMessageContaining("L’inscription sans nouvelle certification n’est possible que si le référentiel"
              + " n’a pas changé")
          .hasMessageContaining("décochez « Nous avons un certificat de conformité de l’ANS valable »");
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(BrandNameProcess.KEY).count())
          .as("no dossier started").isEqualTo(started);

      Map<String, Object> unticked = form.get();
      unticked.put("validCertificate", false);
      ProcessInstance through = startApplication(VENDOR, BrandNameProcess.KEY, unticked);
      assertThat(through).isWaitingAt("CallActivity_AnsCertification");
    } finally {
      runtimeService.createProcessInstanceQuery().processDefinitionKey(fr.parcours.devicelife.DeviceLifeProcess.KEY)
          .unlimitedList().forEach(cycle -> runtimeService.deleteProcessInstance(cycle.getId(), "test over"));
      jdbc.update("DELETE FROM parcours_referential_version WHERE version = ?", "2027");
    }
  }

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.device.DeviceRecords deviceRecords;

  java.util.List<fr.parcours.device.DeviceRecords.Registration> registrationsOf(ProcessInstance dossier) {
    return deviceRecords.ofCompanies(java.util.List.of("vendor-medisoft")).stream()
        .flatMap(d -> d.registrations().stream()).filter(r -> dossier.getBusinessKey().equals(r.dossierId())).toList();
  }

  /**
   * Walk 8: claire asked for complements ("Précisez la population cible."), then found the application favourable,
   * where the form hides the comment; the old request stayed in cnedimtsComment, and alice read it as the draft
   * opinion's summary in « Répondre au projet d’avis » (and claire in « Adopter l’avis définitif »).
   */
  @Test
  void shouldNotShowTheComplementsRequestAsTheDraftOpinionsSummaryAfterAFavourableExamination() {
    ProcessInstance dossier = filedAndComplete("SES-2026-0044", true);
    complete(MINISTRY, dossier, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-11-02"));
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "COMPLEMENTS",
        "cnedimtsComment", "Précisez la population cible.", "window_CNEDIMTS_COMPLEMENTS_days", 12));
    complete(VENDOR, dossier, "Task_ProvideCnedimtsComplements", Map.of("cnedimtsComplementsAnswer", "Adultes."));

    // the form sends no comment with a favourable opinion (its field is hidden then)
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    executeJobs(dossier);

    org.camunda.bpm.engine.task.Task draft = task(dossier, "Task_AnswerDraftOpinion");
    assertThat(taskService.getVariable(draft.getId(), "cnedimtsComment")).isNull();
  }

  /**
   * The ministry records on Thursday 5 November the AR it sent on Monday 2: the AR mail's last day for the decree
   * counts from the AR's date (2 March 2027), not from the day it was recorded (5 March).
   */
  @Test
  void shouldCountTheDecreeInTheAcknowledgementMailFromTheArsDateWhenItIsRecordedLater() throws Exception {
    ProcessInstance dossier = filedAndComplete("SES-2026-0045", true);
    advance(java.time.Duration.ofDays(3));
    complete(MINISTRY, dossier, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-11-02"));

    assertThat(mailWith("accusé de réception"))
        .contains("L’instruction réglementaire court jusqu’au 2 mars 2027 inclus.")
        .doesNotContain("5 mars 2027");
  }

  @Test
  void shouldRefuseAnAcknowledgementInTheFutureAndAComplementsWindowUnderTenDays() {
    ProcessInstance dossier = filedAndComplete("SES-2026-0043", true);

    assertThat(attempt(MINISTRY, dossier, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-11-03")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("est dans le futur");
    assertThat(task(dossier, "Task_ExamineApplication")).isNull();
    complete(MINISTRY, dossier, "Task_SendAcknowledgement", Map.of("acknowledgementDate", "2026-11-02"));

    Map<String, Object> complements = new HashMap<>(Map.of("cnedimtsDecision", "COMPLEMENTS",
        "cnedimtsComment", "Protocole", "window_CNEDIMTS_COMPLEMENTS_days", 9));
    assertThat(attempt(CNEDIMTS, dossier, "Task_ExamineApplication", complements))
        .isInstanceOf(BadInputException.class).hasMessageContaining("doit être d’au moins 10 jours");
    complements.put("window_CNEDIMTS_COMPLEMENTS_days", 12);
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", complements);
    // 12 days from Monday 2 November end on Saturday 14; the row extends a weekend's last day to Monday 16
    assertThat(task(dossier, "Task_ProvideCnedimtsComplements").getDueDate())
        .isEqualTo(lastMomentOf(LocalDate.of(2026, 11, 16)));

    // the complements never come: the application is deemed abandoned, and the vendor told
    fire(dossier, "Timer_CnedimtsComplementsWindow");
    assertThat(dossier).isEnded().variables()
        .containsEntry(BrandNameProcess.OUTCOME, "ABANDONED_CNEDIMTS_COMPLEMENTS");
  }

  /**
   * The decree's window is one window of the dossier, whoever reads it: opened at the AR by the pathway, the ministers'
   * track counts on it rather than on a copy of its own. Seed 000 §16 gives the decree "within 120 days of
   * acknowledgement of receipt" and, unlike the generic line's (001 §11), suspends it for nothing; the row
   * MINISTERS_DECISION, BRAND_NAME says RUNS. So after a complements round of 20 days the ministers' task, the order's
   * task and the vendor's dossier page all still give 2 March 2027, and the page shows the window once, not once per
   * part of the dossier (before, the track's copy showed as a second row).
   */
  @Test
  void shouldGiveTheDecreesOneLastDayOnTheOrderTaskAndThePageAfterAMinistersComplementsRound() {
    ProcessInstance dossier = acknowledged();
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    complete(VENDOR, dossier, "Task_AnswerDraftOpinion", Map.of("hearingRequested", false));
    complete(CNEDIMTS, dossier, "Task_AdoptFinalOpinion", Map.of("cnedimtsDecision", "FAVOURABLE"));
    complete(HAS, dossier, "Task_PublishOpinion", Map.of("opinionPublished", true, "opinionSentToCnp", true,
        "opinionReference", "AVIS-2026-22"));
    Date decree = lastMomentOf(LocalDate.of(2027, 3, 2));
    assertThat(task(dossier, "Task_EvaluateApplication").getDueDate()).isEqualTo(decree);
    assertThat(decreeWindowsOnThePage(dossier)).as("the page while the ministers' track runs").singleElement()
        .satisfies(w -> assertThat(w.lastDay()).isEqualTo("jusqu’au 2 mars 2027 inclus"));

    complete(MINISTRY, dossier, "Task_EvaluateApplication", Map.of("ministersDecision", "COMPLEMENTS",
        "ministersComment", "Joindre l’étude clinique.", "window_MINISTERS_COMPLEMENTS_days", 30L));
    advance(java.time.Duration.ofDays(20));
    complete(VENDOR, dossier, "Task_ProvideMinistersComplements",
        Map.of("ministersComplementsAnswer", "Étude clinique jointe sur Sésame."));
    assertThat(task(dossier, "Task_EvaluateApplication").getDueDate()).isEqualTo(decree);
    assertThat(decreeWindowsOnThePage(dossier)).as("the page after the complements round").singleElement()
        .satisfies(w -> assertThat(w.lastDay()).isEqualTo("jusqu’au 2 mars 2027 inclus"));

    complete(MINISTRY, dossier, "Task_EvaluateApplication", Map.of("ministersDecision", "FAVOURABLE"));
    assertThat(task(dossier, "Task_PublishRegistrationOrder").getDueDate()).isEqualTo(decree);
    assertThat(decreeWindowsOnThePage(dossier)).as("the page at the order").singleElement()
        .satisfies(w -> {
          assertThat(w.open()).isTrue();
          assertThat(w.lastDay()).isEqualTo("jusqu’au 2 mars 2027 inclus");
        });
  }

  /** The rows « Décision des ministres » of the vendor's dossier page, in every part of the dossier. */
  List<fr.parcours.dossierpage.DossierSummary.Window> decreeWindowsOnThePage(ProcessInstance dossier) {
    return board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), dossier.getBusinessKey()).orElseThrow()
        .summary().tracks().stream().flatMap(t -> t.windows().stream())
        .filter(w -> w.clockId().equals("MINISTERS_DECISION")).toList();
  }

  /**
   * Walk 15: « Adopter l’avis définitif » could be completed on 4 December for a hearing set on the 24th. Seed 000
   * §14: the vendor who asks is heard by the commission, which then adopts its final opinion. Tried: a favourable
   * and an unfavourable opinion (with its reasons) the day the hearing is set for tomorrow, and at 23:30 Paris the
   * evening before; both refused, the task and the draft's decision left as they were. On the hearing's day the
   * opinion is adopted.
   */
  @Test
  void shouldRefuseTheFinalOpinionBeforeTheHearingsDayAndAcceptItOnThatDay() {
    ProcessInstance dossier = acknowledged();
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    complete(VENDOR, dossier, "Task_AnswerDraftOpinion", Map.of("hearingRequested", true));
    complete(CNEDIMTS, dossier, "Task_SetHearingDate", Map.of("hearingDate", "2026-11-03"));

    List<Map<String, Object>> tooEarly = List.of(Map.of("cnedimtsDecision", "FAVOURABLE"),
        Map.of("cnedimtsDecision", "UNFAVOURABLE", "cnedimtsComment", "Bénéfice clinique non démontré."));
    for (java.time.Instant when : List.of(now(), LocalDate.of(2026, 11, 2).atTime(23, 30).atZone(PARIS).toInstant())) {
      advanceTo(when);
      for (Map<String, Object> opinion : tooEarly) {
        assertThat(attempt(CNEDIMTS, dossier, "Task_AdoptFinalOpinion", opinion)).as(when + " " + opinion)
            .isInstanceOf(BadInputException.class)
            .hasMessage("L’audition de l’industriel est fixée au 3 novembre 2026 : l’avis définitif s’adopte à partir"
                + " de ce jour, après l’avoir entendu. Revenez à cette tâche le 3 novembre 2026 ou après.");
      }
    }
    Task adopt = task(dossier, "Task_AdoptFinalOpinion");
    assertThat(adopt).as("nothing adopted").isNotNull();
    assertThat(taskService.getVariable(adopt.getId(), "cnedimtsDecision")).as("the draft's decision kept")
        .isEqualTo("FAVOURABLE");
    assertThat(task(dossier, "Task_PublishOpinion")).isNull();

    advanceTo(LocalDate.of(2026, 11, 3).atStartOfDay(PARIS).toInstant());
    complete(CNEDIMTS, dossier, "Task_AdoptFinalOpinion", Map.of("cnedimtsDecision", "UNFAVOURABLE",
        "cnedimtsComment", "Bénéfice clinique non démontré."));
    assertThat(task(dossier, "Task_AdoptFinalOpinion")).isNull();
    assertThat(task(dossier, "Task_PublishOpinion")).hasCandidateGroup("has-reviewer");
  }

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.tasklist.TasklistFilters tasklistFilters;

  /**
   * Walk 19: « Adopter l’avis définitif » was in the commission's queue from the moment the hearing was set, weeks
   * before it could be done. Its follow-up date is the hearing's day, and the CNEDiMTS' queue lists it from 00:00
   * Paris that day (as Tasklist asks it: the filter's list and count, as claire), also in a filter made at an earlier
   * start without that criterion; the process owners' list keeps it all along; its due date stays none.
   */
  @Test
  void shouldListTheFinalOpinionInTheCommissionsQueueFromTheHearingsDayOn() {
    ProcessInstance dossier = acknowledged();
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    complete(VENDOR, dossier, "Task_AnswerDraftOpinion", Map.of("hearingRequested", true));
    complete(CNEDIMTS, dossier, "Task_SetHearingDate", Map.of("hearingDate", "2026-11-20"));

    Task adopt = task(dossier, "Task_AdoptFinalOpinion");
    java.time.Instant hearingDay = LocalDate.of(2026, 11, 20).atStartOfDay(PARIS).toInstant();
    assertThat(adopt.getFollowUpDate()).isEqualTo(Date.from(hearingDay));
    assertThat(adopt.getDueDate()).as("still no time limit").isNull();
    assertThat(taskService.getVariableLocal(adopt.getId(), "dueUntil"))
        .isEqualTo("Aucun délai réglementaire ne s’applique à cette étape ; à faire à partir du 20 novembre 2026.");
    // where a member looks on the dossier page: the step and the day it is done from
    assertThat(board.read(board.viewer(CNEDIMTS, java.util.Locale.FRENCH), dossier.getBusinessKey()).orElseThrow()
        .summary().nextSteps()).anySatisfy(step -> assertThat(step.name() + " : " + step.due()).isEqualTo(
            "Adopter l’avis définitif : Aucun délai réglementaire ne s’applique à cette étape ; à faire à partir du"
                + " 20 novembre 2026."));

    // a database whose filter was made before: its query without the criterion, as it was saved then
    var filterService = engine.getFilterService();
    var queue = filterService.createFilterQuery().filterName("CNEDiMTS — toutes les tâches").singleResult();
    queue.setQuery(taskService.createTaskQuery().taskCandidateGroup("cnedimts").includeAssignedTasks()
        .orderByDueDate().asc());
    filterService.saveFilter(queue);
    assertThat(listed(CNEDIMTS, "CNEDiMTS — toutes les tâches")).as("the old filter").contains(adopt.getId());
    tasklistFilters.ensureFilters();

    advanceTo(hearingDay.minusSeconds(60));
    assertThat(listed(CNEDIMTS, "CNEDiMTS — toutes les tâches")).as("the evening before").doesNotContain(adopt.getId());
    assertThat(listed("paul", "Toutes les tâches")).as("the process owners see it").contains(adopt.getId());
    // Camunda's criterion is "follow-up date before now": listed from the first moment after 00:00
    advanceTo(hearingDay.plusSeconds(1));
    assertThat(listed(CNEDIMTS, "CNEDiMTS — toutes les tâches")).as("the hearing's day").contains(adopt.getId());
  }

  /** The ids of the tasks a filter lists to that user, as Tasklist asks them; its count says as many. */
  List<String> listed(String user, String filterName) {
    return as(user, () -> {
      var filterService = engine.getFilterService();
      String id = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
      List<String> ids = filterService.<Task>listPage(id, 0, 1000).stream().map(Task::getId).toList();
      assertThat(filterService.count(id)).as(filterName + " count").isEqualTo(ids.size());
      return ids;
    });
  }

  /**
   * Walk 15: the dossier page's CNEDiMTS part read « arrêté le 4 décembre 2026 » for an unfavourable opinion (the
   * track ends at its error end event, the pathway catches it and history records the track terminated), where a
   * favourable one reads « terminé le … : Avis favorable ».
   */
  @Test
  void shouldSayOnTheDossierPageThatTheCommissionsOpinionWasUnfavourable() {
    ProcessInstance dossier = acknowledged();
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "UNFAVOURABLE",
        "cnedimtsComment", "Bénéfice clinique non démontré."));
    complete(VENDOR, dossier, "Task_AnswerDraftOpinion", Map.of("hearingRequested", false));
    complete(CNEDIMTS, dossier, "Task_AdoptFinalOpinion", Map.of("cnedimtsDecision", "UNFAVOURABLE",
        "cnedimtsComment", "Bénéfice clinique non démontré."));
    complete(HAS, dossier, "Task_PublishOpinion", Map.of("opinionPublished", true, "opinionSentToCnp", true,
        "opinionReference", "AVIS-2026-23"));
    assertThat(task(dossier, "Task_EvaluateApplication")).as("the ministers still decide").isNotNull();

    for (java.util.Locale locale : List.of(java.util.Locale.FRENCH, java.util.Locale.ENGLISH)) {
      assertThat(board.read(board.viewer(VENDOR, locale), dossier.getBusinessKey()).orElseThrow().summary().tracks()
          .stream().filter(t -> t.processKey().equals("cnedimts-opinion")).map(t -> t.state()).toList())
          .as(locale.toString()).containsExactly(locale == java.util.Locale.FRENCH
              ? "terminé le 2 novembre 2026 : Avis défavorable" : "ended 2 November 2026: Avis défavorable");
    }
  }

  @Test
  void shouldRefuseAHearingRequestAfterItsWindowAndGoOnWithoutHearing() {
    ProcessInstance dossier = acknowledged();
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));

    // the timer and the vendor's request meet on the 11th day: the request is refused, the task left as it was
    advanceTo(endOf(LocalDate.of(2026, 11, 12)).toInstant().plusSeconds(60));
    assertThat(attempt(VENDOR, dossier, "Task_AnswerDraftOpinion", Map.of("hearingRequested", true)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("a pris fin le 12 novembre 2026");
    fire(dossier, "Timer_HearingRequestWindow");

    assertThat(task(dossier, "Task_AnswerDraftOpinion")).isNull();
    assertThat(task(dossier, "Task_SetHearingDate")).isNull();
    assertThat(task(dossier, "Task_AdoptFinalOpinion")).hasCandidateGroup("cnedimts");
    // her dossier's page says the window passed: it read « clos le … (Répondre au projet d’avis) », as if she had
    // answered (walk 11)
    assertThat(board.read(board.viewer(VENDOR, java.util.Locale.FRENCH), dossier.getBusinessKey()).orElseThrow()
        .summary().tracks().stream().flatMap(t -> t.windows().stream())
        .filter(w -> w.clockId().equals("CNEDIMTS_HEARING_REQUEST")).map(w -> w.sentence()).toList())
        .containsExactly("Demande d’audition : dernier jour (12 novembre 2026) passé ; clos le 13 novembre 2026"
            + " (Répondre au projet d’avis).");
  }

  @Test
  void shouldLeaveOneFinalOpinionTaskWhenTheHearingWindowClosesWhileTheVendorAnswers() throws Exception {
    ProcessInstance dossier = acknowledged();
    complete(CNEDIMTS, dossier, "Task_ExamineApplication", Map.of("cnedimtsDecision", "FAVOURABLE"));
    org.camunda.bpm.engine.runtime.Job window = timer(dossier, "Timer_HearingRequestWindow");
    Task answer = task(dossier, "Task_AnswerDraftOpinion");
    advanceTo(window.getDuedate().toInstant());

    // the timer and the vendor's answer (no hearing, observations only) in the same instant
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    var timerFires = threads.submit(() -> together(together, failures, () -> managementService.executeJob(window.getId())));
    var vendorAnswers = threads.submit(() -> together(together, failures, () -> as(VENDOR,
        () -> formService.submitTaskForm(answer.getId(), Map.of("hearingRequested", false,
            "draftOpinionObservations", "Rien à ajouter.")))));
    timerFires.get();
    vendorAnswers.get();
    threads.shutdown();
    executeJobs(dossier);

    assertThat(taskService.createTaskQuery().processInstanceIdIn(family(dossier.getId()).toArray(String[]::new))
        .taskDefinitionKey("Task_AdoptFinalOpinion").count()).as("exactly one final opinion to adopt").isEqualTo(1);
    assertThat(task(dossier, "Task_AnswerDraftOpinion")).isNull();
    assertThat(failures).as("the loser is refused, not half-applied").hasSizeLessThanOrEqualTo(1);
  }

  private static void together(java.util.concurrent.CyclicBarrier barrier, List<Throwable> failures, Runnable action) {
    try {
      barrier.await();
      action.run();
    } catch (Exception e) {
      failures.add(e);
    }
  }
}
