import type { TFunction } from 'i18next';
import type { Assignment } from './api.js';
import type { Catalog } from '../i18n/index.js';

type RoleKey = keyof Catalog['role'];

/** The role as people say it: the assignment's own title, else the role's name. */
export function roleTitle(t: TFunction, a: Pick<Assignment, 'role' | 'title'>): string {
  if (a.title) return a.title;
  return Object.hasOwn(ROLE_KEYS, a.role) ? t(`role.${a.role as RoleKey}`) : a.role;
}

const ROLE_KEYS: Record<string, true> = Object.fromEntries(
  [
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
    'log_reviewer',
    'unit_admin',
    'system_admin',
  ].map((r) => [r, true]),
);

/** "Fagrabäckskolan, Växjö kommun" (unit first when there is one). */
export function assignmentPlace(a: Pick<Assignment, 'unitName' | 'organisationName'>): string {
  return [a.unitName, a.organisationName].filter(Boolean).join(', ');
}

/**
 * Administrators administer; analysts and managers follow populations; log reviewers review who
 * read what. None of them reads case content.
 */
export function roleKind(role: string): 'admin' | 'population' | 'oversight' | 'case' {
  if (role === 'system_admin' || role === 'unit_admin') return 'admin';
  if (role === 'analyst' || role === 'manager') return 'population';
  if (role === 'log_reviewer') return 'oversight';
  return 'case';
}
