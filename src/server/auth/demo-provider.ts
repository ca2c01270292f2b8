import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Account, ClientMetadata, Interaction, KoaContextWithOIDC, Provider as ProviderType } from 'oidc-provider';
import type { AppContext } from '../context.js';
import type { Queryable } from '../db/client.js';
import { createMemoryAdapterFactory } from './oidc-memory-adapter.js';
import { demoUserListPage, escapeHtml, renderPage, type DemoUserLink } from './oidc-pages.js';

/**
 * The demo identity provider: a real OpenID Connect provider (oidc-provider) for the fictional
 * demo users, mounted in demo mode only. The relying party (oidc-routes.ts) talks to it over HTTP
 * exactly as it talks to a production provider.
 *
 * Accounts are demo persons (is_test_data, with a username); `sub` is the username. The login
 * prompt is completed without a password for the person named by `login_hint` (a person id),
 * which is how the demo login page's links work; without a usable hint the provider shows the list
 * of demo users. Consent for openid/profile/email is granted automatically: the clients are our
 * own, configured here, never registered dynamically.
 */

export const DEMO_CLIENT_ID = 'barnkompass-demo';
export const DEMO_CLIENT_SECRET = 'demo-secret-not-for-production';
/** The Swedish OIDC profile: the scope that asks for the personnummer, and its claim. */
const PNR_SCOPE = 'https://id.oidc.se/scope/naturalPersonNumber';
const PNR_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';
const GRANTABLE_SCOPES = new Set(['openid', 'profile', 'email', PNR_SCOPE]);
/** A demo family account: `g-<guardian id>` or `c-<child id>` (the family login's hint names one). */
const FAMILY_ACCOUNT = /^([gc])-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

interface DemoFamilyRow {
  given_name: string;
  family_name: string;
  personnummer: string;
}

/** A demo guardian or child (test data) by their account id, for the family login. */
async function findDemoFamily(db: Queryable, accountId: string): Promise<DemoFamilyRow | undefined> {
  const m = FAMILY_ACCOUNT.exec(accountId);
  if (!m) return undefined;
  const r = await db.query<DemoFamilyRow>(
    `SELECT given_name, family_name, personnummer FROM ${m[1] === 'g' ? 'guardian' : 'child'}
      WHERE id = $1 AND is_test_data AND personnummer IS NOT NULL`,
    [m[2]],
  );
  return r.rows[0];
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DemoProviderOptions {
  /** The issuer identifier, e.g. `${publicUrl}/oidc`; its path is where the provider is mounted. */
  issuer: string;
  db: Queryable;
  clients: ClientMetadata[];
  /** Where the demo user list links to (the relying party's login route). */
  loginPath?: string;
  /** Trust X-Forwarded-Proto/-For (behind a TLS-terminating proxy). */
  proxy?: boolean;
  /**
   * The private signing keys (JWK with kid, alg and use), for tests that must sign tokens the
   * provider's JWKS vouches for; by default a fresh RSA key per process.
   */
  signingKeys?: Record<string, unknown>[];
}

export interface DemoProvider {
  provider: ProviderType;
  /** The path prefix the provider is mounted under ('' for the root). */
  prefix: string;
}

interface DemoPersonRow {
  id: string;
  username: string;
  given_name: string;
  family_name: string;
  email: string | null;
  enabled: boolean;
}

let providerModule: Promise<typeof import('oidc-provider')> | null = null;

/**
 * Loads oidc-provider once. Its import prints a notice about the Node.js version (it prefers 22;
 * it runs on 20) which would land in every test run and server start: that one line is muted.
 */
function loadProviderModule(): Promise<typeof import('oidc-provider')> {
  providerModule ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider WARNING: Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return providerModule;
}

async function signingKey(): Promise<Record<string, unknown>> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  // Per process: restarting the demo invalidates its tokens, which is fine for a demo.
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

async function findDemoPersonByUsername(db: Queryable, username: string): Promise<DemoPersonRow | undefined> {
  const r = await db.query<DemoPersonRow>(
    'SELECT id, username, given_name, family_name, email, enabled FROM person WHERE username = $1 AND is_test_data',
    [username],
  );
  return r.rows[0];
}

async function findDemoPersonById(db: Queryable, id: string): Promise<DemoPersonRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await db.query<DemoPersonRow>(
    'SELECT id, username, given_name, family_name, email, enabled FROM person WHERE id = $1 AND username IS NOT NULL AND is_test_data AND enabled',
    [id],
  );
  return r.rows[0];
}

async function listDemoUsers(db: Queryable): Promise<DemoUserLink[]> {
  const r = await db.query<{ id: string; given_name: string; family_name: string; titles: string[] | null }>(
    `SELECT p.id, p.given_name, p.family_name,
            array_agg(DISTINCT COALESCE(a.title, a.role)) FILTER (WHERE a.id IS NOT NULL) AS titles
       FROM person p LEFT JOIN assignment a ON a.person_id = p.id
      WHERE p.username IS NOT NULL AND p.is_test_data AND p.enabled
      GROUP BY p.id ORDER BY p.family_name, p.given_name`,
  );
  return r.rows.map((u) => ({ id: u.id, name: `${u.given_name} ${u.family_name}`, titles: u.titles ?? [] }));
}

