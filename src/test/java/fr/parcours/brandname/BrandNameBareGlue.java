package fr.parcours.brandname;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The brand name's own beans for a bare engine (the simulator's baseline): the intake and the milestones, which steer
 * the diagram, are the real ones; no certificate is ever declared (the intake looks none up); the task checks let
 * everything through and only record the registration's end the order gives, as the real check does, without the
 * device records.
 */
public final class BrandNameBareGlue {

  private BrandNameBareGlue() {
  }

  public static Map<String, Object> beans(ZoneId zone) {
    TaskListener checks = task -> {
      if ("Task_PublishRegistrationOrder".equals(task.getTaskDefinitionKey())
          && task.getVariable("registrationEndDate") != null) {
        LocalDate end = LocalDate.parse(task.getVariable("registrationEndDate").toString());
        task.setVariable(BrandNameProcess.REGISTRATION_ENDS_AT, java.util.Date.from(end.atStartOfDay(zone)
            .toInstant()));
      }
    };
    return Map.of(
        "brandNameIntake", new BrandNameIntake(number -> Optional.empty(), (certificate, day) -> Optional.empty(),
            zone),
        "brandNameMilestones", new BrandNameMilestones(),
        "brandNameTaskChecks", checks);
  }
}
