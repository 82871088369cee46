package fr.parcours.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a regulatory clock says at a given instant.
 *
 * @param clockId the clock
 * @param state its state
 * @param startedAt start of the current cycle (last start or restart); null if not started
 * @param dueAt the due instant; null if not started
 * @param pausedTime the paused time counted in the current cycle
 * @param remaining time from now (or from the stop, for a stopped clock) to the due instant;
 *     negative when overdue; null if not started
 * @param overdue whether now (or the stop) is after the due instant
 * @param pauses the pauses counted in the current cycle, clipped to its start
 */
public record ClockReading(
    String clockId,
    ClockState state,
    Instant startedAt,
    Instant dueAt,
    Duration pausedTime,
    Duration remaining,
    boolean overdue,
    List<Pause> pauses) {

  public ClockReading {
    pauses = List.copyOf(pauses);
  }

  /**
   * A counted pause.
   *
   * @param from when it began counting (never before the cycle start)
   * @param to when it ended (resume or stop); null while it is still open
   * @param reason why the clock was paused
   */
  public record Pause(Instant from, Instant to, String reason) {
  }
}
