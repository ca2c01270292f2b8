import type { Queryable } from '../db/client.js';
import { buildView } from '../modules/plan/service.js';
import { listAssessments } from '../modules/wheel/repo.js';
import type { PlanPrintData } from './plan-document.js';

/**
 * Everything the printed plan shows, read in one go inside the caller's `readChildData` (gate and
 * audit): the plan view, the child's name and birth date (for the age; no personnummer, no address —
 * the printout may leave the building, and a child with protected identity stays protected), the
 * wheel assessments, and the plan's meetings and reviews. null when the child has no plan.
 */
export async function loadPlanPrintData(q: Queryable, childId: string, today: string): Promise<PlanPrintData | null> {
  const view = await buildView(q, childId, today);
  if (!view?.plan) return null;
  const [child, wheel] = await Promise.all([
    q.query<{ given_name: string; family_name: string; birth_date: string }>('SELECT given_name, family_name, birth_date::text AS birth_date FROM child WHERE id = $1', [childId], 'print.child'),
    listAssessments(q, childId),
  ]);
  const row = child.rows[0];
  if (!row) return null;
  return {
    child: { givenName: row.given_name, familyName: row.family_name, birthDate: row.birth_date },
    today,
    view: { ...view, plan: view.plan },
    wheel,
    meetings: null,
    reviews: null,
  };
}
