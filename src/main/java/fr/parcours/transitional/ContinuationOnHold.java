package fr.parcours.transitional;

import fr.parcours.deadline.LegalDates;
import fr.parcours.shared.StepsOnHold;
import fr.parcours.transitional.AnsWindows.Mode;
import fr.parcours.transitional.AnsWindows.Window;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * « Poursuivre en phase nominale » before the window's nominal phase opens: the task is there (the vendor may close the
 * dossier from it), but continuing is refused until the ANS records the opening ({@link TransitionalTaskChecks}). The
 * pages say so, with the opening's day once it is known, rather than offering the continuation.
 */
@Component
class ContinuationOnHold implements StepsOnHold {

  static final String TASK = "Task_ContinueIntoNominal";

  private final WindowPhases phases;
  private final TaskService tasks;

  ContinuationOnHold(WindowPhases phases, ProcessEngine engine) {
    this.phases = phases;
    this.tasks = engine.getTaskService();
  }

  @Override
  public Optional<OnHold> onHold(Task task, Locale locale) {
    if (!TASK.equals(task.getTaskDefinitionKey())
        || !(tasks.getVariable(task.getId(), TransitionalProcess.ANS_WINDOW) instanceof String windowId)) {
      return Optional.empty();
    }
    // a window the catalogue no longer holds: the task says so when she completes it; the pages that list it open
    Window window = phases.current().windows().stream().filter(w -> w.id().equals(windowId)).findFirst()
        .orElse(null);
    if (window == null || window.modeOn(phases.today()) == Mode.NOMINAL) {
      return Optional.empty();
    }
    boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    String name = english ? window.labelEn() : window.label();
    if (english) {
      return Optional.of(new OnHold("“" + task.getName() + "” opens "
          + (window.nominalOpensOn() == null ? "when the ANS records the opening of the nominal phase of the “" + name
              + "” window; it has not announced it yet (it records it when the texts that open it are published, and"
              + " you will be told by mail)."
              : "on " + LegalDates.date(window.nominalOpensOn(), locale) + ", the day the nominal phase of the “"
                  + name + "” window opens.")
          + " Your dossier stays open until then.", "Close the dossier without further action, if you give it up"));
    }
    return Optional.of(new OnHold("« " + task.getName() + " » s’ouvrira "
        + (window.nominalOpensOn() == null ? "quand l’ANS aura enregistré l’ouverture de la phase nominale du guichet « "
            + name + " » ; elle ne l’a pas encore annoncée (elle l’enregistre quand les textes qui l’ouvrent sont"
            + " publiés, et un courriel vous le dira)."
            : "le " + LegalDates.date(window.nominalOpensOn(), locale) + ", jour où s’ouvre la phase nominale du"
                + " guichet « " + name + " ».")
        + " Votre dossier reste ouvert d’ici là.", "Clore le dossier sans suite, si vous y renoncez"));
  }
}
