import type { TFunction } from 'i18next';
import type { Catalog } from '../i18n/index.js';

type RoleKey = keyof Catalog['role'];

/** The role as people say it: the assignment's own title, else the role's name. */
export function roleTitle(t: TFunction, a: { role: string; title?: string | null }): string {
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
