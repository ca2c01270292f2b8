import { AppError } from '../../../core/errors.js';
import type { ChildDataContext } from '../../access/child-data.js';
import { MissingResource, type StaleVersion } from '../../access/write-outcomes.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';
import { currentPlan } from './meetings-repo.js';
import type { Plan, ResponsibleChoice } from '../../../contract/plan/index.js';

/** The plan's write rules and guards, shared by the plan's services: locks, visibility, level 3, links and dates. */

/** No active plan, or one the actor may not see: a write to it is audited as not found on the plan. */
export const missingPlan = () => new MissingResource({ resourceType: 'plan', resourceId: null });

/** A 400 that names the field, like the schema validation's answers do. */
export function invalid(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('validation_failed', message, { field, issues: [{ path: field, message }], ...extra });
}

export const closedPlan = () =>
  new AppError('conflict', 'The plan is closed and can no longer be changed. Reopen it to change it.', {
    reason: 'plan_closed',
  });
export const blankToNull = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();
export const COORDINATOR_REQUIRED =
  'A plan at level 3 (coordinated support) needs a coordinator (samordnare). Appoint one first: offer the coordinator role to someone on the team and let them accept.';

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === constraint || String(e.message ?? '').includes(constraint));
}

/** The active plan, locked, at the version If-Match names (else the stale answer for it). */
export async function lockPlan(
  tx: Queryable,
  childId: string,
  ifMatch: number,
  stale: (planId: string) => StaleVersion,
): Promise<repo.LockedPlan> {
  const plan = await lockActivePlanOrRefuse(tx, childId);
  if (plan.version !== ifMatch) throw stale(plan.id);
  return plan;
}

/**
 * The child's active plan, locked. Without one: 409 when the latest plan is closed (a closed plan
 * stays readable but is not written to), else not found.
 */
export async function lockActivePlanOrRefuse(tx: Queryable, childId: string): Promise<repo.LockedPlan> {
  const plan = await repo.lockActivePlan(tx, childId);
  if (plan) return plan;
  const closed = await tx.query("SELECT 1 FROM plan WHERE child_id = $1 AND status = 'closed' LIMIT 1", [childId]);
  if (closed.rows.length > 0) throw closedPlan();
  throw missingPlan();
}

/**
 * Is the plan (by id, or the child's active plan) of a secrecy domain the actor may see? The plan
 * and its items are one record of category 'plan', in the domain of the unit that drew it up.
 */
export async function planVisible(
  q: Queryable,
  planId: string | null,
  c: ChildDataContext,
  childId?: string,
): Promise<boolean> {
  const r = planId
    ? await q.query<{ secrecy_domain: string | null }>('SELECT secrecy_domain FROM plan WHERE id = $1', [planId])
    : await q.query<{ secrecy_domain: string | null }>(
        "SELECT secrecy_domain FROM plan WHERE child_id = $1 AND status = 'active'",
        [childId],
      );
  const row = r.rows[0];
  return row ? (await c.visible([row], 'plan', (x) => x.secrecy_domain)).length === 1 : true;
}

/**
 * The child's current plan (or the child's plan `planId`) when the actor may see it — a plan of a
 * secrecy domain they may not see is, for them, no plan. Undefined (→ 404) when `planId` names a plan
 * that is not the child's or not visible; null when the child has no plan to show.
 */
export async function visiblePlanOf(
  q: Queryable,
  childId: string,
  planId: string | undefined,
  c: ChildDataContext,
): Promise<Awaited<ReturnType<typeof currentPlan>> | undefined> {
  const found = await currentPlan(q, childId, planId);
  const plan = found && (await planVisible(q, found.id, c)) ? found : null;
  return planId && !plan ? undefined : plan;
}

/** Writing to a plan the actor may not see answers like writing to a plan that does not exist. */
export async function mustSeePlan(q: Queryable, planId: string, c: ChildDataContext): Promise<void> {
  if (!(await planVisible(q, planId, c))) throw missingPlan();
}

export async function mustPlan(tx: Queryable, childId: string, planId: string, today: string): Promise<Plan> {
  const p = await repo.loadPlan(tx, childId, planId, today);
  if (!p) throw new Error('plan vanished inside its own transaction');
  return p.plan;
}

export async function mustItem(
  tx: Queryable,
  kind: repo.PlanItemKind,
  childId: string,
  id: string,
  today: string,
): Promise<repo.PlanItem> {
  const item = await repo.loadItem(tx, kind, childId, id, today);
  if (!item) throw new Error(`${kind} vanished inside its own transaction`);
  return item;
}

