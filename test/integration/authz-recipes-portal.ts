/**
 * The authorization matrix's recipes for the family's own Barnkompass. Expected answers come from
 * the truth table (PORTAL_ACCESS), the situations from the scenario builder on the fixed clock and
 * straight table writes (custody that ends, a judgement withdrawn) — never from the policy code.
 */
import { expect } from 'vitest';
import { createCitizenSession } from '../../src/server/auth/citizen-sessions.js';
import type { TestApp } from '../helpers/app.js';
import { testToday } from '../helpers/clock.js';
import { addDays } from '../helpers/dates.js';
import type { ChildRef } from '../helpers/fixtures.js';
import { scenario } from '../helpers/scenario.js';
import { PORTAL_ACCESS, type PortalRelation } from './authz-truth-table.js';

/** The child route of the judgement: read like every child route (gate + audit). */
export const PORTAL_CHILD_CALLS = {
  'GET /api/children/:childId/maturity-judgement': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: `/api/children/${c.id}/maturity-judgement` }),
    allowed: (b: any) => 'judgement' in b,
    deniedStatus: 404,
    denied: (b: any) => b.error === 'not_found' && !/judgement|reason/.test(JSON.stringify(b)),
  },
};

const MISSING = '00000000-0000-4000-8000-0000000000aa';

/**
 * Every relation of PORTAL_ACCESS, over both portal routes: allowed ones answer with the child,
 * denied ones with a 404 that says nothing; every answer is audited once as the family member.
 * A staff session and no session: 401 on both.
 */
export async function checkPortalRoutes(t: TestApp, staffCookie: string): Promise<void> {
  const today = testToday();
  const s = scenario(t.tdb.db, today);
  const session = async (kind: 'guardian' | 'child', id: string) =>
    `bk_family=${await createCitizenSession(t.tdb.db, { kind, id, method: 'dev' }, { idleMinutes: 30, absoluteHours: 10 }, t.now())}`;
  const judge = (childId: string, withdrawnOn: string | null) =>
    t.tdb.db.ownerTransaction((tx) =>
      tx.query(
        `INSERT INTO child_maturity_judgement (id, child_id, judged_by_person_id, judged_by_assignment_id, valid_from, reason, withdrawn_on, created_at)
         SELECT gen_random_uuid(), $1, t.person_id, t.assignment_id, $2::date, 'Bedömd mogen.', $3::date, now()
           FROM team_membership t WHERE t.child_id = $1 LIMIT 1`,
        [childId, addDays(today, -20), withdrawnOn],
      ),
    );

  const family = await s.child({ team: ['anna.lindqvist'], guardians: 2, custody: 'one' });
  const ended = await s.child({ team: ['anna.lindqvist'], guardians: 1 });
  await t.tdb.db.ownerTransaction((tx) =>
    tx.query('UPDATE custody SET valid_to = $2::date WHERE child_id = $1', [ended.id, addDays(today, -1)]),
  );
  const mature = await s.child({ age: 15, team: ['anna.lindqvist'] });
  await judge(mature.id, null);
  const young = await s.child({ age: 11, team: ['anna.lindqvist'] });
  const withdrawn = await s.child({ age: 16, team: ['anna.lindqvist'] });
  await judge(withdrawn.id, addDays(today, -2));

  const cases: { relation: PortalRelation; cookie: string; childId: string }[] = [
    {
      relation: 'guardian_with_custody',
      cookie: await session('guardian', family.guardians[0]!.id),
      childId: family.id,
    },
    {
      relation: 'parent_without_custody',
      cookie: await session('guardian', family.guardians[1]!.id),
      childId: family.id,
    },
    {
      relation: 'guardian_custody_ended',
      cookie: await session('guardian', ended.guardians[0]!.id),
      childId: ended.id,
    },
    { relation: 'child_with_maturity_judgement', cookie: await session('child', mature.id), childId: mature.id },
    { relation: 'child_without_maturity_judgement', cookie: await session('child', young.id), childId: young.id },
    { relation: 'child_judgement_withdrawn', cookie: await session('child', withdrawn.id), childId: withdrawn.id },
    { relation: 'another_child', cookie: await session('child', mature.id), childId: young.id },
    { relation: 'no_such_child', cookie: await session('guardian', family.guardians[0]!.id), childId: MISSING },
  ];
  for (const c of cases) {
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/portal/children/${c.childId}`,
      headers: { cookie: c.cookie },
    });
    const list = await t.app.inject({ method: 'GET', url: '/api/portal/children', headers: { cookie: c.cookie } });
    const allowed = PORTAL_ACCESS[c.relation] === 'allow';
    expect(page.statusCode, c.relation).toBe(allowed ? 200 : 404);
    if (allowed) expect(page.json().id, c.relation).toBe(c.childId);
    else expect(Object.keys(page.json()).sort(), c.relation).toEqual(['error', 'message', 'requestId']);
    const log = await t.app.inject({
      method: 'GET',
      url: `/api/portal/children/${c.childId}/access-log`,
      headers: { cookie: c.cookie },
    });
    expect(log.statusCode, `${c.relation}: log extract`).toBe(allowed ? 200 : 404);
    const consents = await t.app.inject({
      method: 'GET',
      url: `/api/portal/children/${c.childId}/consents`,
      headers: { cookie: c.cookie },
    });
    expect(consents.statusCode, `${c.relation}: consents`).toBe(allowed ? 200 : 404);
    const withdraw = await t.app.inject({
      method: 'POST',
      url: `/api/portal/children/${c.childId}/consents/${MISSING}/withdraw`,
      headers: { cookie: c.cookie },
    });
    // Allowed: the consent does not exist (404 too); denied: the child is not theirs. Nothing written either way.
    expect(withdraw.statusCode, `${c.relation}: withdraw`).toBe(404);
    if (!allowed) expect(Object.keys(log.json()).sort(), c.relation).toEqual(['error', 'message', 'requestId']);
    const listed = (list.json().children as { id: string }[]).some((x) => x.id === c.childId);
    expect(listed, `${c.relation}: listed`).toBe(allowed);
    const audit = await t.tdb.db.query<{ action: string; outcome: string; child_id: string | null }>(
      'SELECT action, outcome, child_id FROM audit_event WHERE request_id = $1',
      [page.headers['x-request-id']],
    );
    const outcome = allowed ? 'permitted' : c.relation === 'no_such_child' ? 'not_found' : 'denied';
    expect(audit.rows, c.relation).toEqual([
      { action: 'portal.read', outcome, child_id: c.relation === 'no_such_child' ? null : c.childId },
    ]);
  }
  for (const cookie of [staffCookie, '']) {
    for (const url of [
      '/api/portal/children',
      `/api/portal/children/${family.id}`,
      `/api/portal/children/${family.id}/access-log`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      expect(res.statusCode, `${url} ${cookie ? 'staff' : 'none'}`).toBe(401);
    }
  }
}
