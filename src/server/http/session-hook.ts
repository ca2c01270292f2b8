import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { Actor, AssignedActor } from '../access/actor.js';
import { type RequestScope, requestScope } from '../access/request-scope.js';
import { resolveSession } from '../auth/sessions.js';
import type { AppContext } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The request's scope (access/request-scope.ts); null until an assignment is chosen. */
    scope: RequestScope | null;
  }
}

function isAssigned(actor: Actor | null): actor is AssignedActor {
  return actor !== null && Boolean(actor.assignmentId && actor.role && actor.organisationId);
}

export function installSessionHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('scope', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') && !req.url.startsWith('/auth/')) return;
    const token = req.cookies[ctx.config.session.cookieName];
    if (!token) return;
    // One reading of the clock per request: the session's timeouts and the scope agree on it.
    const now = ctx.now();
    req.actor = await resolveSession(ctx.db, token, ctx.config.session, now);
    if (isAssigned(req.actor)) req.scope = requestScope(req.actor, String(req.id), now);
  });
}

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, token: string): void {
  reply.setCookie(ctx.config.session.cookieName, token, {
    path: '/',
    httpOnly: true,
    secure: ctx.config.publicUrl.startsWith('https://'),
    // Lax (not Strict): the OIDC callback is a top-level navigation from the identity provider.
    // Cross-site writes are stopped by requiring a JSON body (see csrf hook).
    sameSite: 'lax',
    maxAge: ctx.config.session.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(ctx.config.session.cookieName, {
    path: '/',
    httpOnly: true,
    secure: ctx.config.publicUrl.startsWith('https://'),
    sameSite: 'lax',
  });
}

export function requireSession(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Log in to continue.');
  return req.actor;
}

export function requireAssignment(req: FastifyRequest): AssignedActor {
  const actor = requireSession(req);
  if (!isAssigned(actor)) {
    throw new AppError('forbidden', 'Choose which assignment you are acting in before opening child data.', {
      reason: 'assignment_required',
    });
  }
  return actor;
}

/** The request's scope, for routes that need an assignment (401 without a session, 403 without an assignment). */
export function requireScope(req: FastifyRequest): RequestScope {
  const actor = requireAssignment(req);
  // The hook builds the scope with the actor; only a route the hook does not cover could miss it.
  if (req.scope?.actor !== actor) throw new Error('The request scope was not built for this route.');
  return req.scope;
}

/**
 * Cross-site request forgery: state-changing API calls must carry a JSON body or no body, which a
 * cross-site HTML form cannot send, and, when the browser says where it comes from, come from us.
 */
export function installCsrfHook(app: FastifyInstance, ctx: AppContext): void {
  const ownOrigin = new URL(ctx.config.publicUrl).origin;
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const origin = req.headers.origin;
    if (origin && origin !== ownOrigin && origin !== 'null' && !isSameHost(origin, req.headers.host)) {
      throw new AppError('forbidden', 'Cross-site requests are not allowed.');
    }
    const ct = req.headers['content-type'];
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !(ct ?? '').toLowerCase().startsWith('application/json')) {
      throw new AppError('unsupported_media_type', 'Send the request body as application/json.');
    }
  });
}

function isSameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
