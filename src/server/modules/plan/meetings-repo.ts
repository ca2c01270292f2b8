import type { Queryable } from '../../db/client.js';
import type { Meeting, MeetingDecision, MeetingInvitee, Review } from '../../../contract/plan/index.js';
import type { Author } from './repo.js';

/**
 * Parametrised SQL for the plan's meetings, reviews and status changes. Only the services in
 * meetings-service.ts / reviews-service.ts call these, inside readChildData / writeChildData (gate
 * and audit). `loadMeetings` and `loadReviews` are the read functions other parts (the printed
 * plan) use: one statement each, everything aggregated as JSON.
 */

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const name = (alias: string) => `(${alias}.given_name || ' ' || ${alias}.family_name)`;
const personRef = (p: string, a: string, u: string) =>
  `json_build_object('personId', ${p}.id, 'name', ${name(p)}, 'title', ${a}.title, 'unitName', ${u}.name)`;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const INVITEES = `
  (SELECT coalesce(json_agg(
            CASE i.kind
              WHEN 'professional' THEN json_build_object('kind', 'professional', 'personId', ip.id, 'assignmentId', ia.id, 'name', ${name('ip')}, 'title', ia.title, 'unitName', iu.name, 'attendance', i.attendance)
              WHEN 'guardian' THEN json_build_object('kind', 'guardian', 'guardianId', ig.id, 'name', ${name('ig')}, 'attendance', i.attendance)
              ELSE json_build_object('kind', 'child', 'attendance', i.attendance)
            END ORDER BY i.position), '[]'::json)
     FROM plan_meeting_invitee i
     LEFT JOIN person ip ON ip.id = i.person_id
     LEFT JOIN assignment ia ON ia.id = i.assignment_id
     LEFT JOIN unit iu ON iu.id = ia.unit_id
     LEFT JOIN guardian ig ON ig.id = i.guardian_id
    WHERE i.meeting_id = m.id)`;

const DECISIONS = `
  (SELECT coalesce(json_agg(json_build_object(
            'id', d.id, 'text', d.text, 'effect', d.effect, 'actionId', d.action_id, 'actionWhat', da.what, 'actionChange', d.action_change,
            'decidedAt', ${ts('d.decided_at')}, 'decidedBy', ${personRef('dp', 'dpa', 'dpu')}) ORDER BY d.decided_at, d.id), '[]'::json)
     FROM plan_meeting_decision d
     LEFT JOIN plan_action da ON da.id = d.action_id
     JOIN person dp ON dp.id = d.decided_by_person_id
     JOIN assignment dpa ON dpa.id = d.decided_by_assignment_id
     LEFT JOIN unit dpu ON dpu.id = dpa.unit_id
    WHERE d.meeting_id = m.id)`;

const MEETING_SELECT = `
  SELECT m.id, m.plan_id AS "planId", m.child_id AS "childId", m.meeting_date::text AS date, to_char(m.start_time, 'HH24:MI') AS "startTime",
         to_char(m.end_time, 'HH24:MI') AS "endTime", m.place, m.digital, m.purpose, m.agenda, ${INVITEES} AS invitees, m.notes, m.status,
         m.cancelled_reason AS "cancelledReason", ${DECISIONS} AS decisions,
         ${ts('m.created_at')} AS "createdAt", ${personRef('cp', 'ca', 'cu')} AS "createdBy",
         ${ts('m.updated_at')} AS "updatedAt", json_build_object('personId', up.id, 'name', ${name('up')}) AS "updatedBy", m.version
    FROM plan_meeting m
    JOIN person cp ON cp.id = m.created_by_person_id
    JOIN assignment ca ON ca.id = m.created_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id
    JOIN person up ON up.id = m.updated_by_person_id`;

function toMeeting(r: Record<string, unknown>): Meeting {
  const decisions = parse<MeetingDecision[]>(r.decisions).map((d) => ({
    ...d,
    actionChange: d.actionChange ? parse<MeetingDecision['actionChange']>(d.actionChange) : null,
  }));
  return {
    ...(r as unknown as Meeting),
    agenda: (r.agenda as string[] | null) ?? [],
    invitees: parse<MeetingInvitee[]>(r.invitees),
    decisions,
    version: Number(r.version),
  };
}

/** The plan's meetings, earliest first (for the plan page, the meeting list and the printed plan). */
export async function loadMeetings(q: Queryable, planId: string): Promise<Meeting[]> {
  const r = await q.query<Record<string, unknown>>(
    `${MEETING_SELECT} WHERE m.plan_id = $1 ORDER BY m.meeting_date, m.start_time, m.created_at, m.id`,
    [planId],
    'plan.meetings',
  );
  return r.rows.map(toMeeting);
}

