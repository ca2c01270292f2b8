import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GlobalConfig } from '../config.js';

/**
 * Rate limits on login, search and PDF renders: a small in-memory token bucket per key (no
 * dependency). Login is limited per client address and username (dev login) or per address (OIDC
 * redirects); search by personnummer per assignment acting; PDFs (each a server-side Chromium
 * print) per person, so one user cannot tie up the print queue. One process keeps its own buckets: behind a load
 * balancer each server limits on its own, which still bounds guessing to N × the limit.
 */
export interface RateLimitConfig {
  /** Off only when explicitly disabled (RATE_LIMIT=off); the test helper turns it off for NODE_ENV=test. */
  enabled: boolean;
  /** Login attempts per minute per address and username (RATE_LIMIT_LOGIN_PER_MINUTE, 10). */
  loginPerMinute: number;
  /** OIDC login starts and callbacks per minute per address (RATE_LIMIT_OIDC_PER_MINUTE, 60: a school's NAT shares one address). */
  oidcPerMinute: number;
  /** Searches by personnummer per minute per assignment (RATE_LIMIT_SEARCH_PER_MINUTE, 30). */
  searchPerMinute: number;
  /** PDF documents (GET …/pdf) per minute per person (RATE_LIMIT_PDF_PER_MINUTE, 12). */
  pdfPerMinute: number;
}

export function loadRateLimitConfig(env: NodeJS.ProcessEnv): RateLimitConfig {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 100_000)
      throw new Error(`${name} must be a whole number between 1 and 100000, got "${v}"`);
    return n;
  };
  const flag = env.RATE_LIMIT ?? (env.NODE_ENV === 'test' ? 'off' : 'on');
  if (flag !== 'on' && flag !== 'off') throw new Error(`RATE_LIMIT must be on or off, got "${flag}"`);
  return {
    enabled: flag === 'on',
    loginPerMinute: num('RATE_LIMIT_LOGIN_PER_MINUTE', 10),
    oidcPerMinute: num('RATE_LIMIT_OIDC_PER_MINUTE', 60),
    searchPerMinute: num('RATE_LIMIT_SEARCH_PER_MINUTE', 30),
    pdfPerMinute: num('RATE_LIMIT_PDF_PER_MINUTE', 12),
  };
}

/** A token bucket per key: `capacity` tokens, refilled evenly over a minute. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes a token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string, now: number): number {
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.delete(key);
      this.buckets.set(key, b);
      this.evict();
      return 0;
    }
    this.buckets.set(key, b);
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }

  /** Oldest-touched keys go first when there are too many (a flood of addresses cannot grow memory without bound). */
  private evict(): void {
    while (this.buckets.size > this.maxKeys) {
      const first = this.buckets.keys().next().value;
      if (first === undefined) break;
      this.buckets.delete(first);
    }
  }
}

const MESSAGE_SV = (s: number) => `För många försök på kort tid. Vänta ${s} sekunder och försök igen.`;
const MESSAGE_EN = (s: number) => `Too many attempts in a short time. Wait ${s} seconds and try again.`;

function refuse(req: FastifyRequest, reply: FastifyReply, seconds: number, html: boolean) {
  reply.header('Retry-After', String(seconds)).header('Cache-Control', 'no-store');
  if (html) {
    return reply
      .code(429)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>För många försök</title></head><body><main><h1>För många försök</h1><p>${MESSAGE_SV(seconds)}</p><p lang="en">${MESSAGE_EN(seconds)}</p><p><a href="/login">Till inloggningen</a></p></main></body></html>`,
      );
  }
  return reply.code(429).send({
    error: 'too_many_requests',
    message: MESSAGE_SV(seconds),
    requestId: String(req.id),
    details: { retryAfterSeconds: seconds, en: MESSAGE_EN(seconds) },
  });
}

/**
 * Installs the limits. The search and PDF limits run after the session hook (they key on who acts);
 * the login limits before anything touches the database.
 */
export function installRateLimits(app: FastifyInstance, config: GlobalConfig, now: () => Date): void {
  const rl = config.rateLimit;
  if (!rl.enabled) return;
  const login = new TokenBuckets(rl.loginPerMinute);
  const oidc = new TokenBuckets(rl.oidcPerMinute);
  const search = new TokenBuckets(rl.searchPerMinute);
  const pdf = new TokenBuckets(rl.pdfPerMinute);
  // The family's writes in their Barnkompass: a person does a few, never hundreds a minute.
  const portalWrites = new TokenBuckets(rl.searchPerMinute);
  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0];
    const t = now().getTime();
    if (req.method === 'POST' && path === '/api/dev/login') {
      const body = req.body as { username?: unknown } | undefined;
      const username = typeof body?.username === 'string' ? body.username.slice(0, 100).toLowerCase() : '';
      const wait = login.take(`${req.ip}|${username}`, t);
      if (wait) return refuse(req, reply, wait, false);
    } else if (
      req.method === 'GET' &&
      (path === '/auth/login' ||
        path === '/auth/callback' ||
        path === '/auth/familj/login' ||
        path === '/auth/familj/callback')
    ) {
      const wait = oidc.take(`${req.ip}|${path}`, t);
      if (wait) return refuse(req, reply, wait, true);
    } else if (req.method !== 'GET' && path?.startsWith('/api/portal/') && path !== '/api/portal/logout') {
      const key = req.citizen ? `${req.citizen.kind}:${req.citizen.id}` : req.ip;
      const wait = portalWrites.take(key, t);
      if (wait) return refuse(req, reply, wait, false);
    } else if (req.method === 'POST' && path === '/api/children/search') {
      const key = req.actor?.assignmentId ?? req.actor?.personId ?? req.ip;
      const wait = search.take(`${key}`, t);
      if (wait) return refuse(req, reply, wait, false);
    } else if (req.method === 'GET' && path?.startsWith('/api/') && path.endsWith('/pdf')) {
      const key = req.actor?.personId ?? req.ip;
      const wait = pdf.take(`${key}`, t);
      if (wait) return refuse(req, reply, wait, false);
    }
    return undefined;
  });
}
