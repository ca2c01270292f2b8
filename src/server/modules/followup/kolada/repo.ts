import type { Queryable } from '../../../db/client.js';
import type { WheelIndicator } from '../../../../core/wheel.js';
import type { GoalStage, Polarity } from './defaults.js';
import type { Gender, KoladaValue, KpiMeta } from '../../../../contract/kolada.js';

/** Reading and writing the Kolada tables (migration 0006). */

const UPSERT_BATCH = 5000;

export interface StoredValue {
  kpiId: string;
  municipalityCode: string;
  period: number;
  gender: Gender;
  value: number | null;
  count: number | null;
  status: string;
}

export interface ValueFilter {
  kpis?: readonly string[];
  municipalities?: readonly string[];
  years?: readonly number[];
  genders?: readonly Gender[];
}

export async function readKoladaValues(q: Queryable, f: ValueFilter = {}): Promise<StoredValue[]> {
  const r = await q.query<{
    kpi_id: string;
    municipality_code: string;
    period: number;
    gender: Gender;
    value: string | null;
    count: number | null;
    status: string;
  }>(
    `SELECT kpi_id, municipality_code, period, gender, value::text AS value, count, status
       FROM kolada_value
      WHERE ($1::text[] IS NULL OR kpi_id = ANY($1::text[]))
        AND ($2::text[] IS NULL OR municipality_code = ANY($2::text[]))
        AND ($3::int[] IS NULL OR period = ANY($3::int[]))
        AND ($4::text[] IS NULL OR gender = ANY($4::text[]))
      ORDER BY kpi_id, municipality_code, period, gender`,
    [f.kpis ?? null, f.municipalities ?? null, f.years ?? null, f.genders ?? null],
  );
  return r.rows.map((x) => ({
    kpiId: x.kpi_id,
    municipalityCode: x.municipality_code,
    period: Number(x.period),
    gender: x.gender,
    value: x.value === null ? null : Number(x.value),
    count: x.count === null ? null : Number(x.count),
    status: x.status,
  }));
}

export interface KpiMappingRow {
  kpiId: string;
  wheelIndicator: WheelIndicator | null;
  goalStage: GoalStage;
  polarity: Polarity;
  rationale: string | null;
}

export async function readKpiMappings(q: Queryable): Promise<KpiMappingRow[]> {
  const r = await q.query<{
    kpi_id: string;
    wheel_indicator: WheelIndicator | null;
    goal_stage: GoalStage;
    polarity: Polarity;
    rationale: string | null;
  }>('SELECT kpi_id, wheel_indicator, goal_stage, polarity, rationale FROM kolada_kpi_mapping ORDER BY kpi_id');
  return r.rows.map((x) => ({
    kpiId: x.kpi_id,
    wheelIndicator: x.wheel_indicator,
    goalStage: x.goal_stage,
    polarity: x.polarity,
    rationale: x.rationale,
  }));
}

