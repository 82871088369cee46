package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The words of the mails that depend on the dossier's pathway or on its answers, in both languages, as the mail step
 * fills them: the first mail says what was received and what comes next for each pathway (one template, the
 * pathway's words by a conditional), the Sésame account's mail names the meeting when one was asked for, the complete
 * evidence's mail says the ANS waits for a go-ahead only when it does.
 */
class PathwayMailWordsTest {

  final MailTemplates templates = new MailTemplates();

  Map<String, Object> dossier(String pathway) {
    Map<String, Object> model = new HashMap<>(Map.of("dossierId", "DMN-2026-ABCDE", "softwareName", "CardioWatch",
        "softwareVersion", "2.1", "companyName", "MediSoft SAS", "hasConvergenceAccount", true,
        "dossierLink", "https://parcours.example/dossiers/DMN-2026-ABCDE",
        "taskLink", "https://parcours.example/dossiers/DMN-2026-ABCDE/tache",
        "noDeadline", "Aucun délai réglementaire ne s’applique à cette étape."));
    if (pathway != null) {
      model.put("pathway", pathway);
    }
    return model;
  }

  RenderedMail received(String pathway, Language language) {
    return templates.render(NotificationEvent.APPLICATION_RECEIVED, language, dossier(pathway));
  }

  @Test
  void shouldNameTheAnsAloneWhenTheVendorAppliesToTheAnsOnly() {
    RenderedMail french = received(null, Language.FR);
    assertThat(french.subject()).isEqualTo("Dossier DMN-2026-ABCDE : candidature reçue");
    assertThat(french.text()).contains("la candidature de MediSoft SAS pour la certification de conformité")
        .contains("Prochaine étape : le dépôt du dossier administratif").doesNotContain("Sésame", "Côté");
    assertThat(received(null, Language.EN).subject()).isEqualTo("Dossier DMN-2026-ABCDE: application received");
  }

  @Test
  void shouldSayAPecanApplicationOpensTheAnsAndTheHasFilingsTogether() {
    RenderedMail french = received("PECAN", Language.FR);
    assertThat(french.subject()).isEqualTo("Dossier DMN-2026-ABCDE : demande de prise en charge anticipée (PECAN)"
        + " reçue");
    assertThat(french.text()).contains("Elle ouvre ensemble deux dépôts", "sur Convergence", "sur Sésame",
        "Côté ANS, prochaine étape : le dépôt du dossier administratif", "Côté HAS, prochaine étape sur Sésame")
        .doesNotContain("Nous avons bien reçu la candidature");
    assertThat(french.html()).contains("Côté ANS, prochaine étape :").contains("Côté HAS");
    RenderedMail english = received("PECAN", Language.EN);
    assertThat(english.subject()).isEqualTo("Dossier DMN-2026-ABCDE: early coverage (PECAN) application received");
    assertThat(english.text()).contains("It opens two filings together", "On the ANS side, next step: deposit",
        "On the HAS side, next step on Sésame");
    Map<String, Object> withoutAccount = dossier("PECAN");
    withoutAccount.put("hasConvergenceAccount", false);
    assertThat(templates.render(NotificationEvent.APPLICATION_RECEIVED, Language.FR, withoutAccount).text())
        .contains("Côté ANS, prochaine étape : demander l’ouverture du compte Convergence de MediSoft SAS");
  }

  @Test
  void shouldSayWhatComesAfterTheAnsForTheBrandNameAndTheGenericLine() {
    assertThat(received("BRAND_NAME", Language.FR).subject()).endsWith("demande d’inscription en nom de marque reçue");
    assertThat(received("BRAND_NAME", Language.FR).text()).contains("Elle commence par la certification de conformité",
        "vous déposerez la demande auprès de la Haute Autorité de santé (HAS), sur Sésame").doesNotContain("Côté");
    assertThat(received("BRAND_NAME", Language.EN).text()).contains("brand-name registration application");
    assertThat(received("GENERIC_LINE", Language.FR).subject())
        .endsWith("demande d’inscription sur une ligne générique reçue");
    assertThat(received("GENERIC_LINE", Language.FR).text()).contains("exigences minimales des lignes demandées",
        "Démarches Simplifiées");
    assertThat(received("GENERIC_LINE", Language.EN).text()).contains("minimum requirements of the lines");
  }

  @Test
  void shouldKeepTheRecertificationWordsForACarriedOverCandidature() {
    Map<String, Object> model = dossier(null);
    model.put("previousCertificateNumber", "ANS-2025-0042");
    RenderedMail french = templates.render(NotificationEvent.APPLICATION_RECEIVED, Language.FR, model);
    assertThat(french.subject()).isEqualTo("Dossier DMN-2026-ABCDE : candidature reprise, suite du certificat"
        + " ANS-2025-0042");
    assertThat(french.text()).contains("fait suite au certificat n° ANS-2025-0042")
        .doesNotContain("Nous avons bien reçu");
  }

  @Test
  void shouldNameTheMeetingOrTheDepositAfterTheSesameAccountIsOpened() {
    Map<String, Object> meeting = dossier("PECAN");
    meeting.put("hasMeeting", "PRE_DEPOSIT_MEETING");
    assertThat(templates.render(NotificationEvent.SESAME_ACCOUNT_OPENED, Language.FR, meeting).text())
        .contains("Prochaine étape : la réunion avec la HAS que vous avez demandée").doesNotContain("/tache");
    Map<String, Object> none = dossier("PECAN");
    none.put("hasMeeting", "NONE");
    RenderedMail english = templates.render(NotificationEvent.SESAME_ACCOUNT_OPENED, Language.EN, none);
    assertThat(english.subject()).isEqualTo("Dossier DMN-2026-ABCDE: Sésame account opened");
    assertThat(english.text()).contains("\"Déposer la demande sur Sésame\" (Deposit the application on Sésame)",
        "/dossiers/DMN-2026-ABCDE/tache").doesNotContain("meeting");
  }

  @Test
  void shouldSayTheAnsWaitsForTheMinistersOnlyWhenItDoes() {
    Map<String, Object> waits = dossier("PECAN");
    waits.put("waitsForGoAhead", true);
    assertThat(templates.render(NotificationEvent.EVIDENCE_RECEIVED, Language.FR, waits).text())
        .contains("lorsque les ministres auront accusé réception", "court, lui, dès aujourd’hui");
    assertThat(templates.render(NotificationEvent.EVIDENCE_RECEIVED, Language.EN, waits).text())
        .contains("once the ministers have acknowledged receipt");
    Map<String, Object> alone = dossier(null);
    alone.put("waitsForGoAhead", false);
    assertThat(templates.render(NotificationEvent.EVIDENCE_RECEIVED, Language.FR, alone).text())
        .doesNotContain("ministres").contains("dans l’ordre de réception");
  }

  @Test
  void shouldQuoteTheSesameReferenceOnlyWhenThereIsOne() {
    Map<String, Object> model = dossier("BRAND_NAME");
    assertThat(templates.render(NotificationEvent.SESAME_APPLICATION_DEPOSITED, Language.FR, model).text())
        .contains("(version 2.1).").doesNotContain("référence");
    model.put("sesameReference", "SES-2026-0042");
    assertThat(templates.render(NotificationEvent.SESAME_FILE_COMPLETE, Language.EN, model).text())
        .contains("(reference SES-2026-0042): it is admissible and complete").doesNotContain("Convergence");
    Map<String, Object> pecan = dossier("PECAN");
    assertThat(templates.render(NotificationEvent.SESAME_FILE_COMPLETE, Language.FR, pecan).text())
        .contains("les ministres accusent réception lorsque votre dossier de preuves est complet sur Convergence");
    assertThat(templates.render(NotificationEvent.SESAME_ACCOUNT_TO_REQUEST, Language.FR, model).subject())
        .isEqualTo("Dossier DMN-2026-ABCDE : compte Sésame à demander");
  }

  @Test
  void shouldSayWhichBrandNameRoundBeginsAndWhichFilingsItNeeds() {
    Map<String, Object> afterAns = dossier("BRAND_NAME");
    afterAns.put("ansOutcome", "CERTIFIED");
    afterAns.put("certificateNumber", "CC-2026-0042");
    afterAns.put("hasSesameAccount", false);
    RenderedMail french = templates.render(NotificationEvent.BRAND_NAME_FILINGS_OPEN, Language.FR, afterAns);
    assertThat(french.subject()).isEqualTo("Dossier DMN-2026-ABCDE : dépôts auprès de la HAS et du CEPS à faire");
    assertThat(french.text()).contains("a son certificat de conformité de l’ANS (n° CC-2026-0042)",
        "d’abord la demande d’un compte Sésame", "« Déposer le dossier de prix au CEPS »")
        .doesNotContain("déclaré valide", "« Déposer la demande sur Sésame »");
    Map<String, Object> renewal = dossier("BRAND_NAME");
    renewal.put("ansOutcome", "CERTIFIED");
    renewal.put("registrationEndsAt", "2 novembre 2031");
    renewal.put("hasSesameAccount", true);
    renewal.put("hasMeeting", "PRE_DEPOSIT_MEETING");
    RenderedMail english = templates.render(NotificationEvent.BRAND_NAME_FILINGS_OPEN, Language.EN, renewal);
    assertThat(english.subject()).isEqualTo("Dossier DMN-2026-ABCDE: renewal application received, filings to make");
    assertThat(english.text()).contains("application to renew the brand-name registration",
        "\"Déposer la demande sur Sésame\" (Deposit the application on Sésame), after the meeting with the HAS")
        .doesNotContain("has its ANS certificate");
  }

  @Test
  void shouldTellTheTransitionalVendorWhatThePhaseGivesInHerLanguage() {
    Map<String, Object> model = dossier("ANS_TRANSITIONAL");
    model.put("ansWindowName", "DMN de télésurveillance");
    model.put("ansWindowNameEn", "Telemonitoring DMN");
    model.put("evidenceLink", "https://parcours.example/evidence/DMN-2026-ABCDE");
    model.put("tasklistLink", "https://parcours.example/camunda/app/tasklist/default/");
    assertThat(templates.render(NotificationEvent.TRANSITIONAL_CANDIDATURE_RECEIVED, Language.FR, model).text())
        .contains("au guichet « DMN de télésurveillance »", "/evidence/DMN-2026-ABCDE");
    RenderedMail english = templates.render(NotificationEvent.TRANSITIONAL_CANDIDATURE_RECEIVED, Language.EN, model);
    assertThat(english.subject()).isEqualTo("Dossier DMN-2026-ABCDE: transitional-phase candidature received");
    assertThat(english.text()).contains("at the window “Telemonitoring DMN”", "no certificate is issued");
    // walk 22: the tasks it names are linked (the list of the part's tasks), not Tasklist's home
    model.put("taskLink", "https://parcours.example/dossiers/DMN-2026-ABCDE/tache/ans-transitional");
    for (Language language : Language.values()) {
      RenderedMail mail = templates.render(NotificationEvent.TRANSITIONAL_CANDIDATURE_RECEIVED, language, model);
      assertThat(mail.text()).as(language.name())
          .contains("Tasklist" + (language == Language.FR ? " :" : ":")
              + "\nhttps://parcours.example/dossiers/DMN-2026-ABCDE/tache/ans-transitional\n")
          .doesNotContain("tasklist/default");
      assertThat(mail.html()).as(language.name())
          .contains("href=\"https://parcours.example/dossiers/DMN-2026-ABCDE/tache/ans-transitional\"")
          .doesNotContain("tasklist/default");
    }
  }

  /**
   * Walk 7: a generic line's CERTIFICATE_ISSUED said « Vous pouvez désormais engager la suite de votre parcours » while
   * its next step is the DS filing the lines' mail explains (or nothing, the lines refused). It says which.
   */
  @Test
  void shouldTellAGenericLineVendorWhatFollowsTheCertificateFromTheLinesOutcome() {
    Map<String, Object> certified = dossier("GENERIC_LINE");
    certified.put("lineCertificationOutcome", "CERTIFIED");
    Map<String, Object> refused = dossier("GENERIC_LINE");
    refused.put("lineCertificationOutcome", "REFUSED");
    for (Language language : Language.values()) {
      RenderedMail ok = templates.render(NotificationEvent.CERTIFICATE_ISSUED, language, certified);
      RenderedMail no = templates.render(NotificationEvent.CERTIFICATE_ISSUED, language, refused);
      for (String body : List.of(ok.text(), ok.html(), no.text(), no.html())) {
        assertThat(body).as(language.name()).doesNotContain("engager la suite").doesNotContain("take the next steps");
      }
      assertThat(ok.text()).as(language.name()).contains("Démarches Simplifiées").doesNotContain("refus");
      assertThat(no.text()).as(language.name()).containsAnyOf("est en revanche refusée", "is refused, however")
          .doesNotContain("Démarches Simplifiées");
    }
  }

  /**
   * Walk 7: the transitional candidature feedback said « Déposez vos preuves, si ce n’est fait » after the evidence
   * was sent. It says what fits the dossier: none sent, some sent, all declared deposited.
   */
  @Test
  void shouldAskForTheTransitionalEvidenceOnlyAsFarAsItIsNotDeposited() {
    Map<String, Object> none = dossier("ANS_TRANSITIONAL");
    none.put("evidenceLink", "https://parcours.example/evidence/DMN-2026-ABCDE");
    none.put("candidatureFeedback", "Rien à redire.");
    Map<String, Object> some = new HashMap<>(none);
    some.put("evidenceSends", 1);
    some.put("allEvidenceDeposited", false);
    Map<String, Object> all = new HashMap<>(some);
    all.put("allEvidenceDeposited", true);
    for (Language language : Language.values()) {
      for (var model : List.of(none, some, all)) {
        RenderedMail mail = templates.render(NotificationEvent.TRANSITIONAL_CANDIDATURE_FEEDBACK, language, model);
        assertThat(mail.text() + mail.html()).doesNotContain("si ce n’est fait").doesNotContain("if not done yet")
            .contains("/evidence/DMN-2026-ABCDE");
      }
    }
    assertThat(templates.render(NotificationEvent.TRANSITIONAL_CANDIDATURE_FEEDBACK, Language.FR, none).text())
        .contains("Déposez vos preuves depuis la tâche").doesNotContain("toutes vos preuves déposées");
    assertThat(templates.render(NotificationEvent.TRANSITIONAL_CANDIDATURE_FEEDBACK, Language.FR, some).html())
        .contains("Déposez le reste de vos preuves").doesNotContain("Déposez vos preuves depuis");
    assertThat(templates.render(NotificationEvent.TRANSITIONAL_CANDIDATURE_FEEDBACK, Language.FR, all).text())
        .contains("Vous avez déclaré toutes vos preuves déposées").doesNotContain("Déposez");
    assertThat(templates.render(NotificationEvent.TRANSITIONAL_CANDIDATURE_FEEDBACK, Language.EN, all).html())
        .contains("You declared all your evidence deposited").doesNotContain("Deposit the rest");
  }

  @Test
  void shouldAskForTheCopyToTheCnpsInTheAcknowledgementOnlyWhenTheBrandNameDepositDidNotConfirmIt() {
    Map<String, Object> notSent = dossier("BRAND_NAME");
    notSent.put("cnpCopySent", false);
    notSent.put("tasklistLink", "https://parcours.example/camunda/app/tasklist/default/");
    assertThat(templates.render(NotificationEvent.ACKNOWLEDGEMENT_OF_RECEIPT, Language.FR, notSent).text())
        .contains("Ce que vous devez faire : envoyer une copie de la demande aux conseils nationaux professionnels"
            + " (CNP)", "« Envoyer la copie aux CNP »").doesNotContain("rien pour l’instant");
    assertThat(templates.render(NotificationEvent.ACKNOWLEDGEMENT_OF_RECEIPT, Language.EN, notSent).text())
        .contains("What you must do: send a copy of the application to the national professional councils");
    // walk 22: the task it names is linked, not Tasklist's home only
    assertThat(templates.render(NotificationEvent.ACKNOWLEDGEMENT_OF_RECEIPT, Language.FR, notSent).text())
        .contains("« Envoyer la copie aux CNP » :\nhttps://parcours.example/dossiers/DMN-2026-ABCDE/tache\n\nLes agences");
    assertThat(templates.render(NotificationEvent.ACKNOWLEDGEMENT_OF_RECEIPT, Language.EN, notSent).html())
        .contains("<a href=\"https://parcours.example/dossiers/DMN-2026-ABCDE/tache\"");
    Map<String, Object> pecan = dossier("PECAN");
    pecan.put("cnpCopySent", false);
    assertThat(templates.render(NotificationEvent.ACKNOWLEDGEMENT_OF_RECEIPT, Language.FR, pecan).text())
        .contains("Ce que vous devez faire : rien pour l’instant.").doesNotContain("CNP");
    // the copy's task has no time limit, and the mail says so; with nothing to do, the mail names the instruction's
    // last day and no "Délai : Aucun délai réglementaire…" under it (seen in the walk of 3 December 2026)
    assertThat(templates.render(NotificationEvent.ACKNOWLEDGEMENT_OF_RECEIPT, Language.FR, notSent).text())
        .contains("Délai : Aucun délai réglementaire ne s’applique à cette étape.");
    pecan.put("decisionDueDate", "1er février 2027");
    RenderedMail acknowledged = templates.render(NotificationEvent.ACKNOWLEDGEMENT_OF_RECEIPT, Language.FR, pecan);
    assertThat(acknowledged.text()).contains("L’instruction réglementaire court jusqu’au 1er février 2027 inclus.")
        .doesNotContain("Délai :", "Aucun délai");
    assertThat(acknowledged.html()).contains("1er février 2027").doesNotContain("Délai :", "Aucun délai");
    assertThat(templates.render(NotificationEvent.ACKNOWLEDGEMENT_OF_RECEIPT, Language.EN, pecan).text())
        .doesNotContain("Time limit:");
  }

  @Test
  void shouldSayInTheOpinionMailWhetherTheCnedimtsIsFavourableAndThatTheOpinionIsPublished() {
    // seen in the walk of 3 December 2026: the mail, sent once the HAS desk has published the opinion, did not say
    // which opinion, and said it "will be published"
    Map<String, Object> favourable = dossier("PECAN");
    favourable.put("tasklistLink", "https://parcours.example/camunda/app/tasklist/default/");
    favourable.put("cnedimtsDecision", "FAVOURABLE");
    RenderedMail french = templates.render(NotificationEvent.CNEDIMTS_OPINION, Language.FR, favourable);
    assertThat(french.text()).contains("La CNEDiMTS a rendu son avis sur CardioWatch : avis favorable. Il est"
        + " disponible sur Sésame et publié sur le site de la HAS.").doesNotContain("sera publié", "s’arrête");
    assertThat(french.html()).contains("avis favorable").doesNotContain("sera publié");
    assertThat(templates.render(NotificationEvent.CNEDIMTS_OPINION, Language.EN, favourable).text())
        .contains("opinion on CardioWatch: favourable. It is available on Sésame and published on the HAS website.");
    Map<String, Object> unfavourable = new HashMap<>(favourable);
    unfavourable.put("cnedimtsDecision", "UNFAVOURABLE");
    RenderedMail refused = templates.render(NotificationEvent.CNEDIMTS_OPINION, Language.FR, unfavourable);
    assertThat(refused.text()).contains("CardioWatch : avis défavorable.", "votre demande s’arrête là")
        .doesNotContain("avis favorable");
    assertThat(refused.html()).contains("avis défavorable", "votre demande s’arrête là");
    assertThat(templates.render(NotificationEvent.CNEDIMTS_OPINION, Language.EN, unfavourable).text())
        .contains("CardioWatch: unfavourable.", "your application stops here");
    // walk 11: a brand name's unfavourable opinion said the application stopped there, and the ministers then decided
    // on it (the opinion is advisory: seed 000, the pathway goes on to the decree or the refusal)
    Map<String, Object> brandName = new HashMap<>(unfavourable);
    brandName.put("pathway", "BRAND_NAME");
    RenderedMail advisory = templates.render(NotificationEvent.CNEDIMTS_OPINION, Language.FR, brandName);
    assertThat(advisory.text() + advisory.html()).contains("avis défavorable", "L’avis est consultatif : les ministres"
        + " décident de l’inscription au vu de cet avis, et un courriel vous dira leur décision.")
        .doesNotContain("s’arrête");
    RenderedMail advisoryEn = templates.render(NotificationEvent.CNEDIMTS_OPINION, Language.EN, brandName);
    assertThat(advisoryEn.text() + advisoryEn.html()).contains("The opinion is advisory").doesNotContain("stops here");
  }

  @Test
  void shouldTellAPecanVendorThatHerCertificateGoesToTheMinistersWithTheOpinion() {
    // seen in the walk of 3 December 2026: a PECAN vendor read "Vous pouvez désormais engager la suite de votre
    // parcours", while the rest of her application was already under way and nothing was hers to start
    Map<String, Object> pecan = dossier("PECAN");
    pecan.putAll(Map.of("certificateNumber", "CC-DMN-2026-ABCDE", "certificateIssuedAt", "3 décembre 2026"));
    String french = templates.render(NotificationEvent.CERTIFICATE_ISSUED, Language.FR, pecan).text();
    assertThat(french).contains("Votre demande de prise en charge anticipée suit son cours : les ministres décident"
        + " au vu de ce certificat et de l’avis de la CNEDiMTS").doesNotContain("engager la suite");
    assertThat(templates.render(NotificationEvent.CERTIFICATE_ISSUED, Language.FR, pecan).html())
        .contains("suit son cours").doesNotContain("engager la suite");
    assertThat(templates.render(NotificationEvent.CERTIFICATE_ISSUED, Language.EN, pecan).text())
        .contains("Your early coverage application goes on").doesNotContain("take the next steps");
    Map<String, Object> brandName = dossier("BRAND_NAME");
    brandName.putAll(Map.of("certificateNumber", "CC-DMN-2026-ABCDE", "certificateIssuedAt", "3 décembre 2026"));
    assertThat(templates.render(NotificationEvent.CERTIFICATE_ISSUED, Language.FR, brandName).text())
        .contains("Vous pouvez désormais engager la suite de votre parcours de prise en charge.")
        .doesNotContain("suit son cours");
    // walk 11: the certificate of a re-certification cycle (the candidature carried over from the one it follows)
    // told a vendor whose device was already covered to « engager la suite de votre parcours de prise en charge »
    Map<String, Object> cycle = dossier(null);
    cycle.putAll(Map.of("certificateNumber", "CC-DMN-2027-ABCDE", "certificateIssuedAt", "18 janvier 2027",
        "previousCertificateNumber", "CC-DMN-2026-ABCDE"));
    RenderedMail cycleFrench = templates.render(NotificationEvent.CERTIFICATE_ISSUED, Language.FR, cycle);
    assertThat(cycleFrench.text() + cycleFrench.html()).contains("Il fait suite au certificat n° CC-DMN-2026-ABCDE")
        .contains("ce nouveau cycle de certification du dispositif est terminé").doesNotContain("engager la suite");
    RenderedMail english = templates.render(NotificationEvent.CERTIFICATE_ISSUED, Language.EN, cycle);
    assertThat(english.text() + english.html()).contains("It follows certificate no. CC-DMN-2026-ABCDE")
        .doesNotContain("take the next steps");
  }

  /**
   * The billing code may come after the provisional certificate became final (the ANS found the evidence conforming
   * while the CNAM had the request): the mail then says the certificate is final, not that billing waits for it
   * (walk 7: « sous réserve que votre certificat provisoire devienne définitif » after « devenu définitif »).
   */
  @Test
  void shouldSayTheCertificateIsFinalInTheBillingCodeMailWhenItAlreadyIs() {
    Map<String, Object> provisional = dossier("GENERIC_LINE");
    provisional.put("billingCode", "FAC-0001");
    provisional.put("provisionalCertificateStatus", "PROVISIONAL");
    Map<String, Object> fin = new HashMap<>(provisional);
    fin.put("provisionalCertificateStatus", "FINAL");

    RenderedMail before = templates.render(NotificationEvent.BILLING_CODE_ALLOCATED, Language.FR, provisional);
    RenderedMail after = templates.render(NotificationEvent.BILLING_CODE_ALLOCATED, Language.FR, fin);
    RenderedMail afterEn = templates.render(NotificationEvent.BILLING_CODE_ALLOCATED, Language.EN, fin);

    assertThat(before.text()).contains("FAC-0001", "sous réserve que votre certificat provisoire devienne définitif");
    assertThat(after.text()).contains("FAC-0001", "Votre certificat est devenu définitif")
        .doesNotContain("sous réserve");
    assertThat(after.html()).contains("Votre certificat est devenu définitif").doesNotContain("sous réserve");
    assertThat(afterEn.text()).contains("has become final").doesNotContain("provided");
    assertThat(afterEn.html()).contains("has become final").doesNotContain("provided");
  }

  @Test
  void shouldTellTheVendorWhoseFilingsAreMadeThatNothingIsLeftWhenTheEarlyCoverageIsEnding() {
    // walk 8: both filings made, the reminder still asked for them "si ce n’est pas fait" and linked to no task
    Map<String, Object> none = dossier("PECAN");
    none.put("dueDate", "3 décembre 2027");
    none.put("reminderBefore", "1 mois");
    Map<String, Object> both = new HashMap<>(none);
    both.put("lpprFilingReference", "LPPR-2026-0099");
    both.put("latmFilingReference", "LATM-2026-0099");
    Map<String, Object> lpprOnly = new HashMap<>(none);
    lpprOnly.put("lpprFilingReference", "LPPR-2026-0099");
    for (Language language : Language.values()) {
      RenderedMail filed = templates.render(NotificationEvent.EARLY_COVERAGE_ENDING, language, both);
      assertThat(filed.text() + filed.html()).contains("LPPR-2026-0099", "LATM-2026-0099")
          .doesNotContain("/tache", "Déposer la demande LPPR", "Déposer la demande LATM");
      RenderedMail nothing = templates.render(NotificationEvent.EARLY_COVERAGE_ENDING, language, none);
      assertThat(nothing.text() + nothing.html()).contains("Déposer la demande LPPR", "Déposer la demande LATM", "/tache");
      RenderedMail half = templates.render(NotificationEvent.EARLY_COVERAGE_ENDING, language, lpprOnly);
      assertThat(half.text() + half.html()).contains("LPPR-2026-0099", "Déposer la demande LATM", "/tache")
          .doesNotContain("Déposer la demande LPPR");
    }
    assertThat(templates.render(NotificationEvent.EARLY_COVERAGE_ENDING, Language.FR, both).text())
        .contains("Vos demandes d’inscription sont déposées", "Rien d’autre n’est à faire de votre côté.")
        .doesNotContain("si ce n’est pas fait", "Délai :");
    // and its end: no open filing task said closed when both filings were made
    for (Language language : Language.values()) {
      RenderedMail ended = templates.render(NotificationEvent.EARLY_COVERAGE_ENDED, language, both);
      assertThat(ended.text() + ended.html()).contains("LPPR-2026-0099", "LATM-2026-0099")
          .doesNotContain("encore ouvertes", "still open");
      RenderedMail endedHalf = templates.render(NotificationEvent.EARLY_COVERAGE_ENDED, language, lpprOnly);
      assertThat(endedHalf.text()).containsAnyOf("encore ouvertes", "still open");
    }
    assertThat(templates.render(NotificationEvent.EARLY_COVERAGE_ENDING, Language.FR, none).html())
        .contains("depuis les tâches « Déposer la demande LPPR » et « Déposer la demande LATM »", "Délai : jusqu’au");
  }

  /**
   * Walk 11: the PECAN decision mail read three empty lines after its first paragraph (the brand name's blocks it does
   * not have each left its line), the brand name's two before its last paragraph. One empty line between paragraphs.
   */
  @Test
  void shouldLeaveOneEmptyLineBetweenTheParagraphsOfTheFavourableDecisionWhateverThePathwayLeavesOut() {
    Map<String, Object> pecan = dossier("PECAN");
    pecan.putAll(Map.of("lpprDueDate", "24 juin 2027", "latmDueDate", "24 septembre 2027"));
    Map<String, Object> brandName = dossier("BRAND_NAME");
    brandName.putAll(Map.of("publicationReference", "JORF n° 0277", "registrationEndsAt", "2 décembre 2031"));
    Map<String, Object> brandNameWithoutReference = dossier("BRAND_NAME");
    brandNameWithoutReference.put("registrationEndsAt", "2 décembre 2031");
    for (Language language : Language.values()) {
      for (Map<String, Object> model : List.of(pecan, brandName, brandNameWithoutReference)) {
        String text = templates.render(NotificationEvent.MINISTERS_DECISION_FAVOURABLE, language, model).text();
        assertThat(text).as(language + " " + model.get("pathway")).doesNotContain("\n\n\n");
      }
    }
  }
}
