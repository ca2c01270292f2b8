-- Orosanmälan (report of concern to social services), log review
-- (logguppföljning) with documented outcomes, and the log reviewer role.

-- ---------------------------------------------------------------------------------------------
-- The log reviewer role. The role set is a CHECK constraint on assignment.role (0001). Another
-- migration may already have widened it, so the new constraint is built from the current one
-- (its definition with 'log_reviewer' added), not from a copy of 0001's list.
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(c.oid) INTO def
    FROM pg_constraint c
   WHERE c.conrelid = 'assignment'::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%''system_admin''%'
   LIMIT 1;
  IF def IS NULL THEN
    RAISE EXCEPTION 'the role check constraint of assignment was not found';
  END IF;
  IF position('''log_reviewer''' IN def) = 0 THEN
    EXECUTE (SELECT 'ALTER TABLE assignment DROP CONSTRAINT ' || quote_ident(c.conname)
               FROM pg_constraint c
              WHERE c.conrelid = 'assignment'::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) = def LIMIT 1);
    EXECUTE 'ALTER TABLE assignment ADD CONSTRAINT assignment_role_check ' ||
            replace(def, '''system_admin''::text', '''system_admin''::text, ''log_reviewer''::text');
  END IF;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Orosanmälan. The duty to report (anmälningsskyldighet) rests on everyone who learns of a child
-- at risk in their work, so filing does not need a place on the child's team and never depends on
-- consent. The statute each report was made under is versioned data: laws change (SoL 2025:400
-- replaced SoL 2001:453 on 2025-07-01), and a report keeps the reference it was filed under.
CREATE TABLE report_legal_basis (
  id text PRIMARY KEY,
  statute_reference text NOT NULL,
  description text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
INSERT INTO report_legal_basis (id, statute_reference, description, valid_from, valid_to) VALUES
  ('sol_2001_453_14_1', '14 kap. 1 § socialtjänstlagen (2001:453)',
   'Skyldighet att genast anmäla till socialnämnden vid kännedom om eller misstanke om att ett barn far illa.', '2002-01-01', '2025-06-30'),
  ('sol_2025_400_anmalan', 'Socialtjänstlagen (2025:400), anmälningsskyldighet om barn (motsvarar 14 kap. 1 § SoL 2001:453)',
   'Skyldighet att genast anmäla till socialnämnden vid kännedom om eller misstanke om att ett barn far illa.', '2025-07-01', NULL);

CREATE TABLE report_of_concern (
  id uuid PRIMARY KEY,
  -- The child when the personnummer is one the system knows; the reporter is never told.
  child_id uuid REFERENCES child(id),
  child_personnummer text NOT NULL CHECK (child_personnummer ~ '^[0-9]{12}$'),
  -- As the reporter wrote it (a report from scratch); from the child's page it is the record's name.
  child_name text NOT NULL CHECK (length(btrim(child_name)) > 0),
  -- The social services of this municipality receive it.
  municipality_code text NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
  legal_basis_id text NOT NULL REFERENCES report_legal_basis(id),
  source text NOT NULL CHECK (source IN ('child_page', 'from_scratch')),
  concern_text text NOT NULL CHECK (length(btrim(concern_text)) > 0),
  immediate_danger boolean NOT NULL,
  guardians_informed text NOT NULL CHECK (guardians_informed IN ('yes', 'no', 'not_appropriate')),
  -- The reporter, seen only by themselves and by social services — never by guardians or the child.
  reporter_person_id uuid NOT NULL REFERENCES person(id),
  reporter_assignment_id uuid NOT NULL REFERENCES assignment(id),
  reporter_unit_id uuid REFERENCES unit(id),
  reporter_phone text,
  created_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by_person_id uuid REFERENCES person(id),
  acknowledged_by_assignment_id uuid REFERENCES assignment(id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by_person_id IS NULL))
);
CREATE INDEX report_of_concern_municipality_idx ON report_of_concern(municipality_code, created_at);
CREATE INDEX report_of_concern_reporter_idx ON report_of_concern(reporter_person_id, created_at);
CREATE INDEX report_of_concern_child_idx ON report_of_concern(child_id);

-- Återkoppling: social services' feedback, for the reporter's eyes only. Append-only.
CREATE TABLE report_feedback (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES report_of_concern(id),
  kind text NOT NULL CHECK (kind IN ('investigation_opened', 'no_investigation', 'already_known', 'other')),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  created_at timestamptz NOT NULL,
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  created_by_assignment_id uuid NOT NULL REFERENCES assignment(id)
);
CREATE INDEX report_feedback_report_idx ON report_feedback(report_id, created_at);

-- ---------------------------------------------------------------------------------------------
-- Log review (logguppföljning): samples drawn from the audit for one organisation's staff, each
-- with a documented outcome. A sample points at an audit row by its seq (the audit itself is
-- append-only and is never joined by a foreign key, so it stays independent of this table).
CREATE TABLE log_review_sample (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  kind text NOT NULL CHECK (kind IN (
    'random', 'off_team', 'break_glass', 'protected_identity', 'out_of_hours', 'many_children', 'after_membership_ended')),
  audit_seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_person_id uuid,
  actor_assignment_id uuid,
  child_id uuid,
  -- Why the rule picked it, as ids and numbers (e.g. {"children": 31, "windowMinutes": 10}).
  reason jsonb NOT NULL DEFAULT '{}'::jsonb,
  drawn_at timestamptz NOT NULL,
  drawn_by_person_id uuid NOT NULL REFERENCES person(id),
  drawn_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  outcome text CHECK (outcome IN ('ok', 'follow_up', 'incident')),
  outcome_note text,
  outcome_at timestamptz,
  outcome_by_person_id uuid REFERENCES person(id),
  outcome_by_assignment_id uuid REFERENCES assignment(id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  UNIQUE (organisation_id, kind, audit_seq),
  CHECK ((outcome IS NULL) = (outcome_at IS NULL)),
  CHECK (outcome IS NULL OR outcome = 'ok' OR length(btrim(coalesce(outcome_note, ''))) > 0)
);
CREATE INDEX log_review_sample_org_idx ON log_review_sample(organisation_id, drawn_at);

-- No new index on audit_event: every index is paid on the hot read path. Sampling reads the
-- audit through audit_actor_idx (actor_person_id, occurred_at) for the organisation's people.

GRANT SELECT ON report_legal_basis TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE ON report_of_concern, log_review_sample TO barnkompass_app;
GRANT SELECT, INSERT ON report_feedback TO barnkompass_app;
-- Retention purge of review samples older than the configured period (never the audit).
GRANT DELETE ON log_review_sample TO barnkompass_app;

CREATE FUNCTION report_feedback_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report feedback is append-only (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER report_feedback_no_update BEFORE UPDATE OR DELETE ON report_feedback
  FOR EACH ROW EXECUTE FUNCTION report_feedback_append_only();
