package fr.parcours.devicelife;

import fr.parcours.device.DeviceRecords;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cycle's marks in the device's records: the new certificate linked to the one it renews, and for a changed
 * referential naming the new version ({@code ${certificateLink}}, a step of the diagram), and the cycle closed when its dossier ends
 * ({@code ${cycleClosing}}, the process's end), which lets the device start another.
 */
@Configuration(proxyBeanMethods = false)
class CycleRecords {

  @Bean
  JavaDelegate certificateLink(DeviceRecords records) {
    return execution -> {
      String renewed = (String) execution.getVariable("certificateNumber");
      records.renews(renewed, (String) execution.getVariable(DeviceLifeProcess.PREVIOUS_CERTIFICATE));
      // case (c): certified against the new version, even when delivered before the day it applies from
      if (DeviceLifeProcess.Reason.REFERENTIAL_CHANGE.name().equals(execution.getVariable(DeviceLifeProcess.REASON))
          && execution.getVariable(DeviceLifeProcess.REFERENTIAL_VERSION) instanceof String version) {
        records.certifiedUnder(renewed, version);
      }
    };
  }

  @Bean
  ExecutionListener cycleClosing(DeviceRecords records) {
    return (DelegateExecution execution) -> records.cycleClosed(execution.getProcessInstanceId(),
        DeviceLifeProcess.Outcome.RECERTIFIED.name().equals(execution.getVariable(DeviceLifeProcess.OUTCOME))
            ? (String) execution.getVariable("certificateNumber") : null,
        ClockUtil.getCurrentTime().toInstant());
  }
}
