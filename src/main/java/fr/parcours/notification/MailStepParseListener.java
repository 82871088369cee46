package fr.parcours.notification;

import fr.parcours.shared.DeploymentChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.bpmn.behavior.ServiceTaskDelegateExpressionActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Makes a notification step out of the extension property {@code mail}, so that a process owner who applies
 * the element template "Notify the vendor" types no bean name and sets no job settings (Modeler's templates
 * cannot write inside a message event definition, nor a retry cycle).
 *
 * <p>A message throw event (an envelope) with the property {@code mail} and no implementation of its own is
 * run by {@link VendorMail}, {@code asyncBefore} and {@code asyncAfter}, retried {@value #RETRY_CYCLE} unless
 * it sets its own cycle: exactly what a step naming {@code ${vendorMail}} with those settings does, and those
 * steps (the older versions of the diagrams) run as before. At deployment a mail that Parcours does not send,
 * or a {@code mail} on anything but a message throw event, is refused with the element and the fix.
 */
public class MailStepParseListener extends AbstractBpmnParseListener {

  /** The bean every notification step calls. */
  static final String DELEGATE = "${vendorMail}";
  /** Five attempts five minutes apart, then an incident on the dossier. */
  static final String RETRY_CYCLE = "R5/PT5M";

  private static final List<String> IMPLEMENTATIONS = List.of("class", "expression", "delegateExpression", "type");

  @Override
  public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    Element message = element.element("messageEventDefinition");
    if (message == null || implemented(message)
        || !DeploymentChecks.properties(element).containsKey(VendorMail.MAIL_PROPERTY)) {
      return;
    }
    ExpressionManager expressions = Context.getProcessEngineConfiguration().getExpressionManager();
    activity.getProperties().set(BpmnProperties.TYPE, ActivityTypes.INTERMEDIATE_EVENT_MESSAGE);
    activity.setActivityBehavior(
        new ServiceTaskDelegateExpressionActivityBehavior(expressions.createExpression(DELEGATE), List.of()));
    if (!activity.isAsyncBefore()) {
      activity.setAsyncBefore(true);
    }
    if (!activity.isAsyncAfter()) {
      activity.setAsyncAfter(true);
    }
    if (activity.getProperties().get(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION) == null) {
      // as the engine reads a camunda:failedJobRetryTimeCycle written in the diagram
      activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
          ParseUtil.parseRetryIntervals(RETRY_CYCLE));
    }
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
    DeploymentEntity deployment = DeploymentChecks.newDeploymentOf(definition);
    if (deployment != null) {
      List<String> problems = new ArrayList<>();
      check(processElement, problems);
      DeploymentChecks.refuseIfAny(problems, definition, deployment);
    }
  }

  private static void check(Element container, List<String> problems) {
    for (Element element : container.elements()) {
      Map<String, String> properties = DeploymentChecks.properties(element);
      String mail = properties.get(VendorMail.MAIL_PROPERTY);
      if (mail != null) {
        String id = element.attribute("id");
        if (!"intermediateThrowEvent".equals(element.getTagName()) || element.element("messageEventDefinition") == null) {
          problems.add("element " + id + " names the mail '" + mail + "' but is not a message throw event: only an"
              + " intermediate message throw event (an envelope) sends a mail; change its type in Modeler"
              + " (wrench icon, Message intermediate throw event)");
        } else if (Arrays.stream(NotificationEvent.values()).noneMatch(event -> event.name().equals(mail))) {
          problems.add("notification step " + id + " names the mail '" + mail + "', which Parcours does not send;"
              + " choose one in the element template \"Notify the vendor\" (one of "
              + Arrays.toString(NotificationEvent.values()) + ", the templates of mails/fr/), or add the event to"
              + " NotificationEvent with its mails");
        }
      }
      check(element, problems);
    }
  }

  private static boolean implemented(Element messageEventDefinition) {
    return IMPLEMENTATIONS.stream()
        .anyMatch(name -> messageEventDefinition.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, name) != null);
  }
}
