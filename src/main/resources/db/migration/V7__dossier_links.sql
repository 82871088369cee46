-- A dossier that continues another (transitional.NominalContinuation: a transitional-phase dossier continued into a
-- nominal candidature without retyping it), kept apart from the engine's history so that the link outlives its
-- cleanup, as the certificates do.
CREATE TABLE IF NOT EXISTS parcours_dossier_link (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  from_dossier_id VARCHAR(64) NOT NULL,
  to_dossier_id VARCHAR(64) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  to_process_key VARCHAR(255) NOT NULL,
  linked_at TIMESTAMP NOT NULL,
  linked_by VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS parcours_dossier_link_from ON parcours_dossier_link (from_dossier_id);
CREATE INDEX IF NOT EXISTS parcours_dossier_link_to ON parcours_dossier_link (to_dossier_id);
