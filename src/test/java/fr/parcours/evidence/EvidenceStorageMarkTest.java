package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node refuses to start on an evidence storage that is not the one the shared database's files are in. */
class EvidenceStorageMarkTest {

  @TempDir Path folder;

  /** Camunda's property table, as the database holds it. */
  final AtomicReference<String> database = new AtomicReference<>();

  EvidenceStorageMark mark(Path storage) {
    return new EvidenceStorageMark(storage, database::get, database::set);
  }

  @Test
  void shouldMarkANewStorageAndDatabaseAndAcceptTheSameStorageFromAnotherNode() throws Exception {
    Path shared = folder.resolve("shared");

    mark(shared).check();
    mark(shared).check(); // the second node, or the next start

    String written = Files.readString(shared.resolve(EvidenceStorageMark.MARK_FILE));
    assertThat(database.get()).isNotBlank().isEqualTo(written);
  }

  @Test
  void shouldRefuseANodeWhoseFolderIsItsOwn() {
    mark(folder.resolve("node-a")).check();

    assertThatThrownBy(() -> mark(folder.resolve("node-b")).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(folder.resolve("node-b").toString())
        .hasMessageContaining("parcours.evidence.storage")
        .hasMessageContaining("has no file " + EvidenceStorageMark.MARK_FILE)
        .hasMessageContaining("mount the shared evidence folder");
  }

  @Test
  void shouldRefuseAFolderMarkedForAnotherDatabase() throws Exception {
    Path other = folder.resolve("other");
    mark(other).check();
    database.set(null); // a fresh database beside it marks a second storage
    mark(folder.resolve("second")).check();

    assertThatThrownBy(() -> mark(other).check())
        .hasMessageContaining("says " + Files.readString(other.resolve(EvidenceStorageMark.MARK_FILE)))
        .hasMessageContaining("the database expects " + database.get());
  }

  @Test
  void shouldAdoptAMarkedFolderWhenTheDatabaseHasNoMarkYet() throws Exception {
    Path storage = folder.resolve("storage");
    mark(storage).check();
    String first = database.get();
    database.set(null);

    mark(storage).check();

    assertThat(database.get()).isEqualTo(first);
  }

  @Test
  void shouldRefuseAStorageThatIsAFile() throws Exception {
    Path file = Files.writeString(folder.resolve("a-file"), "not a folder");

    assertThatThrownBy(() -> mark(file).check())
        .hasMessageContaining("cannot be read and written by this node");
    assertThat(database.get()).isNull();
  }
}
