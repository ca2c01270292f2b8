import { randomUUID } from 'node:crypto';
import { addDays } from '../../../core/calendar.js';
import { AppError } from '../../../core/errors.js';
import type { AdminAssignment, AdminRole } from '../../../contract/admin.js';
import type { AssignmentRole } from '../../access/actor.js';
import { auditEventsOf, type AuditEventInput } from '../../access/audit-events.js';
import type { RequestScope } from '../../access/request-scope.js';
import type { Queryable } from '../../db/client.js';
import { reconcileDirectoryTeams } from '../directory/teams.js';
import { ROLES_BY_UNIT_KIND } from '../directory/unit-kinds.js';
import * as repo from './repo.js';
import { type AdminReach, mayGrantRole } from './scope.js';
import * as writes from './writes-repo.js';

/** 400 tied to a field of the request, with a message a person can act on. */
export function badInput(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('validation_failed', message, { field, ...extra });
}

export interface NewAssignment {
  personId: string;
  unitId: string;
  role: AdminRole;
  title: string | null;
  validFrom: string;
  validTo: string | null;
}

/**
 * Creates an assignment inside the caller's transaction: every check first (the unit within reach
 * and open on those days, a role the unit's kind takes and the admin may grant, the dates in order,
 * no overlapping twin), then the row, then the teams the sources form (a principal joins the pupils'
 * teams). Returns the assignment and its audit event. The person must already be within reach or
 * have been created in this transaction (`personChecked`).
 */
export async function createAssignmentIn(
  tx: Queryable,
  scope: RequestScope,
  reach: AdminReach,
  input: NewAssignment,
  personChecked = false,
): Promise<{ assignment: AdminAssignment; event: AuditEventInput }> {
  const unit = await repo.loadUnit(tx, reach, input.unitId, scope.today, true);
  if (!unit) throw badInput('unitId', 'There is no such unit among the units you administer. Choose one of yours.');
  if (!mayGrantRole(reach, input.role as AssignmentRole))
    throw badInput('role', 'Only a system administrator can make someone a system administrator.');
  const allowed = ROLES_BY_UNIT_KIND[unit.kind];
  if (!allowed.includes(input.role as AssignmentRole))
    throw badInput('role', `A unit of this kind does not take that role. Choose one of: ${allowed.join(', ')}.`, {
      reason: 'role_not_for_unit_kind',
      allowed,
    });
  if (input.validTo !== null && input.validTo < input.validFrom)
    throw badInput('validTo', 'The last day cannot be before the first day.');
  if (
    unit.validTo !== null &&
    (input.validFrom > unit.validTo || input.validTo === null || input.validTo > unit.validTo)
  )
    throw badInput('validTo', `The unit ends on ${unit.validTo}; the assignment must end by then too.`, {
      unitValidTo: unit.validTo,
    });
  if (!personChecked && !(await repo.loadPerson(tx, reach, input.personId)))
    throw badInput('personId', 'There is no such person among the people at your units.');
  const twin = await repo.overlappingAssignment(tx, input);
  if (twin)
    throw new AppError(
      'conflict',
      `This person already has that role at this unit from ${twin.validFrom}${twin.validTo ? ` to ${twin.validTo}` : ''}. End that assignment first, or change the dates.`,
      { reason: 'overlapping_assignment', assignmentId: twin.id },
    );
  const id = randomUUID();
  await writes.insertAssignment(tx, {
    id,
    ...input,
    organisationId: unit.organisationId,
    now: scope.now.toISOString(),
  });
  const teams = await reconcileDirectoryTeams(tx, scope.today);
  const assignment = await repo.loadAssignment(tx, reach, id, scope.today);
  if (!assignment) throw new Error('an assignment vanished inside its own transaction');
  const event = auditEventsOf(
    scope.actor,
    scope.requestId,
    'assignment',
  )({
    action: 'admin.assignment_create',
    resourceId: id,
    details: {
      personId: input.personId,
      unitId: input.unitId,
      role: input.role,
      validFrom: input.validFrom,
      validTo: input.validTo,
      teamsCreated: teams.created,
      teamsEnded: teams.ended,
    },
  });
  return { assignment, event };
}

/** The checks of ending an assignment on `validTo`: at the earliest the day before it starts, never later than it ends. */
export function checkAssignmentEnd(current: AdminAssignment, validTo: string): void {
  if (validTo < addDays(current.validFrom, -1))
    throw badInput(
      'validTo',
      `The assignment starts on ${current.validFrom}; its last day can be at the earliest the day before (${addDays(current.validFrom, -1)}, meaning it never took effect).`,
    );
  if (current.validTo !== null && current.validTo <= validTo)
    throw new AppError(
      'conflict',
      `The assignment already ends on ${current.validTo}. To end it earlier, choose a day before that.`,
      { reason: 'already_ended', validTo: current.validTo },
    );
}
