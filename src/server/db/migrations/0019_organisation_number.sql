-- An organisation is the same organisation in every source: its organisation number (10 digits,
-- 212000-0689 is stored 2120000689) — the huvudman in SS 12000 and the employer in the HR export
-- are one municipality. And there is one municipality per municipality code.
ALTER TABLE organisation ADD COLUMN organisation_number text UNIQUE CHECK (organisation_number ~ '^[0-9]{10}$');
CREATE UNIQUE INDEX organisation_one_municipality_idx ON organisation(municipality_code) WHERE kind = 'municipality';
