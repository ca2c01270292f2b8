import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/client.js';
import type { AuditEventInput, AuditRow } from './events.js';

export const GENESIS_HASH = '0'.repeat(64);
/** One advisory lock key for the whole chain (taken inside audit_append, migration 0002). */
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

/** The hashed content of a row, except its position (seq) and link (prev_hash). */
export function rowBody(row: Omit<AuditRow, 'seq' | 'prevHash' | 'rowHash'>): string {
  return canonicalJson([
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
}

/** Must equal the SQL in audit_append: sha256(prev_hash || '\n' || seq || '\n' || body). */
export function rowHash(prevHash: string, seq: number, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${body}`, 'utf8').digest('hex');
}

/**
 * Appends events to the chain in one statement, inside the caller's transaction (or as its own
 * implicit transaction), stamped with the caller's `now` (from the app's clock). Returns the new head seq.
 */
export async function appendToChain(tx: Queryable, events: AuditEventInput[], now: Date): Promise<number> {
  if (events.length === 0) return 0;
  const occurredAt = now.toISOString();
  const n = events.length;
  const cols = {
    id: new Array<string>(n),
    occurredAt: new Array<string>(n).fill(occurredAt),
    actor: new Array<string | null>(n),
    assignment: new Array<string | null>(n),
    child: new Array<string | null>(n),
    action: new Array<string>(n),
    resourceType: new Array<string>(n),
    resourceId: new Array<string | null>(n),
    outcome: new Array<string>(n),
    requestId: new Array<string | null>(n),
    details: new Array<string>(n),
    body: new Array<string>(n),
  };
  events.forEach((e, i) => {
    const id = randomUUID();
    const details = e.details ?? {};
    cols.id[i] = id;
    cols.actor[i] = e.actorPersonId;
    cols.assignment[i] = e.actorAssignmentId;
    cols.child[i] = e.childId;
    cols.action[i] = e.action;
    cols.resourceType[i] = e.resourceType;
    cols.resourceId[i] = e.resourceId;
    cols.outcome[i] = e.outcome;
    cols.requestId[i] = e.requestId;
    cols.details[i] = canonicalJson(details);
    cols.body[i] = rowBody({
      id,
      occurredAt,
      actorPersonId: e.actorPersonId,
      actorAssignmentId: e.actorAssignmentId,
      childId: e.childId,
      action: e.action,
      resourceType: e.resourceType,
      resourceId: e.resourceId,
      outcome: e.outcome,
      requestId: e.requestId,
      details,
    });
  });
  const r = await tx.query<{ seq: string | number }>(
    `SELECT audit_append($1::uuid[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS seq`,
    [
      cols.id,
      cols.occurredAt,
      cols.actor,
      cols.assignment,
      cols.child,
      cols.action,
      cols.resourceType,
      cols.resourceId,
      cols.outcome,
      cols.requestId,
      cols.details,
      cols.body,
    ],
    'audit.append',
  );
  return Number(r.rows[0]!.seq);
}
