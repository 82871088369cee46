package fr.parcours.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Tells the people who repair dossiers (the administrators and the process owners with an e-mail address) that an
 * incident stops a dossier: a mail step that could not send, a window's timer that failed, any job whose retries are
 * spent. Without it the incident waits in Cockpit until someone happens to look, and the dossier with it.
 *
 * <p>One mail per incident, in French ({@code mails/fr/operations/incident-raised.html} and {@code .txt}), naming the
 * dossier, the step, the engine's message and the links to the dossier in Cockpit and to its page. When one step
 * fails for many dossiers at once (a mail template broken, the SMTP server refusing), the incidents of that step that
 * follow within {@code parcours.incidents.alert-again-after} of a mail are counted, not sent; the next mail of that step
 * says how many there were (Cockpit lists them all). The count is kept by each node. A mail that cannot go is written
 * to the log: the incident itself is already stored.
 */
@Component
public class IncidentAlerts {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentAlerts.class);
  static final String TEMPLATE = "operations/incident-raised";

  private final JavaMailSender sender;
  private final MailTemplates templates;
  private final PublicLinks links;
  private final String from;
  private final Duration againAfter;
  private final ZoneId zone;
  /** Per step: when its last mail went, and how many incidents of it were not sent since. */
  private final Map<String, Quiet> quiet = new HashMap<>();

  IncidentAlerts(JavaMailSender sender, MailTemplates templates, PublicLinks links,
      @Value("${parcours.mail.from:Parcours <no-reply@parcours.example>}") String from,
      @Value("${parcours.incidents.alert-again-after}") Duration againAfter,
      @Value("${parcours.zone:Europe/Paris}") String zone) {
    if (againAfter.isNegative()) {
      throw new IllegalStateException("Le réglage parcours.incidents.alert-again-after vaut « " + againAfter
          + " » : une durée négative n’a pas de sens. Donnez une durée comme PT1H (une heure) ou PT0S (un courriel"
          + " par incident), puis redémarrez.");
    }
    this.sender = sender;
    this.templates = templates;
    this.links = links;
    this.from = from;
    this.againAfter = againAfter;
    this.zone = ZoneId.of(zone);
  }

  /** Called once the transaction that raised the incident is committed; never throws. */
  public void raised(IncidentAlert alert) {
    Integer others = notSentSinceLastMail(alert);
    if (others == null) {
      return;
    }
    if (alert.recipients().isEmpty()) {
      LOG.warn("Incident sur le dossier {} (« {} ») : aucun administrateur ni responsable de processus n’a d’adresse"
          + " électronique, personne n’en est averti. {}", alert.dossierId(), alert.stepName(), alert.message());
      return;
    }
    try {
      RenderedMail mail = templates.render(TEMPLATE, Language.FR, model(alert, others));
      MimeMessage[] messages = new MimeMessage[alert.recipients().size()];
      for (int i = 0; i < messages.length; i++) {
        messages[i] = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(messages[i], true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(alert.recipients().get(i));
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
      }
      sender.send(messages);
    } catch (MessagingException | RuntimeException e) {
      LOG.error("Le courriel d’alerte de l’incident du dossier {} (« {} ») n’est pas parti : {}. L’incident reste"
          + " dans Cockpit.", alert.dossierId(), alert.stepName(), e.getMessage(), e);
    }
  }

  /**
   * The incidents of this step not sent since its last mail, or null when this one is not sent either (raised less
   * than {@code againAfter} from the step's last mail: after it, or before it when several threads raised incidents
   * of the step at once and this one's commit came last).
   */
  private synchronized Integer notSentSinceLastMail(IncidentAlert alert) {
    Quiet last = quiet.get(alert.step());
    if (last != null && alert.raisedAt().isBefore(last.sentAt().plus(againAfter))
        && alert.raisedAt().isAfter(last.sentAt().minus(againAfter))) {
      quiet.put(alert.step(), new Quiet(last.sentAt(), last.notSent() + 1));
      return null;
    }
    quiet.put(alert.step(), new Quiet(alert.raisedAt(), 0));
    return last == null ? 0 : last.notSent();
  }

  /** Forgets the mails sent so far (tests: each starts as a node just started). */
  synchronized void forget() {
    quiet.clear();
  }

  private Map<String, Object> model(IncidentAlert alert, int others) {
    Map<String, Object> model = new HashMap<>();
    model.put("dossierId", alert.dossierId());
    model.put("processName", alert.processName());
    model.put("stepName", alert.stepName());
    model.put("incidentMessage", alert.message() == null || alert.message().isBlank()
        ? "(le moteur n’a pas donné de message)" : alert.message());
    ZonedDateTime at = alert.raisedAt().atZone(zone);
    model.put("raisedAt", DateTimeFormatter.ofPattern("d MMMM yyyy 'à' H 'h' mm", Locale.FRENCH).format(at));
    model.put("cockpitLink", links.cockpitInstance(alert.processInstanceId()));
    model.put("dossierLink", alert.dossierId().equals(alert.processInstanceId()) ? null
        : links.dossier(alert.dossierId()));
    model.put("othersNotSent", others);
    model.put("againAfter", againAfter.toMinutes());
    return model;
  }

  private record Quiet(Instant sentAt, int notSent) {
  }
}
