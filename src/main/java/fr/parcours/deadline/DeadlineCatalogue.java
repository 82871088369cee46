package fr.parcours.deadline;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Service;

/**
 * The deadlines table in force: the latest deployed version of {@code bpmn/deadlines.dmn}. A process owner
 * changes a window in Modeler, restarts (or redeploys), and windows opened from then on use the new row.
 */
@Service
public class DeadlineCatalogue {

  private final RepositoryService repositoryService;
  private final ConcurrentMap<String, DeadlineTable> byDefinitionId = new ConcurrentHashMap<>();

  DeadlineCatalogue(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public DeadlineTable current() {
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DeadlineTable.DECISION_KEY)
        .latestVersion()
        .withoutTenantId()
        .singleResult();
    if (definition == null) {
      throw new DeadlineTableException("Aucune table des délais n’est déployée : bpmn/deadlines.dmn doit être"
          + " déployée avec les diagrammes.", "No deadlines table is deployed: bpmn/deadlines.dmn must be deployed"
          + " with the diagrams.");
    }
    return byDefinitionId.computeIfAbsent(definition.getId(), id -> load(definition));
  }

  public DeadlineRule rule(String windowId) {
    return current().require(windowId);
  }

  /** The window's row for the dossier's pathway (its variable {@code pathway}, null when it names none). */
  public DeadlineRule rule(String windowId, String pathway) {
    return current().require(windowId, pathway);
  }

  private DeadlineTable load(DecisionDefinition definition) {
    try (InputStream in = repositoryService.getDecisionModel(definition.getId())) {
      return DeadlineTableReader.read(in.readAllBytes(),
          DeadlineTable.DECISION_KEY + ":" + definition.getVersion());
    } catch (IOException e) {
      throw new DeadlineTableException("La table des délais déployée " + definition.getId() + " est illisible : "
          + e.getMessage(), "Cannot read the deployed deadlines table " + definition.getId() + ": " + e.getMessage());
    }
  }
}
