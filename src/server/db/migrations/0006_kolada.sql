-- Kolada (RKA's municipal KPI database, API v3): KPI metadata, values per municipality, year and
-- gender, the import-run log, and the mapping of KPIs to wheel indicators and goal-chain stages.
-- Official aggregate statistics only: nothing here is about an individual child.

CREATE TABLE kolada_kpi (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,32}$'),
  title text NOT NULL,
  description text,
  -- Kolada joins several areas/perspectives with commas, and names contain ", " themselves
  -- ("Kommunen, övergripande"): kept as sent, not split.
  operating_area text,
  has_ou_data boolean,
  is_divided_by_gender boolean,
  municipality_type text,
  perspective text,
  publ_period text,
  auspice text,
  prel_publication_date date,
  publication_date date,
  -- Every field the importer does not know (and any known one it could not read), as sent.
  extra jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kolada_value (
  kpi_id text NOT NULL REFERENCES kolada_kpi(id) ON DELETE CASCADE,
  municipality_code text NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
  period integer NOT NULL CHECK (period BETWEEN 1900 AND 2200),
  -- T total, K women/girls (kvinnor), M men/boys (män).
  gender text NOT NULL CHECK (gender IN ('T', 'K', 'M')),
  value numeric,
  count integer,
  -- '' (a value), 'Missing', 'Privacy', 'Not applicable', or whatever else Kolada sends, as is.
  status text NOT NULL DEFAULT '',
  -- A value Kolada suppresses for privacy is never stored, whatever the response says.
  CHECK (status <> 'Privacy' OR value IS NULL),
  run_id bigint,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kpi_id, municipality_code, period, gender)
);
CREATE INDEX kolada_value_municipality_idx ON kolada_value (municipality_code, kpi_id, period);

