import { notFound } from '../../core/errors.js';
import type { Citizen } from '../auth/citizen-sessions.js';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/client.js';
import { appendEventsInTransaction, recordEvents } from './audit-door.js';
import { type AuditAction, auditEvent, type AuditEventInput } from './audit-events.js';

/**
 * The family's gate: which children a family member may see, read at request time — never cached
 * in the session. Default deny; two rules grant it:
 *  1. a guardian sees each child they have custody of today (custody that has ended, or a parent
 *     without custody, sees nothing);
 *  2. a child sees themself from the day a professional recorded a judgement of their maturity, until
 *     it is withdrawn (no fixed age).
 * A child the family member may not see answers exactly like one that does not exist (404), and
 * both are audited. Every read's audit event is durable before the data is returned, as for staff.
 */

const PORTAL_CHILDREN = `
  SELECT k.child_id FROM custody k
   WHERE :kind = 'guardian' AND k.guardian_id = :citizen AND k.has_custody
     AND k.valid_from <= :today::date AND (k.valid_to IS NULL OR k.valid_to >= :today::date)
  UNION
  SELECT j.child_id FROM child_maturity_judgement j
   WHERE :kind = 'child' AND j.child_id = :citizen
     AND j.valid_from <= :today::date AND (j.withdrawn_on IS NULL OR j.withdrawn_on > :today::date)`;

/** The ids of the children the family member may see today. */
export async function portalChildIds(q: Queryable, citizen: Citizen, today: string): Promise<string[]> {
  const text = PORTAL_CHILDREN.replaceAll(':kind', '$1').replaceAll(':citizen', '$2').replaceAll(':today', '$3');
  const r = await q.query<{ child_id: string }>(
    `SELECT child_id FROM (${text}) v ORDER BY child_id`,
    [citizen.kind, citizen.id, today],
    'portal.children',
  );
  return r.rows.map((x) => x.child_id);
}

export interface PortalCall {
  ctx: AppContext;
  citizen: Citizen;
  requestId: string;
  now: Date;
  today: string;
}

function portalEvent(
  c: PortalCall,
  action: AuditAction,
  childId: string | null,
  outcome: AuditEventInput['outcome'],
  extra: Record<string, number | string> = {},
): AuditEventInput {
  return auditEvent(null, c.requestId, {
    action,
    resourceType: 'portal',
    childId,
    outcome,
    details: { citizen: c.citizen.kind, citizenId: c.citizen.id, ...extra } as never,
  });
}

/** The family member's children, loaded by `load` and audited (one event, with the count). */
export async function readPortalList<T>(
  c: PortalCall,
  load: (q: Queryable, childIds: string[]) => Promise<T[]>,
): Promise<T[]> {
  const ids = await portalChildIds(c.ctx.db, c.citizen, c.today);
  const rows = ids.length === 0 ? [] : await load(c.ctx.db, ids);
  await recordEvents(c.ctx, [portalEvent(c, 'portal.list', null, 'permitted', { count: rows.length })]);
  return rows;
}

/**
 * One child's data for the family: the gate, then `load`, then the audit event durably recorded,
 * then the data. Not permitted and not existing are the same 404, each audited.
 */
export async function readPortalChild<T>(
  c: PortalCall,
  childId: string,
  load: (q: Queryable) => Promise<T | null>,
  view: 'page' | 'log_extract' | 'consents' | 'calendar' = 'page',
): Promise<T> {
  const permitted = (await portalChildIds(c.ctx.db, c.citizen, c.today)).includes(childId);
  if (!permitted) {
    const exists = (await c.ctx.db.query('SELECT 1 FROM child WHERE id = $1', [childId])).rows.length > 0;
    await recordEvents(c.ctx, [
      portalEvent(c, 'portal.read', exists ? childId : null, exists ? 'denied' : 'not_found', { view }),
    ]);
    throw notFound();
  }
  const data = await load(c.ctx.db);
  if (data === null) throw notFound();
  await recordEvents(c.ctx, [portalEvent(c, 'portal.read', childId, 'permitted', { view })]);
  return data;
}

/**
 * A family member's write about a child, in one transaction with its gate check and audit event (or
 * neither). Not permitted and not existing are the same 404, audited after the rollback.
 */
export async function writePortalChild<T>(
  c: PortalCall,
  childId: string,
  spec: { action: AuditAction; resourceType: AuditEventInput['resourceType'] },
  write: (tx: Queryable) => Promise<{ result: T; resourceId: string | null }>,
): Promise<T> {
  let denied = false;
  try {
    return await c.ctx.db.transaction(async (tx) => {
      if (!(await portalChildIds(tx, c.citizen, c.today)).includes(childId)) {
        denied = true;
        throw notFound();
      }
      const { result, resourceId } = await write(tx);
      const event = auditEvent(null, c.requestId, {
        action: spec.action,
        resourceType: spec.resourceType,
        resourceId,
        childId,
        details: { citizen: c.citizen.kind, citizenId: c.citizen.id } as never,
      });
      await appendEventsInTransaction(tx, [event], c.now);
      return result;
    });
  } catch (err) {
    if (denied) {
      const exists = (await c.ctx.db.query('SELECT 1 FROM child WHERE id = $1', [childId])).rows.length > 0;
      await recordEvents(c.ctx, [
        auditEvent(null, c.requestId, {
          action: spec.action,
          resourceType: spec.resourceType,
          childId: exists ? childId : null,
          outcome: exists ? 'denied' : 'not_found',
          details: { citizen: c.citizen.kind, citizenId: c.citizen.id } as never,
        }),
      ]);
    }
    throw err;
  }
}
