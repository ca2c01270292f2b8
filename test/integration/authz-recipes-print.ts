/**
 * The authorization matrix's call recipe for the child's plan as a tagged PDF. It relies on the
 * plan that `seedPlans` (authz-recipes-plan.ts) writes for every case child: allowed = a tagged PDF
 * of that plan; denied = the same JSON 404 as everywhere, with no PDF and no plan data in it.
 * The matrix hands a PDF answer to `allowed` as `{ pdf: Buffer }` (it is not JSON).
 */
import { inspectPdf } from '../../src/server/pdf/inspect.js';
import type { ChildRef } from '../helpers/fixtures.js';

export const PRINT_CALLS = {
  'GET /api/children/:childId/plan/pdf': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: `/api/children/${c.id}/plan/pdf` }),
    allowed: (b: any) => {
      if (!Buffer.isBuffer(b?.pdf) || b.pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return false;
      const info = inspectPdf(b.pdf);
      return info.tagged && info.hasStructTree && info.lang === 'sv' && info.title === 'Barnets plan';
    },
    deniedStatus: 404,
    denied: (b: any) =>
      b?.error === 'not_found' && b.pdf === undefined && !/level|background|actions|givenName/.test(JSON.stringify(b)),
  },
};
