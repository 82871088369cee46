package fr.parcours.notification;

import fr.parcours.dossier.Dossiers;
import java.util.HashSet;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/dossiers/{dossier}/notifications}: the journal of one dossier, named by its number
 * ({@code DMN-2026-7KQ3F}) or by the process instance id of any of its instances: every mail of the dossier,
 * from its pathway and from the tracks it calls. The caller is authenticated by HTTP Basic
 * ({@code security.RestAuthentication}); the engine, queried as that user, decides whether the dossier is
 * visible: reviewers and process owners through their rights, a vendor only for its own company's dossiers.
 * A dossier the caller may not read is answered as unknown (404).
 */
@Lazy
@RestController
class NotificationApi {

  private final HistoryService history;
  private final NotificationJournal journal;
  private final Dossiers dossiers;

  NotificationApi(HistoryService history, NotificationJournal journal, Dossiers dossiers) {
    this.history = history;
    this.journal = journal;
    this.dossiers = dossiers;
  }

  @GetMapping("/api/dossiers/{dossier}/notifications")
  List<NotificationRecord> notifications(@PathVariable String dossier) {
    String number = dossier.startsWith("DMN-") ? dossier : dossiers.numberOf(dossier);
    List<String> instances = dossiers.everyInstanceOf(number);
    // runs with the authentication the filter set: the query counts only what the user may read
    if (instances.isEmpty() || history.createHistoricProcessInstanceQuery()
        .processInstanceIds(new HashSet<>(instances)).count() == 0) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No dossier " + dossier + " that you may read.");
    }
    return journal.ofDossier(instances);
  }
}
