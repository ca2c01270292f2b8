import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { followupAdminRoutes } from './admin/routes.js';
import { publishedFollowupRoutes } from './published-routes.js';

/**
 * The follow-up module's one registration: the analyst side (imports, indicators, Kolada,
 * exports) and the published read side share one cube per app.
 */
export function followupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(followupAdminRoutes(ctx));
    await app.register(publishedFollowupRoutes(ctx));
  };
}
