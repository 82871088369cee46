package fr.parcours.dossierpage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where one dossier stands, as one person may see it: the line of "My dossiers" and the head of the dossier
 * page.
 *
 * @param number the dossier number (DMN-aaaa-xxxxx)
 * @param pathwayKey the process key of the dossier's pathway (its root instance)
 * @param pathwayName the pathway as its diagram names it
 * @param company the applying company, as its candidature names it
 * @param device the device and its version
 * @param open whether the dossier still runs
 * @param startedAt when it was filed
 * @param closedAt when it closed; null while open
 * @param closedAs how it ended (the end event its pathway reached); null while open
 * @param tracks every part of the dossier the person may read, the pathway first
 * @param nextSteps the tasks that wait for this person, the one due soonest first
 * @param nextDue the soonest last day of a window that runs; null when none runs
 * @param overdue whether a running window has passed its last day
 */
public record DossierSummary(String number, String pathwayKey, String pathwayName, String company, String device,
    boolean open, Instant startedAt, Instant closedAt, String closedAs, List<TrackState> tracks,
    List<NextStep> nextSteps, LocalDate nextDue, boolean overdue) {

  public DossierSummary {
    tracks = List.copyOf(tracks);
    nextSteps = List.copyOf(nextSteps);
  }

  /** Whether a running window ends within that many days from today (today included), and is not past. */
  public boolean dueWithin(LocalDate today, int days) {
    return nextDue != null && !nextDue.isBefore(today) && !nextDue.isAfter(today.plusDays(days));
  }

  /**
   * One process instance of the dossier (the pathway, or a track it calls) as the person may read it.
   *
   * @param instanceId the process instance
   * @param processKey its process key
   * @param name its diagram's name
   * @param running whether it still runs
   * @param state where it stands, in plain words
   * @param steps the steps it waits at now, each with who it waits for
   * @param windows its regulatory windows, the running first
   * @param datedByCaller whether it runs without a window of its own while a step of it is dated: by a window of the
   *     part that calls it (the ministers' decision of a generic line counts on the pathway's), which the page then
   *     says rather than "no time limit has run" beside that very window (walk 10)
   */
  public record TrackState(String instanceId, String processKey, String name, boolean running, String state,
      List<String> steps, List<Window> windows, boolean datedByCaller) {

    public TrackState {
      steps = List.copyOf(steps);
      windows = List.copyOf(windows);
    }

    /** The windows that still run or are paused: what the list shows. */
    public List<Window> openWindows() {
      return windows.stream().filter(Window::open).toList();
    }
  }

  /**
   * A regulatory window of the dossier.
   *
   * @param clockId its id in the deadlines table
   * @param label what it is, in the page's language
   * @param rule the rule it applies, as the deadlines table states it (length, what opens it, its source)
   * @param state running, paused, closed, in words
   * @param open whether it runs or is paused
   * @param sentence where it stands in one sentence: days left, last day, pauses
   * @param openedOn the day it opened (its current cycle)
   * @param lastDay its last day, included
   * @param overdue whether it runs past its last day
   * @param pauses its pauses, each with its dates and reason
   */
  public record Window(String clockId, String label, String rule, String state, boolean open, String sentence,
      String openedOn, String lastDay, boolean overdue, List<String> pauses) {

    public Window {
      pauses = List.copyOf(pauses);
    }
  }

  /**
   * A task that waits for the person, or what a vendor does elsewhere while an agency's step waits on her.
   *
   * @param taskId the task; null for what she does elsewhere
   * @param name its name, or the sentence saying what to do and where
   * @param due until when, as a person reads it, or that no time limit applies
   * @param dueDay its last day; null when none applies
   * @param link Tasklist opened on it, or where to do it
   * @param onHold what the task waits for before it can do what its name offers, and what it lets her do meanwhile
   *     (the link's words); null when it can ({@link fr.parcours.shared.StepsOnHold})
   */
  public record NextStep(String taskId, String name, String due, LocalDate dueDay, String link,
      fr.parcours.shared.StepsOnHold.OnHold onHold) {
  }
}
