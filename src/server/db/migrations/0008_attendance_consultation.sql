-- Anonymous consultation (konsultationsteam) and school attendance (närvaro).

-- ---------------------------------------------------------------------------------------------
-- Konsultationsteam. A consultation team is a group of professionals (elevhälsa, social services,
-- BUP, ...) who each keep their own assignment; membership names the assignment they sit in the
-- team with, so — like the child's team — it counts only while acting in that assignment.
-- (A unit kind or a role would force every member into one unit or one role; they are neither.)
CREATE TABLE consultation_team (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  -- The municipalities whose professionals may bring cases; NULL = the whole county.
  municipality_codes text[],
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE consultation_team_member (
  id uuid PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES consultation_team(id),
  person_id uuid NOT NULL REFERENCES person(id),
  assignment_id uuid NOT NULL REFERENCES assignment(id),
  valid_from date NOT NULL DEFAULT current_date,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX consultation_team_member_assignment_idx ON consultation_team_member(assignment_id, team_id);

-- An anonymous case: structured fields and free text that the API has checked for things that
-- look like personnummer, e-mail addresses and phone numbers. There is no child id, no name and no
-- personnummer column, on purpose. Visible to the author's assignment and the team's members.
CREATE TABLE consultation_case (
  id uuid PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES consultation_team(id),
  age_band text NOT NULL CHECK (age_band IN ('unborn', '0_2', '3_5', '6_9', '10_12', '13_15', '16_18')),
  school_stage text NOT NULL CHECK (school_stage IN (
    'not_in_school', 'preschool', 'preschool_class', 'grades_1_3', 'grades_4_6', 'grades_7_9', 'upper_secondary', 'other')),
  municipality_code text NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
  indicators text[] NOT NULL DEFAULT '{}'
    CHECK (indicators <@ ARRAY['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included']::text[]),
  description text NOT NULL CHECK (length(btrim(description)) > 0),
  question text,
  -- The team's advice (all or nothing): text, the day of the consultation, who took part (roles,
  -- never names), and whether the team judged that an orosanmälan must be made.
  advice text,
  consulted_on date,
  participant_roles text[] NOT NULL DEFAULT '{}',
  mandatory_report_advised boolean NOT NULL DEFAULT false,
  advised_at timestamptz,
  advised_by_person_id uuid REFERENCES person(id),
  advised_by_assignment_id uuid REFERENCES assignment(id),
  -- Linked to a named child (after consent, see consultation_link_consent): when and by whom.
  linked_at timestamptz,
  linked_by_person_id uuid REFERENCES person(id),
  linked_by_assignment_id uuid REFERENCES assignment(id),
  author_person_id uuid NOT NULL REFERENCES person(id),
  author_assignment_id uuid NOT NULL REFERENCES assignment(id),
  author_organisation_id uuid NOT NULL REFERENCES organisation(id),
  author_unit_id uuid REFERENCES unit(id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id),
  CHECK ((advice IS NULL AND consulted_on IS NULL AND advised_at IS NULL AND advised_by_person_id IS NULL AND advised_by_assignment_id IS NULL)
      OR (coalesce(length(btrim(advice)), 0) > 0 AND consulted_on IS NOT NULL AND advised_at IS NOT NULL AND advised_by_person_id IS NOT NULL AND advised_by_assignment_id IS NOT NULL)),
  CHECK ((linked_at IS NULL AND linked_by_person_id IS NULL AND linked_by_assignment_id IS NULL)
      OR (linked_at IS NOT NULL AND linked_by_person_id IS NOT NULL AND linked_by_assignment_id IS NOT NULL AND advice IS NOT NULL))
);
CREATE INDEX consultation_case_author_idx ON consultation_case(author_assignment_id, created_at);
CREATE INDEX consultation_case_team_idx ON consultation_case(team_id, created_at);

-- MINIMAL consent record for linking one consultation case to a named child: who gave consent
-- (guardian 1, guardian 2 and/or the child), how, on which day, and who recorded it. The consent
-- issue will generalise consent (scope: services, data, purpose; validity; withdrawal). This table
-- is kept separate from consultation_case on purpose so that it can be moved into that model
-- without touching the case; until then it is append-only for the application.
CREATE TABLE consultation_link_consent (
  id uuid PRIMARY KEY,
  consultation_case_id uuid NOT NULL UNIQUE REFERENCES consultation_case(id),
  child_id uuid NOT NULL REFERENCES child(id),
  given_by text[] NOT NULL CHECK (cardinality(given_by) > 0 AND given_by <@ ARRAY['guardian_1', 'guardian_2', 'child']::text[]),
  method text NOT NULL CHECK (method IN ('signed_paper', 'digital', 'verbal_documented')),
  given_on date NOT NULL,
  recorded_by_person_id uuid NOT NULL REFERENCES person(id),
  recorded_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  recorded_at timestamptz NOT NULL,
  -- The chronology entry the advice was copied into (same transaction).
  chronology_entry_id uuid NOT NULL REFERENCES chronology_entry(id)
);
CREATE INDEX consultation_link_consent_child_idx ON consultation_link_consent(child_id);

-- The chronology gets one more kind: 'consultation_advice' (the team's advice, copied when a case
-- is linked to the child; no concern). Earlier migrations may have added kinds of their own, so
-- every CHECK on chronology_entry that mentions the kind is widened rather than rewritten:
-- CHECK (old) becomes CHECK ((kind = 'consultation_advice' AND concern_id IS NULL) OR (old)),
-- under the same name.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN
    SELECT conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint
     WHERE conrelid = 'chronology_entry'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) ~ '\mkind\M'
  LOOP
    IF position('consultation_advice' IN c.def) = 0 THEN
      EXECUTE format('ALTER TABLE chronology_entry DROP CONSTRAINT %I', c.conname);
      EXECUTE format('ALTER TABLE chronology_entry ADD CONSTRAINT %I CHECK ((kind = %L AND concern_id IS NULL) OR (%s))',
                     c.conname, 'consultation_advice', regexp_replace(c.def, '^CHECK\s*', ''));
    END IF;
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Närvaro. Absence thresholds per organisation (no row = the defaults from the configuration).
CREATE TABLE attendance_threshold (
  organisation_id uuid PRIMARY KEY REFERENCES organisation(id),
  total_absence_pct numeric(5, 2) NOT NULL CHECK (total_absence_pct > 0 AND total_absence_pct <= 100),
  invalid_absence_pct numeric(5, 2) NOT NULL CHECK (invalid_absence_pct > 0 AND invalid_absence_pct <= 100),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id),
  updated_by_assignment_id uuid NOT NULL REFERENCES assignment(id)
);

