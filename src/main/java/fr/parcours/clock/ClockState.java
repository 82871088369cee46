package fr.parcours.clock;

/** Where a regulatory clock stands. */
public enum ClockState {
  NOT_STARTED, RUNNING, PAUSED, STOPPED
}
