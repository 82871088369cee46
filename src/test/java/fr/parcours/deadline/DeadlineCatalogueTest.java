package fr.parcours.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deadlines table is read once per deployment: not at every timer, due date, mail and task completion that
 * names a window, but again as soon as a deadlines table is deployed.
 */
class DeadlineCatalogueTest {

  RepositoryService repository = mock(RepositoryService.class, RETURNS_DEEP_STUBS);
  DeadlineCatalogue catalogue = new DeadlineCatalogue(repository);
  DecisionDefinition version1 = definition("deadlines:1:a", 1);

  @BeforeEach
  void deployed() throws Exception {
    byte[] table = Files.readAllBytes(Path.of("bpmn", "deadlines.dmn"));
    when(repository.createDecisionDefinitionQuery().decisionDefinitionKey(any()).latestVersion().withoutTenantId()
        .singleResult()).thenReturn(version1);
    when(repository.getDecisionModel(any())).thenAnswer(call -> new ByteArrayInputStream(table));
    clearInvocations(repository);
  }

  @Test
  void shouldAskTheDatabaseOnceForManyQuestions() {
    DeadlineTable first = catalogue.current();
    for (int i = 0; i < 100; i++) {
      assertThat(catalogue.current()).isSameAs(first);
      catalogue.rule("ANS_COMPLEMENTS");
    }

    verify(repository, times(1)).createDecisionDefinitionQuery();
    verify(repository, times(1)).getDecisionModel(any());
  }

  @Test
  void shouldSayInFrenchWhichFileToPutBackWhenNoTableIsDeployed() {
    // bad input: bpmn/deadlines.dmn removed or renamed, so that no decision "deadlines" is deployed
    when(repository.createDecisionDefinitionQuery().decisionDefinitionKey(any()).latestVersion().withoutTenantId()
        .singleResult()).thenReturn(null);

    assertThatThrownBy(() -> catalogue.current())
        .isInstanceOf(DeadlineTableException.class)
        .hasMessage("Aucune table des délais n’est déployée (décision « deadlines ») : remettez le fichier"
            + " bpmn/deadlines.dmn, qui se déploie avec les diagrammes, puis redémarrez Parcours.");
  }

  @Test
  void shouldReadTheTableAgainOnceATableIsDeployed() {
    catalogue.current();
    DecisionDefinition version2 = definition("deadlines:2:b", 2);
    when(repository.createDecisionDefinitionQuery().decisionDefinitionKey(any()).latestVersion().withoutTenantId()
        .singleResult()).thenReturn(version2);
    clearInvocations(repository);

    DeadlineCatalogue.tableDeployed(); // what the engine's transform listener says at deployment
    DeadlineTable after = catalogue.current();
    catalogue.current();

    assertThat(after.version()).isEqualTo("deadlines:2");
    verify(repository, times(1)).createDecisionDefinitionQuery();
  }

  private static DecisionDefinition definition(String id, int version) {
    DecisionDefinition definition = mock(DecisionDefinition.class);
    when(definition.getId()).thenReturn(id);
    when(definition.getVersion()).thenReturn(version);
    return definition;
  }
}
