import { appendToChain } from '../audit/chain.js';
import type { AuditEventInput } from '../audit/events.js';
import type { AppContext } from '../context.js';
import type { Db, Queryable } from '../db/client.js';

export type { AuditAction, AuditEventInput, AuditOutcome } from '../audit/events.js';

/**
 * The door to the audit for everything outside `audit/`. Modules never import `audit/chain` or
 * `audit/writer`: child data goes through `child-data.ts`, and events that concern no child (login,
 * imports, exports, Kolada runs, consultation lists) through these three functions.
 */

/** Records events durably (group commit); resolves only when they are committed. */
export function recordEvents(ctx: Pick<AppContext, 'audit'>, events: AuditEventInput[]): Promise<void> {
  return ctx.audit.record(events);
}

/** A write and its audit events in one transaction, or neither (the chain lock is taken last). */
export async function auditedTransaction<T>(
  db: Db,
  fn: (tx: Queryable) => Promise<{ result: T; events: AuditEventInput[] }>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const { result, events } = await fn(tx);
    await appendToChain(tx, events);
    return result;
  });
}

/** Appends events inside a transaction the caller holds (they commit or roll back with it). */
export function appendEventsInTransaction(tx: Queryable, events: AuditEventInput[], now?: Date): Promise<number> {
  return appendToChain(tx, events, now);
}
