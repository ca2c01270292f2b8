import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/client.js';
import type { Actor, AssignmentRole, SecrecyDomain } from '../access/actor.js';
import { swedishToday } from '../clock.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session and returns the raw token (only its hash is stored). */
export async function createSession(
  q: Queryable,
  input: {
    personId: string;
    method: 'oidc' | 'dev';
    idToken?: string;
    assignmentId?: string | null;
    allowedAssignmentIds?: string[] | null;
  },
  policy: SessionPolicy,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3600_000);
  await q.query(
    `INSERT INTO user_session (token_hash, person_id, assignment_id, login_method, id_token, created_at, last_seen_at, expires_at, allowed_assignment_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8::uuid[])`,
    [
      hashToken(token),
      input.personId,
      input.assignmentId ?? null,
      input.method,
      input.idToken ?? null,
      now.toISOString(),
      expiresAt.toISOString(),
      input.allowedAssignmentIds ?? null,
    ],
  );
  return token;
}

interface SessionRow {
  person_id: string;
  assignment_id: string | null;
  last_seen_at: Date | string;
  role: AssignmentRole | null;
  organisation_id: string | null;
  unit_id: string | null;
  secrecy_domain: SecrecyDomain | null;
  allowed_assignment_ids: string[] | null;
}

/**
 * Resolves a session token to the acting person and assignment, or null. Checked on every request:
 * idle and absolute timeouts, a disabled account, and an assignment that has ended all end access
 * on the next request.
 */
export async function resolveSession(db: Db, token: string, policy: SessionPolicy, now: Date): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const idleCutoff = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const r = await db.query<SessionRow>(
    `SELECT s.person_id, a.id AS assignment_id, s.last_seen_at, a.role, a.organisation_id, a.unit_id, u.secrecy_domain, s.allowed_assignment_ids
       FROM user_session s
       JOIN person p ON p.id = s.person_id AND p.enabled
       LEFT JOIN assignment a ON a.id = s.assignment_id AND a.person_id = s.person_id
            AND a.valid_from <= $4::date AND (a.valid_to IS NULL OR a.valid_to >= $4::date)
            AND (s.allowed_assignment_ids IS NULL OR a.id = ANY(s.allowed_assignment_ids))
       LEFT JOIN unit u ON u.id = a.unit_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3`,
    [tokenHash, now.toISOString(), idleCutoff.toISOString(), swedishToday(now)],
    'session.resolve',
  );
  const row = r.rows[0];
  if (!row) return null;
  const allowed = row.allowed_assignment_ids;
  // Sliding idle window, written at most once a minute so reads stay reads.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.query('UPDATE user_session SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now.toISOString()]);
  }
  return {
    personId: row.person_id,
    sessionTokenHash: tokenHash,
    assignmentId: row.assignment_id,
    role: row.role,
    organisationId: row.organisation_id,
    unitId: row.unit_id,
    secrecyDomain: row.secrecy_domain,
    allowedAssignmentIds: allowed,
  };
}

export async function destroySession(db: Db, tokenHash: string): Promise<{ idToken: string | null } | null> {
  const r = await db.query<{ id_token: string | null }>(
    'DELETE FROM user_session WHERE token_hash = $1 RETURNING id_token',
    [tokenHash],
  );
  return r.rows[0] ? { idToken: r.rows[0].id_token } : null;
}

/** The assignments this session may act in: the person's, narrowed by the login's claim if any. */
export function allowedFor(
  actor: Pick<Actor, 'allowedAssignmentIds'>,
  assignments: AssignmentView[],
): AssignmentView[] {
  return actor.allowedAssignmentIds
    ? assignments.filter((a) => actor.allowedAssignmentIds!.includes(a.id))
    : assignments;
}

export interface AssignmentView {
  id: string;
  role: AssignmentRole;
  title: string | null;
  organisationId: string;
  organisationName: string;
  unitId: string | null;
  unitName: string | null;
  secrecyDomain: SecrecyDomain | null;
}

/** The person's assignments that are valid today: the ones they may act in. */
export async function listActiveAssignments(q: Queryable, personId: string, today: string): Promise<AssignmentView[]> {
  const r = await q.query<{
    id: string;
    role: AssignmentRole;
    title: string | null;
    organisation_id: string;
    organisation_name: string;
    unit_id: string | null;
    unit_name: string | null;
    secrecy_domain: SecrecyDomain | null;
  }>(
    `SELECT a.id, a.role, a.title, a.organisation_id, o.name AS organisation_name, a.unit_id, u.name AS unit_name, u.secrecy_domain
       FROM assignment a JOIN organisation o ON o.id = a.organisation_id LEFT JOIN unit u ON u.id = a.unit_id
      WHERE a.person_id = $1 AND a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
      ORDER BY o.name, u.name NULLS FIRST, a.role`,
    [personId, today],
  );
  return r.rows.map((a) => ({
    id: a.id,
    role: a.role,
    title: a.title,
    organisationId: a.organisation_id,
    organisationName: a.organisation_name,
    unitId: a.unit_id,
    unitName: a.unit_name,
    secrecyDomain: a.secrecy_domain,
  }));
}

export async function selectAssignment(
  q: Queryable,
  actor: Actor,
  assignmentId: string,
  today: string,
): Promise<boolean> {
  const tokenHash = actor.sessionTokenHash;
  const valid = allowedFor(actor, await listActiveAssignments(q, actor.personId, today));
  if (!valid.some((a) => a.id === assignmentId)) return false;
  await q.query('UPDATE user_session SET assignment_id = $2 WHERE token_hash = $1', [tokenHash, assignmentId]);
  return true;
}
