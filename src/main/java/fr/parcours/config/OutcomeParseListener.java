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
      String named = DeploymentChecks.named(element);
      if (variable != null || outcome != null) {
        if (!"endEvent".equals(element.getTagName())) {
          problems.add("l’élément " + named + " dit une issue mais n’est pas un événement de fin : seul un"
              + " événement de fin dit comment le processus se termine ; retirez-lui le modèle d’élément « Outcome"
              + " of … »");
        } else if (ofProcess.isEmpty()) {
          problems.add("l’événement de fin " + named + " dit l’issue « " + outcome + " », mais le processus « "
              + processKey + " » n’a pas d’issues déclarées : retirez-lui le modèle d’élément « Outcome of … », ou"
              + " demandez aux développeurs de déclarer ses issues (un bean Outcomes à côté de son Pathway)");
        } else {
          Outcomes outcomes = ofProcess.stream().filter(candidate -> candidate.variable().equals(variable))
              .findFirst().orElse(null);
          if (outcomes == null) {
            problems.add("l’événement de fin " + named + " a le modèle d’élément d’un autre processus (il fixe la"
                + " variable « " + variable + " », qui n’est pas celle des issues du processus « " + processKey
                + " », " + quoted(ofProcess.stream().map(Outcomes::variable).toList()) + ") : appliquez-lui le"
                + " modèle d’élément " + quoted(ofProcess.stream().map(Outcomes::label).toList()));
          } else if (outcome == null || !outcomes.values().contains(outcome)) {
            problems.add("l’événement de fin " + named + " dit l’issue « " + (outcome == null ? "" : outcome)
                + " », qui n’est pas l’une de celles de « " + variable + " » (" + String.join(", ", outcomes.values())
                + ") : choisissez-en une dans le champ « Outcome » du modèle d’élément « " + outcomes.label() + " »");
          }
        }
      }
      check(element, ofProcess, processKey, problems);
    }
  }

  /** « a » ou « b », as a sentence lists choices. */
  private static String quoted(List<String> names) {
    return names.stream().map(name -> "« " + name + " »").reduce((a, b) -> a + " ou " + b).orElse("");
  }
}
