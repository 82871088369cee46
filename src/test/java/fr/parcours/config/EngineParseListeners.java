package fr.parcours.config;

import fr.parcours.clock.Clocks;
import fr.parcours.shared.Outcomes;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;

/** The application's parse listeners ({@link ParcoursEnginePlugin#parseListeners}) for an engine built by a test. */
public final class EngineParseListeners {

  private EngineParseListeners() {
  }

  public static List<BpmnParseListener> of(Supplier<Clocks> clocks, List<Outcomes> outcomes) {
    return ParcoursEnginePlugin.parseListeners(clocks, () -> outcomes);
  }
}
