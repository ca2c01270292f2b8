import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { READ_ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS } from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { ChildId } from '../../../contract/common.js';
import {
  Meeting,
  MeetingCreateRequest,
  MeetingDecisionCreateRequest,
  MeetingDecisionResult,
  MeetingId,
  MeetingList,
  MeetingPatchRequest,
  PlanCloseRequest,
  PlanReopenRequest,
  ReviewCreateRequest,
  ReviewList,
  ReviewResult,
} from '../../../contract/plan/index.js';
import { MeetingService } from './meetings-service.js';
import { ReviewService } from './reviews-service.js';
import { PlanView } from '../../../contract/plan/index.js';

const childParams = z.object({ childId: ChildId });
const planQuery = z
  .object({
    planId: z
      .uuid()
      .optional()
      .describe(
        "One of the child's plans (an earlier one, from the plan view's earlierPlans); default the current plan",
      ),
  })
  .strict();
const meetingParams = z.object({ childId: ChildId, meetingId: MeetingId });
const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .describe('The ETag of the version you started from, e.g. "v3" (required: 428 without it)'),
});
const NO_ACCESS =
  '404 when the child does not exist or is not on your team (indistinguishable), and when the child has no plan.';
const VERSIONED =
  'Needs If-Match: "v<version>" (the ETag you started from). 428 without it; 412 when someone changed it first — the body\'s details.current is their version.';
const CLOSED = 'A closed plan is read-only: 409 (details.reason = plan_closed), nothing written.';