/** Level 3: a coordinator today, and every action that is not cancelled has an owner and a due date. */
export async function checkLevelThree(tx: Queryable, childId: string, planId: string, today: string): Promise<void> {
  if (!(await repo.hasCoordinator(tx, childId, today))) throw invalid('level', COORDINATOR_REQUIRED);
  const missing = await repo.actionsMissingOwnerOrDue(tx, planId);
  if (missing.length > 0) {
    const list = missing
      .map(
        (m) =>
          `"${m.what}" (${m.missing.map((x) => (x === 'responsible' ? 'no responsible person' : 'no due date')).join(', ')})`,
      )
      .join('; ');
    throw invalid(
      'level',
      `At level 3 every action needs a responsible person and a due date. Complete these first: ${list}.`,
      {
        actions: missing.map((m) => ({ id: m.id, what: m.what, missing: m.missing })),
      },
    );
  }
}

export function checkLevelThreeAction(
  what: string,
  responsibleKind: string | null,
  dueDate: string | null,
  status: string,
): void {
  if (status === 'cancelled') return;
  const missing = [
    ...(responsibleKind === null ? (['responsible'] as const) : []),
    ...(dueDate === null ? (['dueDate'] as const) : []),
  ];
  if (missing.length === 0) return;
  const words = missing.map((x) => (x === 'responsible' ? 'responsible person' : 'due date')).join(' and no ');
  throw invalid(
    missing[0]!,
    `At level 3 every action needs a responsible person and a due date: the action "${what}" has no ${words}.`,
    {
      actions: [{ what, missing }],
    },
  );
}

export async function resolveResponsible(
  tx: Queryable,
  childId: string,
  r: ResponsibleChoice | null,
  today: string,
): Promise<repo.ResponsibleColumns> {
  const none: repo.ResponsibleColumns = {
    responsibleKind: null,
    responsiblePersonId: null,
    responsibleAssignmentId: null,
    responsibleGuardianId: null,
  };
  if (r === null) return none;
  if (r.kind === 'child') return { ...none, responsibleKind: 'child' };
  if (r.kind === 'guardian') {
    if (!(await repo.guardianOfChild(tx, childId, r.guardianId, today, false)))
      throw invalid('responsible.guardianId', "That is not one of this child's guardians.");
    return { ...none, responsibleKind: 'guardian', responsibleGuardianId: r.guardianId };
  }
  const rows = await repo.activeTeamRows(tx, childId, r.assignmentId, today);
  if (rows.length === 0)
    throw invalid(
      'responsible.assignmentId',
      "The responsible person must be on the child's team (in that assignment).",
    );
  return {
    ...none,
    responsibleKind: 'professional',
    responsiblePersonId: rows[0]!.personId,
    responsibleAssignmentId: r.assignmentId,
  };
}

export async function checkActionLinks(
  tx: Queryable,
  planId: string,
  l: { goalId: string | null; serviceId: string | null },
): Promise<void> {
  if (l.goalId && !(await repo.itemBelongsToPlan(tx, 'plan_goal', l.goalId, planId)))
    throw invalid('goalId', 'That goal is not in this plan.');
  if (l.serviceId) {
    const s = await repo.itemBelongsToPlan(tx, 'plan_service', l.serviceId, planId);
    if (!s) throw invalid('serviceId', 'That service does not take part in this plan.');
    if (s.endedOn) throw invalid('serviceId', 'That service no longer takes part in the plan.');
  }
}

/** The contact person of a service: on the child's team today, in an assignment in that unit. */
export async function teamContact(
  tx: Queryable,
  childId: string,
  assignmentId: string,
  unitId: string,
  today: string,
): Promise<{ personId: string; assignmentId: string }> {
  const rows = await repo.activeTeamRows(tx, childId, assignmentId, today);
  const facts = await repo.assignmentFacts(tx, assignmentId, today);
  if (rows.length === 0 || !facts)
    throw invalid('contactAssignmentId', "The contact person must be on the child's team.");
  if (facts.unitId !== unitId)
    throw invalid(
      'contactAssignmentId',
      'The contact person must work in the service (unit) they are the contact for.',
    );
  return { personId: facts.personId, assignmentId };
}

/** Not in the future (Swedish calendar day) and not before the child was born. */
export async function checkRecordedOn(tx: Queryable, childId: string, day: string, today: string): Promise<string> {
  if (day > today) throw invalid('recordedOn', `The date cannot be in the future (today is ${today}).`);
  const child = await repo.childFacts(tx, childId);
  if (child && day < child.birthDate) throw invalid('recordedOn', 'The date cannot be before the child was born.');
  return day;
}
