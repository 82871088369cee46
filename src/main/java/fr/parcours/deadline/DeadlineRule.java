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
 * @param startsOn the event the window runs from, in English ("All evidence submitted")
 * @param source where the regulation sets it, in English, or ""
 * @param startsOnFr the same event in French, as the French dossier pages show it ("Dépôt de toutes les preuves")
 * @param sourceFr the source in French, or "" when there is none
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
    String startsOnFr,
    String sourceFr,
    int row) {

  /** The event the window runs from, in the page's language: French unless the page is English. */
  public String startsOn(java.util.Locale locale) {
    return "en".equals(locale.getLanguage()) ? startsOn : startsOnFr;
  }

  /**
   * Where the regulation sets the window, in the page's language, or "": the documents named by their titles, not
   * by the table's seed numbers ({@link SourceDocuments}).
   */
  public String source(java.util.Locale locale) {
    return SourceDocuments.readable("en".equals(locale.getLanguage()) ? source : sourceFr, locale);
  }

  /**
   * Where the regulation sets the window, as a dossier of that pathway cites it ({@code null} for a dossier of no
   * pathway): its own fiche and the texts common to every pathway, not another pathway's fiche where these state the
   * rule ({@link SourceDocuments#readable(String, java.util.Locale, String)}).
   */
  public String source(java.util.Locale locale, String pathway) {
    return SourceDocuments.readable("en".equals(locale.getLanguage()) ? source : sourceFr, locale, pathway);
  }

  /** Whose window it is. */
  public enum Owner { VENDOR, AGENCY }

  /**
   * What happens when the window passes: the dossier is deemed abandoned, goes down its queue, the vendor is
   * reminded (before), a decision falls due, the dossier is flagged late (its tasks go to the top), or the audited
   * certificate is withdrawn (a compliance audit's correction window); or, where no text sets any length, Parcours
   * reminds the vendor on its own ({@code PARCOURS_REMINDER}: a nudge, not a deadline, see {@link #parcoursReminder()}).
   */
  public enum OnExpiry {
    DEEMED_ABANDONED, DEPRIORITISED, REMINDER, DECISION_DUE, FLAGGED_LATE, CERTIFICATE_WITHDRAWN, PARCOURS_REMINDER
  }

  /**
   * Whether the row is a reminder Parcours sends where the law sets no time limit (the copy to the CNPs): the pages
   * say that no regulatory time limit applies and on which day Parcours reminds, never "il reste 7 jours".
   */
  public boolean parcoursReminder() {
    return onExpiry == OnExpiry.PARCOURS_REMINDER;
  }

  /** How the window behaves while the agency waits for the vendor. */
  public enum WhileWaiting { RUNS, PAUSES, RESTARTS }
}
