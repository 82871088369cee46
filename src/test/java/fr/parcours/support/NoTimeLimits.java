package fr.parcours.support;

import fr.parcours.clock.TimeLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The deployment refuses a user task that neither takes its due date from the deadlines table nor is marked as having
 * no time limit ({@link TimeLimits}). A test's stub (a track replaced by a task that waits) and a diagram kept as it
 * was deployed before that check are marked here: the mark changes nothing of how they run.
 */
public final class NoTimeLimits {

  private NoTimeLimits() {
  }

  /** Marks every user task of the model that names no window with the property timeLimits = none. */
  public static BpmnModelInstance marked(BpmnModelInstance model) {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (TimeLimits.namesAWindow(task.getCamundaDueDate())) {
        continue;
      }
      ExtensionElements extensions = task.getExtensionElements();
      if (extensions == null) {
        extensions = model.newInstance(ExtensionElements.class);
        task.setExtensionElements(extensions);
      }
      CamundaProperties properties = extensions.getElementsQuery().filterByType(CamundaProperties.class).list()
          .stream().findFirst().orElse(null);
      if (properties == null) {
        properties = extensions.addExtensionElement(CamundaProperties.class);
      }
      // the element template writes the property empty ("a window applies") on every task it is applied to
      CamundaProperty property = properties.getCamundaProperties().stream()
          .filter(p -> TimeLimits.PROPERTY.equals(p.getCamundaName())).findFirst().orElse(null);
      if (property == null) {
        property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(TimeLimits.PROPERTY);
        properties.addChildElement(property);
      }
      property.setCamundaValue(TimeLimits.NONE);
    }
    return model;
  }

  /** The same, for a diagram read from a file. */
  public static InputStream marked(InputStream diagram) {
    try (diagram) {
      BpmnModelInstance model = marked(Bpmn.readModelFromStream(diagram));
      return new java.io.ByteArrayInputStream(Bpmn.convertToString(model).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
