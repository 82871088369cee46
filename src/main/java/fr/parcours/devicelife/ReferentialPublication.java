package fr.parcours.devicelife;

import fr.parcours.device.DeviceRecords;
import fr.parcours.device.DeviceRecords.CertifiedDevice;
import fr.parcours.device.ReferentialVersions;
import fr.parcours.device.ReferentialVersions.Version;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An ANS reviewer publishes a new version of the referential. Opposable: a re-certification cycle opens for every
 * device certified under an older version (its newest certificate, in force: the version it replaces, or one
 * before it whose devices conformed through technical evolutions), each vendor told by the
 * cycle's first step; a device whose cycle already runs keeps that one. Not opposable: no cycle, the devices
 * conform through technical evolutions (the publication says so on /devices). One transaction: a refused
 * publication, or a cycle that cannot open, stores nothing and opens nothing.
 */
@Service
public class ReferentialPublication {

  /**
   * What a publication did: the cycles it opened (their dossiers), the dossiers of the cycles already running on
   * devices it concerned, and the certificates whose dossier is no longer kept (their vendor applies again with a
   * new ANS certification: the candidature cannot be carried).
   */
  public record Published(Version version, List<String> openedDossiers, List<String> alreadyRunning,
      List<String> notCarried) {
  }

  private final ReferentialVersions versions;
  private final DeviceRecords records;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final ZoneId zone;

  ReferentialPublication(ReferentialVersions versions, DeviceRecords records, RuntimeService runtime,
      HistoryService history, @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.history = history;
    this.versions = versions;
    this.records = records;
    this.runtime = runtime;
    this.zone = ZoneId.of(zone);
  }

  @Transactional
  public Published publish(String version, LocalDate appliesFrom, boolean opposable, String publishedBy) {
    java.time.Instant now = ClockUtil.getCurrentTime().toInstant();
    Version published = versions.publish(DeviceRecords.ANS_REFERENTIAL, version, appliesFrom, opposable, publishedBy,
        now, LocalDate.ofInstant(now, zone));
    List<String> opened = new ArrayList<>();
    List<String> running = new ArrayList<>();
    List<String> notCarried = new ArrayList<>();
    if (opposable) {
      for (CertifiedDevice device : records.certifiedBefore(DeviceRecords.ANS_REFERENTIAL, published.version())) {
        if (records.runningCycle(device.deviceId()).isPresent()) {
          running.add(records.runningCycle(device.deviceId()).get());
          continue;
        }
        if (device.processInstanceId() == null || history.createHistoricProcessInstanceQuery()
            .processInstanceId(device.processInstanceId()).count() == 0) {
          notCarried.add(device.certificateNumber());
          continue;
        }
        ProcessInstance cycle = runtime.createProcessInstanceByKey(DeviceLifeProcess.KEY)
            .setVariables(Map.of(DeviceLifeProcess.PREVIOUS_CERTIFICATE, device.certificateNumber(),
                DeviceLifeProcess.REFERENTIAL_VERSION, published.version()))
            .execute();
        opened.add(cycle.getBusinessKey());
      }
      versions.cyclesOpened(published.id(), opened.size());
    }
    return new Published(published, List.copyOf(opened), List.copyOf(running), List.copyOf(notCarried));
  }
}
