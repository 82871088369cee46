package fr.parcours.support;

import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * For tests that talk HTTP to the application: the REST API and the webapps find "the" engine by name in two
 * JVM-wide registries, where the cached application contexts of other test classes also registered their engine as
 * "default": the REST API in {@link ProcessEngines}, the webapps (Tasklist, Cockpit, their {@code /camunda/api}) in
 * the runtime container's. Before each test, this class's own engine is registered again in both, so that the
 * requests reach the database this test set up. (With the container's left as it was, Tasklist's page answered 500
 * to a class whose cached context came back after other contexts had started and closed: a fresh clone's test order
 * found it, never a run alone.)
 */
public class ThisContextsEngine implements BeforeEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    ProcessEngine engine = SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
    ProcessEngines.registerProcessEngine(engine);
    RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
    ProcessEngine registered = container.getProcessEngineService().getProcessEngine(engine.getName());
    if (registered != engine) {
      if (registered != null) {
        container.unregisterProcessEngine(registered); // only forgets it: the engine is its context's, and stays open
      }
      container.registerProcessEngine(engine);
    }
  }
}
