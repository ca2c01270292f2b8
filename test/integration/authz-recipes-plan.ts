/**
 * The authorization matrix's call recipes for the child routes of the child's plan and of offering
 * a role, and the rows they need — written straight into the tables, not through the code under
 * test. Per child: any earlier active plan is closed and the coordinator role left vacant (so that
 * whoever is allowed may take it), then one active plan at level 2 with one item of every kind, two
 * extra custodial guardians (one already has a view, one does not) and one open offer of the
 * barnets bästa-ansvarig role made by the allowed actor (to withdraw).
 *
 * The recipes are order-dependent within one child, like the concern recipes: PATCH plan takes the
 * plan from v1 to v2, then the level change sends "v2".
 */
import { randomUUID } from 'node:crypto';
import { testToday } from '../helpers/clock.js';
import type { Db } from '../../src/server/db/client.js';
import type { ChildRef } from '../helpers/fixtures.js';

interface PlanIds {
  plan: string;
  service: string;
  need: string;
  goal: string;
  action: string;
  voice: string;
  view: string;
  freeGuardian: string;
  handover: string;
  /** The allowed actor's assignment and unit (the coordinator offer is to themselves; the new service is their unit). */
  assignmentId: string;
  unitId: string;
}

const planOf = new Map<string, PlanIds>();
const ids = (c: ChildRef): PlanIds => planOf.get(c.id)!;
const noPlanData = (b: any) =>
  b.error === 'not_found' && !/level|background|services|what|guardianName|respondBy/.test(JSON.stringify(b));
const child = (c: ChildRef, rest = '') => `/api/children/${c.id}/plan${rest}`;
const v = (n: number) => ({ 'if-match': `"v${n}"` });

