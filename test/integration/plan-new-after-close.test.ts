import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

/**
 * A new plan after a closed one: the plan view lists the child's earlier plans, and each
 * stays readable by id (GET …/plans/:planId, versioned, audited, same gate as the plan).
 */
describe.each(testDbKinds())('a new plan after a closed one (%s)', (kind) => {
  let t: TestApp;
  let anna: string;
  let child: string;
  let otherChild: string;

  const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object, ifMatch?: string) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      ...(payload ? { payload } : {}),
    });
  const plan = (childId: string, rest = '') => `/api/children/${childId}/plan${rest}`;

  beforeAll(async () => {
    t = await createTestApp(kind);
    anna = await t.login('anna.lindqvist');
    // Two of anna's pupils without a plan (a plan at level 2 needs no coordinator).
    const s = scenario(t.tdb.db, testToday());
    const team = ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' } as const] as const;
    child = (await s.child({ team: [...team] })).id;
    otherChild = (await s.child({ team: [...team] })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('closes a plan, draws up a new one; the view shows the new one and lists the earlier ones, each readable by id', async () => {
    const first = await req('POST', plan(child), anna, { level: 2, reason: 'Första planen.' });
    expect(first.statusCode, first.body).toBe(201);
    const firstPlan = first.json().plan;
    const need = await req('POST', plan(child, '/needs'), anna, {
      indicator: 'safe',
      description: 'Trygg väg till skolan',
    });
    expect(need.statusCode, need.body).toBe(201);
    const meeting = await req('POST', plan(child, '/meetings'), anna, {
      date: firstPlan.createdAt.slice(0, 10),
      startTime: '09:00',
      place: 'Skolans konferensrum',
      purpose: 'Första nätverksmötet',
      agenda: ['Hur går det?'],
      invitees: [{ kind: 'child' }],
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const closed = await req('POST', plan(child, '/close'), anna, { reason: 'goals_met' }, `"v${firstPlan.version}"`);
    expect(closed.statusCode, closed.body).toBe(200);

    // The closed plan is the one shown; no active plan, so a new one may be drawn up.
    const before = (await req('GET', plan(child), anna)).json();
    expect(before.plan).toMatchObject({ id: firstPlan.id, status: 'closed' });
    expect(before.earlierPlans.some((p: { id: string }) => p.id === firstPlan.id)).toBe(false);

    const second = await req('POST', plan(child), anna, { level: 1, reason: 'En ny plan efter den avslutade.' });
    expect(second.statusCode, second.body).toBe(201);
    const secondId = second.json().plan.id as string;
    expect(secondId).not.toBe(firstPlan.id);

    const view = await req('GET', plan(child), anna);
    expect(view.statusCode).toBe(200);
    expect(view.json().plan).toMatchObject({ id: secondId, status: 'active', level: 1 });
    const earlier = view.json().earlierPlans as {
      id: string;
      status: string;
      closedAt: string | null;
      closeReason: string | null;
      level: number;
    }[];
    expect(earlier[0]).toMatchObject({ id: firstPlan.id, status: 'closed', level: 2, closeReason: 'goals_met' });
    expect(earlier[0]!.closedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(earlier.some((p) => p.id === secondId)).toBe(false);

    // The earlier plan, read by id: versioned, everything in it, audited as a plan read of that id.
    const read = await req('GET', `/api/children/${child}/plans/${firstPlan.id}`, anna);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.headers.etag).toBe(`"v${firstPlan.version + 1}"`);
    expect(read.json()).toMatchObject({ id: firstPlan.id, childId: child, status: 'closed' });
    expect(read.json().needs.map((n: { description: string }) => n.description)).toEqual(['Trygg väg till skolan']);
    expect(read.json().statusHistory.map((s: { statusAfter: string }) => s.statusAfter)).toEqual(['closed']);
    const audit = await t.tdb.db.query<{ action: string; resource_id: string; outcome: string }>(
      'SELECT action, resource_id, outcome FROM audit_event WHERE request_id = $1',
      [read.headers['x-request-id']],
    );
    expect(audit.rows).toEqual([expect.objectContaining({ action: 'plan.read', resource_id: firstPlan.id })]);

    // Its meetings and reviews too (…/plan/meetings?planId=…), while the default is the new plan's.
    const earlierMeetings = await req('GET', plan(child, `/meetings?planId=${firstPlan.id}`), anna);
    expect(earlierMeetings.statusCode, earlierMeetings.body).toBe(200);
    expect(earlierMeetings.json()).toMatchObject({
      planId: firstPlan.id,
      planStatus: 'closed',
      meetings: [{ id: meeting.json().id, purpose: 'Första nätverksmötet' }],
    });
    const listAudit = await t.tdb.db.query<{ action: string; resource_id: string }>(
      'SELECT action, resource_id FROM audit_event WHERE request_id = $1',
      [earlierMeetings.headers['x-request-id']],
    );
    expect(listAudit.rows).toEqual([
      expect.objectContaining({ action: 'plan_meeting.list', resource_id: firstPlan.id }),
    ]);
    expect((await req('GET', plan(child, '/meetings'), anna)).json()).toMatchObject({ planId: secondId, meetings: [] });
    const earlierReviews = await req('GET', plan(child, `/reviews?planId=${firstPlan.id}`), anna);
    expect(earlierReviews.statusCode, earlierReviews.body).toBe(200);
    expect(earlierReviews.json()).toMatchObject({ planId: firstPlan.id, reviews: [] });

    // Writes still go to the active plan only: the earlier one stays closed.
    expect((await req('GET', `/api/children/${child}/plans/${secondId}`, anna)).json()).toMatchObject({
      id: secondId,
      status: 'active',
    });
  });

  it('another child’s plan id, an unknown id or a bad id is a 404/400 that reveals nothing (other actors: the authz matrix)', async () => {
    const someone = (await t.tdb.db.query<{ id: string }>('SELECT id FROM plan WHERE child_id = $1 LIMIT 1', [child]))
      .rows[0]!.id;
    const wrongChild = await req('GET', `/api/children/${otherChild}/plans/${someone}`, anna);
    expect(wrongChild.statusCode).toBe(404);
    expect(wrongChild.body).not.toMatch(/Trygg|level|needs/);
    expect(
      (await req('GET', `/api/children/${child}/plans/00000000-0000-4000-8000-000000000000`, anna)).statusCode,
    ).toBe(404);
    expect((await req('GET', `/api/children/${child}/plans/not-a-uuid`, anna)).statusCode).toBe(400);
    // The same for the meetings and reviews of a plan.
    for (const list of ['/meetings', '/reviews']) {
      const foreign = await req('GET', plan(otherChild, `${list}?planId=${someone}`), anna);
      expect(foreign.statusCode, list).toBe(404);
      expect(foreign.body).not.toMatch(/Trygg|meetings|reviews/);
      expect(
        (await req('GET', plan(child, `${list}?planId=00000000-0000-4000-8000-000000000000`), anna)).statusCode,
      ).toBe(404);
      const bad = await req('GET', plan(child, `${list}?planId=not-a-uuid`), anna);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/planId/);
    }
  });
});
