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

    Path own = folder.resolve("node-b");
    assertThatThrownBy(() -> mark(own).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le stockage des preuves " + own + " (réglage parcours.evidence.storage) n’est pas celui où"
            + " cette base a écrit ses fichiers de preuves : il n’a pas de fichier " + EvidenceStorageMark.MARK_FILE
            + ", la base attend " + database.get() + ". Tous les nœuds qui partagent la base doivent lire et écrire"
            + " le même dossier : montez le dossier partagé des preuves en " + own + ", ou donnez à"
            + " parcours.evidence.storage l’endroit où il est monté, puis redémarrez. Un dossier restauré depuis une"
            + " sauvegarde doit garder son fichier " + EvidenceStorageMark.MARK_FILE + ".");
  }

  @Test
  void shouldRefuseAFolderMarkedForAnotherDatabase() throws Exception {
    Path other = folder.resolve("other");
    mark(other).check();
    database.set(null); // a fresh database beside it marks a second storage
    mark(folder.resolve("second")).check();

    assertThatThrownBy(() -> mark(other).check())
        .hasMessageContaining(" : son fichier " + EvidenceStorageMark.MARK_FILE + " dit "
            + Files.readString(other.resolve(EvidenceStorageMark.MARK_FILE)) + ", la base attend " + database.get()
            + ". ");
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

    // bad input: the setting names a file, not a folder (as root here, a folder without rights is no refusal)
    assertThatThrownBy(() -> mark(file).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le stockage des preuves " + file + " (réglage parcours.evidence.storage) ne peut pas être lu"
            + " et écrit par ce nœud (java.nio.file.FileAlreadyExistsException: " + file + ") : créez ce dossier"
            + " et donnez à l’utilisateur qui lance Parcours le droit d’y lire et d’y écrire, puis redémarrez.");
    assertThat(database.get()).isNull();
  }
}
