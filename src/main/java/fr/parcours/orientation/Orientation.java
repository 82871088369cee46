package fr.parcours.orientation;

import fr.parcours.shared.BadInputException;
import fr.parcours.transitional.AnsWindows;
import fr.parcours.transitional.WindowPhases;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The orientation of a device before any candidature (seed 003, step A and step 1): the vendor's answers go to the
 * decisions of {@code bpmn/orientation.dmn}, evaluated by the engine (so each evaluation is in the decision
 * history, with its inputs and outputs), which name the pathway that fits and the prerequisites still missing; then,
 * with that pathway and the phase of the ANS certification window today (seed 004), the candidature to start now:
 * the transitional one while the window is in its transitional phase, where every nominal pathway is refused.
 * The rules are the process owners', in Modeler; this class only checks the answers and reads the results.
 */
@Lazy
@Service
public class Orientation {

  public static final String PATHWAY_DECISION = "orientationPathway";
  public static final String PREREQUISITES_DECISION = "orientationPrerequisites";
  public static final String ENTRY_DECISION = "orientationEntry";
  /** The entry decision's input: the phase of the ANS window today ({@link AnsWindows.Mode}'s name). */
  public static final String WINDOW_PHASE = "ansWindowPhase";
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
   * The ANS certification window the nominal pathways are held to, as it stands today.
   *
   * @param label its French name
   * @param labelEn its English name
   * @param phase its phase today ({@link AnsWindows.Mode}'s name)
   * @param nominalOpensOn the day its nominal phase opens, once the catalogue or the ANS gives it; else null
   */
  public record WindowToday(String label, String labelEn, String phase, LocalDate nominalOpensOn) {
  }

  /**
   * What the decisions answered: the pathway that fits (its process key, or {@value #NONE}), why, the missing
   * prerequisites, the candidature to start now ({@code start}: the pathway, {@code ans-transitional} while the ANS
   * window is transitional, or {@value #NONE}) with what the page says of the window's phase ({@code phaseNote},
   * null in the nominal phase) and the window (null when the catalogue holds the nominal pathways to none), and
   * whether the vendor can start it now (its process is deployed and nothing blocking is missing).
   */
  public record Result(String pathway, String reason, List<Prerequisite> prerequisites, String start,
      String phaseNote, WindowToday window, boolean deployed) {
    public boolean blocked() {
      return prerequisites.stream().anyMatch(Prerequisite::blocking);
    }

    public boolean startable() {
      return deployed && !blocked() && !NONE.equals(start);
    }

    /** Whether the vendor starts something else than the pathway that fits (the transitional candidature). */
    public boolean detour() {
      return !NONE.equals(pathway) && !pathway.equals(start);
    }
  }

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final WindowPhases phases;

  Orientation(DecisionService decisions, RepositoryService repository, WindowPhases phases) {
    this.decisions = decisions;
    this.repository = repository;
    this.phases = phases;
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
    WindowToday window = phases.current().nominalTrack().map(w -> new WindowToday(w.label(),
        w.labelEn(), w.modeOn(phases.today()).name(), w.nominalOpensOn())).orElse(null);
    DmnDecisionResult entry = decisions.evaluateDecisionByKey(ENTRY_DECISION).variables(Map.of("pathway", key,
        WINDOW_PHASE, window == null ? AnsWindows.Mode.NOMINAL.name() : window.phase())).evaluate();
    String start = (String) entry.getFirstResult().get("start");
    String note = (String) entry.getFirstResult().get("phaseNote");
    boolean deployed = !NONE.equals(start) && repository.createProcessDefinitionQuery().processDefinitionKey(start)
        .latestVersion().active().count() > 0;
    return new Result(key, reason, prerequisites, start, note == null || note.isBlank() ? null : note, window,
        deployed);
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
