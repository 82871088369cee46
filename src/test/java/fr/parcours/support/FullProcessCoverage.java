package fr.parcours.support;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * For a test class that owns a diagram: the class fails when its tests together leave a flow node or a
 * sequence flow of the diagrams they run untouched. The report is under target/process-test-coverage/.
 */
@TestConfiguration
public class FullProcessCoverage {

  @Bean
  ProcessEngineCoverageProperties fullCoverage() {
    return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
  }
}
