package fr.parcours.simulator;

import fr.parcours.ans.AnsProcess;
import fr.parcours.brandname.BrandNameBareGlue;
import fr.parcours.brandname.BrandNameProcess;
import fr.parcours.clock.ClockStub;
import fr.parcours.config.EngineParseListeners;
import fr.parcours.pecan.PecanBareGlue;
import fr.parcours.pecan.PecanProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The baseline of the glue ratio: the same diagrams (the pathways the simulator knows and their tracks), forms and
 * deadlines table on a bare in-memory engine of their
 * own (H2, full history, as the application), with Parcours' glue made no-ops: no mail sent or journaled, no form or
 * task check, no evidence stored, no authorization; the beans that steer the diagram set what the real ones set, and
 * every window falls due beyond the run's horizon ({@link FarClocks}). Driven by the same simulator, with the same
 * assumptions and seed.
 */
final class BaselineEngine {

  /**
   * Runs the dossiers on a fresh bare engine; with {@code warmUp} dossiers first, on the same engine and not reported,
   * so that the measured run finds the code as compiled as the application's run found it.
   */
  SimulationResult simulate(WhatIfFile whatIf, Simulator.Settings settings, int warmUp) {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    String name = "simulation-baseline-" + UUID.randomUUID();
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256"); // as application-test.yml
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    // the application's history level (full unless the run sets camunda.bpm.history-level), so both keep the same
    configuration.setHistory(System.getProperty("camunda.bpm.history-level", ProcessEngineConfiguration.HISTORY_FULL));
    configuration.setJobExecutorActivate(false);
    configuration.setExpressionManager(new MockExpressionManager());
    configuration.setEnforceHistoryTimeToLive(true);
    configuration.getProcessEnginePlugins().add(new org.camunda.spin.plugin.impl.SpinProcessEnginePlugin());
    ClockStub clocks = new FarClocks(Duration.ofDays(settings.horizonDays() + 1L));
    configuration.setCustomPostBPMNParseListeners(new ArrayList<>(EngineParseListeners.of(() -> clocks,
        List.of(PecanProcess.OUTCOMES, BrandNameProcess.OUTCOMES, AnsProcess.OUTCOMES,
            AnsProcess.INSTRUCTION_OUTCOMES))));
    Map<String, Object> beans = beans(clocks);
    beans.forEach(Mocks::register);
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      deploy(engine);
      if (warmUp > 0) {
        new Simulator(new Bare(engine, beans), whatIf, Simulator.warmUp(settings, warmUp), "mise en route", () -> { })
            .run();
      }
      return new Simulator(new Bare(engine, beans), whatIf, settings, "moteur nu (colle sans effet)", () -> { }).run();
    } finally {
      engine.close();
      Mocks.reset();
    }
  }

  private static void deploy(ProcessEngine engine) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("simulation baseline");
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (String pattern : List.of("classpath*:bpmn/pathways/pecan.bpmn", "classpath*:bpmn/pathways/brand-name.bpmn",
          "classpath*:bpmn/tracks/*.bpmn",
          "classpath*:bpmn/deadlines.dmn", "classpath*:forms/*.form")) {
        for (Resource resource : resolver.getResources(pattern)) {
          String folder = pattern.substring("classpath*:".length(), pattern.lastIndexOf('/') + 1);
          deployment.addInputStream(folder + resource.getFilename(), resource.getInputStream());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deployment.deploy();
  }

  /** The beans the diagrams name, as no-ops or as what the diagram needs of them (after {@code TrackEngine.Stubs}). */
  private static Map<String, Object> beans(ClockStub clocks) {
    Map<String, Object> beans = new HashMap<>(PecanBareGlue.beans(clocks));
    beans.putAll(BrandNameBareGlue.beans(Simulator.PARIS));
    TaskListener nothing = task -> { };
    beans.put("companyAccess", (ExecutionListener) execution -> { });
    beans.put("hasTaskChecks", nothing);
    beans.put("ansTaskChecks", nothing);
    beans.put("vendorMail", (JavaDelegate) execution -> { });
    beans.put("overdueEscalation", (JavaDelegate) execution ->
        execution.getProcessInstance().setVariable((String) execution.getVariable("overdueFlag"), true));
    beans.put("clocks", clocks);
    // the intake reads the company from the applicant's groups; here every dossier is the demo vendor's
    beans.put("candidatureIntake", (ExecutionListener) execution -> {
      if (execution.getVariable("vendorGroup") == null) {
        execution.setVariable("vendorGroup", "vendor-medisoft");
      }
    });
    beans.put("evidenceQueue", new EvidenceQueue());
    beans.put("certificateIssuer", (JavaDelegate) execution -> {
      execution.setVariable("certificateNumber", "CC-" + execution.getVariable("dossierId"));
      execution.setVariable("certificateIssuedAt", ClockUtil.getCurrentTime());
    });
    beans.put("stubEnding", (JavaDelegate) execution -> {
      if (execution.getVariable("stubError") instanceof String code) {
        throw new BpmnError(code);
      }
    });
    return beans;
  }

  /**
   * Every window falls due beyond the run's horizon, counted from the moment it is asked: none passes (one fixed
   * date would make every window asked after it fall due at once, and loop the ANS complements).
   */
  static final class FarClocks extends ClockStub {
    private final Duration far;

    FarClocks(Duration far) {
      super(new Date(0));
      this.far = far;
    }

    private Date far() {
      return Date.from(ClockUtil.getCurrentTime().toInstant().plus(far));
    }

    @Override
    public Date due(DelegateExecution execution, String clockId) {
      return far();
    }

    @Override
    public Date due(DelegateExecution execution, String clockId, String openedAtVariable) {
      return far();
    }

    @Override
    public Date reminder(DelegateExecution execution, String clockId) {
      return far();
    }

    @Override
    public Date lastMoment(DelegateExecution execution, String clockId) {
      return far();
    }

    @Override
    public java.time.LocalDate lastDay(DelegateExecution execution, String clockId) {
      return far().toInstant().atZone(Simulator.PARIS).toLocalDate();
    }

    @Override
    public String cycle(DelegateExecution execution, String clockId) {
      return "R/" + far().toInstant() + "/P6M";
    }
  }

  /** {@code ${evidenceQueue.evidenceComplete(execution)}} and {@code deprioritise}, as the real queue sets them. */
  public static final class EvidenceQueue {
    public void evidenceComplete(DelegateExecution execution) {
      execution.setVariable("evidenceCompleteAt", ClockUtil.getCurrentTime());
      execution.setVariable("deprioritised", false);
    }

    public void deprioritise(DelegateExecution execution) {
      execution.setVariable("deprioritised", true);
    }
  }

  /** Starts and answers through the engine's plain API; the stubs are registered on every worker thread. */
  private record Bare(ProcessEngine engine, Map<String, Object> beans) implements Driver {

    @Override
    public void onWorkerThread() {
      beans.forEach(Mocks::register);
    }

    @Override
    public String start(String pathway, String vendor, Map<String, Object> form) {
      String dossierId = "SIM-" + UUID.randomUUID().toString().substring(0, 8);
      Map<String, Object> variables = new HashMap<>(form);
      variables.put("dossierId", dossierId);
      variables.put("applicant", vendor);
      variables.put("vendorGroup", "vendor-medisoft");
      variables.put("pathway", pathway.toUpperCase(java.util.Locale.ROOT));
      return engine.getRuntimeService().startProcessInstanceByKey(pathway, dossierId, variables).getId();
    }

    @Override
    public void sendEvidence(String processInstanceId, String vendor) {
      // no evidence store on the bare engine
    }

    @Override
    public void answer(Task task, String user, Map<String, Object> values) {
      engine.getTaskService().complete(task.getId(), values);
    }
  }
}
