package fr.parcours.deadline;

import static fr.parcours.deadline.DeadlineTableReaderTest.shipped;
import static fr.parcours.deadline.DeadlineTableReaderTest.withCell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.ans.AnsProcess;
import fr.parcours.support.Candidatures;
import fr.parcours.support.NoTimeLimits;
import fr.parcours.support.ProcessTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * What a process owner meets when a deployment goes wrong, and what a change of the deadlines table does,
 * on the real engine: a bad row or a diagram that does not take its deadlines from the table is refused at
 * deployment with a message naming the row or the element; a changed row times the windows opened from
 * then on, without any Java change and without redeploying the diagram, while windows already open keep
 * the terms they opened with.
 *
 * <p>It deploys extra versions of the table and small diagrams, so it runs in a context of its own (the
 * property below), closed after the class.
 */
@SpringBootTest
@ActiveProfiles({"test", "demo"})
@TestPropertySource(properties = "parcours.test.context=deployment-validation")
@DirtiesContext
class DeploymentValidationTest extends ProcessTestBase {

  static final String VENDOR = "alice";
  static final String REVIEWER = "ana";

  @Autowired DeadlineCatalogue deadlines;

  @AfterEach
  void restoreTheShippedTable() {
    if (!latestTable().equals(shipped())) {
      deploy("Shipped deadlines table", "deadlines.dmn", shipped());
    }
  }

  // ---- the deadlines table ----

  @Test
  void shouldRefuseATableWithABadRowNamingTheRow() {
    long versions = tableVersions();
    String dmn = withCell(shipped(), "LiteralExpression_AnsComplements_Duration", "\"30 days\"");

    Throwable refused = deployExpectingFailure("deadlines.dmn", dmn);

    assertThat(messages(refused)).anySatisfy(message -> assertThat(message)
        .contains("Table des délais, ligne 3 (ANS_COMPLEMENTS), colonne « duration » : « 30 days » n’est pas une"
            + " durée lisible : écrivez-la comme P3D, P4W, P6M ou P1Y, ou >= P10D quand l’agence fixe la durée.")
        .doesNotContain("Deadlines table"));
    assertThat(tableVersions()).as("nothing deployed").isEqualTo(versions);
    assertThat(deadlines.rule("ANS_COMPLEMENTS").duration()).isEqualTo(RegulatoryDuration.parse("P30D"));
  }

  @Test
  void shouldRefuseATableWithTwoRowsOfTheSameIdNamingBoth() {
    String dmn = withCell(shipped(), "UnaryTests_AnsComplements", "\"ANS_ANALYSIS\"");

    Throwable refused = deployExpectingFailure("deadlines.dmn", dmn);

    assertThat(messages(refused)).anySatisfy(message -> assertThat(message)
        .contains("Table des délais, lignes 2 et 3 : toutes deux sont « ANS_ANALYSIS » pour tous les parcours."));
  }

  // ---- the diagrams ----

  @Test
  void shouldRefuseATimerNamingAWindowTheTableLacks() {
    BpmnModelInstance model = waitingTask("deadline-check-unknown-window")
        .boundaryEvent("Timer_UnknownWindow").timerWithDate("${clocks.due(execution, 'NO_SUCH_WINDOW')}")
        .endEvent("EndEvent_Late")
        .done();

    Throwable refused = deployExpectingFailure(NoTimeLimits.marked(model));

    assertThat(messages(refused)).anySatisfy(message -> assertThat(message)
        .contains("Le processus « deadline-check-unknown-window » (deadline-check-unknown-window.bpmn) ne peut pas"
            + " être déployé : l’élément Timer_UnknownWindow nomme le délai « NO_SUCH_WINDOW », qui n’est une ligne"
            + " de la table des délais (bpmn/deadlines.dmn) pour aucun parcours : ajoutez cette ligne à la table, ou"
            + " choisissez l’un de ses délais (corrigez l’id)."));
  }

