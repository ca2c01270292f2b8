import { notFound } from '../../core/errors.js';
import type { Queryable } from '../db/client.js';
import { appendToChain } from '../audit/chain.js';
import type { AuditAction, AuditEventInput } from '../audit/events.js';
import { swedishToday } from '../clock.js';
import type { AppContext } from '../context.js';
import type { AssignedActor } from './actor.js';
import { permittedChildIds } from './gate.js';

/**
 * The choke point, as two functions every child-data service uses:
 * - `readChildData`: gate → load → the read's audit event durably committed → data returned.
 * - `writeChildData`: one transaction holding the gate check, the write and its audit event.
 * No access and "no such resource" both end as the same 404, and both are audited.
 */
export interface ChildDataCall {
  ctx: AppContext;
  actor: AssignedActor;
  childId: string;
  requestId: string;
  action: AuditAction;
  resourceType: AuditEventInput['resourceType'];
  resourceId?: string | null;
  details?: AuditEventInput['details'];
}

function event(c: ChildDataCall, outcome: AuditEventInput['outcome'], childId: string | null, resourceId: string | null): AuditEventInput {
  return {
    actorPersonId: c.actor.personId,
    actorAssignmentId: c.actor.assignmentId,
    childId,
    action: c.action,
    resourceType: c.resourceType,
    resourceId,
    outcome,
    requestId: c.requestId,
    ...(c.details ? { details: c.details } : {}),
  };
}

async function deny(c: ChildDataCall): Promise<never> {
  const exists = await c.ctx.db.query('SELECT 1 FROM child WHERE id = $1', [c.childId]);
  await c.ctx.audit.record([event(c, exists.rows.length > 0 ? 'denied' : 'not_found', exists.rows.length > 0 ? c.childId : null, c.resourceId ?? null)]);
  throw notFound();
}

export async function readChildData<T>(c: ChildDataCall, load: (q: Queryable, today: string) => Promise<T | null>): Promise<T> {
  const today = swedishToday(c.ctx.now());
  const permitted = await permittedChildIds(c.ctx.db, c.actor, [c.childId], today);
  if (!permitted.has(c.childId)) return deny(c);
  const data = await load(c.ctx.db, today);
  if (data === null) {
    await c.ctx.audit.record([event(c, 'not_found', c.childId, c.resourceId ?? null)]);
    throw notFound();
  }
  await c.ctx.audit.record([event(c, 'permitted', c.childId, c.resourceId ?? null)]);
  return data;
}

/**
 * `write` returns the result and the id of the resource it touched (for the audit row). Throwing
 * inside `write` (validation, version conflict) rolls everything back, audit included.
 */
export async function writeChildData<T>(c: ChildDataCall, write: (tx: Queryable, today: string) => Promise<{ result: T; resourceId: string | null }>): Promise<T> {
  const today = swedishToday(c.ctx.now());
  let denied = false;
  try {
    return await c.ctx.db.transaction(async (tx) => {
      const permitted = await permittedChildIds(tx, c.actor, [c.childId], today);
      if (!permitted.has(c.childId)) {
        denied = true;
        throw notFound();
      }
      const { result, resourceId } = await write(tx, today);
      await appendToChain(tx, [event(c, 'permitted', c.childId, resourceId)], c.ctx.now());
      return result;
    });
  } catch (err) {
    // The denial is audited outside the rolled-back transaction.
    if (denied) return deny(c);
    throw err;
  }
}
