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
