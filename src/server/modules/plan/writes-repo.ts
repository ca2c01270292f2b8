import type { Queryable } from '../../db/client.js';
import type { HandoverRole } from '../../../contract/plan/index.js';
import { activeOn, ITEM, type PlanItemKind } from './plan-sql.js';
import { sql } from '../../db/sql.js';

/** Locks and facts for the plan's writes, the plan's own inserts and the versioned updates of the plan and its items. */

// ---------------------------------------------------------------------------------------------
// Locks and facts for writes

export interface LockedPlan {
  id: string;
  level: number;
  version: number;
  status: 'active' | 'closed';
}

/** The active plan of the child, locked for the rest of the transaction (plan writes serialise). */
export async function lockActivePlan(q: Queryable, childId: string): Promise<LockedPlan | null> {
  const r = await q.query<LockedPlan>(
    "SELECT id, level, version, status FROM plan WHERE child_id = $1 AND status = 'active' FOR UPDATE",
    [childId],
  );
  const row = r.rows[0];
  return row ? { ...row, level: Number(row.level), version: Number(row.version) } : null;
}

/** Locks the plan an item belongs to (this child's), and the item; null when either is missing. */
export async function lockItem(
  q: Queryable,
  kind: PlanItemKind | 'plan_disagreement',
  childId: string,
  id: string,
): Promise<{ plan: LockedPlan; version: number } | null> {
  const table = kind === 'plan_disagreement' ? 'plan_disagreement' : ITEM[kind].table;
  const r = await q.query<{ plan_id: string }>(
    `SELECT x.plan_id FROM ${table} x JOIN plan p ON p.id = x.plan_id WHERE x.id = $1 AND p.child_id = $2`,
    [id, childId],
  );
  const planId = r.rows[0]?.plan_id;
  if (!planId) return null;
  // Plan first, then the item: every plan write takes the locks in this order.
  const p = await q.query<LockedPlan>('SELECT id, level, version, status FROM plan WHERE id = $1 FOR UPDATE', [planId]);
  const plan = p.rows[0];
  if (!plan) return null;
  const versionCol = kind === 'plan_disagreement' ? '1 AS version' : 'version';
  const it = await q.query<{ version: number }>(`SELECT ${versionCol} FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!it.rows[0]) return null;
  return {
    plan: { ...plan, level: Number(plan.level), version: Number(plan.version) },
    version: Number(it.rows[0].version),
  };
}

export interface AssignmentFacts {
  personId: string;
  assignmentId: string;
  role: string;
  unitId: string | null;
  unitKind: string | null;
  unitMunicipality: string | null;
  organisationId: string;
  active: boolean;
}

export async function assignmentFacts(
  q: Queryable,
  assignmentId: string,
  today: string,
): Promise<AssignmentFacts | null> {
  const r = await q.query<AssignmentFacts>(
    `SELECT a.person_id AS "personId", a.id AS "assignmentId", a.role, a.unit_id AS "unitId", u.kind AS "unitKind", u.municipality_code AS "unitMunicipality",
            a.organisation_id AS "organisationId", (a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date) AND p.enabled) AS active
       FROM assignment a JOIN person p ON p.id = a.person_id LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [assignmentId, today],
  );
  return r.rows[0] ?? null;
}

/** The active team rows of one assignment for the child today. */
export async function activeTeamRows(
  q: Queryable,
  childId: string,
  assignmentId: string,
  today: string,
): Promise<{ id: string; teamRole: string; personId: string; validFrom: string }[]> {
  const st = sql(
    `SELECT t.id, t.team_role AS "teamRole", t.person_id AS "personId", t.valid_from::text AS "validFrom" FROM team_membership t
      WHERE t.child_id = :child_id AND t.assignment_id = :assignment AND ${activeOn('t')}`,
    { child_id: childId, assignment: assignmentId, today },
  );
  const r = await q.query<{ id: string; teamRole: string; personId: string; validFrom: string }>(st.text, st.values);
  return r.rows;
}

