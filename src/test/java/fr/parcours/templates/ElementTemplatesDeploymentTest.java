package fr.parcours.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import fr.parcours.clock.TimeLimits;
import fr.parcours.shared.Outcomes;
import fr.parcours.support.ProcessTestBase;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the engine makes of the element templates' values, on the real engine: a diagram built by applying each
 * template with each of its choices deploys; the properties do what the bean names and listeners of the older
 * diagrams did (a mail step mails, asynchronously, with its retry cycle; an end event sets its outcome; a task
 * takes its due date from the window); and a value no template offers is refused at deployment with a message
 * naming the element and the fix. The diagrams it deploys are removed after each test.
 */
class ElementTemplatesDeploymentTest extends ProcessTestBase {

  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  @Autowired List<Outcomes> declaredOutcomes;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void removeTheDiagramsDeployedHere() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  // ---- every choice of every template deploys ----

  @Test
  void shouldDeployAMailStepForEveryMailAndWindowTheTemplateOffers() throws IOException {
    JsonNode template = ElementTemplatesTest.template(ElementTemplates.NOTIFY_VENDOR);
    List<String> mails = ElementTemplatesTest.values(template, "mail");
    Iterator<String> windows = cycle(ElementTemplatesTest.values(template, "window"));
    List<Map<String, String>> applied = new ArrayList<>();
    mails.forEach(mail -> applied.add(Map.of("mail", mail, "window", windows.next())));

    BpmnModelInstance model = chain("template-notify-all", applied.size(),
        (builder, i) -> builder.intermediateThrowEvent("Event_Notify" + i).message("Message_Notify" + i));
    for (int i = 0; i < applied.size(); i++) {
      apply(model.getModelElementById("Event_Notify" + i), template, applied.get(i));
    }

    deploy(model);
    assertThat(applied).hasSizeGreaterThan(20);
  }

  @Test
  void shouldDeployAUserTaskForEveryWindowAndClockTheTemplateOffers() throws IOException {
    JsonNode template = ElementTemplatesTest.template(ElementTemplates.TASK_WINDOW);
    List<String> dueDates = ElementTemplatesTest.values(template, "camunda:dueDate");
    Iterator<String> clocks = cycle(ElementTemplatesTest.values(template, "pausesClock"));

    BpmnModelInstance model = chain("template-task-all", dueDates.size(),
        (builder, i) -> builder.userTask("Task_Window" + i));
    for (int i = 0; i < dueDates.size(); i++) {
      apply(model.getModelElementById("Task_Window" + i), template,
          Map.of("camunda:dueDate", dueDates.get(i), "pausesClock", clocks.next()));
    }

    deploy(model);
  }

  @Test
  void shouldDeployATimerForEveryWindowTheTemplateOffersWithTheExpressionItTellsToPaste() throws IOException {
    JsonNode template = ElementTemplatesTest.template(ElementTemplates.TIMER_WINDOW);
    List<String> windows = ElementTemplatesTest.values(template, "window");

    BpmnModelInstance model = chain("template-timer-all", windows.size(),
        (builder, i) -> builder.intermediateCatchEvent("Timer_Window" + i)
            .timerWithDate("${clocks.due(execution, '" + windows.get(i) + "')}"));
    for (int i = 0; i < windows.size(); i++) {
      apply(model.getModelElementById("Timer_Window" + i), template, Map.of("window", windows.get(i)));
    }

    deploy(model);
  }

