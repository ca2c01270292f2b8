/**
 * Loading the demo county through the county's own import paths (sources.ts): the people file, the
 * population file and an SS 12000 sync, each the same code `npx barnkompass import …` runs, inside
 * the seed's one transaction. Then what no source carries and only the demo has: demo logins
 * (usernames), the staff's e-mail, guardians' contact details, a gender that the personnummer does
 * not tell, the first system administrator, and the test-data mark.
 */
import type { Db, Queryable } from '../db/client.js';
import { runPeopleImport, runPopulationImport } from '../modules/directory/files/run.js';
import { Ss12000FixtureSource } from '../modules/directory/ss12000/fixture-source.js';
import { syncSs12000 } from '../modules/directory/ss12000/sync.js';
import type { Rejection } from '../modules/directory/store.js';
import type { DemoData } from './seed.js';
import { demoSources } from './sources.js';

export const DEMO_FEED = 'demo';

/** The seed's transaction as the Db the importers take (they run inside it, not in their own). */
function within(tx: Queryable, kind: Db['kind']): Db {
  return {
    kind,
    query: (text, params, name) => tx.query(text, params, name),
    exec: (text) => tx.exec(text),
    transaction: (fn) => fn(tx),
    ownerTransaction: (fn) => fn(tx),
    useAppRole: async () => {},
    close: async () => {},
  };
}

function refuseRejections(source: string, rejected: readonly Rejection[]): void {
  if (rejected.length === 0) return;
  const reasons = rejected.slice(0, 5).map((r) => `${r.entity} ${r.id}: ${r.reason}`);
  throw new Error(`demo seed: the ${source} import rejected ${rejected.length} record(s): ${reasons.join('; ')}`);
}

export async function importDemoCounty(
  tx: Queryable,
  kind: Db['kind'],
  data: DemoData,
  progress: (done: number, label: 'people' | 'population' | 'ss12000') => void = () => {},
): Promise<void> {
  const sources = demoSources(data);
  const db = within(tx, kind);
  // Mid-morning in Sweden on the demo's day: the imports' runs and audit events carry it.
  const now = new Date(`${data.today}T09:00:00Z`);
  // The demo's sources are a feed of their own: a county's imports beside them end nothing of the demo.
  const fileOptions = { now: () => now, dryRun: false, newId: sources.newId, feed: DEMO_FEED };
  const people = await runPeopleImport(db, { format: 'json', text: JSON.stringify(sources.people) }, fileOptions);
  refuseRejections('people', people.rejected);
  progress(1, 'people');
  const population = await runPopulationImport(
    db,
    { format: 'json', text: JSON.stringify(sources.population) },
    fileOptions,
  );
  refuseRejections('population', population.rejected);
  progress(2, 'population');
  const schools = await syncSs12000(db, new Ss12000FixtureSource(sources.ss12000), {
    now,
    newId: sources.newId,
    feed: DEMO_FEED,
  });
  refuseRejections('SS 12000', schools.rejected);
  progress(3, 'ss12000');
  await demoOnlyFields(tx, data);
}

async function demoOnlyFields(tx: Queryable, data: DemoData): Promise<void> {
  const p = data.person;
  await tx.query(
    `UPDATE person t SET username = v.username, email = v.email, oidc_subject = v.username, is_test_data = true
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, username, email) WHERE t.id = v.id`,
    [p.map((x) => x.id), p.map((x) => x.username), p.map((x) => x.email)],
  );
  // The source's words for a duty are its own; the demo's titles are the employer's.
  const a = data.assignment;
  await tx.query(
    `UPDATE assignment t SET title = v.title FROM unnest($1::uuid[], $2::text[]) AS v(id, title)
      WHERE t.id = v.id AND t.title IS DISTINCT FROM v.title`,
    [a.map((x) => x.id), a.map((x) => x.title)],
  );
  // The keys to the system are never handed out by a file: the first administrator is set up by hand.
  const admins = a.filter((x) => x.role === 'system_admin');
  const adminOnly = p.filter((x) => a.every((y) => y.person_id !== x.id || y.role === 'system_admin'));
  await tx.query(
    `INSERT INTO person (id, given_name, family_name, email, username, oidc_subject, enabled, is_test_data)
     SELECT id, given, family, email, username, username, true, true
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(id, given, family, email, username)`,
    [
      adminOnly.map((x) => x.id),
      adminOnly.map((x) => x.given_name),
      adminOnly.map((x) => x.family_name),
      adminOnly.map((x) => x.email),
      adminOnly.map((x) => x.username),
    ],
  );
  await tx.query(
    `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, title, valid_from)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::date[])`,
    [
      admins.map((x) => x.id),
      admins.map((x) => x.person_id),
      admins.map((x) => x.organisation_id),
      admins.map((x) => x.unit_id),
      admins.map((x) => x.role),
      admins.map((x) => x.title),
      admins.map((x) => x.valid_from),
    ],
  );
  const c = data.child;
  await tx.query(
    `UPDATE child t SET gender = v.gender, is_test_data = true
       FROM unnest($1::uuid[], $2::text[]) AS v(id, gender) WHERE t.id = v.id`,
    [c.map((x) => x.id), c.map((x) => x.gender)],
  );
  // Guardians' phone and e-mail: what the school office or social services have noted down.
  const g = data.guardian;
  await tx.query(
    `UPDATE guardian t SET phone = v.phone, email = v.email, is_test_data = true
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, phone, email) WHERE t.id = v.id`,
    [g.map((x) => x.id), g.map((x) => x.phone), g.map((x) => x.email)],
  );
}
