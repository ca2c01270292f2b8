import type { Queryable } from '../../db/client.js';
import type { WheelIndicator } from '../../../core/wheel.js';
import type { PlanActionStatus, PlanDisagreement } from '../../../contract/plan/index.js';
import { DISAGREEMENT_SELECT, ITEM, parse, type PlanItem, type PlanItemKind } from './plan-sql.js';
import { sql } from '../../db/sql.js';
import type { Author } from './writes-repo.js';

/** The plan's items (services, needs, goals, actions, voice, guardians' views, disagreements): reads of one item and inserts. */

/** Open (planned or in progress) with a due date before today — as OVERDUE says in SQL. */
export function isOverdue(a: { status: PlanActionStatus; dueDate: string | null }, today: string): boolean {
  return (a.status === 'planned' || a.status === 'in_progress') && a.dueDate !== null && a.dueDate < today;
}

/** One item of one kind in one of this child's plans (any status); null when there is none. */
export async function loadItem(
  q: Queryable,
  kind: PlanItemKind,
  childId: string,
  id: string,
  today: string,
): Promise<PlanItem | null> {
  const { select, alias } = ITEM[kind];
  const text = `${select(':child_id::uuid')} WHERE ${alias}.id = :id AND ${alias}.plan_id IN (SELECT pl.id FROM plan pl WHERE pl.child_id = :child_id)`;
  const st = sql(text, { child_id: childId, id }, text.includes(':today') ? { today } : {});
  const r = await q.query<{ j: unknown }>(st.text, st.values);
  return r.rows[0] ? parse<PlanItem>(r.rows[0].j) : null;
}

export async function loadDisagreement(q: Queryable, childId: string, id: string): Promise<PlanDisagreement | null> {
  const r = await q.query<{ j: unknown }>(
    `${DISAGREEMENT_SELECT()} WHERE d.id = $2 AND d.plan_id IN (SELECT pl.id FROM plan pl WHERE pl.child_id = $1)`,
    [childId, id],
  );
  return r.rows[0] ? parse<PlanDisagreement>(r.rows[0].j) : null;
}

export async function insertService(
  q: Queryable,
  s: {
    id: string;
    planId: string;
    unitId: string;
    organisationId: string;
    contactPersonId: string;
    contactAssignmentId: string;
    contribution: string | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_service (id, plan_id, unit_id, organisation_id, contact_person_id, contact_assignment_id, contribution, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $8::timestamptz, $9)`,
    [
      s.id,
      s.planId,
      s.unitId,
      s.organisationId,
      s.contactPersonId,
      s.contactAssignmentId,
      s.contribution,
      by.now,
      by.personId,
    ],
  );
}

export async function activeServiceForUnit(q: Queryable, planId: string, unitId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM plan_service WHERE plan_id = $1 AND unit_id = $2 AND ended_on IS NULL', [
    planId,
    unitId,
  ]);
  return r.rows.length > 0;
}

export async function unitFacts(q: Queryable, unitId: string): Promise<{ id: string; organisationId: string } | null> {
  const r = await q.query<{ id: string; organisation_id: string }>(
    'SELECT id, organisation_id FROM unit WHERE id = $1',
    [unitId],
  );
  return r.rows[0] ? { id: r.rows[0].id, organisationId: r.rows[0].organisation_id } : null;
}

export async function insertNeed(
  q: Queryable,
  n: { id: string; planId: string; indicator: WheelIndicator; description: string },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_need (id, plan_id, indicator, description, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $5::timestamptz, $6)`,
    [n.id, n.planId, n.indicator, n.description, by.now, by.personId],
  );
}

export async function insertGoal(
  q: Queryable,
  g: {
    id: string;
    planId: string;
    description: string;
    needId: string | null;
    indicators: WheelIndicator[];
    targetDate: string | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_goal (id, plan_id, description, need_id, indicators, target_date, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5::text[], $6::date, $7::timestamptz, $8, $7::timestamptz, $8)`,
    [g.id, g.planId, g.description, g.needId, g.indicators, g.targetDate, by.now, by.personId],
  );
}

export interface ResponsibleColumns {
  responsibleKind: 'professional' | 'guardian' | 'child' | null;
  responsiblePersonId: string | null;
  responsibleAssignmentId: string | null;
  responsibleGuardianId: string | null;
}

export async function insertAction(
  q: Queryable,
  a: {
    id: string;
    planId: string;
    what: string;
    goalId: string | null;
    serviceId: string | null;
    dueDate: string | null;
    status: PlanActionStatus;
  } & ResponsibleColumns,
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_action (id, plan_id, what, goal_id, service_id, responsible_kind, responsible_person_id, responsible_assignment_id, responsible_guardian_id,
                              due_date, status, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11, $12::timestamptz, $13, $12::timestamptz, $13)`,
    [
      a.id,
      a.planId,
      a.what,
      a.goalId,
      a.serviceId,
      a.responsibleKind,
      a.responsiblePersonId,
      a.responsibleAssignmentId,
      a.responsibleGuardianId,
      a.dueDate,
      a.status,
      by.now,
      by.personId,
    ],
  );
}

export async function insertVoice(
  q: Queryable,
  v: { id: string; planId: string; text: string; recordedOn: string; writtenByChild: boolean },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_voice (id, plan_id, text, recorded_on, written_by_child, recorded_by_person_id, recorded_by_assignment_id, created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8::timestamptz, $8::timestamptz, $6)`,
    [v.id, v.planId, v.text, v.recordedOn, v.writtenByChild, by.personId, by.assignmentId, by.now],
  );
}

export async function guardianViewExists(q: Queryable, planId: string, guardianId: string): Promise<string | null> {
  const r = await q.query<{ id: string }>('SELECT id FROM plan_guardian_view WHERE plan_id = $1 AND guardian_id = $2', [
    planId,
    guardianId,
  ]);
  return r.rows[0]?.id ?? null;
}

export async function insertGuardianView(
  q: Queryable,
  v: { id: string; planId: string; guardianId: string; text: string; recordedOn: string; writtenByGuardian: boolean },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_guardian_view (id, plan_id, guardian_id, text, recorded_on, written_by_guardian, recorded_by_person_id, recorded_by_assignment_id, created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9::timestamptz, $9::timestamptz, $7)`,
    [v.id, v.planId, v.guardianId, v.text, v.recordedOn, v.writtenByGuardian, by.personId, by.assignmentId, by.now],
  );
}

export async function insertDisagreement(
  q: Queryable,
  d: {
    id: string;
    planId: string;
    partyKind: 'child' | 'guardian' | 'professional';
    guardianId: string | null;
    personId: string | null;
    assignmentId: string | null;
    about: string;
    text: string;
    recordedOn: string;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_disagreement (id, plan_id, party_kind, party_guardian_id, party_person_id, party_assignment_id, about, text, recorded_on, recorded_by_person_id, recorded_by_assignment_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11, $12::timestamptz)`,
    [
      d.id,
      d.planId,
      d.partyKind,
      d.guardianId,
      d.personId,
      d.assignmentId,
      d.about,
      d.text,
      d.recordedOn,
      by.personId,
      by.assignmentId,
      by.now,
    ],
  );
}
