-- Secrecy domains enforced at record level, consent, the legal-basis catalogue,
-- disclosures under a legal basis, break-glass (emergency access), items secret from guardians and
-- protected identity. The rule that combines them lives once, in src/server/access/record-access.ts
-- (as SQL applied inside the statements that read records); these tables are its data.
--
-- Secrecy domains (OSL): school and övrig elevhälsa (23 kap.), medical elevhälsa and health care
-- incl. BUP (25 kap.), social services (26 kap.), police, other. A record (concern, chronology
-- entry, wheel assessment, plan) belongs to its author's unit and domain (migrations 0003/0004/0007).

-- ---------------------------------------------------------------------------------------------
-- Consent (samtycke, OSL 12 kap. 2 §): which units may see which domains' records of which data
-- categories about one child, for which purpose, from when until when. Evaluated at read time:
-- expiry (valid_to) and withdrawal (withdrawn_at) take effect on the next request.
CREATE TABLE consent (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  purpose text NOT NULL CHECK (length(btrim(purpose)) > 0),
  -- Who may see: the services (units) the consent covers (the reader's unit must be one of them).
  recipient_unit_ids uuid[] NOT NULL CHECK (cardinality(recipient_unit_ids) > 0),
  -- Whose records: the secrecy domains the information comes from.
  source_domains text[] NOT NULL CHECK (cardinality(source_domains) > 0
    AND source_domains <@ ARRAY['school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other']::text[]),
  -- Which data: concern, chronology, wheel, plan.
  data_categories text[] NOT NULL CHECK (cardinality(data_categories) > 0
    AND data_categories <@ ARRAY['concern', 'chronology', 'wheel', 'plan']::text[]),
  -- How it was given: a signed paper form, digitally, or verbally and documented here.
  method text NOT NULL CHECK (method IN ('signed_paper', 'digital', 'verbal_documented')),
  method_note text,
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  -- Every party whose consent is required said yes (computed when recorded from consent_party).
  given boolean NOT NULL,
  recorded_by_person_id uuid NOT NULL REFERENCES person(id),
  recorded_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  recorded_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  withdrawn_by_person_id uuid REFERENCES person(id),
  withdrawn_by_assignment_id uuid REFERENCES assignment(id),
  -- Who withdrew it: a guardian (which), the child, or recorded by a professional on their behalf.
  withdrawn_by_party text CHECK (withdrawn_by_party IN ('guardian', 'child')),
  withdrawn_by_guardian_id uuid REFERENCES guardian(id),
  withdrawal_note text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at timestamptz NOT NULL,
  updated_by_person_id uuid NOT NULL REFERENCES person(id),
  CHECK (valid_to >= valid_from),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by_person_id IS NULL) AND (withdrawn_at IS NULL) = (withdrawn_by_party IS NULL)),
  CHECK ((withdrawn_by_party = 'guardian') = (withdrawn_by_guardian_id IS NOT NULL))
);
CREATE INDEX consent_child_idx ON consent(child_id, valid_to);

-- Each party's position: every custodial guardian (both, where both have custody), and the child
-- with a documented professional judgement of maturity (no hard-coded age).
CREATE TABLE consent_party (
  id uuid PRIMARY KEY,
  consent_id uuid NOT NULL REFERENCES consent(id),
  party_kind text NOT NULL CHECK (party_kind IN ('guardian', 'child')),
  guardian_id uuid REFERENCES guardian(id),
  position text NOT NULL CHECK (position IN ('consents', 'declines', 'not_asked')),
  -- Why a custodial guardian was not asked (e.g. a court decision, unreachable for a documented reason).
  not_asked_reason text,
  -- The child: the professional's judgement of the child's age and maturity, in words.
  maturity_judgement text,
  -- The child is judged mature enough to decide this themselves (their position then decides).
  child_decides boolean NOT NULL DEFAULT false,
  CHECK ((party_kind = 'guardian') = (guardian_id IS NOT NULL)),
  CHECK (party_kind = 'child' OR (maturity_judgement IS NULL AND NOT child_decides)),
  CHECK (party_kind = 'guardian' OR length(btrim(coalesce(maturity_judgement, ''))) > 0),
  CHECK (position <> 'not_asked' OR length(btrim(coalesce(not_asked_reason, ''))) > 0)
);
CREATE INDEX consent_party_consent_idx ON consent_party(consent_id);
CREATE UNIQUE INDEX consent_party_one_guardian ON consent_party(consent_id, guardian_id) WHERE guardian_id IS NOT NULL;
CREATE UNIQUE INDEX consent_party_one_child ON consent_party(consent_id) WHERE party_kind = 'child';

