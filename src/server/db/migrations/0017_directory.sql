-- The directory from a county's own sources: SS 12000 (schools and preschools), the employer's
-- HR/HSA export (staff, units and assignments of other services) and the population register
-- (children, guardians, custody, BVC listing). Every imported row is linked to the record it came
-- from, so that a second run finds it again, sees whether it changed, and ends (never deletes) what
-- the source no longer has.

-- Units: the school unit code from SS 12000, the school an elevhälsa unit belongs to, and the
-- period the unit exists (an organisation removed at the source is ended, not deleted).
ALTER TABLE unit ADD COLUMN school_unit_code text;
ALTER TABLE unit ADD COLUMN parent_unit_id uuid REFERENCES unit(id);
ALTER TABLE unit ADD COLUMN valid_to date;
CREATE INDEX unit_parent_idx ON unit(parent_unit_id) WHERE parent_unit_id IS NOT NULL;

-- Staff are matched across sources by personnummer (a kurator in both SS 12000 and the HR export).
ALTER TABLE person ADD COLUMN personnummer text UNIQUE CHECK (personnummer ~ '^[0-9]{12}$');

-- The marking the population register gives: skyddad folkbokföring or sekretessmarkering. Both set
-- protected_identity (the rules that hide address, school and contact details read that flag).
ALTER TABLE child ADD COLUMN identity_marking text NOT NULL DEFAULT 'none'
  CHECK (identity_marking IN ('none', 'confidentiality_marking', 'protected_registration'));
ALTER TABLE guardian ADD COLUMN identity_marking text NOT NULL DEFAULT 'none'
  CHECK (identity_marking IN ('none', 'confidentiality_marking', 'protected_registration'));

-- The school form of an enrolment (SS 12000 schoolType: FS, FSK, GR, GY ...); a preschool
-- placement is an enrolment at a preschool unit.
ALTER TABLE enrolment ADD COLUMN school_type text;
CREATE INDEX enrolment_unit_idx ON enrolment(unit_id, child_id);

-- Listing at a child health centre (BVC), with the nurse responsible when the register names one.
CREATE TABLE health_listing (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  unit_id uuid NOT NULL REFERENCES unit(id),
  nurse_assignment_id uuid REFERENCES assignment(id),
  valid_from date NOT NULL,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from - 1)
);
CREATE INDEX health_listing_child_idx ON health_listing(child_id);
CREATE INDEX health_listing_unit_idx ON health_listing(unit_id, child_id);

-- Class groups and other pupil groups (SS 12000 groups), their pupils, and the staff assigned to
-- them (mentor, teacher). The source's current statement: the history of who was on a child's
-- team is kept in team_membership.
CREATE TABLE pupil_group (
  id uuid PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES unit(id),
  name text NOT NULL,
  group_type text NOT NULL,
  valid_from date,
  valid_to date
);
CREATE INDEX pupil_group_unit_idx ON pupil_group(unit_id);

CREATE TABLE pupil_group_member (
  group_id uuid NOT NULL REFERENCES pupil_group(id),
  child_id uuid NOT NULL REFERENCES child(id),
  valid_from date,
  valid_to date,
  PRIMARY KEY (group_id, child_id)
);
CREATE INDEX pupil_group_member_child_idx ON pupil_group_member(child_id);

CREATE TABLE pupil_group_staff (
  group_id uuid NOT NULL REFERENCES pupil_group(id),
  assignment_id uuid NOT NULL REFERENCES assignment(id),
  staff_role text NOT NULL CHECK (staff_role IN ('mentor', 'teacher')),
  valid_from date,
  valid_to date,
  PRIMARY KEY (group_id, assignment_id)
);
CREATE INDEX pupil_group_staff_assignment_idx ON pupil_group_staff(assignment_id);

-- Team rows formed from the sources (origin 'directory') beside those people add by hand or by a
-- role handover (origin 'manual'). The directory reconciles only its own rows.
ALTER TABLE team_membership ADD COLUMN origin text NOT NULL DEFAULT 'manual'
  CHECK (origin IN ('manual', 'directory'));
CREATE INDEX team_directory_idx ON team_membership(child_id, assignment_id) WHERE origin = 'directory';

-- Which units serve a child, and when: the unit of an enrolment or placement, the elevhälsa units
-- of that school, and the BVC of a listing. A professional at a serving unit may raise a concern.
CREATE VIEW child_serving_unit AS
  SELECT e.child_id, e.unit_id, e.valid_from, e.valid_to, 'enrolment'::text AS basis FROM enrolment e
  UNION ALL
  SELECT e.child_id, u.id, e.valid_from, e.valid_to, 'student_health' FROM enrolment e
    JOIN unit u ON u.parent_unit_id = e.unit_id
  UNION ALL
  SELECT l.child_id, l.unit_id, l.valid_from, l.valid_to, 'listing' FROM health_listing l;

-- Where each imported row came from: one link per source record and the kind of row it made.
CREATE TABLE directory_link (
  source text NOT NULL CHECK (source IN ('ss12000', 'people', 'population')),
  entity text NOT NULL,
  external_id text NOT NULL,
  local_id uuid NOT NULL,
  -- A hash of what the row was last written from: unchanged input writes nothing.
  content_hash text NOT NULL,
  ended_on date,
  PRIMARY KEY (source, entity, external_id)
);
CREATE INDEX directory_link_local_idx ON directory_link(local_id);

-- Every import run: what it was asked, what it did (counts and rejections, never personal data).
CREATE TABLE directory_import_run (
  id uuid PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('ss12000', 'people', 'population')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  dry_run boolean NOT NULL,
  since timestamptz,
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  summary jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX directory_import_run_source_idx ON directory_import_run(source, started_at);

GRANT SELECT, INSERT, UPDATE ON health_listing, directory_link, directory_import_run TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON pupil_group, pupil_group_member, pupil_group_staff TO barnkompass_app;
GRANT SELECT ON child_serving_unit TO barnkompass_app;
