// SQL of the analyst side of follow-up: population-count imports, aggregated tables from others,
// operational series values, and indicator definitions one at a time (versioned).

import type { Queryable } from '../../db/client.js';
import {
  indicatorDefinitionSchema,
  type IndicatorDefinition,
  type PopulationCount,
} from '../../../core/followup/index.js';
import type { PublishRow } from '../../../core/statistics/publish.js';

// ---------- population counts ----------

export async function findPopulationImport(
  q: Queryable,
  instrumentId: string,
  sha256: string,
): Promise<{ id: string; rows: number; createdAt: string } | null> {
  const r = await q.query<{ id: string; rows_imported: number; created_at: Date | string }>(
    `SELECT id, rows_imported, created_at FROM survey_import WHERE instrument_id = $1 AND kind = 'population' AND content_sha256 = $2 AND status = 'completed'`,
    [instrumentId, sha256],
  );
  const x = r.rows[0];
  return x ? { id: x.id, rows: Number(x.rows_imported), createdAt: iso(x.created_at) } : null;
}

export async function insertPopulationImport(
  q: Queryable,
  rec: {
    id: string;
    instrumentId: string;
    fileName: string;
    sha256: string;
    rows: number;
    importedBy: string;
    durationMs: number;
  },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO survey_import (id, instrument_id, kind, file_name, format, content_sha256, mapping, status, rows_total, rows_imported, rows_rejected, summary, imported_by, duration_ms)
     VALUES ($1, $2, 'population', $3, 'csv', $4, '{}'::jsonb, 'completed', $5, $5, 0, $6::jsonb, $7, $8) ON CONFLICT DO NOTHING`,
    [
      rec.id,
      rec.instrumentId,
      rec.fileName,
      rec.sha256,
      rec.rows,
      JSON.stringify({ rowsTotal: rec.rows, rowsValid: rec.rows, rowsRejected: 0 }),
      rec.importedBy,
      Math.round(rec.durationMs),
    ],
  );
  return r.rowCount === 1;
}

export interface PopulationRef {
  readonly waves: ReadonlyMap<number, readonly string[]>;
  readonly schools: ReadonlyMap<string, string>;
}

export async function loadPopulationRef(q: Queryable, instrumentId: string): Promise<PopulationRef> {
  const w = await q.query<{ year: number; grades: string[] }>(
    'SELECT year, grades FROM survey_wave WHERE instrument_id = $1',
    [instrumentId],
  );
  const s = await q.query<{ code: string; municipality_code: string }>(
    'SELECT code, municipality_code FROM survey_school',
  );
  return {
    waves: new Map(w.rows.map((x) => [Number(x.year), x.grades])),
    schools: new Map(s.rows.map((x) => [x.code, x.municipality_code])),
  };
}

export type { PopulationCount };

// ---------- survey imports (list) ----------

export interface SurveyImportRow {
  id: string;
  kind: 'respondents' | 'population';
  fileName: string;
  format: 'csv' | 'xlsx';
  status: 'completed' | 'rejected' | 'withdrawn';
  rowsTotal: number;
  rowsImported: number;
  rowsRejected: number;
  createdAt: string;
}

export async function listSurveyImports(q: Queryable, instrumentId: string): Promise<SurveyImportRow[]> {
  const r = await q.query<{
    id: string;
    kind: SurveyImportRow['kind'];
    file_name: string;
    format: 'csv' | 'xlsx';
    status: SurveyImportRow['status'];
    rows_total: number;
    rows_imported: number;
    rows_rejected: number;
    created_at: Date | string;
  }>(
    `SELECT id, kind, file_name, format, status, rows_total, rows_imported, rows_rejected, created_at FROM survey_import
      WHERE instrument_id = $1 ORDER BY created_at DESC, id LIMIT 100`,
    [instrumentId],
  );
  return r.rows.map((x) => ({
    id: x.id,
    kind: x.kind,
    fileName: x.file_name,
    format: x.format,
    status: x.status,
    rowsTotal: Number(x.rows_total),
    rowsImported: Number(x.rows_imported),
    rowsRejected: Number(x.rows_rejected),
    createdAt: iso(x.created_at),
  }));
}

// ---------- aggregated tables ----------

export interface AggregateTableMeta {
  id: string;
  title: string;
  source: string;
  year: number | null;
  rules: 'default' | 'skolinspektionen';
  positive: string[];
  rows: number;
  createdAt: string;
}

type AggRow = {
  id: string;
  title: string;
  source: string;
  year: number | null;
  rules: AggregateTableMeta['rules'];
  positive: string[];
  rows_imported: number;
  created_at: Date | string;
};
const toAgg = (x: AggRow): AggregateTableMeta => ({
  id: x.id,
  title: x.title,
  source: x.source,
  year: x.year === null ? null : Number(x.year),
  rules: x.rules,
  positive: x.positive,
  rows: Number(x.rows_imported),
  createdAt: iso(x.created_at),
});
const AGG_COLUMNS = 'id, title, source, year, rules, positive, rows_imported, created_at';

export async function findAggregateTableBySha(q: Queryable, sha256: string): Promise<AggregateTableMeta | null> {
  const r = await q.query<AggRow>(`SELECT ${AGG_COLUMNS} FROM followup_aggregate_table WHERE content_sha256 = $1`, [
    sha256,
  ]);
  return r.rows[0] ? toAgg(r.rows[0]) : null;
}

export async function insertAggregateTable(
  q: Queryable,
  t: {
    id: string;
    title: string;
    source: string;
    year: number | null;
    rules: string;
    positive: readonly string[];
    sha256: string;
    importedBy: string;
  },
  rows: readonly PublishRow[],
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO followup_aggregate_table (id, title, source, year, rules, positive, content_sha256, rows_imported, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9) ON CONFLICT (content_sha256) DO NOTHING`,
    [t.id, t.title, t.source, t.year, t.rules, t.positive, t.sha256, rows.length, t.importedBy],
  );
  if (r.rowCount !== 1) return false;
  await q.query(
    `INSERT INTO followup_aggregate_row (table_id, position, group_label, option_label, count)
     SELECT $1, t.ord, t.g, t.o, t.c FROM unnest($2::text[], $3::text[], $4::integer[]) WITH ORDINALITY AS t(g, o, c, ord)`,
    [t.id, rows.map((x) => x.group), rows.map((x) => x.option), rows.map((x) => x.count)],
  );
  return true;
}

