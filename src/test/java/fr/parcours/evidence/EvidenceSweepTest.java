package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What a send cut short leaves goes after a day untouched: its folder under .incoming, and proof files no proof
 * row refers to. A send in progress, and every kept proof, stay.
 */
class EvidenceSweepTest {

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

    int removed = new EvidenceSweep(properties(), store(Set.of())).sweep(NOW);

    assertThat(removed).isEqualTo(2);
    assertThat(crashed).doesNotExist();
    assertThat(crashedYesterday).doesNotExist();
    assertThat(inProgress).exists();
    assertThat(slowButAlive).exists();
    assertThat(proofs).as("kept sends are not under .incoming").exists();
  }

  @Test
  void shouldDoNothingWithoutAnIncomingFolder() {
    assertThat(new EvidenceSweep(properties(), store(Set.of())).sweep(NOW)).isZero();
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

  @Test
  void shouldRemoveOnlyOldProofFilesNoProofRefersTo() throws IOException {
    Path send = Files.createDirectories(storage.resolve("pi-1").resolve("1"));
    Path kept = old(Files.writeString(send.resolve("kept.bin"), "a proof"));
    Path orphan = old(Files.writeString(send.resolve("orphan.bin"), "moved, never committed"));
    Path justMoved = Files.writeString(send.resolve("just-moved.bin"), "a send in progress elsewhere");
    Path other = old(Files.writeString(send.resolve("notes.txt"), "not a proof file"));
    Path unpacking = old(Files.writeString(Files.createDirectories(storage.resolve(".incoming").resolve("x"))
        .resolve("part.bin"), "being unpacked"));

    int removed = new EvidenceSweep(properties(), store(Set.of(storage.relativize(kept).toString())))
        .sweepOrphanProofs(NOW);

    assertThat(removed).isEqualTo(1);
    assertThat(orphan).doesNotExist();
    assertThat(kept).exists();
    assertThat(justMoved).exists();
    assertThat(other).exists();
    assertThat(unpacking).as("the .incoming sweep's business").exists();
  }

  private static Path old(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(2))));
    return file;
  }

  /** A proof table (H2 in memory) holding a row for each of these files. */
  private static EvidenceStore store(Set<String> storedFiles) {
    DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1");
    org.flywaydb.core.Flyway.configure().dataSource(database).load().migrate(); // the tables, as at start-up
    EvidenceStore store = new EvidenceStore(new JdbcTemplate(database));
    for (String file : storedFiles) {
      store.addProof(new EvidenceStore.StoredProof(UUID.randomUUID().toString(), "pi-1", 1, "PSC_1.1.1.mp4",
          "PSC 1.1.1", "0".repeat(64), 7, file, null, null));
    }
    return store;
  }
}
