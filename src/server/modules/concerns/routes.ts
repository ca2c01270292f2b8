import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { READ_ERRORS, VERSIONED_WRITE_ERRORS } from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { requireIfMatch, setEtag } from '../../http/versioning.js';
import { ChildId } from '../../../contract/common.js';
import {
  Concern,
  ConcernCreateRequest,
  ConcernDecisionRequest,
  ConcernDecisionResult,
  ConcernId,
  ConcernList,
  ConcernPatchRequest,
} from '../../../contract/concerns.js';
import { ConcernService } from './service.js';

const childParams = z.object({ childId: ChildId });
const concernParams = z.object({ childId: ChildId, concernId: ConcernId });
const NO_ACCESS =
  '404 when the child or the concern does not exist or the child is not on your team (indistinguishable).';
const VERSIONED =
  'Needs If-Match: "v<version>" (the ETag of the concern you started from). 428 without it; 412 when someone changed it first — the body\'s details.current is their version.';

export function concernRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new ConcernService(ctx);
  return async (app) => {
    app.get(
      '/api/children/:childId/concerns',
      {
        schema: {
          tags: ['concerns'],
          summary: "A child's concerns",
          description: `Every concern raised about the child, newest first, with status, deadline and decision. ${NO_ACCESS}`,
          params: childParams,
          response: { 200: ConcernList, ...READ_ERRORS },
        },
      },
      async (req) => ({ concerns: await service.list(requireScope(req), req.params.childId) }),
    );

    app.post(
      '/api/children/:childId/concerns',
      {
        schema: {
          tags: ['concerns'],
          summary: 'Raise a concern (uppmärksamma)',
          description:
            'What was seen or heard, since when, the affected wellbeing-wheel indicators and answers to the five questions. The decision deadline defaults to today + CONCERN_DECISION_DAYS. ' +
            `The concern belongs to your unit and its secrecy domain, and a chronology entry is added in the same transaction. Answers 201 with an ETag. ${NO_ACCESS}`,
          params: childParams,
          body: ConcernCreateRequest,
          response: { 201: Concern, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const concern = await service.create(requireScope(req), req.params.childId, req.body);
        setEtag(reply, concern.version);
        reply.header('Location', `/api/children/${concern.childId}/concerns/${concern.id}`);
        return reply.code(201).send(concern);
      },
    );

    app.get(
      '/api/children/:childId/concerns/:concernId',
      {
        schema: {
          tags: ['concerns'],
          summary: 'One concern',
          description: `With an ETag for later changes. ${NO_ACCESS}`,
          params: concernParams,
          response: { 200: Concern, ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const concern = await service.get(requireScope(req), req.params.childId, req.params.concernId);
        setEtag(reply, concern.version);
        return concern;
      },
    );

    app.patch(
      '/api/children/:childId/concerns/:concernId',
      {
        schema: {
          tags: ['concerns'],
          summary: 'Change an undecided concern',
          description: `Only the fields sent change. A decided concern cannot be changed (409). ${VERSIONED} ${NO_ACCESS}`,
          params: concernParams,
          body: ConcernPatchRequest,
          response: { 200: Concern, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const concern = await service.update(
          scope,
          req.params.childId,
          req.params.concernId,
          requireIfMatch(req),
          req.body,
        );
        setEtag(reply, concern.version);
        return concern;
      },
    );

    app.post(
      '/api/children/:childId/concerns/:concernId/decision',
      {
        schema: {
          tags: ['concerns'],
          summary: 'Record the decision on a concern',
          description:
            "no_further_action, own_service (level 2) or collaboration (level 3), with the reason. Raises the child's support level to the decision's level (never lowers it) and adds a chronology entry, in one transaction. " +
            `A concern is decided once (409 after that). ${VERSIONED} ${NO_ACCESS}`,
          params: concernParams,
          body: ConcernDecisionRequest,
          response: { 200: ConcernDecisionResult, ...VERSIONED_WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const scope = requireScope(req);
        const result = await service.decide(
          scope,
          req.params.childId,
          req.params.concernId,
          requireIfMatch(req),
          req.body,
        );
        setEtag(reply, result.concern.version);
        return result;
      },
    );
  };
}
