import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { type Citizen, resolveCitizenSession } from '../auth/citizen-sessions.js';
import type { AppContext } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The family member of a portal request (auth/citizen-sessions.ts); null elsewhere. */
    citizen: Citizen | null;
  }
}

/** The family's cookie: never the staff's (`__Host-` on https, as the staff cookie). */
export function citizenCookieName(ctx: AppContext): string {
  return ctx.config.publicUrl.startsWith('https://') ? '__Host-bk_family' : 'bk_family';
}

/**
 * Resolves the family's session on the portal's routes only (`/api/portal/`, `/auth/familj/`).
 * Staff routes never look at it, and the portal never looks at the staff session: the two cannot
 * reach each other's routes.
 */
export function installCitizenHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('citizen', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/portal/') && !req.url.startsWith('/auth/familj/')) return;
    const token = req.cookies[citizenCookieName(ctx)];
    if (!token) return;
    req.citizen = await resolveCitizenSession(ctx.db, token, ctx.config.session, ctx.now());
  });
}

export function requireCitizen(req: FastifyRequest): Citizen {
  if (!req.citizen)
    throw new AppError('unauthenticated', 'Log in to the family’s Barnkompass (BankID or Freja) to continue.');
  return req.citizen;
}

export function setCitizenCookie(reply: FastifyReply, ctx: AppContext, token: string): void {
  reply.setCookie(citizenCookieName(ctx), token, {
    path: '/',
    httpOnly: true,
    secure: ctx.config.publicUrl.startsWith('https://'),
    sameSite: 'lax',
    maxAge: ctx.config.session.absoluteHours * 3600,
  });
}

export function clearCitizenCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(citizenCookieName(ctx), {
    path: '/',
    httpOnly: true,
    secure: ctx.config.publicUrl.startsWith('https://'),
    sameSite: 'lax',
  });
}
