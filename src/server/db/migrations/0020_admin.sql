-- Administration in the UI: an organisation's admins create and correct units, people and
-- assignments by hand. Edited rows carry a version (optimistic concurrency: ETag / If-Match); any
-- change to the row — by hand or by an import — moves it on, so an admin never overwrites an
-- import's change unseen. Nothing is deleted: units and assignments are ended, people disabled.

ALTER TABLE unit ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE person ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE assignment ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE FUNCTION admin_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW IS DISTINCT FROM OLD THEN
    NEW.version := OLD.version + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER unit_version BEFORE UPDATE ON unit FOR EACH ROW EXECUTE FUNCTION admin_bump_version();
CREATE TRIGGER person_version BEFORE UPDATE ON person FOR EACH ROW EXECUTE FUNCTION admin_bump_version();
CREATE TRIGGER assignment_version BEFORE UPDATE ON assignment FOR EACH ROW EXECUTE FUNCTION admin_bump_version();

-- An assignment can be ended the day before it starts (it never took effect), as health listings can.
ALTER TABLE assignment DROP CONSTRAINT IF EXISTS assignment_check;
ALTER TABLE assignment ADD CONSTRAINT assignment_period CHECK (valid_to IS NULL OR valid_to >= valid_from - 1);