/** The active holder of a role (row locked: a handover and a change of the team cannot interleave). */
export async function lockRoleHolder(
  q: Queryable,
  childId: string,
  role: HandoverRole,
  today: string,
): Promise<{ id: string; personId: string; assignmentId: string; validFrom: string } | null> {
  const st = sql(
    `SELECT t.id, t.person_id AS "personId", t.assignment_id AS "assignmentId", t.valid_from::text AS "validFrom" FROM team_membership t
      WHERE t.child_id = :child_id AND t.team_role = :role AND ${activeOn('t')} ORDER BY t.valid_from DESC, t.created_at DESC LIMIT 1 FOR UPDATE`,
    { child_id: childId, role, today },
  );
  const r = await q.query<{ id: string; personId: string; assignmentId: string; validFrom: string }>(
    st.text,
    st.values,
  );
  return r.rows[0] ?? null;
}

export async function hasCoordinator(q: Queryable, childId: string, today: string): Promise<boolean> {
  const st = sql(
    `SELECT 1 FROM team_membership t WHERE t.child_id = :child_id AND t.team_role = 'coordinator' AND ${activeOn('t')}`,
    { child_id: childId, today },
  );
  const r = await q.query(st.text, st.values);
  return r.rows.length > 0;
}

/** A guardian of the child today; `custodial` narrows to those with custody. */
export async function guardianOfChild(
  q: Queryable,
  childId: string,
  guardianId: string,
  today: string,
  custodial: boolean,
): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM custody WHERE child_id = $1 AND guardian_id = $2 AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date) ${custodial ? 'AND has_custody' : ''}`,
    [childId, guardianId, today],
  );
  return r.rows.length > 0;
}

export async function childFacts(
  q: Queryable,
  childId: string,
): Promise<{ birthDate: string; supportLevel: number } | null> {
  const r = await q.query<{ birth_date: string; support_level: number }>(
    'SELECT birth_date::text AS birth_date, support_level FROM child WHERE id = $1',
    [childId],
  );
  return r.rows[0] ? { birthDate: r.rows[0].birth_date, supportLevel: Number(r.rows[0].support_level) } : null;
}

/** The plan's open actions lacking a responsible person or a due date (for level 3). */
export async function actionsMissingOwnerOrDue(
  q: Queryable,
  planId: string,
): Promise<{ id: string; what: string; missing: ('responsible' | 'dueDate')[] }[]> {
  const r = await q.query<{ id: string; what: string; no_owner: boolean; no_due: boolean }>(
    `SELECT id, what, responsible_kind IS NULL AS no_owner, due_date IS NULL AS no_due FROM plan_action
      WHERE plan_id = $1 AND status <> 'cancelled' AND (responsible_kind IS NULL OR due_date IS NULL) ORDER BY created_at, id`,
    [planId],
  );
  return r.rows.map((x) => ({
    id: x.id,
    what: x.what,
    missing: [...(x.no_owner ? (['responsible'] as const) : []), ...(x.no_due ? (['dueDate'] as const) : [])],
  }));
}

export async function itemBelongsToPlan(
  q: Queryable,
  table: 'plan_need' | 'plan_goal' | 'plan_service',
  id: string,
  planId: string,
): Promise<{ endedOn?: string | null } | null> {
  const r = await q.query<{ ended_on?: string | null }>(
    `SELECT ${table === 'plan_service' ? 'ended_on::text AS ended_on' : '1 AS one'} FROM ${table} WHERE id = $1 AND plan_id = $2`,
    [id, planId],
  );
  const row = r.rows[0];
  if (!row) return null;
  return table === 'plan_service' ? { endedOn: row.ended_on ?? null } : {};
}

// ---------------------------------------------------------------------------------------------
// Writes

export interface Author {
  personId: string;
  assignmentId: string;
  now: string;
}

export async function insertPlan(
  q: Queryable,
  p: {
    id: string;
    childId: string;
    level: number;
    background: string | null;
    nextReviewDate: string | null;
    owningUnitId: string | null;
    secrecyDomain: string | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan (id, child_id, status, level, background, next_review_date, created_by_person_id, created_by_assignment_id, owning_unit_id, secrecy_domain,
                       created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, 'active', $3, $4, $5::date, $6, $7, $8, $9, $10::timestamptz, $10::timestamptz, $6)`,
    [
      p.id,
      p.childId,
      p.level,
      p.background,
      p.nextReviewDate,
      by.personId,
      by.assignmentId,
      p.owningUnitId,
      p.secrecyDomain,
      by.now,
    ],
  );
}

