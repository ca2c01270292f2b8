-- The family's own Barnkompass (the portal): children and guardians log in with their personnummer
-- (the Swedish OIDC profile's claim, through BankID or Freja), separately from the staff.

-- A family member's session: a guardian or a child, never both, never a member of staff (their own
-- table and cookie, so that a family session cannot reach a staff route, nor the other way round).
CREATE TABLE citizen_session (
  token_hash text PRIMARY KEY,
  guardian_id uuid REFERENCES guardian(id),
  child_id uuid REFERENCES child(id),
  login_method text NOT NULL CHECK (login_method IN ('oidc', 'dev')),
  id_token text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK ((guardian_id IS NULL) <> (child_id IS NULL))
);
CREATE INDEX citizen_session_guardian_idx ON citizen_session(guardian_id);
CREATE INDEX citizen_session_child_idx ON citizen_session(child_id);

-- A child sees their own Barnkompass from when a professional on the team has recorded a judgement
-- of the child's maturity (no fixed age). Withdrawn, never deleted.
CREATE TABLE child_maturity_judgement (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  judged_by_person_id uuid NOT NULL REFERENCES person(id),
  judged_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  valid_from date NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  withdrawn_on date,
  withdrawn_by_person_id uuid REFERENCES person(id),
  created_at timestamptz NOT NULL,
  CHECK (withdrawn_on IS NULL OR withdrawn_on >= valid_from)
);
CREATE INDEX child_maturity_child_idx ON child_maturity_judgement(child_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON citizen_session TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE ON child_maturity_judgement TO barnkompass_app;
