import { randomUUID } from 'node:crypto';
import { addDays } from '../../../../core/calendar.js';
import { appendEventsInTransaction } from '../../../access/audit-door.js';
import { auditEvent } from '../../../access/audit-events.js';
import { swedishToday } from '../../../clock.js';
import type { Db } from '../../../db/client.js';
import { LinkCache, RunTally, type Counts, type Rejection } from '../store.js';
import { reconcileDirectoryTeams } from '../teams.js';
import type { Ss12000Source } from './client.js';
import { readSnapshot, type ProgressFn, type Ss12000Snapshot } from './snapshot.js';
import { loadUnits, type SyncContext } from './sync-context.js';
import { endDuties, endGroups, syncDuties, syncGroups } from './sync-duties.js';
import { endGuardianships, endPupils, syncEnrolments, syncGuardianships } from './sync-enrolments.js';
import { rolesOf, syncChildren, syncGuardians, syncStaff, type Roles } from './sync-persons.js';
import { endOrganisations, syncOrganisations } from './sync-units.js';

/**
 * One SS 12000 run: read the source (everything, or what changed since `since` and what was
 * deleted since), then write it in ONE transaction — units, persons, groups, duties, enrolments,
 * guardianships, the teams they form, the links and the run's record and audit event — or nothing.
 * A full run also ends what the source no longer has. A dry run does all of it and rolls back.
 * Records that cannot be taken are rejected with a reason; the rest goes on.
 */

export interface Ss12000SyncOptions {
  since?: string | undefined;
  dryRun?: boolean;
  /** The issuer staff log in through (their eduPersonPrincipalName is the subject). */
  oidcIssuer?: string | undefined;
  now: Date;
  progress?: ProgressFn;
  /** The id a new row gets (random unless said; the demo county's are derived from its keys). */
  newId?: (entity: string, externalId: string) => string;
  /** Which of the county's SS 12000 APIs this is (each school system is its own feed). */
  feed?: string;
}

export interface Ss12000SyncSummary {
  source: 'ss12000';
  runId: string;
  full: boolean;
  dryRun: boolean;
  organisations: Counts;
  persons: Counts;
  duties: Counts;
  enrolments: Counts;
  guardianships: Counts;
  groups: Counts;
  teams: Counts;
  rejected: Rejection[];
}

class DryRun extends Error {
  constructor(readonly summary: Ss12000SyncSummary) {
    super('dry run: rolled back');
  }
}

export async function syncSs12000(
  db: Db,
  source: Ss12000Source,
  options: Ss12000SyncOptions,
): Promise<Ss12000SyncSummary> {
  const progress = options.progress ?? (() => {});
  const tally = new RunTally();
  const snapshot = await readSnapshot(source, tally, { since: options.since, progress });
  const today = swedishToday(options.now);
  const runId = randomUUID();
  try {
    return await db.transaction(async (tx) => {
      const c: SyncContext = {
        tx,
        links: await LinkCache.load(tx, 'ss12000', options.feed),
        tally,
        today,
        yesterday: addDays(today, -1),
        now: options.now,
        oidcIssuer: options.oidcIssuer,
        progress,
        units: await loadUnits(tx),
        children: new Map(),
        guardians: new Map(),
        staff: new Map(),
        newId: options.newId ?? (() => randomUUID()),
      };
      const summary = await writeSnapshot(c, snapshot, runId, options);
      if (options.dryRun) throw new DryRun(summary);
      return summary;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.summary;
    throw err;
  }
}

async function writeSnapshot(
  c: SyncContext,
  snapshot: Ss12000Snapshot,
  runId: string,
  options: Ss12000SyncOptions,
): Promise<Ss12000SyncSummary> {
  await c.tx.query(
    `INSERT INTO directory_import_run (id, source, feed, started_at, dry_run, since, status)
     VALUES ($1, 'ss12000', $5, $2, $3, $4, 'running')`,
    [runId, options.now.toISOString(), options.dryRun === true, options.since ?? null, c.links.feed],
  );
  await syncOrganisations(c, snapshot.organisations);
  c.progress('organisations written');
  const roles = rolesOf(c, snapshot);
  await syncChildren(c, roles.pupils);
  await syncGuardians(c, roles.guardians);
  await syncStaff(c, roles.staff);
  c.progress(
    `persons written (${roles.pupils.length} pupils, ${roles.guardians.length} guardians, ${roles.staff.length} staff)`,
  );
  await syncGroups(c, snapshot.groups);
  await syncDuties(c, snapshot.duties);
  await syncEnrolments(c, roles.pupils);
  await syncGuardianships(c, roles.pupils);
  await endRemoved(c, snapshot, roles);
  const teams = await reconcileDirectoryTeams(c.tx, c.today);
  c.progress('teams formed');
  await c.links.flush(c.tx);
  const summary = summaryOf(c.tally, runId, snapshot.full, options.dryRun === true, teams);
  await c.tx.query(
    `UPDATE directory_import_run SET status = 'succeeded', finished_at = $2, summary = $3 WHERE id = $1`,
    [runId, options.now.toISOString(), JSON.stringify(summary)],
  );
  await appendEventsInTransaction(
    c.tx,
    [
      auditEvent(null, null, {
        action: 'directory.import',
        resourceType: 'directory_import_run',
        resourceId: runId,
        details: { source: 'ss12000', full: snapshot.full, ...flatCounts(summary), rejected: summary.rejected.length },
      }),
    ],
    options.now,
  );
  return summary;
}

const ENTITIES = ['organisations', 'persons', 'duties', 'enrolments', 'guardianships', 'groups'] as const;

function summaryOf(
  tally: RunTally,
  runId: string,
  full: boolean,
  dryRun: boolean,
  teams: { created: number; updated: number; ended: number },
): Ss12000SyncSummary {
  tally.touch(...ENTITIES);
  const c = tally.counts;
  return {
    source: 'ss12000',
    runId,
    full,
    dryRun,
    organisations: c.organisations!,
    persons: c.persons!,
    duties: c.duties!,
    enrolments: c.enrolments!,
    guardianships: c.guardianships!,
    groups: c.groups!,
    teams,
    rejected: tally.rejected,
  };
}

function flatCounts(s: Ss12000SyncSummary): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of [...ENTITIES, 'teams'] as const) for (const [k, v] of Object.entries(s[e])) out[`${e}_${k}`] = v;
  return out;
}

