import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { READ_ERRORS } from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { ChildId } from '../../../contract/common.js';
import { Chronology, ChronologyCreateRequest, ChronologyEntry } from '../../../contract/chronology.js';
import { ChronologyService } from './service.js';

const params = z.object({ childId: ChildId });

export function chronologyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new ChronologyService(ctx);
  return async (app) => {
    app.get(
      '/api/children/:childId/chronology',
      {
        schema: {
          tags: ['chronology'],
          summary: "A child's chronology",
          description:
            'Significant events, newest first: notes written by professionals and the entries concerns add when raised and decided. 404 when the child does not exist or is not on your team.',
          params,
          response: { 200: Chronology, ...READ_ERRORS },
        },
      },
      async (req) => ({ entries: await service.list(requireScope(req), req.params.childId) }),
    );

    app.post(
      '/api/children/:childId/chronology',
      {
        schema: {
          tags: ['chronology'],
          summary: 'Add an event to the chronology',
          description:
            'Append-only: an entry is never changed or removed; correct a mistake with a new entry. The source service and unit are those of the assignment you act in. 404 when the child does not exist or is not on your team.',
          params,
          body: ChronologyCreateRequest,
          response: { 201: ChronologyEntry, ...READ_ERRORS },
        },
      },
      async (req, reply) => reply.code(201).send(await service.add(requireScope(req), req.params.childId, req.body)),
    );
  };
}
