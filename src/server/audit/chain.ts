import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/client.js';
import type { AuditEventInput, AuditRow } from './events.js';

export const GENESIS_HASH = '0'.repeat(64);
/** One advisory lock key for the whole chain: every appender takes it before reading the head. */
export const AUDIT_CHAIN_LOCK = 7262002;

/** JSON with object keys sorted recursively, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export function rowHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'rowHash'>): string {
  const canonical = canonicalJson([
    row.seq,
    row.id,
    row.occurredAt,
    row.actorPersonId,
    row.actorAssignmentId,
    row.childId,
    row.action,
    row.resourceType,
    row.resourceId,
    row.outcome,
    row.requestId,
    row.details ?? {},
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Appends events to the chain inside the caller's transaction. The lock is taken as its own
 * statement before the head is read; otherwise two appenders read the same head and the chain forks.
 */
export async function appendToChain(tx: Queryable, events: AuditEventInput[], now: Date = new Date()): Promise<{ seq: number; hash: string }> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const head = await tx.query<{ seq: string | number; row_hash: string }>('SELECT seq, row_hash FROM audit_event ORDER BY seq DESC LIMIT 1');
  let seq = head.rows[0] ? Number(head.rows[0].seq) : 0;
  let prev = head.rows[0]?.row_hash ?? GENESIS_HASH;
  if (events.length === 0) return { seq, hash: prev };
  const occurredAt = now.toISOString();
  const cols = {
    seq: [] as number[],
    id: [] as string[],
    occurredAt: [] as string[],
    actor: [] as (string | null)[],
    assignment: [] as (string | null)[],
    child: [] as (string | null)[],
    action: [] as string[],
    resourceType: [] as string[],
    resourceId: [] as (string | null)[],
    outcome: [] as string[],
    requestId: [] as (string | null)[],
    details: [] as string[],
    prev: [] as string[],
    hash: [] as string[],
  };
  for (const e of events) {
    seq += 1;
    const row = {
      seq,
      id: randomUUID(),
      occurredAt,
      actorPersonId: e.actorPersonId,
      actorAssignmentId: e.actorAssignmentId,
      childId: e.childId,
      action: e.action,
      resourceType: e.resourceType,
      resourceId: e.resourceId,
      outcome: e.outcome,
      requestId: e.requestId,
      details: e.details ?? {},
    };
    const hash = rowHash(prev, row);
    cols.seq.push(seq);
    cols.id.push(row.id);
    cols.occurredAt.push(occurredAt);
    cols.actor.push(row.actorPersonId);
    cols.assignment.push(row.actorAssignmentId);
    cols.child.push(row.childId);
    cols.action.push(row.action);
    cols.resourceType.push(row.resourceType);
    cols.resourceId.push(row.resourceId);
    cols.outcome.push(row.outcome);
    cols.requestId.push(row.requestId);
    cols.details.push(canonicalJson(row.details));
    cols.prev.push(prev);
    cols.hash.push(hash);
    prev = hash;
  }
  await tx.query(
    `INSERT INTO audit_event (seq, id, occurred_at, actor_person_id, actor_assignment_id, child_id, action,
       resource_type, resource_id, outcome, request_id, details, prev_hash, row_hash)
     SELECT s, i, o, a, asg, c, act, rt, rid, oc, req, d::jsonb, p, h
     FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[],
                 $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       AS t(s, i, o, a, asg, c, act, rt, rid, oc, req, d, p, h)`,
    [cols.seq, cols.id, cols.occurredAt, cols.actor, cols.assignment, cols.child, cols.action, cols.resourceType, cols.resourceId, cols.outcome, cols.requestId, cols.details, cols.prev, cols.hash],
  );
  return { seq, hash: prev };
}
