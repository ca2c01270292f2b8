/**
 * ss12000-sync: the SS 12000 directory sync against a local SS 12000 server (its own process) with
 * a county of 20,000 pupils, 35,000 guardians, ~2,500 staff and 40 school units, on PostgreSQL:
 * (a) the full sync into an empty database, (b) the same full sync again (nothing changed: the
 * idempotent path), (c) an incremental sync after 1 % of the persons changed and a few pupils were
 * deleted. Reports persons per second, seconds, and the importing process's memory growth (peak
 * RSS above the baseline before the run). Prints JSON.
 *
 *   npm run bench -- ss12000-sync [--schools 40] [--pupils-per-school 500] [--database postgres://…/test]
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { Ss12000Client } from '../src/server/modules/directory/ss12000/client.js';
import { syncSs12000, type Ss12000SyncSummary } from '../src/server/modules/directory/ss12000/sync.js';
import { freshPostgresDb } from './_server.js';

const { values } = parseArgs({
  options: {
    schools: { type: 'string', default: '40' },
    'pupils-per-school': { type: 'string', default: '500' },
    'staff-per-school': { type: 'string', default: '62' },
    database: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const schools = Number(values.schools);
const pupilsPerSchool = Number(values['pupils-per-school']);

const child = fork(
  path.join(import.meta.dirname, '_ss12000_server.ts'),
  [
    JSON.stringify({
      schools,
      pupilsPerSchool,
      guardiansPerPupil: 1.75,
      staffPerSchool: Number(values['staff-per-school']),
      schoolYear: { start: '2026-08-17', end: '2027-06-10' },
      token: 'bench',
    }),
  ],
  { execArgv: ['--import', 'tsx'] },
);
const ask = <T>(msg?: object): Promise<T> =>
  new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    if (msg) child.send(msg);
  });
const { url, persons } = await ask<{ url: string; persons: number }>();

const dbUrl = await freshPostgresDb(values.database, 'bk_bench_ss12000');
const db = await openDb({ databaseUrl: dbUrl, poolSize: 4 });
await migrate(db);
await db.useAppRole();
const client = new Ss12000Client({ baseUrl: url, token: 'bench', pageSize: 1000 });

async function measured(
  since?: string,
): Promise<{ seconds: number; memoryGrowthMb: number; summary: Ss12000SyncSummary }> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const summary = await syncSs12000(db, client, { since, now: new Date(), oidcIssuer: 'https://idp.example' });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, memoryGrowthMb: Math.round((peak - baseline) / 1048576), summary };
}

const written = (s: Ss12000SyncSummary) => s.persons.created + s.persons.updated;
const full = await measured();
const again = await measured();
const change = await ask<{ since: string; changed: number; removed: number }>({
  change: Math.round(persons / 100),
  remove: 20,
});
const incremental = await measured(change.since);

const result = {
  bench: 'ss12000-sync',
  database: 'postgresql',
  county: { schools, pupils: schools * pupilsPerSchool, persons },
  full: {
    seconds: +full.seconds.toFixed(2),
    personsWritten: written(full.summary),
    personsPerSecond: Math.round(written(full.summary) / full.seconds),
    teamRowsCreated: full.summary.teams.created,
    rejected: full.summary.rejected.length,
    memoryGrowthMb: full.memoryGrowthMb,
  },
  unchangedFull: {
    seconds: +again.seconds.toFixed(2),
    personsWritten: written(again.summary),
    memoryGrowthMb: again.memoryGrowthMb,
  },
  incremental: {
    changedAtSource: change.changed,
    deletedAtSource: change.removed,
    seconds: +incremental.seconds.toFixed(2),
    personsUpdated: incremental.summary.persons.updated,
    personsEnded: incremental.summary.persons.ended,
    memoryGrowthMb: incremental.memoryGrowthMb,
  },
  goals: {
    fullPersonsPerSecond: { goal: '>= 2000', met: written(full.summary) / full.seconds >= 2000 },
    incrementalSeconds: { goal: '<= 10', met: incremental.seconds <= 10 },
    memoryGrowthMb: { goal: '<= 300', met: Math.max(full.memoryGrowthMb, incremental.memoryGrowthMb) <= 300 },
  },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
child.send({ close: true });
await db.close();
