package fr.parcours.device;

import fr.parcours.device.DeviceRecords.DeviceFacts;
import java.util.Collection;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The device a dossier is about, read from its variables (the candidature's names, passed to every track). */
public final class DeviceFactsOf {

  private DeviceFactsOf() {
  }

  public static DeviceFacts dossier(VariableScope variables) {
    Object profiles = variables.getVariable("finalSoftwareProfiles");
    if (profiles == null) {
      profiles = variables.getVariable("softwareProfiles");
    }
    String profilesText = profiles instanceof Collection<?> list ? String.join(", ", list.stream().map(String::valueOf)
        .toList()) : profiles == null ? null : readable(String.valueOf(profiles));
    return new DeviceFacts(text(variables, "vendorGroup"), text(variables, "companyName"),
        text(variables, "softwareName"), text(variables, "softwareVersion"), profilesText,
        text(variables, "basicUdiDi"));
  }

  /** "SOCLE,RI" (the track's final profiles) or ["SOCLE","RI"] (the start form's JSON) as "SOCLE, RI". */
  static String readable(String profiles) {
    return String.join(", ", java.util.Arrays.stream(profiles.replaceAll("[\\[\\]\"]", "").split(","))
        .map(String::trim).filter(p -> !p.isEmpty()).toList());
  }

  private static String text(VariableScope variables, String name) {
    Object value = variables.getVariable(name);
    return value == null ? null : String.valueOf(value);
  }
}
