-- The key of the form a message was written in (dossierpage.DossierPages puts a new one in each form it shows): the
-- same form posted twice (a double click, a browser sending it again, two tabs of one page) keeps one message and
-- mails once. Unique per author; the messages written before have none (NULLs never collide).
ALTER TABLE parcours_message ADD COLUMN IF NOT EXISTS submission VARCHAR(64);
CREATE UNIQUE INDEX IF NOT EXISTS parcours_message_submission ON parcours_message (author, submission);
