import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readChildData } from '../../access/child-data.js';
import type { AppContext } from '../../context.js';
import { READ_ERRORS } from '../../../contract/errors.js';
import { requireAssignment } from '../../http/session-hook.js';
import { acquirePdfRenderer, renderHtmlToPdf } from '../../pdf/render.js';
import { ChildId } from '../../../contract/common.js';
import { loadPlanPrintData } from './print/data.js';
import { renderPlanDocument } from './print/document.js';

const params = z.object({ childId: ChildId });
const query = z.object({
  lang: z.enum(['sv', 'en']).default('sv').describe('The language of the printout (Swedish by default)'),
});

/**
 * The child's plan as a tagged PDF (the paper plan): the print document rendered on the server and
 * printed by the shared Chromium. Read through the choke point like the plan itself, audited as a
 * plan read with details.format = "pdf" before any byte leaves.
 */
export function planPdfRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const renderer = acquirePdfRenderer(ctx.config.chromiumPath);
    app.addHook('onClose', async () => {
      await renderer.release();
    });

    app.get(
      '/api/children/:childId/plan/pdf',
      {
        schema: {
          tags: ['plan'],
          summary: "The child's plan as a tagged PDF",
          description:
            'The current plan (active, else the latest closed one) as an accessible, tagged A4 PDF in Swedish (lang=en for English): child, level, coordinator, services and contact persons, needs, goals, actions, the child\'s voice, the guardians\' views, disagreements, the wellbeing wheel (chart and table), meetings, reviews and history. Families who decline the digital route get this paper plan. Audited as a plan read (details.format = "pdf"). 404 when the child has no plan, does not exist or is not on your team.',
          params,
          querystring: query,
          produces: ['application/pdf'],
          response: { ...READ_ERRORS },
        },
      },
      async (req, reply) => {
        const actor = requireAssignment(req);
        const lang = req.query.lang;
        const data = await readChildData(
          {
            ctx,
            actor,
            childId: req.params.childId,
            requestId: String(req.id),
            action: 'plan.read',
            resourceType: 'plan',
            resourceId: null,
            details: { format: 'pdf', lang },
          },
          (q, today, c) => loadPlanPrintData(q, req.params.childId, today, c),
        );
        const { html, title } = renderPlanDocument(data, lang);
        const pdf = await renderHtmlToPdf(html, { lang, title });
        return (
          reply
            .header('Content-Type', 'application/pdf')
            .header('Content-Disposition', 'attachment; filename="barnets-plan.pdf"')
            .header('Cache-Control', 'no-store')
            // Bytes, not a schema'd JSON answer (the response schemas list only the error statuses).
            .send(pdf as never)
        );
      },
    );
  };
}