export async function insertLevelChange(
  q: Queryable,
  c: { id: string; planId: string; childId: string; before: number | null; after: number; reason: string },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_level_change (id, plan_id, child_id, level_before, level_after, reason, changed_by_person_id, changed_by_assignment_id, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
    [c.id, c.planId, c.childId, c.before, c.after, c.reason, by.personId, by.assignmentId, by.now],
  );
}

const PLAN_COLUMNS: Record<string, string> = {
  background: 'background',
  nextReviewDate: 'next_review_date::date',
  isSip: 'is_sip',
  level: 'level',
};
const SERVICE_COLUMNS: Record<string, string> = {
  contactPersonId: 'contact_person_id',
  contactAssignmentId: 'contact_assignment_id',
  contribution: 'contribution',
  endedOn: 'ended_on::date',
};
const NEED_COLUMNS: Record<string, string> = { indicator: 'indicator', description: 'description' };
const GOAL_COLUMNS: Record<string, string> = {
  description: 'description',
  needId: 'need_id',
  indicators: 'indicators::text[]',
  targetDate: 'target_date::date',
};
const ACTION_COLUMNS: Record<string, string> = {
  what: 'what',
  goalId: 'goal_id',
  serviceId: 'service_id',
  responsibleKind: 'responsible_kind',
  responsiblePersonId: 'responsible_person_id',
  responsibleAssignmentId: 'responsible_assignment_id',
  responsibleGuardianId: 'responsible_guardian_id',
  dueDate: 'due_date::date',
  status: 'status',
};
const VOICE_COLUMNS: Record<string, string> = {
  text: 'text',
  recordedOn: 'recorded_on::date',
  writtenByChild: 'written_by_child',
};
const GUARDIAN_VIEW_COLUMNS: Record<string, string> = {
  text: 'text',
  recordedOn: 'recorded_on::date',
  writtenByGuardian: 'written_by_guardian',
};

const UPDATABLE: Record<'plan' | PlanItemKind, { table: string; columns: Record<string, string> }> = {
  plan: { table: 'plan', columns: PLAN_COLUMNS },
  plan_service: { table: 'plan_service', columns: SERVICE_COLUMNS },
  plan_need: { table: 'plan_need', columns: NEED_COLUMNS },
  plan_goal: { table: 'plan_goal', columns: GOAL_COLUMNS },
  plan_action: { table: 'plan_action', columns: ACTION_COLUMNS },
  plan_voice: { table: 'plan_voice', columns: VOICE_COLUMNS },
  plan_guardian_view: { table: 'plan_guardian_view', columns: GUARDIAN_VIEW_COLUMNS },
};

/**
 * Changes the given fields (keys of a fixed column list, never user text, go into the SQL) and bumps
 * the version, only if it is still `expectedVersion`. false = someone else was first.
 */
export async function updateVersioned(
  q: Queryable,
  kind: 'plan' | PlanItemKind,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
  by: Author,
): Promise<boolean> {
  const { table, columns } = UPDATABLE[kind];
  const sets: string[] = [];
  const params: unknown[] = [id, expectedVersion, by.now, by.personId];
  for (const [key, value] of Object.entries(changes)) {
    const spec = columns[key];
    if (!spec) throw new Error(`updateVersioned(${kind}): unknown field ${key}`);
    const [col, cast] = spec.split('::') as [string, string | undefined];
    params.push(value);
    sets.push(`${col} = $${params.length}${cast ? `::${cast}` : ''}`);
  }
  const r = await q.query(
    `UPDATE ${table} SET ${[...sets, 'version = version + 1', 'updated_at = $3::timestamptz', 'updated_by_person_id = $4'].join(', ')} WHERE id = $1 AND version = $2`,
    params,
  );
  return r.rowCount === 1;
}
