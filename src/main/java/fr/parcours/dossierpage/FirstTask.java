package fr.parcours.dossierpage;

import fr.parcours.shared.LookUntil;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import fr.parcours.shared.StepsDue;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/**
 * Where a page lands a person who has just started a dossier: its first task for their groups in Tasklist, or its
 * dossier page. The first task often follows a mail step, which the job executor runs in its own transaction (no
 * one waits for the mail server), so it is looked for during a short wait while a step of the dossier is due now; none
 * by then, or nothing due (the first task is another group's, or waits for a date), the dossier page says what comes
 * next, at once.
 */
public final class FirstTask {

  private static final Duration LOOK_AGAIN = Duration.ofMillis(150);

  private FirstTask() {
  }

  /** The address to land on: Tasklist's task, or the dossier page. */
  public static String landing(ProcessEngine engine, String dossierId, List<String> groupIds, Duration wait) {
    return of(engine, dossierId, groupIds, wait).map(id -> DossierBoard.TASKLIST_TASK + id)
        .orElse("/dossiers/" + dossierId);
  }

  /**
   * The first active task of the dossier that these groups may take, looked for until the wait is over or until no
   * step of the dossier is due now (the task that came is another group's: waiting would only make the answer late).
   */
  public static Optional<String> of(ProcessEngine engine, String dossierId, List<String> groupIds, Duration wait) {
    return LookUntil.found(wait, LOOK_AGAIN, () -> engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(dossierId).taskCandidateGroupIn(groupIds).active().orderByTaskCreateTime().asc()
        .listPage(0, 1).stream().map(Task::getId).findFirst(),
        () -> StepsDue.dueNow(engine, StepsDue.partsOf(engine, dossierId)));
  }
}
