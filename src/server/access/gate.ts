import type { Queryable } from '../db/client.js';
import { ADMIN_ROLES, POPULATION_ROLES, type AssignedActor } from './actor.js';

/**
 * The one access gate for child data. Default deny: a rule must grant access. Two rules grant it:
 *  1. membership of the child's team, in the assignment the actor acts in, on the dates the
 *     membership is valid;
 *  2. an active break-glass (nödåtkomst, see modules/privacy): this person, in this assignment, for
 *     this one child, started and not yet expired or ended — checked against the request's clock, so
 *     expiry takes effect on the next request.
 * Which of the child's RECORDS the actor then sees (secrecy domains, consent, disclosures) is the
 * record filter in record-access.ts; the gate decides only whether the child is reachable at all.
 *
 * The rule exists once, as SQL (`visibleChildrenSql`), so that it can be applied inside the very
 * statement that reads the data (one round trip on the hot path) and in `permittedChildIds`.
 */

/** Roles that may ever be granted case content (admins and population roles may not). */
export function mayHoldCaseData(actor: AssignedActor): boolean {
  return !ADMIN_ROLES.has(actor.role) && !POPULATION_ROLES.has(actor.role) && actor.role !== ('log_reviewer' as string);
}

/** A break-glass row (alias `a`) that is this actor's and active now (parameters: assignment $p, person $p+1, now $p+3). */
function activeBreakGlassCond(a: string, p: number): string {
  return `${a}.assignment_id = $${p} AND ${a}.person_id = $${p + 1}
             AND ${a}.started_at <= $${p + 3}::timestamptz AND ${a}.expires_at > $${p + 3}::timestamptz
             AND (${a}.ended_at IS NULL OR ${a}.ended_at > $${p + 3}::timestamptz)`;
}

/**
 * A sub-select of the child ids the actor may see; its parameters start at $firstParam. `today`
 * (team validity) and `now` (break-glass expiry) are the request's clock.
 */
export function visibleChildrenSql(
  actor: AssignedActor,
  firstParam: number,
  today: string,
  now: Date,
): { sql: string; params: unknown[] } {
  if (!mayHoldCaseData(actor)) return { sql: 'SELECT NULL::uuid AS child_id WHERE false', params: [] };
  const p = firstParam;
  return {
    sql: `SELECT child_id FROM team_membership
           WHERE assignment_id = $${p} AND person_id = $${p + 1}
             AND valid_from <= $${p + 2}::date AND (valid_to IS NULL OR valid_to >= $${p + 2}::date)
          UNION ALL
          SELECT child_id FROM break_glass bg WHERE ${activeBreakGlassCond('bg', p)}`,
    params: [actor.assignmentId, actor.personId, today, now.toISOString()],
  };
}

export interface PermittedOptions {
  /**
   * 'search': finding a child by personnummer. A child with protected identity (skyddade
   * personuppgifter) is found only by members of its team — never through break-glass.
   */
  purpose?: 'read' | 'search';
  /** The request's clock (break-glass expiry). */
  now: Date;
}

/** The subset of `childIds` the actor may see (batch-friendly); anything else is "not found". */
export async function permittedChildIds(
  q: Queryable,
  actor: AssignedActor,
  childIds: readonly string[],
  today: string,
  o: PermittedOptions,
): Promise<Set<string>> {
  if (childIds.length === 0 || !mayHoldCaseData(actor)) return new Set();
  const vis = visibleChildrenSql(actor, 2, today, o.now);
  if (o.purpose === 'search') {
    const r = await q.query<{ id: string }>(
      `SELECT c.id FROM child c
        WHERE c.id = ANY($1::uuid[]) AND c.id IN (${vis.sql})
          AND (NOT c.protected_identity OR EXISTS (
                SELECT 1 FROM team_membership t WHERE t.child_id = c.id AND t.assignment_id = $2 AND t.person_id = $3
                   AND t.valid_from <= $4::date AND (t.valid_to IS NULL OR t.valid_to >= $4::date)))`,
      [childIds, ...vis.params],
    );
    return new Set(r.rows.map((x) => x.id));
  }
  const r = await q.query<{ child_id: string }>(
    `SELECT DISTINCT child_id FROM (${vis.sql}) v WHERE child_id = ANY($1::uuid[])`,
    [childIds, ...vis.params],
    'gate.permitted_children',
  );
  return new Set(r.rows.map((x) => x.child_id));
}

