import type { Queryable } from '../db/client.js';
import { fragment, sql, textOf, type SqlFragment, type SqlParams } from '../db/sql.js';
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

/**
 * The gate's parameters in a statement: the actor's assignment and person, `today` (team validity)
 * and `now` (break-glass expiry) of the request's clock. Prefixed so they never meet a statement's own.
 */
function gateParams(actor: AssignedActor, today: string, now: Date): SqlParams {
  return {
    gate_assignment: actor.assignmentId,
    gate_person: actor.personId,
    gate_today: today,
    gate_now: now.toISOString(),
  };
}

/** A team membership row (alias `t`) of this actor, valid today. */
const ON_TEAM = `t.assignment_id = :gate_assignment AND t.person_id = :gate_person
             AND t.valid_from <= :gate_today::date AND (t.valid_to IS NULL OR t.valid_to >= :gate_today::date)`;

/** A break-glass row (alias `a`) that is this actor's and active now. */
function activeBreakGlassCond(a: string): string {
  return `${a}.assignment_id = :gate_assignment AND ${a}.person_id = :gate_person
             AND ${a}.started_at <= :gate_now::timestamptz AND ${a}.expires_at > :gate_now::timestamptz
             AND (${a}.ended_at IS NULL OR ${a}.ended_at > :gate_now::timestamptz)`;
}

/**
 * A sub-select of the child ids the actor may see, with its parameters. `today` (team validity)
 * and `now` (break-glass expiry) are the request's clock.
 */
export function visibleChildrenSql(actor: AssignedActor, today: string, now: Date): SqlFragment {
  if (!mayHoldCaseData(actor)) return fragment('SELECT NULL::uuid AS child_id WHERE false');
  return fragment(visibleChildrenText(), gateParams(actor, today, now));
}

const visibleChildrenText = textOf(
  () => `SELECT t.child_id FROM team_membership t WHERE ${ON_TEAM}
          UNION ALL
          SELECT child_id FROM break_glass bg WHERE ${activeBreakGlassCond('bg')}`,
);

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
  const vis = visibleChildrenSql(actor, today, o.now);
  if (o.purpose === 'search') {
    const st = sql(searchableText(vis.text), { ids: childIds }, vis.params);
    const r = await q.query<{ id: string }>(st.text, st.values);
    return new Set(r.rows.map((x) => x.id));
  }
  const st = sql(permittedText(vis.text), { ids: childIds }, vis.params);
  const r = await q.query<{ child_id: string }>(st.text, st.values, 'gate.permitted_children');
  return new Set(r.rows.map((x) => x.child_id));
}

const searchableText = textOf(
  (vis: string) => `SELECT c.id FROM child c
        WHERE c.id = ANY(:ids::uuid[]) AND c.id IN (${vis})
          AND (NOT c.protected_identity OR EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = c.id AND ${ON_TEAM}))`,
);
const permittedText = textOf(
  (vis: string) => `SELECT DISTINCT child_id FROM (${vis}) v WHERE child_id = ANY(:ids::uuid[])`,
);

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
 * columns `gate_protected_identity`, `gate_on_team`, `gate_break_glass_id`, with their parameters.
 * The same SQL pieces as `visibleChildrenSql`, so a hot read can carry the gate inside its own
 * statement (one round trip) — see `readChildDataInline`.
 */
export function childAccessSql(actor: AssignedActor, child: string, today: string, now: Date): SqlFragment {
  return fragment(accessColumnsText(child), gateParams(actor, today, now));
}

const accessColumnsText = textOf(
  (child: string) => `${child}.protected_identity AS gate_protected_identity,
            COALESCE((SELECT true FROM team_membership t WHERE t.child_id = ${child}.id AND ${ON_TEAM} LIMIT 1), false) AS gate_on_team,
            (SELECT bg.id FROM break_glass bg WHERE bg.child_id = ${child}.id AND ${activeBreakGlassCond('bg')}
              ORDER BY bg.expires_at DESC LIMIT 1) AS gate_break_glass_id`,
);

/** The SQL condition "the gate said yes" over `childAccessSql`'s columns (for CASE WHEN … THEN data END). */
export const CHILD_ACCESS_PERMITTED = '(gate_on_team OR gate_break_glass_id IS NOT NULL)';

/**
 * `childAccessSql`'s columns for a statement that runs inside a write whose gate already said yes
 * (writeChildData checked it in the same transaction): the same column names, constant answers.
 */
export function childAccessCheckedSql(child: string): SqlFragment {
  return fragment(checkedColumnsText(child));
}

const checkedColumnsText = textOf(
  (child: string) =>
    `${child}.protected_identity AS gate_protected_identity, true AS gate_on_team, NULL::uuid AS gate_break_glass_id`,
);

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
  const gate = childAccessSql(actor, 'c', today, now);
  const st = sql(childAccessText(gate.text), { child_id: childId }, gate.params);
  const r = await q.query<ChildAccessRow>(st.text, st.values, 'gate.child_access');
  return childAccessFromRow(r.rows[0]);
}

const childAccessText = textOf((columns: string) => `SELECT ${columns} FROM child c WHERE c.id = :child_id`);