  @Test
  void shouldDeployEveryOutcomeOfEveryProcessAndKnowTheSameOutcomesAsTheTemplates() throws IOException {
    assertThat(declaredOutcomes).containsExactlyInAnyOrderElementsOf(ElementTemplates.OUTCOMES);

    for (String processKey : ElementTemplates.OUTCOMES.stream().map(Outcomes::processKey).distinct().toList()) {
      List<String[]> ends = new ArrayList<>();
      for (Outcomes outcomes : ElementTemplates.OUTCOMES) {
        if (outcomes.processKey().equals(processKey)) {
          outcomes.values().forEach(value -> ends.add(new String[] {outcomes.variable(), value}));
        }
      }
      ProcessBuilder process = Bpmn.createExecutableProcess(processKey).camundaHistoryTimeToLive(30);
      var fork = process.startEvent("StartEvent_Check").parallelGateway("Gateway_Fork");
      for (int i = 0; i < ends.size(); i++) {
        fork.endEvent("EndEvent_" + i).moveToNode("Gateway_Fork");
      }
      BpmnModelInstance model = fork.done();
      for (int i = 0; i < ends.size(); i++) {
        apply(model.getModelElementById("EndEvent_" + i),
            ElementTemplatesTest.template(ElementTemplates.OUTCOME + ends.get(i)[0]),
            Map.of(Outcomes.VALUE_PROPERTY, ends.get(i)[1]));
      }

      deploy(model);
    }
  }

  // ---- what the properties do ----

