import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChildId } from '../../../contract/common.js';
import { AUTH_ERRORS, READ_ERRORS, WRITE_ERRORS } from '../../../contract/errors.js';
import {
  MaturityJudgement,
  MaturityJudgementRequest,
  PortalChildPage,
  PortalChildren,
  PortalMe,
} from '../../../contract/portal.js';
import { LogoutResult } from '../../../contract/session.js';
import { recordEvents } from '../../access/audit-door.js';
import { auditEvent } from '../../access/audit-events.js';
import { type PortalCall, readPortalChild, readPortalList } from '../../access/portal.js';
import { destroyCitizenSession } from '../../auth/citizen-sessions.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { clearCitizenCookie, requireCitizen } from '../../http/citizen-hook.js';
import { requireScope } from '../../http/session-hook.js';
import { MaturityService } from './maturity.js';
import { childPage, childSummaries, citizenGivenName, meetingCalendar } from './repo.js';

const childParams = z.object({ childId: ChildId });
const NOT_YOURS = 'A child you may not see answers exactly like one that does not exist (404); both are audited.';

/**
 * The family's own Barnkompass under `/api/portal/` — only with a family session (a guardian or a
 * child, logged in with their personnummer; never a staff session) — and, for staff, the judgement
 * of a child's maturity that opens the child's own login.
 */
export function portalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const maturity = new MaturityService(ctx);
    const call = (req: { citizen: unknown; id: unknown }): PortalCall => {
      const now = ctx.now();
      return {
        ctx,
        citizen: requireCitizen(req as never),
        requestId: String(req.id),
        now,
        today: swedishToday(now),
      };
    };

    app.get(
      '/api/portal/me',
      {
        schema: {
          tags: ['portal'],
          summary: 'Who is logged in to the family’s Barnkompass',
          response: { 200: PortalMe },
        },
      },
      async (req) => {
        const c = req.citizen;
        const givenName = c ? await citizenGivenName(ctx.db, c.kind, c.id) : null;
        return {
          authenticated: c !== null,
          mode: ctx.config.mode,
          citizen: c && givenName !== null ? { kind: c.kind, givenName } : null,
        };
      },
    );

    app.get(
      '/api/portal/children',
      {
        schema: {
          tags: ['portal'],
          summary: 'The children the family member may see',
          description:
            'A guardian: each child in their custody today. A child: themself, once a professional has recorded a judgement of their maturity. Read at request time; audited.',
          response: { 200: PortalChildren, ...AUTH_ERRORS },
        },
      },
      async (req) => {
        const c = call(req);
        const self = c.citizen.kind === 'child' ? c.citizen.id : null;
        return { children: await readPortalList(c, (q, ids) => childSummaries(q, ids, c.today, self)) };
      },
    );

    app.get(
      '/api/portal/children/:childId',
      {
        schema: {
          tags: ['portal'],
          summary: 'A child’s page for the family: who helps, and the next meeting',
          description: NOT_YOURS,
          params: childParams,
          response: { 200: PortalChildPage, ...READ_ERRORS },
        },
      },
      async (req) => {
        const c = call(req);
        const { childId } = req.params;
        const guardianId = c.citizen.kind === 'guardian' ? c.citizen.id : null;
        return readPortalChild(c, childId, (q) =>
          childPage(q, childId, c.today, c.citizen.kind === 'child', guardianId),
        );
      },
    );

    app.get(
      '/api/portal/children/:childId/meetings/:meetingId/calendar',
      {
        schema: {
          tags: ['portal'],
          summary: 'A meeting the family is invited to, for their own calendar (iCalendar, .ics)',
          description: `text/calendar. 404 when the meeting is not planned or the family member is not invited. ${NOT_YOURS}`,
          params: z.object({ childId: ChildId, meetingId: z.uuid() }),
          response: { 200: z.string(), ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const c = call(req);
        const { childId, meetingId } = req.params;
        const guardianId = c.citizen.kind === 'guardian' ? c.citizen.id : null;
        const ics = await readPortalChild(
          c,
          childId,
          (q) => meetingCalendar(q, childId, meetingId, c.citizen.kind === 'child', guardianId, c.now),
          'calendar',
        );
        return reply
          .type('text/calendar; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="mote.ics"')
          .header('Cache-Control', 'no-store')
          .send(ics);
      },
    );

    app.post(
      '/api/portal/logout',
      {
        schema: {
          tags: ['portal'],
          summary: 'Log out of the family’s Barnkompass',
          response: { 200: LogoutResult },
        },
      },
      async (req, reply) => {
        const c = req.citizen;
        if (c) {
          await destroyCitizenSession(ctx.db, c.sessionTokenHash);
          await recordEvents(ctx, [
            auditEvent(null, String(req.id), {
              action: 'session.logout',
              resourceType: 'session',
              details: { citizen: c.kind, citizenId: c.id },
            }),
          ]);
        }
        clearCitizenCookie(reply, ctx);
        return { redirectTo: '/familj' };
      },
    );

    app.get(
      '/api/children/:childId/maturity-judgement',
      {
        schema: {
          tags: ['portal'],
          summary: 'The judgement of the child’s maturity in force (opens the child’s own login)',
          params: childParams,
          response: { 200: z.object({ judgement: MaturityJudgement.nullable() }), ...READ_ERRORS },
        },
      },
      async (req) => maturity.get(requireScope(req), req.params.childId),
    );

    app.post(
      '/api/children/:childId/maturity-judgement',
      {
        schema: {
          tags: ['portal'],
          summary: 'Record that the child is mature enough to see their own Barnkompass',
          description:
            'By a professional on the child’s team, from today, until withdrawn. 409 when one is already in force.',
          params: childParams,
          body: MaturityJudgementRequest,
          response: { 201: MaturityJudgement, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const judgement = await maturity.record(requireScope(req), req.params.childId, req.body.reason);
        return reply.code(201).send(judgement);
      },
    );

    app.delete(
      '/api/children/:childId/maturity-judgement',
      {
        schema: {
          tags: ['portal'],
          summary: 'Withdraw the judgement: from today the child’s own login shows nothing',
          params: childParams,
          response: { 200: z.object({ judgement: z.null() }), ...WRITE_ERRORS },
        },
      },
      async (req) => maturity.withdraw(requireScope(req), req.params.childId),
    );
  };
}
