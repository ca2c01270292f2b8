import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTestServer, type RunningServer } from '../helpers/server.js';
import { demoProviderPlugin } from '../../src/server/auth/demo-provider.js';

// The OpenID Connect login, end to end over real HTTP: the relying party (/auth/login,
// /auth/callback) against the demo identity provider mounted at /oidc (demo mode), against an
// external oidc-provider (production mode), and against a hand-written provider that issues bad
// ID tokens. No browser: fetch with manual redirects and a small cookie jar.

/**
 * A tiny browser for driving the OpenID Connect redirect dance with plain fetch: a cookie jar per
 * host (path and expiry honoured loosely: enough for the flows here) and manual redirects.
 */
class Browser {
  private jar = new Map<string, Map<string, string>>();

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  cookieHeader(url: string): string {
    const host = new URL(url).host;
    return [...(this.jar.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, res);
    return res;
  }

  private store(url: string, res: Response): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    for (const line of res.headers.getSetCookie()) {
      const [nv, ...attrs] = line.split(';').map((s) => s.trim());
      const i = nv!.indexOf('=');
      const name = nv!.slice(0, i);
      const value = nv!.slice(i + 1);
      const expired = attrs.some((a) => {
        const [k, v] = a.split('=');
        if (k!.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k!.toLowerCase() === 'expires') return new Date(v!).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
  }

  /**
   * Follows redirects from `url` until the next hop would be the relying party's callback, and
   * returns that callback URL without requesting it (so a test can replay or tamper with it).
   */
  async toCallback(url: string, maxHops = 20): Promise<URL> {
    let next = url;
    for (let i = 0; i < maxHops; i++) {
      const res = await this.fetch(next);
      const loc = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !loc) {
        throw new Error(
          `expected a redirect at ${new URL(next).pathname}, got ${res.status}: ${(await res.text()).slice(0, 500)}`,
        );
      }
      const target = new URL(loc, next);
      if (target.pathname === '/auth/callback') return target;
      next = target.href;
    }
    throw new Error('too many redirects');
  }

  /** Follows redirects until a response is not a redirect; returns it and the URL it came from. */
  async follow(url: string, maxHops = 20): Promise<{ res: Response; url: URL }> {
    let next = url;
    for (let i = 0; i < maxHops; i++) {
      const res = await this.fetch(next);
      const loc = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !loc) return { res, url: new URL(next) };
      next = new URL(loc, next).href;
    }
    throw new Error('too many redirects');
  }
}

function setCookieNames(res: Response): string[] {
  return res.headers
    .getSetCookie()
    .filter((l) => !/;\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(l))
    .map((l) => l.split('=')[0]!);
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

type FakeIdTokenMode = 'ok' | 'wrong_iss' | 'wrong_aud' | 'expired' | 'wrong_nonce' | 'bad_signature';

/**
 * A deliberately small, hand-written identity provider that issues whatever ID token a test asks
 * for (wrong issuer, audience, expiry, nonce, signature): the relying party must refuse each.
 */
class FakeIdp {
  mode: FakeIdTokenMode = 'ok';
  subject = 'erik.johansson';
  /** Claims added to the ID token as they are (e.g. the unit/role of the login). */
  extraClaims: Record<string, unknown> = {};
  readonly clientId = 'barnkompass-fake';
  readonly clientSecret = 'fake-secret';
  private server: Server | null = null;
  private readonly key: KeyObject;
  private readonly otherKey: KeyObject;
  private readonly kid = randomUUID();
  private readonly codes = new Map<string, { nonce: string; clientId: string }>();

  constructor(readonly port: number) {
    this.key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    this.otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private idToken(nonce: string, clientId: string): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.mode === 'wrong_iss' ? `${this.issuer}/someone-else` : this.issuer,
      aud: this.mode === 'wrong_aud' ? 'another-client' : clientId,
      sub: this.subject,
      ...this.extraClaims,
      nonce: this.mode === 'wrong_nonce' ? 'not-the-nonce' : nonce,
      iat: this.mode === 'expired' ? now - 7200 : now,
      exp: this.mode === 'expired' ? now - 3600 : now + 300,
    };
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), this.mode === 'bad_signature' ? this.otherKey : this.key);
    return `${input}.${b64url(signature)}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.issuer);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
        });
      }
      if (url.pathname === '/jwks') {
        const jwk = this.key.export({ format: 'jwk' });
        return json(200, { keys: [{ kty: jwk.kty, n: jwk.n, e: jwk.e, kid: this.kid, alg: 'RS256', use: 'sig' }] });
      }
      if (url.pathname === '/authorize') {
        const code = randomBytes(16).toString('base64url');
        this.codes.set(code, {
          nonce: url.searchParams.get('nonce') ?? '',
          clientId: url.searchParams.get('client_id') ?? '',
        });
        const back = new URL(url.searchParams.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const form = new URLSearchParams(body);
          // client_secret_basic: both halves are form-urlencoded before base64.
          const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
          const [id, secret] = basic.split(':').map((p) => decodeURIComponent(p.replace(/\+/g, ' ')));
          if (id !== this.clientId || secret !== this.clientSecret) return json(401, { error: 'invalid_client' });
          const entry = this.codes.get(form.get('code') ?? '');
          this.codes.delete(form.get('code') ?? '');
          if (!entry) return json(400, { error: 'invalid_grant' });
          json(200, {
            access_token: randomBytes(16).toString('base64url'),
            token_type: 'Bearer',
            expires_in: 300,
            id_token: this.idToken(entry.nonce, entry.clientId),
          });
        });
        return;
      }
      json(404, { error: 'not_found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface AuditRow {
  action: string;
  outcome: string;
  actor_person_id: string | null;
  actor_assignment_id: string | null;
  details: Record<string, unknown>;
}

/** The audit row written for the request that produced `res`. */
async function auditOf(s: RunningServer, res: Response): Promise<AuditRow> {
  const requestId = res.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  const r = await s.tdb.db.query<AuditRow>(
    'SELECT action, outcome, actor_person_id, actor_assignment_id, details FROM audit_event WHERE request_id = $1',
    [requestId],
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0]!;
}

async function personId(s: RunningServer, username: string): Promise<string> {
  const r = await s.tdb.db.query<{ id: string }>('SELECT id FROM person WHERE username = $1', [username]);
  return r.rows[0]!.id;
}

async function sessionOf(s: RunningServer, b: Browser) {
  const res = await b.fetch(`${s.baseUrl}/api/session`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    authenticated: boolean;
    person: { id: string } | null;
    assignment: { id: string } | null;
    assignments: { id: string }[];
  };
}

/** Asserts the callback refused the login: 401 page, no session, and a login_failed audit row. */
async function expectRefused(s: RunningServer, res: Response, reason: string): Promise<AuditRow> {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const body = await res.text();
  expect(body).toContain('<html lang="sv">');
  expect(body).toContain('href="/login"');
  expect(body).toMatch(/Login failed/);
  expect(setCookieNames(res)).not.toContain(s.config.session.cookieName);
  const row = await auditOf(s, res);
  expect(row).toMatchObject({ action: 'session.login_failed', outcome: 'failed', actor_assignment_id: null });
  expect(row.details.reason).toBe(reason);
  return row;
}

describe('OIDC login in demo mode (relying party + demo identity provider)', () => {
  let s: RunningServer;
  let users: { id: string; username: string }[];
  const idOf = (username: string) => users.find((u) => u.username === username)!.id;

  beforeAll(async () => {
    s = await startTestServer('pglite');
    const res = await fetch(`${s.baseUrl}/api/dev/users`);
    users = ((await res.json()) as { users: { id: string; username: string }[] }).users;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('publishes the demo provider under /oidc with the expected issuer and logout endpoint', async () => {
    const res = await fetch(`${s.baseUrl}/oidc/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(`${s.baseUrl}/oidc`);
    expect(meta.authorization_endpoint).toBe(`${s.baseUrl}/oidc/auth`);
    expect(meta.token_endpoint).toBe(`${s.baseUrl}/oidc/token`);
    expect(meta.end_session_endpoint).toBe(`${s.baseUrl}/oidc/session/end`);
    expect(meta.code_challenge_methods_supported).toContain('S256');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('logs anna in through the provider: session cookie, and her single assignment preselected', async () => {
    const b = new Browser();
    const start = await b.fetch(`${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}`);
    expect(start.status).toBe(302);
    const authz = new URL(start.headers.get('location')!);
    expect(authz.origin + authz.pathname).toBe(`${s.baseUrl}/oidc/auth`);
    expect(authz.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authz.searchParams.get('login_hint')).toBe(idOf('anna.lindqvist'));
    expect(authz.searchParams.get('state')).toBeTruthy();
    expect(authz.searchParams.get('nonce')).toBeTruthy();
    const stateCookie = start.headers.getSetCookie().find((c) => c.startsWith('bk_oidc_state='))!;
    expect(stateCookie).toMatch(/HttpOnly/i);
    expect(stateCookie).toMatch(/SameSite=Lax/i);
    expect(stateCookie).toMatch(/Max-Age=600/i);
    // Only a hash of the state is stored.
    const stored = await s.tdb.db.query<{ state_hash: string }>('SELECT state_hash FROM oidc_login_state');
    expect(stored.rows.map((r) => r.state_hash)).not.toContain(authz.searchParams.get('state'));

    const callback = await b.toCallback(authz.href);
    expect(callback.searchParams.get('state')).toBe(authz.searchParams.get('state'));
    const res = await b.fetch(callback.href);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${s.config.session.cookieName}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);

    const session = await sessionOf(s, b);
    expect(session.authenticated).toBe(true);
    expect(session.person!.id).toBe(idOf('anna.lindqvist'));
    expect(session.assignments).toHaveLength(1);
    expect(session.assignment!.id).toBe(session.assignments[0]!.id);

    const row = await auditOf(s, res);
    expect(row).toMatchObject({
      action: 'session.login',
      outcome: 'permitted',
      actor_person_id: idOf('anna.lindqvist'),
      actor_assignment_id: session.assignment!.id,
      details: { method: 'oidc' },
    });
    const sess = await s.tdb.db.query<{ login_method: string; id_token: string | null }>(
      'SELECT login_method, id_token FROM user_session WHERE person_id = $1',
      [idOf('anna.lindqvist')],
    );
    expect(sess.rows.some((r) => r.login_method === 'oidc' && r.id_token && r.id_token.split('.').length === 3)).toBe(
      true,
    );
    // The state row is gone (one use), and so is the browser-binding cookie.
    expect(b.cookie(new URL(s.baseUrl).host, 'bk_oidc_state')).toBeUndefined();
    const left = await s.tdb.db.query('SELECT 1 FROM oidc_login_state');
    expect(left.rows).toHaveLength(0);

    // Replaying the same callback does not log in again.
    const replay = await b.fetch(callback.href);
    await expectRefused(s, replay, 'unknown_state');
  });

  it('logs erik in with no assignment chosen (he has two)', async () => {
    const b = new Browser();
    const res = await b.fetch((await b.toCallback(`${s.baseUrl}/auth/login?hint=${idOf('erik.johansson')}`)).href);
    expect(res.status).toBe(302);
    const session = await sessionOf(s, b);
    expect(session.person!.id).toBe(idOf('erik.johansson'));
    expect(session.assignment).toBeNull();
    expect(session.assignments).toHaveLength(2);
  });

  it('switches user at the provider when the hint names someone else', async () => {
    const b = new Browser();
    await b.fetch((await b.toCallback(`${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}`)).href);
    expect((await sessionOf(s, b)).person!.id).toBe(idOf('anna.lindqvist'));
    // The browser still has anna's provider session; the new hint must not silently reuse it.
    const { res, url } = await b.follow(`${s.baseUrl}/auth/login?hint=${idOf('admin.kronoberg')}`);
    // oidc-provider ends the previous provider session with an automatic form post (a script the
    // CSP allows by hash); this test browser has no scripts, so it submits the form itself.
    expect(res.status).toBe(200);
    const page = await res.text();
    const action = /<form[^>]+action="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    const fields = new URLSearchParams(
      [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-/);
    const posted = await b.fetch(new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    const callback = await b.toCallback(new URL(posted.headers.get('location')!, url).href);
    const done = await b.fetch(callback.href);
    expect(done.status).toBe(302);
    expect((await sessionOf(s, b)).person!.id).toBe(idOf('admin.kronoberg'));
  });

  it('follows a safe same-origin return path, and only that', async () => {
    const b = new Browser();
    const ok = await b.fetch(
      (
        await b.toCallback(
          `${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}&returnTo=${encodeURIComponent('/children?x=1')}`,
        )
      ).href,
    );
    expect(ok.headers.get('location')).toBe('/children?x=1');
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const b2 = new Browser();
      const res = await b2.fetch(
        (
          await b2.toCallback(
            `${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}&returnTo=${encodeURIComponent(evil)}`,
          )
        ).href,
      );
      expect(res.headers.get('location')).toBe('/');
    }
  });

  it('refuses a callback with a wrong or missing state', async () => {
    const b = new Browser();
    const callback = await b.toCallback(`${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}`);
    const wrong = new URL(callback);
    wrong.searchParams.set('state', 'not-the-state');
    await expectRefused(s, await b.fetch(wrong.href), 'unknown_state');
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    await expectRefused(s, await b.fetch(missing.href), 'missing_state');
  });

  it('refuses a callback from another browser (state not bound to this one)', async () => {
    const victim = new Browser();
    const attacker = new Browser();
    const callback = await attacker.toCallback(`${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}`);
    await expectRefused(s, await victim.fetch(callback.href), 'state_mismatch');
    // The state was spent by that attempt: the attacker cannot use it any more either.
    await expectRefused(s, await attacker.fetch(callback.href), 'unknown_state');
  });

  it('refuses a tampered authorization code', async () => {
    const b = new Browser();
    const callback = await b.toCallback(`${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}`);
    callback.searchParams.set('code', `${callback.searchParams.get('code')}x`);
    const row = await expectRefused(s, await b.fetch(callback.href), 'token_exchange_failed');
    expect(row.details.error).toBe('invalid_grant');
    expect(JSON.stringify(row.details)).not.toContain(callback.searchParams.get('code'));
  });

  it('refuses an error answer from the provider', async () => {
    const b = new Browser();
    const callback = await b.toCallback(`${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}`);
    const denied = new URL(callback);
    denied.searchParams.delete('code');
    denied.searchParams.set('error', 'access_denied');
    const row = await expectRefused(s, await b.fetch(denied.href), 'idp_error');
    expect(row.details.error).toBe('access_denied');
  });

  it('answers 400 to a hint that is not a demo person, or not an id at all', async () => {
    for (const hint of ['00000000-0000-4000-8000-000000000000', 'anna.lindqvist', "x'--"]) {
      const res = await fetch(`${s.baseUrl}/auth/login?hint=${encodeURIComponent(hint)}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<html lang="sv">');
      expect(res.headers.getSetCookie().join()).not.toContain('bk_oidc_state');
    }
  });

  it('without a hint, the provider shows the list of demo users as login links', async () => {
    const b = new Browser();
    const { res, url } = await b.follow(`${s.baseUrl}/auth/login`);
    expect(url.pathname).toMatch(/^\/oidc\/interaction\//);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('<nav aria-labelledby="demo-users-heading">');
    expect(page).toContain(`href="/auth/login?hint=${idOf('anna.lindqvist')}"`);
    expect(page).not.toMatch(/<script|style=/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('offers the provider logout (with id_token_hint) when the session ends', async () => {
    const b = new Browser();
    await b.fetch((await b.toCallback(`${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}`)).href);
    const res = await b.fetch(`${s.baseUrl}/api/session/logout`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { redirectTo } = (await res.json()) as { redirectTo: string };
    const u = new URL(redirectTo);
    expect(u.origin + u.pathname).toBe(`${s.baseUrl}/oidc/session/end`);
    expect(u.searchParams.get('post_logout_redirect_uri')).toBe(`${s.baseUrl}/login`);
    expect(u.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect((await sessionOf(s, b)).authenticated).toBe(false);
    // The provider asks for confirmation on its own page (served with our headers, no scripts).
    const confirm = await b.fetch(redirectTo);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('name="logout" value="yes"');
    expect(confirm.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  // Last in this block: it freezes the app's clock.
  it('refuses a callback after the login state has expired (10 minutes)', async () => {
    const b = new Browser();
    const callback = await b.toCallback(`${s.baseUrl}/auth/login?hint=${idOf('anna.lindqvist')}`);
    s.setNow(new Date(Date.now() + 11 * 60_000));
    await expectRefused(s, await b.fetch(callback.href), 'state_expired');
  });
});

describe('OIDC login in production mode (external provider)', () => {
  let s: RunningServer;
  let idp: FastifyInstance;
  let idpPort: number;

  beforeAll(async () => {
    idpPort = await freePort();
    s = await startTestServer('pglite', {
      NODE_ENV: 'production',
      OIDC_ISSUER: `http://127.0.0.1:${idpPort}/oidc`,
      OIDC_CLIENT_ID: 'barnkompass-ext',
      OIDC_CLIENT_SECRET: 'ext-secret-for-tests',
      OIDC_ALLOW_INSECURE: 'true',
    });
    expect(s.config.mode).toBe('production');
  });
  afterAll(async () => {
    await idp?.close();
    await s?.close();
  });

  it('has no demo provider, demo users or demo login', async () => {
    expect((await fetch(`${s.baseUrl}/oidc/.well-known/openid-configuration`)).status).toBe(404);
    expect((await fetch(`${s.baseUrl}/oidc/auth`)).status).toBe(404);
    expect((await fetch(`${s.baseUrl}/api/dev/users`)).status).toBe(404);
    const login = await fetch(`${s.baseUrl}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'anna.lindqvist' }),
    });
    expect(login.status).toBe(404);
  });

  it('answers 503 while the identity provider is unreachable, and recovers once it is up', async () => {
    const down = await fetch(`${s.baseUrl}/auth/login`, { redirect: 'manual' });
    expect(down.status).toBe(503);
    const page = await down.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).toMatch(/identity provider cannot be reached/);

    // An oidc-provider of its own, on another port: the same code as the demo provider, but a
    // separate server the relying party reaches only over HTTP.
    idp = Fastify({ logger: false });
    await idp.register(
      demoProviderPlugin({
        issuer: `http://127.0.0.1:${idpPort}/oidc`,
        db: s.tdb.db,
        clients: [
          {
            client_id: 'barnkompass-ext',
            client_secret: 'ext-secret-for-tests',
            redirect_uris: [`${s.baseUrl}/auth/callback`],
            post_logout_redirect_uris: [`${s.baseUrl}/login`],
          },
        ],
      }),
    );
    await idp.listen({ port: idpPort, host: '127.0.0.1' });

    const b = new Browser();
    const anna = await personId(s, 'anna.lindqvist');
    const callback = await b.toCallback(`${s.baseUrl}/auth/login?hint=${anna}`);
    expect(callback.searchParams.get('iss')).toBe(`http://127.0.0.1:${idpPort}/oidc`);
    const res = await b.fetch(callback.href);
    expect(res.status).toBe(302);
    const session = await sessionOf(s, b);
    expect(session.person!.id).toBe(anna);
    expect(session.assignment).not.toBeNull();
    expect(await auditOf(s, res)).toMatchObject({
      action: 'session.login',
      outcome: 'permitted',
      actor_person_id: anna,
    });

    const out = await b.fetch(`${s.baseUrl}/api/session/logout`, { method: 'POST' });
    const { redirectTo } = (await out.json()) as { redirectTo: string };
    expect(redirectTo.startsWith(`http://127.0.0.1:${idpPort}/oidc/session/end?`)).toBe(true);
  });
});

