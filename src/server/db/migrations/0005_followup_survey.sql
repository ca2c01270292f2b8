-- Population follow-up (uppföljning, DOMAIN §4): school-survey instruments, waves, items with
-- codebooks and versions, anonymous respondent microdata, population counts for response
-- rates, indicator definitions as data, and import records.
--
-- Microdata never leaves the server: the application reads survey_respondent only to build the
-- cube in memory (src/core/followup), and only aggregate cells (suppressed, with CIs) go out.
-- Storage: one row per respondent with the answers as smallint[] in the wave's item order
-- (survey_wave_item.position), so a new instrument version needs no DDL and a row stays compact;
-- the cube never queries it per request.

CREATE TABLE survey_instrument (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  owner_organisation_id uuid REFERENCES organisation(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- An item is a concept that can be followed over waves; its wording and codebook are versioned.
CREATE TABLE survey_item (
  instrument_id text NOT NULL REFERENCES survey_instrument(id),
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,63}$'),
  topic text NOT NULL,
  label_sv text NOT NULL,
  label_en text NOT NULL,
  sort_order smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (instrument_id, key)
);

CREATE TABLE survey_item_version (
  instrument_id text NOT NULL,
  item_key text NOT NULL,
  version smallint NOT NULL CHECK (version >= 1),
  question_sv text NOT NULL,
  question_en text NOT NULL,
  -- Codebook: [{ "code": 1, "labelSv": "Alltid", "labelEn": "Always", "kind": "answer" | "dont_know" }],
  -- codes 0–254 (255 is "no answer" in memory).
  options jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 1 AND 255),
  -- Not comparable with the previous version (wording, scale or options changed): trends show a
  -- series break between the waves that used them.
  breaks_series boolean NOT NULL DEFAULT false,
  change_note text,
  PRIMARY KEY (instrument_id, item_key, version),
  FOREIGN KEY (instrument_id, item_key) REFERENCES survey_item(instrument_id, key)
);

CREATE TABLE survey_wave (
  id uuid PRIMARY KEY,
  instrument_id text NOT NULL REFERENCES survey_instrument(id),
  year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  label text NOT NULL,
  grades text[] NOT NULL CHECK (cardinality(grades) >= 1),
  instrument_version text NOT NULL,
  fieldwork_from date,
  fieldwork_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (instrument_id, year),
  UNIQUE (id, instrument_id)
);

-- Which version of each item a wave asked, and its place in survey_respondent.answers (1-based).
CREATE TABLE survey_wave_item (
  wave_id uuid NOT NULL,
  instrument_id text NOT NULL,
  item_key text NOT NULL,
  item_version smallint NOT NULL,
  position smallint NOT NULL CHECK (position >= 1),
  PRIMARY KEY (wave_id, item_key),
  UNIQUE (wave_id, position),
  FOREIGN KEY (wave_id, instrument_id) REFERENCES survey_wave(id, instrument_id),
  FOREIGN KEY (instrument_id, item_key, item_version) REFERENCES survey_item_version(instrument_id, item_key, version)
);

-- School codes as survey files carry them (skolenhetskod), linked to the unit when it is one of ours.
CREATE TABLE survey_school (
  code text PRIMARY KEY CHECK (code ~ '^[0-9A-Za-z_-]{1,16}$'),
  name text NOT NULL,
  municipality_code text NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
  school_form text NOT NULL CHECK (school_form IN ('compulsory', 'upper_secondary')),
  unit_id uuid REFERENCES unit(id)
);

CREATE TABLE survey_import (
  id uuid PRIMARY KEY,
  instrument_id text NOT NULL REFERENCES survey_instrument(id),
  kind text NOT NULL CHECK (kind IN ('respondents', 'population')),
  file_name text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  -- SHA-256 of the file's bytes: the same file imported again is a no-op.
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  mapping jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('completed', 'rejected', 'withdrawn')),
  rows_total integer NOT NULL CHECK (rows_total >= 0),
  rows_imported integer NOT NULL CHECK (rows_imported >= 0),
  rows_rejected integer NOT NULL CHECK (rows_rejected >= 0),
  -- Counts per error type and the first examples (line, column, error type, message): never a
  -- respondent's values.
  summary jsonb NOT NULL,
  imported_by uuid REFERENCES person(id),
  duration_ms integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX survey_import_completed_uq ON survey_import (instrument_id, kind, content_sha256) WHERE status = 'completed';

-- Anonymous respondent microdata: no name, no personal identity number, no class.
CREATE TABLE survey_respondent (
  wave_id uuid NOT NULL REFERENCES survey_wave(id),
  -- The survey's own running number, unique within a wave (duplicate detection, idempotency).
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 64),
  import_id uuid REFERENCES survey_import(id),
  -- The respondent's home municipality.
  municipality_code text NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
  school_code text REFERENCES survey_school(code),
  grade text NOT NULL,
  gender text CHECK (gender IN ('girl', 'boy', 'other')),
  -- MacArthur subjective social status ladders.
  family_ladder smallint CHECK (family_ladder BETWEEN 1 AND 10),
  school_ladder smallint CHECK (school_ladder BETWEEN 1 AND 10),
  born_in_sweden boolean,
  years_in_sweden smallint CHECK (years_in_sweden BETWEEN 0 AND 30),
  -- Answer codes in survey_wave_item.position order; NULL = no answer.
  answers smallint[] NOT NULL,
  PRIMARY KEY (wave_id, source_id)
);
CREATE INDEX survey_respondent_import_idx ON survey_respondent(import_id);

-- Pupils per wave, school, home municipality and grade: the denominator of response rates.
CREATE TABLE survey_population (
  wave_id uuid NOT NULL REFERENCES survey_wave(id),
  school_code text NOT NULL REFERENCES survey_school(code),
  municipality_code text NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
  grade text NOT NULL,
  pupils integer NOT NULL CHECK (pupils >= 0),
  import_id uuid REFERENCES survey_import(id),
  PRIMARY KEY (wave_id, school_code, municipality_code, grade)
);

-- Indicator definitions as data (src/core/followup/indicators.ts validates `definition`).
CREATE TABLE followup_indicator (
  instrument_id text NOT NULL REFERENCES survey_instrument(id),
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,63}$'),
  label_sv text NOT NULL,
  label_en text NOT NULL,
  wheel_indicator text NOT NULL CHECK (wheel_indicator IN ('safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included')),
  polarity text NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better')),
  -- items, atLeast, positive answer codes (per item version when a scale changed), don't-know
  -- treatment, universe restriction, grades.
  definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  -- Comparable Kolada KPI per grade, e.g. {"8": "N15643"}.
  kolada_kpis jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_default boolean NOT NULL DEFAULT false,
  -- Pre-declared goal indicator (Holm adjustment instead of Benjamini–Hochberg).
  is_goal boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true,
  sort_order smallint NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (instrument_id, key)
);

-- Grants. Instruments, items and waves are managed by analysts (no deletes: results refer to
-- them). Respondent rows are never updated: an import is withdrawn by deleting its rows.
GRANT SELECT, INSERT, UPDATE ON survey_instrument, survey_item, survey_item_version, survey_wave,
  survey_wave_item, survey_school, survey_import TO barnkompass_app;
GRANT SELECT, INSERT, DELETE ON survey_respondent TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON survey_population, followup_indicator TO barnkompass_app;
