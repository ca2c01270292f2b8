import type { Queryable } from '../../db/client.js';
import type { HandoverRole, PlanHandover } from '../../../contract/plan/index.js';
import { HANDOVER_SELECT, name, strip } from './plan-sql.js';
import type { Author } from './writes-repo.js';

// ---------------------------------------------------------------------------------------------
// Handovers

export async function pendingHandover(q: Queryable, childId: string, role: HandoverRole): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    "SELECT id FROM role_handover WHERE child_id = $1 AND team_role = $2 AND status = 'pending'",
    [childId, role],
  );
  return r.rows[0]?.id ?? null;
}

export async function insertHandover(
  q: Queryable,
  h: {
    id: string;
    childId: string;
    planId: string | null;
    role: HandoverRole;
    from: { membershipId: string; personId: string; assignmentId: string } | null;
    toPersonId: string;
    toAssignmentId: string;
    respondBy: string;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO role_handover (id, child_id, plan_id, team_role, from_membership_id, from_person_id, from_assignment_id, to_person_id, to_assignment_id, status, respond_by,
                                offered_at, offered_by_person_id, offered_by_assignment_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10::date, $11::timestamptz, $12, $13)`,
    [
      h.id,
      h.childId,
      h.planId,
      h.role,
      h.from?.membershipId ?? null,
      h.from?.personId ?? null,
      h.from?.assignmentId ?? null,
      h.toPersonId,
      h.toAssignmentId,
      h.respondBy,
      by.now,
      by.personId,
      by.assignmentId,
    ],
  );
}

export interface HandoverRow {
  id: string;
  childId: string;
  role: HandoverRole;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  fromMembershipId: string | null;
  fromPersonId: string | null;
  fromAssignmentId: string | null;
  toPersonId: string;
  toAssignmentId: string;
  offeredByPersonId: string;
}

export async function lockHandover(q: Queryable, id: string): Promise<HandoverRow | null> {
  const r = await q.query<HandoverRow>(
    `SELECT id, child_id AS "childId", team_role AS role, status, from_membership_id AS "fromMembershipId", from_person_id AS "fromPersonId",
            from_assignment_id AS "fromAssignmentId", to_person_id AS "toPersonId", to_assignment_id AS "toAssignmentId", offered_by_person_id AS "offeredByPersonId"
       FROM role_handover WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function answerHandover(
  q: Queryable,
  id: string,
  status: 'accepted' | 'declined' | 'withdrawn',
  note: string | null,
  now: string,
): Promise<void> {
  await q.query(
    "UPDATE role_handover SET status = $2, response_note = $3, responded_at = $4::timestamptz WHERE id = $1 AND status = 'pending'",
    [id, status, note, now],
  );
}

/** Ends a team row the day before `today` (a row that began today is left as an empty period). */
export async function endTeamRow(q: Queryable, membershipId: string, today: string): Promise<void> {
  await q.query('UPDATE team_membership SET valid_to = $2::date - 1 WHERE id = $1', [membershipId, today]);
}

export async function insertTeamRow(
  q: Queryable,
  t: {
    id: string;
    childId: string;
    personId: string;
    assignmentId: string;
    role: 'coordinator' | 'best_interest_lead' | 'member';
    validFrom: string;
  },
): Promise<void> {
  await q.query(
    'INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) VALUES ($1, $2, $3, $4, $5, $6::date)',
    [t.id, t.childId, t.personId, t.assignmentId, t.role, t.validFrom],
  );
}

/** Is the assignment's unit one of the services taking part in the plan (not ended)? */
export async function unitTakesPart(q: Queryable, planId: string, unitId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM plan_service WHERE plan_id = $1 AND unit_id = $2 AND ended_on IS NULL', [
    planId,
    unitId,
  ]);
  return r.rows.length > 0;
}

/** Offers to this receiver (person + assignment) and offers this person made, still pending. */
export async function listHandoversFor(
  q: Queryable,
  personId: string,
  assignmentId: string,
): Promise<{ incoming: PlanHandover[]; outgoing: PlanHandover[] }> {
  const r = await q.query<Record<string, unknown> & { incoming: boolean }>(
    `SELECT x.*, (h.to_person_id = $1 AND h.to_assignment_id = $2) AS incoming
       FROM (${HANDOVER_SELECT} WHERE h.status = 'pending' AND ((h.to_person_id = $1 AND h.to_assignment_id = $2) OR (h.offered_by_person_id = $1 AND h.offered_by_assignment_id = $2))) x
       JOIN role_handover h ON h.id = x.id
      ORDER BY x.sort_at, x.id`,
    [personId, assignmentId],
  );
  const incoming: PlanHandover[] = [];
  const outgoing: PlanHandover[] = [];
  for (const row of r.rows) {
    const { incoming: isIncoming, ...rest } = row;
    (isIncoming ? incoming : outgoing).push(strip<PlanHandover>(rest));
  }
  return { incoming, outgoing };
}

export async function childNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<{ id: string; name: string }>(
    `SELECT c.id, ${name('c')} AS name FROM child c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

/**
 * The child as the printed plan names them: names and the birth date (for the age). No personnummer,
 * no address: the printout may leave the building.
 */
export async function childHeader(
  q: Queryable,
  childId: string,
): Promise<{ givenName: string; familyName: string; birthDate: string } | null> {
  const r = await q.query<{ given_name: string; family_name: string; birth_date: string }>(
    'SELECT given_name, family_name, birth_date::text AS birth_date FROM child WHERE id = $1',
    [childId],
    'print.child',
  );
  const row = r.rows[0];
  return row ? { givenName: row.given_name, familyName: row.family_name, birthDate: row.birth_date } : null;
}
