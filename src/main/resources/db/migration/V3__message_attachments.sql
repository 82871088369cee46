-- The files joined to a message (dossierpage.DossierMessages), checked as the Kbis extract is
-- (evidence.UploadedFiles): the file under parcours.evidence.storage, its SHA-256 to prove later what was sent.
CREATE TABLE IF NOT EXISTS parcours_message_attachment (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  message_id VARCHAR(36) NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  content_type VARCHAR(64) NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  stored_file VARCHAR(255) NOT NULL
);
CREATE INDEX IF NOT EXISTS parcours_message_attachment_message ON parcours_message_attachment (message_id);
