package fr.parcours.deadline;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.impl.spi.transform.DmnTransformListener;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;

/**
 * Checks the deadlines table whenever it is deployed, so that a bad row fails the deployment (and the
 * start-up) with a message that names it, instead of failing a timer months later; and tells the
 * {@link DeadlineCatalogue} to read the table in force again.
 */
public class DeadlineTableTransformListener implements DmnTransformListener {

  @Override
  public void transformDecision(Decision dmnDecision, DmnDecision decision) {
    if (DeadlineTable.DECISION_KEY.equals(dmnDecision.getId())) {
      DeadlineTableReader.read((DmnModelInstance) dmnDecision.getModelInstance(), "en cours de déploiement");
      DeadlineCatalogue.tableDeployed();
    }
  }

  @Override
  public void transformDecisionTableInput(Input input, DmnDecisionTableInputImpl decisionTableInput) {
    // checked with the whole table
  }

  @Override
  public void transformDecisionTableOutput(Output output, DmnDecisionTableOutputImpl decisionTableOutput) {
    // checked with the whole table
  }

  @Override
  public void transformDecisionTableRule(Rule rule, DmnDecisionTableRuleImpl decisionTableRule) {
    // checked with the whole table
  }

  @Override
  public void transformDecisionRequirementsGraph(Definitions definitions, DmnDecisionRequirementsGraph graph) {
    // nothing to check at the level of the graph
  }
}
