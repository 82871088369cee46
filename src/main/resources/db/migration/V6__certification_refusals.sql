-- A certification the ANS refused, with its reasons (issue 17): a generic line whose minimum requirements the device
-- does not meet. Kept in the device's records beside its certificates, never deleted with the engine's history.
CREATE TABLE parcours_certification_refusal (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  device_id VARCHAR(36) NOT NULL REFERENCES parcours_device (id),
  referential VARCHAR(255) NOT NULL,
  reasons VARCHAR(4000) NOT NULL,
  refused_at TIMESTAMP NOT NULL,
  dossier_id VARCHAR(64),
  process_instance_id VARCHAR(64) NOT NULL
);
CREATE UNIQUE INDEX parcours_certification_refusal_once ON parcours_certification_refusal (process_instance_id, referential);
CREATE INDEX parcours_certification_refusal_device ON parcours_certification_refusal (device_id);