CREATE TABLE kolada_import_run (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  -- Scheme, host and path only (no credentials, no query).
  base_url text NOT NULL,
  kpis text[] NOT NULL,
  municipalities text[] NOT NULL,
  -- NULL = all years Kolada has.
  years integer[],
  full_import boolean NOT NULL,
  -- The from_date sent (the start date of the last successful run covering this scope), or NULL.
  from_date date,
  requests integer NOT NULL DEFAULT 0,
  kpis_imported integer NOT NULL DEFAULT 0,
  rows_received integer NOT NULL DEFAULT 0,
  rows_inserted integer NOT NULL DEFAULT 0,
  rows_updated integer NOT NULL DEFAULT 0,
  rows_unchanged integer NOT NULL DEFAULT 0,
  rows_deleted integer NOT NULL DEFAULT 0,
  -- [{ "message": "...", "url": "..." }]; warnings (e.g. unknown KPI ids) are kept apart.
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  CHECK (finished_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX kolada_import_run_success_idx ON kolada_import_run (started_at DESC) WHERE status = 'succeeded';

-- How the follow-up groups a KPI: by wheel indicator (NULL = context for a goal-chain stage only)
-- and by the goal chain resources → volume → quality → effects. Analysts may change these rows;
-- the defaults below match DEFAULT_KPI_MAPPING in src/server/modules/kolada/defaults.ts.
CREATE TABLE kolada_kpi_mapping (
  kpi_id text PRIMARY KEY CHECK (kpi_id ~ '^[A-Za-z0-9_-]{1,32}$'),
  wheel_indicator text CHECK (wheel_indicator IN ('safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included')),
  goal_stage text NOT NULL CHECK (goal_stage IN ('resources', 'volume', 'quality', 'effects')),
  polarity text NOT NULL DEFAULT 'none' CHECK (polarity IN ('higher_is_better', 'lower_is_better', 'none')),
  rationale text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO kolada_kpi_mapping (kpi_id, wheel_indicator, goal_stage, polarity, rationale) VALUES
  ('N15613', 'safe', 'effects', 'higher_is_better', 'Pupils grade 5 who feel safe at school'),
  ('N15643', 'safe', 'effects', 'higher_is_better', 'Pupils grade 8 who feel safe at school'),
  ('N17673', 'safe', 'effects', 'higher_is_better', 'Upper-secondary year 2 pupils who feel safe at school'),
  ('N15418', 'achieving', 'effects', 'higher_is_better', 'Grade 9 pupils meeting all knowledge requirements (school municipality)'),
  ('N15419', 'achieving', 'effects', 'higher_is_better', 'Grade 9 pupils meeting all knowledge requirements (municipal schools)'),
  ('N15508', 'achieving', 'effects', 'higher_is_better', 'Grade 9 pupils meeting all knowledge requirements (home municipality)'),
  ('N15507', 'achieving', 'effects', 'higher_is_better', 'Grade 9 merit rating (home municipality)'),
  ('N15428', 'achieving', 'effects', 'higher_is_better', 'Grade 9 pupils eligible for a vocational programme (home municipality)'),
  ('N15436', 'achieving', 'effects', 'higher_is_better', 'Grade 9 pupils eligible for a vocational programme (municipal schools)'),
  ('N17461', 'achieving', 'effects', 'higher_is_better', 'Upper-secondary diploma within 4 years'),
  ('N17538', 'achieving', 'effects', 'higher_is_better', 'University eligibility within 4 years'),
  ('N17625', 'achieving', 'effects', 'lower_is_better', 'Study allowance withdrawn for unexcused absence (truancy)'),
  ('U33601', 'achieving', 'effects', 'higher_is_better', '17-year-olds placed throughout grade 9 who completed compulsory school'),
  ('U33602', 'achieving', 'effects', 'higher_is_better', '20-year-olds placed throughout grade 9 who completed upper secondary'),
  ('U33606', 'achieving', 'effects', 'higher_is_better', 'Comparison: 17-year-olds not placed who completed compulsory school'),
  ('U33608', 'achieving', 'effects', 'higher_is_better', 'Comparison: 20-year-olds not placed who completed upper secondary'),
  ('U15442', 'achieving', 'quality', 'higher_is_better', 'Grade 9 results against the model-predicted value (value added)'),
  ('N33802', 'nurtured', 'volume', 'none', 'Children 0-20 with individually assessed open interventions (additional help to the family)'),
  ('N33812', 'nurtured', 'volume', 'none', 'Children 0-20 placed in family homes during the year (care setting)'),
  ('N33813', 'nurtured', 'volume', 'none', 'Children 0-20 placed in residential care (HVB) during the year'),
  ('U33820', 'respected', 'quality', 'higher_is_better', 'Girls 0-11 given the opportunity to take part in their investigation'),
  ('U33821', 'respected', 'quality', 'higher_is_better', 'Boys 0-11 given the opportunity to take part in their investigation'),
  ('U33822', 'respected', 'quality', 'higher_is_better', 'Girls 12-18 given the opportunity to take part in their investigation'),
  ('U33823', 'respected', 'quality', 'higher_is_better', 'Boys 12-18 given the opportunity to take part in their investigation'),
  ('N09890', 'active', 'volume', 'higher_is_better', 'Children 6-15 in music or arts school'),
  ('U09800', 'active', 'volume', 'higher_is_better', 'Participations in sports clubs per inhabitant 7-20'),
  ('U09808', 'active', 'volume', 'higher_is_better', 'Participations in sports clubs per inhabitant 13-20'),
  ('N09805', 'active', 'volume', 'higher_is_better', 'Library activities for children and young people per 1000 inhabitants 0-18'),
  ('N15629', NULL, 'effects', 'higher_is_better', 'Grade 5 pupils satisfied with their school (no single wheel indicator)'),
  ('N15659', NULL, 'effects', 'higher_is_better', 'Grade 8 pupils satisfied with their school (no single wheel indicator)'),
  ('N11821', NULL, 'volume', 'none', 'Children 3-5 enrolled in preschool (no single wheel indicator)');

-- The application reads; imports run as the schema owner (CLI, or an owner transaction).
-- Analysts maintain the mapping through the application.
GRANT SELECT ON kolada_kpi, kolada_value, kolada_import_run TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON kolada_kpi_mapping TO barnkompass_app;
