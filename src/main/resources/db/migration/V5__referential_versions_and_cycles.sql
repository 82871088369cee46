-- Re-certification cycles (issue 18, point 3): the versions of a referential that the ANS reviewers publish, and
-- the new certification cycles of a device, each linked to the certificate it renews.

-- A version of a referential, published by an ANS reviewer with the day it applies from. Opposable: every device
-- certified under the version before must be certified again (Parcours opens the cycles); not opposable: the
-- devices conform through technical evolutions, no cycle opens.
CREATE TABLE parcours_referential_version (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  referential VARCHAR(255) NOT NULL,
  version VARCHAR(64) NOT NULL,
  previous_version VARCHAR(64) NOT NULL,
  applies_from DATE NOT NULL,
  opposable BOOLEAN NOT NULL,
  cycles_opened INTEGER NOT NULL,
  published_by VARCHAR(64) NOT NULL,
  published_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX parcours_referential_version_once ON parcours_referential_version (referential, version);

-- A new certification cycle of a device, for the same vendor company, renewing a certificate: started by the
-- vendor (a new model or range that no longer conforms, or after a withdrawal) or by Parcours (an opposable
-- version). running_device_id holds the device while the cycle runs and is emptied when it ends: the unique index
-- keeps two cycles of one device from running at once.
CREATE TABLE parcours_recertification (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  device_id VARCHAR(36) NOT NULL REFERENCES parcours_device (id),
  running_device_id VARCHAR(36),
  previous_certificate VARCHAR(100) NOT NULL,
  reason VARCHAR(32) NOT NULL,
  referential_version VARCHAR(64),
  dossier_id VARCHAR(64) NOT NULL,
  process_instance_id VARCHAR(64) NOT NULL,
  opened_at TIMESTAMP NOT NULL,
  closed_at TIMESTAMP,
  new_certificate VARCHAR(100)
);
CREATE UNIQUE INDEX parcours_recertification_running ON parcours_recertification (running_device_id);
CREATE INDEX parcours_recertification_device ON parcours_recertification (device_id);

-- The certificate a new one renews (the link of a re-certification cycle).
ALTER TABLE parcours_certificate ADD COLUMN previous_certificate VARCHAR(100);

-- The evidence archives and proofs (evidence.EvidenceStore) and the company documents such as the Kbis extract
-- (evidence.CompanyDocuments), which their classes created at every start until this version. IF NOT EXISTS: a
-- database made before already holds them, with the same columns, and keeps its rows.
CREATE TABLE IF NOT EXISTS parcours_evidence_send (
  process_instance_id VARCHAR(64) NOT NULL,
  send_number INTEGER NOT NULL,
  archive_name VARCHAR(255) NOT NULL,
  sent_at TIMESTAMP NOT NULL,
  sent_by VARCHAR(255),
  PRIMARY KEY (process_instance_id, send_number)
);
CREATE TABLE IF NOT EXISTS parcours_evidence_proof (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  process_instance_id VARCHAR(64) NOT NULL,
  send_number INTEGER NOT NULL,
  entry_name VARCHAR(255) NOT NULL,
  proof_number VARCHAR(64) NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  stored_file VARCHAR(255) NOT NULL,
  invalid_reason VARCHAR(2000),
  invalidated_by VARCHAR(255),
  invalidated_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS parcours_evidence_proof_pi ON parcours_evidence_proof (process_instance_id);
CREATE TABLE IF NOT EXISTS parcours_company_document (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  process_instance_id VARCHAR(64) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  content_type VARCHAR(64) NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  stored_file VARCHAR(255) NOT NULL,
  sent_at TIMESTAMP NOT NULL,
  sent_by VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS parcours_company_document_pi ON parcours_company_document (process_instance_id);
