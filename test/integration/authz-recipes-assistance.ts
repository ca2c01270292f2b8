/**
 * The authorization matrix's recipes for the first step from a serving unit (find the child, raise a
 * concern) and for requests for assistance (samordningsfunktion). What is expected comes from the
 * truth table (SERVING_UNIT_ACCESS, ASSISTANCE_ACCESS), given facts read straight from the tables —
 * which units serve the child, who holds which team role — never from the policy code.
 */
import { expect } from 'vitest';
import type { Db } from '../../src/server/db/client.js';
import type { TestApp } from '../helpers/app.js';
import type { ChildRef } from '../helpers/fixtures.js';
import { testToday } from '../helpers/clock.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { demoUnitId, scenario } from '../helpers/scenario.js';
import {
  ASSISTANCE_ACCESS,
  SERVING_UNIT_ACCESS,
  type AssistanceRelation,
  type Relation,
  type ServingRelation,
} from './authz-truth-table.js';

/** The child route of requests for assistance: the team section's list (gate + audit like every child route). */
export const ASSISTANCE_CALLS = {
  'GET /api/children/:childId/assistance-requests': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: `/api/children/${c.id}/assistance-requests` }),
    allowed: (b: any) => Array.isArray(b.requests) && typeof b.maySend === 'boolean',
    deniedStatus: 404,
    denied: (b: any) => b.error === 'not_found' && !/requests|maySend|givenName/.test(JSON.stringify(b)),
  },
};

export interface ServingCase {
  actor: string;
  assignmentId?: string;
  child: ChildRef;
  relation: Relation;
}

/** How the actor's unit relates to the child today, from the tables (enrolments, elevhälsa, listings). */
async function servingRelation(db: Db, c: ServingCase, cookieAssignment: string | null): Promise<ServingRelation> {
  if (c.relation === 'admin' || c.relation === 'analyst') return 'no_case_role';
  if (c.relation === 'no_such_child') return 'no_such_child';
  const r = await db.query(
    `SELECT 1 FROM child_serving_unit s JOIN assignment a ON a.unit_id = s.unit_id
      WHERE a.id = $1 AND s.child_id = $2 AND s.valid_from <= $3::date AND (s.valid_to IS NULL OR s.valid_to >= $3::date)`,
    [cookieAssignment, c.child.id, testToday()],
  );
  return r.rows.length > 0 ? 'unit_serves_child' : 'unit_does_not_serve';
}

async function actingAssignment(t: TestApp, cookie: string): Promise<string | null> {
  const res = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
  return res.json().assignment?.id ?? null;
}

/**
 * For every case: the search by personnummer and raising a concern answer as SERVING_UNIT_ACCESS
 * says, each audited once (the raise may add the recipient's joining the team); denials carry no
 * child data.
 */
export async function checkServingUnitRoutes(t: TestApp, cases: ServingCase[]): Promise<void> {
  const seen = new Set<string>();
  for (const c of cases) {
    const cookie = await t.login(c.actor, c.assignmentId);
    const relation = await servingRelation(t.tdb.db, c, await actingAssignment(t, cookie));
    const expected = SERVING_UNIT_ACCESS[relation];
    const label = `serving unit: ${c.actor} (${c.relation}, ${relation})`;
    seen.add(expected);

    const search = await t.app.inject({
      method: 'POST',
      url: '/api/serving-unit/children/search',
      headers: { cookie },
      payload: { personnummer: c.child.personnummer },
    });
    if (expected === 'forbidden') expect(search.statusCode, label).toBe(403);
    else {
      expect(search.statusCode, label).toBe(200);
      const ids = search.json().children.map((x: { id: string }) => x.id);
      expect(ids, label).toEqual(expected === 'allow' ? [c.child.id] : []);
    }

    const raise = await t.app.inject({
      method: 'POST',
      url: `/api/serving-unit/children/${c.child.id}/concerns`,
      headers: { cookie },
      payload: { observation: 'Matrisens oro från enheten' },
    });
    const status = { allow: 201, not_found: 404, forbidden: 403 }[expected];
    expect(raise.statusCode, `${label}: ${raise.body}`).toBe(status);
    if (expected === 'allow') expect(raise.json().childId, label).toBe(c.child.id);
    else expect(raise.body, label).not.toMatch(/Matrisens|givenName|observation/);
    const audit = await t.tdb.db.query<{ action: string; outcome: string }>(
      'SELECT action, outcome FROM audit_event WHERE request_id = $1 ORDER BY seq',
      [raise.headers['x-request-id']],
    );
    if (expected === 'forbidden') continue;
    expect(audit.rows[0], label).toEqual({
      action: 'concern.create',
      outcome: expected === 'allow' ? 'permitted' : relation === 'no_such_child' ? 'not_found' : 'denied',
    });
  }
  // The cases reach every answer (a matrix that allows or denies everything proves nothing).
  expect([...seen].sort()).toEqual(['allow', 'forbidden', 'not_found']);
}

