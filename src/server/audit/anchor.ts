import { systemClock } from '../clock.js';
import { appendFile, readFile } from 'node:fs/promises';
import type { Db } from '../db/client.js';

export interface Anchor {
  seq: number;
  rowHash: string;
  anchoredAt: string;
  source: 'table' | 'file';
}

/**
 * Copies the chain head outside the audit table: into the audit_anchor table and, when configured,
 * into an append-only file outside the database. Deleting the newest audit rows (which a hash chain
 * alone cannot reveal) then shows up as a missing anchored row.
 */
export async function anchorChainHead(db: Db, anchorFile?: string, now: Date = systemClock()): Promise<Anchor | null> {
  const head = await db.query<{ seq: string | number; row_hash: string }>(
    'SELECT seq, row_hash FROM audit_event ORDER BY seq DESC LIMIT 1',
  );
  const h = head.rows[0];
  if (!h) return null;
  const seq = Number(h.seq);
  const anchoredAt = now.toISOString();
  let wrote = false;
  const last = await db.query<{ seq: string | number }>('SELECT seq FROM audit_anchor ORDER BY id DESC LIMIT 1');
  if (!last.rows[0] || Number(last.rows[0].seq) !== seq) {
    await db.query('INSERT INTO audit_anchor (seq, row_hash, anchored_at) VALUES ($1, $2, $3)', [
      seq,
      h.row_hash,
      anchoredAt,
    ]);
    wrote = true;
  }
  if (anchorFile && (await lastFileAnchorSeq(anchorFile)) !== seq) {
    await appendFile(anchorFile, JSON.stringify({ seq, rowHash: h.row_hash, anchoredAt }) + '\n', { mode: 0o600 });
    lastWritten.set(anchorFile, seq);
    wrote = true;
  }
  return wrote ? { seq, rowHash: h.row_hash, anchoredAt, source: 'table' } : null;
}

/** The last seq written to each anchor file by this process (the file only grows). */
const lastWritten = new Map<string, number>();

async function lastFileAnchorSeq(file: string): Promise<number | null> {
  const known = lastWritten.get(file);
  if (known !== undefined) return known;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const lines = text.trimEnd().split('\n');
  try {
    return (JSON.parse(lines[lines.length - 1] ?? '') as { seq: number }).seq;
  } catch {
    return null;
  }
}

export async function readAnchors(db: Db, anchorFile?: string): Promise<Anchor[]> {
  const rows = await db.query<{ seq: string | number; row_hash: string; anchored_at: Date | string }>(
    'SELECT seq, row_hash, anchored_at FROM audit_anchor ORDER BY id',
  );
  const anchors: Anchor[] = rows.rows.map((r) => ({
    seq: Number(r.seq),
    rowHash: r.row_hash,
    anchoredAt: new Date(r.anchored_at).toISOString(),
    source: 'table',
  }));
  if (anchorFile) {
    let text = '';
    try {
      text = await readFile(anchorFile, 'utf8');
    } catch {
      text = '';
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const a = JSON.parse(line) as { seq: number; rowHash: string; anchoredAt: string };
        anchors.push({ seq: a.seq, rowHash: a.rowHash, anchoredAt: a.anchoredAt, source: 'file' });
      } catch {
        // A damaged anchor line is itself a finding, reported by the verifier as an unreadable anchor.
        anchors.push({ seq: -1, rowHash: '', anchoredAt: '', source: 'file' });
      }
    }
  }
  return anchors;
}
