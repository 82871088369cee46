package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    int removed = sweep(Set.of(), Set.of()).sweep(NOW);

    assertThat(removed).isEqualTo(2);
    assertThat(crashed).doesNotExist();
    assertThat(crashedYesterday).doesNotExist();
    assertThat(inProgress).exists();
    assertThat(slowButAlive).exists();
    assertThat(proofs).as("kept sends are not under .incoming").exists();
  }

  @Test
  void shouldDoNothingWithoutAnIncomingFolder() {
    assertThat(sweep(Set.of(), Set.of()).sweep(NOW)).isZero();
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

    int removed = sweep(Set.of(storage.relativize(kept).toString()), Set.of())
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

  /**
   * A Kbis extract kept before a crash whose row was never committed (the file written, then the node killed): it
   * stayed for ever, as the sweep removed only proof files. Now it goes after a day, as does an upload part never
   * moved into place; a kept document, one just written, and the dossier's other files stay.
   */
  @Test
  void shouldRemoveOnlyOldCompanyDocumentsNoRowRefersToAndUnmovedParts() throws IOException {
    Path folder = Files.createDirectories(storage.resolve("pi-1").resolve("documents"));
    Path kept = old(Files.writeString(folder.resolve("kept.document"), "%PDF a Kbis"));
    Path orphan = old(Files.writeString(folder.resolve("orphan.document"), "%PDF written, row never committed"));
    Path justWritten = Files.writeString(folder.resolve("just-written.document"), "%PDF a send in progress");
    Path part = old(Files.writeString(folder.resolve("upload123.part"), "%PDF half"));
    Path proof = old(Files.writeString(Files.createDirectories(storage.resolve("pi-1").resolve("1"))
        .resolve("kept.bin"), "a proof"));

    int removed = sweep(Set.of(storage.relativize(proof).toString()), Set.of(storage.relativize(kept).toString()))
        .sweepOrphanProofs(NOW);

    assertThat(removed).isEqualTo(2);
    assertThat(orphan).doesNotExist();
    assertThat(part).doesNotExist();
    assertThat(kept).exists();
    assertThat(justWritten).exists();
    assertThat(proof).exists();
  }

  /** A sweep over proof and document tables (H2 in memory) holding a row for each of these files. */
  private EvidenceSweep sweep(Set<String> proofFiles, Set<String> documentFiles) {
    DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1");
    org.flywaydb.core.Flyway.configure().dataSource(database).load().migrate(); // the tables, as at start-up
    JdbcTemplate jdbc = new JdbcTemplate(database);
    EvidenceStore store = new EvidenceStore(jdbc);
    for (String file : proofFiles) {
      store.addProof(new EvidenceStore.StoredProof(UUID.randomUUID().toString(), "pi-1", 1, "PSC_1.1.1.mp4",
          "PSC 1.1.1", "0".repeat(64), 7, file, null, null));
    }
    for (String file : documentFiles) {
      jdbc.update("insert into parcours_company_document (id, process_instance_id, kind, file_name, content_type,"
          + " sha256, size_bytes, stored_file, sent_at, sent_by) values (?, 'pi-1', 'KBIS', 'kbis.pdf',"
          + " 'application/pdf', ?, 11, ?, CURRENT_TIMESTAMP, 'alice')", UUID.randomUUID().toString(), "0".repeat(64),
          file);
    }
    return new EvidenceSweep(properties(), store, new CompanyDocuments(jdbc, properties()), List.of(attachments));
  }

  /** The message attachments a committed row refers to, as the dossier page's feature tells them. */
  private Set<String> keptAttachments = Set.of();

  private final KeptFiles attachments = new KeptFiles() {
    @Override
    public String suffix() {
      return ".attachment";
    }

    @Override
    public String foldersOfOneWrite() {
      return "messages";
    }

    @Override
    public Set<String> storedFiles() {
      if (keptAttachments == null) {
        throw new org.springframework.jdbc.BadSqlGrammarException("read", "SELECT stored_file FROM parcours_message_attachment",
            new java.sql.SQLException("Table \"PARCOURS_MESSAGE_ATTACHMENT\" not found"));
      }
      return keptAttachments;
    }
  };

  /**
   * A message's attachment written before a crash whose row was never committed (the files are written, then the
   * rows): it stayed for ever, since the sweep knew only proofs and company documents. Now a feature that keeps files
   * tells which its rows refer to, and the others with its suffix go after a day; a referred one, one just written,
   * and a proof or document of the same name but another suffix stay.
   */
  @Test
  void shouldRemoveOnlyOldFilesOfAnotherFeatureNoneOfItsRowsRefersTo() throws IOException {
    Path folder = Files.createDirectories(storage.resolve("messages").resolve("m-1"));
    Path kept = old(Files.writeString(folder.resolve("a-1.attachment"), "%PDF joined to a kept message"));
    Path orphan = old(Files.writeString(folder.resolve("a-2.attachment"), "%PDF written, rows never committed"));
    Path justWritten = Files.writeString(folder.resolve("a-3.attachment"), "%PDF a post in progress");
    Path notAnAttachment = old(Files.writeString(folder.resolve("a-4.txt"), "no feature's suffix"));
    keptAttachments = Set.of(storage.relativize(kept).toString());

    int removed = sweep(Set.of(), Set.of()).sweepOrphanProofs(NOW);

    assertThat(removed).isEqualTo(1);
    assertThat(orphan).doesNotExist();
    assertThat(kept).exists();
    assertThat(justWritten).exists();
    assertThat(notAnAttachment).exists();
  }

  /**
   * A feature whose rows cannot be read (a database started without its migrations: the previous version's, made by
   * MigrationsIT, has no message attachment table) keeps all its files, and the start goes on: the sweep stopped the
   * application's start there.
   */
  @Test
  void shouldKeepEveryFileOfAFeatureWhoseRowsCannotBeRead() throws IOException {
    Path folder = Files.createDirectories(storage.resolve("messages").resolve("m-1"));
    Path attachment = old(Files.writeString(folder.resolve("a-1.attachment"), "%PDF no row can tell"));
    keptAttachments = null;

    int removed = sweep(Set.of(), Set.of()).sweepOrphanProofs(NOW);

    assertThat(removed).isZero();
    assertThat(attachment).exists();
  }

  /**
   * A message's folder whose attachments were all orphans stayed, empty, after the sweep removed them; so did the
   * folder of a post that failed (it removes its files, not its folder). Now a message's folder left empty goes, if
   * its own last change was a day before the sweep; one made an hour ago (a post in progress on another node, its
   * files not yet written), one still holding a kept file, the messages' folder itself, and an empty folder of another
   * kind (a send's, whose number a later send may write into again) stay.
   */
  @Test
  void shouldRemoveTheMessagesFoldersLeftEmptyAndUntouchedForADay() throws IOException {
    Path messages = storage.resolve("messages");
    Path orphansOnly = Files.createDirectories(messages.resolve("m-1"));
    old(Files.writeString(orphansOnly.resolve("a-1.attachment"), "%PDF rows never committed"));
    old(orphansOnly);
    Path failedPost = old(Files.createDirectories(messages.resolve("m-2")));
    Path justMade = Files.createDirectories(messages.resolve("m-3"));
    Path stillKept = Files.createDirectories(messages.resolve("m-4"));
    Path kept = old(Files.writeString(stillKept.resolve("a-4.attachment"), "%PDF joined to a kept message"));
    old(stillKept);
    Path emptySend = old(Files.createDirectories(storage.resolve("pi-1").resolve("2")));
    keptAttachments = Set.of(storage.relativize(kept).toString());
    old(messages);

    int removed = sweep(Set.of(), Set.of()).sweepOrphanProofs(NOW);

    assertThat(removed).as("files").isEqualTo(1);
    assertThat(orphansOnly).doesNotExist();
    assertThat(failedPost).doesNotExist();
    assertThat(justMade).exists();
    assertThat(kept).exists();
    assertThat(messages).exists();
    assertThat(emptySend).exists();
  }
}
