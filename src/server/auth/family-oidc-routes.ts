import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import { z } from 'zod';
import { parseIdentityNumber } from '../../core/personnummer.js';
import { recordEvents } from '../access/audit-door.js';
import { auditEvent } from '../access/audit-events.js';
import { portalChildIds } from '../access/portal.js';
import { swedishToday } from '../clock.js';
import type { AppContext } from '../context.js';
import { setCitizenCookie } from '../http/citizen-hook.js';
import { citizenByPersonnummer, createCitizenSession } from './citizen-sessions.js';
import { IdpUnavailableError, OidcClient } from './oidc-client.js';
import {
  badLoginRequestPage,
  familyLoginFailedPage,
  familyNoPersonnummerPage,
  familyNothingPage,
  loginUnavailablePage,
} from './oidc-pages.js';
import { classify, hashState, LOGIN_STATE_TTL_MS, LoginFailure, redeemCallback } from './oidc-routes.js';

/**
 * The family's login to their own Barnkompass: OpenID Connect (code flow with PKCE, state and nonce)
 * against a broker for BankID or Freja under the Swedish OIDC profile, configured like the staff
 * login (FAMILY_OIDC_*). The person is the personnummer claim
 * (`https://id.oidc.se/claim/personalIdentityNumber`), matched with a guardian or a child; the
 * session is a family session (auth/citizen-sessions.ts), never a staff one.
 *
 *   GET /auth/familj/login[?hint=<demo family account>]  → 302 to the provider
 *   GET /auth/familj/callback                              → family cookie + 302 to /familj, or a clear page
 *
 * A login without the claim fails with its own page (a real failure of brokers). A person with
 * nothing to see — unknown here, a guardian without custody, a child without a maturity judgement —
 * gets one and the same page, so the login tells nobody more than that.
 */

const LoginQuery = z.object({
  hint: z
    .string()
    .regex(/^[gc]-[0-9a-f-]{36}$/)
    .optional(),
});

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(body);
}

export function familyOidcRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const { config } = ctx;
    const rp = new OidcClient({ ...config.familyOidc, subjectClaim: 'sub' });
    const https = config.publicUrl.startsWith('https://');
    const stateCookie = https ? '__Host-bk_family_state' : 'bk_family_state';
    const redirectUri = `${config.publicUrl}/auth/familj/callback`;

    async function failed(req: FastifyRequest, reply: FastifyReply, f: LoginFailure) {
      await recordEvents(ctx, [
        auditEvent(null, String(req.id), {
          action: 'session.login_failed',
          resourceType: 'session',
          outcome: 'failed',
          details: { reason: f.reason, method: 'oidc', portal: 'family', ...f.extra },
        }),
      ]);
      req.log.info({ reason: f.reason }, 'family login failed');
      if (f.reason === 'personnummer_missing') return html(reply, 401, familyNoPersonnummerPage());
      if (f.reason === 'nothing_to_show') return html(reply, 200, familyNothingPage());
      return html(reply, 401, familyLoginFailedPage());
    }

    app.get('/auth/familj/login', { schema: { hide: true } }, async (req, reply) => {
      const q = LoginQuery.safeParse(req.query);
      if (!q.success || (q.data.hint && config.mode !== 'demo')) return html(reply, 400, badLoginRequestPage());
      let cfg: client.Configuration;
      try {
        cfg = await rp.get();
      } catch {
        return html(reply, 503, loginUnavailablePage());
      }
      const state = client.randomState();
      const nonce = client.randomNonce();
      const verifier = client.randomPKCECodeVerifier();
      const now = ctx.now();
      await ctx.db.query('DELETE FROM oidc_login_state WHERE created_at < $1', [
        new Date(now.getTime() - LOGIN_STATE_TTL_MS).toISOString(),
      ]);
      await ctx.db.query(
        'INSERT INTO oidc_login_state (state_hash, nonce, code_verifier, return_to, created_at) VALUES ($1, $2, $3, $4, $5)',
        [hashState(state), nonce, verifier, '/familj', now.toISOString()],
      );
      const params: Record<string, string> = {
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: config.familyOidc.scopes,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      };
      if (q.data.hint) params.login_hint = q.data.hint;
      reply.setCookie(stateCookie, state, {
        path: '/',
        httpOnly: true,
        secure: https,
        sameSite: 'lax',
        maxAge: LOGIN_STATE_TTL_MS / 1000,
      });
      return reply.redirect(client.buildAuthorizationUrl(cfg, params).href, 302);
    });

    app.get('/auth/familj/callback', { schema: { hide: true } }, async (req, reply) => {
      const rawQuery = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      const currentUrl = new URL(`${redirectUri}${rawQuery}`);
      const state = currentUrl.searchParams.get('state');
      const browserState = req.cookies[stateCookie];
      reply.clearCookie(stateCookie, { path: '/', httpOnly: true, secure: https, sameSite: 'lax' });
      try {
        const { cfg, tokens, claims } = await redeemCallback(ctx, rp, currentUrl, state, browserState);
        const personnummer = await personnummerOf(cfg, tokens, claims, config.familyOidc.personnummerClaim);
        const citizen = personnummer ? await citizenByPersonnummer(ctx.db, personnummer) : undefined;
        if (personnummer === null) throw new LoginFailure('personnummer_missing');
        const today = swedishToday(ctx.now());
        if (!citizen || (await portalChildIds(ctx.db, { ...citizen, sessionTokenHash: '' }, today)).length === 0)
          throw new LoginFailure('nothing_to_show');
        const token = await createCitizenSession(
          ctx.db,
          { ...citizen, method: 'oidc', idToken: tokens.id_token },
          config.session,
          ctx.now(),
        );
        await recordEvents(ctx, [
          auditEvent(null, String(req.id), {
            action: 'session.login',
            resourceType: 'session',
            details: { method: 'oidc', citizen: citizen.kind, citizenId: citizen.id },
          }),
        ]);
        setCitizenCookie(reply, ctx, token);
        return reply.redirect('/familj', 302);
      } catch (err) {
        if (err instanceof LoginFailure) return failed(req, reply, err);
        if (err instanceof IdpUnavailableError) return html(reply, 503, loginUnavailablePage());
        throw err;
      }
    });
  };
}

/** The personnummer of the login (from the ID token, else userinfo), normalised; null when absent or not one. */
async function personnummerOf(
  cfg: client.Configuration,
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>,
  claims: NonNullable<ReturnType<Awaited<ReturnType<typeof client.authorizationCodeGrant>>['claims']>>,
  claim: string,
): Promise<string | null> {
  let value: unknown = claims[claim];
  if (value === undefined && cfg.serverMetadata().userinfo_endpoint) {
    try {
      value = (await client.fetchUserInfo(cfg, tokens.access_token, claims.sub))[claim];
    } catch (err) {
      throw classify(err);
    }
  }
  if (typeof value !== 'string') return null;
  try {
    return parseIdentityNumber(value, new Date(Date.UTC(2000, 0, 1))).normalized;
  } catch {
    return null;
  }
}
