import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/client.js';

/**
 * What every directory import shares: the links from source records to Barnkompass rows (so that a
 * second run finds them again and sees whether they changed), counts of what a run did, rejections
 * with reasons, and batched writes — one statement per thousand rows, not one per row, so that a
 * county's twenty thousand pupils load in seconds.
 */

export type DirectorySource = 'ss12000' | 'people' | 'population';

/** A feed's name: one school system's SS 12000 API, one employer's export (lower case, digits, . _ -). */
export const FEED_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const DEFAULT_FEED = 'default';

export interface DirectoryLink {
  localId: string;
  hash: string;
  endedOn: string | null;
}

export interface Counts {
  created: number;
  updated: number;
  ended: number;
}

export interface Rejection {
  entity: string;
  /** The source's id of the record (never a personnummer or a name). */
  id: string;
  reason: string;
}

/** A stable hash of what a row is written from: unchanged input gives the same hash. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

/** The links of one feed of a source, loaded once per run and kept current as the run writes. */
export class LinkCache {
  private readonly links = new Map<string, DirectoryLink>();
  private readonly dirty = new Map<string, { entity: string; externalId: string; link: DirectoryLink }>();

  private constructor(
    readonly source: DirectorySource,
    readonly feed: string,
  ) {}

  static async load(q: Queryable, source: DirectorySource, feed: string = DEFAULT_FEED): Promise<LinkCache> {
    if (!FEED_NAME.test(feed)) throw new Error('invalid feed name');
    const cache = new LinkCache(source, feed);
    const r = await q.query<{
      entity: string;
      external_id: string;
      local_id: string;
      content_hash: string;
      ended_on: string | null;
    }>(
      `SELECT entity, external_id, local_id, content_hash, ended_on::text FROM directory_link WHERE source = $1 AND feed = $2`,
      [source, feed],
    );
    for (const row of r.rows)
      cache.links.set(key(row.entity, row.external_id), {
        localId: row.local_id,
        hash: row.content_hash,
        endedOn: row.ended_on,
      });
    return cache;
  }

  get(entity: string, externalId: string): DirectoryLink | undefined {
    return this.links.get(key(entity, externalId));
  }

  set(entity: string, externalId: string, link: DirectoryLink): void {
    this.links.set(key(entity, externalId), link);
    this.dirty.set(key(entity, externalId), { entity, externalId, link });
  }

  /** The external ids of an entity whose link is not ended. */
  *open(entity: string): Generator<[string, DirectoryLink]> {
    const prefix = `${entity}\u0000`;
    for (const [k, link] of this.links)
      if (k.startsWith(prefix) && link.endedOn === null) yield [k.slice(prefix.length), link];
  }

  /** Writes the links changed since the last flush. */
  async flush(q: Queryable): Promise<void> {
    const rows = [...this.dirty.values()];
    this.dirty.clear();
    await batch(rows, async (part) => {
      await q.query(
        `INSERT INTO directory_link (source, feed, entity, external_id, local_id, content_hash, ended_on)
         SELECT $1, $7, * FROM unnest($2::text[], $3::text[], $4::uuid[], $5::text[], $6::date[])
         ON CONFLICT (source, feed, entity, external_id) DO UPDATE
           SET local_id = EXCLUDED.local_id, content_hash = EXCLUDED.content_hash, ended_on = EXCLUDED.ended_on`,
        [
          this.source,
          part.map((x) => x.entity),
          part.map((x) => x.externalId),
          part.map((x) => x.link.localId),
          part.map((x) => x.link.hash),
          part.map((x) => x.link.endedOn),
          this.feed,
        ],
      );
    });
  }
}

function key(entity: string, externalId: string): string {
  return `${entity}\u0000${externalId}`;
}

/** Counts per entity kind and the rejections of one run. */
export class RunTally {
  readonly counts: Record<string, Counts> = {};
  readonly rejected: Rejection[] = [];

  count(entity: string, what: keyof Counts, n = 1): void {
    const c = (this.counts[entity] ??= { created: 0, updated: 0, ended: 0 });
    c[what] += n;
  }

  /** Makes sure an entity kind appears in the summary even when nothing happened to it. */
  touch(...entities: string[]): void {
    for (const e of entities) this.counts[e] ??= { created: 0, updated: 0, ended: 0 };
  }

  reject(entity: string, id: string | undefined, reason: string): void {
    this.rejected.push({ entity, id: id ?? '(no id)', reason });
  }
}

export const BATCH_SIZE = 1000;

/** Runs `fn` over `rows` in parts of BATCH_SIZE, one after another. */
export async function batch<T>(rows: readonly T[], fn: (part: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) await fn(rows.slice(i, i + BATCH_SIZE));
}

export interface Column<R> {
  name: string;
  /** The PostgreSQL element type of the array (uuid, text, date, boolean, smallint …). */
  type: string;
  value: (row: R) => unknown;
}

/** INSERT of many rows, one statement per part: `unnest` of one array per column. */
export async function insertRows<R>(
  q: Queryable,
  table: string,
  columns: Column<R>[],
  rows: readonly R[],
): Promise<void> {
  const names = columns.map((c) => c.name).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  await batch(rows, async (part) => {
    await q.query(
      `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`,
      columns.map((c) => part.map(c.value)),
    );
  });
}

/**
 * UPDATE of many rows by id, one statement per part. `extra` is SQL added to the SET list (e.g. a
 * version bump); `columns` must not include the id.
 */
export async function updateRows<R>(
  q: Queryable,
  table: string,
  id: (row: R) => string,
  columns: Column<R>[],
  rows: readonly R[],
  extra = '',
): Promise<void> {
  const set = columns.map((c) => `${c.name} = v.${c.name}`).join(', ');
  const arrays = columns.map((c, i) => `$${i + 2}::${c.type}[]`).join(', ');
  const names = columns.map((c) => c.name).join(', ');
  await batch(rows, async (part) => {
    await q.query(
      `UPDATE ${table} t SET ${set}${extra ? `, ${extra}` : ''}
         FROM unnest($1::uuid[], ${arrays}) AS v(id, ${names}) WHERE t.id = v.id`,
      [part.map(id), ...columns.map((c) => part.map(c.value))],
    );
  });
}

/** Sets `valid_to` of open (or later-ending) rows to `endOn`, never before they began. */
export async function endRows(q: Queryable, table: string, ids: readonly string[], endOn: string): Promise<number> {
  let ended = 0;
  await batch(ids, async (part) => {
    const r = await q.query(
      `UPDATE ${table} SET valid_to = GREATEST($2::date, valid_from - 1)
        WHERE id = ANY($1::uuid[]) AND (valid_to IS NULL OR valid_to > $2::date)`,
      [part, endOn],
    );
    ended += r.rowCount ?? 0;
  });
  return ended;
}
