import type { AppContext } from '../context.js';
import type { Queryable } from '../db/client.js';
import { recordEvents } from './audit-door.js';
import {
  type AuditAction,
  type AuditDetails,
  type AuditOutcome,
  type AuditResourceType,
  auditEvent,
} from './audit-events.js';
import { permittedChildIds, visibleChildrenSql } from './gate.js';
import { protectedChildIds } from './record-access.js';
import type { RequestScope } from './request-scope.js';
import type { SqlFragment } from '../db/sql.js';

/**
 * The choke point for reads that show several children at once ("Mina barn", the search, "Att
 * göra", the report lists): the gate selects the children, the loader reads their data, every child
 * shown gets its own audit event, and the answer leaves only once those events are durably
 * committed — if the audit fails, the caller gets the error and no data. The single-child
 * counterpart is `readChildData` (child-data.ts).
 */

/** The gate, for a loader: the request's scope and the rule as SQL and as a set, on the scope's clock. */
export interface ChildListGate {
  readonly scope: RequestScope;
  /** A sub-select of the child ids the actor may see, with its parameters. */
  visibleChildrenSql(): SqlFragment;
  /**
   * The subset of `childIds` the actor may see. 'search': a child with protected identity is found
   * only by members of its team, never through break-glass.
   */
  permittedChildIds(childIds: readonly string[], purpose?: 'read' | 'search'): Promise<Set<string>>;
}

/** One entry of the answer, as its audit event names it. */
export interface ListedChild<A extends AuditAction = AuditAction> {
  /** null when the entry is about no child known here (e.g. a report on a child not in the register). */
  childId: string | null;
  resourceId?: string | null;
  /** 'permitted' unless the list answers a search that found nothing the actor may see. */
  outcome?: AuditOutcome;
  details?: AuditDetails<A>;
}

export interface ChildListCall<A extends AuditAction> {
  ctx: Pick<AppContext, 'db' | 'audit'>;
  scope: RequestScope;
  action: A;
  resourceType: AuditResourceType;
  /** Details every event of this list carries (e.g. which view); an empty answer adds `count: 0`. */
  details?: AuditDetails<A>;
}

function gateFor(q: Queryable, scope: RequestScope): ChildListGate {
  return {
    scope,
    visibleChildrenSql: () => visibleChildrenSql(scope.actor, scope.today, scope.now),
    permittedChildIds: (childIds, purpose = 'read') =>
      permittedChildIds(q, scope.actor, childIds, scope.today, { purpose, now: scope.now }),
  };
}

/**
 * `load` reads the data with the gate in its statements; `listed` names the entries of the answer,
 * in the order their events are written (one per child shown; an empty answer is one event without
 * a child). Events about a child with protected identity are flagged, as on the single-child path.
 */
export async function listChildData<A extends AuditAction, T>(
  call: ChildListCall<A>,
  load: (q: Queryable, gate: ChildListGate) => Promise<T>,
  listed: (data: T) => readonly ListedChild<A>[],
): Promise<T> {
  const { ctx, scope } = call;
  const data = await load(ctx.db, gateFor(ctx.db, scope));
  const entries = listed(data);
  const flagged = await protectedChildIds(ctx.db, [
    ...new Set(entries.filter((e) => e.childId !== null && e.outcome !== 'not_found').map((e) => e.childId!)),
  ]);
  // The details are checked against the action's schema when the event is built (audit-events.ts).
  const event = (e: ListedChild<A>, extra: Record<string, number | boolean> = {}) => {
    const flag = e.childId !== null && e.outcome !== 'not_found' && flagged.has(e.childId);
    const details: Record<string, unknown> = {
      ...call.details,
      ...e.details,
      ...(flag ? { protected_identity: true } : {}),
      ...extra,
    };
    return auditEvent<A>(scope.actor, scope.requestId, {
      action: call.action,
      resourceType: call.resourceType,
      resourceId: e.resourceId ?? null,
      childId: e.childId,
      outcome: e.outcome ?? 'permitted',
      details: details as AuditDetails<A>,
    });
  };
  await recordEvents(ctx, entries.length > 0 ? entries.map((e) => event(e)) : [event({ childId: null }, { count: 0 })]);
  return data;
}
