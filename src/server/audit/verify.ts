import type { Db } from '../db/client.js';
import { readAnchors } from './anchor.js';
import { GENESIS_HASH, rowBody, rowHash } from './chain.js';

export interface AuditVerification {
  ok: boolean;
  rowsChecked: number;
  anchorsChecked: number;
  /** The first row where the chain is broken, and why. */
  firstBroken?: {
    seq: number;
    reason:
      | 'missing_row'
      | 'hash_mismatch'
      | 'prev_hash_mismatch'
      | 'anchor_mismatch'
      | 'truncated'
      | 'unreadable_anchor';
  };
}

interface DbRow {
  seq: string | number;
  id: string;
  occurred_at: Date | string;
  actor_person_id: string | null;
  actor_assignment_id: string | null;
  child_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: string;
  request_id: string | null;
  details: unknown;
  prev_hash: string;
  row_hash: string;
}

/**
 * Walks the whole chain in seq order and names the first broken row: a gap (deleted row), a row
 * whose content no longer matches its hash (edited or reordered), a row that does not chain to its
 * predecessor, or rows missing after the last anchored head (truncated tail).
 */
export async function verifyAuditChain(
  db: Db,
  opts: { anchorFile?: string; onProgress?: (checked: number, total: number) => void } = {},
): Promise<AuditVerification> {
  const totalRow = await db.query<{ n: string | number; max: string | number | null }>(
    'SELECT count(*) AS n, max(seq) AS max FROM audit_event',
  );
  const total = Number(totalRow.rows[0]?.n ?? 0);
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  const hashes = new Map<number, string>();
  const anchors = await readAnchors(db, opts.anchorFile);
  const anchoredSeqs = new Set(anchors.map((a) => a.seq));
  const pageSize = 5000;
  let after = 0;
  for (;;) {
    const page = await db.query<DbRow>('SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2', [
      after,
      pageSize,
    ]);
    if (page.rows.length === 0) break;
    for (const r of page.rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq)
        return {
          ok: false,
          rowsChecked: checked,
          anchorsChecked: 0,
          firstBroken: { seq: expectedSeq, reason: 'missing_row' },
        };
      if (r.prev_hash !== prev)
        return {
          ok: false,
          rowsChecked: checked,
          anchorsChecked: 0,
          firstBroken: { seq, reason: 'prev_hash_mismatch' },
        };
      const computed = rowHash(
        prev,
        seq,
        rowBody({
          id: r.id,
          occurredAt: new Date(r.occurred_at).toISOString(),
          actorPersonId: r.actor_person_id,
          actorAssignmentId: r.actor_assignment_id,
          childId: r.child_id,
          action: r.action,
          resourceType: r.resource_type,
          resourceId: r.resource_id,
          outcome: r.outcome,
          requestId: r.request_id,
          details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
        }),
      );
      if (computed !== r.row_hash)
        return { ok: false, rowsChecked: checked, anchorsChecked: 0, firstBroken: { seq, reason: 'hash_mismatch' } };
      if (anchoredSeqs.has(seq)) hashes.set(seq, r.row_hash);
      prev = r.row_hash;
      expectedSeq = seq + 1;
      checked += 1;
      after = seq;
    }
    opts.onProgress?.(checked, total);
  }
  const lastSeq = expectedSeq - 1;
  for (const a of anchors) {
    if (a.seq < 0)
      return {
        ok: false,
        rowsChecked: checked,
        anchorsChecked: 0,
        firstBroken: { seq: lastSeq + 1, reason: 'unreadable_anchor' },
      };
    if (a.seq > lastSeq)
      return {
        ok: false,
        rowsChecked: checked,
        anchorsChecked: 0,
        firstBroken: { seq: lastSeq + 1, reason: 'truncated' },
      };
    if (hashes.get(a.seq) !== a.rowHash)
      return {
        ok: false,
        rowsChecked: checked,
        anchorsChecked: 0,
        firstBroken: { seq: a.seq, reason: 'anchor_mismatch' },
      };
  }
  return { ok: true, rowsChecked: checked, anchorsChecked: anchors.length };
}
