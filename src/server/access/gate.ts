import type { Queryable } from '../db/client.js';
import { swedishToday } from '../clock.js';
import { ADMIN_ROLES, POPULATION_ROLES, type AssignedActor } from './actor.js';

/**
 * The one access gate for child data. Default deny: a rule must grant access, and today the only
 * rule is membership of the child's team, in the assignment the actor acts in, on the dates the
 * membership is valid. Later rules (consent across secrecy domains, break-glass, the family's own
 * access) are added here and nowhere else.
 *
 * The rule exists once, as SQL (`visibleChildrenSql`), so that it can be applied inside the very
 * statement that reads the data (one round trip on the hot path) and in `permittedChildIds`.
 */

/** Roles that may ever be granted case content (admins and population roles may not). */
export function mayHoldCaseData(actor: AssignedActor): boolean {
  return !ADMIN_ROLES.has(actor.role) && !POPULATION_ROLES.has(actor.role);
}

/** A sub-select of the child ids the actor may see today; its parameters start at $firstParam. */
export function visibleChildrenSql(actor: AssignedActor, firstParam: number, today = swedishToday()): { sql: string; params: unknown[] } {
  if (!mayHoldCaseData(actor)) return { sql: 'SELECT NULL::uuid AS child_id WHERE false', params: [] };
  const p = firstParam;
  return {
    sql: `SELECT child_id FROM team_membership
           WHERE assignment_id = $${p} AND person_id = $${p + 1}
             AND valid_from <= $${p + 2}::date AND (valid_to IS NULL OR valid_to >= $${p + 2}::date)`,
    params: [actor.assignmentId, actor.personId, today],
  };
}

/** The subset of `childIds` the actor may see (batch-friendly); anything else is "not found". */
export async function permittedChildIds(q: Queryable, actor: AssignedActor, childIds: readonly string[], today = swedishToday()): Promise<Set<string>> {
  if (childIds.length === 0 || !mayHoldCaseData(actor)) return new Set();
  const vis = visibleChildrenSql(actor, 2, today);
  const r = await q.query<{ child_id: string }>(`SELECT DISTINCT child_id FROM (${vis.sql}) v WHERE child_id = ANY($1::uuid[])`, [childIds, ...vis.params], 'gate.permitted_children');
  return new Set(r.rows.map((x) => x.child_id));
}
