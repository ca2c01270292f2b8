import type { Queryable } from '../../../db/client.js';
import type { LinkCache, RunTally } from '../store.js';
import type { ProgressFn } from './snapshot.js';

/** What one SS 12000 run carries through its steps. */
export interface SyncContext {
  tx: Queryable;
  links: LinkCache;
  tally: RunTally;
  /** The run's Swedish day, and the day before: what the source removed ends then. */
  today: string;
  yesterday: string;
  now: Date;
  /** The identity provider's issuer: staff log in with their eduPersonPrincipalName as subject. */
  oidcIssuer: string | undefined;
  progress: ProgressFn;
  /** Units known to this run (linked before or written now), by local id. */
  units: Map<string, { kind: string; organisationId: string; municipalityCode: string | null }>;
  /** Local ids of the persons this run resolved, by SS 12000 person id. */
  children: Map<string, string>;
  guardians: Map<string, string>;
  staff: Map<string, string>;
  /** The id of a new row for a source record. */
  newId: (entity: string, externalId: string) => string;
}

/** The units already in the database (to know a linked unit's kind and huvudman). */
export async function loadUnits(q: Queryable): Promise<SyncContext['units']> {
  const r = await q.query<{ id: string; kind: string; organisation_id: string; municipality_code: string | null }>(
    'SELECT id, kind, organisation_id, municipality_code FROM unit',
  );
  return new Map(
    r.rows.map((u) => [
      u.id,
      { kind: u.kind, organisationId: u.organisation_id, municipalityCode: u.municipality_code },
    ]),
  );
}
