import type { ChildDataContext } from '../../../access/child-data.js';
import type { Queryable } from '../../../db/client.js';
import { assessmentsForPaper } from '../../wheel/paper-service.js';
import { loadMeetings, loadReviews } from '../meetings-repo.js';
import { childHeader } from '../repo.js';
import { buildView } from '../service.js';
import type { PlanPrintData } from './model.js';

/**
 * Everything the printed plan shows, read in one go inside the caller's `readChildData` (gate and
 * audit): the plan view, the child's name and birth date (for the age; no personnummer, no address —
 * the printout may leave the building, and a child with protected identity stays protected), the
 * wheel assessments, and the plan's meetings and reviews. null when the child has no plan.
 *
 * The record filter applies as on screen (access/record-access.ts): a plan of a secrecy domain the
 * actor may not see is, for them, no plan (404); the wheel module leaves out the assessments of such
 * domains and those kept secret from the guardians (the printout is what families get on paper).
 */
export async function loadPlanPrintData(
  q: Queryable,
  childId: string,
  today: string,
  c: ChildDataContext,
): Promise<PlanPrintData | null> {
  const built = await buildView(q, childId, today);
  const plan = built?.view.plan;
  if (!built || !plan) return null;
  const scope = await c.scope();
  if (!scope.sees(built.planSecrecyDomain, 'plan')) return null;
  const [child, wheel, meetings, reviews] = await Promise.all([
    childHeader(q, childId),
    assessmentsForPaper(q, childId, scope),
    loadMeetings(q, plan.id),
    loadReviews(q, plan.id),
  ]);
  if (!child) return null;
  return {
    child,
    today,
    view: { ...built.view, plan },
    wheel,
    meetings,
    // Oldest first on paper, like the rest of the plan's history.
    reviews: [...reviews].sort(
      (a, b) => a.reviewedOn.localeCompare(b.reviewedOn) || a.createdAt.localeCompare(b.createdAt),
    ),
  };
}
