package fr.parcours.transitional;

import fr.parcours.transitional.WindowPhases.Opening;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An ANS reviewer records the day a window's nominal phase opens (seed 004 §6.5: once the texts that open it are
 * published): kept with who and when ({@link WindowPhases}), and every transitional dossier still open on that window is
 * told, by the mail step of its diagram (message {@value TransitionalProcess#NOMINAL_PHASE_OPENED}), that it may
 * continue into a nominal candidature from that day. One transaction: a refusal stores nothing and tells nobody.
 */
@Service
class NominalPhaseOpening {

  /** What the opening did: the opening as kept, and the transitional dossiers told of it. */
  record Opened(Opening opening, List<String> dossiersTold) {
  }

  private final WindowPhases phases;
  private final RuntimeService runtime;
  private final ZoneId zone;

  NominalPhaseOpening(WindowPhases phases, RuntimeService runtime,
      @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.phases = phases;
    this.runtime = runtime;
    this.zone = ZoneId.of(zone);
  }

  @Transactional
  Opened open(String windowId, LocalDate opensOn, String legalReference, String recordedBy) {
    // the dossiers open on that window whose diagram announces the opening (one deployed before it does not)
    java.util.Set<String> waiting = windowId == null ? java.util.Set.of() : runtime.createExecutionQuery()
        .processDefinitionKey(TransitionalProcess.KEY).messageEventSubscriptionName(
            TransitionalProcess.NOMINAL_PHASE_OPENED).processVariableValueEquals(TransitionalProcess.ANS_WINDOW,
            windowId).list().stream().map(org.camunda.bpm.engine.runtime.Execution::getProcessInstanceId)
        .collect(java.util.stream.Collectors.toSet());
    List<ProcessInstance> open = waiting.isEmpty() ? List.of()
        : runtime.createProcessInstanceQuery().processInstanceIds(waiting).list();
    Opening opening = phases.open(windowId, opensOn, legalReference, recordedBy, open.size());
    Date day = Date.from(opensOn.atStartOfDay(zone).toInstant());
    for (ProcessInstance dossier : open) {
      runtime.createMessageCorrelation(TransitionalProcess.NOMINAL_PHASE_OPENED)
          .processInstanceId(dossier.getId())
          .setVariables(Map.of(TransitionalProcess.NOMINAL_OPENS_ON, day,
              TransitionalProcess.NOMINAL_LEGAL_REFERENCE, opening.legalReference()))
          .correlate();
    }
    return new Opened(opening, open.stream().map(ProcessInstance::getBusinessKey).sorted().toList());
  }
}
