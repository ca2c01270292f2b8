import type { Ss12000Record, Ss12000Source } from './client.js';
import type {
  Ss12000DeletedEntityType,
  Ss12000Duty,
  Ss12000Group,
  Ss12000Organisation,
  Ss12000Person,
} from './schema.js';
import type { RunTally } from '../store.js';

/** What one run read from the SS 12000 server: every record (or every record changed since). */
export interface Ss12000Snapshot {
  /** Everything the server has (a full sync), or only what changed after `since`. */
  full: boolean;
  organisations: Ss12000Organisation[];
  persons: Ss12000Person[];
  duties: Ss12000Duty[];
  groups: Ss12000Group[];
  /** Removed at the source since `since` (incremental runs only). */
  deleted: Record<Ss12000DeletedEntityType, string[]>;
}

export type ProgressFn = (message: string) => void;

/** Reads the four resources (and the deletions since `since`); records that do not fit are rejected. */
export async function readSnapshot(
  client: Ss12000Source,
  tally: RunTally,
  options: { since?: string | undefined; progress?: ProgressFn },
): Promise<Ss12000Snapshot> {
  const opts = options.since ? { modifiedAfter: options.since } : {};
  const read = async <T>(entity: string, records: AsyncGenerator<Ss12000Record<T>>): Promise<T[]> => {
    const out: T[] = [];
    for await (const record of records) {
      if (record.ok) out.push(record.value);
      else tally.reject(entity, record.id, `invalid_record: ${record.reason}`);
      if (out.length % 5000 === 0 && out.length > 0) options.progress?.(`read ${out.length} ${entity}`);
    }
    options.progress?.(`read ${out.length} ${entity}`);
    return out;
  };
  const snapshot: Ss12000Snapshot = {
    full: options.since === undefined,
    organisations: await read('organisations', client.organisations(opts)),
    persons: await read('persons', client.persons(opts)),
    duties: await read('duties', client.duties(opts)),
    groups: await read('groups', client.groups(opts)),
    deleted: { organisations: [], persons: [], duties: [], groups: [] },
  };
  if (options.since !== undefined) {
    for await (const d of client.deletedEntities(options.since)) snapshot.deleted[d.type].push(d.id);
  }
  return snapshot;
}
