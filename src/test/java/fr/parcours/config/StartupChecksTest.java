package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.evidence.EvidenceProperties;
import fr.parcours.notification.DossierDocuments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * What is checked at start-up stays checked at start-up: the catalogues, the evidence and documents storages' marks, the settings a
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
  @Autowired ManagementService management;

  @Test
  void shouldCreateTheStartUpChecksWithTheApplicationAndOnlyThePagesOnFirstUse() {
    ConfigurableListableBeanFactory beans = context.getBeanFactory();
    for (String check : List.of("evidenceCatalogue", "genericLines", "ansWindows", "evidenceStorageMark",
        "documentsStorageMark", "publicLinks", "clocks", "modelDeployment", "parcoursEnginePlugin", "flywayInitializer")) {
      assertThat(beans.containsSingleton(check)).as("%s is created at start-up", check).isTrue();
    }
    // each storage every node must share is marked for this database, in its folder and in Camunda's properties
    // (the settings' folders are drawn at random per read in the tests: asked of the beans that hold them)
    Map<String, Path> storages = Map.of("evidence", context.getBean(EvidenceProperties.class).storage(),
        "documents", context.getBean(DossierDocuments.class).storage());
    storages.forEach((storage, folder) -> assertThat(folder.resolve(".parcours-" + storage + "-storage"))
        .as("the %s storage's mark", storage)
        .content().isEqualTo(management.getProperties().get("parcours." + storage + ".storage-id")));
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
