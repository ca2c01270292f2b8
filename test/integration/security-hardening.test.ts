import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { TokenBuckets } from '../../src/server/http/rate-limit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

// Security hardening: headers on every kind of answer, no caching of personal data, rate limits on
// login and search, and sessions that follow the account, the assignment and the team at once.

describe('token bucket', () => {
  it('allows the burst, then one per refill interval, and says how long to wait', () => {
    const b = new TokenBuckets(6); // 6 a minute: one every 10 s
    const t0 = 1_000_000;
    for (let i = 0; i < 6; i++) expect(b.take('k', t0)).toBe(0);
    expect(b.take('k', t0)).toBe(10);
    expect(b.take('other', t0)).toBe(0);
    expect(b.take('k', t0 + 5_000)).toBe(5);
    expect(b.take('k', t0 + 10_000)).toBe(0);
  });
  it('forgets the oldest keys beyond its bound', () => {
    const b = new TokenBuckets(1, 3);
    for (const k of ['a', 'b', 'c', 'd']) b.take(k, 0);
    expect(b.take('a', 0)).toBe(0); // evicted, so a fresh bucket
  });
});

describe.each(testDbKinds())('security headers, rate limits and sessions (%s)', (kind) => {
  let t: TestApp;
  let anna: string;
  let child: string;

  beforeAll(async () => {
    t = await createTestApp(kind, {
      RATE_LIMIT: 'on',
      RATE_LIMIT_LOGIN_PER_MINUTE: '3',
      RATE_LIMIT_SEARCH_PER_MINUTE: '4',
      RATE_LIMIT_PDF_PER_MINUTE: '2',
    });
    anna = await t.login('anna.lindqvist');
    child = (await scenario(t.tdb.db, testToday()).child({ team: ['anna.lindqvist'] })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('child data and other personal-data routes: no-store, nosniff, referrer policy, strict CSP', async () => {
    for (const url of [
      `/api/children/${child}`,
      `/api/children/${child}/concerns`,
      `/api/children/${child}/access-log`,
      '/api/children',
      '/api/reports/mine',
      '/api/session',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: anna } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    }
    // A 404 (no access) is not cached either.
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/children/00000000-0000-4000-8000-000000000000',
      headers: { cookie: anna },
    });
    expect(denied.statusCode).toBe(404);
    expect(denied.headers['cache-control']).toBe('no-store');
  });

  it('no HSTS over plain http', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('login: too many attempts for one username from one address → 429 with Retry-After and a Swedish message', async () => {
    const login = () => t.app.inject({ method: 'POST', url: '/api/dev/login', payload: { username: 'johan.falk' } });
    for (let i = 0; i < 3; i++) expect((await login()).statusCode).toBe(200);
    const res = await login();
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.json().error).toBe('too_many_requests');
    expect(res.json().message).toMatch(/För många försök.*Vänta \d+ sekunder/);
    expect(res.headers['set-cookie']).toBeUndefined();
    // Another username is not held back by johan's bucket.
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/dev/login', payload: { username: 'malin.ahlgren' } }))
        .statusCode,
    ).toBe(200);
  });

  it('OIDC login start is limited per address (HTML answer for the browser)', async () => {
    const local = await createTestApp(kind, { RATE_LIMIT: 'on', RATE_LIMIT_OIDC_PER_MINUTE: '2' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++)
        codes.push((await local.app.inject({ method: 'GET', url: '/auth/login' })).statusCode);
      expect(codes[2]).toBe(429);
      const res = await local.app.inject({ method: 'GET', url: '/auth/login' });
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<html lang="sv">');
      expect(res.body).toContain('För många försök');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await local.close();
    }
  });

  it('search by personnummer is limited per assignment; the 429 never echoes the number', async () => {
    const cookie = await t.login('erik.johansson', demoAssignmentId('erik.johansson'));
    const search = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/children/search',
        headers: { cookie },
        payload: { personnummer: '201501092397' },
      });
    for (let i = 0; i < 4; i++) expect((await search()).statusCode).toBe(200);
    const res = await search();
    expect(res.statusCode).toBe(429);
    expect(res.body).not.toContain('201501092397');
    // Another assignment has its own bucket.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/children/search',
          headers: { cookie: anna },
          payload: { personnummer: '201501092397' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('PDF documents (a Chromium print each) are limited per person', async () => {
    const cookie = await t.login('erik.johansson', demoAssignmentId('erik.johansson'));
    // An unknown child answers 404 before any print, but every attempt counts.
    const pdf = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/children/00000000-0000-4000-8000-000000000000/plan/pdf',
        headers: { cookie },
      });
    for (let i = 0; i < 2; i++) expect((await pdf()).statusCode).toBe(404);
    const res = await pdf();
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json().message).toMatch(/^För många försök/);
    // Someone else prints on.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/children/00000000-0000-4000-8000-000000000000/plan/pdf',
          headers: { cookie: anna },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('the limits are off only when configured so, and bad settings stop the start', async () => {
    const { loadRateLimitConfig } = await import('../../src/server/http/rate-limit.js');
    expect(loadRateLimitConfig({}).enabled).toBe(true);
    expect(loadRateLimitConfig({ NODE_ENV: 'production' }).enabled).toBe(true);
    expect(loadRateLimitConfig({ NODE_ENV: 'test' }).enabled).toBe(false);
    expect(() => loadRateLimitConfig({ RATE_LIMIT_SEARCH_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_SEARCH_PER_MINUTE/);
    expect(() => loadRateLimitConfig({ RATE_LIMIT_PDF_PER_MINUTE: 'many' })).toThrow(/RATE_LIMIT_PDF_PER_MINUTE/);
    expect(loadRateLimitConfig({}).pdfPerMinute).toBe(12);
  });

  it('removal from the team, the end of an assignment and a disabled account take effect on the next request', async () => {
    const cookie = await t.login('anna.lindqvist');
    const a = await personByUsername(t.tdb.db, 'anna.lindqvist');
    const target = (await scenario(t.tdb.db, testToday()).child({ team: ['anna.lindqvist'] })).id;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/children/${target}`, headers: { cookie } })).statusCode,
    ).toBe(200);
    await t.tdb.db.query('DELETE FROM team_membership WHERE child_id = $1 AND assignment_id = $2', [
      target,
      a.assignments[0]!.id,
    ]);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/children/${target}`, headers: { cookie } })).statusCode,
    ).toBe(404);

    const m = await t.login('malin.ahlgren');
    const malin = await personByUsername(t.tdb.db, 'malin.ahlgren');
    expect((await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie: m } })).statusCode).toBe(200);
    await t.tdb.db.query(`UPDATE assignment SET valid_from = $2::date - 30, valid_to = $2::date - 1 WHERE id = $1`, [
      malin.assignments[0]!.id,
      testToday(),
    ]);
    const ended = await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie: m } });
    expect(ended.statusCode).toBe(403);
    expect(ended.json().details).toEqual({ reason: 'assignment_required' });

    const s = await t.login('sara.nilsson');
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/inbox', headers: { cookie: s } })).statusCode).toBe(
      200,
    );
    await t.tdb.db.query(`UPDATE person SET enabled = false WHERE username = 'sara.nilsson'`);
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/inbox', headers: { cookie: s } })).statusCode).toBe(
      401,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: s } })).json().authenticated,
    ).toBe(false);
  });

  it('logout clears the session server-side: the old cookie is useless afterwards', async () => {
    const cookie = await t.login('david.ekstrom');
    expect((await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/session/logout', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('behind a TLS-terminating proxy (production)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', {
      NODE_ENV: 'production',
      OIDC_ISSUER: 'http://127.0.0.1:9/oidc',
      OIDC_CLIENT_ID: 'x',
      OIDC_ALLOW_INSECURE: 'true',
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  it('sends HSTS when the proxy says https (X-Forwarded-Proto), not for plain http', async () => {
    const viaTls = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    const plain = await t.app.inject({ method: 'GET', url: '/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});
