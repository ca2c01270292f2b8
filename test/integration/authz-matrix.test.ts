import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { childrenFormerlyOnTeam, childrenOffTeamSameOrg, childrenOnTeam, personByUsername, type ChildRef } from '../helpers/fixtures.js';
import { CHILD_ACCESS, DEMO_PROVIDER_PREFIX, ROUTE_TABLE, STATIC_ROUTE, type Relation } from './authz-truth-table.js';

interface Case {
  actor: string;
  assignmentId?: string;
  child: ChildRef;
  relation: Relation;
}

/** How each child route is called for a child, and what "allowed" and "denied" look like. */
const CHILD_ROUTE_CALLS: Record<string, { call: (c: ChildRef) => { method: 'GET' | 'POST'; url: string; payload?: unknown }; allowed: (body: any, c: ChildRef) => boolean; deniedStatus: number; denied: (body: any) => boolean }> = {
  'GET /api/children/:childId': {
    call: (c) => ({ method: 'GET', url: `/api/children/${c.id}` }),
    allowed: (b, c) => b.id === c.id,
    deniedStatus: 404,
    denied: (b) => b.error === 'not_found' && !JSON.stringify(b).includes('givenName'),
  },
  'POST /api/children/search': {
    call: (c) => ({ method: 'POST', url: '/api/children/search', payload: { personnummer: c.personnummer } }),
    allowed: (b, c) => b.match?.id === c.id,
    deniedStatus: 200,
    denied: (b) => b.match === null,
  },
};