/** What the gate knows about one child for one actor: whether it is reachable, and how. */
export interface ChildAccess {
  exists: boolean;
  permitted: boolean;
  /** Reachable through an active break-glass (the id is audited); null when through the team. */
  breakGlassId: string | null;
  onTeam: boolean;
  /** Skyddade personuppgifter: every access is flagged in the audit for log review. */
  protectedIdentity: boolean;
}

/**
 * The gate's facts about the child row `child` (an alias in the caller's FROM), as select-list
 * columns `gate_protected_identity`, `gate_on_team`, `gate_break_glass_id`; parameters from
 * $firstParam: assignment, person, today, now. The same SQL pieces as `visibleChildrenSql`, so a hot
 * read can carry the gate inside its own statement (one round trip) — see `readChildDataInline`.
 */
export function childAccessSql(
  actor: AssignedActor,
  child: string,
  firstParam: number,
  today: string,
  now: Date,
): { columns: string; params: unknown[] } {
  const p = firstParam;
  return {
    columns: `${child}.protected_identity AS gate_protected_identity,
            EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = ${child}.id AND t.assignment_id = $${p} AND t.person_id = $${p + 1}
                       AND t.valid_from <= $${p + 2}::date AND (t.valid_to IS NULL OR t.valid_to >= $${p + 2}::date)) AS gate_on_team,
            (SELECT bg.id FROM break_glass bg WHERE bg.child_id = ${child}.id AND ${activeBreakGlassCond('bg', p)}
              ORDER BY bg.expires_at DESC LIMIT 1) AS gate_break_glass_id`,
    params: [actor.assignmentId, actor.personId, today, now.toISOString()],
  };
}

/** The SQL condition "the gate said yes" over `childAccessSql`'s columns (for CASE WHEN … THEN data END). */
export const CHILD_ACCESS_PERMITTED = '(gate_on_team OR gate_break_glass_id IS NOT NULL)';

/**
 * `childAccessSql`'s columns for a statement that runs inside a write whose gate already said yes
 * (writeChildData checked it in the same transaction): the same column names, constant answers.
 */
export function childAccessCheckedSql(child: string): { columns: string; params: unknown[] } {
  return {
    columns: `${child}.protected_identity AS gate_protected_identity, true AS gate_on_team, NULL::uuid AS gate_break_glass_id`,
    params: [],
  };
}

/** The row a statement with `childAccessSql`'s columns returned for the child (none: no such child). */
export interface ChildAccessRow {
  gate_protected_identity: boolean;
  gate_on_team: boolean;
  gate_break_glass_id: string | null;
}

/** The gate's answer from `childAccessSql`'s columns. */
export function childAccessFromRow(row: ChildAccessRow | undefined | null): ChildAccess {
  if (!row) return { exists: false, permitted: false, breakGlassId: null, onTeam: false, protectedIdentity: false };
  const onTeam = row.gate_on_team === true;
  const breakGlassId = row.gate_break_glass_id ?? null;
  return {
    exists: true,
    permitted: onTeam || breakGlassId !== null,
    breakGlassId: onTeam ? null : breakGlassId,
    onTeam,
    protectedIdentity: row.gate_protected_identity === true,
  };
}

/**
 * The gate for one child in one round trip, with the facts the audit needs (break-glass id,
 * protected identity). Same rules as `visibleChildrenSql` (the same SQL pieces).
 */
export async function childAccess(
  q: Queryable,
  actor: AssignedActor,
  childId: string,
  today: string,
  now: Date,
): Promise<ChildAccess> {
  if (!mayHoldCaseData(actor)) {
    const r = await q.query<{ protected_identity: boolean }>('SELECT protected_identity FROM child WHERE id = $1', [
      childId,
    ]);
    return {
      exists: r.rows.length > 0,
      permitted: false,
      breakGlassId: null,
      onTeam: false,
      protectedIdentity: r.rows[0]?.protected_identity === true,
    };
  }
  const gate = childAccessSql(actor, 'c', 2, today, now);
  const r = await q.query<ChildAccessRow>(
    `SELECT ${gate.columns} FROM child c WHERE c.id = $1`,
    [childId, ...gate.params],
    'gate.child_access',
  );
  return childAccessFromRow(r.rows[0]);
}
