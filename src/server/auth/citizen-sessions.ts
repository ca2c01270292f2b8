import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/client.js';
import { hashToken, type SessionPolicy } from './sessions.js';

/**
 * A family member's session in the portal: a guardian or a child, logged in with their
 * personnummer. Its own table and cookie: a family session is never a staff session, so it cannot
 * reach a staff route, and a staff session cannot reach the portal. Same timeouts as staff sessions.
 */

export type CitizenKind = 'guardian' | 'child';

export interface Citizen {
  kind: CitizenKind;
  /** The guardian's or the child's row. */
  id: string;
  sessionTokenHash: string;
}

export async function createCitizenSession(
  q: Queryable,
  input: { kind: CitizenKind; id: string; method: 'oidc' | 'dev'; idToken?: string },
  policy: SessionPolicy,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3600_000);
  await q.query(
    `INSERT INTO citizen_session (token_hash, guardian_id, child_id, login_method, id_token, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
    [
      hashToken(token),
      input.kind === 'guardian' ? input.id : null,
      input.kind === 'child' ? input.id : null,
      input.method,
      input.idToken ?? null,
      now.toISOString(),
      expiresAt.toISOString(),
    ],
  );
  return token;
}

/** The family member behind a session token, or null (unknown, idle too long, or past its end). */
export async function resolveCitizenSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
  now: Date,
): Promise<Citizen | null> {
  const tokenHash = hashToken(token);
  const idleCutoff = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const r = await db.query<{ guardian_id: string | null; child_id: string | null; last_seen_at: Date | string }>(
    `SELECT guardian_id, child_id, last_seen_at FROM citizen_session
      WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $3`,
    [tokenHash, now.toISOString(), idleCutoff.toISOString()],
    'citizen_session.resolve',
  );
  const row = r.rows[0];
  if (!row) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000)
    await db.query('UPDATE citizen_session SET last_seen_at = $2 WHERE token_hash = $1', [
      tokenHash,
      now.toISOString(),
    ]);
  return row.guardian_id
    ? { kind: 'guardian', id: row.guardian_id, sessionTokenHash: tokenHash }
    : { kind: 'child', id: row.child_id!, sessionTokenHash: tokenHash };
}

export async function destroyCitizenSession(db: Db, tokenHash: string): Promise<{ idToken: string | null } | null> {
  const r = await db.query<{ id_token: string | null }>(
    'DELETE FROM citizen_session WHERE token_hash = $1 RETURNING id_token',
    [tokenHash],
  );
  return r.rows[0] ? { idToken: r.rows[0].id_token } : null;
}

/**
 * Who a personnummer is in Barnkompass as a family member: a guardian (a parent who is also
 * recorded as a child — a young parent — logs in as the guardian), else a child, else nobody.
 */
export async function citizenByPersonnummer(
  q: Queryable,
  personnummer: string,
): Promise<{ kind: CitizenKind; id: string } | null> {
  const r = await q.query<{ kind: CitizenKind; id: string }>(
    `SELECT kind, id FROM (SELECT 'guardian' AS kind, id FROM guardian WHERE personnummer = $1
                            UNION ALL SELECT 'child', id FROM child WHERE personnummer = $1) x
      ORDER BY (kind = 'guardian') DESC LIMIT 1`,
    [personnummer],
  );
  return r.rows[0] ?? null;
}