/** One meeting of this child's plans; null when there is none. */
export async function loadMeeting(q: Queryable, childId: string, meetingId: string): Promise<Meeting | null> {
  const r = await q.query<Record<string, unknown>>(`${MEETING_SELECT} WHERE m.id = $1 AND m.child_id = $2`, [
    meetingId,
    childId,
  ]);
  return r.rows[0] ? toMeeting(r.rows[0]) : null;
}

/** The child's current plan (the active one, else the latest closed one), or the child's plan `planId`. */
export async function currentPlan(
  q: Queryable,
  childId: string,
  planId?: string,
): Promise<{ id: string; status: 'active' | 'closed'; version: number; level: number } | null> {
  const r = await q.query<{ id: string; status: 'active' | 'closed'; version: number; level: number }>(
    planId
      ? 'SELECT id, status, version, level FROM plan WHERE child_id = $1 AND id = $2'
      : "SELECT id, status, version, level FROM plan WHERE child_id = $1 ORDER BY (status = 'active') DESC, created_at DESC LIMIT 1",
    planId ? [childId, planId] : [childId],
  );
  const row = r.rows[0];
  return row ? { ...row, version: Number(row.version), level: Number(row.level) } : null;
}

export interface LockedMeeting {
  id: string;
  planId: string;
  planStatus: 'active' | 'closed';
  planLevel: number;
  status: 'planned' | 'held' | 'cancelled';
  date: string;
  version: number;
}

/** Locks the meeting's plan, then the meeting (the plan-first lock order of every plan write). */
export async function lockMeeting(q: Queryable, childId: string, meetingId: string): Promise<LockedMeeting | null> {
  const m = await q.query<{ plan_id: string }>('SELECT plan_id FROM plan_meeting WHERE id = $1 AND child_id = $2', [
    meetingId,
    childId,
  ]);
  const planId = m.rows[0]?.plan_id;
  if (!planId) return null;
  const p = await q.query<{ status: 'active' | 'closed'; level: number }>(
    'SELECT status, level FROM plan WHERE id = $1 FOR UPDATE',
    [planId],
  );
  const r = await q.query<{ status: LockedMeeting['status']; date: string; version: number }>(
    'SELECT status, meeting_date::text AS date, version FROM plan_meeting WHERE id = $1 FOR UPDATE',
    [meetingId],
  );
  const row = r.rows[0];
  const plan = p.rows[0];
  if (!row || !plan) return null;
  return {
    id: meetingId,
    planId,
    planStatus: plan.status,
    planLevel: Number(plan.level),
    status: row.status,
    date: row.date,
    version: Number(row.version),
  };
}

export interface InviteeRow {
  kind: 'professional' | 'guardian' | 'child';
  personId: string | null;
  assignmentId: string | null;
  guardianId: string | null;
  attendance: string;
}

export async function insertMeeting(
  q: Queryable,
  m: {
    id: string;
    planId: string;
    childId: string;
    date: string;
    startTime: string;
    endTime: string | null;
    place: string | null;
    digital: boolean;
    purpose: string;
    agenda: string[];
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_meeting (id, plan_id, child_id, meeting_date, start_time, end_time, place, digital, purpose, agenda, created_at, created_by_person_id, created_by_assignment_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4::date, $5::time, $6::time, $7, $8, $9, $10::text[], $11::timestamptz, $12, $13, $11::timestamptz, $12)`,
    [
      m.id,
      m.planId,
      m.childId,
      m.date,
      m.startTime,
      m.endTime,
      m.place,
      m.digital,
      m.purpose,
      m.agenda,
      by.now,
      by.personId,
      by.assignmentId,
    ],
  );
}

/** Replaces the invitation list. */
export async function replaceInvitees(
  q: Queryable,
  meetingId: string,
  rows: (InviteeRow & { id: string })[],
): Promise<void> {
  await q.query('DELETE FROM plan_meeting_invitee WHERE meeting_id = $1', [meetingId]);
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO plan_meeting_invitee (id, meeting_id, kind, person_id, assignment_id, guardian_id, attendance, position)
     SELECT u.id, $1, u.kind, u.person_id, u.assignment_id, u.guardian_id, u.attendance, u.position
       FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::smallint[]) AS u(id, kind, person_id, assignment_id, guardian_id, attendance, position)`,
    [
      meetingId,
      rows.map((r) => r.id),
      rows.map((r) => r.kind),
      rows.map((r) => r.personId),
      rows.map((r) => r.assignmentId),
      rows.map((r) => r.guardianId),
      rows.map((r) => r.attendance),
      rows.map((_, i) => i),
    ],
  );
}

