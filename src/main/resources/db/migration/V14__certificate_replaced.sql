-- A re-certification's certificate replaces the previous one of the same device and referential (seed 003,
-- "cycles de certification": the device is certified again against the new version): the previous one is no
-- longer in force, but kept with the day it was replaced and the certificate that replaced it. A certificate
-- already withdrawn keeps its withdrawal. The certificates issued before this version are marked here: each one
-- in force with a newer certificate of its device and referential is replaced by the first that came after it.
ALTER TABLE parcours_certificate ADD COLUMN replaced_by VARCHAR(100);
ALTER TABLE parcours_certificate ADD COLUMN replaced_at TIMESTAMP;
UPDATE parcours_certificate c SET
  replaced_by = (SELECT n.number FROM parcours_certificate n WHERE n.device_id = c.device_id
      AND n.referential = c.referential AND n.issued_at > c.issued_at ORDER BY n.issued_at, n.number LIMIT 1),
  replaced_at = (SELECT MIN(n.issued_at) FROM parcours_certificate n WHERE n.device_id = c.device_id
      AND n.referential = c.referential AND n.issued_at > c.issued_at)
  WHERE c.withdrawn_at IS NULL AND EXISTS (SELECT 1 FROM parcours_certificate n WHERE n.device_id = c.device_id
      AND n.referential = c.referential AND n.issued_at > c.issued_at);
