-- The notification journal: one row per mail and recipient, the proof of when the vendor was told.
-- Plain SQL that H2 and PostgreSQL both accept; run at every start (spring.sql.init.mode: always).
CREATE TABLE IF NOT EXISTS parcours_notification (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  notification_key VARCHAR(100) NOT NULL,
  process_instance_id VARCHAR(64) NOT NULL,
  dossier_id VARCHAR(64),
  event VARCHAR(64) NOT NULL,
  activity_id VARCHAR(255),
  recipient VARCHAR(320) NOT NULL,
  language VARCHAR(2) NOT NULL,
  subject VARCHAR(1000),
  status VARCHAR(16) NOT NULL,
  attempts INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  sent_at TIMESTAMP,
  message_id VARCHAR(500),
  last_error VARCHAR(2000)
);
CREATE UNIQUE INDEX IF NOT EXISTS parcours_notification_once ON parcours_notification (notification_key, recipient);
CREATE INDEX IF NOT EXISTS parcours_notification_dossier ON parcours_notification (process_instance_id);

-- The messages of a dossier between its vendor and an agency that instructs it (dossierpage.DossierMessages): kept
-- here first, then announced by mail; a mail that fails leaves the message, with the error, for the page to show.
CREATE TABLE IF NOT EXISTS parcours_message (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  dossier_id VARCHAR(64) NOT NULL,
  agency VARCHAR(64) NOT NULL,
  from_vendor BOOLEAN NOT NULL,
  author VARCHAR(255) NOT NULL,
  body VARCHAR(4000) NOT NULL,
  -- an agency's message that asks the vendor for an answer: the dossier awaits it until the vendor writes back
  awaiting_answer BOOLEAN DEFAULT FALSE NOT NULL,
  created_at TIMESTAMP NOT NULL,
  mailed_at TIMESTAMP,
  mail_error VARCHAR(2000)
);
CREATE INDEX IF NOT EXISTS parcours_message_dossier ON parcours_message (dossier_id, created_at);

-- The documents Parcours drew up for a dossier (notification.DossierDocuments): one row per document, its file
-- under parcours.documents.storage, its SHA-256 to prove later which document was sent.
CREATE TABLE IF NOT EXISTS parcours_document (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  notification_key VARCHAR(100) NOT NULL,
  process_instance_id VARCHAR(64) NOT NULL,
  dossier_id VARCHAR(64),
  kind VARCHAR(64) NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS parcours_document_once ON parcours_document (notification_key);
CREATE INDEX IF NOT EXISTS parcours_document_dossier ON parcours_document (process_instance_id);
