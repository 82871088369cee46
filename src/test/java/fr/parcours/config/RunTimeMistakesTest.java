package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.support.ProcessTestBase;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process owner's diagram mistake that only shows while a dossier runs, as the person reads it: in Tasklist when
 * completing a task, in Cockpit as an incident. Each is made the way a process owner would make it in Modeler (a
 * user task given a checks listener that has no checks for it, an overdue step without its variable, a message
 * nobody waits for, a message event without its message, a called process without the company) and each sentence
 * is asserted whole, in French.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class RunTimeMistakesTest extends ProcessTestBase {

  @org.springframework.beans.factory.annotation.Autowired fr.parcours.dossier.Dossiers dossiers;

  private final List<String> deployments = new java.util.ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  private void deploy(String processId, String elements) {
    String xml = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://parcours.example/test">
          <message id="Message_Nobody" name="NobodyWaitsForThis"/>
          <process id="%s" isExecutable="true" camunda:historyTimeToLive="30">
            %s
          </process>
        </definitions>""".formatted(processId, elements.strip().startsWith("<extensionElements>")
            ? elements.replaceFirst("</extensionElements>", "</extensionElements><startEvent id=\"StartEvent_Go\"/>")
            : "<startEvent id=\"StartEvent_Go\"/>" + elements);
    deployments.add(repositoryService.createDeployment().addString(processId + ".bpmn", xml).deploy().getId());
  }

  /** A process of one step between its start and its end, as {@link #deploy} takes it. */
  private void deployStep(String processId, String stepId, String step) {
    deploy(processId, """
        <sequenceFlow id="Flow_1" sourceRef="StartEvent_Go" targetRef="%s"/>
        %s
        <sequenceFlow id="Flow_2" sourceRef="%s" targetRef="EndEvent_Done"/>
        <endEvent id="EndEvent_Done"/>""".formatted(stepId, step, stepId));
  }

  /** How every sentence about a diagram's mistake ends. */
  private static final String THEN_DEPLOY = "puis enregistrez le diagramme dans le dépôt (l’application le déploie à son"
      + " démarrage) ; un dossier déjà arrêté ici, un administrateur le migre vers cette nouvelle version dans Cockpit,"
      + " puis « Réessayer » sur son incident.";

  @ParameterizedTest
  @ValueSource(strings = {"ansTaskChecks", "hasTaskChecks", "pecanTaskChecks", "brandNameTaskChecks",
      "genericLineTaskChecks", "complianceAuditTaskChecks", "transitionalTaskChecks"})
  void shouldTellWhoCompletesATaskTheChecksDoNotKnowWhatTheProcessOwnerMustChange(String checks) {
    deployStep("owner-added-task", "Task_SignAmendment", """
        <userTask id="Task_SignAmendment" name="Signer l’avenant">
          <extensionElements>
            <camunda:properties><camunda:property name="timeLimits" value="none"/></camunda:properties>
            <camunda:taskListener delegateExpression="${%s}" event="complete"/>
          </extensionElements>
        </userTask>""".formatted(checks));
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("owner-added-task", "DMN-2026-TASKS");
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

    // as Tasklist gets it: the sentence itself, not wrapped in the engine's "ENGINE-03051 … TaskListener"
    assertThatThrownBy(() -> taskService.complete(task.getId()))
        .isInstanceOf(fr.parcours.shared.DiagramMistake.class)
        .hasMessage("La tâche Task_SignAmendment (« Signer l’avenant ») du processus « owner-added-task » porte"
            + " l’écouteur ${" + checks + "} (événement « complete »), mais Parcours n’a aucun contrôle pour cette"
            + " tâche : elle ne peut pas être terminée. Dans Modeler, retirez cet écouteur de la tâche (onglet"
            + " « Listeners ») si ses réponses n’ont rien à vérifier, ou faites écrire ses contrôles dans Parcours ;"
            + " le diagramme se déploie ensuite avec eux.");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task stays open").isOne();
  }

  @Test
  void shouldRaiseAFrenchIncidentWhenAnOverdueStepNamesNoVariable() {
    deployStep("owner-overdue", "Task_FlagLate", """
        <serviceTask id="Task_FlagLate" name="Signaler le retard" camunda:asyncBefore="true"
            camunda:delegateExpression="${overdueEscalation}"/>""");

    assertThat(incidentOf("owner-overdue")).isEqualTo("L’étape Task_FlagLate (« Signaler le retard ») du processus"
        + " « owner-overdue » (${overdueEscalation}) ne dit pas quelle variable signale le dossier en retard : dans"
        + " Modeler, ajoutez dans ses « Inputs » la variable locale « overdueFlag » dont la valeur est ce nom (par"
        + " exemple analysisOverdue), " + THEN_DEPLOY);
  }

  @Test
  void shouldRaiseAFrenchIncidentWhenNoCalledProcessWaitsForTheMessage() {
    deployStep("owner-message", "Event_GoAhead", """
        <intermediateThrowEvent id="Event_GoAhead" name="Feu vert donné" camunda:asyncBefore="true">
          <messageEventDefinition messageRef="Message_Nobody" camunda:delegateExpression="${messageToCalledTracks}"/>
        </intermediateThrowEvent>""");

    assertThat(incidentOf("owner-message")).isEqualTo("Le dossier DMN-2026-OWNER envoie le message"
        + " « NobodyWaitsForThis » depuis l’étape Event_GoAhead (« Feu vert donné »), mais aucun des processus qu’il"
        + " appelle ne l’attend en ce moment : dans le diagramme « owner-message », placez cette étape pendant"
        + " l’appel du processus qui attend ce message, ou choisissez le message qu’il attend, "
        + THEN_DEPLOY);
  }

  @Test
  void shouldRaiseAFrenchIncidentWhenAMessageEventSendsNoMessage() {
    deployStep("owner-no-message", "Event_GoAhead", """
        <intermediateThrowEvent id="Event_GoAhead" name="Feu vert donné" camunda:asyncBefore="true">
          <messageEventDefinition camunda:delegateExpression="${messageToCalledTracks}"/>
        </intermediateThrowEvent>""");

    assertThat(incidentOf("owner-no-message")).isEqualTo("L’étape Event_GoAhead (« Feu vert donné ») du processus"
        + " « owner-no-message » (${messageToCalledTracks}) n’envoie aucun message : dans Modeler, choisissez son"
        + " message (« Global message reference »), "
        + THEN_DEPLOY);
  }

  @Test
  void shouldRefuseToStartACalledProcessWithoutTheCompanyOfTheDossier() {
    deploy("owner-track", """
        <extensionElements>
          <camunda:executionListener delegateExpression="${companyAccess}" event="start"/>
        </extensionElements>
        <sequenceFlow id="Flow_1" sourceRef="StartEvent_Go" targetRef="EndEvent_Done"/>
        <endEvent id="EndEvent_Done"/>""");
    deployStep("owner-caller", "Activity_CallTrack", """
        <callActivity id="Activity_CallTrack" name="Appeler le processus" calledElement="owner-track"
            camunda:asyncBefore="true">
          <extensionElements><camunda:in businessKey="#{execution.processBusinessKey}"/></extensionElements>
        </callActivity>""");

    assertThat(incidentOf("owner-caller")).isEqualTo("Le processus « owner-track » du dossier DMN-2026-OWNER a"
        + " démarré sans l’entreprise du dossier (variable vendorGroup) : dans le diagramme qui l’appelle, ajoutez"
        + " à l’activité d’appel la variable vendorGroup dans ses « In mappings », " + THEN_DEPLOY);
  }

  @Test
  void shouldTellInFrenchThatAFormCamundaDeployedIsNotJsonTasklistCanRead() {
    // bad input: a form written by hand with unquoted names, single quotes and a trailing comma, which the engine's
    // lenient reader deploys and every strict JSON reader (Tasklist's, Parcours') refuses
    deployments.add(repositoryService.createDeployment().addString("lenient.form", "{id: 'form_Lenient',"
        + " components: [{type: 'textfield', key: 'answer', label: 'Réponse'},]}").deploy().getId());
    deployStep("owner-form", "Task_Answer", """
        <userTask id="Task_Answer" name="Répondre" camunda:formRef="form_Lenient" camunda:formRefBinding="latest">
          <extensionElements>
            <camunda:properties><camunda:property name="timeLimits" value="none"/></camunda:properties>
          </extensionElements>
        </userTask>""");
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("owner-form", "DMN-2026-FORMS");
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

    assertThatThrownBy(() -> as("ana", () -> formService.submitTaskForm(task.getId(), Map.of("answer", "oui"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le formulaire « form_Lenient » (lenient.form) n’est pas du JSON que Tasklist sait lire (ligne"
            + " 1, colonne 2) : « Unexpected character ('i' (code 105)): was expecting double-quote to start field"
            + " name ». Camunda l’a déployé quand même ; corrigez-le (guillemets doubles autour des noms et des"
            + " textes, aucune virgule avant } ou ], pas de commentaire), de préférence dans Modeler, puis"
            + " enregistrez-le dans le dépôt (l’application le déploie à son démarrage).")
        .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }

  @Test
  void shouldNameBothInstancesWhenADossierNumberWasGivenTwice() {
    // bad input: a second instance started by hand (Cockpit, REST) with the number of a running dossier
    deploy("owner-number", """
        <sequenceFlow id="Flow_1" sourceRef="StartEvent_Go" targetRef="Task_Wait"/>
        <userTask id="Task_Wait" name="Attendre">
          <extensionElements>
            <camunda:properties><camunda:property name="timeLimits" value="none"/></camunda:properties>
          </extensionElements>
        </userTask>""");
    String first = runtimeService.startProcessInstanceByKey("owner-number", "DMN-2026-TWICE").getId();
    String second = runtimeService.startProcessInstanceByKey("owner-number", "DMN-2026-TWICE").getId();

    assertThatThrownBy(() -> dossiers.running("DMN-2026-TWICE"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Le numéro de dossier DMN-2026-TWICE désigne 2 dossiers en cours (instances ")
        .hasMessageContaining(first).hasMessageContaining(second)
        .hasMessageEndingWith(") : un numéro ne désigne qu’un dossier. Dans Cockpit, cherchez par cette clé métier"
            + " celui qui a été démarré à la main avec le numéro d’un autre, et annulez-le ou redémarrez-le sans"
            + " numéro.");
  }

  /** Starts the process, runs its job until no retry is left, and answers the incident's message, as Cockpit. */
  private String incidentOf(String processKey) {
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(processKey, "DMN-2026-OWNER", Map.of());
    Job job = managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
    }
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(incident).as("an incident in Cockpit").isNotNull();
    return incident.getIncidentMessage();
  }

  /**
   * A task listener that fails where it should not (here an expression reading a variable the dossier lacks, the
   * engine's "Unknown property"): the person reads, in Tasklist, a French sentence with a reference, not
   * « ENGINE-03051 There was an exception while invoking the TaskListener »; the log keeps that reference with the
   * whole stack trace, and the task stays open.
   */
  @Test
  void shouldTellWhoCompletesATaskWhoseListenerFailedWhatToDoAndLogTheReference(
      org.springframework.boot.test.system.CapturedOutput log) {
    deployStep("failing-listener", "Task_Sign", """
        <userTask id="Task_Sign" name="Signer">
          <extensionElements>
            <camunda:properties><camunda:property name="timeLimits" value="none"/></camunda:properties>
            <camunda:taskListener expression="${task.getVariable('signatoryName').length()}" event="complete"/>
          </extensionElements>
        </userTask>""");
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("failing-listener", "DMN-2026-FAULT");
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> taskService.complete(task.getId()));

    assertThat(thrown).isInstanceOf(fr.parcours.shared.ServerFault.class);
    java.util.regex.Matcher reference = java.util.regex.Pattern.compile("la référence ([0-9A-F]{8}) ")
        .matcher(thrown.getMessage());
    assertThat(reference.find()).as(thrown.getMessage()).isTrue();
    assertThat(thrown.getMessage()).isEqualTo("Parcours n’a pas pu traiter cette tâche : une erreur de son côté l’en a"
        + " empêché, pas ce que vous avez saisi. Rien n’a été enregistré. Réessayez dans quelques minutes ; si l’erreur"
        + " revient, écrivez à l’administrateur de Parcours en donnant la référence " + reference.group(1) + " : il en"
        + " trouvera le détail dans le journal du serveur.");
    assertThat(thrown.getCause().getMessage()).as("the engine's words kept as the cause").startsWith("ENGINE-03051");
    assertThat(log.getOut()).contains("Erreur " + reference.group(1) + " : un écouteur de tâche a échoué")
        .contains("at org.camunda.bpm.engine.impl.el.JuelExpression");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task stays open").isOne();
  }
  /**
   * A task listener that fails in a job (the step before the task runs asynchronously): nobody reads the person's
   * sentence there; the administrator reads the incident in Cockpit. It said « Parcours n’a pas pu traiter cette tâche
   * … écrivez à l’administrateur de Parcours en donnant la référence … » to whoever ran the job, and the log claimed,
   * at every retry, that a person had read a reference. The incident keeps the engine's words, which name the
   * expression that failed, and the log the engine's own lines.
   */
  @Test
  void shouldLeaveTheEngineWordsInTheIncidentWhenATaskListenerFailsInAJob(
      org.springframework.boot.test.system.CapturedOutput log) {
    deployStep("failing-listener-job", "Task_Sign", """
        <userTask id="Task_Sign" name="Signer" camunda:asyncBefore="true">
          <extensionElements>
            <camunda:properties><camunda:property name="timeLimits" value="none"/></camunda:properties>
            <camunda:taskListener expression="${task.getVariable('signatoryName').length()}" event="create"/>
          </extensionElements>
        </userTask>""");

    String incident = incidentOf("failing-listener-job");

    assertThat(incident).startsWith("ENGINE-03051").contains("signatoryName")
        .doesNotContain("Parcours n’a pas pu traiter cette tâche");
    assertThat(log.getOut()).doesNotContain("un écouteur de tâche a échoué");
  }
}
