import type { AssignmentRole, SecrecyDomain } from '../../access/actor.js';
import { UNIT_KINDS, type UnitKind } from '../../../core/organisation.js';

/**
 * The kinds of unit Barnkompass knows (the CHECK list on `unit.kind`, migration 0001) and the
 * secrecy domain (OSL) each kind's records live under. Medical elevhälsa is a domain of its own
 * even inside a school (25 kap.); psychosocial elevhälsa is under the school's (23 kap.); health
 * care including BUP and youth clinics under 25 kap.; social services under 26 kap.; the police
 * under their own rules. Every importer takes a unit's domain from here, never from the source.
 */
export { UNIT_KINDS, type UnitKind } from '../../../core/organisation.js';

const SECRECY_DOMAIN: Readonly<Record<UnitKind, SecrecyDomain>> = {
  preschool: 'school',
  compulsory_school: 'school',
  upper_secondary_school: 'school',
  student_health_psychosocial: 'school',
  student_health_medical: 'medical_student_health',
  social_services: 'social_services',
  child_health_centre: 'health_care',
  child_psychiatry: 'health_care',
  youth_clinic: 'health_care',
  leisure_centre: 'other',
  police: 'police',
  youth_follow_up: 'school',
  administration: 'other',
  analysis: 'other',
};

const KNOWN: ReadonlySet<string> = new Set(UNIT_KINDS);

export function isUnitKind(value: string): value is UnitKind {
  return KNOWN.has(value);
}

/** The secrecy domain of a unit of this kind. */
export function secrecyDomainOf(kind: UnitKind): SecrecyDomain {
  return SECRECY_DOMAIN[kind];
}

/**
 * The roles an assignment may have at a unit of each kind (administration in the UI checks a new
 * assignment against this): a school nurse works at a medical elevhälsa unit, a social worker at
 * social services. `unit_admin` may sit at any unit; `system_admin` only at an administration unit.
 */
export const ROLES_BY_UNIT_KIND: Readonly<Record<UnitKind, readonly AssignmentRole[]>> = {
  preschool: ['principal', 'preschool_teacher', 'teacher', 'special_educator', 'unit_admin'],
  compulsory_school: ['principal', 'teacher', 'preschool_teacher', 'special_educator', 'unit_admin'],
  upper_secondary_school: ['principal', 'teacher', 'special_educator', 'unit_admin'],
  student_health_medical: ['school_nurse', 'school_doctor', 'unit_admin'],
  student_health_psychosocial: ['school_counsellor', 'school_psychologist', 'special_educator', 'unit_admin'],
  social_services: ['social_worker', 'social_services_manager', 'unit_admin'],
  child_health_centre: ['child_health_nurse', 'unit_admin'],
  child_psychiatry: ['child_psychiatry_clinician', 'unit_admin'],
  youth_clinic: ['youth_clinic_staff', 'unit_admin'],
  leisure_centre: ['leisure_leader', 'unit_admin'],
  police: ['police_officer', 'unit_admin'],
  youth_follow_up: ['youth_follow_up_officer', 'unit_admin'],
  administration: ['manager', 'unit_admin', 'system_admin', 'log_reviewer'],
  analysis: ['analyst', 'manager', 'unit_admin', 'log_reviewer'],
};

/** Whether an assignment in this role may be made at a unit of this kind. */
export function roleFitsUnitKind(role: AssignmentRole, kind: UnitKind): boolean {
  return ROLES_BY_UNIT_KIND[kind].includes(role);
}
