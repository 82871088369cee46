package fr.parcours.deadline;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The response windows of one version of {@code bpmn/deadlines.dmn}, by id. */
public final class DeadlineTable {

  /** The decision's key: timers, due dates and clocks look their windows up in it. */
  public static final String DECISION_KEY = "deadlines";

  private final Map<String, DeadlineRule> rules;
  private final String version;

  DeadlineTable(List<DeadlineRule> rules, String version) {
    Map<String, DeadlineRule> byId = new LinkedHashMap<>();
    rules.forEach(rule -> byId.put(rule.id(), rule));
    this.rules = Collections.unmodifiableMap(byId);
    this.version = version;
  }

  public Optional<DeadlineRule> find(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  public DeadlineRule require(String id) {
    return find(id).orElseThrow(() -> new DeadlineTableException(
        "No response window '" + id + "' in the deadlines table (bpmn/deadlines.dmn" + versionSuffix()
            + "): add a row for it or use one of " + rules.keySet()));
  }

  public Collection<DeadlineRule> rules() {
    return rules.values();
  }

  /** Which deployed version this is (for example "deadlines:3"), or "undeployed". */
  public String version() {
    return version;
  }

  private String versionSuffix() {
    return "undeployed".equals(version) ? "" : ", " + version;
  }
}
