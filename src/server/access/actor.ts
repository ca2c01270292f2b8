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

export const ASSIGNMENT_ROLES = [
  'preschool_teacher',
  'teacher',
  'principal',
  'special_educator',
  'school_nurse',
  'school_doctor',
  'school_psychologist',
  'school_counsellor',
  'social_worker',
  'social_services_manager',
  'child_health_nurse',
  'child_psychiatry_clinician',
  'youth_clinic_staff',
  'leisure_leader',
  'police_officer',
  'youth_follow_up_officer',
  'analyst',
  'manager',
  'unit_admin',
  'system_admin',
  // Reviews the audit logs (logguppföljning) of their organisation; never case content (migration 0011).
  'log_reviewer',
] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** Administrators administer users and units; they never read case content. */
export const ADMIN_ROLES: ReadonlySet<AssignmentRole> = new Set(['unit_admin', 'system_admin']);
/** Roles that work with populations, not with individual children. */
export const POPULATION_ROLES: ReadonlySet<AssignmentRole> = new Set(['analyst', 'manager']);
