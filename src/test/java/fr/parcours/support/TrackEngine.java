package fr.parcours.support;

import fr.parcours.clock.ClockStub;
import fr.parcours.clock.Clocks;
import fr.parcours.config.EngineParseListeners;
import fr.parcours.shared.Outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/**
 * A track diagram tested on its own, as a caller would use it, in seconds and without Spring: an in-memory engine
 * of its own, the diagram of {@code bpmn/tracks/} deployed as it is, and the beans it names replaced by stubs that
 * record what they were asked ({@link Stubs}). What the beans themselves do is tested with the whole application
 * (the process tests and the pathways' tests); here it is the track's paths, its windows and what it hands back.
 */
public final class TrackEngine {

  private TrackEngine() {
  }

  /** The engine of one test class, which fails below 100 % of the flow nodes and sequence flows it deploys. */
  public static ProcessEngineCoverageExtension withFullCoverage(String... notCovered) {
    return withFullCoverage(List.of(), notCovered);
  }

  /**
   * The same, for diagrams whose end events state outcomes: the {@link Outcomes} their process declares, as the
   * application declares them beside its pathway or track.
   */
  public static ProcessEngineCoverageExtension withFullCoverage(List<Outcomes> outcomes, String... notCovered) {
    // the coverage's own configuration: it registers the listeners that record what each test passed
    ProcessCoverageInMemProcessEngineConfiguration configuration = new ProcessCoverageInMemProcessEngineConfiguration();
    String name = "track-" + UUID.randomUUID(); // never "default", which the application's tests look up
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=1000");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.getProcessEnginePlugins().add(new SharedMappings("h2"));
    configuration.setExpressionManager(new MockExpressionManager());
    configuration.setEnforceHistoryTimeToLive(true);
    // the meaning the application gives its diagrams' properties: mail steps (sent by the bean vendorMail, stubbed
    // here), windows and pauses of the clocks (told to the bean clocks of the running test, a ClockStub), outcomes
    configuration.setCustomPostBPMNParseListeners(new ArrayList<>(
        EngineParseListeners.of(() -> (Clocks) Mocks.get("clocks"), outcomes)));
    return ProcessEngineCoverageExtension.builder(configuration).assertClassCoverageAtLeast(1.0)
        .excludeProcessDefinitionKeys(notCovered).build();
  }

  /**
   * A stub of a track that pathways call: it waits at "Stub_Track", then ends normally, or throws the BPMN error
   * named by its variable {@code stubError} (the bean {@code stubEnding} of {@link Stubs}).
   */
  public static org.camunda.bpm.model.bpmn.BpmnModelInstance stubTrack(String key) {
    return org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent().userTask("Stub_Track").serviceTask("Stub_Ending").camundaDelegateExpression("${stubEnding}")
        .endEvent("Stub_TrackEnded").done();
  }

  /** What a test does with a track: start it as a caller would, work its tasks, run its jobs, fire its timers. */
  public record Driver(ProcessEngine engine) {

    /** The assertions ({@code assertThat(instance).hasPassed(...)}) ask this engine from now on. */
    public Driver {
      BpmnAwareTests.init(engine);
    }

    public ProcessInstance start(String track, Map<String, Object> variables) {
      return engine.getRuntimeService().startProcessInstanceByKey(track, "DMN-2026-00042", variables);
    }

    /** Deploys stub processes under the keys of the tracks a pathway calls ({@link TrackEngine#stubTrack}). */
    public void deploy(org.camunda.bpm.model.bpmn.BpmnModelInstance... stubs) {
      var deployment = engine.getRepositoryService().createDeployment();
      for (org.camunda.bpm.model.bpmn.BpmnModelInstance stub : stubs) {
        String key = stub.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next()
            .getId();
        deployment.addModelInstance(key + ".bpmn", NoTimeLimits.marked(stub));
      }
      deployment.deploy();
    }

    /** The running instance of a track that a pathway's instance called. */
    public ProcessInstance calledTrack(ProcessInstance caller, String key) {
      ProcessInstance called = engine.getRuntimeService().createProcessInstanceQuery()
          .superProcessInstanceId(caller.getId()).processDefinitionKey(key).singleResult();
      assertThat(called).as("running track %s", key).isNotNull();
      return called;
    }

    /** What a called track received ({@code camunda:in}). */
    public Map<String, Object> received(ProcessInstance called) {
      return engine.getRuntimeService().getVariables(called.getId());
    }

    public Task task(ProcessInstance instance, String key) {
      return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey(key).singleResult();
    }

    public void complete(ProcessInstance instance, String key, Map<String, Object> variables) {
      Task task = task(instance, key);
      assertThat(task).as("open task %s", key).isNotNull();
      engine.getTaskService().complete(task.getId(), variables);
    }

    /** Runs the jobs that are due (the notification steps are asynchronous before and after), until none is. */
    public void runJobs(ProcessInstance instance) {
      List<Job> jobs;
      while (!(jobs = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .executable().list()).isEmpty()) {
        jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
      }
    }

    /** Fires the timer of a window, which falls due on {@link Stubs#DUE}; then the jobs that follow it. */
    public void fire(ProcessInstance instance, String timerId) {
      Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .activityId(timerId).timers().singleResult();
      assertThat(timer).as("timer %s", timerId).isNotNull();
      assertThat(timer.getDuedate()).as("due date of %s", timerId).isEqualTo(Stubs.DUE);
      engine.getManagementService().executeJob(timer.getId());
      runJobs(instance);
    }
  }

