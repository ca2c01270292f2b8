import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { renderPlanModel } from '../../src/server/modules/plan/repo.js';
import type { Queryable } from '../../src/server/db/client.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { testDay, testNowPlusDays, testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

/**
 * The plan's read model (migration 0014, repo.ts loadPlanView): the plan page takes the plan's long
 * lists from a rendered copy, and must never show anything the tables no longer say. Every way the
 * lists can change — a write through the API, a renamed person, guardian or unit, a new title, the
 * next day — shows on the very next read; the copy is made only for someone the gate let through.
 */
describe.each(testDbKinds())("the plan's read model (%s)", (kind) => {
  let t: TestApp;
  let anna: string;
  const annaA = demoAssignmentId('anna.lindqvist', 0);
  let child: string;
  let planId: string;
  let actionId: string;
  let guardianId: string;

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object, ifMatch?: string) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      ...(payload ? { payload } : {}),
    });
  const plan = (rest = '') => `/api/children/${child}/plan${rest}`;
  const view = async (cookie = anna) => {
    const r = await req('GET', plan(), cookie);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const modelRow = async () =>
    (
      await t.tdb.db.query<{ content_generation: string; rendered_for: string; plan_generation: string }>(
        `SELECT m.content_generation::text, m.rendered_for::text, p.content_generation::text AS plan_generation
           FROM plan_read_model m JOIN plan p ON p.id = m.plan_id WHERE m.plan_id = $1`,
        [planId],
      )
    ).rows[0];

  beforeAll(async () => {
    t = await createTestApp(kind);
    anna = await t.login('anna.lindqvist');
    // anna's pupil with two custodial guardians and no plan yet.
    const pupil = await scenario(t.tdb.db, testToday()).child({
      team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }],
      guardians: 2,
    });
    child = pupil.id;
    const created = await req('POST', plan(), anna, { level: 2, reason: 'En plan för läsmodellen.' });
    expect(created.statusCode, created.body).toBe(201);
    planId = created.json().plan.id;
    expect(
      (await req('POST', plan('/needs'), anna, { indicator: 'safe', description: 'Trygg på rasterna' })).statusCode,
    ).toBe(201);
    const action = await req('POST', plan('/actions'), anna, {
      what: 'Rastvärd vid fotbollsplanen',
      responsible: { kind: 'professional', assignmentId: annaA },
      dueDate: testDay(3),
    });
    expect(action.statusCode, action.body).toBe(201);
    actionId = action.json().id;
    const guardians = (await view()).guardians as { guardianId: string; hasCustody: boolean }[];
    guardianId = guardians.find((g) => g.hasCustody)!.guardianId;
    const gv = await req('POST', plan('/guardian-views'), anna, {
      guardianId,
      text: 'Vi vill att rasterna blir lugnare.',
    });
    expect(gv.statusCode, gv.body).toBe(201);
  });
  afterAll(async () => {
    t?.setNow(null);
    await t?.close();
  });

  it('a read renders the lists once; the next read takes them from the model and answers the same', async () => {
    const first = await req('GET', plan(), anna);
    const row = await modelRow();
    expect(row).toBeDefined();
    expect(row!.content_generation).toBe(row!.plan_generation);
    expect(row!.rendered_for).toBe(testToday());
    const second = await req('GET', plan(), anna);
    expect(second.body).toBe(first.body);
    // Proof that the model is what the read uses: a marked copy comes back as it is.
    await t.tdb.db.query(`UPDATE plan_read_model SET actions = '[]'::json WHERE plan_id = $1`, [planId]);
    expect((await view()).plan.actions).toEqual([]);
    // …and a render puts the truth back.
    await renderPlanModel(t.tdb.db as Queryable, planId, testToday());
    expect((await req('GET', plan(), anna)).body).toBe(first.body);
  });

  it('every write to a list through the API shows on the next read; the write removes the old copy at once', async () => {
    const before = await view();
    expect(await modelRow()).toBeDefined();
    const action = before.plan.actions.find((a: { id: string }) => a.id === actionId);
    const patched = await req(
      'PATCH',
      plan(`/actions/${actionId}`),
      anna,
      { status: 'in_progress' },
      `"v${action.version}"`,
    );
    expect(patched.statusCode, patched.body).toBe(200);
    // A corrected text does not linger in the rendered copy until someone reads the plan again.
    expect(await modelRow()).toBeUndefined();
    expect((await view()).plan.actions.find((a: { id: string }) => a.id === actionId).status).toBe('in_progress');

    expect(
      (await req('POST', plan('/needs'), anna, { indicator: 'included', description: 'Med i gruppen' })).statusCode,
    ).toBe(201);
    expect((await view()).plan.needs.map((n: { description: string }) => n.description)).toContain('Med i gruppen');

    expect(
      (await req('POST', plan('/voice'), anna, { text: 'Jag vill spela fotboll på rasten.', writtenByChild: true }))
        .statusCode,
    ).toBe(201);
    expect((await view()).plan.voice.map((v: { text: string }) => v.text)).toContain(
      'Jag vill spela fotboll på rasten.',
    );

    const p = (await view()).plan;
    const level = await req(
      'POST',
      plan('/level'),
      anna,
      { level: 1, reason: 'Det går bättre nu.' },
      `"v${p.version}"`,
    );
    expect(level.statusCode, level.body).toBe(200);
    const after = await view();
    expect(after.plan.levelHistory.at(-1)).toMatchObject({
      levelBefore: 2,
      levelAfter: 1,
      reason: 'Det går bättre nu.',
    });
    const row = await modelRow();
    expect(row!.content_generation).toBe(row!.plan_generation);
  });

  it('a renamed person, guardian or unit and a new title show on the next read', async () => {
    await view(); // the model is fresh
    const annaId = (await personByUsername(t.tdb.db, 'anna.lindqvist')).id;
    const unit = (
      await t.tdb.db.query<{ unit_id: string; name: string; title: string | null }>(
        'SELECT a.unit_id, u.name, a.title FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.id = $1',
        [annaA],
      )
    ).rows[0]!;
    const guardian = (
      await t.tdb.db.query<{ given_name: string }>('SELECT given_name FROM guardian WHERE id = $1', [guardianId])
    ).rows[0]!;
    try {
      await t.tdb.db.query("UPDATE person SET family_name = 'Lindqvist-Berg' WHERE id = $1", [annaId]);
      let v = await view();
      const action = () => v.plan.actions.find((a: { id: string }) => a.id === actionId);
      expect(action().responsible.name).toBe('Anna Lindqvist-Berg');
      expect(action().createdBy.name).toBe('Anna Lindqvist-Berg');

      await t.tdb.db.query("UPDATE unit SET name = 'Nya Furuboskolan' WHERE id = $1", [unit.unit_id]);
      await t.tdb.db.query("UPDATE assignment SET title = 'Mentor' WHERE id = $1", [annaA]);
      v = await view();
      expect(action().responsible).toMatchObject({ unitName: 'Nya Furuboskolan', title: 'Mentor' });

      await t.tdb.db.query("UPDATE guardian SET given_name = 'Kim' WHERE id = $1", [guardianId]);
      v = await view();
      expect(
        v.plan.guardianViews.find((g: { guardianId: string }) => g.guardianId === guardianId).guardianName,
      ).toMatch(/^Kim /);
    } finally {
      await t.tdb.db.query("UPDATE person SET family_name = 'Lindqvist' WHERE id = $1", [annaId]);
      await t.tdb.db.query('UPDATE unit SET name = $2 WHERE id = $1', [unit.unit_id, unit.name]);
      await t.tdb.db.query('UPDATE assignment SET title = $2 WHERE id = $1', [annaA, unit.title]);
      await t.tdb.db.query('UPDATE guardian SET given_name = $2 WHERE id = $1', [guardianId, guardian.given_name]);
    }
    expect((await view()).plan.actions.find((a: { id: string }) => a.id === actionId).responsible.name).toBe(
      'Anna Lindqvist',
    );
  });

  it('an action becomes overdue on the day after its due date, with no write in between', async () => {
    const overdue = async () =>
      (await view()).plan.actions.find((a: { id: string }) => a.id === actionId).overdue as boolean;
    expect(await overdue()).toBe(false);
    t.setNow(testNowPlusDays(4));
    try {
      anna = await t.login('anna.lindqvist'); // four days on, the session has timed out
      expect(await overdue()).toBe(true);
      expect((await modelRow())!.rendered_for).toBe(testDay(4));
    } finally {
      t.setNow(null);
      anna = await t.login('anna.lindqvist');
    }
    expect(await overdue()).toBe(false);
  });

  it('nothing is rendered for someone the gate turns away', async () => {
    await t.tdb.db.query("UPDATE plan_read_model SET rendered_for = '2000-01-01' WHERE plan_id = $1", [planId]);
    const johan = await t.login('johan.falk', demoAssignmentId('johan.falk', 0));
    const denied = await req('GET', plan(), johan);
    expect(denied.statusCode).toBe(404);
    const row = await modelRow();
    expect(row!.rendered_for).toBe('2000-01-01');
    expect((await view()).plan.id).toBe(planId);
    expect((await modelRow())!.rendered_for).toBe(testToday());
  });

  it('the triggers watch every table the lists are rendered from', async () => {
    let sql = '';
    await renderPlanModel(
      { query: async (text: string) => ((sql = text), { rows: [], rowCount: 0 }) } as unknown as Queryable,
      planId,
      testToday(),
    );
    const tables = new Set([...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)\b/g)].map((m) => m[1]!));
    tables.delete('plan'); // the plan's own row: its generation is the key
    tables.delete('directory_generation');
    tables.delete('unnest');
    const triggers = await t.tdb.db.query<{ table: string; fn: string }>(
      `SELECT c.relname AS table, p.proname AS fn FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_proc p ON p.oid = tg.tgfoid
        WHERE NOT tg.tgisinternal AND p.proname IN ('plan_content_changed', 'directory_changed')`,
    );
    const watched = new Map(triggers.rows.map((r) => [r.table, r.fn]));
    expect([...tables].sort()).toEqual([
      'assignment',
      'guardian',
      'person',
      'plan_action',
      'plan_disagreement',
      'plan_goal',
      'plan_guardian_view',
      'plan_level_change',
      'plan_need',
      'plan_status_change',
      'plan_voice',
      'unit',
    ]);
    for (const table of tables)
      expect(watched.get(table), table).toBe(table.startsWith('plan_') ? 'plan_content_changed' : 'directory_changed');
  });
});
