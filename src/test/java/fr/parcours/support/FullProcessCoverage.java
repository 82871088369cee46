package fr.parcours.support;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * For a test class that owns a diagram: the class fails when its tests together leave a flow node or a
 * sequence flow of that diagram untouched. Reports are under target/process-test-coverage/.
 */
public final class FullProcessCoverage {

  private FullProcessCoverage() {
  }

  /** The ANS track's tests: every element of ans-certification.bpmn (PECAN is only a caller there). */
  @TestConfiguration
  public static class OfAnsTrack {
    @Bean
    ProcessEngineCoverageProperties fullCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys("pecan", "sesame-filing", "cnedimts-opinion", "ministers-decision").build();
    }
  }

  /**
   * PECAN's tests: every element of pecan.bpmn and of the HAS-side tracks it calls (the ANS track has its own
   * tests), but the CNEDiMTS track's: that track also holds the brand name's draft opinion and hearing, which no
   * PECAN dossier reaches; its every element is covered by its own lean test (CnedimtsOpinionTrackTest).
   */
  @TestConfiguration
  public static class OfPecan {
    @Bean
    ProcessEngineCoverageProperties fullCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys("ans-certification", "cnedimts-opinion").build();
    }
  }
}