  @Test
  void shouldRefuseATimerWithALiteralDuration() {
    BpmnModelInstance model = waitingTask("deadline-check-literal-timer")
        .boundaryEvent("Timer_ThirtyDays").timerWithDuration("P30D")
        .endEvent("EndEvent_Late")
        .done();

    Throwable refused = deployExpectingFailure(model);

    assertThat(messages(refused)).anySatisfy(message -> assertThat(message)
        .contains(" ; le minuteur Timer_ThirtyDays vaut « P30D » : un minuteur prend sa date dans la table des"
            + " délais ; dans son groupe « Timer », choisissez le type « Date » et la valeur"
            + " ${clocks.due(execution, 'ANS_COMPLEMENTS')}."));
  }

  @Test
  void shouldRefuseATimerCycleThatIsNotAClocksCycle() {
    BpmnModelInstance model = waitingTask("deadline-check-literal-cycle")
        .boundaryEvent("Timer_EveryWeek").cancelActivity(false).timerWithCycle("R/P1W")
        .endEvent("EndEvent_Reminded")
        .done();

    Throwable refused = deployExpectingFailure(model);

    assertThat(messages(refused)).anySatisfy(message -> assertThat(message)
        .contains(" ; le minuteur Timer_EveryWeek vaut « R/P1W » : un minuteur prend sa date dans la table des"
            + " délais ; dans son groupe « Timer », choisissez le type « Cycle » et la valeur"
            + " ${clocks.cycle(execution, 'ANS_INACTIVITY')}."));
  }

  @Test
  void shouldRefuseAUserTaskWithALiteralDueDate() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("deadline-check-literal-due-date")
        .camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check")
        .userTask("Task_AnswerInThreeDays").name("Answer in three days").camundaDueDate("P3D")
        .endEvent("EndEvent_Done")
        .done();

    Throwable refused = deployExpectingFailure(model);

