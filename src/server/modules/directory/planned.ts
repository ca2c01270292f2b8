import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.js';
import { contentHash, insertRows, updateRows, type Column, type LinkCache, type RunTally } from './store.js';

/**
 * The rows one entity kind of a run will insert and update, decided against the links: a record
 * whose hash is unchanged (and not ended) writes nothing; a changed one is updated; a new one is
 * inserted (with the id of an existing row it matches, e.g. by personnummer, linked instead).
 */
export class Planned<R extends { id: string }> {
  readonly inserts: R[] = [];
  readonly updates: R[] = [];

  constructor(
    private readonly links: LinkCache,
    private readonly tally: RunTally,
    /** The link's entity (e.g. 'child'). */
    readonly entity: string,
    /** The summary's entity (e.g. 'persons'). */
    private readonly countAs: string,
    /** The id of a new row (random unless said). */
    private readonly newId: (entity: string, externalId: string) => string = () => randomUUID(),
  ) {}

  /**
   * Plans the row for the source record `externalId`; returns its local id. `existingId` is a row
   * that is the same thing but not yet linked (matched by personnummer, say): it is updated and linked.
   */
  plan(externalId: string, hashed: unknown, make: (id: string) => R, existingId?: string): string {
    const link = this.links.get(this.entity, externalId);
    const hash = contentHash(hashed);
    if (link && link.hash === hash && link.endedOn === null) return link.localId;
    const id = link?.localId ?? existingId ?? this.newId(this.entity, externalId);
    const row = make(id);
    if (link || existingId) {
      this.updates.push(row);
      this.tally.count(this.countAs, 'updated');
    } else {
      this.inserts.push(row);
      this.tally.count(this.countAs, 'created');
    }
    this.links.set(this.entity, externalId, { localId: id, hash, endedOn: null });
    return id;
  }

  /** Writes the inserts and updates. */
  async write(
    q: Queryable,
    table: string,
    columns: Column<R>[],
    updateExtra = '',
    updateColumns = columns,
  ): Promise<void> {
    await insertRows(q, table, [{ name: 'id', type: 'uuid', value: (r: R) => r.id }, ...columns], this.inserts);
    await updateRows(q, table, (r) => r.id, updateColumns, this.updates, updateExtra);
  }
}

/** Ends the links of `entity` whose external ids are given (removed at the source); returns their local ids. */
export function endLinks(links: LinkCache, entity: string, externalIds: Iterable<string>, on: string): string[] {
  const ended: string[] = [];
  for (const externalId of externalIds) {
    const link = links.get(entity, externalId);
    if (!link || link.endedOn !== null) continue;
    links.set(entity, externalId, { ...link, endedOn: on });
    ended.push(link.localId);
  }
  return ended;
}
