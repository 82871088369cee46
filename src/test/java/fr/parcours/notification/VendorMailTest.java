package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMailUtil;
import fr.parcours.ans.AnsProcess;
import fr.parcours.notification.NotificationRecord.Status;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The mails of the ANS track, received by a real SMTP server, and their journal. */
class VendorMailTest extends ProcessTestBase {

  static final String CONTACT = "jean.dupont@medisoft.example";
  static final String LEGAL_REP = "alice.martin@medisoft.example";

  @Autowired NotificationJournal journal;
  @Autowired VendorMailer mailer;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  // ---- what the vendor receives ----

  @Test
  void shouldMailTheReceiptOfTheApplicationToContactAndLegalRepresentativeInFrench() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());

    List<MimeMessage> mails = mails("candidature reçue");
    assertThat(mails).hasSize(2);
    assertThat(mails).flatExtracting(mail -> Arrays.asList(mail.getRecipients(Message.RecipientType.TO)))
        .extracting(Object::toString).containsExactlyInAnyOrder(CONTACT, LEGAL_REP);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).isEqualTo("Dossier " + pi.getBusinessKey() + " : candidature reçue");
    assertThat(text(mail)).contains("Madame, Monsieur,", "MediSoft SAS", "CardioWatch (version 2.1)",
        "Votre dossier porte le numéro " + pi.getBusinessKey());
    assertThat(html(mail)).contains("<strong>CardioWatch</strong>").contains("lang=\"fr\"");

    List<NotificationRecord> rows = journal.ofDossier(pi.getId());
    assertThat(rows).hasSize(2).allSatisfy(row -> {
      assertThat(row.status()).isEqualTo(Status.SENT);
      assertThat(row.event()).isEqualTo("APPLICATION_RECEIVED");
      assertThat(row.language()).isEqualTo("FR");
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.dossierId()).isEqualTo(pi.getBusinessKey());
      assertThat(row.sentAt()).isEqualTo(T0);
      assertThat(row.messageId()).isNotBlank();
    });
    assertThat(rows).extracting(NotificationRecord::messageId)
        .containsExactlyInAnyOrder(mails.get(0).getMessageID(), mails.get(1).getMessageID());
  }

  /** Issue 19: "Candidature reçue" names the next step the vendor really has, and links to it. */
  @Test
  void shouldNameTheConvergenceAccountAsTheNextStepWhenTheVendorHasNone() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.with("hasConvergenceAccount", false));

    String received = lf(text(mails("candidature reçue").get(0)));
    assertThat(received).contains("Prochaine étape : demander l’ouverture du compte Convergence de MediSoft SAS")
        .doesNotContain("dossier administratif");
    assertThat(lf(text(mails("compte Convergence").get(0)))).contains("la tâche « Demander un compte Convergence »,"
        + " dans Tasklist :\nhttp://localhost:8080/dossiers/" + pi.getBusinessKey() + "/tache",
        "Délai : Aucun délai réglementaire ne s’applique à cette étape.");

    // when the ANS opens the account, the next task (the administrative dossier) is announced
    sendKbis("alice", pi);
    complete("alice", pi, "Task_RequestConvergenceAccount",
        Map.of("kbisProvided", true, "officerIdVerified", true, "representativeRegistered", true));
    complete("ana", pi, "Task_OpenConvergenceAccount", Map.of("convergenceAccountId", "CVG-1234"));
    assertThat(mails("compte Convergence ouvert")).hasSize(2).allSatisfy(mail -> assertThat(lf(text(mail)))
        .contains("la tâche « Déposer le dossier administratif », dans Tasklist :\nhttp://localhost:8080/dossiers/"
            + pi.getBusinessKey() + "/tache"));
  }

  @Test
  void shouldNameTheAdministrativeDossierAsTheNextStepWhenTheVendorHasAnAccount() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());

    assertThat(lf(text(mails("candidature reçue").get(0)))).contains("Prochaine étape : le dépôt du dossier administratif,"
        + " dans la tâche « Déposer le dossier administratif » :\nhttp://localhost:8080/dossiers/"
        + pi.getBusinessKey() + "/tache").doesNotContain("compte Convergence");
    // issue 20: every mail to the vendor links to the page where the dossier stands
    assertThat(lf(text(mails("candidature reçue").get(0)))).contains("Où en est votre dossier, ses délais et ses"
        + " courriels :\nhttp://localhost:8080/dossiers/" + pi.getBusinessKey() + "\n");
    assertThat(html(mails("candidature reçue").get(0))).contains("href=\"http://localhost:8080/dossiers/"
        + pi.getBusinessKey() + "\"");
  }

  /**
   * A crash between the SMTP server's acceptance and the journal's update sends the mail again when the job's
   * lock expires: the second copy carries the same Message-ID, so the recipient's mail program and an auditor
   * see one mail, and the journal shows both attempts.
   */
  @Test
  void shouldGiveTheCopySentAgainAfterACrashTheSameMessageId() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"), false);
    Job mailJob = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(
        "Event_NotifyAdministrativeFileReceived").singleResult();
    managementService.executeJob(mailJob.getId());
    String first = mails("dossier administratif reçu").stream().filter(this::toContact).findFirst().orElseThrow()
        .getMessageID();

    // as if the node had died after the SMTP server took the mail, before the journal said so
    jdbc.update("UPDATE parcours_notification SET status = 'PENDING', message_id = NULL WHERE recipient = ?"
        + " AND event = 'ADMINISTRATIVE_FILE_RECEIVED' AND process_instance_id = ?", CONTACT, pi.getId());
    String key = jdbc.queryForObject("SELECT notification_key FROM parcours_notification WHERE recipient = ?"
        + " AND event = 'ADMINISTRATIVE_FILE_RECEIVED' AND process_instance_id = ?", String.class, CONTACT, pi.getId());
    Notification again = new Notification(key, pi.getId(), pi.getBusinessKey(), "Event_NotifyAdministrativeFileReceived",
        NotificationEvent.ADMINISTRATIVE_FILE_RECEIVED, Language.FR,
        List.of(new Notification.Recipient(CONTACT, "contactEmail")), Map.of("dossierId", pi.getBusinessKey()), null);
    mailer.send(again);

    List<MimeMessage> copies = mails("dossier administratif reçu").stream().filter(this::toContact).toList();
    assertThat(copies).hasSize(2).extracting(MimeMessage::getMessageID).containsOnly(first);
    assertThat(journal.ofDossier(pi.getId())).filteredOn(row -> row.recipient().equals(CONTACT)
        && row.event().equals("ADMINISTRATIVE_FILE_RECEIVED")).singleElement()
        .satisfies(row -> {
          assertThat(row.attempts()).isEqualTo(2);
          assertThat(row.messageId()).isEqualTo(first);
        });
  }

  private boolean toContact(MimeMessage mail) {
    try {
      return mail.getRecipients(Message.RecipientType.TO)[0].toString().equals(CONTACT);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldWriteInEnglishWhenTheDossierAsksForIt() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY,
        Candidatures.with("correspondenceLanguage", "EN"));

    MimeMessage mail = mails("application received").get(0);
    assertThat(mail.getSubject()).isEqualTo("Dossier " + pi.getBusinessKey() + ": application received");
    assertThat(text(mail)).contains("Dear Sir or Madam,", "Your dossier number is " + pi.getBusinessKey());
    assertThat(journal.ofDossier(pi.getId())).extracting(NotificationRecord::language).containsOnly("EN");
  }

  @Test
  void shouldTellTheVendorTheLastDayIncludedWhenComplementsAreAskedAtThreeInTheAfternoon() throws Exception {
    // Given an English dossier whose evidence is under review
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.with("correspondenceLanguage", "EN"));
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    sendCompleteEvidence("alice", pi);
    complete("alice", pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));

    // When the ANS asks for complements on 3 March 2027 at 15:00 Paris (30 days)
    advanceTo(java.time.Instant.parse("2027-03-03T14:00:00Z"));
    complete("ana", pi, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS",
        "evidenceComment", "SECURITY 3.2: the audit logs are missing."));

    // Then the vendor reads the last day, included: 3 March is not counted, 2 April is whole
    MimeMessage complements = mails("complements requested").get(0);
    assertThat(complements.getSubject()).isEqualTo("Dossier " + pi.getBusinessKey()
        + ": complements requested until 2 April 2027 included");
    assertThat(text(complements)).contains("until 2 April 2027 included");
  }

  /**
   * The ANS asks for complements on day 10 of its 60 days (last day 1 January 2027) and the vendor answers on day 15:
   * its analysis time, paused from the request to the answer (both days counted, 6 days), runs again, and the mail
   * that tells her it has her complements gives the last day put back as its task's due date and the dossier page do.
   */
  @Test
  void shouldGiveTheAnsLastDayPutBackWhenItReceivesTheComplements() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete("alice", pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    sendCompleteEvidence("alice", pi);
    complete("alice", pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    advance(java.time.Duration.ofDays(10));
    complete("ana", pi, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS",
        "evidenceComment", "SECURITY 3.2 : les journaux d’audit manquent."));
    assertThat(mails("compléments reçus")).isEmpty();

    advance(java.time.Duration.ofDays(5));
    complete("alice", pi, "Task_ProvideComplements", Map.of("complementsAnswer", "Journaux ajoutés"));

    assertThat(task(pi, "Task_ReviewEvidence").getDueDate()).isEqualTo(lastMomentOfDay(66));
    List<MimeMessage> received = mails("Dossier " + pi.getBusinessKey() + " : compléments reçus, l’ANS achève son"
        + " analyse au plus tard le 7 janvier 2027");
    assertThat(received).as("to the contact and the legal representative").hasSize(2);
    assertThat(text(received.get(0))).contains("L’ANS a reçu vos compléments et reprend l’instruction de vos preuves.",
        "Son délai d’analyse, suspendu pendant qu’elle attendait vos compléments, court de nouveau et son dernier jour"
            + " est reporté d’autant : l’ANS achève son analyse au plus tard le 7 janvier 2027 inclus.",
        "http://localhost:8080/dossiers/" + pi.getBusinessKey());
    assertThat(html(received.get(0))).contains("au plus tard le <strong>7 janvier 2027</strong> inclus");
  }

  @Test
  void shouldRemindOnlyWhenTheWindowsRowSaysRemindBefore() throws Exception {
    // Given two reminder steps: one of ANS_ANALYSIS, whose row has no "Remind before", one of ANS_COMPLEMENTS (P7D)
    deployMailSteps("reminder-check", "Event_RemindAnalysis", "WINDOW_CLOSING_REMINDER", "ANS_ANALYSIS",
        "Event_RemindComplements", "WINDOW_CLOSING_REMINDER", "ANS_COMPLEMENTS");

    // When a dossier passes both
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("reminder-check", "DMN-2026-REMIND",
        Map.of("dossierId", "DMN-2026-REMIND", "contactEmail", "jean.dupont@medisoft.example"));
    executeJobs(pi);

    // Then only the window whose row says so reminds the vendor
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(mails("rappel")).hasSize(1).allSatisfy(mail -> assertThat(text(mail)).contains("7 jours"));
  }

  /**
   * Issue 19: when the CNEDiMTS or the ministers ask for complements, the vendor reads what is asked, the length
   * the agency gave (or the table's), the last day included and the task. The steps are deployed on their own
   * here; the tracks name them on their "complements needed" flow (CnedimtsOpinionTrackTest, MinistersDecisionTrackTest).
   */
  @Test
  void shouldTellTheVendorTheLengthTheAgencyGaveAndItsLastDayWhenComplementsAreAsked() throws Exception {
    // Given one step per mail, each naming its window
    deployMailSteps("complements-mails", "Event_NotifyCnedimts", "CNEDIMTS_COMPLEMENTS_REQUESTED",
        "CNEDIMTS_COMPLEMENTS", "Event_NotifyMinisters", "MINISTERS_COMPLEMENTS_REQUESTED", "MINISTERS_COMPLEMENTS");

    // When a brand-name dossier (the CNEDiMTS sets its length: it gave 21 days) is asked on 2 November 2026
    Map<String, Object> brandName = new HashMap<>(Map.of("dossierId", "DMN-2026-BRAND", "pathway", "BRAND_NAME",
        "contactEmail", CONTACT, "softwareName", "CardioWatch", "window_CNEDIMTS_COMPLEMENTS_days", 21,
        "window_MINISTERS_COMPLEMENTS_days", 15, "cnedimtsComment", "L'étude clinique <complète>",
        "ministersComment", "Le prix envisagé"));
    executeJobs(runtimeService.startProcessInstanceByKey("complements-mails", "DMN-2026-BRAND", brandName));
    // and a PECAN dossier, whose lengths the table sets (30 and 10 days)
    executeJobs(runtimeService.startProcessInstanceByKey("complements-mails", "DMN-2026-PECAN", Map.of(
        "dossierId", "DMN-2026-PECAN", "pathway", "PECAN", "contactEmail", CONTACT, "softwareName", "CardioWatch",
        "cnedimtsComment", "Les données de suivi", "ministersComment", "Le tarif", "correspondenceLanguage", "EN")));

    // and a generic-line dossier, whose ministers' 60 days stop while they wait for the vendor (row PAUSES)
    // (no CNEDiMTS in that pathway: the ministers' step alone)
    deployMailSteps("ministers-complements-mail", "Event_NotifyMinisters", "MINISTERS_COMPLEMENTS_REQUESTED",
        "MINISTERS_COMPLEMENTS");
    executeJobs(runtimeService.startProcessInstanceByKey("ministers-complements-mail", "DMN-2026-GENER", Map.of(
        "dossierId", "DMN-2026-GENER", "pathway", "GENERIC_LINE", "contactEmail", CONTACT, "softwareName",
        "CardioWatch", "ministersComment", "L’étude clinique")));

    // Then each mail gives what is asked, the length, the last day included and the task, in the dossier's language
    MimeMessage cnedimts = mails("DMN-2026-BRAND : la CNEDiMTS demande des compléments").get(0);
    assertThat(cnedimts.getSubject()).isEqualTo(
        "Dossier DMN-2026-BRAND : la CNEDiMTS demande des compléments jusqu’au 23 novembre 2026 inclus");
    assertThat(lf(text(cnedimts))).contains("L'étude clinique <complète>",
        "La commission vous accorde un délai de 21 jours : transmettez-les jusqu’au 23 novembre 2026 inclus.",
        "la tâche « Fournir des compléments à la CNEDiMTS », dans Tasklist :\nhttp://localhost:8080/dossiers/DMN-2026-BRAND/tache",
        "Délai : jusqu’au 23 novembre 2026 inclus.");
    assertThat(html(cnedimts)).contains("L&#39;étude clinique &lt;complète&gt;")
        .contains("<a href=\"http://localhost:8080/dossiers/DMN-2026-BRAND/tache/complements-mails\"");
    assertThat(lf(text(mails("DMN-2026-BRAND : les ministres demandent des compléments").get(0)))).contains(
        "Le prix envisagé", "Ils vous accordent un délai de 15 jours : transmettez-les jusqu’au 17 novembre 2026 inclus.",
        "la tâche « Fournir des compléments aux ministres »").doesNotContain("suspendu");
    // the generic line's says that the ministers' own time stops meanwhile, as its dossier page shows it
    MimeMessage generic = mails("DMN-2026-GENER : les ministres demandent des compléments").get(0);
    assertThat(lf(text(generic))).contains("transmettez-les jusqu’au 17 novembre 2026 inclus. Passé ce délai, la"
        + " demande sera réputée abandonnée. Le délai des ministres pour décider est suspendu du jour de cette demande"
        + " au jour où vos compléments sont reçus, l’un et l’autre compris ; la page de votre dossier en donne le dernier"
        + " jour, reporté d’autant.");
    assertThat(html(generic)).contains("Le délai des ministres pour décider est suspendu");
    assertThat(lf(text(mails("DMN-2026-PECAN: the CNEDiMTS asks for complements").get(0)))).contains(
        "The commission gives you 30 days: send them until 2 December 2026 included.");
    assertThat(lf(text(mails("DMN-2026-PECAN: the ministers ask for complements").get(0)))).contains(
        "They give you 10 days: send them until 12 November 2026 included.",
        "\"Fournir des compléments aux ministres\" (Provide complements to the ministers), in Tasklist:\n"
            + "http://localhost:8080/dossiers/DMN-2026-PECAN/tache").doesNotContain("suspended");
  }

  /** Issue 20: the ETAPES vendor's provisional certificate is a document, attached to its mail and kept. */
  @Test
  void shouldAttachTheProvisionalCertificateToItsMailAndKeepIt() throws Exception {
    deployMailSteps("provisional-mail", "Event_NotifyProvisional", "PROVISIONAL_CERTIFICATE_ISSUED",
        "GENERIC_BILLING_CODE");
    executeJobs(runtimeService.startProcessInstanceByKey("provisional-mail", "DMN-2026-ETAPES", Map.of(
        "dossierId", "DMN-2026-ETAPES", "pathway", "GENERIC_LINE", "contactEmail", CONTACT,
        "companyName", "MediSoft SAS", "softwareName", "CardioWatch", "softwareVersion", "2.1",
        "provisionalCertificateNumber", "CP-2026-0042")));

    MimeMessage mail = mails("DMN-2026-ETAPES : certificat provisoire").get(0);
    // the billing code's window from the deadlines table (row GENERIC_BILLING_CODE of the generic line)
    assertThat(lf(text(mail))).contains("Le certificat provisoire est joint à ce message (PDF)",
        "le code vous est attribué par indication sous 15 jours.").doesNotContain("lengths", "GENERIC_BILLING_CODE");
    Part pdf = attachment(mail);
    assertThat(pdf.getFileName()).isEqualTo("certificat-provisoire-CP-2026-0042.pdf");
    byte[] attached = pdf.getInputStream().readAllBytes();
    assertThat(jdbc.queryForList("SELECT sha256 FROM parcours_document WHERE dossier_id = ?"
        + " AND kind = 'provisional-certificate'", String.class, "DMN-2026-ETAPES"))
        .containsExactly(DossierDocuments.sha256(attached));
  }

  @Test
  void shouldMailEachStepOfTheTrackUpToTheCertificateWithThePdfAttached() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    assertThat(mails("dossier administratif reçu")).hasSize(2);
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    assertThat(mails("candidature recevable")).hasSize(2).allSatisfy(mail -> assertThat(text(mail))
        .doesNotContain("séparément").contains("« Signer la convention »"));
    assertThat(mails("convention à signer")).hasSize(2).allSatisfy(mail -> {
      assertThat(lf(text(mail))).contains("la tâche « Signer la convention », dans Tasklist :\n"
          + "http://localhost:8080/dossiers/" + pi.getBusinessKey() + "/tache",
          "Délai : Aucun délai réglementaire ne s’applique à cette étape.");
      // the link names the part of the dossier the mail comes from
      assertThat(html(mail)).contains("<a href=\"http://localhost:8080/dossiers/" + pi.getBusinessKey()
          + "/tache/ans-certification\"");
    });
    complete("alice", pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    // the vendor's next task arrives: a mail says so, with the task and the evidence page
    assertThat(mails("dépôt des preuves ouvert")).hasSize(2).allSatisfy(mail -> assertThat(lf(text(mail)))
        .contains("la tâche « Déposer les preuves », dans Tasklist :\nhttp://localhost:8080/dossiers/"
            + pi.getBusinessKey() + "/tache", "http://localhost:8080/evidence/" + pi.getBusinessKey(),
            "Délai : Aucun délai réglementaire ne s’applique à cette étape."));
    sendCompleteEvidence("alice", pi);
    complete("alice", pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    // the ANS's last day, from the window that dates its task and that the dossier page shows (60 days from today)
    assertThat(task(pi, "Task_ReviewEvidence").getDueDate().toInstant().atZone(java.time.ZoneId.of("Europe/Paris"))
        .toLocalDate()).isEqualTo(java.time.LocalDate.of(2027, 1, 1));
    assertThat(mails("dossier de preuves complet reçu")).hasSize(2).allSatisfy(mail -> {
      assertThat(text(mail)).contains("Le délai d’analyse de l’ANS court depuis la réception de vos preuves complètes :"
          + " elle achève son analyse au plus tard le 1er janvier 2027 inclus. Si elle vous demande des compléments,"
          + " ce délai est suspendu jusqu’à votre réponse et ce dernier jour reporté d’autant").doesNotContain("lui,");
      assertThat(html(mail)).contains("au plus tard le <strong>1er janvier 2027</strong> inclus");
    });
    complete("ana", pi, "Task_ReviewEvidence", Map.of("evidenceDecision", "COMPLEMENTS",
        "evidenceComment", "SECURITY 3.2 : les journaux d’audit manquent."));

    MimeMessage complements = mails("compléments demandés").get(0);
    assertThat(complements.getSubject()).isEqualTo("Dossier " + pi.getBusinessKey()
        + " : compléments demandés jusqu’au 2 décembre 2026 inclus");
    assertThat(text(complements)).contains("SECURITY 3.2 : les journaux d’audit manquent.",
        "jusqu’au 2 décembre 2026 inclus");
    assertThat(html(complements)).contains("jusqu’au <strong>2 décembre 2026</strong> inclus");
    assertThat(attachment(complements).getFileName()).as("the request, as a document")
        .isEqualTo("demande-de-complements-" + pi.getBusinessKey() + ".pdf");
    assertThat(text(complements)).contains("http://localhost:8080/dossiers/" + pi.getBusinessKey() + "/tache",
        "http://localhost:8080/evidence/" + pi.getBusinessKey(), "Délai : jusqu’au 2 décembre 2026 inclus.");

    complete("alice", pi, "Task_ProvideComplements", Map.of("complementsAnswer", "Logs added"));
    Map<String, Object> conforms = new HashMap<>();
    conforms.put("evidenceDecision", "CONFORMS");
    conforms.put("evidenceComment", null);
    complete("ana", pi, "Task_ReviewEvidence", conforms);

    MimeMessage certificate = mails("certificat de conformité délivré").get(0);
    assertThat(text(certificate)).contains("n° CC-" + pi.getBusinessKey(), "le 2 novembre 2026");
    Part pdf = attachment(certificate);
    assertThat(pdf.getFileName()).isEqualTo("certificat-CC-" + pi.getBusinessKey() + ".pdf");
    assertThat(pdf.getContentType()).startsWith("application/pdf");
    // opened as a reader opens it: its text, accents included
    byte[] attached = pdf.getInputStream().readAllBytes();
    // kept with the dossier: the very bytes attached, by their SHA-256
    assertThat(jdbc.queryForList("SELECT sha256 FROM parcours_document WHERE dossier_id = ?"
        + " AND kind = 'certificate-of-conformity'", String.class, pi.getBusinessKey()))
        .containsExactly(DossierDocuments.sha256(attached));
    assertThat(jdbc.queryForList("SELECT kind FROM parcours_document WHERE dossier_id = ? ORDER BY created_at",
        String.class, pi.getBusinessKey())).containsExactly("complements-request", "certificate-of-conformity");
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(attached)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      // kept to be looked at: target/documents/certificate-of-conformity.png
      java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "documents"));
      javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 80),
          "png", java.nio.file.Paths.get("target", "documents", "certificate-of-conformity.png").toFile());
      org.apache.pdfbox.text.PDFTextStripper reader = new org.apache.pdfbox.text.PDFTextStripper();
      reader.setSortByPosition(true); // in reading order, bold words in their line
      String text = reader.getText(document).replaceAll("\\s+", " ");
      assertThat(text).contains("Certificat de conformité", "n° CC-" + pi.getBusinessKey(),
          "délivré le 2 novembre 2026", "MediSoft SAS (SIREN", "CardioWatch, version 2.1",
          "référentiel d’interopérabilité et de sécurité de l’ANS", "Agence du numérique en santé (ANS) — plateforme");
      assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Certificat de conformité CC-"
          + pi.getBusinessKey());
    }

    assertThat(journal.ofDossier(pi.getId())).extracting(NotificationRecord::event).containsExactlyInAnyOrder(
        "APPLICATION_RECEIVED", "APPLICATION_RECEIVED", "ADMINISTRATIVE_FILE_RECEIVED",
        "ADMINISTRATIVE_FILE_RECEIVED", "ADMISSIBLE", "ADMISSIBLE", "CONVENTION_TO_SIGN", "CONVENTION_TO_SIGN",
        "EVIDENCE_DEPOSIT_OPEN", "EVIDENCE_DEPOSIT_OPEN", "EVIDENCE_RECEIVED", "EVIDENCE_RECEIVED", "COMPLEMENTS_REQUESTED", "COMPLEMENTS_REQUESTED",
        "COMPLEMENTS_RECEIVED", "COMPLEMENTS_RECEIVED", "CERTIFICATE_ISSUED", "CERTIFICATE_ISSUED");
  }

  @Test
  void shouldGiveTheReasonsOfInadmissibilityEscapedInHtml() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete("ana", pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "INADMISSIBLE",
        "admissibilityComment", "Pas un dispositif <script>alert('x')</script> & co"));

    MimeMessage mail = mails("non recevable").get(0);
    assertThat(html(mail)).contains("Pas un dispositif &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
        .doesNotContain("<script>");
    assertThat(text(mail)).contains("Pas un dispositif <script>alert('x')</script> & co");
  }

  // ---- failures ----

  @Test
  void shouldRaiseAnIncidentWhileSmtpIsDownAndSendOnceWhenItIsBackAndTheIncidentResolved() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
    MAIL.stop();
    long started = System.nanoTime();
    as("alice", () -> formService.submitTaskForm(task(pi, "Task_DepositAdministrativeDossier").getId(),
        Map.of("depositAction", "SUBMIT")));
    assertThat((System.nanoTime() - started) / 1_000_000).as("the vendor does not wait for SMTP").isLessThan(2_000);

    Job mailJob = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(
        "Event_NotifyAdministrativeFileReceived").singleResult();
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(mailJob.getId())).isInstanceOf(ProcessEngineException.class);
    }
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Event_NotifyAdministrativeFileReceived");
    assertThat(incident.getIncidentMessage())
        .startsWith("Le courriel « administrative-file-received » du dossier "
            + runtimeService.getVariable(pi.getId(), "dossierId") + " n’est pas parti. Le serveur SMTP n’a pas pris le"
            + " courriel à ")
        .contains("Le serveur SMTP n’a pas pris le courriel à " + CONTACT + " : « ")
        .endsWith(" ». Une fois la cause corrigée, dans Cockpit, « Réessayer » sur l’incident : qui l’a déjà reçu ne"
            + " le reçoit pas deux fois.")
        .doesNotContain("Il refuse cette adresse pour de bon");
    assertThat(journal.ofDossier(pi.getId())).filteredOn(row -> row.event().equals("ADMINISTRATIVE_FILE_RECEIVED"))
        .hasSize(2).allSatisfy(row -> {
          assertThat(row.status()).isEqualTo(Status.FAILED);
          assertThat(row.attempts()).isEqualTo(5);
        });

    MAIL.start();
    managementService.setJobRetries(mailJob.getId(), 1); // "Retry" in Cockpit
    executeJobs(pi);

    assertThat(mails("dossier administratif reçu")).hasSize(2);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(task(pi, "Task_ReviewAdmissibility")).isNotNull();
    assertThat(journal.ofDossier(pi.getId())).filteredOn(row -> row.event().equals("ADMINISTRATIVE_FILE_RECEIVED"))
        .hasSize(2).allSatisfy(row -> {
          assertThat(row.status()).isEqualTo(Status.SENT);
          assertThat(row.attempts()).isEqualTo(6);
        });
  }

  /**
   * A mail step is one job (MailStepParseListener): what follows the mail runs in the same job. When it fails, the
   * job rolls back and is retried; the journal, committed apart, keeps the retries from sending the mail again.
   */
  @Test
  void shouldSendOnceWhenWhatFollowsTheMailInItsJobFailsAndTheJobIsRetried() throws Exception {
    String bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="http://parcours.example/test">
          <message id="Message_Received" name="Message_Received"/>
          <process id="mail-then-failure" isExecutable="true" camunda:historyTimeToLive="30">
            <startEvent id="StartEvent_Check"/>
            <sequenceFlow id="Flow_1" sourceRef="StartEvent_Check" targetRef="Event_NotifyReceived"/>
            <intermediateThrowEvent id="Event_NotifyReceived">
              <extensionElements><camunda:properties><camunda:property name="mail" value="APPLICATION_RECEIVED"/>
              </camunda:properties></extensionElements>
              <messageEventDefinition messageRef="Message_Received"/>
            </intermediateThrowEvent>
            <sequenceFlow id="Flow_2" sourceRef="Event_NotifyReceived" targetRef="Task_AfterTheMail"/>
            <serviceTask id="Task_AfterTheMail" camunda:expression="${afterTheMailWorks ? 'done' : notABean.fail()}"/>
            <sequenceFlow id="Flow_3" sourceRef="Task_AfterTheMail" targetRef="EndEvent_Done"/>
            <endEvent id="EndEvent_Done"/>
          </process>
        </definitions>
        """;
    String deployment = repositoryService.createDeployment().addString("mail-then-failure.bpmn", bpmn).deploy().getId();
    try {
      ProcessInstance pi = runtimeService.startProcessInstanceByKey("mail-then-failure", "PAR-ONE-JOB",
          Map.of("contactEmail", CONTACT, "dossierId", "PAR-ONE-JOB", "afterTheMailWorks", false));
      assertThat(managementService.createJobDefinitionQuery().processDefinitionId(pi.getProcessDefinitionId()).list())
          .extracting(org.camunda.bpm.engine.management.JobDefinition::getJobConfiguration)
          .containsExactly("async-before");
      Job mailJob = managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();

      for (int attempt = 1; attempt <= 2; attempt++) {
        assertThatThrownBy(() -> managementService.executeJob(mailJob.getId())).hasMessageContaining("notABean");
        assertThat(mails("candidature reçue")).as("attempt " + attempt).hasSize(1);
        Job failed = managementService.createJobQuery().jobId(mailJob.getId()).singleResult();
        assertThat(failed.getRetries()).as("the step's retry cycle counts down").isEqualTo(5 - attempt);
        assertThat(failed.getExceptionMessage()).contains("notABean");
      }
      runtimeService.setVariable(pi.getId(), "afterTheMailWorks", true);
      managementService.executeJob(mailJob.getId());

      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
      assertThat(mails("candidature reçue")).singleElement().satisfies(mail ->
          assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(CONTACT));
      assertThat(journal.ofDossier(pi.getId())).singleElement().satisfies(row -> {
        assertThat(row.status()).isEqualTo(Status.SENT);
        assertThat(row.attempts()).as("the retries read the journal and sent nothing").isEqualTo(1);
      });
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  @Test
  void shouldRaiseAFrenchIncidentAtOnceWhenTheDossierHasNoAddressLeft() {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"), false);
    // bad input: both addresses removed by hand (Cockpit) before the mail goes out
    runtimeService.removeVariables(pi.getId(), List.of("contactEmail", "legalRepEmail"));

    Job mailJob = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(
        "Event_NotifyAdministrativeFileReceived").singleResult();
    assertThatThrownBy(() -> managementService.executeJob(mailJob.getId())).isInstanceOf(ProcessEngineException.class);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getIncidentMessage())
        .isEqualTo("Le dossier " + runtimeService.getVariable(pi.getId(), "dossierId") + " n’a aucune adresse"
            + " électronique où écrire (contactEmail, legalRepEmail sont vides) : donnez-en une dans le dossier, puis,"
            + " dans Cockpit, « Réessayer » sur l’incident.");
  }

  @Test
  void shouldSendNobodyTwiceWhenARetriedJobFindsPartOfTheMailsAlreadySent() throws Exception {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
    complete("alice", pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"), false);
    // the address checked at entry, then changed by hand (Cockpit) before the mail goes out
    runtimeService.setVariable(pi.getId(), "contactEmail", "jean.dupont@@medisoft");

    Job mailJob = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(
        "Event_NotifyAdministrativeFileReceived").singleResult();
    String cockpitSays = "Le courriel « administrative-file-received » du dossier "
        + runtimeService.getVariable(pi.getId(), "dossierId") + " n’est pas parti. L’adresse « jean.dupont@@medisoft »"
        + " (variable contactEmail) n’est pas une adresse électronique valable : corrigez-la dans le dossier. Une fois"
        + " la cause corrigée, dans Cockpit, « Réessayer » sur l’incident : qui l’a déjà reçu ne le reçoit pas deux"
        + " fois.";
    assertThatThrownBy(() -> managementService.executeJob(mailJob.getId())).hasMessage(cockpitSays);
    // no retry can mend an address: the incident is there at once, not after the 5 tries of the step
    assertThat(managementService.createJobQuery().jobId(mailJob.getId()).singleResult().getRetries()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getIncidentMessage())
        .isEqualTo(cockpitSays);
    assertThatThrownBy(() -> managementService.executeJob(mailJob.getId())).isInstanceOf(ProcessEngineException.class);
    assertThat(mails("dossier administratif reçu")).as("the legal representative's mail went out once").hasSize(1);

    runtimeService.setVariable(pi.getId(), "contactEmail", CONTACT);
    managementService.setJobRetries(mailJob.getId(), 1); // Cockpit's "Retry" on the incident
    assertThat(managementService.createJobQuery().jobId(mailJob.getId()).executable().count())
        .as("retried, the job is due at once, not at the next try of its retry cycle").isOne();
    executeJobs(pi);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();

    assertThat(mails("dossier administratif reçu")).extracting(mail -> mail.getRecipients(Message.RecipientType.TO)[0]
        .toString()).containsExactlyInAnyOrder(LEGAL_REP, CONTACT);
    assertThat(journal.ofDossier(pi.getId())).filteredOn(row -> row.event().equals("ADMINISTRATIVE_FILE_RECEIVED"))
        .extracting(NotificationRecord::recipient, NotificationRecord::status, NotificationRecord::attempts)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(LEGAL_REP, Status.SENT, 1),
            org.assertj.core.groups.Tuple.tuple("jean.dupont@@medisoft", Status.FAILED, 2),
            org.assertj.core.groups.Tuple.tuple(CONTACT, Status.SENT, 1));
  }

  @Test
  void shouldRefuseAMailAddressWithALineBreakAtEntry() {
    for (String field : List.of("contactEmail", "legalRepEmail")) {
      assertThatThrownBy(() -> startApplication("alice", AnsProcess.KEY,
          Candidatures.with(field, "jean.dupont@medisoft.example\r\nBcc: everyone@example.org")))
          .hasMessageContaining("La candidature ne peut pas être acceptée").hasMessageContaining("doit tenir sur une ligne");
    }
    for (String field : List.of("contactName", "legalRepName")) {
      assertThatThrownBy(() -> startApplication("alice", AnsProcess.KEY,
          Candidatures.with(field, "Jean Dupont\r\nBcc: everyone@example.org")))
          .hasMessageContaining("La candidature ne peut pas être acceptée").hasMessageContaining("doit tenir sur une ligne");
    }
    assertThat(MAIL.getReceivedMessages()).isEmpty();
  }

  // ---- helpers ----

  private void complete(String user, ProcessInstance pi, String taskKey, Map<String, Object> variables,
      boolean runJobs) {
    as(user, () -> formService.submitTaskForm(task(pi, taskKey).getId(), variables));
  }

  /** The text as written in the template: SMTP carries CRLF line ends. */
  /**
   * Deploys a process made of notification steps one after the other, each given as three strings: its id,
   * its mail and its window.
   */
  private void deployMailSteps(String processId, String... steps) {
    StringBuilder elements = new StringBuilder();
    String previous = "StartEvent_Go";
    for (int i = 0; i < steps.length; i += 3) {
      elements.append("""
          <bpmn:intermediateThrowEvent id="%s"><bpmn:extensionElements><camunda:properties>
          <camunda:property name="mail" value="%s"/><camunda:property name="window" value="%s"/>
          </camunda:properties></bpmn:extensionElements><bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>
          <bpmn:sequenceFlow id="Flow_%d" sourceRef="%s" targetRef="%s"/>
          """.formatted(steps[i], steps[i + 1], steps[i + 2], i, previous, steps[i]));
      previous = steps[i];
    }
    String xml = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://parcours.fr/test">
        <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
        <bpmn:startEvent id="StartEvent_Go"/>
        %s
        <bpmn:endEvent id="EndEvent_Done"/>
        <bpmn:sequenceFlow id="Flow_End" sourceRef="%s" targetRef="EndEvent_Done"/>
        </bpmn:process></bpmn:definitions>""".formatted(processId, elements, previous);
    repositoryService.createDeployment().addString(processId + ".bpmn", xml).deploy();
  }

  private static String lf(String text) {
    return text.replace("\r\n", "\n");
  }

  @SuppressWarnings("unused")
  private static String body(MimeMessage mail) {
    return GreenMailUtil.getBody(mail);
  }
}
