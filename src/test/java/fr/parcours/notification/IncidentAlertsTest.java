package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.ans.AnsProcess;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An incident stops a dossier until someone retries it in Cockpit: the administrators and the process owners are
 * mailed when it is raised, not left to find it.
 */
class IncidentAlertsTest extends ProcessTestBase {

  static final String MAIL_STEP = "Event_NotifyAdministrativeFileReceived";

  @Autowired IncidentAlerts alerts;
  @Autowired MailTemplates templates;
  @Autowired PublicLinks links;

  @BeforeEach
  void asAFreshNode() {
    alerts.forget();
  }

  /** A dossier whose mail step fails at once: both its addresses removed by hand (Cockpit) before the mail goes. */
  ProcessInstance dossierStoppedAtItsMail() {
    ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
    // the deposit submitted through its form, the mail step's job left for the test to run
    as("alice", () -> formService.submitTaskForm(task(pi, "Task_DepositAdministrativeDossier").getId(),
        Map.of("depositAction", "SUBMIT")));
    runtimeService.removeVariables(pi.getId(), List.of("contactEmail", "legalRepEmail"));
    Job mailJob = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(MAIL_STEP)
        .singleResult();
    assertThatThrownBy(() -> managementService.executeJob(mailJob.getId())).isInstanceOf(ProcessEngineException.class);
    return pi;
  }

  static String recipient(MimeMessage mail) throws Exception {
    return mail.getRecipients(Message.RecipientType.TO)[0].toString();
  }

  @Test
  void shouldMailTheAdministratorsAndProcessOwnersOnceWhenAnIncidentStopsADossier() throws Exception {
    ProcessInstance pi = dossierStoppedAtItsMail();
    String dossierId = (String) runtimeService.getVariable(pi.getId(), "dossierId");
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    String stepName = repositoryService.getBpmnModelInstance(pi.getProcessDefinitionId())
        .getModelElementById(MAIL_STEP).getAttributeValue("name").replaceAll("\\s+", " ").trim();

    List<MimeMessage> alerted = mails("Incident : le dossier " + dossierId);
    assertThat(alerted).extracting(IncidentAlertsTest::recipient)
        .containsExactlyInAnyOrder("admin@parcours.example", "paul@parcours.example");
    MimeMessage mail = alerted.get(0);
    assertThat(mail.getSubject()).isEqualTo("Incident : le dossier " + dossierId + " est arrêté à l’étape « "
        + stepName + " »");
    String body = text(mail);
    assertThat(body).contains(incident.getIncidentMessage().substring(0, 40))
        .contains(links.cockpitInstance(pi.getId()))
        .contains("/dossiers/" + dossierId)
        .contains("« Réessayer » sur l’incident");
    assertThat(links.cockpitInstance(pi.getId())).endsWith("/camunda/app/cockpit/default/#/process-instance/"
        + pi.getId() + "/runtime");

    // the job run again without a fix: the same incident, no second mail
    Job mailJob = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(MAIL_STEP)
        .singleResult();
    assertThatThrownBy(() -> managementService.executeJob(mailJob.getId())).isInstanceOf(ProcessEngineException.class);
    assertThat(mails("Incident : le dossier " + dossierId)).hasSize(2);
    assertThat(mails("Incident")).extracting(IncidentAlertsTest::recipient)
        .as("a vendor is never sent the alert").allMatch(address -> address.endsWith("@parcours.example"));
  }

