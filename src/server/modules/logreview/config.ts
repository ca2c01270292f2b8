/**
 * Settings of log review (logguppföljning) and of retention per record type, read from the
 * environment. Wrong values stop the start with a message naming the variable.
 */
export interface LogReviewConfig {
  /** Working hours in Swedish time, [start, end): accesses outside them are "out of hours" (LOG_REVIEW_WORK_HOURS="07-18"). */
  workStartHour: number;
  workEndHour: number;
  /** Saturdays and Sundays count as out of hours (LOG_REVIEW_WEEKENDS_OUT_OF_HOURS, default true). */
  weekendsOutOfHours: boolean;
  /** "Many children in a short time": at least this many different children (LOG_REVIEW_MANY_CHILDREN, 20) … */
  manyChildrenThreshold: number;
  /** … within a window of this many minutes (LOG_REVIEW_MANY_CHILDREN_MINUTES, 10). */
  manyChildrenWindowMinutes: number;
  /** Random samples per draw unless the reviewer asks for another number (LOG_REVIEW_RANDOM_SAMPLES, 10). */
  randomSamples: number;
  /** At most this many samples per rule and draw (LOG_REVIEW_MAX_PER_RULE, 50). */
  maxPerRule: number;
}

/**
 * Retention per record type. The audit is kept at least 5 years (DOMAIN §3) and is never purged
 * by the application: the table is append-only even for its owner, so its retention is a floor
 * that configuration may raise but not lower (RETENTION_AUDIT_YEARS < 5 is refused). Other types
 * are purged by `barnkompass retention purge`.
 */
export interface RetentionConfig {
  auditYears: number;
  /** Log-review samples and their documented outcomes (RETENTION_LOG_REVIEW_YEARS, default 5, at least 2). */
  logReviewSampleYears: number;
  /** Ended or expired login sessions and unfinished OIDC logins (RETENTION_SESSION_DAYS, default 30). */
  sessionDays: number;
}

export const AUDIT_MIN_YEARS = 5;

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number between ${min} and ${max}, got "${value}"`);
  return n;
}

export function loadLogReviewConfig(env: NodeJS.ProcessEnv): LogReviewConfig {
  const hours = env.LOG_REVIEW_WORK_HOURS || '07-18';
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(hours);
  const start = m ? Number(m[1]) : NaN;
  const end = m ? Number(m[2]) : NaN;
  if (!m || start < 0 || end > 24 || start >= end)
    throw new Error(
      `LOG_REVIEW_WORK_HOURS must be "HH-HH" in Swedish time with start before end (e.g. 07-18), got "${hours}"`,
    );
  const weekends = env.LOG_REVIEW_WEEKENDS_OUT_OF_HOURS;
  if (weekends !== undefined && weekends !== '' && weekends !== 'true' && weekends !== 'false')
    throw new Error(`LOG_REVIEW_WEEKENDS_OUT_OF_HOURS must be true or false, got "${weekends}"`);
  return {
    workStartHour: start,
    workEndHour: end,
    weekendsOutOfHours: weekends !== 'false',
    manyChildrenThreshold: int('LOG_REVIEW_MANY_CHILDREN', env.LOG_REVIEW_MANY_CHILDREN, 20, 2, 10_000),
    manyChildrenWindowMinutes: int(
      'LOG_REVIEW_MANY_CHILDREN_MINUTES',
      env.LOG_REVIEW_MANY_CHILDREN_MINUTES,
      10,
      1,
      24 * 60,
    ),
    randomSamples: int('LOG_REVIEW_RANDOM_SAMPLES', env.LOG_REVIEW_RANDOM_SAMPLES, 10, 0, 1000),
    maxPerRule: int('LOG_REVIEW_MAX_PER_RULE', env.LOG_REVIEW_MAX_PER_RULE, 50, 1, 10_000),
  };
}

export function loadRetentionConfig(env: NodeJS.ProcessEnv): RetentionConfig {
  const audit = env.RETENTION_AUDIT_YEARS;
  if (audit !== undefined && audit !== '' && (!Number.isInteger(Number(audit)) || Number(audit) < AUDIT_MIN_YEARS)) {
    throw new Error(
      `RETENTION_AUDIT_YEARS must be a whole number of at least ${AUDIT_MIN_YEARS}: audit events are kept at least ${AUDIT_MIN_YEARS} years (got "${audit}")`,
    );
  }
  return {
    auditYears: int('RETENTION_AUDIT_YEARS', audit, 10, AUDIT_MIN_YEARS, 100),
    logReviewSampleYears: int('RETENTION_LOG_REVIEW_YEARS', env.RETENTION_LOG_REVIEW_YEARS, 5, 2, 100),
    sessionDays: int('RETENTION_SESSION_DAYS', env.RETENTION_SESSION_DAYS, 30, 1, 3650),
  };
}
