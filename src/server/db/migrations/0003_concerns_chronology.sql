-- Step 1 of the practice model: noticing (uppmärksamma) a concern about a child, and the
-- child's shared, append-only chronology.

-- A concern: what was seen or heard, since when, which wheel indicators it touches, the five GIRFEC
-- questions as a checklist (each answer is free text; NULL = not yet answered), a decision deadline
-- and, once decided, the decision. The record belongs to the author's unit and secrecy domain (OSL
-- 23/25/26 kap.): the record-level access rules (migration 0010) enforce cross-domain disclosure on these columns.
CREATE TABLE concern (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  observation text NOT NULL CHECK (length(btrim(observation)) > 0),
  observed_since date,
  earlier_concerns text,
  indicators text[] NOT NULL DEFAULT '{}'
    CHECK (indicators <@ ARRAY['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included']::text[]),
  -- The five questions (DOMAIN.md §1).
  q_getting_in_the_way text,
  q_information_needed text,
  q_what_i_can_do text,
  q_what_my_agency_can_do text,
  q_additional_help text,
  decision_due date NOT NULL,
  decision text CHECK (decision IN ('no_further_action', 'own_service', 'collaboration')),
  decision_reason text,
  decided_at timestamptz,
  decided_by_person_id uuid REFERENCES person(id),
  decided_by_assignment_id uuid REFERENCES assignment(id),
  created_by_person_id uuid NOT NULL REFERENCES person(id),
  created_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  owning_unit_id uuid REFERENCES unit(id),
  secrecy_domain text CHECK (secrecy_domain IN ('school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Who saved the current version (shown when someone else's change wins: 412).
  updated_by_person_id uuid NOT NULL REFERENCES person(id),
  -- A decision is all or nothing: what, why, who and when.
  CHECK ((decision IS NULL AND decision_reason IS NULL AND decided_at IS NULL AND decided_by_person_id IS NULL AND decided_by_assignment_id IS NULL)
      OR (decision IS NOT NULL AND coalesce(length(btrim(decision_reason)), 0) > 0 AND decided_at IS NOT NULL AND decided_by_person_id IS NOT NULL AND decided_by_assignment_id IS NOT NULL))
);
CREATE INDEX concern_child_idx ON concern(child_id, created_at);
-- The to-do view: undecided concerns by author, and by child (for coordinators).
CREATE INDEX concern_open_author_idx ON concern(created_by_person_id, decision_due) WHERE decision IS NULL;
CREATE INDEX concern_open_child_idx ON concern(child_id, decision_due) WHERE decision IS NULL;

-- The chronology: significant events in a child's life, shared by everyone on the team. Entries are
-- never changed or removed (a correction is a new entry), so it can be trusted as a record of what
-- was known when.
CREATE TABLE chronology_entry (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  -- note: written by a person; concern_raised / concern_decided: added by the concern workflow.
  kind text NOT NULL CHECK (kind IN ('note', 'concern_raised', 'concern_decided')),
  event_date date NOT NULL,
  significance text NOT NULL CHECK (significance IN ('low', 'medium', 'high')),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  concern_id uuid REFERENCES concern(id),
  -- Codes only (e.g. the decision and the support levels before and after), never free text.
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  source_organisation_id uuid NOT NULL REFERENCES organisation(id),
  source_unit_id uuid REFERENCES unit(id),
  secrecy_domain text CHECK (secrecy_domain IN ('school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other')),
  entered_by_person_id uuid NOT NULL REFERENCES person(id),
  entered_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'note') = (concern_id IS NULL))
);
CREATE INDEX chronology_child_idx ON chronology_entry(child_id, event_date, created_at);

CREATE FUNCTION chronology_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the chronology is append-only (% on %): add a correcting entry instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER chronology_no_update BEFORE UPDATE OR DELETE ON chronology_entry
  FOR EACH ROW EXECUTE FUNCTION chronology_append_only();
CREATE TRIGGER chronology_no_truncate BEFORE TRUNCATE ON chronology_entry
  FOR EACH STATEMENT EXECUTE FUNCTION chronology_append_only();

-- Concerns are updated (edits, the decision) but never deleted; the chronology is only appended to.
GRANT SELECT, INSERT, UPDATE ON concern TO barnkompass_app;
GRANT SELECT, INSERT ON chronology_entry TO barnkompass_app;
