package fr.parcours.device;

/** The addresses and names that {@code /devices} shares with the cycle actions it posts to (package devicelife). */
public final class DevicePaths {

  public static final String DEVICES = "/devices";
  /** Where a certificate's cycle action posts. */
  public static final String CYCLES = "/devices/cycles";
  /** The session attribute of the page's token for those posts. */
  public static final String CYCLE_CSRF = "cycleCsrf";
  /** The flash attribute that carries a refusal back to /devices. */
  public static final String CYCLE_PROBLEM = "cycleProblem";

  private DevicePaths() {
  }
}
