-- The model's first step from any serving unit, and bringing in another service.
--
-- 1. A professional at a unit that serves a child (child_serving_unit, migration 0017) may raise a
--    concern without being on the child's team. The concern goes to the person who decides: the
--    child's barnets bästa-ansvarig, or else the lead of the author's unit (access/serving-unit.ts
--    holds the lead roles per unit kind). Where it went, and on which basis, is kept here.
CREATE TABLE concern_recipient (
  concern_id uuid PRIMARY KEY REFERENCES concern(id),
  child_id uuid NOT NULL REFERENCES child(id),
  recipient_person_id uuid NOT NULL REFERENCES person(id),
  recipient_assignment_id uuid NOT NULL REFERENCES assignment(id),
  -- Why this person: the child's barnets bästa-ansvarig, or the lead of the author's unit.
  recipient_reason text NOT NULL CHECK (recipient_reason IN ('best_interest_lead', 'unit_lead')),
  -- How the author's unit serves the child (child_serving_unit.basis) on the day it was raised.
  serving_basis text NOT NULL CHECK (serving_basis IN ('enrolment', 'student_health', 'listing')),
  serving_unit_id uuid NOT NULL REFERENCES unit(id),
  -- The recipient was put on the child's team (as member, from that day) to be able to decide it.
  joined_team boolean NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX concern_recipient_assignment_idx ON concern_recipient(recipient_assignment_id, recipient_person_id);
CREATE INDEX concern_recipient_child_idx ON concern_recipient(child_id);

-- 2. A request for assistance (the samordningsfunktion): the child's coordinator asks a unit of
--    another organisation or service to join the team. It rests on a consent in force that names the
--    receiving unit, or on a legal basis from the catalogue that allows the pair of secrecy domains.
--    The receiving unit's lead accepts (naming the professional who joins; the team row is written in
--    the same transaction) or declines with a reason; the sender may withdraw it while it waits.
CREATE TABLE assistance_request (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  from_person_id uuid NOT NULL REFERENCES person(id),
  from_assignment_id uuid NOT NULL REFERENCES assignment(id),
  from_unit_id uuid REFERENCES unit(id),
  from_domain text CHECK (from_domain IN ('school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other')),
  to_unit_id uuid NOT NULL REFERENCES unit(id),
  basis_kind text NOT NULL CHECK (basis_kind IN ('consent', 'legal_basis')),
  consent_id uuid REFERENCES consent(id),
  legal_basis_id uuid REFERENCES legal_basis(id),
  message text NOT NULL CHECK (length(btrim(message)) > 0),
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  joined_person_id uuid REFERENCES person(id),
  joined_assignment_id uuid REFERENCES assignment(id),
  joined_team_role text CHECK (joined_team_role IN ('member', 'contact_person')),
  team_membership_id uuid REFERENCES team_membership(id),
  decline_reason text,
  answered_by_person_id uuid REFERENCES person(id),
  answered_by_assignment_id uuid REFERENCES assignment(id),
  answered_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK ((basis_kind = 'consent') = (consent_id IS NOT NULL)),
  CHECK ((basis_kind = 'legal_basis') = (legal_basis_id IS NOT NULL)),
  CHECK ((status = 'accepted') = (team_membership_id IS NOT NULL)),
  CHECK (status <> 'declined' OR length(btrim(coalesce(decline_reason, ''))) > 0),
  CHECK ((status = 'pending') = (answered_at IS NULL))
);
CREATE INDEX assistance_request_child_idx ON assistance_request(child_id, created_at);
CREATE INDEX assistance_request_to_unit_idx ON assistance_request(to_unit_id, status);
-- One waiting request per child and receiving unit.
CREATE UNIQUE INDEX assistance_request_one_pending ON assistance_request(child_id, to_unit_id) WHERE status = 'pending';

-- The chronology gets the team's changes from these steps (none points at a concern): someone joined
-- the team to decide a concern, and a request for assistance was sent, accepted, declined or
-- withdrawn. Widened like migrations 0008 and 0009 do, whatever earlier kinds exist.
DO $$
DECLARE
  c record;
  k text;
BEGIN
  FOREACH k IN ARRAY ARRAY['team_member_added', 'assistance_requested', 'assistance_accepted', 'assistance_declined', 'assistance_withdrawn'] LOOP
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

-- Routing is written once; a request changes status (answered, withdrawn) but is never deleted.
GRANT SELECT, INSERT ON concern_recipient TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE ON assistance_request TO barnkompass_app;
