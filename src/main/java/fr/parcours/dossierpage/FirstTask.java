package fr.parcours.dossierpage;

import fr.parcours.shared.LookUntil;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * Where a page lands a person who has just started a dossier: its first task for their groups in Tasklist, or its
 * dossier page. The first task often follows a mail step, which the job executor runs in its own transaction (no
 * one waits for the mail server), so it is looked for during a short wait; none by then, the dossier page says what
 * comes next.
 */
public final class FirstTask {

  private static final Duration LOOK_AGAIN = Duration.ofMillis(150);

  private FirstTask() {
  }

  /** The address to land on: Tasklist's task, or the dossier page. */
  public static String landing(TaskService tasks, String dossierId, List<String> groupIds, Duration wait) {
    return of(tasks, dossierId, groupIds, wait).map(id -> DossierBoard.TASKLIST_TASK + id)
        .orElse("/dossiers/" + dossierId);
  }

  /** The first active task of the dossier that these groups may take, looked for until the wait is over. */
  public static Optional<String> of(TaskService tasks, String dossierId, List<String> groupIds, Duration wait) {
    return LookUntil.found(wait, LOOK_AGAIN, () -> tasks.createTaskQuery().processInstanceBusinessKey(dossierId)
        .taskCandidateGroupIn(groupIds).active().orderByTaskCreateTime().asc().listPage(0, 1).stream()
        .map(Task::getId).findFirst(), () -> true);
  }
}
