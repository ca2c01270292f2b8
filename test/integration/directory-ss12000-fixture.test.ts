import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ss12000Client } from '../../src/server/modules/directory/ss12000/client.js';
import { Ss12000FixtureSource } from '../../src/server/modules/directory/ss12000/fixture-source.js';
import { syncSs12000 } from '../../src/server/modules/directory/ss12000/sync.js';
import { demoUuid } from '../../src/server/demo/random.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDay } from '../helpers/clock.js';
import { testDbKinds } from '../helpers/db.js';
import { generateCounty } from '../ss12000/county.js';
import { startSs12000Server, type Ss12000Server } from '../ss12000/server.js';

// Records at hand (the way the demo county is loaded) go through the same sync as the server's API:
// a county synced from a fixture and then from the server with the same data changes nothing.
describe.each(testDbKinds())('SS 12000 from a fixture (%s)', (kind) => {
  let t: TestApp;
  let server: Ss12000Server;
  const options = {
    schools: 1,
    pupilsPerSchool: 20,
    preschoolChildren: 2,
    schoolYear: { start: testDay(-60), end: testDay(120) },
    seed: 23,
  };
  const zero = { created: 0, updated: 0, ended: 0 };

  beforeAll(async () => {
    t = await createTestApp(kind);
    server = await startSs12000Server(options);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('takes the records with the ids it is given, and the server’s API then finds nothing to change', async () => {
    const county = generateCounty({ ...options, generatedAt: '2026-08-01T06:00:00Z' });
    const newId = (entity: string, externalId: string) => demoUuid(`fixture:${entity}:${externalId}`);
    const fromFixture = await syncSs12000(t.tdb.db, new Ss12000FixtureSource(county), { now: t.now(), newId });
    expect(fromFixture.rejected).toEqual([]);
    expect(fromFixture.enrolments.created).toBe(22);
    const pupil = county.pupilIds[0]!;
    const child = await t.tdb.db.query<{ id: string }>('SELECT id FROM child WHERE id = $1', [newId('child', pupil)]);
    expect(child.rows).toHaveLength(1);

    const fromServer = await syncSs12000(t.tdb.db, new Ss12000Client({ baseUrl: server.url, token: 'test-token' }), {
      now: t.now(),
    });
    for (const e of ['organisations', 'persons', 'duties', 'enrolments', 'guardianships', 'groups', 'teams'] as const)
      expect(fromServer[e], e).toEqual(zero);
  });

  it('an incremental read of a fixture takes only what changed after the time, and its deletions', async () => {
    const county = generateCounty({ ...options, generatedAt: '2026-08-01T06:00:00Z' });
    const renamed = county.persons.find((p) => p.id === county.pupilIds[1])!;
    Object.assign(renamed, { givenName: 'Tyra', meta: { ...renamed.meta, modified: '2026-09-01T08:00:00Z' } });
    const removed = county.pupilIds[2]!;
    county.persons = county.persons.filter((p) => p.id !== removed);
    const source = new Ss12000FixtureSource({
      ...county,
      deleted: [{ type: 'persons', id: removed, at: '2026-09-01T09:00:00Z' }],
    });
    const run = await syncSs12000(t.tdb.db, source, { since: '2026-08-15T00:00:00Z', now: t.now() });
    expect(run.persons).toEqual({ created: 0, updated: 1, ended: 1 });
    expect(run.enrolments.ended).toBe(1);
  });
});
