package fr.parcours.deadline;

/**
 * One row of the deadlines table ({@code bpmn/deadlines.dmn}): a response window as the regulation
 * states it.
 *
 * @param id the window's name, as diagrams name it
 * @param pathway the pathway the row is for, or "" for every pathway
 * @param row the row's number in the table as a process owner sees it in Modeler (1-based)
 * @param duration the window's length; when {@code agencySetsLength}, the least the agency may give
 * @param agencySetsLength the agency sets the length when it asks, at least {@code duration} (written
 *     {@code >= P10D} in the table: "at least 10 days"); see {@link AskedLength}
 * @param reminderBefore how long before the due date the vendor is reminded, or {@code null}
 */
public record DeadlineRule(
    String id,
    String pathway,
    String measures,
    RegulatoryDuration duration,
    boolean agencySetsLength,
    String startsOn,
    Owner owner,
    OnExpiry onExpiry,
    WhileWaiting whileWaiting,
    boolean workingDays,
    RegulatoryDuration reminderBefore,
    String source,
    int row) {

  /** Whose window it is. */
  public enum Owner { VENDOR, AGENCY }

  /**
   * What happens when the window passes: the dossier is deemed abandoned, goes down its queue, the vendor is
   * reminded (before), a decision falls due, the dossier is flagged late (its tasks go to the top), or the audited
   * certificate is withdrawn (a compliance audit's correction window).
   */
  public enum OnExpiry { DEEMED_ABANDONED, DEPRIORITISED, REMINDER, DECISION_DUE, FLAGGED_LATE, CERTIFICATE_WITHDRAWN }

  /** How the window behaves while the agency waits for the vendor. */
  public enum WhileWaiting { RUNS, PAUSES, RESTARTS }
}
