import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../core/errors.js';
import type { AppContext } from '../../context.js';
import { requireAssignment } from '../../http/session-hook.js';

/**
 * The benchmark's baseline: a single-row read through the same stack (session, routing,
 * serialisation) but without the gate and the audit. Registered only with BARNKOMPASS_BENCH=1
 * outside production, and it returns no personal data.
 */
export function benchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/bench/unaudited/:childId',
      {
        schema: {
          hide: true,
          params: z.object({ childId: z.uuid() }),
          response: { 200: z.object({ id: z.uuid(), version: z.number().int() }) },
        },
      },
      async (req) => {
        requireAssignment(req);
        const r = await ctx.db.query<{ id: string; version: number }>(
          'SELECT id, version FROM child WHERE id = $1',
          [req.params.childId],
          'bench.unaudited',
        );
        if (!r.rows[0]) throw notFound();
        return { id: r.rows[0].id, version: Number(r.rows[0].version) };
      },
    );
  };
}
