package fr.parcours.dossierpage;

import fr.parcours.notification.DossierDocuments.Document;
import fr.parcours.notification.NotificationRecord;
import java.util.List;

/**
 * The dossier page: where the dossier stands, its diagrams with the steps it is at and has been through, what
 * happened and who did it, the mails it sent and the documents Parcours drew up for it.
 */
public record DossierDetail(DossierSummary summary, List<Diagram> diagrams, List<Event> timeline,
    List<Mail> journal, List<Document> documents) {

  public DossierDetail {
    diagrams = List.copyOf(diagrams);
    timeline = List.copyOf(timeline);
    journal = List.copyOf(journal);
    documents = List.copyOf(documents);
  }

  /**
   * One diagram of the dossier (the pathway's or a track's) with its steps marked.
   *
   * @param instanceId the process instance, which names the diagram's address
   * @param name the diagram's name
   * @param active the ids of the steps the dossier is at now
   * @param done the ids of the steps it has been through
   */
  public record Diagram(String instanceId, String name, List<String> active, List<String> done) {

    public Diagram {
      active = List.copyOf(active);
      done = List.copyOf(done);
    }

    public String activeIds() {
      return String.join(" ", active);
    }

    public String doneIds() {
      return String.join(" ", done);
    }
  }

  /**
   * One thing that happened.
   *
   * @param when the date and time, written out
   * @param track the part of the dossier it happened in
   * @param what the step or event, as the diagram names it
   * @param who who did it: a person, an agency, or nobody for what Parcours did itself
   * @param ongoing whether the step is still open
   */
  public record Event(String when, String track, String what, String who, boolean ongoing) {
  }

  /** A line of the notification journal, as the page shows it. */
  public record Mail(String when, String subject, String recipient, String status, String sentAt) {

    static Mail of(NotificationRecord row, String when, String status, String sentAt) {
      return new Mail(when, row.subject(), row.recipient(), status, sentAt);
    }
  }
}
