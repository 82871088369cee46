package fr.parcours.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import fr.parcours.support.StandaloneEngines;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The closed-window rule on small test diagrams, whatever scope the window's timer is drawn on: the task itself, an
 * enclosing sub-process, a multi-instance body, the call activity that called the task's process. None of Parcours'
 * diagrams has the last three today; a process owner may draw one in Modeler, and the rule read only the task's own
 * timers (the answer past such a window was taken as on time). An engine of its own, without Spring.
 */
class ClosedWindowTest {

  static ProcessEngine engine;

  @BeforeAll
  static void anEngineWithTheTestDiagrams() {
    engine = StandaloneEngines.configuration("closed-window").buildProcessEngine();
    engine.getRepositoryService().createDeployment()
        .addModelInstance("own.bpmn", own()).addModelInstance("sub.bpmn", subProcess())
        .addModelInstance("multi.bpmn", multiInstance()).addModelInstance("callee.bpmn", callee())
        .addModelInstance("caller.bpmn", caller()).deploy();
  }

  @AfterAll
  static void closeTheEngine() {
    engine.close();
  }

  @AfterEach
  void resetTheClock() {
    ClockUtil.reset();
  }

  static BpmnModelInstance own() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("own").camundaHistoryTimeToLive(1).startEvent()
        .userTask("Task_Answer").endEvent().done();
    return withTimer(model, "Task_Answer", "Timer_Own", "Délai de réponse passé");
  }

  /** A task in a sub-process whose window is on the sub-process; a task beside it, outside. */
  static BpmnModelInstance subProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("sub").camundaHistoryTimeToLive(1).startEvent()
        .parallelGateway("Fork")
        .subProcess("Sub_Complements").embeddedSubProcess().startEvent().userTask("Task_Answer").endEvent()
        .subProcessDone().endEvent()
        .moveToNode("Fork").userTask("Task_Beside").endEvent().done();
    return withTimer(model, "Sub_Complements", "Timer_Sub", "Délai des compléments passé");
  }

  static BpmnModelInstance multiInstance() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("multi").camundaHistoryTimeToLive(1).startEvent()
        .userTask("Task_Review").multiInstance().parallel().cardinality("2").multiInstanceDone().endEvent().done();
    return withTimer(model, "Task_Review", "Timer_Multi", "Délai d’examen passé");
  }

  static BpmnModelInstance callee() {
    return Bpmn.createExecutableProcess("callee").camundaHistoryTimeToLive(1).startEvent().userTask("Task_Answer")
        .endEvent().done();
  }

  static BpmnModelInstance caller() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("caller").camundaHistoryTimeToLive(1).startEvent()
        .callActivity("Call_Track").calledElement("callee").endEvent().done();
    return withTimer(model, "Call_Track", "Timer_Call", "Délai du suivi passé");
  }

  /** An interrupting window of one hour on the activity, and a reminder (non-interrupting) due at the same time. */
  static BpmnModelInstance withTimer(BpmnModelInstance model, String activity, String timer, String name) {
    activity(model, activity).boundaryEvent(timer).name(name).timerWithDuration("PT1H").endEvent();
    activity(model, activity).boundaryEvent(timer + "Reminder").cancelActivity(false).timerWithDuration("PT1H")
        .endEvent();
    return model;
  }

  static org.camunda.bpm.model.bpmn.builder.AbstractActivityBuilder<?, ?> activity(BpmnModelInstance model,
      String id) {
    return (org.camunda.bpm.model.bpmn.builder.AbstractActivityBuilder<?, ?>) model
        .<org.camunda.bpm.model.bpmn.instance.Activity>getModelElementById(id).builder();
  }

  ProcessInstance start(String key) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-02T09:00:00Z")));
    return engine.getRuntimeService().startProcessInstanceByKey(key);
  }

  Optional<ClosedWindow> closed(Task task) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> ClosedWindow.of(context, task.getId()));
  }

  /** The task of this instance, or of the instance it called (the tests share the engine of the class). */
  Task task(ProcessInstance instance, String taskKey) {
    ProcessInstance called = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId()).singleResult();
    return engine.getTaskService().createTaskQuery()
        .processInstanceId(called == null ? instance.getId() : called.getId()).taskDefinitionKey(taskKey)
        .singleResult();
  }

  void pastTheWindow() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-02T10:00:00Z")));
  }

  @Test
  void shouldCloseTheTaskWhenItsOwnWindowHasPassed() {
    Task task = task(start("own"), "Task_Answer");
    assertThat(closed(task)).isEmpty();

    pastTheWindow();

    assertThat(closed(task)).hasValueSatisfying(window -> {
      assertThat(window.name()).isEqualTo("Délai de réponse passé");
      assertThat(window.end()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
      assertThat(window.failed()).isFalse();
    });
  }

  @Test
  void shouldCloseTheTaskWhenTheWindowOfItsSubProcessHasPassedAndNotTheTaskBesideIt() {
    ProcessInstance instance = start("sub");
    Task inside = task(instance, "Task_Answer");
    Task beside = task(instance, "Task_Beside");
    assertThat(closed(inside)).isEmpty();

    pastTheWindow();

    assertThat(closed(inside)).map(ClosedWindow::name).hasValue("Délai des compléments passé");
    assertThat(closed(beside)).isEmpty();
  }

  @Test
  void shouldCloseEveryInstanceOfAMultiInstanceTaskWhenItsWindowHasPassed() {
    ProcessInstance instance = start("multi");
    var reviews = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_Review").list();
    assertThat(reviews).hasSize(2);

    pastTheWindow();

    assertThat(reviews).allSatisfy(review -> assertThat(closed(review)).map(ClosedWindow::name)
        .hasValue("Délai d’examen passé"));
  }

  @Test
  void shouldCloseTheCalledTaskWhenTheWindowOfItsCallActivityHasPassed() {
    Task called = task(start("caller"), "Task_Answer");
    assertThat(closed(called)).isEmpty();

    pastTheWindow();

    assertThat(closed(called)).map(ClosedWindow::name).hasValue("Délai du suivi passé");
  }

  /** Its job failed (no retries left, an incident): closed all the same, and said to wait for an administrator. */
  @Test
  void shouldSayTheWindowFailedWhenItsTimerHasNoRetriesLeft() {
    ProcessInstance instance = start("own");
    pastTheWindow();
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("Timer_Own").singleResult();

    engine.getManagementService().setJobRetries(timer.getId(), 0);

    assertThat(closed(task(instance, "Task_Answer"))).map(ClosedWindow::failed).hasValue(true);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
  }
}
