package fr.parcours.clock;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a regulatory clock's ledger.
 *
 * @param kind what happened
 * @param at when it happened (UTC instant)
 * @param reason why, shown to reviewers; required for pauses and restarts, may be null otherwise
 * @param actor who recorded it (user or system id); may be null
 */
public record ClockEntry(Kind kind, Instant at, String reason, String actor) {

  /** What happened to the clock. */
  public enum Kind {
    STARTED, PAUSED, RESUMED, RESTARTED, STOPPED
  }

  public ClockEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }
}