interface Removed {
  organisations: string[];
  pupils: string[];
  guardians: string[];
  staff: string[];
  duties: string[];
  groups: string[];
}

/** What the source removed: its deleted entities, or — on a full run — whatever it no longer has. */
async function endRemoved(c: SyncContext, snapshot: Ss12000Snapshot, roles: Roles): Promise<void> {
  const deleted = snapshot.deleted;
  const removed: Removed = snapshot.full
    ? absent(c, snapshot, roles)
    : { ...deleted, pupils: deleted.persons, guardians: deleted.persons, staff: deleted.persons };
  await endPupils(
    c,
    removed.pupils.filter((id) => c.links.get('child', id)?.endedOn === null),
  );
  const guardians = new Set(removed.guardians);
  const guardianships = [...c.links.open('guardianship')]
    .map(([externalId]) => externalId)
    .filter((externalId) => guardians.has(externalId.slice(externalId.indexOf('|') + 1)));
  await endGuardianships(c, guardianships);
  await endDuties(c, [...removed.duties, ...(await dutiesOfStaff(c, removed.staff))]);
  await endGroups(c, removed.groups);
  await endOrganisations(c, removed.organisations);
  const ended = new Set<string>();
  for (const [entity, ids] of [
    ['child', removed.pupils],
    ['guardian', removed.guardians],
    ['staff', removed.staff],
  ] as const) {
    for (const id of ids) {
      const link = c.links.get(entity, id);
      if (!link || link.endedOn !== null) continue;
      c.links.set(entity, id, { ...link, endedOn: c.yesterday });
      ended.add(id);
    }
  }
  c.tally.count('persons', 'ended', ended.size);
}

/** On a full run: linked records the source no longer lists. */
function absent(c: SyncContext, snapshot: Ss12000Snapshot, roles: Roles): Removed {
  const missing = (entity: string, present: Iterable<string>) => {
    const seen = new Set(present);
    return [...c.links.open(entity)].map(([id]) => id).filter((id) => !seen.has(id));
  };
  return {
    organisations: missing(
      'unit',
      snapshot.organisations.map((o) => o.id),
    ),
    pupils: missing(
      'child',
      roles.pupils.map((p) => p.id),
    ),
    guardians: missing(
      'guardian',
      roles.guardians.map((p) => p.id),
    ),
    staff: missing(
      'staff',
      roles.staff.map((p) => p.id),
    ),
    duties: missing(
      'duty',
      snapshot.duties.map((d) => d.id),
    ),
    groups: missing(
      'group',
      snapshot.groups.map((g) => g.id),
    ),
  };
}

/** The duties (external ids) of staff removed at the source. */
async function dutiesOfStaff(c: SyncContext, personIds: readonly string[]): Promise<string[]> {
  const staff = personIds.flatMap((id) => {
    const link = c.links.get('staff', id);
    return link && link.endedOn === null ? [link.localId] : [];
  });
  if (staff.length === 0) return [];
  const r = await c.tx.query<{ id: string }>('SELECT id FROM assignment WHERE person_id = ANY($1::uuid[])', [staff]);
  const assignments = new Set(r.rows.map((x) => x.id));
  return [...c.links.open('duty')].filter(([, link]) => assignments.has(link.localId)).map(([id]) => id);
}
