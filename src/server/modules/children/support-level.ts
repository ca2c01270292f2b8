import type { Queryable } from '../../db/client.js';

/**
 * The child's support level (1 universal, 2 early support, 3 coordinated support) has one owner:
 * this file. A concern decision may only raise it; the plan sets it to its own level, up or down.
 * Both run inside the caller's write transaction (which holds the gate check and the audit row)
 * and lock the child's row, so two writes cannot both read the same "before".
 */
export interface SupportLevelChange {
  before: number;
  after: number;
}

async function changeSupportLevel(
  q: Queryable,
  childId: string,
  next: (before: number) => number,
  now: string,
): Promise<SupportLevelChange> {
  const r = await q.query<{ support_level: number }>('SELECT support_level FROM child WHERE id = $1 FOR UPDATE', [
    childId,
  ]);
  const before = Number(r.rows[0]?.support_level ?? 1);
  const after = next(before);
  if (after !== before)
    await q.query(
      'UPDATE child SET support_level = $2, version = version + 1, updated_at = $3::timestamptz WHERE id = $1',
      [childId, after, now],
    );
  return { before, after };
}

/** Raises the level to `level` (never lowers it; null leaves it as it is). */
export function raiseSupportLevel(
  q: Queryable,
  childId: string,
  level: number | null,
  now: string,
): Promise<SupportLevelChange> {
  return changeSupportLevel(q, childId, (before) => (level === null || level <= before ? before : level), now);
}

/** Sets the level, up or down (the plan's level is the child's). */
export function setSupportLevel(
  q: Queryable,
  childId: string,
  level: number,
  now: string,
): Promise<SupportLevelChange> {
  return changeSupportLevel(q, childId, () => level, now);
}
