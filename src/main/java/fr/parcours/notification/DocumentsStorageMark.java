package fr.parcours.notification;

import fr.parcours.shared.StorageMark;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every node must keep the documents drawn up for the dossiers in the one folder every other node sharing the
 * database reads, as the proofs ({@link StorageMark}): a mail retried on another node attaches the document kept
 * the first time, and the dossier page serves it from whichever node the person reached; a node with a folder of its
 * own would find the row and no file. {@value #MARK_FILE} in the folder, Camunda's property {@value #PROPERTY}.
 */
@Component
class DocumentsStorageMark extends StorageMark {

  static final String MARK_FILE = ".parcours-documents-storage";
  static final String PROPERTY = "parcours.documents.storage-id";
  static final StorageMark.Kind KIND = new StorageMark.Kind("des documents", "les documents des dossiers",
      "parcours.documents.storage", MARK_FILE, PROPERTY);

  @Autowired
  DocumentsStorageMark(DossierDocuments documents, ManagementService management) {
    this(documents.storage(), () -> management.getProperties().get(PROPERTY),
        mark -> management.setProperty(PROPERTY, mark));
  }

  DocumentsStorageMark(Path storage, Supplier<String> databaseMark, Consumer<String> markDatabase) {
    super(KIND, storage, databaseMark, markDatabase);
  }
}
