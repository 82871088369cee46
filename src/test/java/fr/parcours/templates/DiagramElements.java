package fr.parcours.templates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** The elements of the diagrams in {@code bpmn/} that an element template describes, whatever their form. */
final class DiagramElements {

  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final Pattern OUTCOME_LISTENER = Pattern.compile("setVariable\\('([a-zA-Z]*Outcome)'");

  /**
   * An element a template describes.
   *
   * @param template the template that describes it
   * @param carries the template it carries ({@code camunda:modelerTemplate}), or null
   * @param version the version it carries, or null
   */
  record Described(String id, String template, String carries, String version) {
  }

  private DiagramElements() {
  }

  static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
      return files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
  }

  static List<Described> describedIn(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    List<Described> found = new ArrayList<>();
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String template = templateOf(element);
      if (template != null) {
        found.add(new Described(element.getId(), template, element.getAttributeValueNs(CAMUNDA, "modelerTemplate"),
            element.getAttributeValueNs(CAMUNDA, "modelerTemplateVersion")));
      }
    }
    return found;
  }

  private static String templateOf(BaseElement element) {
    if (element instanceof IntermediateThrowEvent event
        && !event.getChildElementsByType(MessageEventDefinition.class).isEmpty()
        && (property(event, "mail") != null || event.getChildElementsByType(MessageEventDefinition.class).stream()
            .anyMatch(definition -> "${vendorMail}".equals(definition.getCamundaDelegateExpression())))) {
      return ElementTemplates.NOTIFY_VENDOR;
    }
    if (element instanceof UserTask task && (task.getCamundaDueDate() != null || property(task, "pausesClock") != null)) {
      return ElementTemplates.TASK_WINDOW;
    }
    if ((element instanceof BoundaryEvent || element instanceof IntermediateCatchEvent || element instanceof StartEvent)
        && !((Event) element).getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
      return ElementTemplates.TIMER_WINDOW;
    }
    if (element instanceof EndEvent end) {
      if (property(end, "outcomeVariable") != null) {
        return ElementTemplates.OUTCOME + property(end, "outcomeVariable");
      }
      if (end.getExtensionElements() != null) {
        for (CamundaExecutionListener listener : end.getExtensionElements().getElementsQuery()
            .filterByType(CamundaExecutionListener.class).list()) {
          Matcher outcome = OUTCOME_LISTENER.matcher(String.valueOf(listener.getCamundaExpression()));
          if (outcome.find()) {
            return ElementTemplates.OUTCOME + outcome.group(1);
          }
        }
      }
    }
    return null;
  }

  static String property(BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery().filterByType(
            org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName())).map(CamundaProperty::getCamundaValue)
        .findFirst().orElse(null);
  }
}