function simplePage(ctx: KoaContextWithOIDC, title: string, sv: string, en: string, extraHtml = '') {
  ctx.type = 'html';
  ctx.body = renderPage({
    title,
    heading: title,
    paragraphs: [sv],
    english: en,
    extraHtml,
    link: { href: '/login', text: 'Till inloggningen' },
  });
}

/** A demo account: a family member (`g-…`/`c-…`, with the personnummer claim) or a demo professional. */
async function demoAccount(db: Queryable, sub: string): Promise<Account | undefined> {
  const family = await findDemoFamily(db, sub);
  if (family)
    return {
      accountId: sub,
      claims: () => ({
        sub,
        name: `${family.given_name} ${family.family_name}`,
        given_name: family.given_name,
        family_name: family.family_name,
        [PNR_CLAIM]: family.personnummer,
      }),
    };
  const person = await findDemoPersonByUsername(db, sub);
  if (!person) return undefined;
  return {
    accountId: person.username,
    claims: () => ({
      sub: person.username,
      name: `${person.given_name} ${person.family_name}`,
      given_name: person.given_name,
      family_name: person.family_name,
      ...(person.email ? { email: person.email } : {}),
    }),
  };
}

export async function createDemoProvider(opts: DemoProviderOptions): Promise<DemoProvider> {
  const { Provider, interactionPolicy } = await loadProviderModule();
  const prefix = new URL(opts.issuer).pathname.replace(/\/$/, '');
  const db = opts.db;

  // Login is also required when the hint names someone other than the person already signed in at
  // the provider: switching demo users must not silently keep the previous one.
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('login_hint_mismatch', 'login_hint names another account', async (ctx) => {
      const hint = ctx.oidc.params?.login_hint;
      const current = ctx.oidc.session?.accountId;
      if (typeof hint !== 'string' || !current) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      if (FAMILY_ACCOUNT.test(hint) || FAMILY_ACCOUNT.test(current))
        return hint !== current ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const person = await findDemoPersonById(db, hint);
      return person && person.username !== current
        ? interactionPolicy.Check.REQUEST_PROMPT
        : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );

  const configuration = {
    adapter: createMemoryAdapterFactory(),
    clients: opts.clients.map((c) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      ...c,
    })),
    jwks: { keys: opts.signingKeys ?? [await signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name'],
      email: ['email'],
      [PNR_SCOPE]: [PNR_CLAIM, 'name', 'given_name', 'family_name'],
    },
    scopes: ['openid', 'profile', 'email', PNR_SCOPE],
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          // `form` is the provider's own hidden form (with its anti-forgery token); the buttons submit it.
          simplePage(
            ctx,
            'Logga ut',
            'Vill du logga ut från demoinloggningen?',
            'Do you want to sign out of the demo identity provider?',
            `${form}\n<p><button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Ja, logga ut</button> <button type="submit" form="op.logoutForm">Nej, förbli inloggad</button></p>`,
          );
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          simplePage(
            ctx,
            'Utloggad',
            'Du är utloggad från demoinloggningen.',
            'You are signed out of the demo identity provider.',
          );
        },
      },
    },
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => demoAccount(db, sub),
    interactions: {
      policy,
      url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `${prefix}/interaction/${interaction.uid}`,
    },
    async renderError(ctx: KoaContextWithOIDC, out: Record<string, unknown>) {
      const error = typeof out.error === 'string' ? out.error : 'server_error';
      simplePage(
        ctx,
        'Inloggningen kunde inte genomföras',
        'Demoinloggningen kunde inte slutföra begäran. Börja om från inloggningssidan.',
        'The demo identity provider could not complete the request. Start again from the login page.',
        `<p>Felkod / error code: <code>${escapeHtml(error)}</code></p>`,
      );
    },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      RefreshToken: 3600,
      ClientCredentials: 600,
      DeviceCode: 600,
      BackchannelAuthenticationRequest: 600,
    },
    pkce: { required: () => true },
  };

  const provider = new Provider(opts.issuer, configuration);
  provider.proxy = opts.proxy ?? false;
  return { provider, prefix };
}