  @Test
  void shouldCountTheIncidentsOfAStepWithinTheHourAndNameThemInItsNextMail() throws Exception {
    ProcessInstance first = dossierStoppedAtItsMail();
    ProcessInstance second = dossierStoppedAtItsMail();
    advance(Duration.ofMinutes(59));
    ProcessInstance third = dossierStoppedAtItsMail();
    assertThat(mails("Incident : le dossier " + runtimeService.getVariable(first.getId(), "dossierId"))).hasSize(2);
    assertThat(mails("Incident : le dossier " + runtimeService.getVariable(second.getId(), "dossierId")))
        .as("within the hour of the step's last mail").isEmpty();
    assertThat(mails("Incident : le dossier " + runtimeService.getVariable(third.getId(), "dossierId"))).isEmpty();

    advance(Duration.ofMinutes(2));
    ProcessInstance fourth = dossierStoppedAtItsMail();
    List<MimeMessage> next = mails("Incident : le dossier " + runtimeService.getVariable(fourth.getId(), "dossierId"));
    assertThat(next).hasSize(2);
    assertThat(text(next.get(0)))
        .contains("2 autre(s) incident(s) l’ont touchée sans courriel : Cockpit les liste tous");
    for (ProcessInstance each : List.of(first, second, third, fourth)) {
      assertThat(runtimeService.createIncidentQuery().processInstanceId(each.getId()).count())
          .as("every incident is in Cockpit, mailed or not").isOne();
    }
  }

  /**
   * Incidents of one step raised at once on several threads reach this bean in their commits' order: one raised a
   * moment before the step's mail is counted like one raised after it (attack 23: it was mailed, and the count lost).
   * The incident's message is the engine's, or an exception's that may quote a value a vendor typed: it is escaped.
   */
  @Test
  void shouldCountAnIncidentRaisedJustBeforeTheStepsMailAndEscapeItsMessage() throws Exception {
    Instant now = Instant.now();
    alerts.raised(alert("DMN-2026-AAAAA", "Le serveur a refusé <b>x</b> & <script>alert(1)</script>", now));
    alerts.raised(alert("DMN-2026-BBBBB", "Commis après le premier.", now.minusSeconds(1)));
    assertThat(mails("Incident : le dossier DMN-2026-BBBBB")).as("counted with the step's mail").isEmpty();
    MimeMessage first = mails("Incident : le dossier DMN-2026-AAAAA").get(0);
    assertThat(html(first)).contains("Le serveur a refusé &lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;")
        .doesNotContain("<script>").doesNotContain("<b>x</b>");

    alerts.raised(alert("DMN-2026-CCCCC", "Une heure plus tard.", now.plus(Duration.ofMinutes(61))));
    assertThat(text(mails("Incident : le dossier DMN-2026-CCCCC").get(0)))
        .contains("1 autre(s) incident(s) l’ont touchée sans courriel");
  }

  private static IncidentAlert alert(String dossierId, String message, Instant raisedAt) {
    return new IncidentAlert("ans-certification/" + MAIL_STEP, dossierId, "pi-" + dossierId, "Certification ANS",
        "Courriel", message, raisedAt, List.of("admin@parcours.example"));
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void shouldWriteToTheLogWhenNobodyHasAnAddressAndRefuseANegativeQuietTime(CapturedOutput log) {
    IncidentAlert nobody = new IncidentAlert("ans-certification/" + MAIL_STEP, "DMN-2026-ABCDE", "pi",
        "Certification ANS", "Courriel", "Le courriel n’est pas parti.", Instant.now(), List.of());
    alerts.raised(nobody);
    assertThat(MAIL.getReceivedMessages()).isEmpty();
    assertThat(log.getOut()).contains("Incident sur le dossier DMN-2026-ABCDE (« Courriel ») : aucun administrateur ni"
        + " responsable de processus n’a d’adresse électronique, personne n’en est averti. Le courriel n’est pas"
        + " parti.");

    // bad input: parcours.incidents.alert-again-after=-PT1H
    assertThatThrownBy(() -> new IncidentAlerts(null, templates, links, "Parcours <no-reply@parcours.example>",
        Duration.ofHours(-1), "Europe/Paris"))
        .hasMessageContaining("parcours.incidents.alert-again-after vaut « PT-1H »")
        .hasMessageContaining("PT1H");
  }
}