export const PLAN_CALLS = {
  'GET /api/children/:childId/plan': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: child(c) }),
    allowed: (b: any, c: ChildRef) =>
      b.childId === c.id &&
      b.plan?.id === ids(c).plan &&
      b.plan.actions.some((a: { id: string }) => a.id === ids(c).action),
    deniedStatus: 404,
    denied: noPlanData,
  },
  'GET /api/children/:childId/plans/:planId': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: `/api/children/${c.id}/plans/${ids(c).plan}` }),
    allowed: (b: any, c: ChildRef) =>
      b.id === ids(c).plan && b.childId === c.id && b.actions.some((a: { id: string }) => a.id === ids(c).action),
    deniedStatus: 404,
    denied: noPlanData,
  },
  'GET /api/children/:childId/plan/handover-candidates': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: child(c, '/handover-candidates') }),
    allowed: (b: any) => Array.isArray(b.coordinator) && Array.isArray(b.best_interest_lead),
    deniedStatus: 404,
    denied: (b: any) => noPlanData(b) && !('coordinator' in b),
  },
  // The child has an active plan: the gate lets the caller through and the answer is the 409 that
  // names it (audited as a read).
  'POST /api/children/:childId/plan': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c),
      payload: { level: 1, reason: 'Matrisens plan' },
    }),
    allowed: (b: any, c: ChildRef) => b.error === 'conflict' && b.details.planId === ids(c).plan,
    allowedStatus: 409,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'PATCH /api/children/:childId/plan': {
    call: (c: ChildRef) => ({
      method: 'PATCH' as const,
      url: child(c),
      headers: v(1),
      payload: { background: 'Matrisens bakgrund' },
    }),
    allowed: (b: any, c: ChildRef) =>
      b.plan.id === ids(c).plan && b.plan.version === 2 && b.plan.background === 'Matrisens bakgrund',
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/level': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/level'),
      headers: v(2),
      payload: { level: 1, reason: 'Matrisens nivå' },
    }),
    allowed: (b: any, c: ChildRef) => b.plan.id === ids(c).plan && b.plan.level === 1 && b.supportLevel.after === 1,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/services': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/services'),
      payload: { unitId: ids(c).unitId, contactAssignmentId: ids(c).assignmentId },
    }),
    allowed: (b: any, c: ChildRef) => b.unit.id === ids(c).unitId && b.contact.assignmentId === ids(c).assignmentId,
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'PATCH /api/children/:childId/plan/services/:serviceId': {
    call: (c: ChildRef) => ({
      method: 'PATCH' as const,
      url: child(c, `/services/${ids(c).service}`),
      headers: v(1),
      payload: { contribution: 'Matrisens insats' },
    }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).service && b.version === 2,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/needs': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/needs'),
      payload: { indicator: 'safe', description: 'Matrisens behov' },
    }),
    allowed: (b: any) => b.description === 'Matrisens behov',
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'PATCH /api/children/:childId/plan/needs/:needId': {
    call: (c: ChildRef) => ({
      method: 'PATCH' as const,
      url: child(c, `/needs/${ids(c).need}`),
      headers: v(1),
      payload: { indicator: 'included' },
    }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).need && b.version === 2 && b.indicator === 'included',
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/goals': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/goals'),
      payload: { description: 'Matrisens mål', needId: ids(c).need },
    }),
    allowed: (b: any, c: ChildRef) => b.needId === ids(c).need,
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'PATCH /api/children/:childId/plan/goals/:goalId': {
    call: (c: ChildRef) => ({
      method: 'PATCH' as const,
      url: child(c, `/goals/${ids(c).goal}`),
      headers: v(1),
      payload: { description: 'Ändrat mål' },
    }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).goal && b.version === 2,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/actions': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/actions'),
      payload: { what: 'Matrisens åtgärd', responsible: { kind: 'child' } },
    }),
    allowed: (b: any) => b.what === 'Matrisens åtgärd' && b.responsible.kind === 'child',
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'PATCH /api/children/:childId/plan/actions/:actionId': {
    call: (c: ChildRef) => ({
      method: 'PATCH' as const,
      url: child(c, `/actions/${ids(c).action}`),
      headers: v(1),
      payload: { status: 'in_progress' },
    }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).action && b.status === 'in_progress' && b.version === 2,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/voice': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/voice'),
      payload: { text: 'Matrisens röst', writtenByChild: true },
    }),
    allowed: (b: any) => b.text === 'Matrisens röst' && b.writtenByChild === true,
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'PATCH /api/children/:childId/plan/voice/:voiceId': {
    call: (c: ChildRef) => ({
      method: 'PATCH' as const,
      url: child(c, `/voice/${ids(c).voice}`),
      headers: v(1),
      payload: { text: 'Ändrad röst' },
    }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).voice && b.version === 2,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/guardian-views': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/guardian-views'),
      payload: { guardianId: ids(c).freeGuardian, text: 'Matrisens vårdnadshavare' },
    }),
    allowed: (b: any, c: ChildRef) => b.guardianId === ids(c).freeGuardian,
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'PATCH /api/children/:childId/plan/guardian-views/:viewId': {
    call: (c: ChildRef) => ({
      method: 'PATCH' as const,
      url: child(c, `/guardian-views/${ids(c).view}`),
      headers: v(1),
      payload: { text: 'Ändrad syn' },
    }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).view && b.version === 2,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/disagreements': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/disagreements'),
      payload: { party: { kind: 'child' }, about: 'Matrisen', text: 'Matrisens oenighet' },
    }),
    allowed: (b: any) => b.party.kind === 'child' && b.about === 'Matrisen',
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  // The coordinator role is vacant: the allowed actor takes it (immediate, no second step).
  'POST /api/children/:childId/plan/handovers': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/handovers'),
      payload: { role: 'coordinator', toAssignmentId: ids(c).assignmentId },
    }),
    allowed: (b: any, c: ChildRef) => b.childId === c.id && b.role === 'coordinator' && b.status === 'accepted',
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/handovers/:handoverId/withdraw': {
    call: (c: ChildRef) => ({ method: 'POST' as const, url: child(c, `/handovers/${ids(c).handover}/withdraw`) }),
    allowed: (b: any, c: ChildRef) => b.id === ids(c).handover && b.status === 'withdrawn',
    deniedStatus: 404,
    denied: noPlanData,
  },
};

