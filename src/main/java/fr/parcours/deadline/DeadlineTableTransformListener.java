package fr.parcours.deadline;

import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.impl.spi.transform.DmnTransformListener;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;

/**
 * Checks the deadlines table whenever it is deployed, so that a bad row fails the deployment (and the
 * start-up) with a message that names it, instead of failing a timer months later.
 */
public class DeadlineTableTransformListener implements DmnTransformListener {

  @Override
  public void transformDecision(Decision dmnDecision, DmnDecision decision) {
    if (DeadlineTable.DECISION_KEY.equals(dmnDecision.getId())) {
      DeadlineTableReader.read((DmnModelInstance) dmnDecision.getModelInstance(), "being deployed");
    }
  }

  @Override
  public void transformDecisionRequirementsGraph(Definitions definitions, DmnDecisionRequirementsGraph graph) {
    // nothing to check at the level of the graph
  }
}
