import { swedishToday } from '../clock.js';
import { assignmentsFromClaim } from './assignment-claims.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import { z } from 'zod';
import { recordEvents } from '../access/audit-door.js';
import { auditEvent } from '../access/audit-events.js';
import type { AppContext } from '../context.js';
import { setSessionCookie } from '../http/session-hook.js';
import { createSession, listActiveAssignments } from './sessions.js';
import { IdpUnavailableError, OidcClient } from './oidc-client.js';
import { badLoginRequestPage, loginFailedPage, loginUnavailablePage } from './oidc-pages.js';

/** How long a started login may take before its callback is refused. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;

/** Why a login failed, as recorded in the audit (a fixed vocabulary: never tokens or names). */
export type LoginFailureReason =
  | 'missing_state'
  | 'unknown_state'
  | 'state_expired'
  | 'state_mismatch'
  | 'idp_error'
  | 'token_exchange_failed'
  | 'id_token_invalid'
  | 'subject_missing'
  | 'unknown_person'
  | 'person_disabled'
  | 'assignment_not_recorded'
  | 'personnummer_missing'
  | 'nothing_to_show';

export class LoginFailure extends Error {
  constructor(
    readonly reason: LoginFailureReason,
    readonly extra: Record<string, string> = {},
    readonly personId: string | null = null,
  ) {
    super(reason);
  }
}

const LoginQuery = z.object({
  hint: z.uuid().optional(),
  returnTo: z.string().max(512).optional(),
  // Re-authentication (break-glass needs a fresh login): the provider must ask again (prompt=login).
  reauth: z.literal('1').optional(),
});

export const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

/** Only a same-origin, relative path (no scheme, no `//host`, no backslashes) is followed after login. */
export function safeReturnPath(p: string | undefined): string {
  if (!p || !p.startsWith('/') || p.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(p)) return '/';
  try {
    const u = new URL(p, 'http://barnkompass.invalid');
    if (u.origin !== 'http://barnkompass.invalid' || u.pathname.startsWith('/auth/')) return '/';
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return '/';
  }
}

/** Standard OAuth/OIDC error codes: the only provider-sent text that reaches the audit. */
const OAUTH_ERRORS = new Set([
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'invalid_grant',
  'invalid_client',
  'unsupported_grant_type',
  'invalid_token',
]);
const oauthError = (v: unknown) => (typeof v === 'string' ? (OAUTH_ERRORS.has(v) ? v : 'other') : undefined);
/** A library constant (an error code, a claim name), kept only if it looks like one. */
const constant = (v: unknown) => (typeof v === 'string' && /^[A-Za-z_]{1,64}$/.test(v) ? v : undefined);

/** Maps what openid-client threw to an audit reason (or to "provider unreachable"). */
export function classify(err: unknown): LoginFailure | IdpUnavailableError {
  if (err instanceof LoginFailure) return err;
  if (err instanceof client.AuthorizationResponseError)
    return new LoginFailure('idp_error', pick({ error: oauthError(err.error) }));
  if (err instanceof client.ResponseBodyError)
    return new LoginFailure('token_exchange_failed', pick({ error: oauthError(err.error) }));
  if (err instanceof client.ClientError) {
    // openid-client wraps the check that failed: its message says what was checked (a JWT claim,
    // the ID token's signature...), and for claims its cause names the claim (never its value).
    const inner = err.cause instanceof Error ? (err.cause as Error & { cause?: { claim?: unknown } }) : undefined;
    const idToken = /JWT|JWS|JWK|ID Token|id_token|signature/i.test(
      `${err.code ?? ''} ${err.message} ${inner?.message ?? ''}`,
    );
    // A required claim that is missing is named only in the message ('JWT "sub" (subject) claim missing').
    const missing = /JWT "([A-Za-z_]{1,32})" \([^)]*\) claim missing/.exec(inner?.message ?? '')?.[1];
    return new LoginFailure(
      idToken ? 'id_token_invalid' : 'token_exchange_failed',
      pick({
        code: constant(err.code),
        claim: constant(inner?.cause?.claim) ?? missing,
        ...(missing ? { missing: 'true' } : {}),
      }),
    );
  }
  if (err instanceof TypeError && /fetch failed/i.test(err.message))
    return new IdpUnavailableError('token endpoint unreachable', { cause: err });
  return new LoginFailure('token_exchange_failed');
}

