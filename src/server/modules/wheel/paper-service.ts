import type { RecordScope } from '../../access/record-access.js';
import type { Queryable } from '../../db/client.js';
import type { WheelAssessmentSummary } from '../../../contract/wheel.js';
import { assessmentSecrecy, listAssessments } from './repo.js';

/**
 * The child's wheel assessments for a paper copy (the printed plan), read inside the caller's
 * `readChildData` with its record scope: assessments of secrecy domains the actor may not see are
 * left out, as on screen; so are those kept secret from the guardians, because what is printed is
 * the family's copy.
 */
export async function assessmentsForPaper(
  q: Queryable,
  childId: string,
  scope: RecordScope,
): Promise<WheelAssessmentSummary[]> {
  const list = await listAssessments(q, childId);
  const secrecy = await assessmentSecrecy(q, childId);
  return scope
    .filter(list, 'wheel', (a) => secrecy.get(a.id)?.secrecyDomain ?? null)
    .filter((a) => !secrecy.get(a.id)?.secretFromGuardians);
}
