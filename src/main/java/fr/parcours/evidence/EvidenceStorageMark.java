package fr.parcours.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every node must keep the proof files in the one storage that every other node sharing the database reads
 * (a network folder mounted on each): a node with a folder of its own would show a send as received and answer
 * "not found" for each of its files. At start-up the storage folder must be readable and writable, and it must
 * be the one the database knows: the first start writes a random mark into a file of the folder,
 * {@value #MARK_FILE}, and into the database (Camunda's property {@value #PROPERTY}); every later start, on any
 * node, compares the two and refuses to start, naming the folder and the setting, when they differ.
 */
@Component
class EvidenceStorageMark implements InitializingBean {

  static final String MARK_FILE = ".parcours-evidence-storage";
  static final String PROPERTY = "parcours.evidence.storage-id";
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceStorageMark.class);

  private final Path storage;
  private final Supplier<String> databaseMark;
  private final Consumer<String> markDatabase;

  @Autowired
  EvidenceStorageMark(EvidenceProperties properties, ManagementService management) {
    this(properties.storage(), () -> management.getProperties().get(PROPERTY),
        mark -> management.setProperty(PROPERTY, mark));
  }

  EvidenceStorageMark(Path storage, Supplier<String> databaseMark, Consumer<String> markDatabase) {
    this.storage = storage.toAbsolutePath().normalize();
    this.databaseMark = databaseMark;
    this.markDatabase = markDatabase;
  }

  @Override
  public void afterPropertiesSet() {
    check();
  }

  /** Checks the storage as described above; marks a new storage and database. */
  void check() {
    checkReadableAndWritable();
    String inDatabase = databaseMark.get();
    String inFolder = folderMark();
    if (inDatabase == null) {
      String mark = inFolder != null ? inFolder : markFolder();
      markDatabase.accept(mark);
      LOG.info("Evidence storage {} marked {} for this database", storage, mark);
      return;
    }
    if (!inDatabase.equals(inFolder)) {
      throw new IllegalStateException("Le stockage des preuves " + storage + " (réglage"
          + " parcours.evidence.storage) n’est pas celui où cette base a écrit ses fichiers de preuves : "
          + (inFolder == null ? "il n’a pas de fichier " + MARK_FILE : "son fichier " + MARK_FILE + " dit "
              + inFolder) + ", la base attend " + inDatabase + ". Tous les nœuds qui partagent la base doivent lire"
          + " et écrire le même dossier : montez le dossier partagé des preuves en " + storage + ", ou donnez à"
          + " parcours.evidence.storage l’endroit où il est monté, puis redémarrez. Un dossier restauré depuis une"
          + " sauvegarde doit garder son fichier " + MARK_FILE + ".");
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
      throw new IllegalStateException("Le stockage des preuves " + storage + " (réglage"
          + " parcours.evidence.storage) ne peut pas être lu et écrit par ce nœud (" + e + ") : créez ce dossier et"
          + " donnez à l’utilisateur qui lance Parcours le droit d’y lire et d’y écrire, puis redémarrez.", e);
    }
  }

  private String folderMark() {
    Path file = storage.resolve(MARK_FILE);
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
    } catch (IOException e) {
      throw new IllegalStateException("Le fichier " + file + " (la marque du stockage des preuves) ne se lit pas ("
          + e + ") : donnez à l’utilisateur qui lance Parcours le droit de le lire, puis redémarrez.", e);
    }
  }

  /** Writes a new mark, unless another node wrote its own meanwhile: then that one. */
  private String markFolder() {
    Path file = storage.resolve(MARK_FILE);
    String mark = UUID.randomUUID().toString();
    try {
      Files.writeString(file, mark, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return mark;
    } catch (FileAlreadyExistsException written) {
      return folderMark();
    } catch (IOException e) {
      throw new IllegalStateException("Le fichier " + file + " (la marque du stockage des preuves) ne s’écrit pas ("
          + e + ") : donnez à l’utilisateur qui lance Parcours le droit d’écrire dans ce dossier, puis redémarrez.",
          e);
    }
  }
}
