import type { Queryable } from '../../db/client.js';
import type { BreakGlass } from '../../../contract/privacy.js';
import { type Row, ts, tsOrNull } from './repo.js';

/** Break-glass: the accesses, their state (active until ended or expired) and who is alerted to review them. */

const BREAK_GLASS_SELECT = `
  SELECT bg.id, bg.child_id, c.given_name || ' ' || c.family_name AS child_name, bg.person_id, p.given_name || ' ' || p.family_name AS person_name,
         u.name AS unit_name, bg.role, bg.reason, bg.started_at, bg.expires_at, bg.ended_at, bg.organisation_id,
         r.outcome AS review_outcome, r.note AS review_note, r.reviewed_at, r.reviewed_by_person_id, rp.given_name || ' ' || rp.family_name AS reviewer_name
    FROM break_glass bg
    JOIN child c ON c.id = bg.child_id
    JOIN person p ON p.id = bg.person_id
    LEFT JOIN unit u ON u.id = bg.unit_id
    LEFT JOIN break_glass_review r ON r.break_glass_id = bg.id
    LEFT JOIN person rp ON rp.id = r.reviewed_by_person_id`;

export function isActive(r: Row, now: Date): boolean {
  const t = now.getTime();
  return (
    new Date(r.started_at as string).getTime() <= t &&
    new Date(r.expires_at as string).getTime() > t &&
    (r.ended_at === null || new Date(r.ended_at as string).getTime() > t)
  );
}

function toBreakGlass(r: Row, now: Date, showChildName: boolean): BreakGlass {
  const active = isActive(r, now);
  return {
    id: r.id,
    childId: r.child_id,
    childName: showChildName ? r.child_name : null,
    person: { personId: r.person_id, name: r.person_name },
    unitName: r.unit_name,
    role: r.role,
    reason: r.reason,
    startedAt: ts(r.started_at),
    expiresAt: ts(r.expires_at),
    endedAt: tsOrNull(r.ended_at),
    active,
    secondsLeft: active ? Math.max(0, Math.floor((new Date(r.expires_at).getTime() - now.getTime()) / 1000)) : 0,
    review: r.review_outcome
      ? {
          outcome: r.review_outcome,
          note: r.review_note,
          reviewedAt: ts(r.reviewed_at),
          reviewedBy: { personId: r.reviewed_by_person_id, name: r.reviewer_name },
        }
      : null,
  };
}

export async function listBreakGlassForChild(q: Queryable, childId: string, now: Date): Promise<BreakGlass[]> {
  const r = await q.query<Row>(`${BREAK_GLASS_SELECT} WHERE bg.child_id = $1 ORDER BY bg.started_at DESC`, [childId]);
  return r.rows.map((x) => toBreakGlass(x, now, true));
}

/** My own break-glass accesses: the child's name only while the access is active. */
export async function listBreakGlassOfPerson(q: Queryable, personId: string, now: Date): Promise<BreakGlass[]> {
  const r = await q.query<Row>(`${BREAK_GLASS_SELECT} WHERE bg.person_id = $1 ORDER BY bg.started_at DESC LIMIT 20`, [
    personId,
  ]);
  return r.rows.map((x) => toBreakGlass(x, now, isActive(x, now)));
}

export async function loadBreakGlassRow(q: Queryable, id: string, lock = false): Promise<Row | null> {
  const r = await q.query<Row>(`SELECT * FROM break_glass WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ?? null;
}

export async function loadBreakGlass(
  q: Queryable,
  id: string,
  now: Date,
  showChildName: boolean,
): Promise<BreakGlass | null> {
  const r = await q.query<Row>(`${BREAK_GLASS_SELECT} WHERE bg.id = $1`, [id]);
  return r.rows[0] ? toBreakGlass(r.rows[0], now, showChildName) : null;
}

export async function activeBreakGlassOf(
  q: Queryable,
  personId: string,
  now: Date,
): Promise<{ id: string; child_id: string } | null> {
  const r = await q.query<{ id: string; child_id: string }>(
    `SELECT id, child_id FROM break_glass WHERE person_id = $1 AND started_at <= $2::timestamptz AND expires_at > $2::timestamptz AND (ended_at IS NULL OR ended_at > $2::timestamptz) LIMIT 1`,
    [personId, now.toISOString()],
  );
  return r.rows[0] ?? null;
}

/** The child's coordinators today (person + assignment): they get the alert and may review. */
export async function coordinatorsOf(
  q: Queryable,
  childId: string,
  today: string,
): Promise<{ personId: string; assignmentId: string }[]> {
  const r = await q.query<{ person_id: string; assignment_id: string }>(
    `SELECT DISTINCT person_id, assignment_id FROM team_membership WHERE child_id = $1 AND team_role = 'coordinator'
        AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)`,
    [childId, today],
  );
  return r.rows.map((x) => ({ personId: x.person_id, assignmentId: x.assignment_id }));
}
