import type { Db, Queryable } from '../db/client.js';
import { appendToChain } from './chain.js';
import type { AuditEventInput } from './events.js';

/**
 * The write side of the choke point: the business write and its audit events commit in one
 * transaction, or neither does. The chain lock is taken last, so it is held only for the head read,
 * the insert and the commit — not while the business write runs.
 */
export async function auditedWrite<T>(
  db: Db,
  fn: (tx: Queryable) => Promise<{ result: T; events: AuditEventInput[] }>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const { result, events } = await fn(tx);
    await appendToChain(tx, events);
    return result;
  });
}
