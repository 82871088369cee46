package fr.parcours.clock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.parcours.deadline.RegulatoryDuration;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Keeps each clock and its ledger with the process instance, as one text variable {@code clock_<ID>}
 * in JSON: the engine's history keeps every version of it, so anyone can see later why a due date was
 * where it was.
 */
final class ClockStore {

  static final String VARIABLE_PREFIX = "clock_";

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ClockStore() {
  }

  static String variableName(String clockId) {
    return VARIABLE_PREFIX + clockId;
  }

  static RegulatoryClock load(VariableScope instance, String clockId) {
    Object stored = instance.getVariableLocal(variableName(clockId));
    return stored == null ? null : read(stored.toString(), variableName(clockId));
  }

  static void save(VariableScope instance, RegulatoryClock clock) {
    instance.setVariableLocal(variableName(clock.clockId()), toJson(clock));
  }

  static String toJson(RegulatoryClock clock) {
    Stored stored = new Stored(clock.clockId(), clock.terms().budget().toString(), clock.terms().workingDays(),
        clock.terms().zone().getId(), clock.ledger());
    try {
      return JSON.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write clock " + clock.clockId(), e);
    }
  }

  static RegulatoryClock fromJson(String json) {
    return read(json, null);
  }

  /**
   * The clock a dossier's variable holds; a value edited by hand (Cockpit lets a process owner change a variable)
   * that no longer reads, or whose ledger breaks the clock's rules, is refused naming the variable and the way back.
   */
  private static RegulatoryClock read(String json, String variable) {
    String fix = " La variable " + (variable == null ? VARIABLE_PREFIX + "…" : variable) + " du dossier a sans doute"
        + " été modifiée à la main : dans Cockpit, rendez-lui sa valeur précédente (l’historique du dossier la"
        + " garde), puis « Réessayer » sur l’incident.";
    Stored stored;
    try {
      stored = JSON.readValue(json, Stored.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Le registre d’un délai gardé dans le dossier ne se lit pas : « "
          + e.getOriginalMessage() + " »." + fix, e);
    }
    try {
      ClockTerms terms = new ClockTerms(RegulatoryDuration.parse(stored.budget()), stored.workingDays(),
          ZoneId.of(stored.zone()));
      return RegulatoryClock.of(stored.clockId(), terms, stored.ledger());
    } catch (ClockStateException e) {
      throw new ClockStateException(e.clockId(), e.state(), "Le registre gardé du délai " + e.clockId()
          + " ne se relit pas. " + e.getMessage() + fix);
    }
  }

  /** The stored form: the terms the window opened with, and its ledger. */
  record Stored(String clockId, String budget, boolean workingDays, String zone, List<ClockEntry> ledger) {
  }
}