-- ---------------------------------------------------------------------------------------------
-- The legal-basis catalogue (sekretessbrytande bestämmelser) as versioned data: laws change. One
-- row per (code, version); a disclosure points at the row it was made under, so history keeps the
-- text as it was. Retiring a row (retired_at, or valid_to passed) blocks new disclosures under it.
CREATE TABLE legal_basis (
  id uuid PRIMARY KEY,
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]+$'),
  edition integer NOT NULL CHECK (edition >= 1),
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  description text NOT NULL CHECK (length(btrim(description)) > 0),
  statute_reference text NOT NULL CHECK (length(btrim(statute_reference)) > 0),
  valid_from date NOT NULL,
  valid_to date,
  -- Allowed (from → to) domain pairs, as 'from>to' strings (e.g. 'school>social_services').
  allowed_pairs text[] NOT NULL CHECK (cardinality(allowed_pairs) > 0),
  retired_at timestamptz,
  retired_by_person_id uuid REFERENCES person(id),
  retirement_reason text,
  created_at timestamptz NOT NULL,
  created_by_person_id uuid REFERENCES person(id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  UNIQUE (code, edition),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK ((retired_at IS NULL) = (retirement_reason IS NULL))
);

-- A disclosure without consent: the owner of the information (a professional in the source domain,
-- on the child's team) makes records of some data categories visible to one recipient unit, under
-- one catalogue entry, with a written justification, for a time. Append-only: history is kept.
CREATE TABLE disclosure (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  legal_basis_id uuid NOT NULL REFERENCES legal_basis(id),
  justification text NOT NULL CHECK (length(btrim(justification)) > 0),
  from_domain text NOT NULL CHECK (from_domain IN ('school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other')),
  from_unit_id uuid REFERENCES unit(id),
  recipient_unit_id uuid NOT NULL REFERENCES unit(id),
  recipient_domain text NOT NULL CHECK (recipient_domain IN ('school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other')),
  data_categories text[] NOT NULL CHECK (cardinality(data_categories) > 0
    AND data_categories <@ ARRAY['concern', 'chronology', 'wheel', 'plan']::text[]),
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  disclosed_by_person_id uuid NOT NULL REFERENCES person(id),
  disclosed_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  created_at timestamptz NOT NULL,
  CHECK (valid_to >= valid_from)
);
CREATE INDEX disclosure_child_idx ON disclosure(child_id, valid_to);

-- ---------------------------------------------------------------------------------------------
-- Break-glass (nödåtkomst): one person, in one assignment, reads one child's data for a short,
-- stated time. Expiry is checked at read time. Each one gets a mandatory review afterwards.
CREATE TABLE break_glass (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  person_id uuid NOT NULL REFERENCES person(id),
  assignment_id uuid NOT NULL REFERENCES assignment(id),
  role text NOT NULL,
  unit_id uuid REFERENCES unit(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  reason text NOT NULL CHECK (length(btrim(reason)) >= 10),
  -- When the person last proved who they are (their session's login), checked against the limit.
  authenticated_at timestamptz NOT NULL,
  started_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  CHECK (expires_at > started_at)
);
CREATE INDEX break_glass_actor_idx ON break_glass(person_id, assignment_id, expires_at);
CREATE INDEX break_glass_child_idx ON break_glass(child_id, started_at);

-- The after-the-fact review: one per break-glass, never changed.
CREATE TABLE break_glass_review (
  id uuid PRIMARY KEY,
  break_glass_id uuid NOT NULL UNIQUE REFERENCES break_glass(id),
  outcome text NOT NULL CHECK (outcome IN ('justified', 'not_justified', 'follow_up')),
  note text NOT NULL CHECK (length(btrim(note)) > 0),
  reviewed_by_person_id uuid NOT NULL REFERENCES person(id),
  reviewed_by_assignment_id uuid NOT NULL REFERENCES assignment(id),
  reviewed_at timestamptz NOT NULL
);

-- Alerts: a break-glass tells the child's coordinator (person + assignment) and the log reviewers of
-- the organisation of the person who broke the glass. Shown in the to-do view until reviewed.
CREATE TABLE privacy_alert (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('break_glass')),
  child_id uuid NOT NULL REFERENCES child(id),
  break_glass_id uuid NOT NULL REFERENCES break_glass(id),
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('coordinator', 'log_reviewers')),
  recipient_person_id uuid REFERENCES person(id),
  recipient_assignment_id uuid REFERENCES assignment(id),
  organisation_id uuid REFERENCES organisation(id),
  created_at timestamptz NOT NULL,
  CHECK ((recipient_kind = 'coordinator') = (recipient_person_id IS NOT NULL AND recipient_assignment_id IS NOT NULL)),
  CHECK ((recipient_kind = 'log_reviewers') = (organisation_id IS NOT NULL))
);
CREATE INDEX privacy_alert_recipient_idx ON privacy_alert(recipient_assignment_id);
CREATE INDEX privacy_alert_org_idx ON privacy_alert(organisation_id);

-- ---------------------------------------------------------------------------------------------
-- Items secret from guardians (e.g. what the child told the school counsellor, OSL 23 kap. 2 §
-- andra stycket / 25 kap. 1 §, 12 kap. 3 §): never in anything produced for guardians.
ALTER TABLE concern ADD COLUMN secret_from_guardians boolean NOT NULL DEFAULT false;
ALTER TABLE chronology_entry ADD COLUMN secret_from_guardians boolean NOT NULL DEFAULT false;
ALTER TABLE wheel_assessment ADD COLUMN secret_from_guardians boolean NOT NULL DEFAULT false;

-- Consents and legal-basis entries change (withdrawal, retirement) but are never deleted;
-- disclosures, break-glass reviews and alerts are only added; a break-glass can be ended early.
GRANT SELECT, INSERT, UPDATE ON consent, legal_basis, break_glass TO barnkompass_app;
GRANT SELECT, INSERT ON consent_party, disclosure, break_glass_review, privacy_alert TO barnkompass_app;

CREATE FUNCTION privacy_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'this privacy record is append-only (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER disclosure_no_update BEFORE UPDATE OR DELETE ON disclosure
  FOR EACH ROW EXECUTE FUNCTION privacy_append_only();
CREATE TRIGGER break_glass_review_no_update BEFORE UPDATE OR DELETE ON break_glass_review
  FOR EACH ROW EXECUTE FUNCTION privacy_append_only();
CREATE TRIGGER consent_party_no_update BEFORE UPDATE OR DELETE ON consent_party
  FOR EACH ROW EXECUTE FUNCTION privacy_append_only();

-- The catalogue, seeded with the common bases (Swedish text: shown as is to professionals).
-- Consent itself (OSL 12 kap. 2 §) is not an entry here: it is its own record (consent) above.
INSERT INTO legal_basis (id, code, edition, title, description, statute_reference, valid_from, valid_to, allowed_pairs, created_at) VALUES
  ('6c1f0a10-0010-4000-8000-000000000001', 'osl_10_28_sol_2001_14_1', 1,
   'Anmälningsskyldighet till socialnämnden (SoL 2001:453)',
   'Uppgiftsskyldighet som följer av lag: den som är skyldig att anmäla oro för ett barn till socialnämnden får lämna de uppgifter som behövs.',
   '10 kap. 28 § OSL jämförd med 14 kap. 1 § socialtjänstlagen (2001:453)', '2009-06-30', '2025-06-30',
   ARRAY['school>social_services', 'medical_student_health>social_services', 'health_care>social_services', 'police>social_services', 'other>social_services'], now()),
  ('6c1f0a10-0010-4000-8000-000000000002', 'osl_10_28_sol_2025_anmalan', 1,
   'Anmälningsskyldighet till socialnämnden (SoL 2025:400)',
   'Uppgiftsskyldighet som följer av lag: den som är skyldig att anmäla oro för ett barn till socialnämnden får lämna de uppgifter som behövs.',
   '10 kap. 28 § OSL jämförd med anmälningsskyldigheten i socialtjänstlagen (2025:400)', '2025-07-01', NULL,
   ARRAY['school>social_services', 'medical_student_health>social_services', 'health_care>social_services', 'police>social_services', 'other>social_services'], now()),
  ('6c1f0a10-0010-4000-8000-000000000003', 'osl_10_2', 1,
   'Nödvändigt utlämnande',
   'Uppgift får lämnas om det är nödvändigt för att den utlämnande myndigheten ska kunna fullgöra sin egen verksamhet. Tolkas snävt.',
   '10 kap. 2 § OSL', '2009-06-30', NULL,
   ARRAY['school>social_services', 'school>medical_student_health', 'school>health_care', 'medical_student_health>school', 'medical_student_health>health_care', 'medical_student_health>social_services',
         'health_care>social_services', 'health_care>medical_student_health', 'health_care>school', 'social_services>school', 'social_services>health_care', 'social_services>medical_student_health'], now()),
  ('6c1f0a10-0010-4000-8000-000000000004', 'osl_25_12', 1,
   'Hälso- och sjukvård till socialtjänst eller annan vård om barn',
   'Uppgift om ett barn får lämnas från hälso- och sjukvården till socialnämnden eller annan myndighet inom hälso- och sjukvården när det behövs för en nödvändig insats till barnets skydd.',
   '25 kap. 12 § OSL', '2009-06-30', NULL,
   ARRAY['health_care>social_services', 'medical_student_health>social_services', 'health_care>medical_student_health', 'medical_student_health>health_care'], now()),
  ('6c1f0a10-0010-4000-8000-000000000005', 'osl_26_9', 1,
   'Socialtjänst till hälso- och sjukvård eller annan socialtjänst om barn',
   'Uppgift om ett barn får lämnas från socialtjänsten till en annan myndighet inom socialtjänsten eller till hälso- och sjukvården när det behövs för en nödvändig insats till barnets skydd.',
   '26 kap. 9 § OSL', '2009-06-30', NULL,
   ARRAY['social_services>health_care', 'social_services>medical_student_health'], now()),
  ('6c1f0a10-0010-4000-8000-000000000006', 'osl_10_18a', 1,
   'Samverkan skola, socialtjänst och polis om barn',
   'Uppgift om en person under 18 år får lämnas mellan skola, socialtjänst och polis om det behövs för att förebygga att barnet utvecklar ett brottsligt beteende eller utsätts för brott, i en samverkan enligt bestämmelsen.',
   '10 kap. 18 a § OSL', '2020-08-01', NULL,
   ARRAY['school>social_services', 'school>police', 'social_services>school', 'social_services>police', 'police>school', 'police>social_services'], now()),
  ('6c1f0a10-0010-4000-8000-000000000007', 'osl_10_21', 1,
   'Misstanke om brott mot barn till polis eller åklagare',
   'Uppgift som angår misstanke om brott enligt 3, 4 eller 6 kap. brottsbalken mot någon som inte fyllt 18 år får lämnas till polis eller åklagare.',
   '10 kap. 21 § OSL', '2009-06-30', NULL,
   ARRAY['school>police', 'medical_student_health>police', 'health_care>police', 'social_services>police', 'other>police'], now()),
  ('6c1f0a10-0010-4000-8000-000000000008', 'brb_24_4_nod', 1,
   'Nödsituation',
   'Uppgift får lämnas när det behövs för att avvärja fara för liv eller hälsa (nöd) och faran inte kan avvärjas på annat sätt.',
   '24 kap. 4 § brottsbalken', '1965-01-01', NULL,
   ARRAY['school>social_services', 'school>health_care', 'school>police', 'medical_student_health>health_care', 'medical_student_health>social_services', 'medical_student_health>police',
         'health_care>social_services', 'health_care>police', 'health_care>school', 'social_services>health_care', 'social_services>police', 'social_services>school', 'police>social_services', 'police>health_care'], now());
