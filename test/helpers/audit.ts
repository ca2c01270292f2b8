import { expect } from 'vitest';
import type { Db } from '../../src/server/db/client.js';

export interface AuditRow {
  action: string;
  outcome: string;
  child_id: string | null;
  resource_id: string | null;
  details: Record<string, unknown>;
}

/** The audit events one request wrote, in the order it wrote them (read straight from the table). */
export async function auditOfRequest(db: Db, requestId: string): Promise<AuditRow[]> {
  return (
    await db.query<AuditRow>(
      'SELECT action, outcome, child_id, resource_id, details FROM audit_event WHERE request_id = $1 ORDER BY seq',
      [requestId],
    )
  ).rows;
}

/**
 * The same, for tests whose child may or may not have another secrecy domain's records shown under
 * a consent, depending on the day the demo was built for. A read that shows such records names the
 * consents in `details.consent_ids`; each named one is checked here to be a given consent of that
 * child, in force when the event was written, and then set aside so the rest compares exactly.
 * (consent-secrecy.test.ts checks when `consent_ids` must be there.)
 */
export async function auditOfRequestConsentsChecked(db: Db, requestId: string): Promise<AuditRow[]> {
  const rows = (
    await db.query<AuditRow & { seq: string }>(
      'SELECT seq, action, outcome, child_id, resource_id, details FROM audit_event WHERE request_id = $1 ORDER BY seq',
      [requestId],
    )
  ).rows;
  for (const row of rows.filter((r) => r.details.consent_ids !== undefined)) {
    const ids = String(row.details.consent_ids).split(',');
    const inForce = await db.query<{ id: string }>(
      `SELECT k.id FROM consent k JOIN audit_event e ON e.seq = $3
        WHERE k.id = ANY($1::uuid[]) AND k.child_id = $2 AND k.given
          AND k.valid_from <= (e.occurred_at AT TIME ZONE 'Europe/Stockholm')::date
          AND k.valid_to >= (e.occurred_at AT TIME ZONE 'Europe/Stockholm')::date
          AND (k.withdrawn_at IS NULL OR k.withdrawn_at > e.occurred_at)`,
      [ids, row.child_id, row.seq],
    );
    expect(inForce.rows.map((r) => r.id).sort(), `consents named by ${row.action}`).toEqual([...ids].sort());
  }
  return rows.map(({ seq: _seq, details: { consent_ids: _checked, ...details }, ...row }) => ({ ...row, details }));
}
