package fr.parcours.dossierpage;

import fr.parcours.evidence.KeptFiles;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The messages' attachments the start-up sweep keeps: those a committed attachment row refers to. A node stopped
 * after writing a message's files and before committing its rows ({@link DossierMessages#post}) left them for ever,
 * served to nobody; the sweep removes them after a day.
 */
@Component
class MessageAttachmentFiles implements KeptFiles {

  private final JdbcTemplate jdbc;

  MessageAttachmentFiles(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String suffix() {
    return DossierMessages.ATTACHMENT;
  }

  /** Each message's attachments are written in {@code messages/<its new id>/}. */
  @Override
  public String foldersOfOneWrite() {
    return DossierMessages.MESSAGES_FOLDER;
  }

  @Override
  public Set<String> storedFiles() {
    return new HashSet<>(jdbc.queryForList("SELECT stored_file FROM parcours_message_attachment", String.class));
  }
}
