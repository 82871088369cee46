package fr.parcours.notification;

import fr.parcours.dossier.Dossier;
import fr.parcours.dossier.Dossiers;
import fr.parcours.security.AsUser;
import fr.parcours.security.MenuUser;
import fr.parcours.security.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The link of a mail, {@code /dossiers/<dossier number>/tache/<process key>}: Tasklist opened on the task of that part
 * of the dossier that waits for the person signed in (offered to their company or assigned to them); without the
 * part (the links of older mails), the dossier's only such task, or a page listing them when there are several. A mail is sent before the
 * task it announces exists, and the task may have moved on when the mail is read: the link names the dossier,
 * and the task is looked up when it is opened. The engine is asked as that person, with its authorization
 * checks: a dossier of another company is "no such dossier", whether it exists or not; one of the person's own
 * dossiers with no task for them (its step is another group's, or it waits) says so, never "no such dossier".
 * What it says instead of opening Tasklist is a page in the site's frame (its menu, the person's name), titled
 * after the link ("Tâche du dossier DMN-…"). In the language of the dossier pages ({@code config.PageLanguage}):
 * English for a browser whose first language is English, as the English mails' links are opened (walk 16: an
 * English vendor's old link answered French, its menu too); task and part names stay French, as in Tasklist.
 */
@Lazy
@RestController
class DossierTaskPage {

  /**
   * The policy of the site's other pages without script (the dossier and evidence pages' refusals): its own styles,
   * framed by Parcours only.
   */
  static final String POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
      + " form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

  /** The most open tasks of one person on one dossier the chooser lists. */
  static final int MAX_CHOICES = 20;

  private final ProcessEngine engine;
  private final IdentityService identity;
  private final TaskService tasks;
  private final Dossiers dossiers;
  private final PublicLinks links;
  private final ITemplateEngine templates;
  private final java.time.ZoneId zone;

  DossierTaskPage(ProcessEngine engine, Dossiers dossiers, PublicLinks links, ITemplateEngine templates,
      @org.springframework.beans.factory.annotation.Value("${parcours.zone:Europe/Paris}") String zone) {
    this.zone = java.time.ZoneId.of(zone);
    this.templates = templates;
    this.engine = engine;
    this.identity = engine.getIdentityService();
    this.tasks = engine.getTaskService();
    this.dossiers = dossiers;
    this.links = links;
  }

  @GetMapping("/dossiers/{dossierId}/tache")
  ResponseEntity<String> open(@PathVariable String dossierId, HttpServletRequest request) {
    return open(dossierId, null, request);
  }

  /**
   * The link of a mail sent from one part of the dossier ({@code /dossiers/<number>/tache/<process key>}, such as
   * {@code sesame-filing}): the person's open task in that part, so that a PECAN mail of the Sésame filing opens the
   * Sésame task though the ANS track holds one of hers too. When that part has none for them (done since), the
   * dossier's link answers as without it.
   */
  @GetMapping("/dossiers/{dossierId}/tache/{track}")
  ResponseEntity<String> openOnTrack(@PathVariable String dossierId, @PathVariable String track,
      HttpServletRequest request) {
    return open(dossierId, track.matches("[a-z0-9-]{1,64}") ? track : null, request);
  }

  /** Whether the page is in English: the browser's first language is (the dossier pages' rule). */
  private static boolean english() {
    return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
  }

  private static Locale language() {
    return english() ? Locale.ENGLISH : Locale.FRENCH;
  }

  /** The sentence in the page's language. */
  private static String say(String french, String english) {
    return english() ? english : french;
  }

