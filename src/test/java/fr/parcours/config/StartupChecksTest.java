package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * What is checked at start-up stays checked at start-up: the catalogues, the evidence storage's mark, the settings a
 * mail needs, the deadlines source and the deployment are created with the application, so that a mistake stops the
 * start. Only the pages, and what only the pages use, wait for their first request (a few milliseconds less at each
 * start; the start-up benchmark prints the beans created).
 */
@SpringBootTest
@ActiveProfiles({"test", "demo"})
class StartupChecksTest {

  /** The beans created on first use: the pages, and what only the pages use. */
  static final List<String> CREATED_ON_FIRST_USE = List.of("ansWindowsPage", "auditStartPage", "cycleStartPage",
      "cycleStarts", "demoMailboxPage", "devicePages", "dossierBoard", "dossierPages", "dossierTaskPage", "evidencePage",
      "notificationApi", "orientation", "orientationPage", "referentialPage", "signOutPage");

  @Autowired ConfigurableApplicationContext context;

  @Test
  void shouldCreateTheStartUpChecksWithTheApplicationAndOnlyThePagesOnFirstUse() {
    ConfigurableListableBeanFactory beans = context.getBeanFactory();
    for (String check : List.of("evidenceCatalogue", "genericLines", "ansWindows", "evidenceStorageMark",
        "publicLinks", "clocks", "modelDeployment", "parcoursEnginePlugin", "flywayInitializer")) {
      assertThat(beans.containsSingleton(check)).as("%s is created at start-up", check).isTrue();
    }
    List<String> lazy = new ArrayList<>();
    for (String name : beans.getBeanDefinitionNames()) {
      BeanDefinition definition = beans.getBeanDefinition(name);
      if (definition.isLazyInit() && definition.getBeanClassName() != null
          && definition.getBeanClassName().startsWith("fr.parcours.")) {
        lazy.add(name);
      }
    }
    // (the demo mailbox's page exists only when the demo mailbox runs)
    assertThat(lazy).as("Parcours' beans created on first use").containsExactlyInAnyOrderElementsOf(
        CREATED_ON_FIRST_USE.stream().filter(beans::containsBeanDefinition).toList());
  }
}
