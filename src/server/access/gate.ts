import type { Queryable } from '../db/client.js';
import { swedishToday } from '../clock.js';
import { ADMIN_ROLES, POPULATION_ROLES, type AssignedActor } from './actor.js';

/**
 * The one access gate for child data. Default deny: a rule must grant access, and today the only
 * rule is membership of the child's team, in the assignment the actor acts in, on the dates the
 * membership is valid. Later rules (consent across secrecy domains, break-glass, the family's own
 * access) are added here and nowhere else.
 *
 * Returns the set of child ids the actor may see (batch-friendly); anything else is "not found".
 */
export async function permittedChildIds(q: Queryable, actor: AssignedActor, childIds: readonly string[], today = swedishToday()): Promise<Set<string>> {
  if (childIds.length === 0 || !mayHoldCaseData(actor)) return new Set();
  const r = await q.query<{ child_id: string }>(
    `SELECT DISTINCT child_id FROM team_membership
      WHERE assignment_id = $1 AND person_id = $2 AND child_id = ANY($3::uuid[])
        AND valid_from <= $4::date AND (valid_to IS NULL OR valid_to >= $4::date)`,
    [actor.assignmentId, actor.personId, childIds, today],
  );
  return new Set(r.rows.map((x) => x.child_id));
}

/** Roles that may ever be granted case content (admins and population roles may not). */
export function mayHoldCaseData(actor: AssignedActor): boolean {
  return !ADMIN_ROLES.has(actor.role) && !POPULATION_ROLES.has(actor.role);
}

/** SQL fragment (and its parameters) selecting the children on the actor's team today. */
export function visibleChildrenSql(actor: AssignedActor, firstParam: number, today = swedishToday()): { sql: string; params: unknown[] } {
  if (!mayHoldCaseData(actor)) return { sql: 'SELECT NULL::uuid AS child_id WHERE false', params: [] };
  const p = firstParam;
  return {
    sql: `SELECT DISTINCT child_id FROM team_membership
           WHERE assignment_id = $${p} AND person_id = $${p + 1}
             AND valid_from <= $${p + 2}::date AND (valid_to IS NULL OR valid_to >= $${p + 2}::date)`,
    params: [actor.assignmentId, actor.personId, today],
  };
}