const MEETING_COLUMNS: Record<string, string> = {
  date: 'meeting_date = $N::date',
  startTime: 'start_time = $N::time',
  endTime: 'end_time = $N::time',
  place: 'place = $N',
  digital: 'digital = $N',
  purpose: 'purpose = $N',
  agenda: 'agenda = $N::text[]',
  notes: 'notes = $N',
  status: 'status = $N',
  cancelledReason: 'cancelled_reason = $N',
};

/** Changes the given fields (keys of a fixed list) and bumps the version, only if it is still `expected`. */
export async function updateMeeting(
  q: Queryable,
  id: string,
  expected: number,
  changes: Record<string, unknown>,
  by: Author,
): Promise<boolean> {
  const params: unknown[] = [id, expected, by.now, by.personId];
  const sets: string[] = [];
  for (const [k, v] of Object.entries(changes)) {
    const spec = MEETING_COLUMNS[k];
    if (!spec) throw new Error(`updateMeeting: unknown field ${k}`);
    params.push(v);
    sets.push(spec.replace('$N', `$${params.length}`));
  }
  const r = await q.query(
    `UPDATE plan_meeting SET ${[...sets, 'version = version + 1', 'updated_at = $3::timestamptz', 'updated_by_person_id = $4'].join(', ')} WHERE id = $1 AND version = $2`,
    params,
  );
  return r.rowCount === 1;
}

export async function insertDecision(
  q: Queryable,
  d: {
    id: string;
    meetingId: string;
    planId: string;
    text: string;
    effect: 'none' | 'action_created' | 'action_changed';
    actionId: string | null;
    actionChange: Record<string, unknown> | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_meeting_decision (id, meeting_id, plan_id, text, effect, action_id, action_change, decided_at, decided_by_person_id, decided_by_assignment_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::timestamptz, $9, $10)`,
    [
      d.id,
      d.meetingId,
      d.planId,
      d.text,
      d.effect,
      d.actionId,
      d.actionChange === null ? null : JSON.stringify(d.actionChange),
      by.now,
      by.personId,
      by.assignmentId,
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// Reviews

const REVIEW_SELECT = `
  SELECT r.id, r.plan_id AS "planId", r.reviewed_on::text AS "reviewedOn", r.meeting_id AS "meetingId", r.summary,
         r.previous_review_date::text AS "previousReviewDate", r.next_review_date::text AS "nextReviewDate",
         (SELECT coalesce(json_agg(json_build_object(
                   'actionId', o.action_id, 'actionWhat', a.what, 'outcome', o.outcome, 'comment', o.comment, 'whatBefore', o.what_before, 'whatAfter', o.what_after,
                   'dueBefore', o.due_before::text, 'dueAfter', o.due_after::text) ORDER BY o.position), '[]'::json)
            FROM plan_review_outcome o JOIN plan_action a ON a.id = o.action_id WHERE o.review_id = r.id) AS outcomes,
         ${ts('r.created_at')} AS "createdAt", ${personRef('cp', 'ca', 'cu')} AS "createdBy"
    FROM plan_review r
    JOIN person cp ON cp.id = r.created_by_person_id
    JOIN assignment ca ON ca.id = r.created_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id`;

const toReview = (r: Record<string, unknown>): Review => ({
  ...(r as unknown as Review),
  outcomes: parse<Review['outcomes']>(r.outcomes),
});

/** The plan's reviews, newest first (for the review pages and the printed plan). */
export async function loadReviews(q: Queryable, planId: string): Promise<Review[]> {
  const r = await q.query<Record<string, unknown>>(
    `${REVIEW_SELECT} WHERE r.plan_id = $1 ORDER BY r.reviewed_on DESC, r.created_at DESC, r.id`,
    [planId],
    'plan.reviews',
  );
  return r.rows.map(toReview);
}

export async function loadReview(q: Queryable, reviewId: string): Promise<Review | null> {
  const r = await q.query<Record<string, unknown>>(`${REVIEW_SELECT} WHERE r.id = $1`, [reviewId]);
  return r.rows[0] ? toReview(r.rows[0]) : null;
}

export async function insertReview(
  q: Queryable,
  r: {
    id: string;
    planId: string;
    childId: string;
    reviewedOn: string;
    meetingId: string | null;
    summary: string | null;
    previousReviewDate: string | null;
    nextReviewDate: string | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_review (id, plan_id, child_id, reviewed_on, meeting_id, summary, previous_review_date, next_review_date, created_at, created_by_person_id, created_by_assignment_id)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7::date, $8::date, $9::timestamptz, $10, $11)`,
    [
      r.id,
      r.planId,
      r.childId,
      r.reviewedOn,
      r.meetingId,
      r.summary,
      r.previousReviewDate,
      r.nextReviewDate,
      by.now,
      by.personId,
      by.assignmentId,
    ],
  );
}

