import type { ChildDataContext } from '../access/child-data.js';
import type { Queryable } from '../db/client.js';
import { loadMeetings, loadReviews } from '../modules/plan/meetings-repo.js';
import { buildView } from '../modules/plan/service.js';
import { listAssessments } from '../modules/wheel/repo.js';
import type { PlanPrintData } from './plan-document.js';

/**
 * Everything the printed plan shows, read in one go inside the caller's `readChildData` (gate and
 * audit): the plan view, the child's name and birth date (for the age; no personnummer, no address —
 * the printout may leave the building, and a child with protected identity stays protected), the
 * wheel assessments, and the plan's meetings and reviews. null when the child has no plan.
 *
 * The record filter applies as on screen (access/record-access.ts): a plan of a secrecy domain the
 * actor may not see is, for them, no plan (404); wheel assessments of such domains are left out.
 * The printout is what families get on paper, so assessments kept secret from the guardians are
 * left out too.
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
    q.query<{ given_name: string; family_name: string; birth_date: string }>(
      'SELECT given_name, family_name, birth_date::text AS birth_date FROM child WHERE id = $1',
      [childId],
      'print.child',
    ),
    listAssessments(q, childId).then(async (list) => {
      const rows = await q.query<{ id: string; secrecy_domain: string | null; secret_from_guardians: boolean }>(
        'SELECT id, secrecy_domain, secret_from_guardians FROM wheel_assessment WHERE child_id = $1',
        [childId],
      );
      const domain = new Map(rows.rows.map((x) => [x.id, x.secrecy_domain]));
      // The paper plan is the family's copy: what is kept from the guardians stays out of it.
      const secret = new Set(rows.rows.filter((x) => x.secret_from_guardians).map((x) => x.id));
      return scope.filter(list, 'wheel', (a) => domain.get(a.id) ?? null).filter((a) => !secret.has(a.id));
    }),
    loadMeetings(q, plan.id),
    loadReviews(q, plan.id),
  ]);
  const row = child.rows[0];
  if (!row) return null;
  return {
    child: { givenName: row.given_name, familyName: row.family_name, birthDate: row.birth_date },
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
