import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { auditOfRequest } from '../../../test/helpers/audit.js';
import { testToday } from '../../../test/helpers/clock.js';
import { type Scenario, type ScenarioChild, scenario } from '../../../test/helpers/scenario.js';

// The reads that show several children (listChildData) and the overview, through the app.
describe('multi-child reads through the choke point (pglite)', () => {
  let t: TestApp;
  let s: Scenario;
  let anna: string;
  let open: ScenarioChild;
  let hidden: ScenarioChild;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    s = scenario(t.tdb.db, testToday());
    open = await s.child({ team: ['anna.lindqvist'] });
    hidden = await s.child({ team: ['anna.lindqvist'], protectedIdentity: true });
    anna = await t.login('anna.lindqvist');
  });

  afterAll(async () => {
    await t?.close();
  });

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const auditOf = async (res: { headers: Record<string, unknown> }) =>
    (await auditOfRequest(t.tdb.db, res.headers['x-request-id'] as string)).map((r) => ({
      ...r,
      details: r.details ?? {},
    }));

  it('lists: one event per child shown, the child with protected identity flagged', async () => {
    const res = await call(anna, 'GET', '/api/children');
    expect(res.statusCode).toBe(200);
    const ids = (res.json().children as { id: string }[]).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([open.id, hidden.id]));
    const rows = await auditOf(res);
    expect(rows.map((r) => r.child_id)).toEqual(ids);
    expect(rows.every((r) => r.action === 'child.list' && r.outcome === 'permitted' && r.resource_id === null)).toBe(
      true,
    );
    expect(rows.find((r) => r.child_id === hidden.id)!.details).toEqual({ protected_identity: true });
    expect(rows.find((r) => r.child_id === open.id)!.details).toEqual({});
  });

  it('search: a find on my team is audited with the child; a miss names no child', async () => {
    const found = await call(anna, 'POST', '/api/children/search', { personnummer: hidden.personnummer });
    expect(found.json().match.id).toBe(hidden.id);
    expect(await auditOf(found)).toEqual([
      {
        action: 'child.search',
        outcome: 'permitted',
        child_id: hidden.id,
        resource_id: hidden.id,
        details: { protected_identity: true },
      },
    ]);
    const miss = await call(anna, 'POST', '/api/children/search', { personnummer: await s.unusedPersonnummer(10) });
    expect(miss.json().match).toBeNull();
    expect(await auditOf(miss)).toEqual([
      { action: 'child.search', outcome: 'not_found', child_id: null, resource_id: null, details: {} },
    ]);
  });

  it('overview: denied to someone off the team, audited like every single-child read', async () => {
    const johan = await t.login('johan.falk');
    const res = await call(johan, 'GET', `/api/children/${hidden.id}`);
    expect(res.statusCode).toBe(404);
    expect(await auditOf(res)).toEqual([
      {
        action: 'child.read',
        outcome: 'denied',
        child_id: hidden.id,
        resource_id: hidden.id,
        details: { protected_identity: true },
      },
    ]);
    const mine = await call(anna, 'GET', `/api/children/${open.id}`);
    expect(mine.statusCode).toBe(200);
    expect(await auditOf(mine)).toEqual([
      { action: 'child.read', outcome: 'permitted', child_id: open.id, resource_id: open.id, details: {} },
    ]);
  });

  it('fails closed: when the audit cannot be committed, neither the to-do nor the report list leaves', async () => {
    for (const url of ['/api/todo', '/api/reports/mine', '/api/children']) {
      t.ctx.audit.failNext = 1;
      const res = await call(anna, 'GET', url);
      expect(res.statusCode, url).toBe(500);
      expect(res.json(), url).toMatchObject({ error: 'internal', message: 'Something went wrong' });
      expect(res.body, url).not.toContain(open.id);
      expect(await auditOf(res), url).toEqual([]);
    }
  });
});
