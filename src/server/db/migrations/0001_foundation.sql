-- Foundation: organisations, units (with secrecy domain), people, assignments, children,
-- guardians and custody, enrolments, teams, sessions, and the append-only audit chain.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'barnkompass_app') THEN
    CREATE ROLE barnkompass_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  -- Another database on the same cluster created it at the same moment (roles are cluster-wide).
  NULL;
END $$;

CREATE TABLE organisation (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('region', 'municipality', 'state_agency', 'independent')),
  municipality_code text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE unit (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN (
    'preschool', 'compulsory_school', 'upper_secondary_school', 'student_health_medical',
    'student_health_psychosocial', 'social_services', 'child_health_centre', 'child_psychiatry',
    'youth_clinic', 'leisure_centre', 'police', 'youth_follow_up', 'administration', 'analysis')),
  -- OSL: school and övrig elevhälsa (23 kap.), medical elevhälsa (25 kap., a separate domain
  -- even inside the same school), health care incl. BUP (25 kap.), social services (26 kap.).
  secrecy_domain text NOT NULL CHECK (secrecy_domain IN (
    'school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other')),
  municipality_code text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_org_idx ON unit(organisation_id);

CREATE TABLE person (
  id uuid PRIMARY KEY,
  given_name text NOT NULL,
  family_name text NOT NULL,
  email text,
  phone text,
  -- Demo login name (demo mode only) and the OIDC subject the identity provider sends.
  username text UNIQUE,
  oidc_issuer text,
  oidc_subject text,
  enabled boolean NOT NULL DEFAULT true,
  is_test_data boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (oidc_issuer, oidc_subject)
);

CREATE TABLE assignment (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  unit_id uuid REFERENCES unit(id),
  role text NOT NULL CHECK (role IN (
    'preschool_teacher', 'teacher', 'principal', 'special_educator', 'school_nurse', 'school_doctor',
    'school_psychologist', 'school_counsellor', 'social_worker', 'social_services_manager',
    'child_health_nurse', 'child_psychiatry_clinician', 'youth_clinic_staff', 'leisure_leader',
    'police_officer', 'youth_follow_up_officer', 'analyst', 'manager', 'unit_admin', 'system_admin')),
  title text,
  valid_from date NOT NULL DEFAULT current_date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX assignment_person_idx ON assignment(person_id);

CREATE TABLE child (
  id uuid PRIMARY KEY,
  personnummer text NOT NULL UNIQUE CHECK (personnummer ~ '^[0-9]{12}$'),
  given_name text NOT NULL,
  family_name text NOT NULL,
  birth_date date NOT NULL,
  gender text NOT NULL CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  municipality_code text NOT NULL,
  address_line text,
  postal_code text,
  city text,
  protected_identity boolean NOT NULL DEFAULT false,
  -- Kronoberg's levels: 1 universal, 2 early support in own service, 3 coordinated support.
  support_level smallint NOT NULL DEFAULT 1 CHECK (support_level BETWEEN 1 AND 3),
  is_test_data boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE guardian (
  id uuid PRIMARY KEY,
  personnummer text UNIQUE CHECK (personnummer ~ '^[0-9]{12}$'),
  given_name text NOT NULL,
  family_name text NOT NULL,
  phone text,
  email text,
  address_line text,
  postal_code text,
  city text,
  is_test_data boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE custody (
  child_id uuid NOT NULL REFERENCES child(id),
  guardian_id uuid NOT NULL REFERENCES guardian(id),
  relation text NOT NULL CHECK (relation IN ('parent', 'appointed_guardian', 'foster_parent', 'other')),
  has_custody boolean NOT NULL,
  lives_with_child boolean NOT NULL DEFAULT true,
  valid_from date NOT NULL DEFAULT current_date,
  valid_to date,
  PRIMARY KEY (child_id, guardian_id)
);
CREATE INDEX custody_guardian_idx ON custody(guardian_id);

CREATE TABLE enrolment (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  unit_id uuid NOT NULL REFERENCES unit(id),
  grade text,
  valid_from date NOT NULL,
  valid_to date
);
CREATE INDEX enrolment_child_idx ON enrolment(child_id);

-- The child's team: who works with the child, in which assignment and role, and when.
CREATE TABLE team_membership (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  person_id uuid NOT NULL REFERENCES person(id),
  assignment_id uuid NOT NULL REFERENCES assignment(id),
  team_role text NOT NULL CHECK (team_role IN ('coordinator', 'best_interest_lead', 'contact_person', 'member')),
  valid_from date NOT NULL DEFAULT current_date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX team_child_idx ON team_membership(child_id);
CREATE INDEX team_assignment_idx ON team_membership(assignment_id, child_id);

CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id),
  assignment_id uuid REFERENCES assignment(id),
  login_method text NOT NULL CHECK (login_method IN ('oidc', 'dev')),
  -- When the identity provider says which unit/role this login is for: the assignments allowed.
  allowed_assignment_ids uuid[],
  id_token text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_person_idx ON user_session(person_id);

-- Short-lived state of an OIDC login between the redirect and the callback.
CREATE TABLE oidc_login_state (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL DEFAULT '/',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Audit: one verifiable order (seq, gap-free), each row chained to the previous by hash.
CREATE TABLE audit_event (
  seq bigint PRIMARY KEY,
  -- Random, for references from elsewhere; not indexed: every index is paid on the hot read path.
  id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_person_id uuid,
  actor_assignment_id uuid,
  child_id uuid,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  outcome text NOT NULL CHECK (outcome IN ('permitted', 'denied', 'not_found', 'failed')),
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  row_hash text NOT NULL
);
CREATE INDEX audit_child_idx ON audit_event(child_id, occurred_at);
CREATE INDEX audit_actor_idx ON audit_event(actor_person_id, occurred_at);

-- The chain head, copied out of the audit table periodically so that cutting the tail is detectable.
CREATE TABLE audit_anchor (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  anchored_at timestamptz NOT NULL DEFAULT now(),
  seq bigint NOT NULL,
  row_hash text NOT NULL
);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit tables are append-only (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE OR DELETE ON audit_anchor
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Grants: the application role reads and writes business data, but only appends to the audit.
GRANT USAGE ON SCHEMA public TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON organisation, unit, person, assignment, child, guardian,
  custody, enrolment, team_membership, user_session, oidc_login_state TO barnkompass_app;
GRANT SELECT, INSERT ON audit_event, audit_anchor TO barnkompass_app;