function pick(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/**
 * The shared half of an OIDC callback (staff and family): the login state used once (unknown,
 * expired or from another browser is a LoginFailure), the code exchanged with PKCE, state and nonce,
 * and the ID token's claims. Throws LoginFailure, or IdpUnavailableError when the provider is down.
 */
export async function redeemCallback(
  ctx: AppContext,
  rp: OidcClient,
  currentUrl: URL,
  state: string | null,
  browserState: string | undefined,
): Promise<{
  cfg: client.Configuration;
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  claims: NonNullable<ReturnType<Awaited<ReturnType<typeof client.authorizationCodeGrant>>['claims']>>;
  returnTo: string;
}> {
  if (!state) throw new LoginFailure('missing_state');
  // One use: the row goes whatever happens next.
  const r = await ctx.db.query<{ nonce: string; code_verifier: string; return_to: string; created_at: Date | string }>(
    'DELETE FROM oidc_login_state WHERE state_hash = $1 RETURNING nonce, code_verifier, return_to, created_at',
    [hashState(state)],
  );
  const row = r.rows[0];
  if (!row) throw new LoginFailure('unknown_state');
  if (ctx.now().getTime() - new Date(row.created_at).getTime() > LOGIN_STATE_TTL_MS)
    throw new LoginFailure('state_expired');
  if (!browserState || !sameString(browserState, state)) throw new LoginFailure('state_mismatch');
  const cfg = await rp.get();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
      pkceCodeVerifier: row.code_verifier,
      expectedState: state,
      expectedNonce: row.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw classify(err);
  }
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new LoginFailure('id_token_invalid');
  return { cfg, tokens, claims, returnTo: row.return_to };
}

/**
 * OpenID Connect relying party (authorization code flow with PKCE, state and nonce), the same in
 * demo and production: in demo mode it talks over HTTP to the demo identity provider mounted at
 * /oidc in this same server (see demo-provider.ts), in production to the configured provider.
 *
 *   GET /auth/login[?hint=<personId>][&returnTo=/path]  → 302 to the provider
 *   GET /auth/callback?code&state[&iss]                   → session cookie + 302, or 401 page
 */
