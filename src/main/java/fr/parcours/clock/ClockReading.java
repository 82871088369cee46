package fr.parcours.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a regulatory clock says at a given instant.
 *
 * @param clockId the clock
 * @param state its state
 * @param startedAt start of the current cycle (last start or restart); null if not started
 * @param dueAt when the window has passed: 00:00 (Paris) the day after its last day, the instant a timer
 *     fires; null if not started
 * @param pausedTime the whole days the pauses took out of the window (by date, see
 *     {@link fr.parcours.deadline.FrenchTimeLimits})
 * @param remaining time from now (or from the stop, for a stopped clock) to the due instant;
 *     negative when overdue; null if not started
 * @param overdue whether now (or the stop) is at or after the due instant
 * @param lastDay the last day on which the window still runs, included; null if not started
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
    List<Pause> pauses,
    LocalDate lastDay) {

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
