package fr.parcours.pecan;

import fr.parcours.clock.Clocks;
import fr.parcours.device.DeviceRecords;
import fr.parcours.dossier.MessageToCalledTracks;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * PECAN's own beans for a bare engine (the simulator's baseline): those that steer the diagram are the real ones,
 * as in {@link PecanPathwayTest} (the intake, the readiness of both files, the message to the tracks, the early
 * coverage's dates from the clocks given); the task checks let everything through and the device records are a mock.
 */
public final class PecanBareGlue {

  private PecanBareGlue() {
  }

  public static Map<String, Object> beans(Clocks clocks) {
    return Map.of("pecanIntake", new PecanIntake(), "fileReadiness", new FileReadiness(),
        "earlyCoverage", new EarlyCoverage(clocks, org.mockito.Mockito.mock(DeviceRecords.class), "Europe/Paris"),
        "messageToCalledTracks", new MessageToCalledTracks(), "pecanTaskChecks", (TaskListener) task -> { });
  }
}