function securityHeaders(res: ServerResponse, formTargets: string[]): void {
  // The provider's own pages (logout confirmation, errors, and the automatic form posts it uses
  // when switching accounts) are served straight from node's response: set our headers there. It
  // adds the hash of any inline script it emits to script-src itself.
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

function htmlReply(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/**
 * Mounts a demo provider into Fastify under its issuer's path:
 *  - `${prefix}/interaction/:uid` is an ordinary Fastify route (login and consent, see above);
 *  - everything else under `${prefix}/` is handed to the provider's own request handler: the reply
 *    is hijacked and node's req/res passed on, with the prefix cut off `req.url` and the full path
 *    kept in `req.originalUrl` (oidc-provider derives its mount path from the two, so the URLs it
 *    builds keep the prefix). The request body is left unread for the provider to parse.
 */
export function demoProviderPlugin(opts: DemoProviderOptions): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const { provider, prefix } = await createDemoProvider(opts);
    const handle = provider.callback();
    const loginPath = opts.loginPath ?? '/auth/login';
    const formTargets = [
      ...new Set(
        opts.clients
          .flatMap((c) => [...(c.redirect_uris ?? []), ...(c.post_logout_redirect_uris ?? [])])
          .map((u) => new URL(u).origin),
      ),
    ];

    provider.on('server_error', (_ctx: unknown, err: unknown) => {
      app.log.error({ errName: (err as Error | undefined)?.name }, 'demo identity provider error');
    });

    // Leave bodies to the provider (token endpoint, logout form): no parsing in this scope.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

    app.get<{ Params: { uid: string } }>(
      `${prefix}/interaction/:uid`,
      { schema: { hide: true } },
      async (req, reply) => {
        // No (or an expired) interaction cookie, or one for another interaction: start over.
        const details: Interaction | null = await provider.interactionDetails(req.raw, reply.raw).catch(() => null);
        if (!details || details.uid !== req.params.uid) {
          return htmlReply(
            reply,
            400,
            renderPage({
              title: 'Inloggningen har gått ut',
              heading: 'Inloggningen har gått ut',
              paragraphs: [
                'Inloggningsförsöket finns inte längre (det kan ha tagit för lång tid). Börja om från inloggningssidan.',
              ],
              english: 'This login attempt has expired or is unknown. Start again from the login page.',
            }),
          );
        }

        if (details.prompt.name === 'login') {
          const hint = details.params.login_hint;
          if (typeof hint === 'string' && (await findDemoFamily(opts.db, hint))) {
            const to = await provider.interactionResult(
              req.raw,
              reply.raw,
              { login: { accountId: hint, remember: false } },
              { mergeWithLastSubmission: false },
            );
            return reply.redirect(to, 303);
          }
          const person = typeof hint === 'string' ? await findDemoPersonById(opts.db, hint) : undefined;
          if (!person) return htmlReply(reply, 200, demoUserListPage(await listDemoUsers(opts.db), loginPath));
          const to = await provider.interactionResult(
            req.raw,
            reply.raw,
            { login: { accountId: person.username, remember: false } },
            { mergeWithLastSubmission: false },
          );
          return reply.redirect(to, 303);
        }

        if (details.prompt.name === 'consent') {
          const accountId = details.session?.accountId;
          const clientId = details.params.client_id;
          const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
          const grant = existing ?? new provider.Grant({ accountId, clientId });
          const missing = details.prompt.details;
          const scopes = (missing.missingOIDCScope ?? []).filter((s) => GRANTABLE_SCOPES.has(s));
          if (scopes.length) grant.addOIDCScope(scopes.join(' '));
          if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
          const grantId = await grant.save();
          const to = await provider.interactionResult(
            req.raw,
            reply.raw,
            { consent: existing ? {} : { grantId } },
            { mergeWithLastSubmission: true },
          );
          return reply.redirect(to, 303);
        }

        const to = await provider.interactionResult(
          req.raw,
          reply.raw,
          { error: 'access_denied', error_description: 'unsupported interaction' },
          { mergeWithLastSubmission: false },
        );
        return reply.redirect(to, 303);
      },
    );

    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const;
    const mount = async (req: { raw: import('node:http').IncomingMessage }, reply: FastifyReply) => {
      reply.hijack();
      const raw = req.raw as import('node:http').IncomingMessage & { originalUrl?: string };
      const original = raw.url ?? '/';
      securityHeaders(reply.raw, formTargets);
      raw.originalUrl = original;
      raw.url = original.slice(prefix.length) || '/';
      try {
        await handle(raw, reply.raw);
      } finally {
        raw.url = original;
        delete raw.originalUrl;
      }
    };
    app.route({
      method: [...methods],
      url: `${prefix}/*`,
      schema: { hide: true },
      exposeHeadRoute: false,
      handler: mount,
    });
  };
}

/** The demo provider as this app mounts it (demo mode only): issuer `${publicUrl}/oidc`. */
export function demoProviderRoutes(ctx: AppContext): FastifyPluginAsync {
  const { publicUrl } = ctx.config;
  return demoProviderPlugin({
    issuer: `${publicUrl}/oidc`,
    db: ctx.db,
    clients: [
      {
        client_id: DEMO_CLIENT_ID,
        client_secret: DEMO_CLIENT_SECRET,
        redirect_uris: [`${publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${publicUrl}/login`],
      },
      {
        client_id: ctx.config.familyOidc.clientId ?? 'barnkompass-demo-family',
        client_secret: ctx.config.familyOidc.clientSecret ?? 'demo-family-secret-not-for-production',
        redirect_uris: [`${publicUrl}/auth/familj/callback`],
        post_logout_redirect_uris: [`${publicUrl}/familj`],
      },
    ],
    proxy: publicUrl.startsWith('https://'),
  });
}
