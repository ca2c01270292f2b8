import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import { allowedFor, destroySession, listActiveAssignments, selectAssignment } from '../../auth/sessions.js';
import type { AppContext } from '../../context.js';
import { auditedTransaction, recordEvents } from '../../access/audit-door.js';
import { auditEvent } from '../../access/audit-events.js';
import { swedishToday } from '../../clock.js';
import { clearSessionCookie, requireSession } from '../../http/session-hook.js';
import { ErrorResponse } from '../../../contract/errors.js';
import { AssignmentChoiceRequest, LogoutResult, SessionInfo } from '../../../contract/session.js';

export function sessionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/session',
      { schema: { tags: ['session'], summary: 'Who am I, and in which assignment', response: { 200: SessionInfo } } },
      async (req) => {
        if (!req.actor)
          return { authenticated: false, mode: ctx.config.mode, person: null, assignment: null, assignments: [] };
        const actor = req.actor;
        const p = await ctx.db.query<{ id: string; given_name: string; family_name: string }>(
          'SELECT id, given_name, family_name FROM person WHERE id = $1',
          [actor.personId],
        );
        const assignments = allowedFor(
          actor,
          await listActiveAssignments(ctx.db, actor.personId, swedishToday(ctx.now())),
        );
        const person = p.rows[0]!;
        return {
          authenticated: true,
          mode: ctx.config.mode,
          person: { id: person.id, givenName: person.given_name, familyName: person.family_name },
          assignment: assignments.find((a) => a.id === actor.assignmentId) ?? null,
          assignments,
        };
      },
    );

    app.put(
      '/api/session/assignment',
      {
        schema: {
          tags: ['session'],
          summary: 'Choose or switch the assignment I act in',
          body: AssignmentChoiceRequest,
          response: { 204: z.null(), 400: ErrorResponse, 401: ErrorResponse },
        },
      },
      async (req, reply) => {
        const actor = requireSession(req);
        await auditedTransaction(
          ctx.db,
          async (tx) => {
            const ok = await selectAssignment(tx, actor, req.body.assignmentId, swedishToday(ctx.now()));
            if (!ok)
              throw new AppError('validation_failed', 'That assignment is not one you can act in today.', {
                field: 'assignmentId',
              });
            return {
              result: undefined,
              events: [
                // The assignment the person acts in from now on.
                auditEvent({ personId: actor.personId, assignmentId: req.body.assignmentId }, String(req.id), {
                  action: 'session.assignment_selected',
                  resourceType: 'session',
                }),
              ],
            };
          },
          { now: ctx.now },
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/session/logout',
      {
        schema: {
          tags: ['session'],
          summary: 'Log out (ends the session on the server)',
          response: { 200: LogoutResult },
        },
      },
      async (req, reply) => {
        let redirectTo = '/';
        if (req.actor) {
          const ended = await destroySession(ctx.db, req.actor.sessionTokenHash);
          await recordEvents(ctx, [
            auditEvent(req.actor, String(req.id), { action: 'session.logout', resourceType: 'session' }),
          ]);
          if (ended?.idToken && ctx.oidcLogoutUrl) redirectTo = (await ctx.oidcLogoutUrl(ended.idToken)) ?? '/';
        }
        clearSessionCookie(reply, ctx);
        return { redirectTo };
      },
    );
  };
}
