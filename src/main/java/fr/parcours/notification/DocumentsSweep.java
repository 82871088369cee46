package fr.parcours.notification;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, removes the parts of documents that a node stopped while writing left under
 * {@code parcours.documents.storage} ({@link DossierDocuments#removeUnfinishedParts}), as the evidence storage's sweep
 * does for its folder.
 */
@Component
class DocumentsSweep implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentsSweep.class);

  private final DossierDocuments documents;

  DocumentsSweep(DossierDocuments documents) {
    this.documents = documents;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    int removed = documents.removeUnfinishedParts(Instant.now());
    if (removed > 0) {
      LOG.info("Removed {} unfinished document part(s)", removed);
    }
  }
}
