import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ErrorResponse, READ_ERRORS } from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { ChildId } from '../../../contract/common.js';
import {
  WheelAssessment,
  WheelAssessmentCreateRequest,
  WheelAssessmentId,
  WheelAssessmentList,
  WheelAssessmentPatchRequest,
  WheelComparison,
} from '../../../contract/wheel.js';
import { WheelService } from './service.js';

const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .describe('The ETag of the version you started from, e.g. "v3" (required: 428 without it)'),
});

/** Map (kartlägga): the wellbeing wheel of one child, from several perspectives, over time. */
export function wheelRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new WheelService(ctx);
  return async (app) => {
    app.get(
      '/api/children/:childId/wheel-assessments',
      {
        schema: {
          tags: ['wheel'],
          summary: "A child's wellbeing-wheel assessments",
          description:
            'Every assessment of the child, oldest first, with its perspective and its rating per indicator (null = not assessed). Never a total score. 404 when the child does not exist or is not on your team.',
          params: z.object({ childId: ChildId }),
          response: { 200: WheelAssessmentList, ...READ_ERRORS },
        },
      },
      async (req) => ({ assessments: await service.list(requireScope(req), req.params.childId) }),
    );

    app.post(
      '/api/children/:childId/wheel-assessments',
      {
        schema: {
          tags: ['wheel'],
          summary: 'Record a wellbeing-wheel assessment',
          description:
            "One date, one perspective (the child; one of the child's guardians; or a professional on the team — by default you), and for each of the eight indicators what works, what is hard and a rating 1–5 or null (not assessed). Optionally GIRFEC's My World Triangle and Resilience Matrix. The record belongs to your unit and its secrecy domain. Answers 201 with an ETag.",
          params: z.object({ childId: ChildId }),
          body: WheelAssessmentCreateRequest,
          response: { 201: WheelAssessment, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const a = await service.create(requireScope(req), req.params.childId, req.body);
        setEtag(reply, a.version);
        reply.header('Location', `/api/children/${a.childId}/wheel-assessments/${a.id}`);
        return reply.code(201).send(a);
      },
    );

    app.get(
      '/api/children/:childId/wheel-assessments/:assessmentId',
      {
        schema: {
          tags: ['wheel'],
          summary: 'One wellbeing-wheel assessment',
          description:
            'The whole assessment: what works, what is hard and the rating per indicator, and the optional My World Triangle and Resilience Matrix. Answers with an ETag for later changes.',
          params: z.object({ childId: ChildId, assessmentId: WheelAssessmentId }),
          response: { 200: WheelAssessment, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const a = await service.get(requireScope(req), req.params.childId, req.params.assessmentId);
        setEtag(reply, a.version);
        return a;
      },
    );

    app.patch(
      '/api/children/:childId/wheel-assessments/:assessmentId',
      {
        schema: {
          tags: ['wheel'],
          summary: 'Change a wellbeing-wheel assessment',
          description:
            'Only the fields sent change (per indicator: only the indicators and fields sent). Needs If-Match with the version you started from: 428 without it, 412 with the current assessment (details.current) when someone else changed it first.',
          params: z.object({ childId: ChildId, assessmentId: WheelAssessmentId }),
          headers: IfMatchHeader,
          body: WheelAssessmentPatchRequest,
          response: { 200: WheelAssessment, ...READ_ERRORS, 412: ErrorResponse, 428: ErrorResponse },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const ifMatch = requireIfMatch(req);
        const a = await service.update(scope, req.params.childId, req.params.assessmentId, ifMatch, req.body);
        setEtag(reply, a.version);
        return a;
      },
    );

    app.get(
      '/api/children/:childId/wheel-comparison',
      {
        schema: {
          tags: ['wheel'],
          summary: 'The wheel over time, per perspective',
          description:
            'For the chart and its table: per perspective (child, each guardian, each professional) the ratings per indicator over time, and the change from the earliest to the latest assessment per indicator. "Not assessed" stays null; nothing is interpolated and nothing is totalled.',
          params: z.object({ childId: ChildId }),
          response: { 200: WheelComparison, ...READ_ERRORS },
        },
      },
      async (req) => service.comparison(requireScope(req), req.params.childId),
    );
  };
}
