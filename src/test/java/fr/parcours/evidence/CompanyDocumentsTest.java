package fr.parcours.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The Kbis extract: kept with the dossier when it is a PDF, PNG or JPEG of at most 10 MB, refused whole otherwise. */
class CompanyDocumentsTest {

  static final byte[] PDF = "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path storage;

  CompanyDocuments documents() {
    DriverManagerDataSource database = new DriverManagerDataSource(
        "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    org.flywaydb.core.Flyway.configure().dataSource(database).load().migrate(); // the tables, as at start-up
    return new CompanyDocuments(new JdbcTemplate(database),
        new EvidenceProperties(storage, null, null, null, null, null, null));
  }

  @Test
  void shouldKeepAPdfWithTheDossierAndCountTheLatestSent() throws Exception {
    CompanyDocuments documents = documents();
    assertThat(documents.kbis("pi-1")).isEmpty();

    CompanyDocuments.StoredDocument first = documents.storeKbis("pi-1", "alice", "C:\\scans\\kbis.pdf", PDF);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
    CompanyDocuments.StoredDocument second = documents.storeKbis("pi-1", "alice", "kbis.png", png);

    assertThat(first.fileName()).isEqualTo("kbis.pdf");
    assertThat(first.type()).isEqualTo("application/pdf");
    assertThat(first.sha256()).hasSize(64);
    assertThat(Files.readAllBytes(documents.file(first))).isEqualTo(PDF);
    assertThat(documents.file(first)).startsWith(storage.toAbsolutePath()).hasFileName(first.id() + ".document");
    assertThat(documents.kbis("pi-1")).get().extracting(CompanyDocuments.StoredDocument::id)
        .isIn(first.id(), second.id()); // same instant in a fast test: either is the latest
    assertThat(documents.kbis("pi-2")).as("another dossier's").isEmpty();
  }

  /**
   * The same Kbis sent twice (a double click on "Envoyer", a reload that posts again) was kept twice: two rows, two
   * files. Now the second is the first; another file, or the same one under another name, is a new document, and
   * the same file again after another is kept again (it is the latest then).
   */
  @Test
  void shouldKeepTheSameFileSentTwiceOnce() throws Exception {
    CompanyDocuments documents = documents();
    CompanyDocuments.StoredDocument first = documents.storeKbis("pi-1", "alice", "kbis.pdf", PDF);

    CompanyDocuments.StoredDocument again = documents.storeKbis("pi-1", "alice", "kbis.pdf", PDF);

    assertThat(again.id()).isEqualTo(first.id());
    try (java.util.stream.Stream<Path> kept = Files.list(storage.resolve("pi-1").resolve("documents"))) {
      assertThat(kept.count()).as("one file").isEqualTo(1);
    }
    assertThat(documents.storeKbis("pi-1", "alice", "kbis-2026.pdf", PDF).id()).as("another name")
        .isNotEqualTo(first.id());
    assertThat(documents.storeRegulation("pi-1", "alice", "kbis.pdf", PDF).id()).as("another kind")
        .isNotEqualTo(first.id());
    assertThat(documents.storeKbis("pi-2", "alice", "kbis.pdf", PDF).id()).as("another dossier")
        .isNotEqualTo(first.id());
  }

  /**
   * The same Kbis sent by several tabs at the very same instant was kept once per tab: each read no copy of it, then
   * each added its own. Now the database keeps one (each document follows the one it replaces, and two cannot follow
   * the same one): rounds of 6 sends released together, the same file, then two different files at once, then the
   * first file again after the other, which is kept again (it is the latest then).
   */
  @Test
  void shouldKeepTheSameFileSentAtTheSameInstantOnce() throws Exception {
    CompanyDocuments documents = documents();
    byte[] other = "%PDF-1.7\n% autre\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      for (int round = 0; round < 5; round++) {
        String dossier = "pi-race-" + round;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(6);
        java.util.List<java.util.concurrent.Future<CompanyDocuments.StoredDocument>> sends = new java.util.ArrayList<>();
        for (int tab = 0; tab < 6; tab++) {
          sends.add(pool.submit(() -> {
            together.await();
            return documents.storeKbis(dossier, "alice", "kbis.pdf", PDF);
          }));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (java.util.concurrent.Future<CompanyDocuments.StoredDocument> send : sends) {
          ids.add(send.get().id());
        }
        assertThat(ids).as("round " + round + ": one document for six sends").hasSize(1);
        try (java.util.stream.Stream<Path> kept = Files.list(storage.resolve(dossier).resolve("documents"))) {
          assertThat(kept.count()).as("round " + round + ": one file").isEqualTo(1);
        }
        assertThat(documents.kbis(dossier)).get().extracting(CompanyDocuments.StoredDocument::id)
            .isEqualTo(ids.iterator().next());
      }

      // two different files at once: both kept, one after the other; the first again after the other is kept again
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
      java.util.concurrent.Future<CompanyDocuments.StoredDocument> one = pool.submit(() -> {
        together.await();
        return documents.storeKbis("pi-two", "alice", "kbis.pdf", PDF);
      });
      java.util.concurrent.Future<CompanyDocuments.StoredDocument> two = pool.submit(() -> {
        together.await();
        return documents.storeKbis("pi-two", "alice", "kbis-autre.pdf", other);
      });
      assertThat(one.get().id()).isNotEqualTo(two.get().id());
      String latest = documents.kbis("pi-two").orElseThrow().id();
      CompanyDocuments.StoredDocument earlier = latest.equals(one.get().id()) ? two.get() : one.get();
      CompanyDocuments.StoredDocument again = documents.storeKbis("pi-two", "alice", earlier.fileName(),
          earlier.fileName().equals("kbis.pdf") ? PDF : other);
      assertThat(again.id()).as("the earlier file sent again after the other").isNotIn(one.get().id(), two.get().id());
      assertThat(documents.kbis("pi-two")).get().extracting(CompanyDocuments.StoredDocument::id).isEqualTo(again.id());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldTakeAJpegByItsContentUnderEitherOfItsExtensions() {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10};
    assertThat(documents().storeKbis("pi-1", "alice", "scan.JPEG", jpeg).type()).isEqualTo("image/jpeg");
    assertThat(documents().storeKbis("pi-1", "alice", "scan.jpg", jpeg).type()).isEqualTo("image/jpeg");
    // a script that sends no name: the kind's name with the content's extension
    assertThat(documents().storeRegulation("pi-1", "alice", "", jpeg).fileName()).isEqualTo("reglement-signe.jpg");
  }

  /**
   * F5 of the third walk: image.pdf holding a PNG was kept under the .pdf name, and the ANS downloaded a PNG called
   * .pdf. Bad inputs tried: a PNG named .pdf, a PDF named .png, a JPEG named .exe, a PDF without extension; each is
   * refused naming the file and what it really is, nothing kept.
   */
  @Test
  void shouldRefuseAFileWhoseNameDoesNotSayWhatItIs() {
    CompanyDocuments documents = documents();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10};

    assertThatThrownBy(() -> documents.storeRegulation("pi-1", "alice", "image.pdf", png))
        .isInstanceOf(EvidenceRejectedException.class)
        .hasMessage("Le fichier « image.pdf » est une image PNG, alors que son nom se termine par .pdf : l’ANS le"
            + " téléchargerait sous un nom qui ne dit pas ce qu’il contient. Renommez-le « image.png », ou"
            + " enregistrez-le au format que dit son nom, puis envoyez-le de nouveau.");
    assertThatThrownBy(() -> documents.storeKbis("pi-1", "alice", "kbis.png", PDF))
        .isInstanceOf(EvidenceRejectedException.class).hasMessageStartingWith("Le fichier « kbis.png » est un PDF,"
            + " alors que son nom se termine par .png").hasMessageContaining("Renommez-le « kbis.pdf »");
    assertThatThrownBy(() -> documents.storeKbis("pi-1", "alice", "kbis.exe", jpeg))
        .isInstanceOf(EvidenceRejectedException.class).hasMessageStartingWith("Le fichier « kbis.exe » est une image"
            + " JPEG, alors que son nom se termine par .exe");
    assertThatThrownBy(() -> documents.storeKbis("pi-1", "alice", "kbis", PDF))
        .isInstanceOf(EvidenceRejectedException.class).hasMessageStartingWith("Le fichier « kbis » est un PDF, mais"
            + " son nom n’a pas d’extension").hasMessageContaining("Renommez-le « kbis.pdf »");
    assertThat(documents.kbis("pi-1")).as("nothing kept").isEmpty();
    assertThat(documents.regulation("pi-1")).as("nothing kept").isEmpty();
    assertThat(storage.resolve("pi-1")).doesNotExist();
  }

