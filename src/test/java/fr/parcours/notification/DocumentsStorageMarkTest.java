package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node refuses to start on a documents folder that is not the one the shared database's documents are in: a mail
 * retried on that node would find the document's row and no file (the rule itself: {@code StorageMarkTest} through
 * {@code EvidenceStorageMarkTest}; here its words for the documents).
 */
class DocumentsStorageMarkTest {

  @TempDir Path folder;

  final AtomicReference<String> database = new AtomicReference<>();

  DocumentsStorageMark mark(Path storage) {
    return new DocumentsStorageMark(storage, database::get, database::set);
  }

  @Test
  void shouldAcceptTheSharedFolderFromEveryNodeAndRefuseAFolderOfItsOwnNamingTheDocumentsSetting() throws Exception {
    Path shared = folder.resolve("shared");
    mark(shared).afterPropertiesSet();
    mark(shared).afterPropertiesSet(); // the second node, or the next start
    assertThat(Files.readString(shared.resolve(DocumentsStorageMark.MARK_FILE))).isEqualTo(database.get());

    Path own = folder.resolve("node-b");
    assertThatThrownBy(() -> mark(own).afterPropertiesSet())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le stockage des documents " + own + " (réglage parcours.documents.storage) n’est pas celui où"
            + " cette base a écrit les documents des dossiers : il n’a pas de fichier .parcours-documents-storage, la"
            + " base attend " + database.get() + ". Tous les nœuds qui partagent la base doivent lire et écrire le"
            + " même dossier : montez le dossier partagé des documents en " + own + ", ou donnez à"
            + " parcours.documents.storage l’endroit où il est monté, puis redémarrez. Un dossier restauré depuis une"
            + " sauvegarde doit garder son fichier .parcours-documents-storage.");
  }

  @Test
  void shouldRefuseAFolderThatCannotBeWrittenNamingIt() throws Exception {
    Path notAFolder = Files.writeString(folder.resolve("a-file"), "x");
    assertThatThrownBy(() -> mark(notAFolder).afterPropertiesSet())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Le stockage des documents " + notAFolder + " (réglage parcours.documents.storage)"
            + " ne peut pas être lu et écrit par ce nœud (")
        .hasMessageEndingWith(") : créez ce dossier et donnez à l’utilisateur qui lance Parcours le droit d’y lire"
            + " et d’y écrire, puis redémarrez.");
    assertThat(database.get()).as("nothing marked").isNull();
  }
}
