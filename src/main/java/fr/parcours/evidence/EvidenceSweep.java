package fr.parcours.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, removes what a send cut short by a stop left in the evidence storage: its folder under
 * {@code .incoming} (the archive being unpacked), proof files moved into a send folder whose database rows
 * were never committed (no proof refers to them), and likewise the company documents (a Kbis extract, a signed
 * regulation: {@code .document}; a message's attachment and any other file a feature keeps, {@link KeptFiles}) no row
 * refers to, the upload parts ({@code .part}) never moved into place, and a message's folder its files left empty
 * ({@link KeptFiles#foldersOfOneWrite}). A send takes minutes at most; only what has been untouched
 * for a day goes, so that a send in progress on another node sharing the storage is never touched.
 */
@Component
class EvidenceSweep implements ApplicationRunner {

  static final Duration LEFT_FOR = fr.parcours.shared.Leftovers.UNTOUCHED_FOR;
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceSweep.class);

  private final EvidenceProperties properties;
  private final EvidenceStore store;
  private final CompanyDocuments documents;
  private final List<KeptFiles> others;

  EvidenceSweep(EvidenceProperties properties, EvidenceStore store, CompanyDocuments documents,
      List<KeptFiles> others) {
    this.properties = properties;
    this.store = store;
    this.documents = documents;
    this.others = others;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    Instant now = Instant.now();
    int unfinished = sweep(now);
    int orphans = sweepOrphanProofs(now);
    if (unfinished + orphans > 0) {
      LOG.info("Removed {} unfinished evidence send(s) and {} proof file(s) no dossier refers to", unfinished,
          orphans);
    }
  }

  /**
   * Removes the proof files no proof row refers to, the company documents no document row refers to, and the upload
   * parts left unmoved, last touched before {@code now} minus a day.
   */
  int sweepOrphanProofs(Instant now) {
    Path root = properties.storage().toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      return 0;
    }
    Set<String> proofs = store.storedFiles();
    Set<String> kept = documents.storedFiles();
    java.util.Map<String, Set<String>> keptByOthers = new java.util.HashMap<>();
    for (KeptFiles feature : others) {
      try {
        keptByOthers.put(feature.suffix(), feature.storedFiles());
      } catch (org.springframework.dao.DataAccessException unreadable) {
        // the files of a kind whose rows cannot be read are all kept: a sweep removes only what it knows is orphan
        // (a database started without its migrations, as MigrationsIT makes the previous version's)
        LOG.warn("Fichiers « {} » gardés tous : leurs lignes ne se lisent pas ({})", feature.suffix(),
            unreadable.getMostSpecificCause().getMessage());
      }
    }
    java.util.Map<Path, Instant> oneWriteFolders = foldersOfOneWrite(root);
    List<Path> orphans;
    try (Stream<Path> files = Files.walk(root)) {
      orphans = files.filter(file -> !file.startsWith(incoming()) && Files.isRegularFile(file)
          && (orphan(file.getFileName().toString(), root.relativize(file).toString(), proofs, kept)
              || orphanOfAnother(file.getFileName().toString(), root.relativize(file).toString(), keptByOthers))
          && lastTouched(file).isBefore(now.minus(LEFT_FOR))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(unlisted(root, e), e);
    }
    orphans.forEach(EvidenceSweep::delete);
    removeEmpty(oneWriteFolders, now);
    return orphans.size();
  }

  /**
   * The folders each made by one write of a feature ({@link KeptFiles#foldersOfOneWrite}), with their own last change
   * read before the sweep removes anything from them: removing an orphan touches its folder.
   */
  private java.util.Map<Path, Instant> foldersOfOneWrite(Path root) {
    java.util.Map<Path, Instant> folders = new java.util.HashMap<>();
    for (KeptFiles feature : others) {
      if (feature.foldersOfOneWrite() == null || !Files.isDirectory(root.resolve(feature.foldersOfOneWrite()))) {
        continue;
      }
      try (Stream<Path> children = Files.list(root.resolve(feature.foldersOfOneWrite()))) {
        children.filter(Files::isDirectory).forEach(folder -> {
          try {
            folders.put(folder, Files.getLastModifiedTime(folder).toInstant());
          } catch (IOException vanished) {
            // removed meanwhile: nothing to sweep
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(unlisted(root.resolve(feature.foldersOfOneWrite()), e), e);
      }
    }
    return folders;
  }

  /**
   * Removes those left empty (their files all orphans, or never written: a post that failed removes its files, not
   * its folder) whose last change was a day before: no other node writes into such a folder again.
   */
  private static void removeEmpty(java.util.Map<Path, Instant> folders, Instant now) {
    int removed = 0;
    for (var folder : folders.entrySet()) {
      if (folder.getValue().isBefore(now.minus(LEFT_FOR))) {
        try {
          Files.delete(folder.getKey());
          removed++;
        } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException kept) {
          // files kept in it, or gone meanwhile
        } catch (IOException e) {
          LOG.warn("Could not remove the empty folder {}: {}", folder.getKey(), e.getMessage());
        }
      }
    }
    if (removed > 0) {
      LOG.info("Removed {} empty folder(s) of files no longer kept", removed);
    }
  }

  private static boolean orphan(String name, String relative, Set<String> proofs, Set<String> documents) {
    return name.endsWith(".bin") && !proofs.contains(relative)
        || name.endsWith(".document") && !documents.contains(relative)
        || name.startsWith("upload") && name.endsWith(".part");
  }

  private static boolean orphanOfAnother(String name, String relative, java.util.Map<String, Set<String>> kept) {
    return kept.entrySet().stream().anyMatch(feature -> name.endsWith(feature.getKey())
        && !feature.getValue().contains(relative));
  }

  /** Removes the unfinished sends last touched before {@code now} minus a day; returns how many. */
  int sweep(Instant now) {
    Path incoming = incoming();
    if (!Files.isDirectory(incoming)) {
      return 0;
    }
    List<Path> stale;
    try (Stream<Path> sends = Files.list(incoming)) {
      stale = sends.filter(send -> lastTouched(send).isBefore(now.minus(LEFT_FOR))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(unlisted(incoming, e), e);
    }
    stale.forEach(EvidenceSweep::delete);
    return stale.size();
  }

  private Path incoming() {
    return properties.storage().toAbsolutePath().normalize().resolve(".incoming");
  }

  private static Instant lastTouched(Path send) {
    return fr.parcours.shared.Leftovers.lastTouched(send);
  }

  private static void delete(Path send) {
    try (Stream<Path> files = Files.walk(send)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not remove the unfinished send {}: {}", send, e.getMessage());
    }
  }

  private static String unlisted(Path folder, IOException e) {
    return "Le ménage du stockage des preuves, au démarrage, n’a pas pu lire le dossier " + folder + " (" + e + ") :"
        + " donnez à l’utilisateur qui lance Parcours le droit de le lire (réglage parcours.evidence.storage), puis"
        + " redémarrez.";
  }
}
