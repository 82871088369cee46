package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One document per notification, one file per document. The same notification drawn twice at once (its mail job run
 * again on another node while the first still ran) kept the winner's row and left the loser's PDF in the storage for
 * ever, its job failing on the database's refusal; a document that cannot be recorded left its file too. Now the loser
 * answers with the winner's document and removes its own file; no half-written file is left under a document's name.
 */
class DossierDocumentsTest {

  @TempDir Path storage;

  @Test
  void shouldAnswerWithTheDocumentKeptMeanwhileAndLeaveOneFile() throws IOException {
    DossierDocuments documents = documents();
    String key = "notification-1";

    DossierDocuments.Drawn second = documents.keep(key, "pi-1", "DMN-2026-AAAAA", "certificate", () -> {
      // while this one draws, the other run of the same step draws and keeps its own
      documents.keep(key, "pi-1", "DMN-2026-AAAAA", "certificate", () -> pdf("first.pdf", "%PDF first"));
      return pdf("second.pdf", "%PDF second");
    });

    assertThat(second.fileName()).isEqualTo("first.pdf");
    assertThat(new String(second.pdf(), StandardCharsets.UTF_8)).isEqualTo("%PDF first");
    assertThat(files()).as("the one document's file, no other, no part").hasSize(1)
        .allMatch(file -> file.getFileName().toString().endsWith(".pdf"));
    assertThat(documents.ofInstances(List.of("pi-1"))).hasSize(1);
  }

  @Test
  void shouldKeepTheDocumentOnceAndAnswerItAgainWithoutDrawingIt() throws IOException {
    DossierDocuments documents = documents();

    documents.keep("notification-2", "pi-2", "DMN-2026-BBBBB", "decision", () -> pdf("decision.pdf", "%PDF once"));
    DossierDocuments.Drawn again = documents.keep("notification-2", "pi-2", "DMN-2026-BBBBB", "decision", () -> {
      throw new AssertionError("drawn again");
    });

    assertThat(new String(again.pdf(), StandardCharsets.UTF_8)).isEqualTo("%PDF once");
    assertThat(files()).hasSize(1);
  }

  /**
   * A write that fails leaves nothing: here the move into place, onto a name a folder holds (a full disk fails the
   * write the same way). The temporary part stayed in the documents' folder, which no sweep covers.
   */
  @Test
  void shouldLeaveNoPartWhenTheDocumentCannotBeWritten() throws IOException {
    Path file = storage.resolve("DMN-2026-CCCCC").resolve("taken.pdf");
    Files.createDirectories(file);
    Files.writeString(file.resolve("inside"), "a folder where the document goes");

    assertThatThrownBy(() -> DossierDocuments.writeWhole(file, "%PDF".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);

    assertThat(files()).as("only what was there before, no part").containsExactly(file.resolve("inside"));
  }

  /**
   * A node killed while writing a document left its part ({@code drawing*.part}) in the documents' folder for ever:
   * no sweep covered that folder. Now the start removes the parts untouched for a day; a part written an hour ago
   * (another node of the cluster still drawing, or a slow disk), a kept document however old, and a file that is no
   * document's part stay.
   */
  @Test
  void shouldRemoveAtStartOnlyThePartsOfDocumentsUntouchedForADay() throws IOException {
    DossierDocuments documents = documents();
    documents.keep("notification-5", "pi-5", "DMN-2026-EEEEE", "decision", () -> pdf("decision.pdf", "%PDF kept"));
    Path kept = aged(files().get(0), Duration.ofDays(30));
    Path folder = kept.getParent();
    Path killed = aged(Files.writeString(folder.resolve("drawing123.part"), "%PDF half"), Duration.ofHours(25));
    Path elsewhere = aged(Files.writeString(Files.createDirectories(storage.resolve("_")).resolve("drawing9.part"),
        "%PDF half, no dossier"), Duration.ofDays(3));
    Path beingWritten = aged(Files.writeString(folder.resolve("drawing456.part"), "%PDF being"), Duration.ofHours(1));
    Path notAPart = aged(Files.writeString(folder.resolve("notes.txt"), "no part"), Duration.ofDays(3));
    Path uploadPart = aged(Files.writeString(folder.resolve("upload7.part"), "another sweep's"), Duration.ofDays(3));

    int removed = documents.removeUnfinishedParts(NOW);

    assertThat(removed).isEqualTo(2);
    assertThat(killed).doesNotExist();
    assertThat(elsewhere).doesNotExist();
    assertThat(kept).exists();
    assertThat(beingWritten).exists();
    assertThat(notAPart).exists();
    assertThat(uploadPart).exists();
    assertThat(documents(storage.resolve("never-made")).removeUnfinishedParts(NOW)).isZero();
  }

  private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");

  private static Path aged(Path file, Duration age) throws IOException {
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(NOW.minus(age)));
    return file;
  }

  @Test
  void shouldSayInFrenchWhereADocumentCouldNotBeKeptAndWhichFileIsMissing() throws IOException {
    // bad inputs: the storage's place taken by a file, so no folder can be made there; a kept file deleted by hand
    Path taken = storage.resolve("taken");
    Files.writeString(taken, "not a folder");
    DossierDocuments blocked = documents(taken);
    assertThatThrownBy(() -> blocked.keep("notification-3", "pi-3", "DMN-2026-CCCCC", "decision",
        () -> pdf("decision.pdf", "%PDF")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessage("Le document decision.pdf du dossier DMN-2026-CCCCC n’a pas pu être gardé dans "
            + taken.resolve("DMN-2026-CCCCC") + " (java.nio.file.FileSystemException: " + taken.resolve("DMN-2026-CCCCC")
            + ": Not a directory) : vérifiez que ce dossier peut être créé, que Parcours peut y écrire et que le"
            + " disque n’est pas plein (réglage parcours.documents.storage), puis, dans Cockpit, « Réessayer » sur"
            + " l’incident.");

    DossierDocuments documents = documents();
    documents.keep("notification-4", "pi-4", "DMN-2026-DDDDD", "decision", () -> pdf("decision.pdf", "%PDF"));
    DossierDocuments.Document kept = documents.ofInstances(List.of("pi-4")).get(0);
    for (Path file : files()) {
      Files.delete(file);
    }
    assertThatThrownBy(() -> documents.content(kept))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessage("Le fichier du document decision.pdf (" + kept.id() + ") du dossier DMN-2026-DDDDD manque dans "
            + storage + " (réglage parcours.documents.storage) : restaurez-le depuis la sauvegarde.");
  }

  private static DossierDocuments.Drawn pdf(String name, String content) {
    return new DossierDocuments.Drawn(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(storage)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  private DossierDocuments documents() {
    return documents(storage);
  }

  private static DossierDocuments documents(Path storage) {
    DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1");
    org.flywaydb.core.Flyway.configure().dataSource(database).load().migrate();
    return new DossierDocuments(new JdbcTemplate(database), new DataSourceTransactionManager(database), storage);
  }
}
