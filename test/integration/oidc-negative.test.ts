import { createServer, request, type Server } from 'node:http';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProviderPlugin } from '../../src/server/auth/demo-provider.js';
import { freePort, startTestServer, type RunningServer } from '../helpers/server.js';

// ID-token validation against the REAL local OpenID provider (oidc-provider, the same code as the
// demo provider): discovery, the login interaction, the authorization code, the token endpoint and
// the JWKS are all the provider's. A transparent proxy in front of it changes only the ID token in
// the token endpoint's answer — re-signed with the provider's own key (so only the changed claim is
// wrong), signed with a key the JWKS does not know, or not signed at all (alg "none"). Every
// variant must end in 401, no session cookie, and a session.login_failed audit row.

type Tamper =
  | 'none'
  | 'wrong_iss'
  | 'wrong_aud'
  | 'expired'
  | 'not_yet_valid'
  | 'alg_none'
  | 'unknown_key'
  | 'wrong_key_same_kid'
  | `missing_${'sub' | 'exp' | 'iat' | 'aud' | 'iss' | 'nonce'}`;

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

class TamperingProxy {
  mode: Tamper = 'none';
  private server: Server | null = null;
  private readonly otherKey: KeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  constructor(
    readonly port: number,
    private readonly upstreamPort: number,
    private readonly key: KeyObject,
    readonly _kid: string,
  ) {}

