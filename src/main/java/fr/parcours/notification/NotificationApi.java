package fr.parcours.notification;

import fr.parcours.dossier.Dossiers;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dossiers/{dossier}/notifications}: the journal of one dossier, named by its number
 * ({@code DMN-2026-7KQ3F}) or by the process instance id of any of its instances: every mail of the dossier,
 * from its pathway and from the tracks it calls. The caller is authenticated by HTTP Basic
 * ({@code security.RestAuthentication}); the engine, queried as that user, decides whether the dossier is
 * visible: reviewers and process owners through their rights, a vendor only for its own company's dossiers.
 * A dossier the caller may not read is answered as unknown (404), in the same words, its rights counted as for one.
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
  ResponseEntity<?> notifications(@PathVariable String dossier) {
    String number = dossier.startsWith("DMN-") ? dossier : dossiers.numberOf(dossier);
    List<String> instances = dossiers.everyInstanceOf(number);
    // runs with the authentication the filter set: the query counts only what the user may read; asked for an
    // unknown number too, so that the answer takes as long for another company's dossier as for none
    long readable = history.createHistoricProcessInstanceQuery()
        .processInstanceIds(new HashSet<>(instances.isEmpty() ? List.of(dossier) : instances)).count();
    if (instances.isEmpty() || readable == 0) {
      String shown = dossier.length() > 60 ? dossier.substring(0, 60) + "…" : dossier;
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("type", "NotFoundException", "message", "Aucun dossier « " + shown + " » parmi ce que votre"
              + " compte peut voir : vérifiez le numéro (DMN-aaaa-xxxxx). Un dossier ne s’ouvre qu’à l’entreprise qui"
              + " l’a déposé et aux services qui l’instruisent. (No dossier '" + shown + "' among what your account"
              + " may see: check the number (DMN-yyyy-xxxxx). A dossier opens only to the company that filed it and"
              + " to the services that instruct it.)"));
    }
    return ResponseEntity.ok(journal.ofDossier(instances));
  }
}
