import { swedishToday } from '../../clock.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../core/errors.js';
import { recordEvents } from '../../access/audit-door.js';
import { auditEvent } from '../../access/audit-events.js';
import { createSession, listActiveAssignments } from '../../auth/sessions.js';
import type { AppContext } from '../../context.js';
import { setSessionCookie } from '../../http/session-hook.js';
import { setCitizenCookie } from '../../http/citizen-hook.js';
import { createCitizenSession } from '../../auth/citizen-sessions.js';
import { demoFamilyByUsername, demoFamilyUsers } from './family.js';
import { DemoUserList, DevLoginRequest, DevLoginResult } from '../../../contract/dev.js';
import { ErrorResponse } from '../../../contract/errors.js';

/**
 * Demo mode only (never registered when NODE_ENV=production): list the fictional demo users and
 * log in as one without the identity provider, for scripts and end-to-end tests.
 */
export function devRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dev/users',
      {
        schema: {
          tags: ['dev'],
          summary: 'Demo users (demo mode only)',
          response: { 200: DemoUserList },
        },
      },
      async () => {
        const r = await ctx.db.query<{
          id: string;
          username: string;
          given_name: string;
          family_name: string;
          titles: string[];
          organisations: string[];
        }>(
          `SELECT p.id, p.username, p.given_name, p.family_name,
                array_agg(DISTINCT COALESCE(a.title, a.role)) FILTER (WHERE a.id IS NOT NULL) AS titles,
                array_agg(DISTINCT o.name) FILTER (WHERE o.id IS NOT NULL) AS organisations
           FROM person p LEFT JOIN assignment a ON a.person_id = p.id LEFT JOIN organisation o ON o.id = a.organisation_id
          WHERE p.username IS NOT NULL AND p.is_test_data AND p.enabled
          GROUP BY p.id ORDER BY p.family_name, p.given_name`,
        );
        const family = await demoFamilyUsers(ctx.db, swedishToday(ctx.now()));
        return {
          users: [
            ...r.rows.map((u) => ({
              kind: 'staff' as const,
              id: u.id,
              username: u.username,
              name: `${u.given_name} ${u.family_name}`,
              titles: u.titles ?? [],
              organisations: u.organisations ?? [],
            })),
            ...family,
          ],
        };
      },
    );

    app.post(
      '/api/dev/login',
      {
        schema: {
          tags: ['dev'],
          summary: 'Log in as a demo user without the identity provider (demo mode only)',
          body: DevLoginRequest,
          response: { 200: DevLoginResult, 400: ErrorResponse },
        },
      },
      async (req, reply) => {
        const r = await ctx.db.query<{ id: string }>(
          'SELECT id FROM person WHERE username = $1 AND is_test_data AND enabled',
          [req.body.username],
        );
        const person = r.rows[0];
        if (!person) {
          const family = await demoFamilyByUsername(ctx.db, req.body.username, swedishToday(ctx.now()));
          if (family) {
            const token = await createCitizenSession(
              ctx.db,
              { ...family, method: 'dev' },
              ctx.config.session,
              ctx.now(),
            );
            await recordEvents(ctx, [
              auditEvent(null, String(req.id), {
                action: 'session.login',
                resourceType: 'session',
                details: { method: 'dev', citizen: family.kind, citizenId: family.id },
              }),
            ]);
            setCitizenCookie(reply, ctx, token);
            return { kind: family.kind, personId: null, assignmentId: null, citizenId: family.id };
          }
        }
        if (!person)
          throw new AppError(
            'validation_failed',
            'There is no demo user with that username. GET /api/dev/users lists them.',
            { field: 'username' },
          );
        const assignments = await listActiveAssignments(ctx.db, person.id, swedishToday(ctx.now()));
        // With exactly one assignment there is nothing to choose.
        const assignmentId = assignments.length === 1 ? assignments[0]!.id : null;
        const token = await createSession(
          ctx.db,
          { personId: person.id, method: 'dev', assignmentId },
          ctx.config.session,
          ctx.now(),
        );
        await recordEvents(ctx, [
          auditEvent({ personId: person.id, assignmentId }, String(req.id), {
            action: 'session.login',
            resourceType: 'session',
            details: { method: 'dev' },
          }),
        ]);
        setSessionCookie(reply, ctx, token);
        return { kind: 'staff' as const, personId: person.id, assignmentId, citizenId: null };
      },
    );
  };
}