export async function listAggregateTables(q: Queryable): Promise<AggregateTableMeta[]> {
  const r = await q.query<AggRow>(`SELECT ${AGG_COLUMNS} FROM followup_aggregate_table ORDER BY created_at DESC, id`);
  return r.rows.map(toAgg);
}

/** Raw counts: server-internal, only published through suppression. */
export async function loadAggregateTable(
  q: Queryable,
  id: string,
): Promise<{ meta: AggregateTableMeta; rows: PublishRow[] } | null> {
  const m = await q.query<AggRow>(`SELECT ${AGG_COLUMNS} FROM followup_aggregate_table WHERE id = $1`, [id]);
  if (!m.rows[0]) return null;
  const r = await q.query<{ group_label: string; option_label: string; count: number }>(
    'SELECT group_label, option_label, count FROM followup_aggregate_row WHERE table_id = $1 ORDER BY position',
    [id],
  );
  return {
    meta: toAgg(m.rows[0]),
    rows: r.rows.map((x) => ({ group: x.group_label, option: x.option_label, count: Number(x.count) })),
  };
}

// ---------- operational series ----------

export async function findOperationalImport(
  q: Queryable,
  seriesKey: string,
  sha256: string,
): Promise<{ id: string; rows: number } | null> {
  const r = await q.query<{ id: string; rows_imported: number }>(
    'SELECT id, rows_imported FROM operational_import WHERE series_key = $1 AND content_sha256 = $2',
    [seriesKey, sha256],
  );
  return r.rows[0] ? { id: r.rows[0].id, rows: Number(r.rows[0].rows_imported) } : null;
}

export async function insertOperationalImport(
  q: Queryable,
  rec: { id: string; seriesKey: string; sha256: string; importedBy: string },
  rows: readonly { municipalityCode: string; period: string; value: number; denominator: number | null }[],
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO operational_import (id, series_key, content_sha256, rows_imported, imported_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [rec.id, rec.seriesKey, rec.sha256, rows.length, rec.importedBy],
  );
  if (r.rowCount !== 1) return false;
  await q.query(
    `INSERT INTO operational_value (series_key, municipality_code, period, value, denominator, import_id)
     SELECT $1, t.m, t.p, t.v, t.d, $2 FROM unnest($3::text[], $4::text[], $5::integer[], $6::integer[]) AS t(m, p, v, d)
     ON CONFLICT (series_key, municipality_code, period) DO UPDATE SET value = excluded.value, denominator = excluded.denominator, import_id = excluded.import_id`,
    [
      rec.seriesKey,
      rec.id,
      rows.map((x) => x.municipalityCode),
      rows.map((x) => x.period),
      rows.map((x) => x.value),
      rows.map((x) => x.denominator),
    ],
  );
  return true;
}

export async function loadOperationalValues(
  q: Queryable,
  seriesKey: string,
  municipalities: readonly string[] | null,
): Promise<{ municipalityCode: string; period: string; value: number; denominator: number | null }[]> {
  const r = await q.query<{ municipality_code: string; period: string; value: number; denominator: number | null }>(
    `SELECT municipality_code, period, value, denominator FROM operational_value
      WHERE series_key = $1 AND ($2::text[] IS NULL OR municipality_code = ANY($2::text[])) ORDER BY municipality_code, period`,
    [seriesKey, municipalities],
  );
  return r.rows.map((x) => ({
    municipalityCode: x.municipality_code,
    period: x.period,
    value: Number(x.value),
    denominator: x.denominator === null ? null : Number(x.denominator),
  }));
}

export async function lastOperationalImports(q: Queryable): Promise<Map<string, string>> {
  const r = await q.query<{ series_key: string; at: Date | string }>(
    'SELECT series_key, max(created_at) AS at FROM operational_import GROUP BY series_key',
  );
  return new Map(r.rows.map((x) => [x.series_key, iso(x.at)]));
}

