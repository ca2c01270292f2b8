import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AUTH_ERRORS, READ_ERRORS, WRITE_ERRORS } from '../../../contract/errors.js';
import { ChildId } from '../../../contract/common.js';
import { requireScope } from '../../http/session-hook.js';
import {
  AssistanceAcceptRequest,
  AssistanceAnswer,
  AssistanceCreateRequest,
  AssistanceDeclineRequest,
  AssistanceInbox,
  AssistanceList,
  AssistanceRequest,
} from '../../../contract/assistance.js';
import { AssistanceService } from './service.js';

const childParams = z.object({ childId: ChildId });
const requestParams = z.object({ childId: ChildId, requestId: z.uuid() });
const answerParams = z.object({ requestId: z.uuid() });
const NO_ACCESS = '404 when the child does not exist or is not on your team (indistinguishable).';
const LEAD =
  "Only a lead of the receiving unit (its principal, social services manager, … by the unit's kind) in the assignment you act in; anyone else, and a request that does not exist, gets 404 (audited). 409 when it has already been answered.";

export function assistanceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new AssistanceService(ctx);
  return async (app) => {
    app.get(
      '/api/children/:childId/assistance-requests',
      {
        schema: {
          tags: ['assistance'],
          summary: "A child's requests for assistance from other services",
          description: `The requests sent for the child and their answers (the team section), and whether you may send one — with the units, consents in force and legal bases to choose from. ${NO_ACCESS}`,
          params: childParams,
          response: { 200: AssistanceList, ...READ_ERRORS },
        },
      },
      async (req) => service.list(requireScope(req), req.params.childId),
    );

    app.post(
      '/api/children/:childId/assistance-requests',
      {
        schema: {
          tags: ['assistance'],
          summary: 'Ask another service to join the team (samordningsfunktion)',
          description:
            "By the child's coordinator (or its barnets bästa-ansvarig when it has none; 403 reason not_coordinator otherwise). Needs a consent in force whose recipients include the unit (409 consent_not_covering), or a legal basis in force allowing your secrecy domain → the unit's (409 legal_basis_not_applicable). One waiting request per unit (409 already_pending). Audited and in the chronology. " +
            NO_ACCESS,
          params: childParams,
          body: AssistanceCreateRequest,
          response: { 201: AssistanceRequest, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => reply.code(201).send(await service.send(requireScope(req), req.params.childId, req.body)),
    );

    app.post(
      '/api/children/:childId/assistance-requests/:requestId/withdraw',
      {
        schema: {
          tags: ['assistance'],
          summary: 'Withdraw a waiting request for assistance',
          description: `By the child's coordinator (or barnets bästa-ansvarig when it has none). 409 when already answered. ${NO_ACCESS}`,
          params: requestParams,
          response: { 200: AssistanceAnswer, ...WRITE_ERRORS },
        },
      },
      async (req) => service.withdraw(requireScope(req), req.params.childId, req.params.requestId),
    );

    app.get(
      '/api/assistance/inbox',
      {
        schema: {
          tags: ['assistance'],
          summary: 'Requests for assistance waiting for my answer',
          description:
            "Waiting requests to the units I lead in the assignment I act in, with only what the request says: the child's name, who asks from which unit, the message, and who at the unit could join. Empty for anyone who leads no unit. Every child listed is audited.",
          response: { 200: AssistanceInbox, ...AUTH_ERRORS },
        },
      },
      async (req) => service.inbox(requireScope(req)),
    );

    app.post(
      '/api/assistance/:requestId/accept',
      {
        schema: {
          tags: ['assistance'],
          summary: 'Accept a request for assistance, naming who joins the team',
          description: `The professional (an active assignment at the unit) joins the child's team as member or contact person from today, in the same transaction. The consent or legal basis must still hold (409 basis_no_longer_holds). ${LEAD}`,
          params: answerParams,
          body: AssistanceAcceptRequest,
          response: { 200: AssistanceAnswer, ...WRITE_ERRORS },
        },
      },
      async (req) => service.accept(requireScope(req), req.params.requestId, req.body),
    );

    app.post(
      '/api/assistance/:requestId/decline',
      {
        schema: {
          tags: ['assistance'],
          summary: 'Decline a request for assistance, with the reason',
          description: `The reason goes into the child's chronology. ${LEAD}`,
          params: answerParams,
          body: AssistanceDeclineRequest,
          response: { 200: AssistanceAnswer, ...WRITE_ERRORS },
        },
      },
      async (req) => service.decline(requireScope(req), req.params.requestId, req.body),
    );
  };
}
