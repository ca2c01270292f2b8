// Two app servers over one database: each keeps its own follow-up cube in memory, keyed by the
// data's generation in the database, so a change made through one server is in the other's next
// answer. On PGlite the two apps share one database object but not their cubes; on PostgreSQL
// the second app has a pool of its own.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INSTRUMENT_ID } from '../../src/core/followup/index.js';
import { buildApp } from '../../src/server/app.js';
import { type Db, openDb } from '../../src/server/db/client.js';
import { seedDemoSurvey } from '../../src/server/demo/demo-survey.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';

describe.each(testDbKinds())('follow-up on two app servers over one database (%s)', (kind) => {
  let a: TestApp;
  let b: FastifyInstance;
  let dbB: Db;

  async function login(app: FastifyInstance, username: string, role: string): Promise<string> {
    const person = await personByUsername(a.tdb.db, username);
    const assignment = person.assignments.find((x) => x.role === role)!;
    const res = await app.inject({ method: 'POST', url: '/api/dev/login', payload: { username } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === a.config.session.cookieName)!;
    const header = `${cookie.name}=${cookie.value}`;
    const chosen = await app.inject({
      method: 'PUT',
      url: '/api/session/assignment',
      headers: { cookie: header },
      payload: { assignmentId: assignment.id },
    });
    expect(chosen.statusCode, chosen.body).toBe(204);
    return header;
  }

  const get = async (app: FastifyInstance, cookie: string, url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  beforeAll(async () => {
    a = await createTestApp(kind);
    await seedDemoSurvey(a.tdb.db);
    if (kind === 'pglite') dbB = a.tdb.db;
    else {
      dbB = await openDb({ databaseUrl: a.tdb.url!, poolSize: 2 });
      await dbB.useAppRole();
    }
    b = (await buildApp(a.config, dbB, { now: () => a.ctx.now(), logger: false })).app;
    await b.ready();
  }, 240_000);
  afterAll(async () => {
    await b?.close();
    if (kind === 'postgres') await dbB?.close();
    await a?.close();
  });

  it('population counts and an indicator changed through B are in A’s next answers', async () => {
    const managerA = await login(a.app, 'tomas.engstrom', 'manager');
    const analystB = await login(b, 'lars.berg', 'analyst');
    const countyPupils = async () => {
      const rates = (await get(a.app, managerA, '/api/followup-admin/response-rates')).json();
      return rates.county.find((r: { year: number; grade: string }) => r.year === 2024 && r.grade === '8').pupils;
    };
    const listed = async () =>
      (await get(a.app, managerA, '/api/followup/instruments'))
        .json()
        .instruments[0].indicators.map((i: { key: string }) => i.key) as string[];

    // A builds and caches its cube.
    const pupilsBefore = await countyPupils();
    const indicatorsBefore = await listed();
    expect(indicatorsBefore.length).toBeGreaterThan(1);

    // B raises one school's pupils in grade 8, 2024 by 500.
    const school = await a.tdb.db.query<{ code: string; pupils: number }>(
      `SELECT p.school_code AS code, p.pupils FROM survey_population p JOIN survey_wave w ON w.id = p.wave_id
        WHERE w.instrument_id = $1 AND w.year = 2024 AND p.grade = '8' ORDER BY p.school_code LIMIT 1`,
      [DEMO_INSTRUMENT_ID],
    );
    const { code, pupils } = school.rows[0]!;
    const imported = await b.inject({
      method: 'POST',
      url: '/api/followup-admin/population-imports',
      headers: { cookie: analystB },
      payload: {
        instrumentId: DEMO_INSTRUMENT_ID,
        fileName: 'elever.csv',
        csv: `ar;skolenhetskod;arskurs;elever\r\n2024;${code};8;${Number(pupils) + 500}\r\n`,
      },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(await countyPupils()).toBe(pupilsBefore + 500);

    // B disables an indicator: A no longer publishes it.
    const key = indicatorsBefore[0]!;
    const url = `/api/followup-admin/instruments/${DEMO_INSTRUMENT_ID}/indicators/${key}`;
    const current = await get(b, analystB, url);
    const disabled = await b.inject({
      method: 'PATCH',
      url,
      headers: { cookie: analystB, 'if-match': current.headers.etag as string },
      payload: { enabled: false },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(await listed()).toEqual(indicatorsBefore.filter((k) => k !== key));
  }, 240_000);
});
