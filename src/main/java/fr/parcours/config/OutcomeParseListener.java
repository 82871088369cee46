package fr.parcours.config;

import fr.parcours.shared.DeploymentChecks;
import fr.parcours.shared.Outcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * An end event with the extension properties {@code outcomeVariable} and {@code outcome} (the element
 * template "Outcome of ..." in Modeler) sets that variable to that outcome when it is reached, as the
 * execution listener {@code ${execution.setVariable('pecanOutcome', 'EARLY_COVERAGE_GRANTED')}} of the older
 * versions of the diagrams does (they keep running). At deployment an outcome or a variable that no
 * {@link Outcomes} of the process declares is refused, naming the end event and the values it may take.
 */
class OutcomeParseListener extends AbstractBpmnParseListener {

  private final Supplier<List<Outcomes>> declared;

  OutcomeParseListener(Supplier<List<Outcomes>> declared) {
    this.declared = declared;
  }

  @Override
  public void parseEndEvent(Element endEventElement, ScopeImpl scope, ActivityImpl activity) {
    Map<String, String> properties = DeploymentChecks.properties(endEventElement);
    String variable = properties.get(Outcomes.VARIABLE_PROPERTY);
    String outcome = properties.get(Outcomes.VALUE_PROPERTY);
    if (variable != null && outcome != null) {
      ExecutionListener setOutcome = execution -> execution.setVariable(variable, outcome);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, setOutcome);
    }
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
    DeploymentEntity deployment = DeploymentChecks.newDeploymentOf(definition);
    if (deployment == null) {
      return;
    }
    List<Outcomes> ofProcess = declared.get().stream()
        .filter(outcomes -> outcomes.processKey().equals(definition.getKey())).toList();
    List<String> problems = new ArrayList<>();
    check(processElement, ofProcess, definition.getKey(), problems);
    DeploymentChecks.refuseIfAny(problems, definition, deployment);
  }

  private static void check(Element container, List<Outcomes> ofProcess, String processKey, List<String> problems) {
    for (Element element : container.elements()) {
      Map<String, String> properties = DeploymentChecks.properties(element);
      String variable = properties.get(Outcomes.VARIABLE_PROPERTY);
      String outcome = properties.get(Outcomes.VALUE_PROPERTY);
      String id = element.attribute("id");
      if (variable != null || outcome != null) {
        if (!"endEvent".equals(element.getTagName())) {
          problems.add("element " + id + " states an outcome but is not an end event: only an end event sets"
              + " the outcome; remove the template \"Outcome\" from it");
        } else if (ofProcess.isEmpty()) {
          problems.add("end event " + id + " states the outcome '" + outcome + "' but the process " + processKey
              + " declares no outcomes: declare them (an Outcomes bean beside its Pathway) or remove the template");
        } else {
          Outcomes outcomes = ofProcess.stream().filter(candidate -> candidate.variable().equals(variable))
              .findFirst().orElse(null);
          if (outcomes == null) {
            problems.add("end event " + id + " sets the outcome variable '" + variable + "', which is not one of "
                + ofProcess.stream().map(Outcomes::variable).toList() + " of process " + processKey
                + ": apply the template " + ofProcess.stream().map(o -> "\"" + o.label() + "\"").toList());
          } else if (outcome == null || !outcomes.values().contains(outcome)) {
            problems.add("end event " + id + " states the outcome '" + (outcome == null ? "" : outcome) + "' of "
                + variable + ", which is not one of " + outcomes.values() + ": choose one in the template \""
                + outcomes.label() + "\"");
          }
        }
      }
      check(element, ofProcess, processKey, problems);
    }
  }
}
