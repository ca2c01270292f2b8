import { systemClock } from '../../../clock.js';
import type { Db } from '../../../db/client.js';
import { KoladaClient, KoladaError, MAX_IDS_PER_CALL, chunk, type KoladaClientOptions } from './client.js';
import { DEFAULT_KPIS, KRONOBERG_CODES } from './defaults.js';
import { applyValues, lastCoveringRunStart, upsertKpis } from './repo.js';
import { flattenDataRows, type KoladaValue, type KpiMeta } from '../../../../contract/kolada.js';

export interface KoladaImportOptions {
  /** KPI ids; default DEFAULT_KPIS (child-related KPIs). */
  kpis?: readonly string[];
  /** Municipality codes; default the eight Kronoberg municipalities. */
  municipalities?: readonly string[];
  /** Years; omitted = every year Kolada has. */
  years?: readonly number[];
  /** Ignore earlier runs: fetch everything in scope and drop stored values Kolada no longer has. */
  full?: boolean;
  /** A ready client (tests, custom options), or options for one. */
  client?: KoladaClient;
  clientOptions?: KoladaClientOptions;
  /** done/total counted in KPIs; the label says what is happening. */
  onProgress?: (done: number, total: number, label: string) => void;
  now?: () => Date;
}

export interface KoladaImportSummary {
  runId: number;
  baseUrl: string;
  full: boolean;
  /** The from_date sent (start date of the last successful run covering this scope), or null. */
  fromDate: string | null;
  kpisRequested: number;
  kpisImported: number;
  /** Ids Kolada's catalogue does not have: skipped, and listed as a warning on the run. */
  unknownKpis: string[];
  municipalities: string[];
  years: number[] | null;
  requests: number;
  rowsReceived: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  durationMs: number;
}

