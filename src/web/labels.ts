import type { Assignment } from './api.js';

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
