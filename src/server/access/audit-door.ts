import { notFound } from '../../core/errors.js';
import { appendToChain } from '../audit/chain.js';
import type { AuditEventInput } from '../audit/events.js';
import type { AppContext } from '../context.js';
import type { Db, Queryable } from '../db/client.js';
import { versionConflict } from '../http/versioning.js';
import { AnswerAfterRollback, MissingResource, StaleVersion } from './write-outcomes.js';

export type { AuditAction, AuditEventInput, AuditOutcome } from '../audit/events.js';

/**
 * The door to the audit for everything outside `audit/`. Modules never import `audit/chain` or
 * `audit/writer`: child data goes through `child-data.ts`, and events that concern no child (login,
 * imports, exports, Kolada runs, consultation lists) through these three functions. Events are
 * built with `audit-events.ts`.
 */

/** Records events durably (group commit); resolves only when they are committed. */
export function recordEvents(ctx: Pick<AppContext, 'audit'>, events: AuditEventInput[]): Promise<void> {
  return ctx.audit.record(events);
}

/**
 * A write and its audit events in one transaction, or neither (the chain lock is taken last).
 * `options.now` stamps the events: the caller's injectable clock (`ctx.now`). After the rollback, the answers
 * of write-outcomes.ts: a `StaleVersion` (with its loader) → 412 with the current resource, a
 * `MissingResource` → 404 (its `audit` event recorded through `options.audit` first), an
 * `AnswerAfterRollback` → its answer.
 */
export async function auditedTransaction<T>(
  db: Db,
  fn: (tx: Queryable) => Promise<{ result: T; events: AuditEventInput[] }>,
  options: { now: () => Date; audit?: Pick<AppContext, 'audit'> },
): Promise<T> {
  const { now, audit } = options;
  try {
    return await db.transaction(async (tx) => {
      const { result, events } = await fn(tx);
      await appendToChain(tx, events, now());
      return result;
    });
  } catch (err) {
    if (err instanceof StaleVersion && err.current) {
      const current = await err.current();
      throw versionConflict(current, current.version);
    }
    if (err instanceof MissingResource) {
      if (err.where.audit) {
        if (!audit) throw new Error('a missing resource to audit, but no audit to record it in');
        await recordEvents(audit, [err.where.audit]);
      }
      throw notFound();
    }
    if (err instanceof AnswerAfterRollback) return err.answer();
    throw err;
  }
}

/**
 * Appends events inside a transaction the caller holds (they commit or roll back with it), stamped
 * with `now`: the caller's injectable clock (`ctx.now()`).
 */
export function appendEventsInTransaction(tx: Queryable, events: AuditEventInput[], now: Date): Promise<number> {
  return appendToChain(tx, events, now);
}
