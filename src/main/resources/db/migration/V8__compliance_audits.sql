-- The compliance audits (issue 18, seed 003 step 6.2), one row per audit, kept apart from the engine's history.
-- running_certificate holds the audited certificate while the audit runs and is emptied when it ends: the unique
-- index keeps two audits of one certificate from running at once, even when two auditors open them at the same
-- instant (the second one's insert waits for the first and is refused).
CREATE TABLE parcours_audit (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  certificate_number VARCHAR(100) NOT NULL,
  running_certificate VARCHAR(100),
  dossier_id VARCHAR(64) NOT NULL,
  process_instance_id VARCHAR(64) NOT NULL,
  opened_by VARCHAR(255),
  opened_at TIMESTAMP NOT NULL,
  closed_at TIMESTAMP,
  outcome VARCHAR(32)
);
CREATE UNIQUE INDEX parcours_audit_running ON parcours_audit (running_certificate);
CREATE INDEX parcours_audit_certificate ON parcours_audit (certificate_number);
