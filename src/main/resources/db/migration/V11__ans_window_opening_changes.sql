-- Each correction or withdrawal of a window's nominal opening recorded by mistake (transitional.WindowPhases, page
-- /ans-windows), allowed while no nominal candidature relies on it: what it was (the day, the texts, who recorded it
-- and when), what it became (nothing when withdrawn), why, who changed it, when, and how many dossiers were told.
CREATE TABLE IF NOT EXISTS parcours_ans_window_opening_change (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  window_id VARCHAR(64) NOT NULL,
  change_kind VARCHAR(16) NOT NULL,
  old_opens_on DATE NOT NULL,
  old_legal_reference VARCHAR(500) NOT NULL,
  old_recorded_at TIMESTAMP NOT NULL,
  old_recorded_by VARCHAR(255) NOT NULL,
  new_opens_on DATE,
  new_legal_reference VARCHAR(500),
  reason VARCHAR(1000) NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  changed_by VARCHAR(255) NOT NULL,
  dossiers_told INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS parcours_ans_window_opening_change_window
  ON parcours_ans_window_opening_change (window_id, changed_at);
