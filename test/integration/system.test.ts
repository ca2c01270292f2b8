import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/app-config.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDb } from '../helpers/db.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

describe('system endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /health answers ok', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI document generated from the zod schemas, and a browsable page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/children'].get).toBeDefined();
    expect(doc.paths['/api/children/{childId}'].get.responses['404']).toBeDefined();
    expect(doc.paths['/api/children/search'].post.requestBody).toBeDefined();
    expect(doc.components.schemas.ChildOverview.properties.guardians).toBeDefined();
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(page.statusCode);
  });

  it('child data is never cached and carries security headers', async () => {
    const cookie = await t.login('anna.lindqvist');
    const res = await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('session cookies are HttpOnly and SameSite', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/dev/login', payload: { username: 'anna.lindqvist' } });
    const c = res.cookies[0]!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.path).toBe('/');
  });

  it('sessions end after the idle timeout and the absolute timeout, and at logout', async () => {
    const cookie = await t.login('anna.lindqvist');
    const start = t.now().getTime();
    t.setNow(new Date(start + 29 * 60_000));
    expect((await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } })).statusCode).toBe(200);
    t.setNow(new Date(start + 29 * 60_000 + 31 * 60_000));
    expect((await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } })).statusCode).toBe(401);

    t.setNow(new Date(start));
    const c2 = await t.login('anna.lindqvist');
    // Active every 20 minutes, still ended by the 10 h absolute limit.
    for (let m = 20; m < 600; m += 20) {
      t.setNow(new Date(start + m * 60_000));
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: c2 } })).json().authenticated,
      ).toBe(true);
    }
    t.setNow(new Date(start + 601 * 60_000));
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: c2 } })).json().authenticated,
    ).toBe(false);
    t.setNow(new Date(start));

    const c3 = await t.login('anna.lindqvist');
    const out = await t.app.inject({ method: 'POST', url: '/api/session/logout', headers: { cookie: c3 } });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie: c3 } })).statusCode).toBe(401);
  });

  it('a disabled account loses access on its next request', async () => {
    const cookie = await t.login('johan.falk');
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().authenticated).toBe(
      true,
    );
    await t.tdb.db.query("UPDATE person SET enabled = false WHERE username = 'johan.falk'");
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().authenticated).toBe(
      false,
    );
  });
});

describe('production mode', () => {
  it('has no demo login, no /api/dev and no demo identity provider', async () => {
    const tdb = await openTestDb('pglite');
    await tdb.db.useAppRole();
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      OIDC_ISSUER: 'https://idp.example.se',
      OIDC_CLIENT_ID: 'bk',
      OIDC_CLIENT_SECRET: 's',
      BARNKOMPASS_WEB_DIST: inject('webDist'),
    });
    const { app } = await buildApp(config, tdb.db);
    try {
      expect(config.mode).toBe('production');
      expect((await app.inject({ method: 'GET', url: '/api/dev/users' })).statusCode).toBe(404);
      expect(
        (await app.inject({ method: 'POST', url: '/api/dev/login', payload: { username: 'anna.lindqvist' } }))
          .statusCode,
      ).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/oidc/.well-known/openid-configuration' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/session' })).json()).toMatchObject({
        authenticated: false,
        mode: 'production',
      });
    } finally {
      await app.close();
      await tdb.dispose();
    }
  });
});

describe('logs', () => {
  it('never contain personnummer, names or session tokens', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const tdb = await openTestDb('pglite');
    await tdb.db.useAppRole();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', BARNKOMPASS_WEB_DIST: inject('webDist') });
    config.audit.anchorFile = undefined;
    const { app } = await buildApp(config, tdb.db, { logStream: sink });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/dev/login',
        payload: { username: 'anna.lindqvist' },
      });
      const cookie = `${login.cookies[0]!.name}=${login.cookies[0]!.value}`;
      const kids = [await scenario(tdb.db, testToday()).child({ team: ['anna.lindqvist'] })];
      const child = await tdb.db.query<{ personnummer: string; given_name: string; family_name: string }>(
        'SELECT personnummer, given_name, family_name FROM child WHERE id = $1',
        [kids[0]!.id],
      );
      const c = child.rows[0]!;
      await app.inject({
        method: 'POST',
        url: '/api/children/search',
        headers: { cookie },
        payload: { personnummer: c.personnummer },
      });
      await app.inject({
        method: 'POST',
        url: '/api/children/search',
        headers: { cookie },
        payload: { personnummer: `${c.personnummer.slice(0, 11)}0` },
      });
      await app.inject({ method: 'GET', url: `/api/children/${kids[0]!.id}`, headers: { cookie } });
      const log = lines.join('');
      expect(log.length).toBeGreaterThan(100);
      expect(log).not.toContain(c.personnummer);
      expect(log).not.toContain(c.personnummer.slice(2));
      expect(log).not.toContain(c.family_name);
      expect(log).not.toContain(login.cookies[0]!.value);
    } finally {
      await app.close();
      await tdb.dispose();
    }
  });
});