/** Meet, follow up, close: the plan's network meetings, reviews, and closing/reopening the plan. */
export function meetingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const meetings = new MeetingService(ctx);
  const reviews = new ReviewService(ctx);
  return async (app) => {
    app.get(
      '/api/children/:childId/plan/meetings',
      {
        schema: {
          tags: ['plan'],
          summary: "The plan's network meetings",
          description: `The meetings of the current plan (the active one, else the latest closed one) or of the plan \`planId\`, earliest first, each with invitation list, attendance, agenda, notes and decisions. 404 when the child does not exist or is not on your team, or \`planId\` is not one of the child's plans that you may see.`,
          params: childParams,
          querystring: planQuery,
          response: { 200: MeetingList, ...READ_ERRORS },
        },
      },
      async (req) => meetings.list(requireScope(req), req.params.childId, req.query.planId),
    );

    app.post(
      '/api/children/:childId/plan/meetings',
      {
        schema: {
          tags: ['plan'],
          summary: 'Plan a network meeting',
          description: `Date, time, a place or digital, purpose, agenda, and who is invited (professionals on the team, the child, the child's guardians — by reference). Answers 201 with its ETag. ${CLOSED} ${NO_ACCESS}`,
          params: childParams,
          body: MeetingCreateRequest,
          response: { 201: Meeting, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const m = await meetings.create(requireScope(req), req.params.childId, req.body);
        setEtag(reply, m.version);
        reply.header('Location', `/api/children/${m.childId}/plan/meetings/${m.id}`);
        return reply.code(201).send(m);
      },
    );

    app.get(
      '/api/children/:childId/plan/meetings/:meetingId',
      {
        schema: {
          tags: ['plan'],
          summary: 'One meeting',
          description: `With its ETag. ${NO_ACCESS}`,
          params: meetingParams,
          response: { 200: Meeting, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const m = await meetings.get(requireScope(req), req.params.childId, req.params.meetingId);
        setEtag(reply, m.version);
        return m;
      },
    );

    app.patch(
      '/api/children/:childId/plan/meetings/:meetingId',
      {
        schema: {
          tags: ['plan'],
          summary: 'Change a meeting: invitations, attendance, agenda, notes, held or cancelled',
          description: `Only the fields sent change; agenda and invitees replace the whole list. status: planned → held (not before its day; adds a chronology entry) or cancelled. A cancelled meeting no longer changes (409). ${CLOSED} ${VERSIONED} ${NO_ACCESS}`,
          params: meetingParams,
          headers: IfMatchHeader,
          body: MeetingPatchRequest,
          response: { 200: Meeting, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const m = await meetings.update(scope, req.params.childId, req.params.meetingId, requireIfMatch(req), req.body);
        setEtag(reply, m.version);
        return m;
      },
    );

    app.post(
      '/api/children/:childId/plan/meetings/:meetingId/decisions',
      {
        schema: {
          tags: ['plan'],
          summary: 'Record a decision taken in the meeting',
          description:
            "The decision in words; with action.kind = create it adds an action to the plan, with action.kind = change it changes an existing action (status, due date, responsible) — in the same transaction, under the plan's rules (level 3: a responsible person and a due date). " +
            `A decision on a closed plan: 409, nothing written. Part of the meeting: ${VERSIONED} ${NO_ACCESS}`,
          params: meetingParams,
          headers: IfMatchHeader,
          body: MeetingDecisionCreateRequest,
          response: { 201: MeetingDecisionResult, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const r = await meetings.decide(scope, req.params.childId, req.params.meetingId, requireIfMatch(req), req.body);
        setEtag(reply, r.meeting.version);
        return reply.code(201).send(r);
      },
    );

    app.get(
      '/api/children/:childId/plan/reviews',
      {
        schema: {
          tags: ['plan'],
          summary: "The plan's reviews (uppföljningar)",
          description: `The reviews of the current plan or of the plan \`planId\`, newest first, with the coded outcome of every action. ${NO_ACCESS} 404 too when \`planId\` is not one of the child's plans that you may see.`,
          params: childParams,
          querystring: planQuery,
          response: { 200: ReviewList, ...READ_ERRORS },
        },
      },
      async (req) => reviews.list(requireScope(req), req.params.childId, req.query.planId),
    );

    app.post(
      '/api/children/:childId/plan/reviews',
      {
        schema: {
          tags: ['plan'],
          summary: 'Record a review (uppföljning)',
          description:
            "Every open action gets exactly one coded outcome: done (the action is set done), continue, change (needs the new text and/or due date), bring_in_service (needs a comment saying which service). Sets the plan's next review date. " +
            `400 naming what is missing, nothing written. It changes the plan: ${VERSIONED} (the plan's ETag). ${CLOSED} ${NO_ACCESS}`,
          params: childParams,
          headers: IfMatchHeader,
          body: ReviewCreateRequest,
          response: { 201: ReviewResult, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const r = await reviews.create(scope, req.params.childId, requireIfMatch(req), req.body);
        setEtag(reply, r.plan.version);
        return reply.code(201).send(r);
      },
    );

    app.post(
      '/api/children/:childId/plan/close',
      {
        schema: {
          tags: ['plan'],
          summary: 'Close the plan, with a reason',
          description: `A coded reason (other needs reasonText). The plan stays readable for those who may see the child, read-only; it can be reopened. Recorded in the plan's history and the chronology. 409 when it is already closed. ${VERSIONED} ${NO_ACCESS}`,
          params: childParams,
          headers: IfMatchHeader,
          body: PlanCloseRequest,
          response: { 200: PlanView, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const view = await reviews.close(scope, req.params.childId, requireIfMatch(req), req.body);
        if (view.plan) setEtag(reply, view.plan.version);
        return view;
      },
    );

    app.post(
      '/api/children/:childId/plan/reopen',
      {
        schema: {
          tags: ['plan'],
          summary: 'Reopen a closed plan, with a reason',
          description: `Reopens the latest closed plan (If-Match = its ETag). Refused with 409 while the child has another active plan: there is never more than one. Recorded in the plan's history and the chronology. ${VERSIONED} ${NO_ACCESS}`,
          params: childParams,
          headers: IfMatchHeader,
          body: PlanReopenRequest,
          response: { 200: PlanView, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const view = await reviews.reopen(scope, req.params.childId, requireIfMatch(req), req.body);
        if (view.plan) setEtag(reply, view.plan.version);
        return view;
      },
    );
  };
}
