package fr.parcours.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A lean test of one track diagram ({@link TrackEngine}): the subclass registers its own engine with
 * {@code @RegisterExtension static ProcessEngineCoverageExtension engine = TrackEngine.withFullCoverage();} and
 * deploys its diagram with {@code @Deployment}; each test starts with fresh stubs.
 */
public abstract class TrackTestBase {

  protected TrackEngine.Stubs stubs;
  protected TrackEngine.Driver track;

  @BeforeEach
  void stubTheBeans(ProcessEngine engine) {
    stubs = TrackEngine.Stubs.register();
    track = new TrackEngine.Driver(engine);
  }

  /** The stubs live in a thread-local registry that the application's engine reads too: gone after each test. */
  @AfterEach
  void forgetTheStubs() {
    Mocks.reset();
    BpmnAwareTests.reset();
  }
}
