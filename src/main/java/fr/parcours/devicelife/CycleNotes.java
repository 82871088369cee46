package fr.parcours.devicelife;

import fr.parcours.ans.AnsProcess;
import fr.parcours.shared.DossierNotes;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Says on the dossier page and the evidence page which case of seed 003's step 3 "Dépôt des preuves" a dossier is,
 * and what is expected: (a) a first certification (the ANS track, alone or called by another pathway); (b) a new
 * model or range, or an application after a withdrawal (a {@code device-life} cycle: a new candidature carried
 * over, the whole certification again); (c) the referential evolved (a cycle on the window of the new version, new
 * proofs against its requirements).
 */
@Component
class CycleNotes implements DossierNotes {

  private final HistoryService history;
  private final MessageSource messages;

  CycleNotes(HistoryService history, MessageSource messages) {
    this.history = history;
    this.messages = messages;
  }

  @Override
  public List<String> about(String dossierNumber, Locale locale) {
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(dossierNumber).listPage(0, 20);
    HistoricProcessInstance cycle = instances.stream()
        .filter(i -> DeviceLifeProcess.KEY.equals(i.getProcessDefinitionKey())).findFirst().orElse(null);
    if (cycle != null) {
      Map<String, Object> facts = new HashMap<>();
      for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
          .processInstanceId(cycle.getId()).variableNameIn(DeviceLifeProcess.REASON,
              DeviceLifeProcess.PREVIOUS_CERTIFICATE, DeviceLifeProcess.REFERENTIAL_VERSION).list()) {
        facts.put(variable.getName(), variable.getValue());
      }
      Object reason = facts.get(DeviceLifeProcess.REASON);
      if (reason == null) {
        return List.of();
      }
      return List.of(messages.getMessage("cycle.case." + reason, new Object[] {
          facts.get(DeviceLifeProcess.PREVIOUS_CERTIFICATE), facts.get(DeviceLifeProcess.REFERENTIAL_VERSION)},
          locale));
    }
    boolean certification = instances.stream().anyMatch(i -> AnsProcess.KEY.equals(i.getProcessDefinitionKey()));
    return certification ? List.of(messages.getMessage("cycle.case.FIRST", null, locale)) : List.of();
  }
}