/** The import failed; KPI chunks committed before the failure stay (each chunk is all or nothing). */
export class KoladaImportError extends Error {
  override readonly name = 'KoladaImportError';
  constructor(
    message: string,
    readonly runId: number,
    readonly kpisCommitted: number,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

const MUNICIPALITY_RE = /^[0-9]{4}$/;

/** Calendar date in Sweden (Kolada's time zone), YYYY-MM-DD. */
export function swedishDate(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

/**
 * Imports KPI metadata and values from Kolada.
 *
 * Transactions: one owner transaction per KPI chunk (≤ 25 KPIs): every page for the chunk is
 * fetched and validated first, then its metadata, values, deletions and the run's counters are
 * written together. A chunk is never half-written; a failure later in the run leaves earlier
 * chunks committed (each a consistent snapshot of its KPIs) and the run recorded as failed, so the
 * next incremental run still starts from the last *successful* run.
 *
 * Incremental (default): from_date = the Swedish start date of the last successful run against the
 * same API whose KPIs, municipalities and years cover this run's; none → a full fetch.
 */
export async function importKolada(db: Db, opts: KoladaImportOptions = {}): Promise<KoladaImportSummary> {
  const { kpis, municipalities, years } = checkedScope(opts);
  const client = opts.client ?? new KoladaClient(opts.clientOptions);
  const full = opts.full === true;
  const startedAt = (opts.now ?? systemClock)();
  const t0 = performance.now();
  const requestsBefore = client.requests;
  const scope = { baseUrl: client.baseUrl, kpis, municipalities, years };

  const previous = full ? null : await db.ownerTransaction((tx) => lastCoveringRunStart(tx, scope));
  const fromDate = previous ? swedishDate(previous) : null;
  const runId = await db.ownerTransaction(async (tx) => {
    const r = await tx.query<{ id: number | string }>(
      `INSERT INTO kolada_import_run (started_at, base_url, kpis, municipalities, years, full_import, from_date)
       VALUES ($1, $2, $3::text[], $4::text[], $5::int[], $6, $7::date) RETURNING id`,
      [startedAt.toISOString(), client.baseUrl, kpis, municipalities, years, full, fromDate],
    );
    return Number(r.rows[0]!.id);
  });

  const summary: KoladaImportSummary = {
    runId,
    baseUrl: client.baseUrl,
    full,
    fromDate,
    kpisRequested: kpis.length,
    kpisImported: 0,
    unknownKpis: [],
    municipalities,
    years,
    requests: 0,
    rowsReceived: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    durationMs: 0,
  };
  const progress = (label: string) =>
    opts.onProgress?.(summary.kpisImported + summary.unknownKpis.length, kpis.length, label);
  const run: Run = { db, client, runId, requestsBefore, full, fromDate, municipalities, years, progress };

  try {
    progress('KPI metadata');
    const meta = await client.kpis(kpis);
    const byId = new Map(meta.map((k) => [k.id, k]));
    summary.unknownKpis = kpis.filter((k) => !byId.has(k));
    const known = kpis.filter((k) => byId.has(k));
    if (summary.unknownKpis.length > 0) {
      await db.ownerTransaction((tx) =>
        tx.query(`UPDATE kolada_import_run SET warnings = warnings || $2::jsonb WHERE id = $1`, [
          runId,
          JSON.stringify([{ message: `not in Kolada's KPI catalogue, skipped: ${summary.unknownKpis.join(', ')}` }]),
        ]),
      );
    }

    for (const part of chunk(known, MAX_IDS_PER_CALL)) {
      const label = part.length === 1 ? part[0]! : `${part[0]}…${part[part.length - 1]}`;
      const values = await fetchChunk(run, part, label);
      const counts = await writeChunk(
        run,
        part,
        part.map((id) => byId.get(id)!),
        values,
      );
      summary.kpisImported += part.length;
      summary.rowsReceived += values.length;
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
      summary.deleted += counts.deleted;
      progress(`${label}: ${values.length} values`);
    }

    summary.requests = client.requests - requestsBefore;
    await db.ownerTransaction((tx) =>
      tx.query(
        `UPDATE kolada_import_run SET status = 'succeeded', finished_at = greatest(now(), started_at), requests = $2 WHERE id = $1`,
        [runId, summary.requests],
      ),
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const entry = err instanceof KoladaError ? { message, url: err.url } : { message };
    await db
      .ownerTransaction((tx) =>
        tx.query(
          `UPDATE kolada_import_run SET status = 'failed', finished_at = greatest(now(), started_at), requests = $2, errors = errors || $3::jsonb WHERE id = $1`,
          [runId, client.requests - requestsBefore, JSON.stringify([entry])],
        ),
      )
      .catch(() => undefined);
    throw new KoladaImportError(message, runId, summary.kpisImported, err);
  }
  summary.durationMs = Math.round(performance.now() - t0);
  return summary;
}

/** KPI ids, municipality codes and years of the run, normalised and checked. */
function checkedScope(opts: KoladaImportOptions): {
  kpis: string[];
  municipalities: string[];
  years: number[] | null;
} {
  const kpis = unique((opts.kpis ?? DEFAULT_KPIS).map((k) => k.trim().toUpperCase()).filter((k) => k !== ''));
  const municipalities = unique(opts.municipalities ?? KRONOBERG_CODES);
  const years = opts.years ? unique(opts.years).sort((a, b) => a - b) : null;
  if (kpis.length === 0) throw new Error('no KPI ids to import');
  for (const m of municipalities)
    if (!MUNICIPALITY_RE.test(m)) throw new Error(`not a municipality code (four digits): ${JSON.stringify(m)}`);
  if (years)
    for (const y of years) if (!Number.isInteger(y) || y < 1900 || y > 2200) throw new Error(`not a year: ${y}`);
  if (years && years.length === 0) throw new Error('no years to import');
  return { kpis, municipalities, years };
}

/** What the steps of one run share. */
interface Run {
  readonly db: Db;
  readonly client: KoladaClient;
  readonly runId: number;
  readonly requestsBefore: number;
  readonly full: boolean;
  readonly fromDate: string | null;
  readonly municipalities: readonly string[];
  readonly years: readonly number[] | null;
  readonly progress: (label: string) => void;
}

/** Every page of one KPI chunk, checked to hold only values the request asked for. */
async function fetchChunk(run: Run, part: string[], label: string): Promise<KoladaValue[]> {
  const { client, municipalities, years, fromDate } = run;
  const values: KoladaValue[] = [];
  let pages = 0;
  for await (const page of client.data({
    kpis: part,
    municipalities,
    years: years ?? undefined,
    fromDate: fromDate ?? undefined,
  })) {
    pages++;
    const stray = page.rows.find(
      (r) =>
        !part.includes(r.kpi) ||
        !municipalities.includes(r.municipality) ||
        (years !== null && !years.includes(r.period)),
    );
    if (stray) {
      throw new KoladaError(
        `unexpected response from ${page.url}: a value outside the request (${stray.kpi}, ${stray.municipality}, ${stray.period})`,
        'invalid_response',
        page.url,
      );
    }
    values.push(...flattenDataRows(page.rows));
    run.progress(`${label}: page ${pages}, ${values.length} values`);
  }
  return values;
}

/** One chunk's metadata, values, deletions and the run's counters, in one transaction. */
async function writeChunk(run: Run, part: string[], kpis: KpiMeta[], values: KoladaValue[]) {
  const { client, runId, municipalities, years } = run;
  return run.db.ownerTransaction(async (tx) => {
    await upsertKpis(tx, kpis);
    const c = await applyValues(tx, runId, values, run.full ? { kpis: part, municipalities, years } : undefined);
    await tx.query(
      `UPDATE kolada_import_run SET requests = $2, kpis_imported = kpis_imported + $3, rows_received = rows_received + $4,
              rows_inserted = rows_inserted + $5, rows_updated = rows_updated + $6, rows_unchanged = rows_unchanged + $7,
              rows_deleted = rows_deleted + $8
        WHERE id = $1`,
      [
        runId,
        client.requests - run.requestsBefore,
        part.length,
        values.length,
        c.inserted,
        c.updated,
        c.unchanged,
        c.deleted,
      ],
    );
    return c;
  });
}
