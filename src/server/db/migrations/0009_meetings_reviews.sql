-- Steps 4–6 of the practice model on the child's plan: meet (network meetings), follow up
-- (reviews with a coded outcome per action) and close (with a coded reason; reopenable).
--
-- A network meeting belongs to one plan: when and where (a place, or digital), its purpose, an
-- agenda, who is invited (professionals on the team, the child, each guardian — by reference) with
-- their attendance, the notes written in the meeting, and its status (planned → held | cancelled).
-- It is versioned like the plan's items. Decisions taken in the meeting are append-only; a decision
-- may create a new action in the plan or change an existing one (status, due date, responsible) in
-- the same transaction, and then names that action.
--
-- A review (uppföljning) is recorded once: the date, a coded outcome for every open action (done,
-- continue, change, bring in another service) with an optional comment, and the next review date.
-- Closing and reopening a plan are appended to plan_status_change (the plan's history).

CREATE TABLE plan_meeting (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  child_id uuid NOT NULL REFERENCES child(id),
  meeting_date date NOT NULL,
  -- Swedish local time as entered ("14:30"): a meeting is on a Swedish calendar day.
  start_time time NOT NULL,
  end_time time CHECK (end_time IS NULL OR end_time > start_time),
  -- Either a place, or digital (then a place is optional: e.g. a link is sent separately).
  place text,
  digital boolean NOT NULL DEFAULT false,
  purpose text NOT NULL CHECK (length(btrim(purpose)) > 0),
  agenda text[] NOT NULL DEFAULT '{}',
  notes text,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  cancelled_reason text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  created_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id),
  CHECK (digital OR length(btrim(coalesce(place, ''))) > 0)
);
CREATE INDEX plan_meeting_plan_idx ON plan_meeting(plan_id, meeting_date);
CREATE INDEX plan_meeting_upcoming_idx ON plan_meeting(meeting_date) WHERE status = 'planned';

