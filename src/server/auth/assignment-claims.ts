import type { AssignmentView } from './sessions.js';

/**
 * Which of a person's recorded assignments the identity provider says they act in now.
 *
 * Many providers send the unit and role the login is for (e.g. a HSA-style unit id in a claim);
 * OIDC_ASSIGNMENT_CLAIM names that claim. Each value may be an assignment id, a unit id, an
 * organisation id, or "<unit or organisation id>:<role>". Returns null when the claim is absent
 * (all recorded assignments are allowed) and the matching subset otherwise (possibly empty, which
 * the login treats as a failure: the provider vouches for a role we have no record of).
 */
export function assignmentsFromClaim(claim: unknown, assignments: readonly AssignmentView[]): AssignmentView[] | null {
  if (claim === undefined || claim === null) return null;
  const values = (Array.isArray(claim) ? claim : [claim])
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .map((v) => v.trim());
  if (values.length === 0) return [];
  return assignments.filter((a) =>
    values.some((v) => {
      const [scope, role] = v.split(':') as [string, string | undefined];
      const scopeMatches = scope === a.id || scope === a.unitId || scope === a.organisationId;
      return scopeMatches && (role === undefined || role === a.role);
    }),
  );
}
