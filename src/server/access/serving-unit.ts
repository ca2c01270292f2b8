import { AppError, notFound } from '../../core/errors.js';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/client.js';
import { sql, textOf } from '../db/sql.js';
import type { AssignmentRole } from './actor.js';
import type { UnitKind } from '../../core/organisation.js';
import { appendEventsInTransaction, recordEvents } from './audit-door.js';
import { auditEvent, type AuditAction, type AuditEventInput, type AuditResourceType } from './audit-events.js';
import { mayHoldCaseData } from './gate.js';
import type { RequestScope } from './request-scope.js';

/**
 * The third way to a child, beside the team gate (gate.ts) and attendance import (school-unit.ts),
 * and as narrow: the model's first step (uppmärksamma) for a professional whose unit SERVES the
 * child but who is not on the child's team. A unit serves a child on a day when `child_serving_unit`
 * (migration 0017: the unit of an enrolment or preschool placement, the elevhälsa units of that
 * school, the BVC of a listing) has a row for it valid that day. Acting in an assignment at such a
 * unit, a professional may
 *  - FIND the child to raise a concern about (`findServedChildren`): by exact personnummer, or by
 *    name among the children their unit serves — a child with protected identity only by exact
 *    personnummer. The answer is the minimum to know it is the right child (name, birth year, the
 *    unit and class), never records. Every child shown is audited (`child.search`, reason
 *    `serving_unit`), and so is a search that found nothing;
 *  - WRITE one thing (`writeAsServingUnit`): raising a concern, whose answer is a receipt, not the
 *    child. The check, the write and its audit event are one transaction; a child the unit does not
 *    serve answers exactly like one that does not exist (404), audited as denied / not found.
 * Everything else about the child stays behind the team gate.
 */

export type ServingBasis = 'enrolment' | 'student_health' | 'listing';
export type { UnitKind } from '../../core/organisation.js';

/**
 * Who leads a unit (decides a concern raised there, answers a request for assistance to it), per
 * unit kind, as data. Services whose assignments have no manager role of their own (BVC, BUP, the
 * youth clinic, leisure, police, KAA) are led by their professionals of that service.
 */
export const UNIT_LEAD_ROLES: Readonly<Record<UnitKind, readonly AssignmentRole[]>> = {
  preschool: ['principal'],
  compulsory_school: ['principal'],
  upper_secondary_school: ['principal'],
  // The medical elevhälsa keeps health-care secrecy: its concerns are decided inside it (the school
  // doctor, else its nurses), never by the principal, who may not read them.
  student_health_medical: ['school_doctor', 'school_nurse'],
  student_health_psychosocial: ['principal'],
  social_services: ['social_services_manager'],
  child_health_centre: ['child_health_nurse'],
  child_psychiatry: ['child_psychiatry_clinician'],
  youth_clinic: ['youth_clinic_staff'],
  leisure_centre: ['leisure_leader'],
  police: ['police_officer'],
  youth_follow_up: ['youth_follow_up_officer'],
  administration: [],
  analysis: [],
};

/** The psychosocial elevhälsa is led by the principal of the school it belongs to (unit.parent_unit_id). */
export const LEAD_AT_PARENT_UNIT: ReadonlySet<UnitKind> = new Set(['student_health_psychosocial']);

/** Roles and assignments that may take the first step from a serving unit: case roles acting at a unit. */
export function mayActAsServingUnit(scope: RequestScope): boolean {
  return mayHoldCaseData(scope.actor) && scope.actor.unitId !== null;
}

function requireServingActor(scope: RequestScope): string {
  if (!mayActAsServingUnit(scope) || !scope.actor.unitId)
    throw new AppError(
      'forbidden',
      'Raising a concern from your unit needs an assignment at a unit that works with children (a school, preschool, elevhälsa or BVC).',
      { reason: 'role' },
    );
  return scope.actor.unitId;
}

const servesText = textOf(
  () => `SELECT s.basis FROM child_serving_unit s
          WHERE s.child_id = :child_id AND s.unit_id = :unit_id
            AND s.valid_from <= :today::date AND (s.valid_to IS NULL OR s.valid_to >= :today::date)
          ORDER BY CASE s.basis WHEN 'enrolment' THEN 0 WHEN 'listing' THEN 1 ELSE 2 END LIMIT 1`,
);

/** How `unitId` serves the child today, or null when it does not. */
export async function servingBasis(
  q: Queryable,
  unitId: string,
  childId: string,
  today: string,
): Promise<ServingBasis | null> {
  const st = sql(servesText(), { child_id: childId, unit_id: unitId, today });
  const r = await q.query<{ basis: ServingBasis }>(st.text, st.values);
  return r.rows[0]?.basis ?? null;
}

export interface UnitLead {
  personId: string;
  assignmentId: string;
  role: AssignmentRole;
  unitId: string;
}

