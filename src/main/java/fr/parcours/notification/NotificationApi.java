package fr.parcours.notification;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/dossiers/{processInstanceId}/notifications}: the journal of one dossier. The caller is
 * authenticated by HTTP Basic ({@code security.RestAuthentication}); the engine, queried as that user,
 * decides whether the dossier is visible: reviewers and process owners through their rights, a vendor
 * only for its own company's dossiers. A dossier the caller may not read is answered as unknown (404).
 */
@RestController
class NotificationApi {

  private final HistoryService history;
  private final NotificationJournal journal;

  NotificationApi(HistoryService history, NotificationJournal journal) {
    this.history = history;
    this.journal = journal;
  }

  @GetMapping("/api/dossiers/{processInstanceId}/notifications")
  List<NotificationRecord> notifications(@PathVariable String processInstanceId) {
    // runs with the authentication the filter set: the query returns only what the user may read
    if (history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No dossier " + processInstanceId + " that you may read.");
    }
    return journal.ofDossier(processInstanceId);
  }
}
