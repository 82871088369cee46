package fr.parcours.has;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.deadline.AskedLength;
import fr.parcours.support.FormFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * The form of a task that asks for complements in a window the agency may set: a required number of days under
 * the variable the clocks read ({@link AskedLength#daysVariable}), shown only when complements are asked and the
 * row is agency-set for the dossier's pathway ({@link AskedLength#AGENCY_SETS_LENGTH}, set when the task is
 * created), with a text that names the minimum.
 */
final class AskedLengthForm {

  private AskedLengthForm() {
  }

  /** The task of a pathway whose row the agency sets shows the field with its minimum; the other does not. */
  static void assertOfferedOnlyTo(TaskService tasks, Task agencySets, Task tableSets) {
    assertThat(tasks.getVariablesLocal(agencySets.getId()))
        .containsEntry(AskedLength.AGENCY_SETS_LENGTH, true).containsEntry(AskedLength.MINIMUM, "10 jours")
        .doesNotContainKey("minimumLengthEn");
    assertThat(tasks.getVariablesLocal(tableSets.getId())).containsEntry(AskedLength.AGENCY_SETS_LENGTH, false);
  }

  static void assertAsks(String formId, String decisionVariable, String window) {
    JsonNode form;
    try {
      form = new ObjectMapper().readTree(FormFiles.of(formId).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String shownWhen = "=not(" + decisionVariable + " = \"COMPLEMENTS\" and " + AskedLength.AGENCY_SETS_LENGTH
        + " = true)";
    JsonNode field = null;
    JsonNode text = null;
    for (JsonNode component : form.path("components")) {
      if (AskedLength.daysVariable(window).equals(component.path("key").asText())) {
        field = component;
      }
      if (component.path("text").asText().contains("{{" + AskedLength.MINIMUM + "}}")) {
        text = component;
      }
    }
    assertThat(field).as("a field %s in %s", AskedLength.daysVariable(window), formId).isNotNull();
    assertThat(field.path("type").asText()).isEqualTo("number");
    assertThat(field.path("validate").path("required").asBoolean()).as("required when shown").isTrue();
    assertThat(field.path("conditional").path("hide").asText()).isEqualTo(shownWhen);
    assertThat(text).as("a text naming the minimum in %s", formId).isNotNull();
    assertThat(text.path("conditional").path("hide").asText()).isEqualTo(shownWhen);
  }
}
