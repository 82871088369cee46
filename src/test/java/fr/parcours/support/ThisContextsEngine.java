package fr.parcours.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * For tests that talk HTTP to the application: the REST API and the webapps find "the" engine by name in a
 * JVM-wide registry, where the cached application contexts of other test classes also registered their
 * engine as "default". Before each test, this class's own engine is registered again, so that the requests
 * reach the database this test set up.
 */
public class ThisContextsEngine implements BeforeEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    ProcessEngine engine = SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
    ProcessEngines.registerProcessEngine(engine);
  }
}
