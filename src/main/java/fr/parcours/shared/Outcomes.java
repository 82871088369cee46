package fr.parcours.shared;

import java.util.Arrays;
import java.util.List;

/**
 * How a process (or a part of it) ends, as its end events state it: the variable they set and the values it
 * takes. A pathway or track declares one as a Spring bean beside its {@link Pathway}; an end event of that
 * process with the extension properties {@code outcomeVariable} and {@code outcome} (the element template
 * "Outcome" in Modeler) sets the variable when it is reached, and a deployment naming a value or a variable
 * not declared here is refused.
 *
 * @param processKey the process whose end events set it
 * @param variable the variable, read by the gateways after the end and by the callers
 * @param label what the element template is called in Modeler
 * @param values the outcomes, in the order Modeler lists them
 */
public record Outcomes(String processKey, String variable, String label, List<String> values) {

  /** The extension property that names the outcome's variable. */
  public static final String VARIABLE_PROPERTY = "outcomeVariable";
  /** The extension property that names the outcome. */
  public static final String VALUE_PROPERTY = "outcome";

  public static Outcomes of(String processKey, String variable, String label, Class<? extends Enum<?>> values) {
    return new Outcomes(processKey, variable, label,
        Arrays.stream(values.getEnumConstants()).map(Enum::name).toList());
  }

  public Outcomes {
    values = List.copyOf(values);
  }
}
