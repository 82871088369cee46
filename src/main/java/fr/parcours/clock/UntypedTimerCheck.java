package fr.parcours.clock;

import java.io.ByteArrayInputStream;
import fr.parcours.shared.DeploymentChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Refuses, before the engine parses it, a diagram with a timer whose response window the element template
 * chose ({@code window}) but whose timer has no type yet, naming the expression to paste. The engine would
 * refuse it too, but only saying that a timer "needs configuration": it stops at such a timer before any
 * parse listener could speak, and an element template cannot write a timer definition.
 */
public class UntypedTimerCheck implements Deployer {

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    List<String> refusals = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (resource.getName().endsWith(".bpmn") || resource.getName().endsWith(".bpmn20.xml")) {
        check(resource, refusals);
      }
    }
    if (!refusals.isEmpty()) {
      throw new fr.parcours.shared.DeploymentRefused(String.join(" ", refusals));
    }
  }

  /** Adds the refusal of each process of the diagram that has such a timer, in the words of the parse listeners. */
  private static void check(ResourceEntity resource, List<String> refusals) {
    if (!hasUntypedTimer(resource.getBytes())) {
      return;
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
    } catch (RuntimeException unreadable) {
      return; // the engine's parser says what is wrong with it
    }
    Map<String, List<String>> problems = new LinkedHashMap<>();
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      if (timer.getTimeDate() != null || timer.getTimeDuration() != null || timer.getTimeCycle() != null
          || !(timer.getParentElement() instanceof BaseElement event)) {
        continue;
      }
      String window = window(event);
      if (window != null) {
        problems.computeIfAbsent(processOf(event), key -> new ArrayList<>()).add("le minuteur "
            + DeploymentChecks.named(event.getId(), event.getAttributeValue("name")) + " a pour « Response window » « "
            + window + " », mais pas encore de type : dans son groupe « Timer », choisissez le type « Date » et la"
            + " valeur " + ClockExpressions.call("due", window) + " (ou, pour un minuteur qui se répète, le type"
            + " « Cycle » et la valeur " + ClockExpressions.call("cycle", window) + ")");
      }
    }
    problems.forEach((process, found) -> refusals.add(DeploymentChecks.refusal(process, resource.getName(), found)));
  }

  /** The id of the process the event belongs to (the id its file declares), as the deployment refusals name it. */
  private static String processOf(ModelElementInstance event) {
    ModelElementInstance element = event;
    while (element != null && !(element instanceof Process)) {
      element = element.getParentElement();
    }
    return element == null ? "?" : ((Process) element).getId();
  }

  /**
   * Whether the diagram has a timer without a type (no date, duration or cycle), found by reading it as a stream:
   * the model API's reading (a document, checked against the schema) is read only for such a diagram, rather than
   * for every diagram of every new deployment (issue 21, start-up: some 70 ms of a first start). A diagram this
   * cannot read is read by the model API, which leaves it to the engine's parser to say what is wrong.
   */
  static boolean hasUntypedTimer(byte[] diagram) {
    try {
      XMLInputFactory inputs = XMLInputFactory.newFactory();
      // a diagram names no external entity: none is read
      inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      inputs.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      XMLStreamReader xml = inputs.createXMLStreamReader(new ByteArrayInputStream(diagram));
      try {
        int depth = 0;
        int timerDepth = -1;
        boolean typed = false;
        while (xml.hasNext()) {
          int event = xml.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            depth++;
            String name = xml.getLocalName();
            if ("timerEventDefinition".equals(name)) {
              timerDepth = depth;
              typed = false;
            } else if (timerDepth >= 0 && depth == timerDepth + 1
                && ("timeDate".equals(name) || "timeDuration".equals(name) || "timeCycle".equals(name))) {
              typed = true;
            }
          } else if (event == XMLStreamConstants.END_ELEMENT) {
            if (depth == timerDepth) {
              if (!typed) {
                return true;
              }
              timerDepth = -1;
            }
            depth--;
          }
        }
        return false;
      } finally {
        xml.close();
      }
    } catch (XMLStreamException | RuntimeException unreadable) {
      return true;
    }
  }

  private static String window(BaseElement event) {
    if (event.getExtensionElements() == null) {
      return null;
    }
    return event.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> ClockExpressions.WINDOW_PROPERTY.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .filter(value -> value != null && !value.isBlank())
        .findFirst().orElse(null);
  }
}
