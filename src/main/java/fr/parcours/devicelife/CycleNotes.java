package fr.parcours.devicelife;

import fr.parcours.ans.AnsProcess;
import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.devicelife.DeviceLifeProcess.Reason;
import fr.parcours.evidence.EvidenceCatalogue;
import fr.parcours.evidence.EvidenceCatalogue.Changes;
import fr.parcours.evidence.EvidenceCatalogue.Requirement;
import fr.parcours.shared.DossierNotes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
 * proofs against its requirements), with what that version added, changed and withdrew since the certificate's: what
 * the vendor proves anew.
 */
@Component
class CycleNotes implements DossierNotes {

  private final HistoryService history;
  private final MessageSource messages;
  private final DeviceRecords records;
  private final EvidenceCatalogue catalogue;

  CycleNotes(HistoryService history, MessageSource messages, DeviceRecords records, EvidenceCatalogue catalogue) {
    this.history = history;
    this.messages = messages;
    this.records = records;
    this.catalogue = catalogue;
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
      String previous = (String) facts.get(DeviceLifeProcess.PREVIOUS_CERTIFICATE);
      String version = (String) facts.get(DeviceLifeProcess.REFERENTIAL_VERSION);
      String note = messages.getMessage("cycle.case." + reason, new Object[] {previous, version}, locale);
      if (!Reason.REFERENTIAL_CHANGE.name().equals(reason) || version == null) {
        return List.of(note);
      }
      return records.certificate(previous).map(c -> List.of(note, changes(c, version, locale)))
          .orElse(List.of(note));
    }
    boolean certification = instances.stream().anyMatch(i -> AnsProcess.KEY.equals(i.getProcessDefinitionKey()));
    return certification ? List.of(messages.getMessage("cycle.case.FIRST", null, locale)) : List.of();
  }

  /**
   * Case (c): what the new version changed since the certificate's, what the vendor proves anew. A certificate that
   * names a version the catalogue does not describe (issued before it had versions) is read as its first version.
   */
  private String changes(CertifiedDevice certificate, String version, Locale locale) {
    Changes changes = Changes.between(catalogue.of(certificate.referentialVersion()), catalogue.of(version));
    Object[] versions = {certificate.referentialVersion(), certificate.certificateNumber(), version};
    if (changes.none()) {
      return messages.getMessage("cycle.changes.none", versions, locale);
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<Requirement>> part : Map.of("added", changes.added(), "changed", changes.changed(),
        "withdrawn", changes.withdrawn()).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      if (!part.getValue().isEmpty()) {
        parts.add(messages.getMessage("cycle.changes." + part.getKey(), new Object[] {part.getValue().stream()
            .map(Requirement::withProofs).collect(Collectors.joining(", "))}, locale));
      }
    }
    return messages.getMessage("cycle.changes", new Object[] {certificate.referentialVersion(),
        certificate.certificateNumber(), version, String.join(" ; ", parts)}, locale);
  }
}
