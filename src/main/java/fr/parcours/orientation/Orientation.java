package fr.parcours.orientation;

import fr.parcours.shared.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/**
 * The orientation of a device before any candidature (seed 003, step A and step 1): the vendor's answers go to the
 * two decisions of {@code bpmn/orientation.dmn}, evaluated by the engine (so each evaluation is in the decision
 * history, with its inputs and outputs), which name the pathway that fits and the prerequisites still missing.
 * The rules are the process owners', in Modeler; this class only checks the answers and reads the results.
 */
@Service
public class Orientation {

  public static final String PATHWAY_DECISION = "orientationPathway";
  public static final String PREREQUISITES_DECISION = "orientationPrerequisites";
  /** The decision's answer when no pathway fits yet. */
  public static final String NONE = "NONE";

  /**
   * The questions, in the page's order: variable name, then the French question a refusal names, read from the words
   * the page shows ({@code orientation.q.<name>} in {@code i18n/dossiers.properties}): one text, never two versions.
   */
  public static final Map<String, String> QUESTIONS = new LinkedHashMap<>();

  static {
    java.util.ResourceBundle words = java.util.ResourceBundle.getBundle("i18n/dossiers", Locale.ROOT);
    for (String name : List.of("ceMarked", "hostsHealthData", "hdsCertified", "identityReferential",
        "cndaHomologated", "matchesGenericLine", "particularIndication", "telemonitoringOrTherapeutic",
        "earlyCoverageEligible")) {
      QUESTIONS.put(name, words.getString("orientation.q." + name));
    }
  }

  /** A prerequisite still missing: its code (CE_MARKING, HDS, CNDA), whether it blocks every pathway, the advice. */
  public record Prerequisite(String code, boolean blocking, String advice) {
  }

  /**
   * What the decisions answered: the pathway's process key (or {@value #NONE}), why, the missing prerequisites,
   * and whether the vendor can start the pathway now (its process is deployed and nothing blocking is missing).
   */
  public record Result(String pathway, String reason, List<Prerequisite> prerequisites, boolean deployed,
      String pathwayName) {
    public boolean blocked() {
      return prerequisites.stream().anyMatch(Prerequisite::blocking);
    }

    public boolean startable() {
      return deployed && !blocked() && !NONE.equals(pathway);
    }
  }

  private final DecisionService decisions;
  private final RepositoryService repository;

  Orientation(DecisionService decisions, RepositoryService repository) {
    this.decisions = decisions;
    this.repository = repository;
  }

  /**
   * Reads the answers ("yes" or "no" to every question) and asks the decisions. Refused, nothing evaluated: an
   * answer missing, or one that is neither yes nor no; every problem is named at once.
   */
  public Result orient(Map<String, String> answers) {
    Map<String, Object> variables = read(answers);
    DmnDecisionResult pathway = decisions.evaluateDecisionByKey(PATHWAY_DECISION).variables(variables).evaluate();
    DmnDecisionResult missing = decisions.evaluateDecisionByKey(PREREQUISITES_DECISION).variables(variables)
        .evaluate();
    String key = pathway.getFirstResult().getEntry("pathway");
    String reason = pathway.getFirstResult().getEntry("reason");
    List<Prerequisite> prerequisites = missing.getResultList().stream()
        .map(row -> new Prerequisite((String) row.get("prerequisite"), Boolean.TRUE.equals(row.get("blocking")),
            (String) row.get("advice"))).toList();
    ProcessDefinition definition = NONE.equals(key) ? null : repository.createProcessDefinitionQuery()
        .processDefinitionKey(key).latestVersion().active().singleResult();
    return new Result(key, reason, prerequisites, definition != null,
        definition == null || definition.getName() == null ? null : definition.getName());
  }

  static Map<String, Object> read(Map<String, String> answers) {
    Map<String, Object> variables = new LinkedHashMap<>();
    List<String> unanswered = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    QUESTIONS.forEach((name, question) -> {
      String answer = answers.get(name);
      String value = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
      switch (value) {
        case "yes", "oui", "true" -> variables.put(name, true);
        case "no", "non", "false" -> variables.put(name, false);
        case "" -> unanswered.add("« " + question + " »");
        default -> problems.add("La réponse « " + shown(answer) + " » à « " + question + " » n’est pas permise :"
            + " répondez oui ou non.");
      }
    });
    if (unanswered.size() == 1) {
      problems.add(0, unanswered.get(0) + " est sans réponse : répondez oui ou non.");
    } else if (!unanswered.isEmpty()) {
      problems.add(0, unanswered.size() + " questions sont sans réponse : répondez oui ou non à chacune, "
          + String.join(", ", unanswered) + ".");
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(String.join(" ", problems));
    }
    return variables;
  }

  private static String shown(String answer) {
    String trimmed = answer.strip();
    return trimmed.length() > 40 ? trimmed.substring(0, 40) + "…" : trimmed;
  }
}
