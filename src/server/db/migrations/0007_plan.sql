-- Step 3 of the practice model: collaborate (samarbeta) — the child's plan ("Barnets plan",
-- "Min barnets bästa plan") and the two-step handover of the coordinator (samordnare) and the
-- barnets bästa-ansvarig roles.
--
-- One plan per child: never two active ones (a partial unique index; the API answers 409). The plan
-- has a level (1–3) with an append-only history of changes and their reasons, the services taking
-- part (each with exactly one contact person on the child's team), needs per wellbeing-wheel
-- indicator, goals, actions (what, who, which service, by when, status), the child's own voice ("Det
-- här tycker jag"), each custodial guardian's view in its own field, and recorded disagreements.
-- SIP minimum content (actions needed, who does what, who has overall responsibility = the
-- coordinator in team_membership, follow-up = next_review_date) is representable on every plan.
-- Meetings, reviews, closing and reopening are the next slice; `status` is already here for them.

CREATE TABLE plan (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  -- "Bakgrund och nuläge": why there is a plan, in a few sentences.
  background text,
  -- Follow-up: when the plan is to be reviewed next (SIP: uppföljning).
  next_review_date date,
  -- The plan also serves as the child's SIP (samordnad individuell plan).
  is_sip boolean NOT NULL DEFAULT false,
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  created_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  -- The record belongs to the creator's unit and OSL secrecy domain, like concerns (migration 0010 enforces it).
  owning_unit_id uuid REFERENCES unit(id),
  secrecy_domain text CHECK (secrecy_domain IN ('school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other')),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id)
);
CREATE INDEX plan_child_idx ON plan(child_id, created_at);
-- Never two active plans for one child (the API turns a violation into a clear 409).
CREATE UNIQUE INDEX plan_one_active_per_child ON plan(child_id) WHERE status = 'active';

-- The level's history: every change with its reason (the first row is the plan's creation).
-- Append-only like the chronology: corrections are new rows.
CREATE TABLE plan_level_change (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  child_id uuid NOT NULL REFERENCES child(id),
  level_before smallint CHECK (level_before BETWEEN 1 AND 3),
  level_after smallint NOT NULL CHECK (level_after BETWEEN 1 AND 3),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  changed_by_person_id uuid NOT NULL REFERENCES person(id),
  changed_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  changed_at timestamptz NOT NULL
);
CREATE INDEX plan_level_change_plan_idx ON plan_level_change(plan_id, changed_at);

CREATE FUNCTION plan_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the plan''s history is append-only (% on %): add a new entry instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER plan_level_change_no_update BEFORE UPDATE OR DELETE ON plan_level_change
  FOR EACH ROW EXECUTE FUNCTION plan_history_append_only();
CREATE TRIGGER plan_level_change_no_truncate BEFORE TRUNCATE ON plan_level_change
  FOR EACH STATEMENT EXECUTE FUNCTION plan_history_append_only();

-- A service (organisation + unit) taking part, with exactly one contact person: someone on the
-- child's team whose assignment is in that unit (checked by the service layer when set).
CREATE TABLE plan_service (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  unit_id uuid NOT NULL REFERENCES unit(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  contact_person_id uuid NOT NULL REFERENCES person(id),
  contact_assignment_id uuid NOT NULL REFERENCES assignment(id),
  -- What the service does in the plan ("Socialtjänsten erbjuder familjestöd").
  contribution text,
  -- No longer taking part (kept: actions and history refer to it).
  ended_on date,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id)
);
CREATE INDEX plan_service_plan_idx ON plan_service(plan_id);
-- One entry per unit while it takes part.
CREATE UNIQUE INDEX plan_service_one_per_unit ON plan_service(plan_id, unit_id) WHERE ended_on IS NULL;

-- A need, linked to one wellbeing-wheel indicator.
CREATE TABLE plan_need (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  indicator text NOT NULL CHECK (indicator IN ('safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included')),
  description text NOT NULL CHECK (length(btrim(description)) > 0),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id)
);
CREATE INDEX plan_need_plan_idx ON plan_need(plan_id);

-- A goal, linked to a need and/or to indicators.
CREATE TABLE plan_goal (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  description text NOT NULL CHECK (length(btrim(description)) > 0),
  need_id uuid REFERENCES plan_need(id),
  indicators text[] NOT NULL DEFAULT '{}'
    CHECK (indicators <@ ARRAY['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included']::text[]),
  target_date date,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id)
);
CREATE INDEX plan_goal_plan_idx ON plan_goal(plan_id);

-- An action: what, who is responsible (a professional on the team, one of the child's guardians, or
-- the child), which service, by when, and its status. At level 3 every action has a responsible
-- person and a due date (checked by the service layer, which names the action when one is missing).
CREATE TABLE plan_action (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  what text NOT NULL CHECK (length(btrim(what)) > 0),
  goal_id uuid REFERENCES plan_goal(id),
  service_id uuid REFERENCES plan_service(id),
  responsible_kind text CHECK (responsible_kind IN ('professional', 'guardian', 'child')),
  responsible_person_id uuid REFERENCES person(id),
  responsible_assignment_id uuid REFERENCES assignment(id),
  responsible_guardian_id uuid REFERENCES guardian(id),
  due_date date,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id),
  CHECK ((responsible_kind = 'professional') = (responsible_person_id IS NOT NULL AND responsible_assignment_id IS NOT NULL)),
  CHECK (responsible_kind = 'professional' OR (responsible_person_id IS NULL AND responsible_assignment_id IS NULL)),
  CHECK ((responsible_kind = 'guardian') = (responsible_guardian_id IS NOT NULL))
);
CREATE INDEX plan_action_plan_idx ON plan_action(plan_id);
-- The to-do view: open actions by the responsible assignment.
CREATE INDEX plan_action_open_responsible_idx ON plan_action(responsible_assignment_id, due_date) WHERE status IN ('planned', 'in_progress');