    assertThat(messages(refused)).anySatisfy(message -> assertThat(message)
        .contains(" : la tâche utilisateur Task_AnswerInThreeDays (« Answer in three days ») a pour « Due date »"
            + " « P3D », une durée ou une date écrite à la main : prenez-la dans la table des délais, avec le modèle"
            + " d’élément « Response window » ou en écrivant ${clocks.due(execution, 'ANS_COMPLEMENTS')}."));
  }

  /**
   * A follow-up date may be a day a person set, which a variable holds (the hearing's day, walk 19): no length is
   * written; a literal duration stays refused, and a due date may not take a variable's day.
   */
  @Test
  void shouldAcceptAFollowUpDateADayAVariableHoldsAndNoDueDateOfThatKind() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("deadline-check-follow-up-day")
        .camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check")
        .userTask("Task_FromTheHearing").name("From the hearing")
        .camundaFollowUpDate("${execution.getVariable('hearingDay')}")
        .endEvent("EndEvent_Done")
        .done();
    repositoryService.createDeployment().name("Follow-up day")
        .addModelInstance("deadline-check-follow-up-day.bpmn", NoTimeLimits.marked(model)).deploy();
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("deadline-check-follow-up-day",
        java.util.Map.of("hearingDay", day(20)));
    assertThat(task(pi, "Task_FromTheHearing").getFollowUpDate()).isEqualTo(day(20));

    for (String[] refusedDate : new String[][] {{"followUp", "P3D", "Follow up date"},
        {"due", "${execution.getVariable('hearingDay')}", "Due date"}}) {
      var builder = Bpmn.createExecutableProcess("deadline-check-refused-" + refusedDate[0]).camundaHistoryTimeToLive(30)
          .startEvent("StartEvent_Check").userTask("Task_Wait").name("Wait");
      BpmnModelInstance refusedModel = ("followUp".equals(refusedDate[0]) ? builder.camundaFollowUpDate(refusedDate[1])
          : builder.camundaDueDate(refusedDate[1])).endEvent("EndEvent_Done").done();
      assertThat(messages(deployExpectingFailure(refusedModel))).as(refusedDate[1]).anySatisfy(message ->
          assertThat(message).contains("a pour « " + refusedDate[2] + " » « " + refusedDate[1] + " », une durée ou une date"
              + " écrite à la main"));
    }
  }

  @Test
  void shouldRefuseATaskThatPausesAnUnknownClock() {
    BpmnModelInstance model = waitingTask("deadline-check-unknown-paused-clock").endEvent("EndEvent_Done").done();
    pausesClock(model, "Task_Wait", "NO_SUCH_WINDOW");

    Throwable refused = deployExpectingFailure(model);

    assertThat(messages(refused)).anySatisfy(message -> assertThat(message)
        .contains(" ; l’élément Task_Wait (« Wait ») nomme le délai « NO_SUCH_WINDOW », qui n’est une ligne de la"
            + " table des délais (bpmn/deadlines.dmn) pour aucun parcours"));
  }

  @Test
  void shouldRefuseAUserTaskWithNeitherADueDateNorTheMarkOrBothNamingTheFileTheTaskAndTheFix() {
    // Bad inputs: no due date at all, the template's "no response window" (an empty due date), a mark of another
    // value, a window and the mark; each task of one diagram is named, the task with a window and the marked task
    // are not
    BpmnModelInstance model = Bpmn.createExecutableProcess("deadline-check-no-time-limit")
        .camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check")
        .userTask("Task_SignConvention").name("Signer la convention")
        .userTask("Task_EmptyDueDate").name("Déposer les preuves").camundaDueDate("")
        .userTask("Task_OtherMark").name("Relire")
        .userTask("Task_Windowed").name("Compléter").camundaDueDate("${clocks.due(execution, 'ANS_COMPLEMENTS')}")
        .userTask("Task_Marked").name("Ouvrir le compte")
        .userTask("Task_Both").name("Répondre").camundaDueDate("${clocks.due(execution, 'ANS_COMPLEMENTS')}")
        .endEvent("EndEvent_Done")
        .done();
    mark(model, "Task_OtherMark", "nothing");
    mark(model, "Task_Marked", "none");
    mark(model, "Task_Both", "none");

    Throwable refused = deployExpectingFailure(model);

    assertThat(messages(refused)).anySatisfy(message -> assertThat(message)
        .contains("Le processus « deadline-check-no-time-limit » (deadline-check-no-time-limit.bpmn) ne peut pas"
            + " être déployé : la tâche utilisateur Task_SignConvention (« Signer la convention ») n’a pas"
            + " d’échéance tirée de la table des délais et ne dit pas qu’aucun délai ne s’applique : choisissez son"
            + " délai avec le modèle d’élément « Response window » (échéance ${clocks.due(execution,"
            + " 'ANS_COMPLEMENTS')}) ou, si aucun délai réglementaire ne s’applique à elle, ajoutez la propriété"
            + " timeLimits = none (onglet « Extensions ») et écrivez « " + fr.parcours.clock.Clocks.NO_DEADLINE
            + " » dans sa documentation et dans son formulaire ; la tâche utilisateur Task_EmptyDueDate (« Déposer"
            + " les preuves ») n’a pas d’échéance")
        .contains(" ; la tâche utilisateur Task_OtherMark (« Relire ») n’a pas d’échéance")
        .contains(" ; la tâche utilisateur Task_Both (« Répondre ») a une échéance tirée de la table des délais et"
            + " la propriété timeLimits = none : gardez l’une des deux")
        .doesNotContain("cannot be deployed").doesNotContain("user task")
        .doesNotContain("Task_Windowed").doesNotContain("Task_Marked"));
  }

  @Test
  void shouldDeployAndTimeAProcessThatTakesItsDeadlinesFromTheTable() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("deadline-check-valid")
        .camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check")
        .userTask("Task_Wait").name("Wait").camundaDueDate("${clocks.due(execution, 'ANS_COMPLEMENTS')}")
        .boundaryEvent("Timer_WindowPassed").timerWithDate("${clocks.due(execution, 'ANS_COMPLEMENTS')}")
        .endEvent("EndEvent_Late")
        .moveToActivity("Task_Wait")
        .userTask("Task_Review").name("Review")
        .endEvent("EndEvent_Done")
        .done();
    pausesClock(model, "Task_Review", "ANS_ANALYSIS");

    Deployment deployment = deploy("Valid diagram", "deadline-check-valid.bpmn", Bpmn.convertToString(NoTimeLimits.marked(model)));
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("deadline-check-valid");

    assertThat(deployment.getId()).isNotNull();
    // Monday 2 November 2026 + 30 days: Wednesday 2 December, a working day
    assertThat(timer(pi, "Timer_WindowPassed").getDuedate()).isEqualTo(endOfDay(30));
    assertThat(task(pi, "Task_Wait").getDueDate()).isEqualTo(lastMomentOfDay(30));
  }

  @Test
  void shouldDeployATimerWithTheNewRowItNeedsInTheSameDeployment() {
    String dmn = DeadlineTableReaderTest.replaceOnce(shipped(), "    </decisionTable>",
        newRow("NEW_WINDOW", "\"P10D\"") + "    </decisionTable>");
    BpmnModelInstance model = waitingTask("deadline-check-new-window")
        .boundaryEvent("Timer_NewWindow").timerWithDate("${clocks.due(execution, 'NEW_WINDOW')}")
        .endEvent("EndEvent_Late")
        .done();

    repositoryService.createDeployment().name("New window and its row")
        .addString("deadlines.dmn", dmn)
        .addModelInstance("deadline-check-new-window.bpmn", NoTimeLimits.marked(model))
        .deploy();
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("deadline-check-new-window");

    assertThat(timer(pi, "Timer_NewWindow").getDuedate()).isEqualTo(endOfDay(10));
  }

  @Test
  void shouldTimeAWindowTheAgencySetsAndRefuseOneBelowItsMinimum() throws IOException {
    // Given a row "at least 10 days" and a diagram whose asking task checks the length the agency gives
    String dmn = DeadlineTableReaderTest.replaceOnce(shipped(), "    </decisionTable>",
        newRow("ASKED_WINDOW", "\"&gt;= P10D\"") + "    </decisionTable>");
    BpmnModelInstance model = Bpmn.createExecutableProcess("deadline-check-asked-window")
        .camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check")
        .userTask("Task_Ask").name("Ask for complements")
        .camundaTaskListenerExpression("complete", "${clocks.checkAskedLength(task, 'ASKED_WINDOW')}")
        .userTask("Task_Answer").name("Send complements").camundaDueDate("${clocks.due(execution, 'ASKED_WINDOW')}")
        .endEvent("EndEvent_Done")
        .done();
    repositoryService.createDeployment().name("Asked window and its row")
        .addString("deadlines.dmn", dmn)
        .addModelInstance("deadline-check-asked-window.bpmn", NoTimeLimits.marked(model))
        .deploy();
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("deadline-check-asked-window");
    String ask = task(pi, "Task_Ask").getId();

    // When the agency gives 7 days, it is refused with the minimum named, and nothing moves
    assertThat(catchThrowable(() -> taskService.complete(ask, Map.of(AskedLength.daysVariable("ASKED_WINDOW"), 7))))
        .isInstanceOf(fr.parcours.shared.BadInputException.class)
        .hasMessageContaining("doit être d’au moins 10 jours").hasMessageContaining("jusqu’au 9 novembre 2026 inclus");
    assertThat(task(pi, "Task_Ask")).isNotNull();

    // When it gives 15 days, the vendor's window runs 15 days from the next day
    taskService.complete(ask, Map.of(AskedLength.daysVariable("ASKED_WINDOW"), 15));
    assertThat(task(pi, "Task_Answer").getDueDate()).isEqualTo(lastMomentOfDay(15));
    assertThat(storedBudget(pi, "ASKED_WINDOW")).isEqualTo("P15D");
  }

  // ---- a changed row ----

  @Test
  void shouldTimeTheComplementsWindowFromAChangedRowWithoutRedeployingTheDiagram() throws IOException {
    ProcessInstance before = atEvidenceReview();
    review(before, "COMPLEMENTS", "SECURITY 3.2: the audit logs are missing.");
    assertThat(timer(before, "Timer_ComplementsWindow").getDuedate()).isEqualTo(endOfDay(30));
    String diagram = before.getProcessDefinitionId();

    deploy("Complements in 20 days", "deadlines.dmn",
        withCell(shipped(), "LiteralExpression_AnsComplements_Duration", "\"P20D\""));

    // Tuesday 3 November: 20 days later is Monday 23 November, a working day (30 days: Thursday 3 December)
    advance(Duration.ofDays(1));
    ProcessInstance after = atEvidenceReview();
    review(after, "COMPLEMENTS", "SECURITY 3.2: the audit logs are missing.");

    assertThat(after.getProcessDefinitionId()).as("the same diagram").isEqualTo(diagram);
    assertThat(timer(after, "Timer_ComplementsWindow").getDuedate()).isEqualTo(endOfDay(21));
    assertThat(task(after, "Task_ProvideComplements").getDueDate()).isEqualTo(lastMomentOfDay(21));

    // the window opened before the change keeps its 30 days: the clock stored them when it opened
    assertThat(timer(before, "Timer_ComplementsWindow").getDuedate()).isEqualTo(endOfDay(30));
    assertThat(task(before, "Task_ProvideComplements").getDueDate()).isEqualTo(lastMomentOfDay(30));
    assertThat(storedBudget(before, "ANS_COMPLEMENTS")).isEqualTo("P30D");
    assertThat(storedBudget(after, "ANS_COMPLEMENTS")).isEqualTo("P20D");

    // when it passes and the reviewer asks again, the new window follows the new row
    fire(before, "Timer_ComplementsWindow");
    complete(REVIEWER, before, "Task_DecideOnLapsedComplements", Map.of("lapsedDecision", "DEPRIORITISE"));
    // it passed at 00:00 on Thursday 3 December, when the reviewer decided: 20 days from 4 December, until
    // Wednesday 23 December included (the old arithmetic fired at 10:00 on 2 December and said 22 December)
    assertThat(timer(before, "Timer_ComplementsWindow").getDuedate()).isEqualTo(endOfDay(51));
    assertThat(task(before, "Task_ProvideComplements").getDueDate()).isEqualTo(lastMomentOfDay(51));
  }

  @Test
  void shouldKeepTheAnalysisBudgetAPausedClockOpenedWithWhenItsRowChanges() {
    ProcessInstance before = atEvidenceReview();
    assertThat(timer(before, "Timer_AnalysisTimeElapsed").getDuedate()).isEqualTo(endOfDay(60));
    advance(Duration.ofDays(10));
    review(before, "COMPLEMENTS", "PORTABILITY 1.1: the export sample is empty.");

    deploy("Analysis in 40 days", "deadlines.dmn",
        withCell(shipped(), "LiteralExpression_AnsAnalysis_Duration", "\"P40D\""));
    advance(Duration.ofDays(12));
    complete(VENDOR, before, "Task_ProvideComplements", Map.of("complementsAnswer", "Export sample added."));

    // resumed with the 60 days it opened with, plus the 13 dates of waiting (day 10 to day 22, both
    // included): not 40 + 13
    assertThat(timer(before, "Timer_AnalysisTimeElapsed").getDuedate()).isEqualTo(endOfDay(73));
    assertThat(task(before, "Task_ReviewEvidence").getDueDate()).isEqualTo(lastMomentOfDay(73));

    ProcessInstance after = atEvidenceReview();
    assertThat(timer(after, "Timer_AnalysisTimeElapsed").getDuedate()).isEqualTo(endOfDay(22 + 40));
  }

  // ---- the ANS track, as the vendor and the reviewer walk it ----

  ProcessInstance atEvidenceReview() {
    ProcessInstance pi = startApplication(VENDOR, AnsProcess.KEY, Candidatures.valid());
    complete(VENDOR, pi, "Task_DepositAdministrativeDossier", Map.of("depositAction", "SUBMIT"));
    complete(REVIEWER, pi, "Task_ReviewAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
    complete(VENDOR, pi, "Task_SignConvention", Map.of("conventionSigned", true, "signatoryName", "Alice Martin"));
    sendCompleteEvidence(VENDOR, pi);
    complete(VENDOR, pi, "Task_DepositEvidence", Map.of("allEvidenceDeposited", true));
    return pi;
  }

  void review(ProcessInstance pi, String decision, String comment) {
    Map<String, Object> form = new HashMap<>();
    form.put("evidenceDecision", decision);
    form.put("evidenceComment", comment);
    complete(REVIEWER, pi, "Task_ReviewEvidence", form);
  }

  // ---- helpers ----

  /** A process whose only task waits; the caller attaches a timer or ends it. */
  static UserTaskBuilder waitingTask(String processId) {
    return Bpmn.createExecutableProcess(processId)
        .camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Check")
        .userTask("Task_Wait").name("Wait");
  }

  static void mark(BpmnModelInstance model, String activityId, String timeLimits) {
    property(model, activityId, "timeLimits", timeLimits);
  }

  static void pausesClock(BpmnModelInstance model, String activityId, String clockId) {
    property(model, activityId, "pausesClock", clockId);
  }

  static void property(BpmnModelInstance model, String activityId, String name, String value) {
    UserTask task = model.getModelElementById(activityId);
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    CamundaProperty property = model.newInstance(CamundaProperty.class);
    property.setCamundaName(name);
    property.setCamundaValue(value);
    properties.addChildElement(property);
    task.builder().addExtensionElement(properties);
  }


  Deployment deploy(String name, String resourceName, String text) {
    return repositoryService.createDeployment().name(name).addString(resourceName, text).deploy();
  }

  Throwable deployExpectingFailure(BpmnModelInstance model) {
    String processId = model.getDefinitions().getChildElementsByType(
        org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId();
    Throwable refused = deployExpectingFailure(processId + ".bpmn", Bpmn.convertToString(model));
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(processId).count())
        .as("nothing deployed").isZero();
    return refused;
  }

  Throwable deployExpectingFailure(String resourceName, String text) {
    long deployments = repositoryService.createDeploymentQuery().count();
    Throwable refused = catchThrowable(() -> deploy("Refused " + resourceName, resourceName, text));
    assertThat(refused).as("the deployment of " + resourceName + " fails").isNotNull();
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    return refused;
  }

  /** The messages of an exception and of its causes, outermost first. */
  static List<String> messages(Throwable thrown) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = thrown; t != null && !messages.contains(String.valueOf(t.getMessage())); t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    return messages;
  }

  long tableVersions() {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DeadlineTable.DECISION_KEY)
        .count();
  }

  String latestTable() {
    DecisionDefinition latest = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DeadlineTable.DECISION_KEY).latestVersion().singleResult();
    try (InputStream in = repositoryService.getDecisionModel(latest.getId())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The budget a window's clock stored when it opened, from the instance's variable clock_ID. */
  String storedBudget(ProcessInstance pi, String clockId) throws IOException {
    String stored = (String) runtimeService.getVariable(pi.getId(), "clock_" + clockId);
    return new ObjectMapper().readTree(stored).get("budget").asText();
  }

  static String newRow(String id, String duration) {
    StringBuilder row = new StringBuilder("      <rule id=\"Rule_NewWindow\">\n")
        .append("        <inputEntry id=\"UnaryTests_NewWindow\"><text>\"").append(id).append("\"</text></inputEntry>\n")
        .append("        <inputEntry id=\"UnaryTests_NewWindow_Pathway\"><text></text></inputEntry>\n");
    String[][] cells = {
        {"Measures", "\"A window added by the test.\""}, {"Duration", duration},
        {"StartsOn", "\"Task created\""}, {"Owner", "\"AGENCY\""}, {"OnExpiry", "\"REMINDER\""},
        {"WhileWaiting", "\"RUNS\""}, {"WorkingDays", "false"}, {"ReminderBefore", "\"\""},
        {"Source", "\"test\""}, {"StartsOnFr", "\"Création de la tâche\""}, {"SourceFr", "\"test\""}};
    for (String[] cell : cells) {
      row.append("        <outputEntry id=\"LiteralExpression_NewWindow_").append(cell[0]).append("\"><text>")
          .append(cell[1]).append("</text></outputEntry>\n");
    }
    return row.append("      </rule>\n").toString();
  }
}
