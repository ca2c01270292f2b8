/** Who is acting: a person, in one assignment (organisation, unit, role), through one session. */
export interface Actor {
  personId: string;
  sessionTokenHash: string;
  assignmentId: string | null;
  role: AssignmentRole | null;
  organisationId: string | null;
  unitId: string | null;
  secrecyDomain: SecrecyDomain | null;
  /** Set when the identity provider named the unit/role of this login (see assignment-claims.ts). */
  allowedAssignmentIds?: string[] | null;
}

/** An actor who has chosen the assignment they act in. Child data needs one. */
export interface AssignedActor extends Actor {
  assignmentId: string;
  role: AssignmentRole;
  organisationId: string;
}

export type SecrecyDomain =
  | 'school'
  | 'medical_student_health'
  | 'health_care'
  | 'social_services'
  | 'police'
  | 'other';

import type { AssignmentRole } from '../../core/organisation.js';

export { ASSIGNMENT_ROLES, type AssignmentRole } from '../../core/organisation.js';

/** Administrators administer users and units; they never read case content. */
export const ADMIN_ROLES: ReadonlySet<AssignmentRole> = new Set(['unit_admin', 'system_admin']);
/** Roles that work with populations, not with individual children. */
export const POPULATION_ROLES: ReadonlySet<AssignmentRole> = new Set(['analyst', 'manager']);