export function oidcRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const { config } = ctx;
    const rp = new OidcClient(config.oidc);
    const https = config.publicUrl.startsWith('https://');
    const stateCookie = https ? '__Host-bk_oidc_state' : 'bk_oidc_state';
    const redirectUri = `${config.publicUrl}/auth/callback`;

    if (rp.configured) {
      ctx.oidcLogoutUrl = async (idToken: string) => {
        let cfg: client.Configuration;
        try {
          cfg = await rp.get();
        } catch {
          return null;
        }
        if (!cfg.serverMetadata().end_session_endpoint) return null;
        return client.buildEndSessionUrl(cfg, {
          id_token_hint: idToken,
          post_logout_redirect_uri: `${config.publicUrl}/login`,
        }).href;
      };
    }

    async function failed(req: FastifyRequest, reply: FastifyReply, f: LoginFailure) {
      await recordEvents(ctx, [
        auditEvent({ personId: f.personId, assignmentId: null }, String(req.id), {
          action: 'session.login_failed',
          resourceType: 'session',
          outcome: 'failed',
          details: { reason: f.reason, method: 'oidc', ...f.extra },
        }),
      ]);
      req.log.info({ reason: f.reason, ...f.extra }, 'oidc login failed');
      return html(reply, 401, loginFailedPage());
    }

    function unavailable(req: FastifyRequest, reply: FastifyReply, err: unknown) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
      req.log.warn(
        { errName: cause?.name, errCode: (cause as { code?: string } | undefined)?.code },
        'identity provider unavailable',
      );
      return html(reply, 503, loginUnavailablePage());
    }

    app.get('/auth/login', { schema: { hide: true } }, async (req, reply) => {
      const q = LoginQuery.safeParse(req.query);
      if (!q.success) return html(reply, 400, badLoginRequestPage());
      const { hint } = q.data;
      if (hint) {
        // A hint names a demo user (the demo login page links here); anything else is a bad link.
        const r = await ctx.db.query<{ id: string }>(
          'SELECT id FROM person WHERE id = $1 AND username IS NOT NULL AND is_test_data AND enabled',
          [hint],
        );
        if (!r.rows[0]) return html(reply, 400, badLoginRequestPage());
      }

      let cfg: client.Configuration;
      try {
        cfg = await rp.get();
      } catch (err) {
        return unavailable(req, reply, err);
      }

      const state = client.randomState();
      const nonce = client.randomNonce();
      const verifier = client.randomPKCECodeVerifier();
      const challenge = await client.calculatePKCECodeChallenge(verifier);
      const now = ctx.now();
      await ctx.db.query('DELETE FROM oidc_login_state WHERE created_at < $1', [
        new Date(now.getTime() - LOGIN_STATE_TTL_MS).toISOString(),
      ]);
      await ctx.db.query(
        'INSERT INTO oidc_login_state (state_hash, nonce, code_verifier, return_to, created_at) VALUES ($1, $2, $3, $4, $5)',
        [hashState(state), nonce, verifier, safeReturnPath(q.data.returnTo), now.toISOString()],
      );

      const params: Record<string, string> = {
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: config.oidc.scopes,
        state,
        nonce,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      };
      if (hint) params.login_hint = hint;
      if (q.data.reauth) params.prompt = 'login';
      const url = client.buildAuthorizationUrl(cfg, params);

      // Binds the login to this browser: the callback must come back with the same state.
      reply.setCookie(stateCookie, state, {
        path: '/',
        httpOnly: true,
        secure: https,
        sameSite: 'lax',
        maxAge: LOGIN_STATE_TTL_MS / 1000,
      });
      return reply.redirect(url.href, 302);
    });

    app.get('/auth/callback', { schema: { hide: true } }, async (req, reply) => {
      const rawQuery = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      const currentUrl = new URL(`${redirectUri}${rawQuery}`);
      const state = currentUrl.searchParams.get('state');
      const browserState = req.cookies[stateCookie];
      reply.clearCookie(stateCookie, { path: '/', httpOnly: true, secure: https, sameSite: 'lax' });

      try {
        const { cfg, tokens, claims, returnTo } = await redeemCallback(ctx, rp, currentUrl, state, browserState);
        const row = { return_to: returnTo };

        let subject: unknown = claims[config.oidc.subjectClaim];
        if (subject === undefined && cfg.serverMetadata().userinfo_endpoint) {
          // Some providers only put extra claims (e.g. an employee id) in userinfo.
          try {
            const info = await client.fetchUserInfo(cfg, tokens.access_token, claims.sub);
            subject = info[config.oidc.subjectClaim];
          } catch (err) {
            throw classify(err);
          }
        }
        if (typeof subject !== 'string' || subject === '') throw new LoginFailure('subject_missing');

        // A person is the one the provider names: same issuer, or (demo persons, whose subject is
        // their username) not bound to any issuer.
        const p = await ctx.db.query<{ id: string; enabled: boolean }>(
          `SELECT id, enabled FROM person
            WHERE oidc_subject = $1
              AND (oidc_issuer = $2 OR (oidc_issuer IS NULL AND is_test_data AND username = oidc_subject))
            ORDER BY (oidc_issuer IS NULL) LIMIT 1`,
          [subject, claims.iss],
        );
        const person = p.rows[0];
        if (!person) throw new LoginFailure('unknown_person');
        if (!person.enabled) throw new LoginFailure('person_disabled', {}, person.id);

        const recorded = await listActiveAssignments(ctx.db, person.id, swedishToday(ctx.now()));
        // The provider may say which unit/role this login is for; it can only narrow what we record.
        const claimed = config.oidc.assignmentClaim
          ? assignmentsFromClaim(claims[config.oidc.assignmentClaim], recorded)
          : null;
        if (claimed && claimed.length === 0) throw new LoginFailure('assignment_not_recorded', {}, person.id);
        const assignments = claimed ?? recorded;
        // With exactly one assignment there is nothing to choose.
        const assignmentId = assignments.length === 1 ? assignments[0]!.id : null;
        const token = await createSession(
          ctx.db,
          {
            personId: person.id,
            method: 'oidc',
            idToken: tokens.id_token,
            assignmentId,
            allowedAssignmentIds: claimed ? claimed.map((a) => a.id) : null,
          },
          config.session,
          ctx.now(),
        );
        await recordEvents(ctx, [
          auditEvent({ personId: person.id, assignmentId }, String(req.id), {
            action: 'session.login',
            resourceType: 'session',
            details: { method: 'oidc' },
          }),
        ]);
        setSessionCookie(reply, ctx, token);
        return reply.redirect(safeReturnPath(row.return_to), 302);
      } catch (err) {
        if (err instanceof LoginFailure) return failed(req, reply, err);
        if (err instanceof IdpUnavailableError) return unavailable(req, reply, err);
        throw err;
      }
    });

    if (config.mode === 'demo') {
      const { demoProviderRoutes } = await import('./demo-provider.js');
      await app.register(demoProviderRoutes(ctx));
    }
  };
}
