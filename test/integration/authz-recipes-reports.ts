/**
 * The authorization matrix's call recipes for the child routes of orosanmälan and the log extract.
 * Filing from the child's page needs the child's team (a report about a child one cannot see is
 * filed from scratch, POST /api/reports, which is not a child route); the log extract is produced
 * by staff on the team.
 */
import type { ChildRef } from '../helpers/fixtures.js';

export const REPORT_CALLS = {
  'POST /api/children/:childId/reports': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: `/api/children/${c.id}/reports`,
      payload: { concern: 'Matrisens oro för barnet', immediateDanger: false, guardiansInformed: 'no' },
    }),
    allowed: (b: any, c: ChildRef) =>
      b.childId === c.id && b.source === 'child_page' && b.concern === 'Matrisens oro för barnet',
    allowedStatus: 201,
    deniedStatus: 404,
    denied: (b: any) => b.error === 'not_found' && !/concern|childName|legalBasis/.test(JSON.stringify(b)),
  },
  'GET /api/children/:childId/access-log': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: `/api/children/${c.id}/access-log` }),
    allowed: (b: any, c: ChildRef) => b.childId === c.id && Array.isArray(b.entries),
    deniedStatus: 404,
    denied: (b: any) => b.error === 'not_found' && !/entries|childName/.test(JSON.stringify(b)),
  },
};
