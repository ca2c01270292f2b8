import path from 'node:path';
import { loadRateLimitConfig, type RateLimitConfig } from './http/rate-limit.js';

/**
 * The settings of the house itself, read from the environment: server, database, sessions, OIDC,
 * audit anchoring, logging, printing, rate limits. A module's own settings are parsed by the module
 * (its `config.ts`, from the same environment); app-config.ts puts both together.
 */
export interface GlobalConfig {
  /** production = real OIDC only; demo = demo login page, local OIDC provider, /api/dev/*. */
  mode: 'production' | 'demo';
  port: number;
  host: string;
  /** The URL users reach the app at (OIDC redirect URIs and the demo issuer are built from it). */
  publicUrl: string;
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  session: { idleMinutes: number; absoluteHours: number; cookieName: string };
  oidc: {
    issuer?: string;
    clientId?: string;
    clientSecret?: string;
    scopes: string;
    /** Claim that identifies the person (matched with person.oidc_subject). */
    subjectClaim: string;
    /** Claim naming the unit/role (or assignment) of this login; unset = the user chooses. */
    assignmentClaim?: string;
    /** Allow an http issuer (the local demo provider); never in production. */
    allowInsecure: boolean;
  };
  /**
   * The family's login (the portal): a broker for BankID or Freja under the Swedish OIDC profile,
   * configured like the staff login (FAMILY_OIDC_*). The person is the personnummer claim.
   */
  familyOidc: {
    issuer?: string;
    clientId?: string;
    clientSecret?: string;
    scopes: string;
    /** The claim carrying the personnummer (the profile's `https://id.oidc.se/claim/personalIdentityNumber`). */
    personnummerClaim: string;
    allowInsecure: boolean;
  };
  audit: { anchorIntervalMs: number; anchorFile?: string; maxBatchEvents: number };
  bodyLimitBytes: number;
  logLevel: string;
  webDistDir: string;
  /** Enables endpoints the benchmark needs (an unaudited baseline read). Never in production. */
  benchEndpoints: boolean;
  /** The Chromium binary that prints PDFs (the plan's tagged PDF), CHROMIUM_PATH; Debian's by default. */
  chromiumPath: string;
  /** Rate limits on login and search (RATE_LIMIT, RATE_LIMIT_*_PER_MINUTE; see http/rate-limit.ts). */
  rateLimit: RateLimitConfig;
}

export function loadGlobalConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): GlobalConfig {
  const mode = env.NODE_ENV === 'production' ? 'production' : 'demo';
  const port = Number(env.PORT ?? 3000);
  const dataDir = path.resolve(cwd, env.BARNKOMPASS_DATA ?? 'data');
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    poolSize: Number(env.DB_POOL_SIZE ?? 8),
    session: {
      idleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
      absoluteHours: Number(env.SESSION_ABSOLUTE_HOURS ?? 10),
      cookieName: publicUrl.startsWith('https://') ? '__Host-bk_session' : 'bk_session',
    },
    oidc: {
      issuer: env.OIDC_ISSUER || (mode === 'demo' ? `${publicUrl}/oidc` : undefined),
      clientId: env.OIDC_CLIENT_ID || (mode === 'demo' ? 'barnkompass-demo' : undefined),
      clientSecret: env.OIDC_CLIENT_SECRET || (mode === 'demo' ? 'demo-secret-not-for-production' : undefined),
      scopes: env.OIDC_SCOPES ?? 'openid profile email',
      subjectClaim: env.OIDC_SUBJECT_CLAIM ?? 'sub',
      assignmentClaim: env.OIDC_ASSIGNMENT_CLAIM || undefined,
      allowInsecure: mode === 'demo' || env.OIDC_ALLOW_INSECURE === 'true',
    },
    familyOidc: {
      issuer: env.FAMILY_OIDC_ISSUER || (mode === 'demo' ? `${publicUrl}/oidc` : undefined),
      clientId: env.FAMILY_OIDC_CLIENT_ID || (mode === 'demo' ? 'barnkompass-demo-family' : undefined),
      clientSecret:
        env.FAMILY_OIDC_CLIENT_SECRET || (mode === 'demo' ? 'demo-family-secret-not-for-production' : undefined),
      scopes: env.FAMILY_OIDC_SCOPES ?? 'openid https://id.oidc.se/scope/naturalPersonNumber',
      personnummerClaim: env.FAMILY_OIDC_PERSONNUMMER_CLAIM ?? 'https://id.oidc.se/claim/personalIdentityNumber',
      allowInsecure: mode === 'demo' || env.FAMILY_OIDC_ALLOW_INSECURE === 'true',
    },
    audit: {
      anchorIntervalMs: Number(env.AUDIT_ANCHOR_INTERVAL_MS ?? 60_000),
      // Outside the database on purpose: a DBA who rewrites audit rows cannot rewrite this file too.
      anchorFile: env.AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit-anchors.jsonl'),
      maxBatchEvents: 2000,
    },
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 256 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDistDir: path.resolve(cwd, env.BARNKOMPASS_WEB_DIST ?? 'dist/web'),
    benchEndpoints: mode !== 'production' && env.BARNKOMPASS_BENCH === '1',
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
    rateLimit: loadRateLimitConfig(env),
  };
}

// Readers a module's config may use for its own variables. A wrong value is a configuration mistake
// worth stopping the start for, with a message that names the variable.

/** A whole number of days ≥ 1 (at most 365). */
export function positiveDays(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 365)
    throw new Error(`${name} must be a whole number of days between 1 and 365, got "${value}"`);
  return n;
}

/** A percentage above 0 and at most 100, with at most two decimals. */
export function percent(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 100 || Math.round(n * 100) !== n * 100)
    throw new Error(`${name} must be a percentage above 0 and at most 100, got "${value}"`);
  return n;
}
