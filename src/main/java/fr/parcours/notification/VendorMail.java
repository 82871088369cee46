package fr.parcours.notification;

import fr.parcours.clock.Clocks;
import fr.parcours.deadline.DeadlineCatalogue;
import fr.parcours.deadline.LegalDates;
import fr.parcours.deadline.RegulatoryDuration;
import fr.parcours.deadline.WindowNames;
import fr.parcours.shared.PermanentFailure;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The notification steps of the diagrams: an intermediate message throw event with the extension property
 * {@code mail} naming a {@link NotificationEvent} (the element template "Notify the vendor"; the engine makes it
 * call this bean, see {@link MailStepParseListener}; older diagrams name {@code ${vendorMail}} themselves); the
 * optional property {@code window} names the response window (a row of {@code bpmn/deadlines.dmn}) whose due
 * date, and reminder lead time, the mail states; {@code passedWindow} names the window whose passing the mail
 * announces (an abandonment): its name as the dossier page writes it and its last day, wherever in the dossier it ran.
 *
 * <p>Why steps in the diagram rather than a hidden outbox: process owners see in Modeler and Cockpit when
 * each mail goes out, and the engine's own job machinery gives what a mail needs. Each step is
 * {@code asyncBefore} (the user who completed the previous task never waits for SMTP; the mail is sent by
 * the job executor in its own transaction) and has {@code camunda:failedJobRetryTimeCycle} (a failure is
 * retried, then becomes an incident on the dossier). The journal, keyed by the job, keeps each recipient from
 * getting the mail twice when the job is retried, also when what follows the mail in the same job rolls back:
 * no second job ({@code asyncAfter}) is needed for that, see {@link MailStepParseListener}.
 *
 * <p>The mail goes to the dossier's contact ({@code contactEmail}) and legal representative
 * ({@code legalRepEmail}), in the dossier's language ({@code correspondenceLanguage}).
 */
