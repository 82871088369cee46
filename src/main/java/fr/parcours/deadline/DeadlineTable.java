package fr.parcours.deadline;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The response windows of one version of {@code bpmn/deadlines.dmn}, by window and pathway. A window is looked
 * up for the pathway of the dossier: its row for that pathway, else its row for every pathway, else its only
 * row; a name of the form {@code PATHWAY_WINDOW} used by diagrams before the pathway column existed finds the
 * row (WINDOW, PATHWAY).
 */
public final class DeadlineTable {

  /** The decision's key: timers, due dates and clocks look their windows up in it. */
  public static final String DECISION_KEY = "deadlines";

  private final List<DeadlineRule> rules;
  private final String version;
  private final Set<String> restartingWindows;

  DeadlineTable(List<DeadlineRule> rules, String version) {
    this.rules = List.copyOf(rules);
    this.version = version;
    this.restartingWindows = this.rules.stream()
        .filter(rule -> rule.whileWaiting() == DeadlineRule.WhileWaiting.RESTARTS)
        .flatMap(rule -> rule.pathway().isEmpty() ? Stream.of(rule.id())
            : Stream.of(rule.id(), rule.pathway() + "_" + rule.id()))
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The windows that start again when the dossier moves, for at least one pathway ("While waiting" RESTARTS),
   * under every name {@link #find(String, String)} knows them by.
   */
  public Set<String> restartingWindows() {
    return restartingWindows;
  }

  /** The window's row whatever the pathway, when one serves every pathway or it has a single row. */
  public Optional<DeadlineRule> find(String id) {
    return find(id, null);
  }

  /** The window's row for that pathway (null or "" when the dossier names none). */
  public Optional<DeadlineRule> find(String id, String pathway) {
    String wanted = pathway == null ? "" : pathway;
    List<DeadlineRule> ofWindow = rules.stream().filter(rule -> rule.id().equals(id)).toList();
    Optional<DeadlineRule> exact = ofWindow.stream().filter(rule -> rule.pathway().equals(wanted)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    Optional<DeadlineRule> every = ofWindow.stream().filter(rule -> rule.pathway().isEmpty()).findFirst();
    if (every.isPresent()) {
      return every;
    }
    if (ofWindow.size() == 1) {
      return Optional.of(ofWindow.get(0));
    }
    if (ofWindow.isEmpty()) {
      return rules.stream().filter(rule -> !rule.pathway().isEmpty() && id.equals(rule.pathway() + "_" + rule.id()))
          .findFirst();
    }
    return Optional.empty();
  }

  /** Whether some row, for some pathway, is that window. */
  public boolean names(String id) {
    return rules.stream().anyMatch(rule -> rule.id().equals(id)) || find(id, null).isPresent();
  }

  public DeadlineRule require(String id) {
    return require(id, null);
  }

  public DeadlineRule require(String id, String pathway) {
    boolean anyPathway = pathway == null || pathway.isEmpty();
    List<String> known = rules.stream().map(DeadlineRule::id).distinct().toList();
    List<String> pathways = rules.stream().filter(rule -> rule.id().equals(id)).map(DeadlineRule::pathway).toList();
    return find(id, pathway).orElseThrow(() -> new DeadlineTableException(
        "Aucun délai « " + id + " »" + (anyPathway ? "" : " pour le parcours " + pathway) + " dans la table des"
            + " délais (bpmn/deadlines.dmn" + versionSuffix() + ") : ajoutez-lui une ligne"
            + (pathways.isEmpty() ? "" : " (elle en a pour " + pathways + ")") + " ou utilisez l’un de " + known));
  }

  public Collection<DeadlineRule> rules() {
    return rules;
  }

  /** Which deployed version this is (for example "deadlines:3"), "en cours de déploiement", or "undeployed". */
  public String version() {
    return version;
  }

  private String versionSuffix() {
    return "undeployed".equals(version) ? "" : ", " + version;
  }
}
