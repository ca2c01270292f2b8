import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { acquirePdfRenderer } from '../../pdf/render.js';
import { registerIndicatorRoutes } from './admin/indicator-routes.js';
import { KoladaRuns } from './admin/kolada-runs.js';
import { registerKpiAndExportRoutes } from './admin/kpi-export-routes.js';
import type { FollowupParts } from './admin/route-kit.js';
import { registerSurveyFileRoutes } from './admin/survey-file-routes.js';
import { registerTableRoutes } from './admin/table-routes.js';
import { FollowupService } from './cube/service.js';
import { JobRegistry } from './import/jobs.js';
import { SurveyUploads } from './import/survey-uploads.js';
import { UploadStore } from './import/uploads.js';
import { PublishedFollowup } from './published.js';
import { registerPublishedRoutes } from './published-routes.js';

/**
 * The follow-up module's one registration: the analyst side (imports, indicators, Kolada,
 * exports) and the published read side, sharing one cube per app.
 */
export function followupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const uploads = new UploadStore(ctx.config.dataDir, () => ctx.now().getTime());
  const jobs = new JobRegistry(ctx.now);
  // One cube per app server; its cache is keyed by the data's generation in the database.
  const cube = new FollowupService(ctx.db);
  const parts: FollowupParts = {
    db: ctx.db,
    now: ctx.now,
    cube,
    published: new PublishedFollowup(ctx.db, cube),
    jobs,
    surveyUploads: new SurveyUploads(ctx.db, uploads, jobs),
    kolada: new KoladaRuns(ctx, jobs),
  };
  return async (app) => {
    const pdf = acquirePdfRenderer(ctx.config.chromiumPath);
    app.addHook('onClose', async () => {
      parts.kolada.close();
      await jobs.close();
      await uploads.close();
      await pdf.release();
    });
    registerSurveyFileRoutes(app, parts);
    registerIndicatorRoutes(app, parts);
    registerTableRoutes(app, parts);
    registerKpiAndExportRoutes(app, ctx, parts);
    registerPublishedRoutes(app, parts.published);
  };
}