  private forge(idToken: string): string {
    const [h, p] = idToken.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    switch (this.mode) {
      case 'wrong_iss':
        claims.iss = `${String(claims.iss)}-evil`;
        break;
      case 'wrong_aud':
        claims.aud = 'another-client';
        break;
      case 'expired':
        claims.iat = now - 7200;
        claims.exp = now - 3600;
        break;
      case 'not_yet_valid':
        claims.nbf = now + 3600;
        break;
      default:
        if (this.mode.startsWith('missing_')) delete claims[this.mode.slice('missing_'.length)];
    }
    if (this.mode === 'alg_none')
      return `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`;
    const outHeader = this.mode === 'unknown_key' ? { ...header, kid: randomUUID() } : header;
    const input = `${b64url(JSON.stringify(outHeader))}.${b64url(JSON.stringify(claims))}`;
    const key = this.mode === 'unknown_key' || this.mode === 'wrong_key_same_kid' ? this.otherKey : this.key;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const up = request(
          { host: '127.0.0.1', port: this.upstreamPort, method: req.method, path: req.url, headers: req.headers },
          (ur) => {
            const out: Buffer[] = [];
            ur.on('data', (c: Buffer) => out.push(c));
            ur.on('end', () => {
              let body = Buffer.concat(out);
              const headers = { ...ur.headers };
              if (req.url?.startsWith('/oidc/token') && ur.statusCode === 200) {
                const json = JSON.parse(body.toString()) as { id_token?: string };
                if (json.id_token) json.id_token = this.forge(json.id_token);
                body = Buffer.from(JSON.stringify(json));
              }
              delete headers['content-length'];
              delete headers['transfer-encoding'];
              res.writeHead(ur.statusCode ?? 502, { ...headers, 'content-length': String(body.length) });
              res.end(body);
            });
          },
        );
        up.on('error', () => {
          res.writeHead(502);
          res.end();
        });
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Fetch with a cookie jar per host and manual redirects: enough for the OIDC redirect dance. */
class Browser {
  private jar = new Map<string, Map<string, string>>();
  async fetch(url: string): Promise<Response> {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    const res = await fetch(url, {
      headers: cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [nv, ...attrs] = line.split(';').map((s) => s.trim());
      const i = nv!.indexOf('=');
      const gone =
        nv!.slice(i + 1) === '' ||
        attrs.some(
          (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() <= Date.now()),
        );
      if (gone) cookies.delete(nv!.slice(0, i));
      else cookies.set(nv!.slice(0, i), nv!.slice(i + 1));
    }
    return res;
  }
  /** Follows redirects through the provider until the relying party's callback, and requests it. */
  async login(start: string): Promise<Response> {
    let next = start;
    for (let i = 0; i < 20; i++) {
      const res = await this.fetch(next);
      const loc = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !loc)
        throw new Error(`expected a redirect at ${new URL(next).pathname}, got ${res.status}`);
      const target = new URL(loc, next);
      if (target.pathname === '/auth/callback') return this.fetch(target.href);
      next = target.href;
    }
    throw new Error('too many redirects');
  }
}

describe('OIDC: forged ID tokens from the real local provider are refused', () => {
  let s: RunningServer;
  let idp: FastifyInstance;
  let proxy: TamperingProxy;
  let anna: string;

  beforeAll(async () => {
    const [idpPort, proxyPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${proxyPort}/oidc`;
    s = await startTestServer('pglite', {
      NODE_ENV: 'production',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'barnkompass-neg',
      OIDC_CLIENT_SECRET: 'neg-secret-for-tests',
      OIDC_ALLOW_INSECURE: 'true',
    });
    const kid = randomUUID();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    idp = Fastify({ logger: false });
    await idp.register(
      demoProviderPlugin({
        issuer,
        db: s.tdb.db,
        clients: [
          {
            client_id: 'barnkompass-neg',
            client_secret: 'neg-secret-for-tests',
            redirect_uris: [`${s.baseUrl}/auth/callback`],
            post_logout_redirect_uris: [`${s.baseUrl}/login`],
          },
        ],
        signingKeys: [{ ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
      }),
    );
    await idp.listen({ port: idpPort, host: '127.0.0.1' });
    proxy = new TamperingProxy(proxyPort, idpPort, privateKey, kid);
    await proxy.start();
    anna = (await s.tdb.db.query<{ id: string }>(`SELECT id FROM person WHERE username = 'anna.lindqvist'`)).rows[0]!
      .id;
  });
  afterAll(async () => {
    await s?.close();
    await idp?.close();
    await proxy?.stop();
  });

  const attempt = async (mode: Tamper) => {
    proxy.mode = mode;
    const b = new Browser();
    const res = await b.login(`${s.baseUrl}/auth/login?hint=${anna}`);
    return { res, b };
  };
  const auditOf = async (res: Response) =>
    (
      await s.tdb.db.query<{
        action: string;
        outcome: string;
        actor_person_id: string | null;
        details: Record<string, unknown>;
      }>('SELECT action, outcome, actor_person_id, details FROM audit_event WHERE request_id = $1', [
        res.headers.get('x-request-id'),
      ])
    ).rows;
  const sessions = async () =>
    Number(
      (await s.tdb.db.query<{ n: string }>('SELECT count(*) AS n FROM user_session WHERE person_id = $1', [anna]))
        .rows[0]!.n,
    );

  it('accepts the token re-signed unchanged (the refusals below are about the change alone)', async () => {
    const { res, b } = await attempt('none');
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${s.config.session.cookieName}=`))).toBe(true);
    const session = await b.fetch(`${s.baseUrl}/api/session`);
    expect(((await session.json()) as { person: { id: string } }).person.id).toBe(anna);
  });

  it.each([
    ['wrong_iss', 'iss'],
    ['wrong_aud', 'aud'],
    ['expired', 'exp'],
    ['not_yet_valid', 'nbf'],
    ['missing_sub', 'sub'],
    ['missing_exp', 'exp'],
    ['missing_iat', 'iat'],
    ['missing_aud', 'aud'],
    ['missing_iss', 'iss'],
    ['missing_nonce', 'nonce'],
    ['alg_none', null],
    ['unknown_key', null],
    ['wrong_key_same_kid', null],
  ] as const)('refuses %s: 401, no session, audited', async (mode, claim) => {
    const before = await sessions();
    const { res } = await attempt(mode);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).not.toMatch(/eyJ|Lindqvist|anna\.lindqvist/);
    expect(
      res.headers.getSetCookie().some((c) => c.startsWith(`${s.config.session.cookieName}=`) && !/max-age=0/i.test(c)),
    ).toBe(false);
    expect(await sessions()).toBe(before);
    const rows = await auditOf(res);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'session.login_failed',
      outcome: 'failed',
      actor_person_id: null,
      details: { reason: 'id_token_invalid', method: 'oidc' },
    });
    if (claim) expect(rows[0]!.details.claim).toBe(claim);
    expect(JSON.stringify(rows[0]!.details)).not.toMatch(/eyJ/);
  });
});
