-- What a registration is on, where its kind needs it (issue 17): the generic line(s) of a generic-line code, as
-- their names read in the published code list. Null for the other kinds.
ALTER TABLE parcours_registration ADD COLUMN line_name VARCHAR(1000);
