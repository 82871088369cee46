package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a send cut short leaves under .incoming goes after a day untouched; a send in progress stays. */
class IncomingSweepTest {

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  @TempDir Path storage;

  @Test
  void shouldRemoveOnlyTheSendsUntouchedForADay() throws IOException {
    Path crashed = send("crashed", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)));
    Path crashedYesterday = send("crashed-yesterday", NOW.minus(Duration.ofHours(25)), NOW.minus(Duration.ofHours(25)));
    Path inProgress = send("in-progress", NOW.minus(Duration.ofMinutes(2)), NOW.minus(Duration.ofMinutes(2)));
    // an old folder that another node still writes into: its newest file counts
    Path slowButAlive = send("slow-but-alive", NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(1)));
    Path proofs = Files.createDirectories(storage.resolve("dossier-1").resolve("1"));

    int removed = new IncomingSweep(properties()).sweep(NOW);

    assertThat(removed).isEqualTo(2);
    assertThat(crashed).doesNotExist();
    assertThat(crashedYesterday).doesNotExist();
    assertThat(inProgress).exists();
    assertThat(slowButAlive).exists();
    assertThat(proofs).as("kept sends are not under .incoming").exists();
  }

  @Test
  void shouldDoNothingWithoutAnIncomingFolder() {
    assertThat(new IncomingSweep(properties()).sweep(NOW)).isZero();
  }

  private Path send(String name, Instant folderTime, Instant newestFileTime) throws IOException {
    Path folder = Files.createDirectories(storage.resolve(".incoming").resolve(name));
    Path entry = Files.writeString(folder.resolve("entry.tmp"), "part of a proof");
    Files.setLastModifiedTime(entry, FileTime.from(newestFileTime));
    Files.setLastModifiedTime(folder, FileTime.from(folderTime));
    return folder;
  }

  private EvidenceProperties properties() {
    return new EvidenceProperties(storage, null, null, null, null, null, null);
  }
}