// ---------- indicators (one at a time, versioned) ----------

export interface IndicatorRow {
  readonly definition: IndicatorDefinition;
  readonly isDefault: boolean;
  readonly enabled: boolean;
  readonly version: number;
  readonly updatedAt: string;
}

type IndRow = {
  key: string;
  label_sv: string;
  label_en: string;
  wheel_indicator: string;
  polarity: string;
  definition: Record<string, unknown>;
  kolada_kpis: Record<string, string>;
  is_default: boolean;
  is_goal: boolean;
  enabled: boolean;
  version: number;
  updated_at: Date | string;
};

const toIndicator = (row: IndRow): IndicatorRow => ({
  definition: indicatorDefinitionSchema.parse({
    ...row.definition,
    key: row.key,
    labelSv: row.label_sv,
    labelEn: row.label_en,
    wheel: row.wheel_indicator,
    polarity: row.polarity,
    koladaKpis: row.kolada_kpis,
    goal: row.is_goal,
  }),
  isDefault: row.is_default,
  enabled: row.enabled,
  version: Number(row.version),
  updatedAt: iso(row.updated_at),
});

const IND_COLUMNS =
  'key, label_sv, label_en, wheel_indicator, polarity, definition, kolada_kpis, is_default, is_goal, enabled, version, updated_at';

export async function listIndicatorRows(q: Queryable, instrumentId: string): Promise<IndicatorRow[]> {
  const r = await q.query<IndRow>(
    `SELECT ${IND_COLUMNS} FROM followup_indicator WHERE instrument_id = $1 ORDER BY sort_order, key`,
    [instrumentId],
  );
  return r.rows.map(toIndicator);
}

export async function loadIndicatorRow(
  q: Queryable,
  instrumentId: string,
  key: string,
  opts: { forUpdate?: boolean } = {},
): Promise<IndicatorRow | null> {
  const r = await q.query<IndRow>(
    `SELECT ${IND_COLUMNS} FROM followup_indicator WHERE instrument_id = $1 AND key = $2 ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
    [instrumentId, key],
  );
  return r.rows[0] ? toIndicator(r.rows[0]) : null;
}

const definitionJson = (d: IndicatorDefinition) =>
  JSON.stringify({
    items: d.items,
    atLeast: d.atLeast,
    positive: d.positive,
    positiveByVersion: d.positiveByVersion,
    dontKnow: d.dontKnow,
    universe: d.universe,
    grades: d.grades,
  });

export async function insertIndicatorRow(
  q: Queryable,
  instrumentId: string,
  d: IndicatorDefinition,
  enabled: boolean,
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO followup_indicator (instrument_id, key, label_sv, label_en, wheel_indicator, polarity, definition, kolada_kpis, is_default, is_goal, enabled, sort_order)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, false, $9, $10,
             (SELECT coalesce(max(sort_order), 0) + 1 FROM followup_indicator WHERE instrument_id = $1))
     ON CONFLICT DO NOTHING`,
    [
      instrumentId,
      d.key,
      d.labelSv,
      d.labelEn,
      d.wheel,
      d.polarity,
      definitionJson(d),
      JSON.stringify(d.koladaKpis),
      d.goal,
      enabled,
    ],
  );
  return r.rowCount === 1;
}

export async function updateIndicatorRow(
  q: Queryable,
  instrumentId: string,
  d: IndicatorDefinition,
  enabled: boolean,
): Promise<void> {
  await q.query(
    `UPDATE followup_indicator SET label_sv = $3, label_en = $4, wheel_indicator = $5, polarity = $6, definition = $7::jsonb, kolada_kpis = $8::jsonb,
            is_goal = $9, enabled = $10, version = version + 1, updated_at = now()
      WHERE instrument_id = $1 AND key = $2`,
    [
      instrumentId,
      d.key,
      d.labelSv,
      d.labelEn,
      d.wheel,
      d.polarity,
      definitionJson(d),
      JSON.stringify(d.koladaKpis),
      d.goal,
      enabled,
    ],
  );
}

export async function listInstruments(q: Queryable): Promise<{ id: string; name: string }[]> {
  const r = await q.query<{ id: string; name: string }>('SELECT id, name FROM survey_instrument ORDER BY id');
  return r.rows;
}

export async function municipalityNames(q: Queryable): Promise<Map<string, string>> {
  const r = await q.query<{ code: string; name: string }>(
    `SELECT municipality_code AS code, name FROM organisation WHERE kind = 'municipality' AND municipality_code IS NOT NULL ORDER BY municipality_code`,
  );
  return new Map(r.rows.map((x) => [x.code, x.name]));
}

export async function schoolNames(q: Queryable): Promise<Map<string, string>> {
  const r = await q.query<{ code: string; name: string }>('SELECT code, name FROM survey_school');
  return new Map(r.rows.map((x) => [x.code, x.name]));
}

function iso(d: Date | string): string {
  return d instanceof Date ? d.toISOString() : new Date(d).toISOString();
}
