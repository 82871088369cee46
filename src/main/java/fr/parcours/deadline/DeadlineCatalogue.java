package fr.parcours.deadline;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Service;

/**
 * The deadlines table in force: the latest deployed version of {@code bpmn/deadlines.dmn}. A process owner
 * changes a window in Modeler, restarts (or redeploys), and windows opened from then on use the new row.
 *
 * <p>Read once per deployment, not at every timer, task and mail that names a window: the table in force is
 * kept until a deadlines table is deployed through this node (the engine's {@link DeadlineTableTransformListener}
 * says so) or, for one deployed through another node sharing the database, at most {@link #RECHECK} later.
 */
@Service
public class DeadlineCatalogue {

  /** How long the table in force is kept without asking the database whether another node deployed a newer one. */
  static final Duration RECHECK = Duration.ofMinutes(1);

  /** Bumped at every deployment of a deadlines table in this JVM (by the transform listener, in any engine). */
  private static final AtomicLong DEPLOYMENTS = new AtomicLong();

  private final RepositoryService repositoryService;
  private final ConcurrentMap<String, DeadlineTable> byDefinitionId = new ConcurrentHashMap<>();
  private volatile InForce inForce;

  /** The table in force, the deployment count it was read at, and when ({@link System#nanoTime()}). */
  private record InForce(DeadlineTable table, long deployments, long readAt) {
  }

  DeadlineCatalogue(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** A deadlines table is being deployed: the next question reads the table in force again. */
  static void tableDeployed() {
    DEPLOYMENTS.incrementAndGet();
  }

  public DeadlineTable current() {
    InForce known = inForce;
    long now = System.nanoTime();
    if (known != null && known.deployments() == DEPLOYMENTS.get() && now - known.readAt() < RECHECK.toNanos()) {
      return known.table();
    }
    long deployments = DEPLOYMENTS.get(); // before the query: a deployment meanwhile makes the next call read again
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DeadlineTable.DECISION_KEY)
        .latestVersion()
        .withoutTenantId()
        .singleResult();
    if (definition == null) {
      throw new DeadlineTableException("Aucune table des délais n’est déployée (décision « "
          + DeadlineTable.DECISION_KEY + " ») : remettez le fichier bpmn/deadlines.dmn, qui se déploie avec les"
          + " diagrammes, puis redémarrez Parcours.");
    }
    DeadlineTable table = byDefinitionId.computeIfAbsent(definition.getId(), id -> load(definition));
    inForce = new InForce(table, deployments, now);
    return table;
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
          + e.getMessage());
    }
  }
}
