package fr.parcours.evidence;

import fr.parcours.shared.StorageMark;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every node must keep the proof files (and the files joined to messages) in the one storage that every other node
 * sharing the database reads (a network folder mounted on each): a node with a folder of its own would show a send
 * as received and answer "not found" for each of its files. Checked at start-up by its mark ({@link StorageMark}):
 * {@value #MARK_FILE} in the folder, Camunda's property {@value #PROPERTY} in the database.
 */
@Component
class EvidenceStorageMark extends StorageMark {

  static final String MARK_FILE = ".parcours-evidence-storage";
  static final String PROPERTY = "parcours.evidence.storage-id";
  static final StorageMark.Kind KIND = new StorageMark.Kind("des preuves", "ses fichiers de preuves",
      "parcours.evidence.storage", MARK_FILE, PROPERTY);

  @Autowired
  EvidenceStorageMark(EvidenceProperties properties, ManagementService management) {
    this(properties.storage(), () -> management.getProperties().get(PROPERTY),
        mark -> management.setProperty(PROPERTY, mark));
  }

  EvidenceStorageMark(Path storage, Supplier<String> databaseMark, Consumer<String> markDatabase) {
    super(KIND, storage, databaseMark, markDatabase);
  }
}
