-- The day an ANS window's nominal phase opens, as an ANS reviewer recorded it on /ans-windows
-- (transitional.WindowPhases) once the texts that open it are published (seed 004 §6.5), with who recorded it, when,
-- and the texts it rests on: one row per window, never changed from the page.
CREATE TABLE IF NOT EXISTS parcours_ans_window_opening (
  window_id VARCHAR(64) NOT NULL PRIMARY KEY,
  nominal_opens_on DATE NOT NULL,
  legal_reference VARCHAR(500) NOT NULL,
  recorded_at TIMESTAMP NOT NULL,
  recorded_by VARCHAR(255) NOT NULL,
  dossiers_told INTEGER NOT NULL
);
