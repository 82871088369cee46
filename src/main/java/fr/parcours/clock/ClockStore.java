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
    return stored == null ? null : fromJson(stored.toString());
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
    try {
      Stored stored = JSON.readValue(json, Stored.class);
      ClockTerms terms = new ClockTerms(RegulatoryDuration.parse(stored.budget()), stored.workingDays(),
          ZoneId.of(stored.zone()));
      return RegulatoryClock.of(stored.clockId(), terms, stored.ledger());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read a stored clock: " + e.getOriginalMessage(), e);
    }
  }

  /** The stored form: the terms the window opened with, and its ledger. */
  record Stored(String clockId, String budget, boolean workingDays, String zone, List<ClockEntry> ledger) {
  }
}