  /**
   * The beans the tracks' diagrams name, as stubs: {@code companyAccess}, {@code hasTaskChecks} and
   * {@code ansTaskChecks} let everything through; {@code vendorMail} records the mail each notification step
   * names; {@code overdueEscalation} sets the step's flag as the real one does; {@code clocks} answers a fixed
   * date ({@link #DUE}), so that a test finds each window's timer and fires it, and records the pauses and closings
   * ({@link ClockStub}); {@code candidatureIntake}, {@code evidenceQueue} and {@code certificateIssuer} record the
   * dossiers they saw and set what the real ones set for the diagram's next steps.
   */
  public static final class Stubs {

    /**
     * The date every window falls due on in these tests: a year after the day they run, so that no timer is ever
     * due before a test fires it (a fixed date would have made every timer fire on its own once it had passed).
     */
    public static final Date DUE = Date.from(LocalDate.now(ZoneOffset.UTC).plusYears(1)
        .atTime(23, 0).toInstant(ZoneOffset.UTC));

    public final List<String> mails = new ArrayList<>();
    public final ClockStub clocks = new ClockStub(DUE);
    public final List<String> windowsAsked = clocks.windowsAsked;
    /** The dossiers {@code candidatureIntake} received, by dossier id. */
    public final List<Object> candidatures = new ArrayList<>();
    /** What {@code evidenceQueue} was told: "evidence complete", "deprioritised". */
    public final List<String> evidenceQueue = new ArrayList<>();
    /** What {@code lineCertification} was told: the lines offered to the reviewer, and the decision recorded. */
    public final List<String> lineDecisions = new ArrayList<>();
    /** The dossiers {@code certificateIssuer} issued a certificate to. */
    public final List<Object> certificates = new ArrayList<>();

    public static Stubs register() {
      ClockUtil.reset();
      Stubs stubs = new Stubs();
      Mocks.register("companyAccess", (ExecutionListener) execution -> { });
      Mocks.register("hasTaskChecks", (TaskListener) task -> { });
      Mocks.register("ansTaskChecks", (TaskListener) task -> { });
      Mocks.register("vendorMail", (JavaDelegate) stubs::mail);
      Mocks.register("overdueEscalation", (JavaDelegate) execution ->
          execution.getProcessInstance().setVariable((String) execution.getVariable("overdueFlag"), true));
      Mocks.register("clocks", stubs.clocks);
      Mocks.register("stubEnding", (JavaDelegate) execution -> {
        if (execution.getVariable("stubError") instanceof String code) {
          throw new org.camunda.bpm.engine.delegate.BpmnError(code);
        }
      });
      Mocks.register("candidatureIntake", (ExecutionListener) execution ->
          stubs.candidatures.add(execution.getVariable("dossierId")));
      Mocks.register("evidenceQueue", stubs.new EvidenceQueue());
      Mocks.register("lineCertification", stubs.new LineCertification());
      Mocks.register("certificateIssuer", (JavaDelegate) execution -> {
        Object dossierId = execution.getVariable("dossierId");
        stubs.certificates.add(dossierId);
        execution.setVariable("certificateNumber", "CC-" + dossierId);
        execution.setVariable("certificateIssuedAt", ClockUtil.getCurrentTime());
      });
      return stubs;
    }

    /**
     * {@code ${lineCertification.offer(task)}} and {@code record(execution)}: the lines offered and decided, recorded;
     * the outcome is CERTIFIED when the reviewer ticked every claimed line, as the real one decides.
     */
    public final class LineCertification {
      public void offer(DelegateTask task) {
        lineDecisions.add("offered " + task.getVariable("genericLines"));
      }

      public void record(DelegateExecution execution) {
        String claimed = String.valueOf(execution.getVariable("genericLines"));
        String certified = String.valueOf(execution.getVariable("certifiedGenericLines"));
        lineDecisions.add("certified [" + certified + "] of [" + claimed + "]");
        execution.setVariable("lineCertificationOutcome", claimed.equals(certified) ? "CERTIFIED" : "REFUSED");
      }
    }

    /** {@code ${evidenceQueue.evidenceComplete(execution)}} and {@code deprioritise}: the queue's dates, recorded. */
    public final class EvidenceQueue {
      public void evidenceComplete(DelegateExecution execution) {
        evidenceQueue.add("evidence complete");
        execution.setVariable("evidenceCompleteAt", ClockUtil.getCurrentTime());
        execution.setVariable("deprioritised", false);
      }

      public void deprioritise(DelegateExecution execution) {
        evidenceQueue.add("deprioritised");
        execution.setVariable("deprioritised", true);
      }
    }

    private void mail(DelegateExecution execution) {
      String mail = execution.getBpmnModelElementInstance()
          .getExtensionElements().getElementsQuery().filterByType(
              org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).singleResult()
          .getCamundaProperties().stream().filter(p -> "mail".equals(p.getCamundaName()))
          .map(CamundaProperty::getCamundaValue).findFirst().orElse("(no mail property)");
      mails.add(mail);
    }

  }
}
