package fr.parcours.config;

import org.junit.jupiter.api.Test;

/** {@link Crashes} on the demo's default database, the H2 file in a folder of its own. */
class CrashIT extends Crashes {

  @Test
  void shouldLoseNothingAcknowledgedOnTheDefaultDatabase() throws Exception {
    crashAndCheck();
  }
}