-- One imported file for one school unit and period. The same file (by SHA-256 of its text) for the
-- same unit is imported once; a second upload is a no-op that answers with this summary. No file
-- name is kept (names like "Kalle_Andersson.csv" happen), and no personnummer: only line numbers.
CREATE TABLE attendance_import (
  id uuid PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES unit(id),
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  period_start date NOT NULL,
  period_end date NOT NULL,
  measure text NOT NULL CHECK (measure IN ('minutes', 'lessons')),
  rows_total integer NOT NULL CHECK (rows_total >= 0),
  rows_imported integer NOT NULL CHECK (rows_imported >= 0),
  not_enrolled_lines integer[] NOT NULL DEFAULT '{}',
  children integer NOT NULL CHECK (children >= 0),
  alerts_raised integer NOT NULL CHECK (alerts_raised >= 0),
  -- Lines of pupils over a threshold whose child has nobody in Barnkompass to review the alert yet.
  alerts_without_reviewer_lines integer[] NOT NULL DEFAULT '{}',
  total_threshold_pct numeric(5, 2) NOT NULL,
  invalid_threshold_pct numeric(5, 2) NOT NULL,
  imported_by_person_id uuid NOT NULL REFERENCES person(id),
  imported_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  imported_at timestamptz NOT NULL,
  UNIQUE (unit_id, file_sha256),
  CHECK (period_end >= period_start)
);
CREATE INDEX attendance_import_unit_idx ON attendance_import(unit_id, imported_at);

