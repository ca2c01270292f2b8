import { randomUUID } from 'node:crypto';
import { addDays } from '../../../../core/calendar.js';
import { appendEventsInTransaction } from '../../../access/audit-door.js';
import { auditEvent } from '../../../access/audit-events.js';
import { swedishToday } from '../../../clock.js';
import type { Db, Queryable } from '../../../db/client.js';
import { sql } from '../../../db/sql.js';
import { type Counts, DEFAULT_FEED, LinkCache, type Rejection, RunTally } from '../store.js';
import { reconcileDirectoryTeams } from '../teams.js';
import { importPeople } from './people-import.js';
import { readPeopleFile } from './people-format.js';
import { importPopulation } from './population-import.js';
import { readPopulationFile } from './population-format.js';
import type { RunContext } from './plan.js';
import type { SourceFile } from './source-file.js';

/**
 * One import run of a file: the whole run is one transaction — its writes, the team reconciliation,
 * its `directory_import_run` row and its `directory.import` audit event (counts only) commit together
 * or not at all. A dry run does all the work and rolls all of it back (as the SS 12000 sync does):
 * the counts it prints are what a real run would do, and nothing is kept. A run that fails is
 * recorded as failed (when the database can still be reached), with no personal data.
 */

export type FileSource = 'people' | 'population';

export interface FileImportOptions {
  /** The caller's clock (the CLI: the system clock; tests: a fixed instant). */
  now: () => Date;
  dryRun: boolean;
  /** The issuer to pair a people file's login ids with (`loadConfig().oidc.issuer`). */
  oidcIssuer?: string;
  onProgress?: (label: string) => void;
  /** The id a new row gets (random unless said; the demo county's are derived from its keys). */
  newId?: (entity: string, key: string) => string;
  /** Which of the county's files of this kind (each employer's export is its own feed). */
  feed?: string;
}

export type FileImportSummary = { source: FileSource; runId: string; dryRun: boolean; rejected: Rejection[] } & Record<
  string,
  Counts | Rejection[] | string | boolean
>;

class DryRunDone extends Error {
  constructor(readonly summary: FileImportSummary) {
    super('dry run');
  }
}

/** `barnkompass import people FILE`: the file read (FileFormatError when it cannot be) and imported. */
export async function runPeopleImport(db: Db, file: SourceFile, opts: FileImportOptions): Promise<FileImportSummary> {
  const read = readPeopleFile(file, opts.now());
  return runImport(db, 'people', opts, (ctx) => importPeople(ctx, read, opts.oidcIssuer));
}

/** `barnkompass import population FILE`. */
export async function runPopulationImport(
  db: Db,
  file: SourceFile,
  opts: FileImportOptions,
): Promise<FileImportSummary> {
  const read = readPopulationFile(file, opts.now());
  return runImport(db, 'population', opts, (ctx) => importPopulation(ctx, read));
}

async function runImport(
  db: Db,
  source: FileSource,
  opts: FileImportOptions,
  work: (ctx: RunContext) => Promise<void>,
): Promise<FileImportSummary> {
  const runId = randomUUID();
  const startedAt = opts.now();
  try {
    return await db.transaction(async (tx) => {
      await insertRun(tx, runId, source, opts.feed, startedAt, opts.dryRun);
      const today = swedishToday(startedAt);
      const ctx: RunContext = {
        tx,
        now: startedAt,
        today,
        endDay: addDays(today, -1),
        links: await LinkCache.load(tx, source, opts.feed),
        tally: new RunTally(),
        progress: (label) => opts.onProgress?.(label),
        newId: opts.newId ?? (() => randomUUID()),
      };
      await work(ctx);
      ctx.progress('teams');
      const teams = await reconcileDirectoryTeams(tx, today);
      const summary: FileImportSummary = {
        source,
        runId,
        dryRun: opts.dryRun,
        ...ctx.tally.counts,
        teams,
        rejected: ctx.tally.rejected,
      };
      if (opts.dryRun) throw new DryRunDone(summary);
      await finishRun(tx, runId, 'succeeded', summary, opts);
      return summary;
    });
  } catch (err) {
    if (err instanceof DryRunDone) return err.summary;
    await recordFailure(db, runId, source, startedAt, opts, err).catch(() => undefined);
    throw err;
  }
}

async function insertRun(
  tx: Queryable,
  id: string,
  source: FileSource,
  feed: string | undefined,
  startedAt: Date,
  dryRun: boolean,
): Promise<void> {
  const st = sql(
    `INSERT INTO directory_import_run (id, source, feed, started_at, dry_run, status)
     VALUES (:id, :source, :feed, :started::timestamptz, :dry, 'running')`,
    { id, source, feed: feed ?? DEFAULT_FEED, started: startedAt.toISOString(), dry: dryRun },
  );
  await tx.query(st.text, st.values);
}

/** The run's row finished, and its audit event: counts only. */
async function finishRun(
  tx: Queryable,
  id: string,
  status: 'succeeded' | 'failed',
  summary: Record<string, unknown>,
  opts: FileImportOptions,
): Promise<void> {
  const finished = opts.now();
  const st = sql(
    `UPDATE directory_import_run SET status = :status, finished_at = GREATEST(:finished::timestamptz, started_at),
            summary = :summary::jsonb WHERE id = :id`,
    { id, status, finished: finished.toISOString(), summary: JSON.stringify(summary) },
  );
  await tx.query(st.text, st.values);
  const event = auditEvent(null, null, {
    action: 'directory.import',
    resourceType: 'directory_import_run',
    resourceId: id,
    outcome: status === 'succeeded' ? 'permitted' : 'failed',
    details: auditDetails(summary),
  });
  await appendEventsInTransaction(tx, [event], finished);
}

/** The summary as scalars: `source`, `<entity>_<created|updated|ended>`, `rejected` (a count). */
export function auditDetails(summary: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(summary)) {
    if (key === 'rejected' && Array.isArray(value)) out.rejected = value.length;
    else if (key === 'source' || key === 'error') out[key] = String(value);
    else if (key === 'dryRun') out.dry_run = value === true;
    else if (value && typeof value === 'object')
      for (const [what, n] of Object.entries(value)) if (typeof n === 'number') out[`${key}_${what}`] = n;
  }
  return out;
}

async function recordFailure(
  db: Db,
  id: string,
  source: FileSource,
  startedAt: Date,
  opts: FileImportOptions,
  err: unknown,
): Promise<void> {
  const code = (err as { code?: unknown }).code;
  await db.transaction(async (tx) => {
    await insertRun(tx, id, source, opts.feed, startedAt, opts.dryRun);
    await finishRun(tx, id, 'failed', { source, error: typeof code === 'string' ? code : 'failed' }, opts);
  });
}
