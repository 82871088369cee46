package fr.parcours.evidence;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * The company's documents that a task asks for, today the Kbis extract of "Demander un compte Convergence"
 * (seed: the Convergence account needs the company's Kbis): sent from the dossier's page
 * {@code /evidence/<dossier>/kbis}, which the task's form links to (Camunda Forms have no file field), stored with
 * the dossier as the proofs are (a random name under {@code parcours.evidence.storage}, its SHA-256 and size in the
 * table {@code parcours_company_document}, Flyway migration V5) and checked first as they are: a PDF, PNG or JPEG by its
 * content, named for what it is (a PNG named .pdf is refused, naming what it really is: the ANS downloads it under
 * that name), not empty, at most {@value #MAX_MEGABYTES} MB. The latest one sent counts.
 */
@Service
public class CompanyDocuments {

  /** The task whose form asks for the Kbis extract, and its checkbox. */
  public static final String TASK_REQUEST_ACCOUNT = "Task_RequestConvergenceAccount";
  public static final String KBIS = "KBIS";
  /** The task whose form asks for the signed regulation of the transitional phase (pathway ans-transitional). */
  public static final String TASK_ATTACH_REGULATION = "Task_AttachSignedRegulation";
  /** The signed regulation of the transitional phase (seed 004 §7.2), kept as the Kbis extract is. */
  public static final String REGULATION = "TRANSITIONAL_REGULATION";
  static final String REGULATION_WHAT = "le règlement de la phase transitoire signé";
  static final int MAX_MEGABYTES = UploadedFiles.MAX_MEGABYTES;
  static final DataSize MAX_SIZE = UploadedFiles.MAX_SIZE;

  /** One document as kept. */
  public record StoredDocument(String id, String processInstanceId, String kind, String fileName, String type,
      String sha256, long size, String storedFile, Instant sentAt, String sentBy) {
  }

  /** What the first document of a dossier and kind follows: one only may (V13). */
  static final String FIRST = "none";
  /** Sends of different files at the same instant each read again, at most this often, to come after the others. */
  static final int MAX_ATTEMPTS = 10;

  private final JdbcTemplate jdbc;
  private final UploadedFiles files;

  CompanyDocuments(JdbcTemplate jdbc, EvidenceProperties properties) {
    this.jdbc = jdbc;
    this.files = new UploadedFiles(properties);
  }

  /** The latest Kbis extract sent for the dossier's instance, if any. */
  public Optional<StoredDocument> kbis(String processInstanceId) {
    return latest(processInstanceId, KBIS);
  }

  /** The latest signed regulation of the transitional phase sent for the dossier's instance, if any. */
  public Optional<StoredDocument> regulation(String processInstanceId) {
    return latest(processInstanceId, REGULATION);
  }

  /**
   * The latest: the one no other follows (sent at the same instant as the one before it, it still comes after it);
   * among the documents kept before V13, which follow none, the last sent.
   */
  private Optional<StoredDocument> latest(String processInstanceId, String kind) {
    List<StoredDocument> found = jdbc.query("select id, process_instance_id, kind, file_name, content_type, sha256,"
        + " size_bytes, stored_file, sent_at, sent_by from parcours_company_document d where process_instance_id = ?"
        + " and kind = ? and not exists (select 1 from parcours_company_document n where n.process_instance_id ="
        + " d.process_instance_id and n.kind = d.kind and n.follows = d.id) order by sent_at desc", (rs, i) -> new StoredDocument(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8),
            rs.getTimestamp(9).toInstant(), rs.getString(10)), processInstanceId, kind);
    return found.stream().findFirst();
  }

  /** Checks and keeps a Kbis extract; refuses it whole, with what to do, when it is not one Parcours takes. */
  public StoredDocument storeKbis(String processInstanceId, String userId, String fileName, byte[] content) {
    return store(KBIS, "l’extrait Kbis", "kbis", processInstanceId, userId, fileName, content);
  }

  /**
   * Checks and keeps the signed regulation of the transitional phase (seed 004 §7.2), as the Kbis extract is
   * checked and kept; refuses it whole, with what to do, when it is not one Parcours takes.
   */
  public StoredDocument storeRegulation(String processInstanceId, String userId, String fileName, byte[] content) {
    return store(REGULATION, REGULATION_WHAT, "reglement-signe", processInstanceId, userId, fileName, content);
  }

  private StoredDocument store(String kind, String what, String defaultName, String processInstanceId, String userId,
      String fileName, byte[] content) {
    String name = baseName(fileName);
    checkSize(fileName, content == null ? 0 : content.length, what);
    String type = UploadedFiles.typeOf(content);
    if (type == null) {
      throw new EvidenceRejectedException("Le fichier « " + name + " » n’est ni un PDF, ni une image PNG ou JPEG"
          + " (son contenu, quel que soit son nom) : envoyez " + what + " dans l’un de ces formats.");
    }
    if (!name.isEmpty() && !UploadedFiles.namedAsItIs(name, type)) {
      // an agent downloads it under this name: a name that lies opens in the wrong program, or not at all
      String extension = UploadedFiles.extension(name);
      String stem = extension.isEmpty() ? name : name.substring(0, name.length() - extension.length());
      throw new EvidenceRejectedException("Le fichier « " + name + " » est " + UploadedFiles.whatItIs(type)
          + (extension.isEmpty() ? ", mais son nom n’a pas d’extension" : ", alors que son nom se termine par "
          + extension) + " : l’ANS le téléchargerait sous un nom qui ne dit pas ce qu’il contient. Renommez-le « "
          + stem + UploadedFiles.extensionsOf(type).get(0) + " », ou enregistrez-le au format que dit son nom, puis"
          + " envoyez-le de nouveau.");
    }
    if (!processInstanceId.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("Unexpected process instance id " + processInstanceId);
    }
    String sha256 = UploadedFiles.sha256(content);
    String id = UUID.randomUUID().toString();
    String stored = null;
    for (int attempt = 1; ; attempt++) {
      Optional<StoredDocument> latest = latest(processInstanceId, kind);
      if (latest.isPresent() && latest.get().sha256().equals(sha256)
          && (name.isEmpty() || latest.get().fileName().equals(name))) {
        if (stored != null) {
          files.forget(stored); // written by this send, which another one, the same, came before
        }
        return latest.get(); // the same file sent again (a double click, a reload, two tabs at once): kept once
      }
      if (stored == null) {
        stored = files.keep(processInstanceId + "/documents", id, ".document", content);
      }
      StoredDocument document = new StoredDocument(id, processInstanceId, kind,
          name.isEmpty() ? defaultName + UploadedFiles.extensionsOf(type).get(0) : name, type,
          sha256, content.length, stored, ClockUtil.getCurrentTime().toInstant(), userId);
      try {
        // the database decides between sends at the same instant: one row only may follow the latest (V13)
        jdbc.update("insert into parcours_company_document (id, process_instance_id, kind, file_name, content_type,"
            + " sha256, size_bytes, stored_file, sent_at, sent_by, follows) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            document.id(), document.processInstanceId(), document.kind(), document.fileName(), document.type(),
            document.sha256(), document.size(), document.storedFile(), Timestamp.from(document.sentAt()),
            document.sentBy(), latest.map(StoredDocument::id).orElse(FIRST));
        return document;
      } catch (DuplicateKeyException sameInstant) {
        // another send replaced the same latest meanwhile: read again (it may be this very file)
        if (attempt >= MAX_ATTEMPTS) {
          files.forget(stored);
          throw sameInstant;
        }
      }
    }
  }

  /** Refuses an empty file or one above {@value #MAX_MEGABYTES} MB, before it is read. */
  static void checkSize(String fileName, long size) {
    checkSize(fileName, size, "l’extrait Kbis");
  }

  /** The same for a document described as {@code what} ("l’extrait Kbis"). */
  static void checkSize(String fileName, long size, String what) {
    if (size == 0) {
      throw new EvidenceRejectedException("Le fichier « " + baseName(fileName) + " » est vide : envoyez " + what
          + " lui-même, en PDF, PNG ou JPEG.");
    }
    if (UploadedFiles.tooLarge(size)) {
      throw new EvidenceRejectedException("Le fichier « " + baseName(fileName) + " » dépasse " + MAX_MEGABYTES
          + " Mo, la plus grande taille acceptée pour " + what + " : enregistrez-le en PDF ou réduisez la"
          + " résolution du scan.");
    }
  }

  private static String baseName(String fileName) {
    return UploadedFiles.baseName(fileName);
  }

  /** The stored files of every kept document, relative to the storage folder. */
  Set<String> storedFiles() {
    return new HashSet<>(jdbc.queryForList("select stored_file from parcours_company_document", String.class));
  }

  /** The file of a kept document. */
  Path file(StoredDocument document) {
    return files.file(document.storedFile());
  }
}