  @Test
  void shouldMailFromAStepThatOnlyNamesItsMailInOneJobWithARetryCycleAsTheOldFormDoes() throws IOException {
    JsonNode template = ElementTemplatesTest.template(ElementTemplates.NOTIFY_VENDOR);
    BpmnModelInstance model = Bpmn.createExecutableProcess("template-notify").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check")
        .intermediateThrowEvent("Event_NotifyNew").message("Message_New")
        // the form of the diagrams deployed before the templates: bean, asynchronous steps and cycle written out
        .intermediateThrowEvent("Event_NotifyOld").camundaAsyncBefore().camundaAsyncAfter()
        .camundaFailedJobRetryTimeCycle("R5/PT5M").messageEventDefinition("MessageEventDefinition_Old")
        .messageEventDefinitionDone()
        .endEvent("EndEvent_Done")
        .done();
    ((BaseElement) model.getModelElementById("MessageEventDefinition_Old"))
        .setAttributeValueNs(CAMUNDA, "delegateExpression", "${vendorMail}");
    apply(model.getModelElementById("Event_NotifyNew"), template, Map.of("mail", "APPLICATION_RECEIVED", "window", ""));
    property(model.getModelElementById("Event_NotifyOld"), "mail", "CERTIFICATION_REFUSED");
    String definitionId = deploy(model);

    ProcessInstance pi = runtimeService.startProcessInstanceByKey("template-notify", "PAR-TPL-1",
        Map.of("contactEmail", "jean.dupont@medisoft.example", "dossierId", "PAR-TPL-1"));

    assertThat(MAIL.getReceivedMessages()).as("nothing sent in the transaction that reached the step").isEmpty();
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("Event_NotifyNew")
        .count()).isEqualTo(1);
    executeJobs(pi);
    assertThat(MAIL.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly(
        "Dossier PAR-TPL-1 : candidature reçue", "Dossier PAR-TPL-1 : certification refusée");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
        .getEndTime()).isNotNull();
    // one job for the step that names its mail (the journal keeps a retry from sending twice: MailStepParseListener);
    // the old form keeps the two it writes out
    assertThat(managementService.createJobDefinitionQuery().processDefinitionId(definitionId)
        .activityIdIn("Event_NotifyNew").list()).extracting(JobDefinition::getJobConfiguration)
        .containsExactly("async-before");
    assertThat(managementService.createJobDefinitionQuery().processDefinitionId(definitionId)
        .activityIdIn("Event_NotifyOld").list()).extracting(JobDefinition::getJobConfiguration)
        .containsExactlyInAnyOrder("async-before", "async-after");
    for (String step : List.of("Event_NotifyNew", "Event_NotifyOld")) {
      FailedJobRetryConfiguration retries = activity(definitionId, step).getProperties()
          .get(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION);
      assertThat(retries.getRetryIntervals()).as(step).containsExactly("R5/PT5M");
    }
  }

  @Test
  void shouldSetTheOutcomeAnEndEventStates() throws IOException {
    BpmnModelInstance model = Bpmn.createExecutableProcess("pecan").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").endEvent("EndEvent_Granted").done();
    apply(model.getModelElementById("EndEvent_Granted"),
        ElementTemplatesTest.template(ElementTemplates.OUTCOME + "pecanOutcome"),
        Map.of(Outcomes.VALUE_PROPERTY, "EARLY_COVERAGE_GRANTED"));
    String definitionId = deploy(model);

    ProcessInstance pi = runtimeService.startProcessInstanceById(definitionId);

    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("pecanOutcome").singleResult().getValue()).isEqualTo("EARLY_COVERAGE_GRANTED");
  }

  @Test
  void shouldDueATaskAtItsWindowAndLeaveATaskWithoutOneWhenNoneIsChosen() throws IOException {
    JsonNode template = ElementTemplatesTest.template(ElementTemplates.TASK_WINDOW);
    BpmnModelInstance model = Bpmn.createExecutableProcess("template-task").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").userTask("Task_Windowed").userTask("Task_NoWindow").endEvent("EndEvent_Done")
        .done();
    apply(model.getModelElementById("Task_Windowed"), template,
        Map.of("camunda:dueDate", "${clocks.due(execution, 'ANS_COMPLEMENTS')}", "pausesClock", "ANS_ANALYSIS"));
    apply(model.getModelElementById("Task_NoWindow"), template,
        Map.of("camunda:dueDate", "", "pausesClock", "", TimeLimits.PROPERTY, TimeLimits.NONE));
    deployAsIs(model); // what the two choices of the template write is enough: nothing added by the test

    ProcessInstance pi = runtimeService.startProcessInstanceByKey("template-task");
    assertThat(task(pi, "Task_Windowed").getDueDate()).isEqualTo(lastMomentOfDay(30)); // a window runs to the end of its last day (CPC art. 642)
    taskService.complete(task(pi, "Task_Windowed").getId());

    assertThat(task(pi, "Task_NoWindow").getDueDate()).isNull();
  }

  @Test
  void shouldRefuseATaskWhoseTemplateChoosesNeitherAWindowNorNoTimeLimitOrBoth() throws IOException {
    JsonNode template = ElementTemplatesTest.template(ElementTemplates.TASK_WINDOW);
    BpmnModelInstance neither = Bpmn.createExecutableProcess("template-task-neither").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").userTask("Task_Neither").endEvent("EndEvent_Done").done();
    apply(neither.getModelElementById("Task_Neither"), template, Map.of("camunda:dueDate", "", "pausesClock", ""));
    assertThat(refused(neither, false)).contains("la tâche utilisateur Task_Neither n’a pas d’échéance tirée de la"
        + " table des délais et ne dit pas qu’aucun délai ne s’applique");

    BpmnModelInstance both = Bpmn.createExecutableProcess("template-task-both").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").userTask("Task_Both").endEvent("EndEvent_Done").done();
    apply(both.getModelElementById("Task_Both"), template, Map.of("camunda:dueDate",
        "${clocks.due(execution, 'ANS_COMPLEMENTS')}", "pausesClock", "", TimeLimits.PROPERTY, TimeLimits.NONE));
    assertThat(refused(both, false)).contains("la tâche utilisateur Task_Both a une échéance tirée de la table"
        + " des délais et la propriété timeLimits = none");
  }

  // ---- what no template offers is refused at deployment ----

  @Test
  void shouldRefuseAMailParcoursDoesNotSendNamingTheStep() {
    BpmnModelInstance model = oneStep("template-bad-mail");
    property(model.getModelElementById("Event_Notify"), "mail", "NO_SUCH_MAIL");
    model.getModelElementById("Event_Notify").setAttributeValue("name", "Candidature reçue");

    assertThat(refused(model)).contains("Le processus « template-bad-mail » (template-bad-mail.bpmn) ne peut pas"
        + " être déployé : l’étape de notification Event_Notify (« Candidature reçue ») nomme le courriel"
        + " « NO_SUCH_MAIL », que Parcours n’envoie pas : choisissez-en un dans le champ « Mail » du modèle"
        + " d’élément « Notify the vendor » (l’un de APPLICATION_RECEIVED, ")
        .contains(" ; leurs textes sont dans mails/fr/), ou demandez aux développeurs d’ajouter ce courriel à"
        + " NotificationEvent avec ses modèles.");
  }

  @Test
  void shouldRefuseAMailQuotingAWindowTheTableLacks() {
    BpmnModelInstance model = oneStep("template-bad-window");
    property(model.getModelElementById("Event_Notify"), "mail", "COMPLEMENTS_REQUESTED");
    property(model.getModelElementById("Event_Notify"), "window", "NO_SUCH_WINDOW");

    assertThat(refused(model)).contains("l’élément Event_Notify nomme le délai « NO_SUCH_WINDOW », qui n’est une"
        + " ligne de la table des délais (bpmn/deadlines.dmn) pour aucun parcours : ajoutez cette ligne à la table,"
        + " ou choisissez l’un de ses délais (corrigez l’id).");
  }

  @Test
  void shouldRefuseAMailOnAnEventThatIsNotAnEnvelope() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("template-mail-none-event").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").intermediateThrowEvent("Event_Notify").endEvent("EndEvent_Done").done();
    property(model.getModelElementById("Event_Notify"), "mail", "ADMISSIBLE");

    assertThat(refused(model)).contains("Le processus « template-mail-none-event » (template-mail-none-event.bpmn)"
        + " ne peut pas être déployé : l’élément Event_Notify nomme le courriel « ADMISSIBLE », mais n’est pas un"
        + " événement intermédiaire d’envoi de message : seul un tel événement (une enveloppe noire) envoie un"
        + " courriel ; changez son type dans Modeler (icône de clé à molette, « Message intermediate throw"
        + " event »).");
  }

  @Test
  void shouldRefuseATimerWithAWindowButNoTimerGivingTheExpressionToPaste() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("template-timer-empty").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").intermediateCatchEvent("Timer_Window").timerWithDate("")
        .endEvent("EndEvent_Done").done();
    property(model.getModelElementById("Timer_Window"), "window", "ANS_COMPLEMENTS");

    assertThat(refused(model)).contains("ne peut pas être déployé : le minuteur Timer_Window n’a pas de valeur : un"
        + " minuteur prend sa date dans la table des délais ; dans son groupe « Timer », choisissez le type « Date »"
        + " et la valeur ${clocks.due(execution, 'ANS_COMPLEMENTS')}.");
  }

  @Test
  void shouldRefuseATimerWithAWindowAndNoTypeGivingTheExpressionRatherThanTheEnginesGenericError() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("template-timer-untyped").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").intermediateCatchEvent("Timer_Window").endEvent("EndEvent_Done").done();
    IntermediateCatchEvent timer = model.getModelElementById("Timer_Window");
    timer.getEventDefinitions().add(model.newInstance(TimerEventDefinition.class));
    property(timer, "window", "ANS_COMPLEMENTS");
    timer.setName("Compléments\nattendus");

    assertThat(refused(model)).contains("Le processus « template-timer-untyped » (template-timer-untyped.bpmn) ne"
        + " peut pas être déployé : le minuteur Timer_Window (« Compléments attendus ») a pour « Response window »"
        + " « ANS_COMPLEMENTS », mais pas encore de type : dans son groupe « Timer », choisissez le type « Date » et"
        + " la valeur ${clocks.due(execution, 'ANS_COMPLEMENTS')} (ou, pour un minuteur qui se répète, le type"
        + " « Cycle » et la valeur ${clocks.cycle(execution, 'ANS_COMPLEMENTS')}).")
        .doesNotContain("needs configuration").doesNotContain("cannot be deployed");
  }

  @Test
  void shouldRefuseATimerThatNamesAnotherWindowThanItsTemplate() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("template-timer-other").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").intermediateCatchEvent("Timer_Window")
        .timerWithDate("${clocks.reminder(execution, 'ANS_ANALYSIS')}").endEvent("EndEvent_Done").done();
    property(model.getModelElementById("Timer_Window"), "window", "ANS_COMPLEMENTS");

    assertThat(refused(model)).contains("ne peut pas être déployé : le minuteur Timer_Window a pour « Response"
        + " window » « ANS_COMPLEMENTS », mais sa valeur (groupe « Timer ») nomme le délai « ANS_ANALYSIS » :"
        + " donnez-lui (type « Date ») la valeur ${clocks.reminder(execution, 'ANS_COMPLEMENTS')}, ou choisissez"
        + " « ANS_ANALYSIS » comme « Response window ».");
  }

  @Test
  void shouldRefuseAnOutcomeItsProcessDoesNotHave() {
    BpmnModelInstance model = endStating("pecan", "pecanOutcome", "CERTIFIED");

    model.getModelElementById("EndEvent_Done").setAttributeValue("name", "Certifié");

    assertThat(refused(model)).contains("Le processus « pecan » (pecan.bpmn) ne peut pas être déployé : l’événement"
        + " de fin EndEvent_Done (« Certifié ») dit l’issue « CERTIFIED », qui n’est pas l’une de celles de"
        + " « pecanOutcome » (EARLY_COVERAGE_GRANTED, ")
        .contains(") : choisissez-en une dans le champ « Outcome » du modèle d’élément « Outcome of PECAN ».");
  }

  @Test
  void shouldRefuseAnOutcomeVariableOfAnotherProcessAndAnOutcomeOutsideAnEndEvent() {
    BpmnModelInstance model = endStating("pecan", "ansOutcome", "CERTIFIED");
    property(model.getModelElementById("StartEvent_Check"), Outcomes.VALUE_PROPERTY, "EARLY_COVERAGE_GRANTED");

    assertThat(refused(model))
        .contains("l’événement de fin EndEvent_Done a le modèle d’élément d’un autre processus (il fixe la variable"
            + " « ansOutcome », qui n’est pas celle des issues du processus « pecan », « pecanOutcome ») :"
            + " appliquez-lui le modèle d’élément « Outcome of PECAN »")
        .contains("l’élément StartEvent_Check dit une issue mais n’est pas un événement de fin : seul un événement"
            + " de fin dit comment le processus se termine ; retirez-lui le modèle d’élément « Outcome of … »");
  }

  @Test
  void shouldRefuseAnOutcomeInAProcessThatDeclaresNone() {
    BpmnModelInstance model = endStating("template-no-outcomes", "pecanOutcome", "EARLY_COVERAGE_GRANTED");

    assertThat(refused(model)).contains("ne peut pas être déployé : l’événement de fin EndEvent_Done dit l’issue"
        + " « EARLY_COVERAGE_GRANTED », mais le processus « template-no-outcomes » n’a pas d’issues déclarées :"
        + " retirez-lui le modèle d’élément « Outcome of … », ou demandez aux développeurs de déclarer ses issues"
        + " (un bean Outcomes à côté de son Pathway).");
  }

  // ---- helpers ----

  /** Applies a template as Modeler does: its bindings with the values chosen (or its Hidden values). */
  static void apply(BaseElement element, JsonNode template, Map<String, String> chosen) {
    element.setAttributeValueNs(CAMUNDA, "modelerTemplate", template.get("id").asText());
    element.setAttributeValueNs(CAMUNDA, "modelerTemplateVersion", template.get("version").asText());
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      String name = binding.get("name").asText();
      String value = chosen.containsKey(name) ? chosen.get(name) : property.path("value").asText(null);
      assertThat(value).as("a value for %s of %s", name, template.get("id")).isNotNull();
      switch (binding.get("type").asText()) {
        case "property" -> element.setAttributeValueNs(CAMUNDA, name.substring("camunda:".length()), value);
        case "camunda:property" -> property(element, name, value);
        default -> throw new AssertionError("no test applies the binding " + binding);
      }
    }
  }

  static void property(BaseElement element, String name, String value) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      extensions = element.getModelInstance().newInstance(ExtensionElements.class);
      element.setExtensionElements(extensions);
    }
    CamundaProperties properties = extensions.getElementsQuery().filterByType(CamundaProperties.class).list()
        .stream().findFirst().orElse(null);
    if (properties == null) {
      properties = extensions.addExtensionElement(CamundaProperties.class);
    }
    CamundaProperty property = element.getModelInstance().newInstance(CamundaProperty.class);
    property.setCamundaName(name);
    property.setCamundaValue(value);
    properties.addChildElement(property);
  }

  interface Step {
    AbstractFlowNodeBuilder<?, ?> add(AbstractFlowNodeBuilder<?, ?> builder, int index);
  }

  /** A process of n steps in a row. */
  static BpmnModelInstance chain(String processKey, int n, Step step) {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess(processKey).camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check");
    for (int i = 0; i < n; i++) {
      builder = step.add(builder, i);
    }
    return builder.endEvent("EndEvent_Done").done();
  }

  /** A process that starts and ends at once, its end event stating an outcome without a template. */
  static BpmnModelInstance endStating(String processKey, String variable, String outcome) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(processKey).camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check").endEvent("EndEvent_Done").done();
    property(model.getModelElementById("EndEvent_Done"), Outcomes.VARIABLE_PROPERTY, variable);
    property(model.getModelElementById("EndEvent_Done"), Outcomes.VALUE_PROPERTY, outcome);
    return model;
  }

  static BpmnModelInstance oneStep(String processKey) {
    return chain(processKey, 1, (builder, i) -> builder.intermediateThrowEvent("Event_Notify").message("Message_Notify"));
  }

  static <T> Iterator<T> cycle(List<T> values) {
    return new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public T next() {
        return values.get(next++ % values.size());
      }
    };
  }

  /**
   * Deploys the model, its user tasks without a window marked as having no time limit (the template's "no response
   * window" choice leaves that mark to the process owner); its definition id.
   */
  String deploy(BpmnModelInstance model) {
    return deployAsIs(fr.parcours.support.NoTimeLimits.marked(model));
  }

  /** Deploys the model as the templates left it; its definition id. */
  String deployAsIs(BpmnModelInstance model) {
    String processKey = model.getDefinitions().getChildElementsByType(
        org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId();
    String id = repositoryService.createDeployment().name("Template check " + processKey)
        .addModelInstance(processKey + ".bpmn", model).deploy().getId();
    deployments.add(id);
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult().getId();
  }

  /** The message of the refused deployment (and its causes). */
  String refused(BpmnModelInstance model) {
    return refused(model, true);
  }

  /** The same; {@code marked}: as {@link #deploy}, else as the templates left it ({@link #deployAsIs}). */
  String refused(BpmnModelInstance model, boolean marked) {
    long before = repositoryService.createDeploymentQuery().count();
    Throwable refused = catchThrowable(() -> {
      if (marked) {
        deploy(model);
      } else {
        deployAsIs(model);
      }
    });
    assertThat(refused).as("the deployment is refused").isNotNull();
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    StringBuilder messages = new StringBuilder();
    for (Throwable t = refused; t != null; t = t.getCause() == t ? null : t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  ActivityImpl activity(String definitionId, String activityId) {
    ProcessDefinitionEntity definition = (ProcessDefinitionEntity) ((RepositoryServiceImpl) repositoryService)
        .getDeployedProcessDefinition(definitionId);
    return definition.findActivity(activityId);
  }
}
