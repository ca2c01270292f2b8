-- Analyst side of population follow-up: aggregated tables from others (e.g.
-- Skolinspektionen's Skolenkäten counts), local operational statistics per municipality and
-- period, and the log of their imports. Survey microdata and population counts live in 0005.
-- Nothing here is about one child: imported tables are counts per group, operational values are
-- counts or shares per municipality and period, published only through small-count suppression.

-- A table of counts per group and answer option, as someone else published or delivered it
-- (the `stats publish` contract's input: group, option, count).
CREATE TABLE followup_aggregate_table (
  id uuid PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- Who produced the counts, e.g. 'Skolinspektionen, Skolenkäten'.
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  year smallint CHECK (year BETWEEN 1990 AND 2100),
  -- Suppression rule set it is published with (src/core/statistics: default | skolinspektionen).
  rules text NOT NULL CHECK (rules IN ('default', 'skolinspektionen')),
  -- Options counted as x (the share's numerator); empty = the first option.
  positive text[] NOT NULL DEFAULT '{}',
  -- SHA-256 of the CSV text: the same file again is a no-op.
  content_sha256 text NOT NULL UNIQUE CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  rows_imported integer NOT NULL CHECK (rows_imported >= 0),
  imported_by uuid REFERENCES person(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE followup_aggregate_row (
  table_id uuid NOT NULL REFERENCES followup_aggregate_table(id) ON DELETE CASCADE,
  position integer NOT NULL,
  group_label text NOT NULL,
  option_label text NOT NULL,
  count integer NOT NULL CHECK (count >= 0),
  PRIMARY KEY (table_id, position),
  UNIQUE (table_id, group_label, option_label)
);

-- Local operational statistics: one value per series, municipality and period ('YYYY' or
-- 'YYYY-MM'). Series are defined in code (src/server/modules/followup-admin/series.ts): a series
-- is either imported (rows here) or computed by SQL over the system's own data (never stored).
CREATE TABLE operational_import (
  id uuid PRIMARY KEY,
  series_key text NOT NULL CHECK (series_key ~ '^[a-z][a-z0-9_]{0,63}$'),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  rows_imported integer NOT NULL CHECK (rows_imported >= 0),
  imported_by uuid REFERENCES person(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (series_key, content_sha256)
);

CREATE TABLE operational_value (
  series_key text NOT NULL CHECK (series_key ~ '^[a-z][a-z0-9_]{0,63}$'),
  municipality_code text NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
  -- A count (events, children), or the numerator of a share.
  value integer NOT NULL CHECK (value >= 0),
  -- The denominator of a share series (children, scheduled time); NULL for counts.
  denominator integer CHECK (denominator IS NULL OR denominator >= value),
  import_id uuid NOT NULL REFERENCES operational_import(id),
  PRIMARY KEY (series_key, municipality_code, period)
);

GRANT SELECT, INSERT ON followup_aggregate_table, followup_aggregate_row, operational_import TO barnkompass_app;
GRANT SELECT, INSERT, UPDATE ON operational_value TO barnkompass_app;
