import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountyIdp, startCountyIdp } from '../helpers/county-idp.js';
import { freePort, type RunningServer, startTestServer } from '../helpers/server.js';

/**
 * The family's login over real HTTP: through the demo identity provider (a real oidc-provider that
 * sends the Swedish OIDC profile's personnummer claim), and through a provider that sends no
 * personnummer — a broker set up without the claim — which must end on a clear page, no session.
 */

/** A browser's redirects with a cookie jar per host, from `url` until it leaves the login routes. */
async function follow(start: string, baseUrl: string): Promise<{ cookies: Map<string, string>; last: Response }> {
  const jar = new Map<string, Map<string, string>>();
  const header = (url: string) =>
    [...(jar.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = start;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: header(url) } });
    const cookies = jar.get(new URL(url).host) ?? new Map<string, string>();
    jar.set(new URL(url).host, cookies);
    for (const line of res.headers.getSetCookie()) {
      const [nv] = line.split(';');
      const i = nv!.indexOf('=');
      const value = nv!.slice(i + 1);
      if (value === '') cookies.delete(nv!.slice(0, i).trim());
      else cookies.set(nv!.slice(0, i).trim(), value);
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location)
      return { cookies: jar.get(new URL(baseUrl).host) ?? new Map(), last: res };
    url = new URL(location, url).href;
    if (url.startsWith(baseUrl) && !new URL(url).pathname.startsWith('/auth/') && !url.includes('/oidc/'))
      return { cookies: jar.get(new URL(baseUrl).host) ?? new Map(), last: res };
  }
  throw new Error('too many redirects');
}

describe('the family logs in with their personnummer', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startTestServer('pglite');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a demo guardian logs in through the demo provider and reaches the family’s Barnkompass, never the staff’s', async () => {
    const users = (await (await fetch(`${s.baseUrl}/api/dev/users`)).json()) as {
      users: { kind: string; id: string }[];
    };
    const guardian = users.users.find((u) => u.kind === 'guardian')!;
    const { cookies, last } = await follow(`${s.baseUrl}/auth/familj/login?hint=g-${guardian.id}`, s.baseUrl);
    expect(last.headers.get('location')).toBe('/familj');
    const family = cookies.get('bk_family');
    expect(family).toBeTruthy();
    expect(cookies.has('bk_session')).toBe(false);
    const me = await fetch(`${s.baseUrl}/api/portal/me`, { headers: { cookie: `bk_family=${family}` } });
    expect(await me.json()).toMatchObject({ authenticated: true, citizen: { kind: 'guardian' } });
    const staff = await fetch(`${s.baseUrl}/api/children`, { headers: { cookie: `bk_family=${family}` } });
    expect(staff.status).toBe(401);
    const login = await s.tdb.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE action = 'session.login' ORDER BY seq DESC LIMIT 1`,
    );
    expect(login.rows[0]!.details).toEqual({ method: 'oidc', citizen: 'guardian', citizenId: guardian.id });
  });

  it('a hint that names no demo family member is a bad request', async () => {
    const res = await fetch(`${s.baseUrl}/auth/familj/login?hint=not-a-hint`, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});

describe('a broker that sends no personnummer', () => {
  let s: RunningServer;
  let idp: CountyIdp;
  beforeAll(async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    idp = await startCountyIdp({
      clientId: 'barnkompass-family',
      clientSecret: 'family-secret-for-tests',
      redirectUri: `${baseUrl}/auth/familj/callback`,
    });
    s = await startTestServer('pglite', {
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      FAMILY_OIDC_ISSUER: idp.issuer,
      FAMILY_OIDC_CLIENT_ID: 'barnkompass-family',
      FAMILY_OIDC_CLIENT_SECRET: 'family-secret-for-tests',
    });
  });
  afterAll(async () => {
    await s?.close();
    await idp?.close();
  });

  it('fails with a clear page, no session, and the reason in the audit', async () => {
    idp.loginAs('some-opaque-subject');
    const { cookies, last } = await follow(`${s.baseUrl}/auth/familj/login`, s.baseUrl);
    expect(last.status).toBe(401);
    const page = await last.text();
    expect(page).toContain('Inloggningen gav inget personnummer');
    expect(cookies.has('bk_family')).toBe(false);
    const failed = await s.tdb.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE action = 'session.login_failed' ORDER BY seq DESC LIMIT 1`,
    );
    expect(failed.rows[0]!.details).toMatchObject({ reason: 'personnummer_missing', portal: 'family' });
  });
});
