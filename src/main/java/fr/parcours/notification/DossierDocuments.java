package fr.parcours.notification;

import fr.parcours.shared.Leftovers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The documents Parcours draws up for a dossier (the certificate of conformity, the acknowledgement of receipt,
 * the refusal), kept with it: a row of table
 * {@code parcours_document} with the document's SHA-256, and its file under {@code parcours.documents.storage}
 * (back it up with the database). A document is drawn up once per notification: a retried mail attaches the very
 * document kept the first time, so the SHA-256 on the dossier page is the one of every copy sent. Rows are
 * written in their own transaction, as the notification journal's: a job that rolls back after a mail went out
 * keeps the document it sent.
 */
@Repository
public class DossierDocuments {

  private static final String PART_PREFIX = "drawing";
  private static final String PART_SUFFIX = ".part";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final Path storage;

  DossierDocuments(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      @Value("${parcours.documents.storage:./data/documents}") Path storage) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.storage = storage;
  }

  /** The folder the documents are kept in ({@code parcours.documents.storage}). */
  public Path storage() {
    return storage;
  }

  /**
   * A kept document.
   *
   * @param kind what it is: its template's name (certificate-of-conformity)
   * @param sha256 the SHA-256 of its bytes, in hexadecimal
   */
  public record Document(String id, String processInstanceId, String dossierId, String kind, String fileName,
      long size, String sha256, Instant createdAt) {
  }

  /** A document drawn up: the name of its file and its bytes. */
  public record Drawn(String fileName, byte[] pdf) {
  }

  /** The document of that notification: the one kept before, or the one drawn up now and kept. */
  public Drawn keep(String notificationKey, String processInstanceId, String dossierId, String kind,
      Supplier<Drawn> drawUp) {
    Optional<Document> kept = keptFor(notificationKey);
    if (kept.isPresent()) {
      return new Drawn(kept.get().fileName(), content(kept.get()));
    }
    Drawn drawn = drawUp.get();
    String fileName = drawn.fileName();
    byte[] bytes = drawn.pdf();
    String id = UUID.randomUUID().toString();
    Path file = fileOf(id, dossierId);
    try {
      writeWhole(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Le document " + fileName + " du dossier " + dossierId + " n’a pas pu être"
          + " gardé dans " + file.getParent() + " (" + e + ") : vérifiez que ce dossier peut être créé, que Parcours"
          + " peut y écrire et que le disque n’est pas plein (réglage parcours.documents.storage), puis, dans"
          + " Cockpit, « Réessayer » sur l’incident.", e);
    }
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update("INSERT INTO parcours_document (id, notification_key,"
          + " process_instance_id, dossier_id, kind, file_name, size_bytes, sha256, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, notificationKey, processInstanceId, dossierId, kind, fileName,
          bytes.length, sha256(bytes), new Timestamp(ClockUtil.getCurrentTime().getTime())));
    } catch (org.springframework.dao.DuplicateKeyException keptMeanwhile) {
      // the same notification drew its document meanwhile (its job run again on another node): that one is the
      // document, sent and listed; this file would be kept for ever, referred to by nothing
      forget(file);
      Document first = keptFor(notificationKey).orElseThrow();
      return new Drawn(first.fileName(), content(first));
    } catch (RuntimeException e) {
      forget(file);
      throw e;
    }
    return drawn;
  }

  /**
   * Writes the file whole or not at all: a node stopped while writing leaves no half document under the name of a
   * whole one, and a write or move that fails (a full disk) leaves no part behind, which no sweep of this folder
   * would ever remove.
   */
  static void writeWhole(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), PART_PREFIX, PART_SUFFIX);
    try {
      Files.write(temporary, bytes);
      Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException notRemoved) {
        e.addSuppressed(notRemoved);
      }
      throw e;
    }
  }

  /**
   * Removes the parts of documents that a node stopped while writing left in the storage ({@link #writeWhole}), once
   * untouched for a day: a part written now, by this node or another sharing the folder, is never touched.
   *
   * @return how many were removed
   */
  int removeUnfinishedParts(Instant now) {
    if (!Files.isDirectory(storage)) {
      return 0;
    }
    List<Path> parts;
    try (java.util.stream.Stream<Path> files = Files.walk(storage)) {
      parts = files.filter(file -> Files.isRegularFile(file) && file.getFileName().toString().startsWith(PART_PREFIX)
          && file.getFileName().toString().endsWith(PART_SUFFIX) && Leftovers.untouchedSince(file, now)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Le ménage des documents, au démarrage, n’a pas pu lire le dossier " + storage
          + " (" + e + ") : donnez à l’utilisateur qui lance Parcours le droit de le lire (réglage"
          + " parcours.documents.storage), puis redémarrez.", e);
    }
    return (int) parts.stream().filter(part -> part.toFile().delete()).count(); // one gone meanwhile is not counted
  }

  private Optional<Document> keptFor(String notificationKey) {
    return jdbc.query("SELECT * FROM parcours_document WHERE notification_key = ?", (rs, row) -> row(rs),
        notificationKey).stream().findFirst();
  }

  private static void forget(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents of the process instances of a dossier (those the person may read), oldest first. */
  public List<Document> ofInstances(List<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", Collections.nCopies(processInstanceIds.size(), "?"));
    return jdbc.query("SELECT * FROM parcours_document WHERE process_instance_id IN (" + marks + ")"
        + " ORDER BY created_at, id", (rs, row) -> row(rs), processInstanceIds.toArray());
  }

  /** The bytes of a kept document. */
  public byte[] content(Document document) {
    try {
      return Files.readAllBytes(fileOf(document.id(), document.dossierId()));
    } catch (IOException e) {
      throw new UncheckedIOException("Le fichier du document " + document.fileName() + " (" + document.id()
          + ") du dossier " + document.dossierId() + " manque dans " + storage + " (réglage"
          + " parcours.documents.storage) : restaurez-le depuis la sauvegarde.", e);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path fileOf(String id, String dossierId) {
    String folder = dossierId == null ? "_" : dossierId.replaceAll("[^A-Za-z0-9-]", "_");
    return storage.resolve(folder).resolve(id + ".pdf");
  }

  private static Document row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Document(rs.getString("id"), rs.getString("process_instance_id"), rs.getString("dossier_id"),
        rs.getString("kind"), rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getTimestamp("created_at").toInstant());
  }
}