export interface ImportRunRow {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  baseUrl: string;
  kpis: string[];
  municipalities: string[];
  years: number[] | null;
  full: boolean;
  fromDate: string | null;
  requests: number;
  kpisImported: number;
  rowsReceived: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  errors: { message: string; url?: string }[];
  warnings: { message: string }[];
}

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const dateText = (v: unknown): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? localDate(v) : String(v).slice(0, 10);
/** A `date` column read back as a JS Date (midnight local time of the driver): its calendar date. */
function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function readImportRuns(q: Queryable, limit = 20): Promise<ImportRunRow[]> {
  const r = await q.query<Record<string, unknown>>(
    `SELECT id, started_at, finished_at, status, base_url, kpis, municipalities, years, full_import, from_date::text AS from_date,
            requests, kpis_imported, rows_received, rows_inserted, rows_updated, rows_unchanged, rows_deleted, errors, warnings
       FROM kolada_import_run ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    startedAt: iso(x.started_at),
    finishedAt: x.finished_at === null ? null : iso(x.finished_at),
    status: x.status as ImportRunRow['status'],
    baseUrl: String(x.base_url),
    kpis: x.kpis as string[],
    municipalities: x.municipalities as string[],
    years: x.years === null ? null : (x.years as unknown[]).map(Number),
    full: x.full_import === true,
    fromDate: dateText(x.from_date),
    requests: Number(x.requests),
    kpisImported: Number(x.kpis_imported),
    rowsReceived: Number(x.rows_received),
    inserted: Number(x.rows_inserted),
    updated: Number(x.rows_updated),
    unchanged: Number(x.rows_unchanged),
    deleted: Number(x.rows_deleted),
    errors: x.errors as ImportRunRow['errors'],
    warnings: x.warnings as ImportRunRow['warnings'],
  }));
}

/** Start time of the latest successful run whose scope covers this one (same API, ⊇ KPIs, municipalities, years). */
export async function lastCoveringRunStart(
  q: Queryable,
  scope: {
    baseUrl: string;
    kpis: readonly string[];
    municipalities: readonly string[];
    years: readonly number[] | null;
  },
): Promise<Date | null> {
  const r = await q.query<{ started_at: unknown }>(
    `SELECT started_at FROM kolada_import_run
      WHERE status = 'succeeded' AND base_url = $1 AND kpis @> $2::text[] AND municipalities @> $3::text[]
        AND (years IS NULL OR ($4::int[] IS NOT NULL AND years @> $4::int[]))
      ORDER BY started_at DESC LIMIT 1`,
    [scope.baseUrl, scope.kpis, scope.municipalities, scope.years],
  );
  const v = r.rows[0]?.started_at;
  return v === undefined ? null : new Date(iso(v));
}

export async function upsertKpis(q: Queryable, kpis: readonly KpiMeta[]): Promise<void> {
  if (kpis.length === 0) return;
  const rows = kpis.map((k) => ({
    id: k.id,
    title: k.title,
    description: k.description,
    operating_area: k.operatingArea,
    has_ou_data: k.hasOuData,
    is_divided_by_gender: k.isDividedByGender,
    municipality_type: k.municipalityType,
    perspective: k.perspective,
    publ_period: k.publPeriod,
    auspice: k.auspice,
    prel_publication_date: k.prelPublicationDate,
    publication_date: k.publicationDate,
    extra: k.extra,
  }));
  await q.query(
    `INSERT INTO kolada_kpi AS k (id, title, description, operating_area, has_ou_data, is_divided_by_gender, municipality_type,
                                  perspective, publ_period, auspice, prel_publication_date, publication_date, extra)
     SELECT id, title, description, operating_area, has_ou_data, is_divided_by_gender, municipality_type,
            perspective, publ_period, auspice, prel_publication_date, publication_date, COALESCE(extra, '{}'::jsonb)
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, title text, description text, operating_area text, has_ou_data boolean,
            is_divided_by_gender boolean, municipality_type text, perspective text, publ_period text, auspice text,
            prel_publication_date date, publication_date date, extra jsonb)
     ON CONFLICT (id) DO UPDATE SET
       title = EXCLUDED.title, description = EXCLUDED.description, operating_area = EXCLUDED.operating_area,
       has_ou_data = EXCLUDED.has_ou_data, is_divided_by_gender = EXCLUDED.is_divided_by_gender,
       municipality_type = EXCLUDED.municipality_type, perspective = EXCLUDED.perspective, publ_period = EXCLUDED.publ_period,
       auspice = EXCLUDED.auspice, prel_publication_date = EXCLUDED.prel_publication_date,
       publication_date = EXCLUDED.publication_date, extra = EXCLUDED.extra, updated_at = now()
     WHERE (k.title, k.description, k.operating_area, k.has_ou_data, k.is_divided_by_gender, k.municipality_type, k.perspective,
            k.publ_period, k.auspice, k.prel_publication_date, k.publication_date, k.extra)
           IS DISTINCT FROM
           (EXCLUDED.title, EXCLUDED.description, EXCLUDED.operating_area, EXCLUDED.has_ou_data, EXCLUDED.is_divided_by_gender,
            EXCLUDED.municipality_type, EXCLUDED.perspective, EXCLUDED.publ_period, EXCLUDED.auspice,
            EXCLUDED.prel_publication_date, EXCLUDED.publication_date, EXCLUDED.extra)`,
    [JSON.stringify(rows)],
  );
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/**
 * Applies one KPI chunk's values: upserts (counting new, changed and unchanged rows), removes
 * values Kolada marks `isdeleted`, and with `syncScope` also removes stored values in that scope
 * the response no longer has (a full import mirrors Kolada). Duplicate keys: the last one wins.
 */
export async function applyValues(
  q: Queryable,
  runId: number,
  values: readonly KoladaValue[],
  syncScope?: { kpis: readonly string[]; municipalities: readonly string[]; years: readonly number[] | null },
): Promise<ApplyCounts> {
  const byKey = new Map<string, KoladaValue>();
  for (const v of values) {
    const key = `${v.kpi}|${v.municipality}|${v.period}|${v.gender}`;
    byKey.delete(key); // keep response order for the survivor
    byKey.set(key, v);
  }
  const keep: KoladaValue[] = [];
  const remove: KoladaValue[] = [];
  for (const v of byKey.values()) (v.isdeleted ? remove : keep).push(v);

  const counts: ApplyCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
  for (let i = 0; i < keep.length; i += UPSERT_BATCH) {
    const batch = keep.slice(i, i + UPSERT_BATCH).map((v) => ({
      k: v.kpi,
      m: v.municipality,
      p: v.period,
      g: v.gender,
      // Belt and braces beside the table's CHECK: a Privacy value is never stored.
      v: v.status === 'Privacy' ? null : v.value,
      c: v.count,
      s: v.status,
    }));
    const r = await q.query<{ inserted: boolean }>(
      `INSERT INTO kolada_value AS t (kpi_id, municipality_code, period, gender, value, count, status, run_id)
       SELECT k, m, p, g, v, c, s, $2 FROM jsonb_to_recordset($1::jsonb) AS r(k text, m text, p integer, g text, v numeric, c integer, s text)
       ON CONFLICT (kpi_id, municipality_code, period, gender) DO UPDATE
         SET value = EXCLUDED.value, count = EXCLUDED.count, status = EXCLUDED.status, run_id = EXCLUDED.run_id, updated_at = now()
       WHERE (t.value, t.count, t.status) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.count, EXCLUDED.status)
       RETURNING (xmax = 0) AS inserted`,
      [JSON.stringify(batch), runId],
    );
    const ins = r.rows.filter((x) => x.inserted).length;
    counts.inserted += ins;
    counts.updated += r.rows.length - ins;
    counts.unchanged += batch.length - r.rows.length;
  }

  if (syncScope) {
    const kept = JSON.stringify(keep.map((v) => ({ k: v.kpi, m: v.municipality, p: v.period, g: v.gender })));
    const r = await q.query(
      `DELETE FROM kolada_value t
        WHERE t.kpi_id = ANY($1::text[]) AND t.municipality_code = ANY($2::text[])
          AND ($3::int[] IS NULL OR t.period = ANY($3::int[]))
          AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($4::jsonb) AS r(k text, m text, p integer, g text)
                           WHERE r.k = t.kpi_id AND r.m = t.municipality_code AND r.p = t.period AND r.g = t.gender)`,
      [syncScope.kpis, syncScope.municipalities, syncScope.years, kept],
    );
    counts.deleted += r.rowCount;
  } else if (remove.length > 0) {
    const gone = JSON.stringify(remove.map((v) => ({ k: v.kpi, m: v.municipality, p: v.period, g: v.gender })));
    const r = await q.query(
      `DELETE FROM kolada_value t USING jsonb_to_recordset($1::jsonb) AS r(k text, m text, p integer, g text)
        WHERE r.k = t.kpi_id AND r.m = t.municipality_code AND r.p = t.period AND r.g = t.gender`,
      [gone],
    );
    counts.deleted += r.rowCount;
  }
  return counts;
}
