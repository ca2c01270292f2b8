/**
 * The words of the directory, once: the roles an assignment can have (the CHECK list on
 * `assignment.role`, migrations 0001 and 0011) and the kinds of unit (the CHECK list on
 * `unit.kind`). The server's access rules, the importers and the API contract all read these.
 */
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
  // Reviews the audit logs (logguppföljning) of their organisation; never case content.
  'log_reviewer',
] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const UNIT_KINDS = [
  'preschool',
  'compulsory_school',
  'upper_secondary_school',
  'student_health_medical',
  'student_health_psychosocial',
  'social_services',
  'child_health_centre',
  'child_psychiatry',
  'youth_clinic',
  'leisure_centre',
  'police',
  'youth_follow_up',
  'administration',
  'analysis',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