-- Who is invited, by reference, and whether they attend. Replaced as a whole when the meeting's
-- invitation list changes (under the meeting's version).
CREATE TABLE plan_meeting_invitee (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES plan_meeting(id),
  kind text NOT NULL CHECK (kind IN ('professional', 'child', 'guardian')),
  person_id uuid REFERENCES person(id),
  assignment_id uuid REFERENCES assignment(id),
  guardian_id uuid REFERENCES guardian(id),
  attendance text NOT NULL DEFAULT 'invited' CHECK (attendance IN ('invited', 'attending', 'absent', 'excused')),
  position smallint NOT NULL,
  CHECK ((kind = 'professional') = (person_id IS NOT NULL AND assignment_id IS NOT NULL)),
  CHECK (kind = 'professional' OR (person_id IS NULL AND assignment_id IS NULL)),
  CHECK ((kind = 'guardian') = (guardian_id IS NOT NULL))
);
CREATE INDEX plan_meeting_invitee_meeting_idx ON plan_meeting_invitee(meeting_id, position);
-- The to-do view: meetings I am invited to.
CREATE INDEX plan_meeting_invitee_assignment_idx ON plan_meeting_invitee(assignment_id) WHERE assignment_id IS NOT NULL;

-- Decisions taken in a meeting. Recorded, never changed. When a decision created or changed an
-- action, action_id names it and action_change says how (codes and dates only: what it set).
CREATE TABLE plan_meeting_decision (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES plan_meeting(id),
  plan_id uuid NOT NULL REFERENCES plan(id),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  effect text NOT NULL CHECK (effect IN ('none', 'action_created', 'action_changed')),
  action_id uuid REFERENCES plan_action(id),
  action_change jsonb,
  decided_at timestamptz NOT NULL,
  decided_by_person_id uuid NOT NULL REFERENCES person(id),
  decided_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  CHECK ((effect = 'none') = (action_id IS NULL))
);
CREATE INDEX plan_meeting_decision_meeting_idx ON plan_meeting_decision(meeting_id, decided_at);
CREATE TRIGGER plan_meeting_decision_no_update BEFORE UPDATE OR DELETE ON plan_meeting_decision
  FOR EACH ROW EXECUTE FUNCTION plan_history_append_only();
CREATE TRIGGER plan_meeting_decision_no_truncate BEFORE TRUNCATE ON plan_meeting_decision
  FOR EACH STATEMENT EXECUTE FUNCTION plan_history_append_only();

-- A review (uppföljning) of the plan, recorded once.
CREATE TABLE plan_review (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  child_id uuid NOT NULL REFERENCES child(id),
  reviewed_on date NOT NULL,
  -- The meeting the review was held in, when there was one.
  meeting_id uuid REFERENCES plan_meeting(id),
  summary text,
  -- What the plan's next review date was before, and what it was set to.
  previous_review_date date,
  next_review_date date,
  created_at timestamptz NOT NULL,
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  created_by_assignment_id uuid NOT NULL REFERENCES assignment(id)
);
CREATE INDEX plan_review_plan_idx ON plan_review(plan_id, reviewed_on);

-- The coded outcome for one action at a review.
CREATE TABLE plan_review_outcome (
  id uuid PRIMARY KEY,
  review_id uuid NOT NULL REFERENCES plan_review(id),
  action_id uuid NOT NULL REFERENCES plan_action(id),
  outcome text NOT NULL CHECK (outcome IN ('done', 'continue', 'change', 'bring_in_service')),
  comment text,
  -- For "change": the action's text and due date before and after.
  what_before text,
  what_after text,
  due_before date,
  due_after date,
  position smallint NOT NULL,
  UNIQUE (review_id, action_id),
  CHECK (outcome <> 'change' OR what_after IS NOT NULL OR due_after IS NOT NULL)
);
CREATE INDEX plan_review_outcome_action_idx ON plan_review_outcome(action_id);

CREATE TRIGGER plan_review_no_update BEFORE UPDATE OR DELETE ON plan_review
  FOR EACH ROW EXECUTE FUNCTION plan_history_append_only();
CREATE TRIGGER plan_review_no_truncate BEFORE TRUNCATE ON plan_review
  FOR EACH STATEMENT EXECUTE FUNCTION plan_history_append_only();
CREATE TRIGGER plan_review_outcome_no_update BEFORE UPDATE OR DELETE ON plan_review_outcome
  FOR EACH ROW EXECUTE FUNCTION plan_history_append_only();
CREATE TRIGGER plan_review_outcome_no_truncate BEFORE TRUNCATE ON plan_review_outcome
  FOR EACH STATEMENT EXECUTE FUNCTION plan_history_append_only();

-- Closing and reopening: the plan's status history. A close has a coded reason (and a text when
-- the reason is "other"); a reopen has a text reason.
CREATE TABLE plan_status_change (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  child_id uuid NOT NULL REFERENCES child(id),
  status_after text NOT NULL CHECK (status_after IN ('active', 'closed')),
  reason_code text CHECK (reason_code IN ('goals_met', 'family_declined', 'moved', 'handed_over_to_sip', 'handed_over_to_social_services', 'other')),
  reason_text text,
  changed_by_person_id uuid NOT NULL REFERENCES person(id),
  changed_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  changed_at timestamptz NOT NULL,
  CHECK ((status_after = 'closed') = (reason_code IS NOT NULL)),
  CHECK (reason_code IS DISTINCT FROM 'other' OR length(btrim(coalesce(reason_text, ''))) > 0),
  CHECK (status_after = 'closed' OR length(btrim(coalesce(reason_text, ''))) > 0)
);
CREATE INDEX plan_status_change_plan_idx ON plan_status_change(plan_id, changed_at);
CREATE TRIGGER plan_status_change_no_update BEFORE UPDATE OR DELETE ON plan_status_change
  FOR EACH ROW EXECUTE FUNCTION plan_history_append_only();
CREATE TRIGGER plan_status_change_no_truncate BEFORE TRUNCATE ON plan_status_change
  FOR EACH STATEMENT EXECUTE FUNCTION plan_history_append_only();

-- The plan's status may change (close/reopen): the plan row's status column already allows it.

-- The chronology gets the plan's closing and reopening, meetings held, and accepted role handovers
-- (none points at a concern). Widened like migration 0008 does, whatever earlier kinds exist.
DO $$
DECLARE
  c record;
  k text;
BEGIN
  FOREACH k IN ARRAY ARRAY['plan_closed', 'plan_reopened', 'plan_meeting_held', 'role_handover_accepted'] LOOP
    FOR c IN
      SELECT conname, pg_get_constraintdef(oid) AS def
        FROM pg_constraint
       WHERE conrelid = 'chronology_entry'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) ~ '\mkind\M'
    LOOP
      IF position(k IN c.def) = 0 THEN
        EXECUTE format('ALTER TABLE chronology_entry DROP CONSTRAINT %I', c.conname);
        EXECUTE format('ALTER TABLE chronology_entry ADD CONSTRAINT %I CHECK ((kind = %L AND concern_id IS NULL) OR (%s))',
                       c.conname, k, regexp_replace(c.def, '^CHECK\s*', ''));
      END IF;
    END LOOP;
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON plan_meeting TO barnkompass_app;
GRANT SELECT, INSERT, DELETE ON plan_meeting_invitee TO barnkompass_app;
GRANT SELECT, INSERT ON plan_meeting_decision, plan_review, plan_review_outcome, plan_status_change TO barnkompass_app;