describe.each(testDbKinds())('authorization matrix (%s)', (kind) => {
  let t: TestApp;
  const cases: Case[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.tdb.db;
    const anna = await personByUsername(db, 'anna.lindqvist');
    const annaA = anna.assignments[0]!;
    const annaKids = await childrenOnTeam(db, annaA.id);
    const annaFormer = await childrenFormerlyOnTeam(db, annaA.id);
    const annaOff = await childrenOffTeamSameOrg(db, anna.id, annaA.organisationId);
    expect(annaKids.length).toBeGreaterThanOrEqual(2);
    expect(annaFormer.length).toBeGreaterThanOrEqual(1);
    expect(annaOff.length).toBeGreaterThanOrEqual(1);
    const ghost: ChildRef = { id: randomUUID(), personnummer: '201212121212' };
    for (const c of annaKids.slice(0, 2)) cases.push({ actor: 'anna.lindqvist', child: c, relation: 'on_team' });
    cases.push({ actor: 'anna.lindqvist', child: annaFormer[0]!, relation: 'former_member' });
    cases.push({ actor: 'anna.lindqvist', child: annaOff[0]!, relation: 'same_org_off_team' });
    cases.push({ actor: 'anna.lindqvist', child: ghost, relation: 'no_such_child' });
    cases.push({ actor: 'johan.falk', child: annaKids[0]!, relation: 'same_org_off_team' });
    cases.push({ actor: 'maria.holm', child: annaKids[0]!, relation: 'other_org' });
    cases.push({ actor: 'admin.kronoberg', child: annaKids[0]!, relation: 'admin' });
    cases.push({ actor: 'lars.berg', child: annaKids[0]!, relation: 'analyst' });

    // erik has two assignments; a child on his team in one is hidden while he acts in the other.
    const erik = await personByUsername(db, 'erik.johansson');
    const [e1, e2] = [erik.assignments[0]!, erik.assignments[1]!];
    const e1Kids = await childrenOnTeam(db, e1.id);
    const e2Kids = new Set((await childrenOnTeam(db, e2.id)).map((c) => c.id));
    const onlyE1 = e1Kids.find((c) => !e2Kids.has(c.id))!;
    expect(onlyE1).toBeDefined();
    cases.push({ actor: 'erik.johansson', assignmentId: e1.id, child: onlyE1, relation: 'on_team' });
    cases.push({ actor: 'erik.johansson', assignmentId: e2.id, child: onlyE1, relation: 'other_assignment_of_same_person' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('every route the app serves is in the truth table', async () => {
    const served = [...new Set(t.routes.map((r) => `${r.method} ${r.url}`))].filter((r) => !r.split(' ')[1]!.startsWith(DEMO_PROVIDER_PREFIX));
    const missing = served.filter((r) => !(r in ROUTE_TABLE) && !STATIC_ROUTE.test(r));
    expect(missing, `routes missing from the truth table: ${missing.join(', ')}`).toEqual([]);
    const childRoutes = Object.entries(ROUTE_TABLE).filter(([, k]) => k === 'child').map(([r]) => r);
    for (const r of childRoutes) expect(CHILD_ROUTE_CALLS[r], `no call recipe for child route ${r}`).toBeDefined();
  });

  it('child routes: allow exactly what the truth table allows; every denial is 404-like and audited', async () => {
    const cookies = new Map<string, string>();
    for (const c of cases) {
      const key = `${c.actor}:${c.assignmentId ?? ''}`;
      if (!cookies.has(key)) cookies.set(key, await t.login(c.actor, c.assignmentId));
      const cookie = cookies.get(key)!;
      for (const [route, spec] of Object.entries(CHILD_ROUTE_CALLS)) {
        const call = spec.call(c.child);
        const res = await t.app.inject({ ...call, headers: { cookie }, payload: call.payload as object | undefined });
        const body = res.json();
        const expected = CHILD_ACCESS[c.relation];
        const label = `${route} as ${c.actor} (${c.relation})`;
        if (expected === 'allow') {
          expect(res.statusCode, label).toBe(200);
          expect(spec.allowed(body, c.child), label).toBe(true);
        } else {
          expect(res.statusCode, label).toBe(spec.deniedStatus);
          expect(spec.denied(body), label).toBe(true);
        }
        const requestId = res.headers['x-request-id'] as string;
        const audit = await t.tdb.db.query<{ outcome: string; child_id: string | null }>('SELECT outcome, child_id FROM audit_event WHERE request_id = $1', [requestId]);
        expect(audit.rows.length, `${label}: audited`).toBe(1);
        const outcome = expected === 'allow' ? 'permitted' : c.relation === 'no_such_child' ? 'not_found' : 'denied';
        expect(audit.rows[0], label).toEqual({ outcome, child_id: c.relation === 'no_such_child' ? null : c.child.id });
      }
    }
  });

  it('child list: contains the on-team children and none of the denied ones', async () => {
    const byActor = new Map<string, Case[]>();
    for (const c of cases) byActor.set(`${c.actor}:${c.assignmentId ?? ''}`, [...(byActor.get(`${c.actor}:${c.assignmentId ?? ''}`) ?? []), c]);
    for (const [key, list] of byActor) {
      const [actor, assignmentId] = key.split(':') as [string, string];
      const cookie = await t.login(actor, assignmentId || undefined);
      const res = await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } });
      expect(res.statusCode, key).toBe(200);
      const ids = new Set((res.json().children as { id: string }[]).map((c) => c.id));
      for (const c of list) expect(ids.has(c.child.id), `${key} ${c.relation}`).toBe(CHILD_ACCESS[c.relation] === 'allow');
    }
  });

  it('without a session child routes answer 401; without a chosen assignment 403, and never child data', async () => {
    const child = cases[0]!.child;
    for (const [, spec] of Object.entries(CHILD_ROUTE_CALLS)) {
      const call = spec.call(child);
      const anon = await t.app.inject({ ...call, payload: call.payload as object | undefined });
      expect(anon.statusCode).toBe(401);
      const erikNoAssignment = await t.login('erik.johansson');
      const res = await t.app.inject({ ...call, headers: { cookie: erikNoAssignment }, payload: call.payload as object | undefined });
      expect(res.statusCode).toBe(403);
      expect(res.json().details).toEqual({ reason: 'assignment_required' });
    }
    const anonList = await t.app.inject({ method: 'GET', url: '/api/children' });
    expect(anonList.statusCode).toBe(401);
  });

  it('team membership ending takes effect on the next request', async () => {
    const c = cases.find((x) => x.actor === 'anna.lindqvist' && x.relation === 'on_team')!;
    const cookie = await t.login('anna.lindqvist');
    expect((await t.app.inject({ method: 'GET', url: `/api/children/${c.child.id}`, headers: { cookie } })).statusCode).toBe(200);
    const anna = await personByUsername(t.tdb.db, 'anna.lindqvist');
    await t.tdb.db.query(`UPDATE team_membership SET valid_from = current_date - 30, valid_to = current_date - 1 WHERE child_id = $1 AND person_id = $2`, [c.child.id, anna.id]);
    expect((await t.app.inject({ method: 'GET', url: `/api/children/${c.child.id}`, headers: { cookie } })).statusCode).toBe(404);
  });
});
