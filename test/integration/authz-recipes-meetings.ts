/**
 * The authorization matrix's call recipes for the plan's meetings, reviews and closing/reopening,
 * and the rows they need — written straight into the tables, not through the code under test: one
 * planned meeting (today, the allowed actor invited) on each child's active plan from
 * authz-recipes-plan.ts.
 *
 * The recipes run after the plan recipes, in this order per child: the plan is then at version 3
 * (PATCH plan, level change). The meeting goes v1 → v2 (PATCH) → v3 (a decision); the plan is
 * closed (v4) and reopened (v5); the reopen answer (the whole plan) tells which actions are open,
 * so that the review can give each its outcome.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/server/db/client.js';
import type { ChildRef } from '../helpers/fixtures.js';
import { testToday } from '../helpers/clock.js';

const meetingOf = new Map<string, string>();
const reopened = new Map<string, { version: number; open: string[] }>();
const meeting = (c: ChildRef) => meetingOf.get(c.id) ?? '00000000-0000-4000-8000-000000000000';
const noPlanData = (b: any) =>
  b.error === 'not_found' && !/purpose|agenda|invitees|outcomes|level|statusHistory/.test(JSON.stringify(b));
const child = (c: ChildRef, rest = '') => `/api/children/${c.id}/plan${rest}`;
const v = (n: number) => ({ 'if-match': `"v${n}"` });
const today = () => testToday();

export const MEETING_CALLS = {
  'GET /api/children/:childId/plan/meetings': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: child(c, '/meetings') }),
    allowed: (b: any, c: ChildRef) =>
      b.meetings.some((m: { id: string; childId: string }) => m.id === meeting(c) && m.childId === c.id),
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/meetings': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/meetings'),
      payload: {
        date: today(),
        startTime: '09:00',
        digital: true,
        purpose: 'Matrisens möte',
        invitees: [{ kind: 'child' }],
      },
    }),
    allowed: (b: any, c: ChildRef) => b.childId === c.id && b.purpose === 'Matrisens möte' && b.version === 1,
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'GET /api/children/:childId/plan/meetings/:meetingId': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: child(c, `/meetings/${meeting(c)}`) }),
    allowed: (b: any, c: ChildRef) => b.id === meeting(c) && b.childId === c.id,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'PATCH /api/children/:childId/plan/meetings/:meetingId': {
    call: (c: ChildRef) => ({
      method: 'PATCH' as const,
      url: child(c, `/meetings/${meeting(c)}`),
      headers: v(1),
      payload: { notes: 'Matrisens anteckningar' },
    }),
    allowed: (b: any, c: ChildRef) => b.id === meeting(c) && b.version === 2 && b.notes === 'Matrisens anteckningar',
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/meetings/:meetingId/decisions': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, `/meetings/${meeting(c)}/decisions`),
      headers: v(2),
      payload: {
        text: 'Matrisens beslut',
        action: { kind: 'create', what: 'Matrisens beslutade åtgärd', responsible: { kind: 'child' } },
      },
    }),
    allowed: (b: any, c: ChildRef) =>
      b.meeting.id === meeting(c) &&
      b.meeting.version === 3 &&
      b.decision.effect === 'action_created' &&
      b.action.what === 'Matrisens beslutade åtgärd',
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/close': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/close'),
      headers: v(3),
      payload: { reason: 'goals_met' },
    }),
    allowed: (b: any, c: ChildRef) =>
      b.childId === c.id && b.plan.status === 'closed' && b.plan.statusHistory.at(-1).reasonCode === 'goals_met',
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/reopen': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: child(c, '/reopen'),
      headers: v(4),
      payload: { reason: 'Matrisen öppnar igen' },
    }),
    allowed: (b: any, c: ChildRef) => {
      if (b.childId !== c.id || b.plan?.status !== 'active') return false;
      reopened.set(c.id, {
        version: b.plan.version,
        open: b.plan.actions
          .filter((a: { status: string }) => a.status === 'planned' || a.status === 'in_progress')
          .map((a: { id: string }) => a.id),
      });
      return true;
    },
    deniedStatus: 404,
    denied: noPlanData,
  },
  'GET /api/children/:childId/plan/reviews': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: child(c, '/reviews') }),
    allowed: (b: any) => Array.isArray(b.reviews) && typeof b.planId === 'string',
    deniedStatus: 404,
    denied: noPlanData,
  },
  'POST /api/children/:childId/plan/reviews': {
    call: (c: ChildRef) => {
      const r = reopened.get(c.id) ?? { version: 5, open: [] };
      return {
        method: 'POST' as const,
        url: child(c, '/reviews'),
        headers: v(r.version),
        payload: {
          reviewedOn: today(),
          outcomes: r.open.map((actionId) => ({ actionId, outcome: 'continue' })),
          nextReviewDate: null,
        },
      };
    },
    allowed: (b: any, c: ChildRef) =>
      b.plan.childId === c.id &&
      b.review.outcomes.length === reopened.get(c.id)!.open.length &&
      b.review.outcomes.every((o: { outcome: string }) => o.outcome === 'continue'),
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noPlanData,
  },
};

/** One planned meeting on each child's active plan, with its author invited (once per database). */
export async function seedMeetings(
  db: Db,
  cases: { child: ChildRef; author: { personId: string; assignmentId: string } }[],
): Promise<void> {
  meetingOf.clear();
  reopened.clear();
  for (const { child: c, author } of cases) {
    if (meetingOf.has(c.id)) continue;
    const id = randomUUID();
    meetingOf.set(c.id, id);
    const plan = (
      await db.query<{ id: string }>("SELECT id FROM plan WHERE child_id = $1 AND status = 'active'", [c.id])
    ).rows[0];
    if (!plan) continue;
    await db.query(
      `INSERT INTO plan_meeting (id, plan_id, child_id, meeting_date, start_time, place, purpose, agenda, created_at, created_by_person_id, created_by_assignment_id, updated_at, updated_by_person_id)
       VALUES ($1, $2, $3, $6::date, '10:00', 'Matrisens rum', 'Ett möte från matrisens förberedelser', '{Punkt}', now(), $4, $5, now(), $4)`,
      [id, plan.id, c.id, author.personId, author.assignmentId, today()],
    );
    await db.query(
      "INSERT INTO plan_meeting_invitee (id, meeting_id, kind, person_id, assignment_id, position) VALUES ($1, $2, 'professional', $3, $4, 0)",
      [randomUUID(), id, author.personId, author.assignmentId],
    );
  }
}
