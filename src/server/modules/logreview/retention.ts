import type { Db } from '../../db/client.js';
import { AUDIT_MIN_YEARS, type RetentionConfig } from './config.js';

/**
 * Retention per record type (`barnkompass retention purge`). What it purges, and what it never does:
 * - audit events: NEVER. The audit is append-only even for its owner (triggers), kept at least
 *   5 years (RETENTION_AUDIT_YEARS may raise that floor, not lower it). Archiving audit rows older
 *   than the retention is an operations task (partition by month, detach, archive with the chain
 *   head and anchors) done with DBA rights outside the application — the app cannot delete them.
 * - log-review samples older than RETENTION_LOG_REVIEW_YEARS (drawn_at), with their outcomes.
 * - login sessions that ended (expired) more than RETENTION_SESSION_DAYS ago, and OIDC logins
 *   that were never finished after a day.
 * - reports of concern: not purged here. They are social services' documents (gallring under the
 *   social services' own rules); the feedback table is append-only.
 */
export interface PurgeResult {
  dryRun: boolean;
  auditYears: number;
  audit: { purged: 0; oldestKept: string | null; note: string };
  logReviewSamples: number;
  sessions: number;
  oidcLoginStates: number;
}

function yearsBefore(now: Date, years: number): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString();
}

export async function purgeExpired(
  db: Db,
  retention: RetentionConfig,
  now: Date,
  opts: { dryRun: boolean },
): Promise<PurgeResult> {
  if (retention.auditYears < AUDIT_MIN_YEARS)
    throw new Error(
      `refusing: audit events are kept at least ${AUDIT_MIN_YEARS} years (RETENTION_AUDIT_YEARS=${retention.auditYears})`,
    );
  const sampleCutoff = yearsBefore(now, retention.logReviewSampleYears);
  const sessionCutoff = new Date(now.getTime() - retention.sessionDays * 86_400_000).toISOString();
  const loginCutoff = new Date(now.getTime() - 86_400_000).toISOString();
  const oldest = await db.query<{ t: Date | string | null }>('SELECT min(occurred_at) AS t FROM audit_event');
  const audit = {
    purged: 0 as const,
    oldestKept: oldest.rows[0]?.t ? new Date(oldest.rows[0].t).toISOString() : null,
    note: `audit events are never purged by the application (append-only, kept at least ${retention.auditYears} years)`,
  };
  const count = async (sql: string, p: unknown[]) =>
    Number((await db.query<{ n: string | number }>(sql, p)).rows[0]!.n);
  if (opts.dryRun) {
    return {
      dryRun: true,
      auditYears: retention.auditYears,
      audit,
      logReviewSamples: await count('SELECT count(*) AS n FROM log_review_sample WHERE drawn_at < $1', [sampleCutoff]),
      sessions: await count('SELECT count(*) AS n FROM user_session WHERE expires_at < $1', [sessionCutoff]),
      oidcLoginStates: await count('SELECT count(*) AS n FROM oidc_login_state WHERE created_at < $1', [loginCutoff]),
    };
  }
  return db.transaction(async (tx) => {
    const samples = await tx.query('DELETE FROM log_review_sample WHERE drawn_at < $1 RETURNING id', [sampleCutoff]);
    const sessions = await tx.query('DELETE FROM user_session WHERE expires_at < $1 RETURNING token_hash', [
      sessionCutoff,
    ]);
    const states = await tx.query('DELETE FROM oidc_login_state WHERE created_at < $1 RETURNING state_hash', [
      loginCutoff,
    ]);
    return {
      dryRun: false,
      auditYears: retention.auditYears,
      audit,
      logReviewSamples: samples.rows.length,
      sessions: sessions.rows.length,
      oidcLoginStates: states.rows.length,
    };
  });
}