describe('ID token validation (a provider that issues bad ID tokens)', () => {
  let s: RunningServer;
  let fake: FakeIdp;

  beforeAll(async () => {
    fake = new FakeIdp(await freePort());
    await fake.start();
    s = await startTestServer('pglite', {
      NODE_ENV: 'production',
      OIDC_ISSUER: fake.issuer,
      OIDC_CLIENT_ID: fake.clientId,
      OIDC_CLIENT_SECRET: fake.clientSecret,
      OIDC_ALLOW_INSECURE: 'true',
    });
  });
  afterAll(async () => {
    await s?.close();
    await fake?.stop();
  });

  async function attempt(): Promise<Response> {
    const b = new Browser();
    return b.fetch((await b.toCallback(`${s.baseUrl}/auth/login`)).href);
  }

  it('accepts a correct token (so the refusals below are about the token alone)', async () => {
    fake.mode = 'ok';
    fake.subject = 'erik.johansson';
    const res = await attempt();
    expect(res.status).toBe(302);
    expect(setCookieNames(res)).toContain(s.config.session.cookieName);
  });

  it.each([
    ['wrong_iss', 'iss'],
    ['wrong_aud', 'aud'],
    ['wrong_nonce', 'nonce'],
    ['expired', 'exp'],
  ] as const)('refuses an ID token with %s', async (mode, claim) => {
    fake.mode = mode;
    fake.subject = 'erik.johansson';
    const row = await expectRefused(s, await attempt(), 'id_token_invalid');
    expect(row.details.claim).toBe(claim);
    expect(row.actor_person_id).toBeNull();
  });

  it('refuses an ID token signed with another key', async () => {
    fake.mode = 'bad_signature';
    await expectRefused(s, await attempt(), 'id_token_invalid');
  });

  it('refuses a subject that is no person here', async () => {
    fake.mode = 'ok';
    fake.subject = 'nobody.here';
    const row = await expectRefused(s, await attempt(), 'unknown_person');
    expect(JSON.stringify(row.details)).not.toContain('nobody.here');
  });

  it('maps an assignment claim to the recorded assignment, and narrows the session to it', async () => {
    const erik = await personId(s, 'erik.johansson');
    const rows = await s.tdb.db.query<{ id: string; unit_id: string }>(
      'SELECT id, unit_id FROM assignment WHERE person_id = $1 ORDER BY id',
      [erik],
    );
    const [first, second] = [rows.rows[0]!, rows.rows[1]!];
    s.config.oidc.assignmentClaim = 'units';
    try {
      fake.mode = 'ok';
      fake.subject = 'erik.johansson';
      fake.extraClaims = { units: [`${second.unit_id}:school_nurse`] };
      const b = new Browser();
      const res = await b.fetch((await b.toCallback(`${s.baseUrl}/auth/login`)).href);
      expect(res.status).toBe(302);
      const session = await sessionOf(s, b);
      expect(session.assignment?.id).toBe(second.id);
      expect(session.assignments.map((a: { id: string }) => a.id)).toEqual([second.id]);
      // The other recorded assignment cannot be chosen in this session.
      const sw = await b.fetch(`${s.baseUrl}/api/session/assignment`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ assignmentId: first.id }),
      });
      expect(sw.status).toBe(400);

      fake.extraClaims = { units: ['00000000-0000-4000-8000-000000000000'] };
      await expectRefused(s, await attempt(), 'assignment_not_recorded');
    } finally {
      s.config.oidc.assignmentClaim = undefined;
      fake.extraClaims = {};
    }
  });

  it('refuses a disabled person, naming them only by id in the audit', async () => {
    fake.mode = 'ok';
    fake.subject = 'admin.kronoberg';
    const id = await personId(s, 'admin.kronoberg');
    await s.tdb.db.query('UPDATE person SET enabled = false WHERE id = $1', [id]);
    const row = await expectRefused(s, await attempt(), 'person_disabled');
    expect(row.actor_person_id).toBe(id);
  });
});