export interface OutcomeRow {
  id: string;
  actionId: string;
  outcome: string;
  comment: string | null;
  whatBefore: string | null;
  whatAfter: string | null;
  dueBefore: string | null;
  dueAfter: string | null;
}

export async function insertOutcomes(q: Queryable, reviewId: string, rows: OutcomeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO plan_review_outcome (id, review_id, action_id, outcome, comment, what_before, what_after, due_before, due_after, position)
     SELECT u.id, $1, u.action_id, u.outcome, u.comment, u.what_before, u.what_after, u.due_before, u.due_after, u.position
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], $10::smallint[])
            AS u(id, action_id, outcome, comment, what_before, what_after, due_before, due_after, position)`,
    [
      reviewId,
      rows.map((r) => r.id),
      rows.map((r) => r.actionId),
      rows.map((r) => r.outcome),
      rows.map((r) => r.comment),
      rows.map((r) => r.whatBefore),
      rows.map((r) => r.whatAfter),
      rows.map((r) => r.dueBefore),
      rows.map((r) => r.dueAfter),
      rows.map((_, i) => i),
    ],
  );
}

/** The plan's open actions (planned / in progress), locked for the review. */
export async function lockOpenActions(
  q: Queryable,
  planId: string,
): Promise<
  {
    id: string;
    what: string;
    dueDate: string | null;
    status: string;
    version: number;
    responsibleKind: string | null;
  }[]
> {
  const r = await q.query<{
    id: string;
    what: string;
    dueDate: string | null;
    status: string;
    version: number;
    responsibleKind: string | null;
  }>(
    `SELECT id, what, due_date::text AS "dueDate", status, version, responsible_kind AS "responsibleKind" FROM plan_action
      WHERE plan_id = $1 AND status IN ('planned', 'in_progress') ORDER BY due_date NULLS LAST, created_at, id FOR UPDATE`,
    [planId],
  );
  return r.rows.map((x) => ({ ...x, version: Number(x.version) }));
}

/** Sets fields of an action from a review or a decision (bumping its version like any change). */
export async function setActionFields(
  q: Queryable,
  actionId: string,
  fields: { status?: string; what?: string; dueDate?: string | null },
  by: Author,
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [actionId, by.now, by.personId];
  if (fields.status !== undefined) {
    params.push(fields.status);
    sets.push(`status = $${params.length}`);
  }
  if (fields.what !== undefined) {
    params.push(fields.what);
    sets.push(`what = $${params.length}`);
  }
  if (fields.dueDate !== undefined) {
    params.push(fields.dueDate);
    sets.push(`due_date = $${params.length}::date`);
  }
  if (sets.length === 0) return;
  await q.query(
    `UPDATE plan_action SET ${[...sets, 'version = version + 1', 'updated_at = $2::timestamptz', 'updated_by_person_id = $3'].join(', ')} WHERE id = $1`,
    params,
  );
}

// ---------------------------------------------------------------------------------------------
// Closing and reopening

export async function setPlanStatus(
  q: Queryable,
  planId: string,
  expected: number,
  status: 'active' | 'closed',
  by: Author,
): Promise<boolean> {
  const r = await q.query(
    'UPDATE plan SET status = $3, version = version + 1, updated_at = $4::timestamptz, updated_by_person_id = $5 WHERE id = $1 AND version = $2',
    [planId, expected, status, by.now, by.personId],
  );
  return r.rowCount === 1;
}

export async function insertStatusChange(
  q: Queryable,
  c: {
    id: string;
    planId: string;
    childId: string;
    statusAfter: 'active' | 'closed';
    reasonCode: string | null;
    reasonText: string | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_status_change (id, plan_id, child_id, status_after, reason_code, reason_text, changed_by_person_id, changed_by_assignment_id, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
    [c.id, c.planId, c.childId, c.statusAfter, c.reasonCode, c.reasonText, by.personId, by.assignmentId, by.now],
  );
}

/** The child's latest closed plan (the one to reopen by default), locked. */
export async function lockLatestClosedPlan(
  q: Queryable,
  childId: string,
): Promise<{ id: string; status: 'active' | 'closed'; version: number } | null> {
  const r = await q.query<{ id: string; status: 'active' | 'closed'; version: number }>(
    "SELECT id, status, version FROM plan WHERE child_id = $1 AND status = 'closed' ORDER BY created_at DESC, id LIMIT 1 FOR UPDATE",
    [childId],
  );
  const row = r.rows[0];
  return row ? { ...row, version: Number(row.version) } : null;
}
