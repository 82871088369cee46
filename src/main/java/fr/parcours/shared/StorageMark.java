package fr.parcours.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * A folder of files that every node sharing the database must read and write (a network folder mounted on each):
 * a node with a folder of its own would find a row in the database and no file beside it. At start-up the folder
 * must be readable and writable, and it must be the one the database knows: the first start writes a random mark
 * into a file of the folder and into the database (one of Camunda's properties); every later start, on any node,
 * compares the two and refuses to start, naming the folder and the setting, when they differ. Each such storage is
 * a bean of this class, checked as it is created.
 */
public class StorageMark implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(StorageMark.class);

  /**
   * One kind of storage: {@code of} completes « Le stockage … » (« des preuves »), {@code files} names what the
   * database wrote there (« ses fichiers de preuves »), {@code setting} the setting that names the folder,
   * {@code markFile} the mark's file in the folder, {@code property} Camunda's property holding the mark.
   */
  public record Kind(String of, String files, String setting, String markFile, String property) {
  }

  private final Kind kind;
  private final Path storage;
  private final Supplier<String> databaseMark;
  private final Consumer<String> markDatabase;

  public StorageMark(Kind kind, Path storage, Supplier<String> databaseMark, Consumer<String> markDatabase) {
    this.kind = kind;
    this.storage = storage.toAbsolutePath().normalize();
    this.databaseMark = databaseMark;
    this.markDatabase = markDatabase;
  }

  @Override
  public void afterPropertiesSet() {
    check();
  }

  /** Checks the storage as described above; marks a new storage and database. */
  public void check() {
    checkReadableAndWritable();
    String inDatabase = databaseMark.get();
    String inFolder = folderMark();
    if (inDatabase == null) {
      String mark = inFolder != null ? inFolder : markFolder();
      markDatabase.accept(mark);
      LOG.info("Storage {} ({}) marked {} for this database", storage, kind.setting(), mark);
      return;
    }
    if (!inDatabase.equals(inFolder)) {
      throw new IllegalStateException("Le stockage " + kind.of() + " " + storage + " (réglage " + kind.setting()
          + ") n’est pas celui où cette base a écrit " + kind.files() + " : " + (inFolder == null
              ? "il n’a pas de fichier " + kind.markFile() : "son fichier " + kind.markFile() + " dit " + inFolder)
          + ", la base attend " + inDatabase + ". Tous les nœuds qui partagent la base doivent lire et écrire le même"
          + " dossier : montez le dossier partagé " + kind.of() + " en " + storage + ", ou donnez à " + kind.setting()
          + " l’endroit où il est monté, puis redémarrez. Un dossier restauré depuis une sauvegarde doit garder son"
          + " fichier " + kind.markFile() + ".");
    }
  }

  private void checkReadableAndWritable() {
    try {
      Files.createDirectories(storage);
      Path probe = Files.createTempFile(storage, ".probe-", ".tmp");
      try {
        Files.writeString(probe, "probe");
        if (!"probe".equals(Files.readString(probe))) {
          throw new IOException("a file written there reads back differently");
        }
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Le stockage " + kind.of() + " " + storage + " (réglage " + kind.setting()
          + ") ne peut pas être lu et écrit par ce nœud (" + e + ") : créez ce dossier et donnez à l’utilisateur qui"
          + " lance Parcours le droit d’y lire et d’y écrire, puis redémarrez.", e);
    }
  }

  private String folderMark() {
    Path file = storage.resolve(kind.markFile());
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
    } catch (IOException e) {
      throw new IllegalStateException("Le fichier " + file + " (la marque du stockage " + kind.of() + ") ne se lit"
          + " pas (" + e + ") : donnez à l’utilisateur qui lance Parcours le droit de le lire, puis redémarrez.", e);
    }
  }

  /** Writes a new mark, unless another node wrote its own meanwhile: then that one. */
  private String markFolder() {
    Path file = storage.resolve(kind.markFile());
    String mark = UUID.randomUUID().toString();
    try {
      Files.writeString(file, mark, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return mark;
    } catch (FileAlreadyExistsException written) {
      return folderMark();
    } catch (IOException e) {
      throw new IllegalStateException("Le fichier " + file + " (la marque du stockage " + kind.of() + ") ne s’écrit"
          + " pas (" + e + ") : donnez à l’utilisateur qui lance Parcours le droit d’écrire dans ce dossier, puis"
          + " redémarrez.", e);
    }
  }
}
