package fr.parcours.clock;

/** A transition that the clock's current state does not allow, or dated before its last entry. */
public class ClockStateException extends RuntimeException {

  private final String clockId;
  private final ClockState state;

  ClockStateException(String clockId, ClockState state, String message) {
    super(message);
    this.clockId = clockId;
    this.state = state;
  }

  public String clockId() {
    return clockId;
  }

  /** The state the clock was in when the transition was refused. */
  public ClockState state() {
    return state;
  }
}
