import type { Queryable } from '../../../db/client.js';
import { sql, type SqlParams } from '../../../db/sql.js';
import { batch, contentHash, type LinkCache, type RunTally } from '../store.js';

/**
 * What a run does with one kind of record, decided before anything is written: each record found
 * through its link (unchanged when its hash is the same and the link is open), else matched to a row
 * that is already there (a person by personnummer …), else new. Then one batched statement per
 * thousand rows for the new ones and one for the changed ones, and the links set.
 */

export interface Planned<R> {
  key: string;
  rec: R;
  localId: string;
  hash: string;
  /** The link was ended by an earlier run: the record is back. */
  reopened: boolean;
}

export interface UpsertPlan<R> {
  creates: Planned<R>[];
  updates: Planned<R>[];
  /** The local id of every record of the file (written or unchanged), by its key. */
  ids: Map<string, string>;
}

/** The shared state of one run: its transaction, days, links and tally. */
export interface RunContext {
  tx: Queryable;
  /** The run's instant (the caller's clock) and its day in Sweden. */
  now: Date;
  today: string;
  /** The day before: what the source no longer has ends on it. */
  endDay: string;
  links: LinkCache;
  tally: RunTally;
  progress: (label: string) => void;
  /** The id of a new row (random unless the caller says; the demo county's are derived from its keys). */
  newId: (entity: string, key: string) => string;
}

export function planUpsert<R>(
  ctx: Pick<RunContext, 'links' | 'newId'>,
  entity: string,
  records: readonly [string, R][],
  rowOf: (rec: R) => unknown,
  match: (key: string, rec: R) => string | undefined,
): UpsertPlan<R> {
  const links = ctx.links;
  const plan: UpsertPlan<R> = { creates: [], updates: [], ids: new Map() };
  for (const [key, rec] of records) {
    const hash = contentHash(rowOf(rec));
    const link = links.get(entity, key);
    if (link) {
      plan.ids.set(key, link.localId);
      if (link.hash === hash && link.endedOn === null) continue;
      plan.updates.push({ key, rec, localId: link.localId, hash, reopened: link.endedOn !== null });
      continue;
    }
    const matched = match(key, rec);
    const localId = matched ?? ctx.newId(entity, key);
    plan.ids.set(key, localId);
    (matched ? plan.updates : plan.creates).push({ key, rec, localId, hash, reopened: false });
  }
  return plan;
}

/** Sets the links of what was written and counts it. */
export function settle<R>(ctx: RunContext, entity: string, plan: UpsertPlan<R>): void {
  for (const p of [...plan.creates, ...plan.updates])
    ctx.links.set(entity, p.key, { localId: p.localId, hash: p.hash, endedOn: null });
  ctx.tally.count(entity, 'created', plan.creates.length);
  ctx.tally.count(entity, 'updated', plan.updates.length);
}

/** One array parameter per column, for `unnest(:col::type[], …)`. */
export function arrays<T>(rows: readonly T[], cols: Record<string, (row: T) => unknown>): SqlParams {
  const out: Record<string, unknown[]> = {};
  for (const [name, value] of Object.entries(cols)) out[name] = rows.map(value);
  return out;
}

/** Runs a statement with named parameters over `rows` in batches; the affected row count. */
export async function runBatched<T>(
  tx: Queryable,
  text: string,
  rows: readonly T[],
  cols: Record<string, (row: T) => unknown>,
  extra: SqlParams = {},
): Promise<number> {
  let n = 0;
  await batch(rows, async (part) => {
    const st = sql(text, arrays(part, cols), extra);
    const r = await tx.query(st.text, st.values);
    n += r.rowCount;
  });
  return n;
}

/** The open links of an entity that the file does not name: the candidates for ending. */
export function notNamed(
  links: LinkCache,
  entity: string,
  named: ReadonlySet<string>,
): { key: string; localId: string }[] {
  const out: { key: string; localId: string }[] = [];
  for (const [key, link] of links.open(entity)) if (!named.has(key)) out.push({ key, localId: link.localId });
  return out;
}

/** Marks links ended on `day` (the rows themselves are ended by the caller). */
export function endLinks(ctx: RunContext, entity: string, ended: readonly { key: string; localId: string }[]): void {
  for (const e of ended) {
    const link = ctx.links.get(entity, e.key);
    if (link) ctx.links.set(entity, e.key, { ...link, endedOn: ctx.endDay });
  }
  ctx.tally.count(entity, 'ended', ended.length);
}
