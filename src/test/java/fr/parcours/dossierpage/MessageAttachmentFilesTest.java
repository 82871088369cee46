package fr.parcours.dossierpage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sweep keeps the attachment files that a committed row refers to, and only those: read from the table as the
 * migrations make it, with the suffix {@link DossierMessages#post} writes.
 */
class MessageAttachmentFilesTest {

  @Test
  void shouldTellTheFilesOfCommittedAttachmentsWithTheSuffixMessagesWrite() {
    DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1");
    org.flywaydb.core.Flyway.configure().dataSource(database).load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(database);
    jdbc.update("INSERT INTO parcours_message_attachment (id, message_id, file_name, content_type, sha256, size_bytes,"
        + " stored_file) VALUES ('a-1', 'm-1', 'scan.pdf', 'application/pdf', ?, 9, 'messages/m-1/a-1.attachment')",
        "0".repeat(64));

    MessageAttachmentFiles files = new MessageAttachmentFiles(jdbc);

    assertThat(files.suffix()).isEqualTo(".attachment");
    assertThat(files.storedFiles()).containsExactly("messages/m-1/a-1.attachment");
  }
}
