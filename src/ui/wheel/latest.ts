/** Picking, from a child's assessments, the newest one from each perspective (the SPA and print share it). */

/** What the choice looks at; the API's WheelAssessmentSummary fits. */
export interface LatestCandidate {
  perspective: { key: string; kind: 'child' | 'guardian' | 'professional' };
  assessedOn: string;
  createdAt: string;
}

/** The newest assessment of each perspective (child first, then guardians, then professionals). */
export function latestPerPerspective<A extends LatestCandidate>(list: readonly A[]): A[] {
  const latest = new Map<string, A>();
  for (const a of list) {
    const prev = latest.get(a.perspective.key);
    if (!prev || a.assessedOn > prev.assessedOn || (a.assessedOn === prev.assessedOn && a.createdAt >= prev.createdAt))
      latest.set(a.perspective.key, a);
  }
  const order = { child: 0, guardian: 1, professional: 2 } as const;
  return [...latest.values()].sort(
    (a, b) => order[a.perspective.kind] - order[b.perspective.kind] || (a.assessedOn < b.assessedOn ? 1 : -1),
  );
}
