import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { INPUT_ERRORS, READ_ERRORS, VERSIONED_WRITE_ERRORS, WRITE_ERRORS } from '../../../contract/errors.js';
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
import { ConcernReceipt, ServedChildSearchRequest, ServedChildSearchResult } from '../../../contract/serving.js';
import { findChildToRaiseConcern, raiseConcernFromServingUnit } from './serving.js';

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

    servingUnitRoutes(app, ctx);
  };
}

const SERVING =
  'For a professional acting in an assignment at a unit that serves the child today (its school or preschool, the elevhälsa of that school, its BVC), whether or not on the child’s team. 403 (reason role) for assignments without a unit or that never hold case content.';

/** The first step from a serving unit: find the child, raise a concern, get a receipt (access/serving-unit.ts). */
function servingUnitRoutes(app: Parameters<FastifyPluginAsyncZod>[0], ctx: AppContext): void {
  app.post(
    '/api/serving-unit/children/search',
    {
      schema: {
        tags: ['concerns'],
        summary: 'Find a child my unit serves, to raise a concern',
        description: `By exact personnummer, or by name among the children my unit serves (never a child with protected identity by name). The answer is enough to know it is the right child — never records. Every child shown, and a search that found none, is audited. ${SERVING}`,
        body: ServedChildSearchRequest,
        response: { 200: ServedChildSearchResult, ...INPUT_ERRORS },
      },
    },
    async (req) => ({ children: await findChildToRaiseConcern(ctx, requireScope(req), req.body) }),
  );

  app.post(
    '/api/serving-unit/children/:childId/concerns',
    {
      schema: {
        tags: ['concerns'],
        summary: 'Raise a concern from my unit (uppmärksamma) without being on the team',
        description:
          "The same concern as on the child's page. It goes to the child's barnets bästa-ansvarig, or else to the lead of my unit, who is alerted in Att göra and — when not on the child's team — added to it as member from today (in the chronology, audited) so that they can read and decide it. The answer is a receipt, not the child. " +
          `404 when the child does not exist or my unit does not serve it today (indistinguishable, audited). 409 (reason no_unit_lead) when nobody at my unit decides concerns. ${SERVING}`,
        params: childParams,
        body: ConcernCreateRequest,
        response: { 201: ConcernReceipt, ...WRITE_ERRORS },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await raiseConcernFromServingUnit(ctx, requireScope(req), req.params.childId, req.body)),
  );
}
