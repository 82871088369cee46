package fr.parcours.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.clock.ClockStub;
import fr.parcours.clock.Clocks;
import fr.parcours.config.EngineParseListeners;
import fr.parcours.support.StandaloneEngines;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The last walk: a PECAN dossier's task in the ANS track showed the track's name only ("Certification de conformité
 * ANS"), as a dossier of the ANS certification alone does. Every process instance carries the name of the pathway the
 * vendor started, down through the tracks it calls and the tracks they call, where the task cards read it. Here with
 * the application's parse listeners, on processes of the test's own: a pathway calling a track calling a step.
 */
class PathwayOnCardsTest {

  /** The regulatory clocks, stubbed: every task asks them for its time limit. */
  static final Clocks CLOCKS = new ClockStub(new java.util.Date());
  static ProcessEngine engine;
  static RuntimeService runtime;
  static TaskService tasks;

  @BeforeAll
  static void startTheEngineWithTheApplicationsParseListeners() {
    StandaloneInMemProcessEngineConfiguration configuration = StandaloneEngines.configuration("pathway-on-cards");
    configuration.setCustomPostBPMNParseListeners(new ArrayList<>(EngineParseListeners.of(() -> CLOCKS, List.of())));
    engine = configuration.buildProcessEngine();
    runtime = engine.getRuntimeService();
    tasks = engine.getTaskService();
    engine.getRepositoryService().createDeployment()
        .addModelInstance("pathway.bpmn", process("test-pathway", "Prise en charge anticipée PECAN", "Task_Apply",
            "test-track"))
        .addModelInstance("track.bpmn", process("test-track", "Certification de conformité ANS", "Task_Review",
            "test-step"))
        .addModelInstance("step.bpmn", process("test-step", "Dépôt sur Sésame", "Task_File", null))
        .deploy();
  }

  @AfterAll
  static void closeTheEngine() {
    engine.close();
  }

  /** A process waiting at a user task, then calling the next process if any. */
  static BpmnModelInstance process(String key, String name, String task, String calls) {
    var flow = Bpmn.createExecutableProcess(key).name(name).camundaHistoryTimeToLive(1).startEvent().userTask(task);
    return fr.parcours.support.NoTimeLimits.marked(
        (calls == null ? flow : flow.callActivity("Call_" + calls).calledElement(calls)).endEvent().done());
  }

  @Test
  void shouldNameThePathwayOnTheTasksOfTheTracksItCalls() {
    ProcessInstance dossier = runtime.startProcessInstanceByKey("test-pathway");

    assertThat(tasks.getVariable(task(dossier, "Task_Apply").getId(), PathwayOnCards.PATHWAY_NAME))
        .isEqualTo("Prise en charge anticipée PECAN");
    tasks.complete(task(dossier, "Task_Apply").getId());
    ProcessInstance track = called(dossier);
    Task review = task(track, "Task_Review");
    assertThat(tasks.getVariable(review.getId(), PathwayOnCards.PATHWAY_NAME)).as("the ANS track's task")
        .isEqualTo("Prise en charge anticipée PECAN");
    tasks.complete(review.getId());
    Task filing = task(called(track), "Task_File");
    assertThat(tasks.getVariable(filing.getId(), PathwayOnCards.PATHWAY_NAME)).as("the track's own called step")
        .isEqualTo("Prise en charge anticipée PECAN");
    tasks.complete(filing.getId());
  }

  @Test
  void shouldNameATrackStartedOnItsOwnByItsOwnName() {
    ProcessInstance alone = runtime.startProcessInstanceByKey("test-track");

    assertThat(tasks.getVariable(task(alone, "Task_Review").getId(), PathwayOnCards.PATHWAY_NAME))
        .isEqualTo("Certification de conformité ANS");
  }

  /** A dossier started before the variable existed: the track it calls now reads the name of the first process. */
  @Test
  void shouldNameThePathwayOfADossierStartedBeforeFromItsFirstProcess() {
    ProcessInstance before = runtime.startProcessInstanceByKey("test-pathway");
    runtime.removeVariable(before.getId(), PathwayOnCards.PATHWAY_NAME);

    tasks.complete(task(before, "Task_Apply").getId());

    ProcessInstance track = called(before);
    assertThat(runtime.getVariableLocal(track.getId(), PathwayOnCards.PATHWAY_NAME))
        .isEqualTo("Prise en charge anticipée PECAN");
  }

  /**
   * Tasks of dossiers started before the variable existed showed no "Parcours" on their cards: the next start names
   * every running instance that lacks it (a pathway, the track it called, a track started alone), and a second start
   * changes nothing. Two nodes starting at once name each instance once.
   */
  @Test
  void shouldNameTheRunningDossiersStartedBeforeAtTheNextStartOnceOnly() throws Exception {
    List<ProcessInstance> before = startedBefore();
    PathwaysOfOlderDossiers start = new PathwaysOfOlderDossiers(engine);

    assertThat(start.ensure()).isGreaterThanOrEqualTo(3);

    assertNamed(before);
    List<String> rows = runtime.createVariableInstanceQuery().variableName(PathwayOnCards.PATHWAY_NAME).list()
        .stream().map(v -> v.getId() + "=" + v.getValue()).sorted().toList();
    assertThat(start.ensure()).as("a second start").isZero();
    assertThat(runtime.createVariableInstanceQuery().variableName(PathwayOnCards.PATHWAY_NAME).list().stream()
        .map(v -> v.getId() + "=" + v.getValue()).sorted().toList()).as("the same variables, untouched").isEqualTo(rows);
  }

  @Test
  void shouldNameEachOlderDossierOnceWhenTwoNodesStartTogether() throws Exception {
    List<ProcessInstance> before = startedBefore();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var barrier = new java.util.concurrent.CyclicBarrier(2);
      List<java.util.concurrent.Future<Integer>> nodes = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        nodes.add(pool.submit(() -> {
          barrier.await();
          return new PathwaysOfOlderDossiers(engine).ensure();
        }));
      }
      for (var node : nodes) {
        node.get(1, java.util.concurrent.TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertNamed(before);
    // and a start after them finds nothing left
    assertThat(new PathwaysOfOlderDossiers(engine).ensure()).isZero();
  }

  /** A pathway and the track it called, and a track started alone, as before the variable existed. */
  private static List<ProcessInstance> startedBefore() {
    ProcessInstance pathway = runtime.startProcessInstanceByKey("test-pathway");
    tasks.complete(task(pathway, "Task_Apply").getId());
    ProcessInstance track = called(pathway);
    ProcessInstance alone = runtime.startProcessInstanceByKey("test-track");
    for (ProcessInstance instance : List.of(pathway, track, alone)) {
      runtime.removeVariableLocal(instance.getId(), PathwayOnCards.PATHWAY_NAME);
    }
    assertThat(tasks.getVariable(task(track, "Task_Review").getId(), PathwayOnCards.PATHWAY_NAME))
        .as("the card of a dossier started before shows no pathway").isNull();
    return List.of(pathway, track, alone);
  }

  private static void assertNamed(List<ProcessInstance> before) {
    assertThat(tasks.getVariable(task(before.get(1), "Task_Review").getId(), PathwayOnCards.PATHWAY_NAME))
        .as("the called track's card: the pathway the vendor started").isEqualTo("Prise en charge anticipée PECAN");
    assertThat(runtime.getVariableLocal(before.get(0).getId(), PathwayOnCards.PATHWAY_NAME))
        .isEqualTo("Prise en charge anticipée PECAN");
    assertThat(tasks.getVariable(task(before.get(2), "Task_Review").getId(), PathwayOnCards.PATHWAY_NAME))
        .as("a track started alone: its own name").isEqualTo("Certification de conformité ANS");
    for (ProcessInstance instance : before) {
      assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(instance.getId())
          .variableName(PathwayOnCards.PATHWAY_NAME).count()).as("one variable in %s", instance.getId()).isOne();
    }
  }

  private static ProcessInstance called(ProcessInstance caller) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId()).singleResult();
  }

  private static Task task(ProcessInstance instance, String key) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }
}
