import { AppError } from '../../../core/errors.js';
import type { AssignedActor, AssignmentRole } from '../../access/actor.js';
import { fragment, type SqlFragment } from '../../db/sql.js';

/**
 * Who administers what, as data. An assignment in an admin role reaches a set of units:
 *  - `organisation`: every unit of the assignment's organisation (a system administrator);
 *  - `unit`: the assignment's own unit and the units whose `parent_unit_id` is that unit (a unit
 *    administrator: a school and its elevhälsa units).
 * Nobody else reaches administration (403). Admins administer; they never hold case content
 * (access/gate.ts `mayHoldCaseData` says no for these roles), and nothing here reads child data.
 */
export const ADMIN_REACH = {
  system_admin: 'organisation',
  unit_admin: 'unit',
} as const satisfies Partial<Record<AssignmentRole, 'organisation' | 'unit'>>;

export type AdminRoleName = keyof typeof ADMIN_REACH;

export interface AdminReach {
  kind: 'organisation' | 'unit';
  role: AdminRoleName;
  organisationId: string;
  /** The admin's own unit (for `unit` reach; null when a system admin's assignment names none). */
  unitId: string | null;
}

const isAdminRole = (role: string): role is AdminRoleName => Object.hasOwn(ADMIN_REACH, role);

/** The reach of the assignment acted in, or 403 with a reason a person can act on. */
export function adminReach(actor: AssignedActor): AdminReach {
  if (!isAdminRole(actor.role)) {
    throw new AppError(
      'forbidden',
      'Administration is for system and unit administrators. Choose an administrator assignment, or ask your system administrator.',
      { reason: 'role' },
    );
  }
  const kind = ADMIN_REACH[actor.role];
  if (kind === 'unit' && !actor.unitId) {
    throw new AppError('forbidden', 'Your unit administrator assignment names no unit, so it administers none.', {
      reason: 'no_unit',
    });
  }
  return { kind, role: actor.role, organisationId: actor.organisationId, unitId: actor.unitId };
}

/** A system administrator may hand out every role; a unit administrator every role but `system_admin`. */
export function mayGrantRole(reach: AdminReach, role: AssignmentRole): boolean {
  return role !== 'system_admin' || reach.role === 'system_admin';
}

/**
 * The condition "unit `alias` is administered by this reach", as SQL with its own prefixed names
 * (`:adm_org`, `:adm_unit`), to go into the statement that reads or writes the units.
 */
export function administered(reach: AdminReach, alias: string): SqlFragment {
  if (reach.kind === 'organisation') {
    return fragment(`${alias}.organisation_id = :adm_org`, { adm_org: reach.organisationId });
  }
  return fragment(`(${alias}.id = :adm_unit OR ${alias}.parent_unit_id = :adm_unit)`, { adm_unit: reach.unitId });
}