const SOC = demoUnitId('0780:soc');
const OSL_10_2 = '6c1f0a10-0010-4000-8000-000000000003';

/**
 * Sending and answering requests for assistance as ASSISTANCE_ACCESS says: the senders by their
 * team role on two children built here (one with a coordinator, one without), the answerers by how
 * they relate to the receiving unit (social services in Växjö). Denials write nothing.
 */
export async function checkAssistanceRoutes(t: TestApp): Promise<void> {
  const s = scenario(t.tdb.db, testToday());
  const withCoordinator = await s.child({
    team: [
      { user: 'anna.lindqvist', role: 'coordinator' },
      { user: 'per.sandberg', role: 'best_interest_lead' },
      'malin.ahlgren',
    ],
  });
  const withoutCoordinator = await s.child({ team: [{ user: 'per.sandberg', role: 'best_interest_lead' }] });
  const senders: [string, string | undefined, typeof withCoordinator, AssistanceRelation][] = [
    ['anna.lindqvist', undefined, withCoordinator, 'coordinator'],
    ['per.sandberg', demoAssignmentId('per.sandberg', 0), withCoordinator, 'best_interest_lead_beside_coordinator'],
    ['malin.ahlgren', undefined, withCoordinator, 'team_member'],
    ['johan.falk', undefined, withCoordinator, 'off_team'],
    ['per.sandberg', demoAssignmentId('per.sandberg', 0), withoutCoordinator, 'best_interest_lead_without_coordinator'],
  ];
  const sent: string[] = [];
  for (const [user, assignment, child, relation] of senders) {
    const cookie = await t.login(user, assignment);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/children/${child.id}/assistance-requests`,
      headers: { cookie },
      payload: { toUnitId: SOC, basis: { kind: 'legal_basis', legalBasisId: OSL_10_2 }, message: 'Matrisens begäran' },
    });
    const expected = ASSISTANCE_ACCESS[relation];
    const label = `send as ${user} (${relation}): ${res.body}`;
    expect(res.statusCode, label).toBe({ allow: 201, forbidden: 403, not_found: 404 }[expected]);
    if (expected === 'allow') sent.push(res.json().id);
    else expect(res.body, label).not.toMatch(/Matrisens|givenName/);
  }
  expect(sent).toHaveLength(2);

  const answerers: [string, string | undefined, AssistanceRelation][] = [
    ['sara.nilsson', undefined, 'professional_at_receiving_unit'],
    ['per.sandberg', demoAssignmentId('per.sandberg', 0), 'lead_of_another_unit'],
    ['jonas.lindgren', demoAssignmentId('jonas.lindgren', 1), 'lead_of_receiving_unit'],
  ];
  for (const [user, assignment, relation] of answerers) {
    const cookie = await t.login(user, assignment);
    const expected = ASSISTANCE_ACCESS[relation];
    const inbox = await t.app.inject({ method: 'GET', url: '/api/assistance/inbox', headers: { cookie } });
    expect(inbox.statusCode).toBe(200);
    const listed = inbox.json().requests.filter((r: { id: string }) => sent.includes(r.id));
    expect(listed.length, `inbox of ${user} (${relation})`).toBe(expected === 'allow' ? 2 : 0);
    const decline = await t.app.inject({
      method: 'POST',
      url: `/api/assistance/${sent[1]}/decline`,
      headers: { cookie },
      payload: { reason: 'Matrisens avböjande' },
    });
    expect(decline.statusCode, `decline as ${user} (${relation})`).toBe(expected === 'allow' ? 200 : 404);
    const audit = await t.tdb.db.query<{ action: string; outcome: string }>(
      'SELECT action, outcome FROM audit_event WHERE request_id = $1 ORDER BY seq',
      [decline.headers['x-request-id']],
    );
    expect(audit.rows[0]).toEqual({
      action: 'assistance.decline',
      outcome: expected === 'allow' ? 'permitted' : 'denied',
    });
  }
}
