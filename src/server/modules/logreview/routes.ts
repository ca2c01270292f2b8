import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ErrorResponse, INPUT_ERRORS, READ_ERRORS } from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { requireCitizen } from '../../http/citizen-hook.js';
import { swedishToday } from '../../clock.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { ChildId } from '../../../contract/common.js';
import {
  LogExtract,
  LogExtractQuery,
  LogReviewDrawRequest,
  LogReviewDrawResult,
  LogReviewListQuery,
  LogReviewOutcomeRequest,
  LogReviewSample,
  LogReviewSampleDetail,
  LogReviewSampleList,
  SampleId,
} from '../../../contract/logreview.js';
import { LogReviewService } from './service.js';

const REVIEWER =
  "For log reviewers (role log_reviewer) of the organisation the assignment belongs to; they see the samples of their own organisation's staff (403 for anyone else).";
const sampleParams = z.object({ sampleId: SampleId });

export function logReviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new LogReviewService(ctx);
  return async (app) => {
    app.post(
      '/api/log-review/samples',
      {
        schema: {
          tags: ['log-review'],
          summary: 'Draw log-review samples for a period',
          description:
            `${REVIEWER} Random samples and rule-based ones (off team or denied, break-glass, protected identity, out of hours in Swedish time, many children in a short window, after the team membership ended). ` +
            'Rules and their thresholds come from configuration (LOG_REVIEW_*). An event already sampled by a rule is not sampled by it again.',
          body: LogReviewDrawRequest,
          response: { 201: LogReviewDrawResult, ...INPUT_ERRORS },
        },
      },
      async (req, reply) => reply.code(201).send(await service.draw(requireScope(req), req.body)),
    );

    app.get(
      '/api/log-review/samples',
      {
        schema: {
          tags: ['log-review'],
          summary: 'Log-review samples of my organisation',
          description: `${REVIEWER} Newest first, at most 500; filter by kind and status (open = no outcome yet).`,
          querystring: LogReviewListQuery,
          response: { 200: LogReviewSampleList, ...INPUT_ERRORS },
        },
      },
      async (req) => service.list(requireScope(req), req.query),
    );

    app.get(
      '/api/log-review/samples/:sampleId',
      {
        schema: {
          tags: ['log-review'],
          summary: 'One sample with the surrounding audited accesses',
          description: `${REVIEWER} With an ETag. 404 for a sample of another organisation.`,
          params: sampleParams,
          response: { 200: LogReviewSampleDetail, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const s = await service.get(requireScope(req), req.params.sampleId);
        setEtag(reply, s.version);
        return s;
      },
    );

    app.put(
      '/api/log-review/samples/:sampleId/outcome',
      {
        schema: {
          tags: ['log-review'],
          summary: 'Document the outcome of a sample',
          description: `${REVIEWER} ok, follow_up or incident; a note is required unless ok. Needs If-Match: "v<version>" (428 without it; 412 with the current sample).`,
          params: sampleParams,
          body: LogReviewOutcomeRequest,
          response: { 200: LogReviewSample, ...READ_ERRORS, 412: ErrorResponse, 428: ErrorResponse },
        },
      },
      async (req, reply) => {
        const s = await service.recordOutcome(requireScope(req), req.params.sampleId, requireIfMatch(req), req.body);
        setEtag(reply, s.version);
        return s;
      },
    );

    app.get(
      '/api/children/:childId/access-log',
      {
        schema: {
          tags: ['log-review'],
          summary: "The log extract: who accessed the child's data",
          description:
            "Produced by staff on the child's team on request of the child or a guardian. Each entry: when, read or write, what kind of information, and the role, secrecy domain, unit and organisation of who did it — never the person's name. " +
            'Reports of concern are left out (the reporter is never shown to the family); unknown record types are shown only as "other"; for a child with protected identity no unit or organisation is named. ' +
            '404 when the child does not exist or is not on your team (indistinguishable). Audited.',
          params: z.object({ childId: ChildId }),
          querystring: LogExtractQuery,
          response: { 200: LogExtract, ...READ_ERRORS },
        },
      },
      async (req) => service.extract(requireScope(req), req.params.childId, req.query),
    );

    app.get(
      '/api/portal/children/:childId/access-log',
      {
        schema: {
          tags: ['portal'],
          summary: 'The family’s own log extract: who read or wrote our data',
          description:
            'The same extract as staff produce, self-service for a guardian with custody or a child with a maturity judgement: when, read or write, what kind of information, and the role and unit — never a name. The family’s own reads are not listed. A child the family member may not see is the 404 of one that does not exist. Audited as the family member.',
          params: z.object({ childId: ChildId }),
          querystring: LogExtractQuery,
          response: { 200: LogExtract, ...READ_ERRORS },
        },
      },
      async (req) => {
        const now = ctx.now();
        const call = { ctx, citizen: requireCitizen(req), requestId: String(req.id), now, today: swedishToday(now) };
        return service.extractForFamily(call, req.params.childId, req.query);
      },
    );
  };
}