-- One pupil's attendance in one import: the sums of the pupil's lines over the period.
CREATE TABLE attendance_record (
  id uuid PRIMARY KEY,
  import_id uuid NOT NULL REFERENCES attendance_import(id),
  child_id uuid NOT NULL REFERENCES child(id),
  unit_id uuid NOT NULL REFERENCES unit(id),
  period_start date NOT NULL,
  period_end date NOT NULL,
  measure text NOT NULL CHECK (measure IN ('minutes', 'lessons')),
  scheduled integer NOT NULL CHECK (scheduled >= 0),
  valid_absence integer NOT NULL CHECK (valid_absence >= 0),
  invalid_absence integer NOT NULL CHECK (invalid_absence >= 0),
  source_lines integer NOT NULL CHECK (source_lines > 0),
  CHECK (valid_absence + invalid_absence <= scheduled),
  UNIQUE (import_id, child_id)
);
CREATE INDEX attendance_record_child_idx ON attendance_record(child_id, period_start);

-- An alert for a person to review: never a plan, never a concern by itself. The reviewer either
-- dismisses it with a reason or creates a concern (through the concerns module, same transaction).
-- One alert per child, unit and period: a corrected file for the same period does not raise again.
CREATE TABLE attendance_alert (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  unit_id uuid NOT NULL REFERENCES unit(id),
  import_id uuid NOT NULL REFERENCES attendance_import(id),
  record_id uuid NOT NULL REFERENCES attendance_record(id),
  period_start date NOT NULL,
  period_end date NOT NULL,
  measure text NOT NULL CHECK (measure IN ('minutes', 'lessons')),
  scheduled integer NOT NULL,
  valid_absence integer NOT NULL,
  invalid_absence integer NOT NULL,
  total_absence_pct numeric(5, 2) NOT NULL,
  invalid_absence_pct numeric(5, 2) NOT NULL,
  total_threshold_pct numeric(5, 2) NOT NULL,
  invalid_threshold_pct numeric(5, 2) NOT NULL,
  triggered text[] NOT NULL CHECK (cardinality(triggered) > 0 AND triggered <@ ARRAY['total', 'invalid']::text[]),
  review_due date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'concern_created')),
  dismiss_reason text,
  concern_id uuid REFERENCES concern(id),
  reviewed_at timestamptz,
  reviewed_by_person_id uuid REFERENCES person(id),
  reviewed_by_assignment_id uuid REFERENCES assignment(id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  CHECK ((status = 'open' AND reviewed_at IS NULL AND reviewed_by_person_id IS NULL AND reviewed_by_assignment_id IS NULL AND dismiss_reason IS NULL AND concern_id IS NULL)
      OR (status = 'dismissed' AND reviewed_at IS NOT NULL AND reviewed_by_person_id IS NOT NULL AND reviewed_by_assignment_id IS NOT NULL
          AND coalesce(length(btrim(dismiss_reason)), 0) > 0 AND concern_id IS NULL)
      OR (status = 'concern_created' AND reviewed_at IS NOT NULL AND reviewed_by_person_id IS NOT NULL AND reviewed_by_assignment_id IS NOT NULL
          AND dismiss_reason IS NULL AND concern_id IS NOT NULL)),
  UNIQUE (child_id, unit_id, period_start, period_end)
);
CREATE INDEX attendance_alert_open_idx ON attendance_alert(unit_id, child_id) WHERE status = 'open';

-- Grants. Cases are edited (advice, link) but never deleted; consent records and attendance data
-- are only added; alerts are reviewed (UPDATE) but never deleted; thresholds are edited.
GRANT SELECT ON consultation_team, consultation_team_member TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE ON consultation_case TO barnkompass_app;
GRANT SELECT, INSERT ON consultation_link_consent TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE ON attendance_threshold TO barnkompass_app;
GRANT SELECT, INSERT ON attendance_import, attendance_record TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE ON attendance_alert TO barnkompass_app;