-- "Det här tycker jag": the child's own voice, dated, recorded by someone — or written by the child.
CREATE TABLE plan_voice (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  recorded_on date NOT NULL,
  written_by_child boolean NOT NULL DEFAULT false,
  recorded_by_person_id uuid NOT NULL REFERENCES person(id),
  recorded_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id)
);
CREATE INDEX plan_voice_plan_idx ON plan_voice(plan_id, recorded_on);

-- Each custodial guardian's view, in its own field: one per guardian per plan.
CREATE TABLE plan_guardian_view (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  guardian_id uuid NOT NULL REFERENCES guardian(id),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  recorded_on date NOT NULL,
  written_by_guardian boolean NOT NULL DEFAULT false,
  recorded_by_person_id uuid NOT NULL REFERENCES person(id),
  recorded_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id),
  UNIQUE (plan_id, guardian_id)
);

-- Disagreements: who (the child, a guardian or a professional), about what, and what they think.
-- Recorded, never changed (a later view is a new entry).
CREATE TABLE plan_disagreement (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plan(id),
  party_kind text NOT NULL CHECK (party_kind IN ('child', 'guardian', 'professional')),
  party_guardian_id uuid REFERENCES guardian(id),
  party_person_id uuid REFERENCES person(id),
  party_assignment_id uuid REFERENCES assignment(id),
  about text NOT NULL CHECK (length(btrim(about)) > 0),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  recorded_on date NOT NULL,
  recorded_by_person_id uuid NOT NULL REFERENCES person(id),
  recorded_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  created_at timestamptz NOT NULL,
  CHECK ((party_kind = 'guardian') = (party_guardian_id IS NOT NULL)),
  CHECK ((party_kind = 'professional') = (party_person_id IS NOT NULL AND party_assignment_id IS NOT NULL))
);
CREATE INDEX plan_disagreement_plan_idx ON plan_disagreement(plan_id, created_at);
CREATE TRIGGER plan_disagreement_no_update BEFORE UPDATE OR DELETE ON plan_disagreement
  FOR EACH ROW EXECUTE FUNCTION plan_history_append_only();
CREATE TRIGGER plan_disagreement_no_truncate BEFORE TRUNCATE ON plan_disagreement
  FOR EACH STATEMENT EXECUTE FUNCTION plan_history_append_only();

-- Handing over the coordinator or the barnets bästa-ansvarig role: offer → accept / decline. The
-- holder (from_membership_id; NULL when the role is vacant and someone on the team appoints) stays
-- responsible until the receiver accepts; team_membership changes only then, in one transaction.
CREATE TABLE role_handover (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  -- The active plan when the offer was made (a barnets bästa-ansvarig exists without a plan).
  plan_id uuid REFERENCES plan(id),
  team_role text NOT NULL CHECK (team_role IN ('coordinator', 'best_interest_lead')),
  from_membership_id uuid REFERENCES team_membership(id),
  from_person_id uuid REFERENCES person(id),
  from_assignment_id uuid REFERENCES assignment(id),
  to_person_id uuid NOT NULL REFERENCES person(id),
  to_assignment_id uuid NOT NULL REFERENCES assignment(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  respond_by date NOT NULL,
  offered_at timestamptz NOT NULL,
  offered_by_person_id uuid NOT NULL REFERENCES person(id),
  offered_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  responded_at timestamptz,
  -- Why the receiver declined (optional; seen by the team, never by anyone else).
  response_note text,
  CHECK ((from_membership_id IS NULL) = (from_person_id IS NULL) AND (from_person_id IS NULL) = (from_assignment_id IS NULL)),
  CHECK ((status = 'pending') = (responded_at IS NULL))
);
CREATE INDEX role_handover_child_idx ON role_handover(child_id, offered_at);
CREATE INDEX role_handover_receiver_idx ON role_handover(to_assignment_id) WHERE status = 'pending';
-- One open offer per role and child.
CREATE UNIQUE INDEX role_handover_one_pending ON role_handover(child_id, team_role) WHERE status = 'pending';

-- A role handed on the day it was taken leaves an empty period (valid_to = valid_from - 1): kept
-- for the history, valid on no day. Same constraint name, wider rule.
ALTER TABLE team_membership DROP CONSTRAINT team_membership_check;
ALTER TABLE team_membership ADD CONSTRAINT team_membership_check CHECK (valid_to IS NULL OR valid_to >= valid_from - 1);

-- The chronology gets the plan's events (same constraint names, wider lists): the plan was drawn up,
-- and its level changed. Only concern entries point at a concern.
ALTER TABLE chronology_entry DROP CONSTRAINT chronology_entry_kind_check;
ALTER TABLE chronology_entry ADD CONSTRAINT chronology_entry_kind_check
  CHECK (kind IN ('note', 'concern_raised', 'concern_decided', 'plan_created', 'plan_level_changed'));
ALTER TABLE chronology_entry DROP CONSTRAINT chronology_entry_check;
ALTER TABLE chronology_entry ADD CONSTRAINT chronology_entry_check
  CHECK ((kind IN ('concern_raised', 'concern_decided')) = (concern_id IS NOT NULL));

-- Plan records are corrected (versioned UPDATE), never deleted by the application; the level
-- history and the disagreements are only appended to.
GRANT SELECT, INSERT, UPDATE ON plan, plan_service, plan_need, plan_goal, plan_action, plan_voice, plan_guardian_view, role_handover TO barnkompass_app;
GRANT SELECT, INSERT ON plan_level_change, plan_disagreement TO barnkompass_app;