@Component("vendorMail")
class VendorMail implements JavaDelegate {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VendorMail.class);

  static final String MAIL_PROPERTY = "mail";
  static final String WINDOW_PROPERTY = "window";
  /** The window whose passing the mail announces (the abandonment's): named, with its last day, never opened. */
  static final String PASSED_WINDOW_PROPERTY = "passedWindow";
  /** The model's map of every window's length for the dossier's pathway, by row id ({@link #lengths}). */
  static final String LENGTHS = "lengths";
  /** The model's map of whether each window of the pathway pauses while the vendor is waited for ({@link #pausedWhileWaiting}). */
  static final String PAUSED_WHILE_WAITING = "pausedWhileWaiting";
  static final List<String> RECIPIENT_VARIABLES = List.of("contactEmail", "legalRepEmail");

  private final VendorMailer mailer;
  private final Clocks clocks;
  private final DeadlineCatalogue deadlines;
  private final ZoneId zone;
  private final PublicLinks links;

  VendorMail(VendorMailer mailer, Clocks clocks, DeadlineCatalogue deadlines,
      @Value("${parcours.zone:Europe/Paris}") String zone, PublicLinks links) {
    this.links = links;
    this.mailer = mailer;
    this.clocks = clocks;
    this.deadlines = deadlines;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, String> properties = properties(execution.getBpmnModelElementInstance());
    NotificationEvent event = event(execution, properties.get(MAIL_PROPERTY));
    String window = properties.get(WINDOW_PROPERTY);
    if (event.remindsBeforeTheEnd() && window != null
        && deadlines.rule(window, pathwayOf(execution)).reminderBefore() == null) {
      LOG.info("No {} for dossier {}: the row {} of the deadlines table has no \"Remind before\"", event,
          execution.getVariable("dossierId"), window);
      return;
    }
    Language language = Language.of(execution.getVariable(Language.VARIABLE));
    Map<String, Object> model = model(execution, language, window);
    String passed = properties.get(PASSED_WINDOW_PROPERTY);
    if (passed != null && !passed.isBlank()) {
      model.put("passedWindowName", WindowNames.of(passed.trim(), language.locale()));
      LocalDate lastDay = clocks.lastDayPassed(execution, passed.trim());
      if (lastDay != null) {
        model.put("passedWindowLastDay", write(lastDay, language));
      }
    }

    List<Notification.Recipient> recipients = new ArrayList<>();
    for (String variable : RECIPIENT_VARIABLES) {
      Object address = execution.getVariable(variable);
      if (address != null) {
        recipients.add(new Notification.Recipient(address.toString(), variable));
      }
    }
    if (recipients.isEmpty()) {
      throw new PermanentFailure("Le dossier " + model.get("dossierId") + " n’a aucune adresse électronique où"
          + " écrire (" + String.join(", ", RECIPIENT_VARIABLES) + " sont vides) : donnez-en une dans le dossier,"
          + " puis, dans Cockpit, « Réessayer » sur l’incident.");
    }
    String dossierId = (String) execution.getVariable("dossierId");
    mailer.send(new Notification(key(execution), execution.getProcessInstanceId(), dossierId,
        execution.getCurrentActivityId(), event, language, recipients, model,
        event.document()));
  }

  /** What the templates may show: the dossier's plain variables, dates written out in its language. */
  private Map<String, Object> model(DelegateExecution execution, Language language, String window) {
    Map<String, Object> model = new HashMap<>();
    execution.getVariables().forEach((name, value) -> {
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        model.put(name, value);
      } else if (value instanceof Date date) {
        // a date written out; a window's last day, given as its last moment (clocks.lastMoment), stays that day
        model.put(name, write(date.toInstant().atZone(zone).toLocalDate(), language));
      }
    });
    // the links: the dossier's task waiting for the vendor (looked up when opened), its evidence page, the page
    // where it stands, Tasklist
    if (model.get("dossierId") instanceof String dossierId) {
      // the task of the part of the dossier that sends the mail: a PECAN dossier may hold one of hers on each side
      model.put("taskLink", links.dossierTask(dossierId, processKeyOf(execution)));
      model.put("evidenceLink", links.evidence(dossierId));
      model.put("dossierLink", links.dossier(dossierId));
      // a transitional dossier continued into a nominal candidature (transitional.NominalContinuation): its page
      if (model.get("nominalDossierId") instanceof String continuedIn) {
        model.put("nominalDossierLink", links.dossier(continuedIn));
      }
    }
    model.put("tasklistLink", links.tasklist());
    model.put("devicesLink", links.devices());
    model.put("noDeadline", language == Language.EN ? Clocks.NO_DEADLINE_EN : Clocks.NO_DEADLINE);
    model.put(LENGTHS, lengths(pathwayOf(execution), language));
    model.put(PAUSED_WHILE_WAITING, pausedWhileWaiting(pathwayOf(execution)));
    if (window != null) {
      model.put("window", window);
      // the window's last day, included: the timer fires at midnight after it
      model.put("dueDate", write(clocks.lastDay(execution, window), language));
      // its length, as the table or the agency that asked set it: "30 jours"
      model.put("windowLength", describe(clocks.length(execution, window).period(), language));
      RegulatoryDuration before = deadlines.rule(window, pathwayOf(execution)).reminderBefore();
      if (before != null) {
        model.put("reminderBefore", describe(before.period(), language));
      }
    }
    return model;
  }

  /**
   * Every window's length for the dossier's pathway, as the deadlines table sets it ("60 jours"; "au moins 10
   * jours" where the agency sets it when it asks): a mail that tells of a window it does not time itself (the
   * ministers' decision, announced when the filing is received) writes {@code [(${lengths['MINISTERS_DECISION']})]},
   * never the number, so that changing the row changes the mail.
   */
  private Map<String, String> lengths(String pathway, Language language) {
    Map<String, String> lengths = new HashMap<>();
    var table = deadlines.current();
    for (var rule : table.rules()) {
      table.find(rule.id(), pathway).ifPresent(found -> lengths.put(found.id(), (found.agencySetsLength()
          ? (language == Language.EN ? "at least " : "au moins ") : "")
          + describe(found.duration().period(), language)));
    }
    return lengths;
  }

  /**
   * Whether each window of the dossier's pathway stops while the agency waits for the vendor (row "PAUSES"), by row id:
   * a mail that asks for complements says then that the agency's own time is suspended ({@code
   * [# th:if="${pausedWhileWaiting['MINISTERS_DECISION']}"]}), as the dossier page shows it (walk 10: the generic
   * line's mail said nothing of it, the page moved the ministers' last day).
   */
  private Map<String, Boolean> pausedWhileWaiting(String pathway) {
    Map<String, Boolean> paused = new HashMap<>();
    var table = deadlines.current();
    for (var rule : table.rules()) {
      table.find(rule.id(), pathway).ifPresent(found -> paused.put(found.id(),
          found.whileWaiting() == fr.parcours.deadline.DeadlineRule.WhileWaiting.PAUSES));
    }
    return paused;
  }

  private static String processKeyOf(DelegateExecution execution) {
    return execution instanceof org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity entity
        && entity.getProcessDefinition() != null ? entity.getProcessDefinition().getKey() : null;
  }

  private static String pathwayOf(DelegateExecution execution) {
    return execution.getVariable("pathway") instanceof String pathway ? pathway : null;
  }

  /** "2 April 2026", "2 avril 2026", "1er avril 2026": see {@link LegalDates#date}. */
  static String write(LocalDate day, Language language) {
    return LegalDates.date(day, language.locale());
  }

  /** "7 jours", "1 mois", "7 days", "1 month and 2 days": see {@link LegalDates#length}. */
  static String describe(Period period, Language language) {
    return LegalDates.length(period, language.locale());
  }

  /**
   * The same for every attempt at this step: the id of the engine job running it (an asynchronous
   * continuation keeps its id across retries and incident resolution). Without a job (the step was run
   * synchronously), the activity instance.
   */
  private static String key(DelegateExecution execution) {
    if (Context.getCommandContext() != null) {
      for (JobEntity job : Context.getCommandContext().getJobManager().findJobsByExecutionId(execution.getId())) {
        if (!(job instanceof TimerEntity) && execution.getCurrentActivityId().equals(job.getActivityId())) {
          return "job:" + job.getId();
        }
      }
    }
    return "activity:" + execution.getActivityInstanceId();
  }

  private static NotificationEvent event(DelegateExecution execution, String name) {
    try {
      return NotificationEvent.valueOf(name == null ? "" : name.trim());
    } catch (IllegalArgumentException e) {
      throw new PermanentFailure("L’étape d’envoi " + execution.getCurrentActivityId() + " nomme le courriel « "
          + name + " », que Parcours n’envoie pas : choisissez-en un dans le champ « Mail » du modèle d’élément « Notify the"
          + " vendor », parmi " + List.of(NotificationEvent.values()) + ".");
    }
  }

  private static Map<String, String> properties(BaseElement element) {
    Map<String, String> found = new HashMap<>();
    if (element == null || element.getExtensionElements() == null) {
      return found;
    }
    for (CamundaProperties properties : element.getExtensionElements().getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        found.put(property.getCamundaName(), property.getCamundaValue());
      }
    }
    return found;
  }
}
