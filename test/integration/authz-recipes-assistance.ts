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
import { SERVING_UNIT_ACCESS, type Relation, type ServingRelation } from './authz-truth-table.js';

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
