-- What a company document replaces: the id of the document of its dossier and kind that was the latest when it was
-- sent ('none' for the first). Two sends of one Kbis at the very same instant both read the same latest and both
-- wrote a row; now the second is refused by this index, reads again, finds the first and keeps it. A file sent
-- again after another follows that other one, so it is kept again. The documents sent before have none (NULLs
-- never collide).
ALTER TABLE parcours_company_document ADD COLUMN IF NOT EXISTS follows VARCHAR(36);
CREATE UNIQUE INDEX IF NOT EXISTS parcours_company_document_follows
  ON parcours_company_document (process_instance_id, kind, follows);
