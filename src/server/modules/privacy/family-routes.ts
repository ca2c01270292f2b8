import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChildId } from '../../../contract/common.js';
import { READ_ERRORS, WRITE_ERRORS } from '../../../contract/errors.js';
import { PortalConsents } from '../../../contract/portal.js';
import type { PortalCall } from '../../access/portal.js';
import { swedishToday } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { requireCitizen } from '../../http/citizen-hook.js';
import { familyConsents, withdrawByFamily } from './family-consents.js';

/** Consents in the family's own Barnkompass (a family session only; the family's gate and audit). */
export function familyPrivacyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const call = (req: Parameters<typeof requireCitizen>[0]): PortalCall => {
      const now = ctx.now();
      return { ctx, citizen: requireCitizen(req), requestId: String(req.id), now, today: swedishToday(now) };
    };

    app.get(
      '/api/portal/children/:childId/consents',
      {
        schema: {
          tags: ['portal'],
          summary: 'The child’s consents as the family sees them',
          description:
            'What is shared with whom, why and until when, each guardian’s and the child’s position, and whether the family member may withdraw it. A child the family member may not see is the 404 of one that does not exist. Audited.',
          params: z.object({ childId: ChildId }),
          response: { 200: PortalConsents, ...READ_ERRORS },
        },
      },
      async (req) => familyConsents(call(req), req.params.childId),
    );

    app.post(
      '/api/portal/children/:childId/consents/:consentId/withdraw',
      {
        schema: {
          tags: ['portal'],
          summary:
            'Withdraw a consent, as the family (a guardian with custody, or the child where their say was recorded)',
          description:
            'Takes effect at once: the staff’s next request no longer sees what the consent shared. 409 when it is no longer in force. Audited as the family member; rate-limited.',
          params: z.object({ childId: ChildId, consentId: z.uuid() }),
          response: { 200: PortalConsents, ...WRITE_ERRORS },
        },
      },
      async (req) => withdrawByFamily(call(req), req.params.childId, req.params.consentId),
    );
  };
}
