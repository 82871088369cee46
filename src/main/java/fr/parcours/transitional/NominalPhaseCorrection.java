package fr.parcours.transitional;

import fr.parcours.deadline.LegalDates;
import fr.parcours.dossier.DossierLinks;
import fr.parcours.shared.BadInputException;
import fr.parcours.shared.Pathway;
import fr.parcours.transitional.AnsWindows.Window;
import fr.parcours.transitional.WindowPhases.Change;
import fr.parcours.transitional.WindowPhases.Opening;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An ANS reviewer corrects the day or the texts of a window's nominal opening recorded by mistake, or withdraws it
 * (the window is then back in its transitional phase), with a reason kept in the history ({@link WindowPhases}).
 * Allowed only while no dossier relies on the opening: once a nominal candidature has started on the window since it
 * opened (the nominal pathways refuse every candidature before, {@link NominalCandidatureCheck}), or a transitional
 * dossier of the window has continued into one, the change is refused and says which dossiers rely on it. Every
 * transitional dossier still open on the window and already told of the opening is told of the change, by the mail
 * step of its diagram (message {@value TransitionalProcess#NOMINAL_PHASE_CORRECTED}). One transaction: a refusal
 * stores nothing and tells nobody.
 */
@Service
class NominalPhaseCorrection {

  /** Dossier numbers named in a refusal, at most. */
  static final int NAMED = 5;

  private final WindowPhases phases;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final JdbcTemplate jdbc;
  private final List<Pathway> pathways;
  private final ZoneId zone;

  NominalPhaseCorrection(WindowPhases phases, RuntimeService runtime, HistoryService history, JdbcTemplate jdbc,
      List<Pathway> pathways, @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.phases = phases;
    this.runtime = runtime;
    this.history = history;
    this.jdbc = jdbc;
    this.pathways = pathways;
    this.zone = ZoneId.of(zone);
  }

  /** What the change did: the change as kept, and the transitional dossiers told of it. */
  record Changed(Change change, List<String> dossiersTold) {
  }

  @Transactional
  Changed correct(String windowId, LocalDate opensOn, String legalReference, String reason, String changedBy) {
    List<String> told = dossiersToTell(windowId);
    Change change = phases.correct(windowId, opensOn, legalReference, reason, changedBy, told.size());
    return tell(change, told);
  }

  @Transactional
  Changed withdraw(String windowId, String reason, String changedBy) {
    List<String> told = dossiersToTell(windowId);
    Change change = phases.withdraw(windowId, reason, changedBy, told.size());
    return tell(change, told);
  }

  /**
   * Refuses the change when dossiers rely on the window's opening; else the process instances of the open
   * transitional dossiers on the window that were told of the opening (and whose diagram announces a change).
   */
  private List<String> dossiersToTell(String windowId) {
    Window window = phases.current().find(windowId);
    Opening opening = phases.recorded(window);
    // nominal candidatures are refused before the day the opening says, and before it was recorded
    Instant since = opening.recordedAt().isAfter(opening.opensOn().atStartOfDay(zone).toInstant())
        ? opening.recordedAt() : opening.opensOn().atStartOfDay(zone).toInstant();
    Set<String> nominal = window.id().equals(phases.current().nominalTrackWindow())
        ? nominalDossiersSince(since) : Set.of();
    List<String> continued = continuedSince(window.id(), since);
    if (!nominal.isEmpty() || !continued.isEmpty()) {
      Set<String> relying = new LinkedHashSet<>(nominal);
      relying.addAll(continued);
      List<String> named = relying.stream().sorted().limit(NAMED).toList();
      throw new BadInputException("L’ouverture de la phase nominale du guichet « " + window.label() + " » (le "
          + LegalDates.date(opening.opensOn(), Locale.FRENCH) + ") ne peut plus être corrigée ni retirée : des"
          + " dossiers reposent déjà sur elle — " + relying.size() + " candidature(s) nominale(s) déposée(s) depuis"
          + " son ouverture (" + String.join(", ", named) + (relying.size() > NAMED ? ", …" : "") + ")"
          + (continued.isEmpty() ? "" : ", dont " + continued.size() + " poursuivie(s) depuis la phase transitoire")
          + ". Ces dossiers ont été reçus en phase nominale sur la foi de ce jour ; le changer maintenant leur"
          + " retirerait ce fondement. Rien n’a été changé ; si l’ouverture est vraiment erronée, voyez avec le"
          + " responsable des processus comment traiter ces dossiers un à un.");
    }
    Set<String> waiting = runtime.createExecutionQuery().processDefinitionKey(TransitionalProcess.KEY)
        .messageEventSubscriptionName(TransitionalProcess.NOMINAL_PHASE_CORRECTED)
        .processVariableValueEquals(TransitionalProcess.ANS_WINDOW, window.id()).list().stream()
        .map(Execution::getProcessInstanceId).collect(Collectors.toSet());
    return waiting.stream().filter(id -> runtime.getVariable(id, TransitionalProcess.NOMINAL_OPENS_ON) != null)
        .sorted().toList();
  }

  /** The numbers of the dossiers of the nominal pathways (those vendors start) started since then. */
  private Set<String> nominalDossiersSince(Instant since) {
    String[] keys = pathways.stream().filter(Pathway::startedByVendors).map(Pathway::processKey)
        .filter(key -> !TransitionalProcess.KEY.equals(key)).toArray(String[]::new);
    Set<String> roots = history.createHistoricProcessInstanceQuery().processDefinitionKeyIn(keys)
        .startedAfter(Date.from(since)).list().stream().map(HistoricProcessInstance::getRootProcessInstanceId)
        .collect(Collectors.toSet());
    if (roots.isEmpty()) {
      return Set.of();
    }
    return history.createHistoricProcessInstanceQuery().processInstanceIds(roots).list().stream()
        .map(root -> root.getBusinessKey() == null ? root.getId() : root.getBusinessKey())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The nominal dossiers that transitional dossiers of the window continued into since then. */
  private List<String> continuedSince(String windowId, Instant since) {
    List<String[]> links = new ArrayList<>();
    jdbc.query("SELECT from_dossier_id, to_dossier_id FROM parcours_dossier_link WHERE kind = ? AND linked_at >= ?",
        (java.sql.ResultSet rs) -> {
          links.add(new String[] {rs.getString(1), rs.getString(2)});
        }, DossierLinks.CONTINUED_INTO_NOMINAL, Timestamp.from(since));
    return links.stream().filter(link -> history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(TransitionalProcess.KEY).processInstanceBusinessKey(link[0])
        .variableValueEquals(TransitionalProcess.ANS_WINDOW, windowId).count() > 0).map(link -> link[1]).toList();
  }

  private Changed tell(Change change, List<String> told) {
    Date day = change.opensOn() == null ? null : Date.from(change.opensOn().atStartOfDay(zone).toInstant());
    Map<String, Object> variables = new HashMap<>();
    variables.put(TransitionalProcess.NOMINAL_OPENS_ON, day);
    variables.put(TransitionalProcess.NOMINAL_LEGAL_REFERENCE, change.legalReference());
    variables.put(TransitionalProcess.PREVIOUS_NOMINAL_OPENS_ON,
        Date.from(change.before().opensOn().atStartOfDay(zone).toInstant()));
    variables.put(TransitionalProcess.NOMINAL_CHANGE, change.kind());
    variables.put(TransitionalProcess.NOMINAL_CHANGE_REASON, change.reason());
    List<String> numbers = new ArrayList<>();
    for (String processInstanceId : told) {
      runtime.createMessageCorrelation(TransitionalProcess.NOMINAL_PHASE_CORRECTED)
          .processInstanceId(processInstanceId).setVariables(variables).correlate();
      numbers.add(runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
          .getBusinessKey());
    }
    return new Changed(change, numbers.stream().sorted().toList());
  }
}