const leadsText = textOf(
  () => `SELECT a.person_id, a.id AS assignment_id, a.role, a.unit_id
           FROM unit u
           JOIN assignment a ON a.unit_id = CASE WHEN u.kind = ANY(:parent_kinds::text[]) THEN COALESCE(u.parent_unit_id, u.id) ELSE u.id END
           JOIN person p ON p.id = a.person_id AND p.enabled
          WHERE u.id = :unit_id AND a.role = ANY(:roles::text[])
            AND a.valid_from <= :today::date AND (a.valid_to IS NULL OR a.valid_to >= :today::date)
          ORDER BY array_position(:roles::text[], a.role), a.valid_from, a.id`,
);

/** The unit's leads on `today` (UNIT_LEAD_ROLES by its kind, in its order), oldest assignment first. */
export async function unitLeads(q: Queryable, unitId: string, today: string): Promise<UnitLead[]> {
  const kind = (await q.query<{ kind: UnitKind }>('SELECT kind FROM unit WHERE id = $1', [unitId])).rows[0]?.kind;
  if (!kind) return [];
  const roles = UNIT_LEAD_ROLES[kind] ?? [];
  if (roles.length === 0) return [];
  const st = sql(leadsText(), { unit_id: unitId, roles, today, parent_kinds: [...LEAD_AT_PARENT_UNIT] });
  const r = await q.query<{ person_id: string; assignment_id: string; role: AssignmentRole; unit_id: string }>(
    st.text,
    st.values,
  );
  return r.rows.map((x) => ({ personId: x.person_id, assignmentId: x.assignment_id, role: x.role, unitId: x.unit_id }));
}

/** Does the actor lead `unitId` in the assignment they act in? */
export async function leadsUnit(q: Queryable, scope: RequestScope, unitId: string): Promise<boolean> {
  return (await unitLeads(q, unitId, scope.today)).some(
    (l) => l.assignmentId === scope.actor.assignmentId && l.personId === scope.actor.personId,
  );
}

/** What a search from a serving unit shows: enough to know it is the right child, nothing of its records. */
export interface ServedChild {
  id: string;
  givenName: string;
  familyName: string;
  birthYear: number;
  unitName: string;
  className: string | null;
  protectedIdentity: boolean;
}

const servedText = textOf(
  (where: string) => `SELECT DISTINCT ON (c.id) c.id, c.given_name, c.family_name,
            extract(year FROM c.birth_date)::int AS birth_year, u.name AS unit_name, c.protected_identity,
            (SELECT g.name FROM pupil_group_member gm JOIN pupil_group g ON g.id = gm.group_id
              WHERE gm.child_id = c.id AND g.unit_id IN (s.unit_id, COALESCE(u.parent_unit_id, s.unit_id)) AND g.group_type = 'Klass'
                AND (gm.valid_from IS NULL OR gm.valid_from <= :today::date) AND (gm.valid_to IS NULL OR gm.valid_to >= :today::date)
              ORDER BY g.name LIMIT 1) AS class_name
       FROM child c
       JOIN child_serving_unit s ON s.child_id = c.id AND s.unit_id = :unit_id
            AND s.valid_from <= :today::date AND (s.valid_to IS NULL OR s.valid_to >= :today::date)
       JOIN unit u ON u.id = s.unit_id
      WHERE ${where}
      ORDER BY c.id`,
);

/** The search: exact personnummer (any served child), or name words (served children without protected identity). */
export type ServedChildQuery = { personnummer: string } | { nameWords: string[] };

const MAX_BY_NAME = 20;

async function loadServed(q: Queryable, unitId: string, today: string, query: ServedChildQuery) {
  const st =
    'personnummer' in query
      ? sql(servedText('c.personnummer = :personnummer'), { unit_id: unitId, today, personnummer: query.personnummer })
      : sql(
          servedText(
            `NOT c.protected_identity AND lower(c.given_name || ' ' || c.family_name) LIKE ALL(:patterns::text[])`,
          ),
          {
            unit_id: unitId,
            today,
            patterns: query.nameWords.map((w) => `%${w.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`),
          },
        );
  const r = await q.query<{
    id: string;
    given_name: string;
    family_name: string;
    birth_year: number;
    unit_name: string;
    class_name: string | null;
    protected_identity: boolean;
  }>(st.text, st.values);
  return r.rows
    .map(
      (x): ServedChild => ({
        id: x.id,
        givenName: x.given_name,
        familyName: x.family_name,
        birthYear: Number(x.birth_year),
        unitName: x.unit_name,
        className: x.class_name,
        protectedIdentity: x.protected_identity,
      }),
    )
    .sort((a, b) => `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`, 'sv'))
    .slice(0, MAX_BY_NAME);
}

