-- One certificate in force per device and referential (device.DeviceRecords#certificateIssued from this version on):
-- the rows recorded before it are marked as that rule would have. An ETAPES provisional certificate still in force
-- while the final certificate of its referential was issued at or after it: replaced by the first such one (its last
-- day was cleared when it became final, and stays so). A certificate in force with a newer one of its device and
-- referential (recorded after it: an import, or concurrent issuances): replaced by the first that came after it, as
-- V14 marked those recorded before V14. Two issued the same instant stay as they are: nothing tells which came last.
UPDATE parcours_certificate c SET
  replaced_by = (SELECT n.number FROM parcours_certificate n WHERE n.device_id = c.device_id
      AND n.referential || ' — certificat provisoire (ETAPES)' = c.referential AND n.issued_at >= c.issued_at
      ORDER BY n.issued_at, n.number LIMIT 1),
  replaced_at = (SELECT MIN(n.issued_at) FROM parcours_certificate n WHERE n.device_id = c.device_id
      AND n.referential || ' — certificat provisoire (ETAPES)' = c.referential AND n.issued_at >= c.issued_at)
  WHERE c.withdrawn_at IS NULL AND c.replaced_by IS NULL AND EXISTS (SELECT 1 FROM parcours_certificate n
      WHERE n.device_id = c.device_id AND n.referential || ' — certificat provisoire (ETAPES)' = c.referential
      AND n.issued_at >= c.issued_at);
UPDATE parcours_certificate c SET
  replaced_by = (SELECT n.number FROM parcours_certificate n WHERE n.device_id = c.device_id
      AND n.referential = c.referential AND n.issued_at > c.issued_at ORDER BY n.issued_at, n.number LIMIT 1),
  replaced_at = (SELECT MIN(n.issued_at) FROM parcours_certificate n WHERE n.device_id = c.device_id
      AND n.referential = c.referential AND n.issued_at > c.issued_at)
  WHERE c.withdrawn_at IS NULL AND c.replaced_by IS NULL AND EXISTS (SELECT 1 FROM parcours_certificate n
      WHERE n.device_id = c.device_id AND n.referential = c.referential AND n.issued_at > c.issued_at);