/** Writes each child's plan rows once per database (see the file comment). */
export async function seedPlans(
  db: Db,
  cases: { child: ChildRef; author: { personId: string; assignmentId: string } }[],
): Promise<void> {
  planOf.clear();
  const fixtureUnit = (
    await db.query<{ id: string; organisation_id: string }>(
      "SELECT id, organisation_id FROM unit WHERE kind = 'leisure_centre' ORDER BY id LIMIT 1",
    )
  ).rows[0]!;
  const someAssignment = (
    await db.query<{ id: string; person_id: string }>(
      "SELECT id, person_id FROM assignment WHERE role = 'principal' ORDER BY id LIMIT 1",
    )
  ).rows[0]!;
  for (const { child: c, author } of cases) {
    if (planOf.has(c.id)) continue;
    const unit = (
      await db.query<{ unit_id: string }>('SELECT unit_id FROM assignment WHERE id = $1', [author.assignmentId])
    ).rows[0]!.unit_id;
    const p: PlanIds = {
      plan: randomUUID(),
      service: randomUUID(),
      need: randomUUID(),
      goal: randomUUID(),
      action: randomUUID(),
      voice: randomUUID(),
      view: randomUUID(),
      freeGuardian: randomUUID(),
      handover: randomUUID(),
      assignmentId: author.assignmentId,
      unitId: unit,
    };
    planOf.set(c.id, p);
    if (!(await db.query('SELECT 1 FROM child WHERE id = $1', [c.id])).rows.length) continue;
    const by = [author.personId, author.assignmentId];
    await db.query("UPDATE plan SET status = 'closed' WHERE child_id = $1 AND status = 'active'", [c.id]);
    await db.query(
      "UPDATE role_handover SET status = 'withdrawn', responded_at = now() WHERE child_id = $1 AND status = 'pending'",
      [c.id],
    );
    await db.query(
      "UPDATE team_membership SET team_role = 'member' WHERE child_id = $1 AND team_role = 'coordinator'",
      [c.id],
    );
    await db.query(
      `INSERT INTO plan (id, child_id, level, created_by_person_id, created_by_assignment_id, created_at, updated_at, updated_by_person_id) VALUES ($1, $2, 2, $3, $4, now(), now(), $3)`,
      [p.plan, c.id, ...by],
    );
    await db.query(
      `INSERT INTO plan_service (id, plan_id, unit_id, organisation_id, contact_person_id, contact_assignment_id, created_at, created_by_person_id, updated_at, updated_by_person_id)
       VALUES ($1, $2, $3, $4, $5, $6, now(), $5, now(), $5)`,
      [p.service, p.plan, fixtureUnit.id, fixtureUnit.organisation_id, ...by],
    );
    await db.query(
      `INSERT INTO plan_need (id, plan_id, indicator, description, created_at, created_by_person_id, updated_at, updated_by_person_id) VALUES ($1, $2, 'safe', 'Ett behov från matrisens förberedelser', now(), $3, now(), $3)`,
      [p.need, p.plan, author.personId],
    );
    await db.query(
      `INSERT INTO plan_goal (id, plan_id, description, need_id, created_at, created_by_person_id, updated_at, updated_by_person_id) VALUES ($1, $2, 'Ett mål', $3, now(), $4, now(), $4)`,
      [p.goal, p.plan, p.need, author.personId],
    );
    await db.query(
      `INSERT INTO plan_action (id, plan_id, what, goal_id, created_at, created_by_person_id, updated_at, updated_by_person_id) VALUES ($1, $2, 'En åtgärd', $3, now(), $4, now(), $4)`,
      [p.action, p.plan, p.goal, author.personId],
    );
    await db.query(
      `INSERT INTO plan_voice (id, plan_id, text, recorded_on, recorded_by_person_id, recorded_by_assignment_id, created_at, updated_at, updated_by_person_id)
       VALUES ($1, $2, 'Det här tycker jag', $5::date, $3, $4, now(), now(), $3)`,
      [p.voice, p.plan, ...by, testToday()],
    );
    const viewGuardian = randomUUID();
    for (const g of [viewGuardian, p.freeGuardian]) {
      await db.query(
        "INSERT INTO guardian (id, given_name, family_name, is_test_data) VALUES ($1, 'Matris', 'Vårdnadshavare', true)",
        [g],
      );
      await db.query(
        "INSERT INTO custody (child_id, guardian_id, relation, has_custody, valid_from) VALUES ($1, $2, 'parent', true, $3::date - 1)",
        [c.id, g, testToday()],
      );
    }
    await db.query(
      `INSERT INTO plan_guardian_view (id, plan_id, guardian_id, text, recorded_on, recorded_by_person_id, recorded_by_assignment_id, created_at, updated_at, updated_by_person_id)
       VALUES ($1, $2, $3, 'Vårdnadshavarens syn', $6::date, $4, $5, now(), now(), $4)`,
      [p.view, p.plan, viewGuardian, ...by, testToday()],
    );
    await db.query(
      `INSERT INTO role_handover (id, child_id, plan_id, team_role, to_person_id, to_assignment_id, respond_by, offered_at, offered_by_person_id, offered_by_assignment_id)
       VALUES ($1, $2, $3, 'best_interest_lead', $4, $5, $8::date + 7, now(), $6, $7)`,
      [p.handover, c.id, p.plan, someAssignment.person_id, someAssignment.id, ...by, testToday()],
    );
  }
}