/**
 * Finds children the actor's unit serves today. Every child in the answer is audited (`child.search`,
 * reason `serving_unit`, protected identity flagged); an answer with none is audited too — for a
 * personnummer of a child the unit does not serve as denied (with the child), else as not found.
 */
export async function findServedChildren(
  ctx: Pick<AppContext, 'db' | 'audit'>,
  scope: RequestScope,
  query: ServedChildQuery,
): Promise<ServedChild[]> {
  const unitId = requireServingActor(scope);
  const found = await loadServed(ctx.db, unitId, scope.today, query);
  const event = (childId: string | null, outcome: AuditEventInput['outcome'], protectedIdentity = false) =>
    auditEvent(scope.actor, scope.requestId, {
      action: 'child.search',
      resourceType: 'child',
      resourceId: childId,
      childId,
      outcome,
      details: { reason: 'serving_unit', ...(protectedIdentity ? { protected_identity: true as const } : {}) },
    });
  if (found.length > 0) {
    await recordEvents(
      ctx,
      found.map((c) => event(c.id, 'permitted', c.protectedIdentity)),
    );
    return found;
  }
  const existing =
    'personnummer' in query
      ? (
          await ctx.db.query<{ id: string; protected_identity: boolean }>(
            'SELECT id, protected_identity FROM child WHERE personnummer = $1',
            [query.personnummer],
          )
        ).rows[0]
      : undefined;
  await recordEvents(ctx, [
    existing ? event(existing.id, 'denied', existing.protected_identity) : event(null, 'not_found'),
  ]);
  return [];
}

/** What a write from a serving unit returns, and the further events it caused (in the same transaction). */
export interface ServingWriteResult<T> {
  result: T;
  resourceId: string;
  details?: Record<string, string | number | boolean>;
  events?: AuditEventInput[];
}

export interface ServingWriteCall {
  action: AuditAction;
  resourceType: AuditResourceType;
}

/**
 * One write on a child the actor's unit serves today: the check, the write, its audit event
 * (reason `serving_unit`, the basis) and the events the write adds, in one transaction. A child the
 * unit does not serve, or that does not exist, is the same 404, audited outside the rolled-back
 * transaction (denied with the child, or not found without it).
 */
export async function writeAsServingUnit<T>(
  ctx: AppContext,
  scope: RequestScope,
  childId: string,
  call: ServingWriteCall,
  write: (tx: Queryable, basis: ServingBasis) => Promise<ServingWriteResult<T>>,
): Promise<T> {
  const unitId = requireServingActor(scope);
  let denied: { exists: boolean; protectedIdentity: boolean } | null = null;
  const event = (outcome: AuditEventInput['outcome'], resourceId: string | null, details: Record<string, unknown>) =>
    auditEvent(scope.actor, scope.requestId, {
      action: call.action,
      resourceType: call.resourceType,
      resourceId,
      childId: outcome === 'not_found' ? null : childId,
      outcome,
      details: { reason: 'serving_unit', ...details } as never,
    });
  try {
    return await ctx.db.transaction(async (tx) => {
      const child = (
        await tx.query<{ protected_identity: boolean }>('SELECT protected_identity FROM child WHERE id = $1', [childId])
      ).rows[0];
      const basis = child ? await servingBasis(tx, unitId, childId, scope.today) : null;
      if (!child || !basis) {
        denied = { exists: child !== undefined, protectedIdentity: child?.protected_identity === true };
        throw notFound();
      }
      const done = await write(tx, basis);
      const flag = child.protected_identity ? { protected_identity: true } : {};
      await appendEventsInTransaction(
        tx,
        [event('permitted', done.resourceId, { basis, ...flag, ...done.details }), ...(done.events ?? [])],
        ctx.now(),
      );
      return done.result;
    });
  } catch (err) {
    if (denied !== null) {
      const d: { exists: boolean; protectedIdentity: boolean } = denied;
      await recordEvents(ctx, [
        event(d.exists ? 'denied' : 'not_found', null, d.protectedIdentity ? { protected_identity: true } : {}),
      ]);
      throw notFound();
    }
    throw err;
  }
}

/** The units the actor leads in the assignment they act in: their own unit, and the elevhälsa units of their school. */
export async function unitsLedBy(q: Queryable, scope: RequestScope): Promise<string[]> {
  const unitId = scope.actor.unitId;
  if (!unitId) return [];
  const r = await q.query<{ id: string }>(
    'SELECT id FROM unit WHERE id = $1 OR (parent_unit_id = $1 AND kind = ANY($2::text[])) ORDER BY id',
    [unitId, [...LEAD_AT_PARENT_UNIT]],
  );
  const led: string[] = [];
  for (const u of r.rows) if (await leadsUnit(q, scope, u.id)) led.push(u.id);
  return led;
}
