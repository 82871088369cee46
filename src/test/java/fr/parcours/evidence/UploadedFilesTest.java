package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the storage cannot keep is told in French to whoever reads the log: where, why, and what to check. */
class UploadedFilesTest {

  @TempDir Path folder;

  @Test
  void shouldSayInFrenchWhereAnUploadCouldNotBeKept() throws Exception {
    // bad input: the storage's place taken by a file, so no folder can be made there (as root, rights refuse nothing)
    Path storage = Files.writeString(folder.resolve("storage"), "not a folder");
    UploadedFiles files = new UploadedFiles(new EvidenceProperties(storage, null, null, null, null, null, null));
    Path target = storage.toAbsolutePath().resolve("messages/m-1/a-1.document");

    assertThatThrownBy(() -> files.keep("messages/m-1", "a-1", ".document", "%PDF".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("Le fichier envoyé n’a pas pu être gardé en " + target + " (java.nio.file.FileSystemException: "
            + storage.toAbsolutePath().resolve("messages") + ": Not a directory) : vérifiez que ce dossier peut être"
            + " créé, que Parcours peut y écrire et que le disque n’est pas plein (réglage parcours.evidence.storage) ;"
            + " l’envoi peut ensuite être refait.");
  }
}