  private ResponseEntity<String> open(String dossierId, String track, HttpServletRequest request) {
    UserAuthentication signedIn = WebappSession.user(request, engine.getName());
    if (signedIn == null || signedIn.getName() == null) {
      return page(dossierId, null, HttpStatus.UNAUTHORIZED, say("Connectez-vous d’abord à Tasklist",
          "Sign in to Tasklist first"), say("Connectez-vous à Tasklist avec votre identifiant, puis rouvrez le lien du"
              + " message : il vous mènera à la tâche du dossier " + dossierId + ".", "Sign in to Tasklist with your"
              + " login, then open the message's link again: it will take you to the task of dossier " + dossierId
              + "."));
    }
    String userId = signedIn.getName();
    MenuUser viewer = MenuUser.of(identity, userId);
    List<String> instances = dossiers.running(dossierId).map(Dossier::processInstanceIds).orElse(List.of());
    List<String> closed = instances.isEmpty() ? dossiers.everyInstanceOf(dossierId) : List.of();
    return AsUser.ask(identity, userId, () -> {
      if (!instances.isEmpty()) {
        if (track != null) {
          List<Task> onTrack = yours(instances, userId).processDefinitionKey(track).orderByTaskCreateTime().desc()
              .listPage(0, 1);
          if (!onTrack.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(links.tasklistTask(onTrack.get(0).getId()))).<String>build();
          }
        }
        List<Task> open = yours(instances, userId).orderByTaskCreateTime().desc().listPage(0, MAX_CHOICES);
        if (open.size() == 1) {
          return ResponseEntity.status(HttpStatus.SEE_OTHER)
              .location(URI.create(links.tasklistTask(open.get(0).getId()))).<String>build();
        }
        if (open.size() > 1) {
          // several of theirs at once (a PECAN dossier's ANS and HAS sides): the person chooses, none is guessed
          return chooser(dossierId, viewer, open, track != null && partOf(dossierId, track));
        }
        // the dossier is theirs (or instructed by them) when they may read one of its instances, as on its page:
        // its open tasks may all be another group's, or it may wait for an event, and it is still their dossier
        if (engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceIds(new java.util.HashSet<>(instances)).count() > 0) {
          return page(dossierId, viewer, HttpStatus.NOT_FOUND, say("Aucune tâche ne vous attend sur ce dossier",
              "No task waits for you on this dossier"), say("Le dossier " + dossierId + " n’a pas de tâche ouverte"
                  + " pour vous en ce moment : l’étape annoncée par le message est peut-être déjà faite. Vos tâches sont"
                  + " dans Tasklist ; la page du dossier dit où il en est et qui a la main.", "Dossier " + dossierId
                  + " has no open task for you at the moment: the step the message announced may be done already."
                  + " Your tasks are in Tasklist; the dossier's page says where it stands and who has it in hand."),
              links.dossier(dossierId));
        }
      }
      // a closed dossier of theirs (a late answer to a mail, once the window has passed): not "introuvable"
      if (!closed.isEmpty() && engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceIds(new java.util.HashSet<>(closed)).count() > 0) {
        return page(dossierId, viewer, HttpStatus.NOT_FOUND, say("Ce dossier est clos", "This dossier is closed"),
            say("Le dossier " + dossierId + " est clos : aucune tâche n’y est plus ouverte, et la réponse que demandait"
                + " le message ne peut plus y être donnée. La page du dossier dit quand et comment il s’est terminé.",
                "Dossier " + dossierId + " is closed: no task is open in it any more, and the answer the message asked"
                + " for can no longer be given. The dossier's page says when and how it ended."),
            links.dossier(dossierId));
      }
      return page(dossierId, viewer, HttpStatus.NOT_FOUND, say("Dossier introuvable", "Dossier not found"),
          say("Aucun dossier en cours " + dossierId + " que vous puissiez voir. Vérifiez le numéro (DMN-aaaa-xxxxx) ;"
              + " seuls l’entreprise qui a déposé le dossier et les agences qui l’instruisent le voient.", "No running"
              + " dossier " + dossierId + " that you may see. Check the number (DMN-yyyy-xxxxx); only the company that"
              + " filed the dossier and the agencies that instruct it see it."));
    });
  }

  /** The open tasks of the dossier offered to the person's groups or assigned to them, asked as them. */
  private org.camunda.bpm.engine.task.TaskQuery yours(List<String> instances, String userId) {
    return tasks.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .or().taskCandidateUser(userId).taskAssignee(userId).endOr();
  }

  /** Whether the dossier has (or had) a part of that process key: a mail's link named it. */
  private boolean partOf(String dossierId, String track) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(dossierId)
        .processDefinitionKey(track).count() > 0;
  }

  /**
   * Their open tasks of the dossier, each named with the part it belongs to and its last day, to open one; when the
   * mail's link named a part of the dossier where none of theirs is open any more, the step it announced is done, and
   * the page says so rather than « Ouvrez celle que le message annonce » (none of those, walk 11).
   */
  private ResponseEntity<String> chooser(String dossierId, MenuUser viewer, List<Task> open, boolean announcedDone) {
    List<Map<String, String>> choices = new java.util.ArrayList<>();
    for (Task task : open) {
      var definition = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId());
      String part = definition.getName() == null ? definition.getKey() : definition.getName();
      String due = task.getDueDate() != null
          ? fr.parcours.deadline.LegalDates.until(task.getDueDate().toInstant().atZone(zone).toLocalDate(), language())
          : noDeadline(task);
      choices.add(Map.of("label", say("« " + task.getName() + " » (" + part + "), ",
              "“" + task.getName() + "” (" + part + "), ") + due,
          "href", links.tasklistTask(task.getId())));
    }
    Context page = frame(dossierId, viewer, say("Plusieurs tâches vous attendent sur ce dossier",
            "Several tasks wait for you on this dossier"),
        english()
            ? (announcedDone ? "The step the message announced is done. " : "") + "Dossier " + dossierId + " has "
                + open.size() + " open tasks for you at the moment, in different parts of the dossier. "
                + (announcedDone ? "Open the one you want to work on:" : "Open the one the message announces:")
            : (announcedDone ? "L’étape que le message annonçait est faite. " : "") + "Le dossier " + dossierId + " a "
                + open.size() + " tâches ouvertes pour vous en ce moment, dans des parties différentes du dossier. "
                + (announcedDone ? "Ouvrez celle que vous voulez traiter :" : "Ouvrez celle que le message annonce :"),
        links.dossier(dossierId));
    page.setVariable("choices", choices);
    page.setVariable("ok", true);
    return respond(HttpStatus.OK, page);
  }

  /**
   * Tasklist's words for a task without a window, with Parcours' reminder day when the task has a follow-up date (or
   * the day it is done from, when that date is a day a person set), written after a comma: "aucun délai
   * réglementaire ne s’applique à cette étape ; rappel de Parcours le …".
   */
  private String noDeadline(Task task) {
    java.time.LocalDate followUp = task.getFollowUpDate() == null ? null
        : task.getFollowUpDate().toInstant().atZone(zone).toLocalDate();
    // a day a person set (the hearing's) is the day the task is done from, no reminder
    var element = followUp == null ? null : engine.getRepositoryService()
        .getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey());
    String sentence = element instanceof org.camunda.bpm.model.bpmn.instance.UserTask user
        && fr.parcours.clock.TimeLimits.followsADaySet(user.getCamundaFollowUpDate())
        ? fr.parcours.clock.Clocks.fromDay(followUp, language())
        : fr.parcours.clock.Clocks.noDeadline(followUp, language());
    return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1, sentence.length() - 1);
  }

  private ResponseEntity<String> page(String dossierId, MenuUser viewer, HttpStatus status, String heading,
      String message) {
    return page(dossierId, viewer, status, heading, message, null);
  }

  /** The page, with a link to the dossier's page too when the person may read it. */
  private ResponseEntity<String> page(String dossierId, MenuUser viewer, HttpStatus status, String heading,
      String message, String dossierPage) {
    return respond(status, frame(dossierId, viewer, heading, message, dossierPage));
  }

  private Context frame(String dossierId, MenuUser viewer, String heading, String message, String dossierPage) {
    Context page = new Context(language());
    page.setVariable("title", say("Tâche du dossier ", "Task of dossier ") + dossierId);
    page.setVariable("viewer", viewer);
    page.setVariable("heading", heading);
    page.setVariable("message", message);
    page.setVariable("links", dossierPage == null
        ? List.of(Map.of("label", say("Ouvrir Tasklist", "Open Tasklist"), "href", links.tasklist()))
        : List.of(Map.of("label", say("Ouvrir la page du dossier", "Open the dossier's page"), "href", dossierPage),
            Map.of("label", say("Ouvrir Tasklist", "Open Tasklist"), "href", links.tasklist())));
    return page;
  }

  private ResponseEntity<String> respond(HttpStatus status, Context page) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Content-Security-Policy", POLICY)
        .header("X-Content-Type-Options", "nosniff").body(templates.process("dossiers/notice", page));
  }
}