  /** Bad inputs tried: a ZIP named .pdf, a text file, an empty file, one byte over 10 MB. */
  @Test
  void shouldRefuseWholeWhatIsNotAPdfOrImageOrIsEmptyOrTooLarge() {
    CompanyDocuments documents = documents();
    byte[] zip = Zips.with("kbis.pdf").bytes();
    assertThatThrownBy(() -> documents.storeKbis("pi-1", "alice", "kbis.pdf", zip))
        .isInstanceOf(EvidenceRejectedException.class)
        .hasMessage("Le fichier « kbis.pdf » n’est ni un PDF, ni une image PNG ou JPEG (son contenu, quel que soit"
            + " son nom) : envoyez l’extrait Kbis dans l’un de ces formats.");
    assertThatThrownBy(() -> documents.storeKbis("pi-1", "alice", "kbis.txt", "Extrait Kbis".getBytes(
        StandardCharsets.UTF_8))).isInstanceOf(EvidenceRejectedException.class).hasMessageContaining("ni un PDF");
    assertThatThrownBy(() -> documents.storeKbis("pi-1", "alice", "kbis.pdf", new byte[0]))
        .isInstanceOf(EvidenceRejectedException.class).hasMessageContaining("est vide");
    byte[] large = Arrays.copyOf(PDF, Math.toIntExact(CompanyDocuments.MAX_SIZE.toBytes() + 1));
    assertThatThrownBy(() -> documents.storeKbis("pi-1", "alice", "kbis.pdf", large))
        .isInstanceOf(EvidenceRejectedException.class).hasMessageContaining("dépasse 10 Mo");
    assertThat(documents.kbis("pi-1")).as("nothing kept").isEmpty();
    assertThat(storage.resolve("pi-1")).doesNotExist();
  }
}
