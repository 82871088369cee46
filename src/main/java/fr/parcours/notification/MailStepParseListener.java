package fr.parcours.notification;

import fr.parcours.shared.DeploymentChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * run by {@link VendorMail}, {@code asyncBefore}, retried {@value #RETRY_CYCLE} unless it sets its own cycle. The
 * steps of the older versions of the diagrams, which name {@code ${vendorMail}} with {@code asyncBefore} and
 * {@code asyncAfter} written out, run as before. At deployment a mail that Parcours does not send, a mail whose
 * files are missing ({@link MailFiles}), or a {@code mail} on anything but a message throw event, is refused with the
 * element and the fix.
 *
 * <p><b>One job per mail step, not two.</b> {@code asyncBefore} is needed: the person who completed the step before
 * never waits for the SMTP server, and a mail that fails is retried, then becomes an incident, on its own job. A
 * second job ({@code asyncAfter}) would commit the mail step before the process moves on, so that a later step's
 * rollback does not run the mail step again; the journal already does that, for every retry: it is keyed by the
 * job, whose id stays the same across retries, it is written in its own transactions (committed whatever the job
 * does), and a recipient it records as sent gets nothing when the job runs again (the PDF the mail carried is the
 * one kept the first time). So when what follows the mail fails and rolls back, the retried job reads the journal
 * (one statement) and goes on without sending: proven by {@code VendorMailTest} and by the crash test, whose nodes
 * are killed while these jobs run. A failure after the mail shows as an incident on the mail step, which is also
 * where the second job put it. Two jobs cost a job written, fetched, locked, deleted and logged in the history per
 * mail, on every mail of every dossier.
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
        String named = DeploymentChecks.named(element);
        if (!"intermediateThrowEvent".equals(element.getTagName()) || element.element("messageEventDefinition") == null) {
          problems.add("l’élément " + named + " nomme le courriel « " + mail + " », mais n’est pas un événement"
              + " intermédiaire d’envoi de message : seul un tel événement (une enveloppe noire) envoie un courriel ;"
              + " changez son type dans Modeler (icône de clé à molette, « Message intermediate throw event »)");
        } else if (Arrays.stream(NotificationEvent.values()).noneMatch(event -> event.name().equals(mail))) {
          problems.add("l’étape de notification " + named + " nomme le courriel « " + mail + " », que Parcours"
              + " n’envoie pas : choisissez-en un dans le champ « Mail » du modèle d’élément « Notify the vendor »"
              + " (l’un de " + Arrays.stream(NotificationEvent.values()).map(Enum::name)
                  .collect(Collectors.joining(", "))
              + " ; leurs textes sont dans mails/fr/), ou demandez aux développeurs d’ajouter ce courriel à"
              + " NotificationEvent avec ses modèles");
        } else {
          List<String> missing = MailFiles.missing(NotificationEvent.valueOf(mail));
          if (!missing.isEmpty()) {
            problems.add("l’étape de notification " + named + " envoie le courriel « " + mail + " », dont "
                + String.join(", ", missing) + " : rétablissez ce fichier (chaque courriel a son modèle .html et"
                + " .txt en français et en anglais, mails/fr/ et mails/en/)");
          }
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
