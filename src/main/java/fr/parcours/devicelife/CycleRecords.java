package fr.parcours.devicelife;

import fr.parcours.device.DeviceRecords;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cycle's marks in the device's records: the new certificate linked to the one it renews
 * ({@code ${certificateLink}}, a step of the diagram), and the cycle closed when its dossier ends
 * ({@code ${cycleClosing}}, the process's end), which lets the device start another.
 */
@Configuration(proxyBeanMethods = false)
class CycleRecords {

  @Bean
  JavaDelegate certificateLink(DeviceRecords records) {
    return execution -> records.renews((String) execution.getVariable("certificateNumber"),
        (String) execution.getVariable(DeviceLifeProcess.PREVIOUS_CERTIFICATE));
  }

  @Bean
  ExecutionListener cycleClosing(DeviceRecords records) {
    return (DelegateExecution execution) -> records.cycleClosed(execution.getProcessInstanceId(),
        DeviceLifeProcess.Outcome.RECERTIFIED.name().equals(execution.getVariable(DeviceLifeProcess.OUTCOME))
            ? (String) execution.getVariable("certificateNumber") : null,
        ClockUtil.getCurrentTime().toInstant());
  }
}
