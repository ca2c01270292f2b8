import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../../http/session-hook.js';
import { ErrorResponse, AUTH_ERRORS, INPUT_ERRORS } from '../../../contract/errors.js';
import type { AppContext } from '../../context.js';
import { ChildId } from '../../../contract/common.js';
import { ChildList, ChildOverview, ChildSearchRequest, ChildSearchResult } from '../../../contract/children.js';
import { ChildService } from './service.js';

export function childRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new ChildService(ctx);
  return async (app) => {
    app.get(
      '/api/children',
      {
        schema: {
          tags: ['children'],
          summary: 'Children on my team ("Mina barn")',
          description:
            'Children the caller may see in the assignment they act in, with support level and coordinator. Every child listed is audited.',
          response: { 200: ChildList, ...AUTH_ERRORS },
        },
      },
      async (req) => ({ children: await service.listMine(requireScope(req)) }),
    );

    app.get(
      '/api/children/:childId',
      {
        schema: {
          tags: ['children'],
          summary: "A child's overview",
          description:
            'Identity, guardians and custody, team and enrolments. 404 when the child does not exist or is not on your team (the two are indistinguishable).',
          params: z.object({ childId: ChildId }),
          response: { 200: ChildOverview, ...AUTH_ERRORS, 404: ErrorResponse },
        },
      },
      async (req) => service.overview(requireScope(req), req.params.childId),
    );

    app.post(
      '/api/children/search',
      {
        schema: {
          tags: ['children'],
          summary: 'Find a child on my team by personnummer',
          description: 'The personnummer travels in the body so it never appears in URLs or access logs.',
          body: ChildSearchRequest,
          response: { 200: ChildSearchResult, ...INPUT_ERRORS },
        },
      },
      async (req) => ({
        match: await service.searchByPersonnummer(requireScope(req), req.body.personnummer),
      }),
    );
  };
}
