/**
 * The wellbeing wheel (välbefinnandehjulet, GIRFEC's SHANARRI): eight indicators, the common
 * language of the whole system, and the pure rules for comparing assessments over time.
 *
 * THE RULE: never compute a total score. GIRFEC says there is no target level of wellbeing, and a
 * sum or mean of the eight indicators would hide exactly what the wheel is for — which parts of a
 * child's life work and which are hard, seen from each perspective. So nothing here (or anywhere
 * else) adds indicators together: change is shown per indicator, per perspective, over time. A
 * rating is optional; "not assessed" (null) is an answer in its own right and is never replaced by
 * a neighbouring value, an average or an earlier rating (no interpolation).
 *
 * No I/O and no dependencies: the server builds the comparison with these functions and the web UI
 * uses the same ones for its chart, table and "earlier vs latest" text.
 */

/** The eight wellbeing indicators (SHANARRI), in the wheel's order. */
export const WHEEL_INDICATORS = [
  'safe',
  'healthy',
  'achieving',
  'nurtured',
  'active',
  'respected',
  'responsible',
  'included',
] as const;
export type WheelIndicator = (typeof WHEEL_INDICATORS)[number];

export function isWheelIndicator(v: unknown): v is WheelIndicator {
  return typeof v === 'string' && (WHEEL_INDICATORS as readonly string[]).includes(v);
}

/** Indicators in wheel order, each once (what is not an indicator is dropped). */
export function wheelOrder(list: readonly string[]): WheelIndicator[] {
  const set = new Set(list);
  return WHEEL_INDICATORS.filter((i) => set.has(i));
}

/** Ratings are whole numbers 1 ("inte alls") … 5 ("väldigt bra"); null means "not assessed". */
export const WHEEL_RATING_MIN = 1;
export const WHEEL_RATING_MAX = 5;
export const WHEEL_RATINGS = [1, 2, 3, 4, 5] as const;
export type WheelRating = (typeof WHEEL_RATINGS)[number];

export function isWheelRating(v: unknown): v is WheelRating {
  return typeof v === 'number' && Number.isInteger(v) && v >= WHEEL_RATING_MIN && v <= WHEEL_RATING_MAX;
}

/** One rating per indicator; null = not assessed. */
export type WheelRatings = Record<WheelIndicator, number | null>;

/** Whose view an assessment records. Each guardian and each professional is a perspective of their own. */
export const WHEEL_PERSPECTIVES = ['child', 'guardian', 'professional'] as const;
export type WheelPerspectiveKind = (typeof WHEEL_PERSPECTIVES)[number];

/** A stable key per perspective: "child", "guardian:<guardian id>", "professional:<person id>". */
export function perspectiveKey(
  p: { kind: 'child' } | { kind: 'guardian'; guardianId: string } | { kind: 'professional'; personId: string },
): string {
  switch (p.kind) {
    case 'child':
      return 'child';
    case 'guardian':
      return `guardian:${p.guardianId}`;
    case 'professional':
      return `professional:${p.personId}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Series over time and earlier-vs-latest comparison

/** What the series builder needs of an assessment. `perspective` is carried through untouched. */
export interface RatedAssessment<P> {
  assessmentId: string;
  /** YYYY-MM-DD */
  assessedOn: string;
  /** Tie-breaker for two assessments on the same day from the same perspective (ISO timestamp). */
  recordedAt: string;
  perspectiveKey: string;
  perspectiveKind: WheelPerspectiveKind;
  perspective: P;
  ratings: WheelRatings;
}

export interface SeriesPoint {
  assessmentId: string;
  assessedOn: string;
  ratings: WheelRatings;
}

export interface IndicatorValue {
  assessmentId: string;
  assessedOn: string;
  rating: number | null;
}

export type ChangeDirection = 'better' | 'worse' | 'same' | 'not_comparable';

export interface IndicatorChange {
  indicator: WheelIndicator;
  from: number | null;
  to: number | null;
  /** to − from when both are rated; null when either is "not assessed". */
  delta: number | null;
  direction: ChangeDirection;
}

export interface WheelComparison {
  from: { assessmentId: string; assessedOn: string };
  to: { assessmentId: string; assessedOn: string };
  indicators: IndicatorChange[];
}

export interface PerspectiveSeries<P> {
  key: string;
  kind: WheelPerspectiveKind;
  /** The perspective as described by its most recent assessment (a professional may have changed unit). */
  perspective: P;
  /** Oldest first. */
  points: SeriesPoint[];
  /** The same numbers per indicator, oldest first; "not assessed" stays null. */
  byIndicator: { indicator: WheelIndicator; values: IndicatorValue[] }[];
  /** Earliest vs latest assessment of this perspective; null with fewer than two. */
  change: WheelComparison | null;
}

const KIND_ORDER: Record<WheelPerspectiveKind, number> = { child: 0, guardian: 1, professional: 2 };

function byTime(
  a: { assessedOn: string; recordedAt: string; assessmentId: string },
  b: { assessedOn: string; recordedAt: string; assessmentId: string },
): number {
  if (a.assessedOn !== b.assessedOn) return a.assessedOn < b.assessedOn ? -1 : 1;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  return a.assessmentId < b.assessmentId ? -1 : a.assessmentId > b.assessmentId ? 1 : 0;
}

/** A copy with exactly the eight indicators; anything missing or not a 1–5 integer is "not assessed". */
export function normalizeRatings(r: Partial<Record<string, unknown>>): WheelRatings {
  const out = {} as WheelRatings;
  for (const i of WHEEL_INDICATORS) {
    const v = r[i];
    out[i] = isWheelRating(v) ? v : null;
  }
  return out;
}

/** Change per indicator between two assessments. Never a sum, never a mean. */
export function compareRatings(from: WheelRatings, to: WheelRatings): IndicatorChange[] {
  return WHEEL_INDICATORS.map((indicator) => {
    const a = from[indicator];
    const b = to[indicator];
    if (a === null || b === null)
      return { indicator, from: a, to: b, delta: null, direction: 'not_comparable' as const };
    const delta = b - a;
    return {
      indicator,
      from: a,
      to: b,
      delta,
      direction: delta > 0 ? ('better' as const) : delta < 0 ? ('worse' as const) : ('same' as const),
    };
  });
}

export function compareAssessments(from: SeriesPoint, to: SeriesPoint): WheelComparison {
  return {
    from: { assessmentId: from.assessmentId, assessedOn: from.assessedOn },
    to: { assessmentId: to.assessmentId, assessedOn: to.assessedOn },
    indicators: compareRatings(from.ratings, to.ratings),
  };
}

/**
 * Groups assessments into one series per perspective, each ordered over time, with the same
 * numbers per indicator and the earliest-vs-latest change. Perspectives come child first, then
 * guardians, then professionals, each group in the order they first assessed.
 */
export function buildPerspectiveSeries<P>(assessments: readonly RatedAssessment<P>[]): PerspectiveSeries<P>[] {
  const groups = new Map<string, RatedAssessment<P>[]>();
  for (const a of [...assessments].sort(byTime)) {
    const list = groups.get(a.perspectiveKey);
    if (list) list.push(a);
    else groups.set(a.perspectiveKey, [a]);
  }
  const series: PerspectiveSeries<P>[] = [];
  for (const [key, list] of groups) {
    const latest = list[list.length - 1]!;
    const points: SeriesPoint[] = list.map((a) => ({
      assessmentId: a.assessmentId,
      assessedOn: a.assessedOn,
      ratings: normalizeRatings(a.ratings),
    }));
    const first = points[0]!;
    const last = points[points.length - 1]!;
    series.push({
      key,
      kind: latest.perspectiveKind,
      perspective: latest.perspective,
      points,
      byIndicator: WHEEL_INDICATORS.map((indicator) => ({
        indicator,
        values: points.map((p) => ({
          assessmentId: p.assessmentId,
          assessedOn: p.assessedOn,
          rating: p.ratings[indicator],
        })),
      })),
      change: points.length >= 2 ? compareAssessments(first, last) : null,
    });
  }
  const firstSeen = (s: PerspectiveSeries<P>) => s.points[0]!.assessedOn;
  return series.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (firstSeen(a) < firstSeen(b) ? -1 : firstSeen(a) > firstSeen(b) ? 1 : a.key < b.key ? -1 : 1),
  );
}

/**
 * The runs of consecutive rated indicators around the wheel, for drawing: a line joins two
 * neighbouring indicators only when both are rated, so "not assessed" shows as a gap and is never
 * bridged. Each run lists indicator indexes in order; `closed` is true when all eight are rated.
 */
export function ratedRuns(ratings: WheelRatings): { runs: number[][]; closed: boolean } {
  const rated = WHEEL_INDICATORS.map((i) => ratings[i] !== null);
  const n = rated.length;
  if (rated.every(Boolean)) return { runs: [WHEEL_INDICATORS.map((_, i) => i)], closed: true };
  const start = rated.findIndex((r) => !r); // begin right after a gap so runs never wrap mid-way
  const runs: number[][] = [];
  let current: number[] = [];
  for (let k = 1; k <= n; k++) {
    const i = (start + k) % n;
    if (rated[i]) current.push(i);
    else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return { runs, closed: false };
}

// ---------------------------------------------------------------------------------------------
// Optional GIRFEC practice tools

/**
 * My World Triangle (GIRFEC national practice model): three sides with seven sub-headings each;
 * per sub-heading the strengths and the challenges.
 */
export const MY_WORLD_TRIANGLE = {
  howIGrowAndDevelop: [
    'beingHealthy',
    'learningAndAchieving',
    'beingAbleToCommunicate',
    'confidenceInWhoIAm',
    'learningToBeResponsible',
    'becomingIndependent',
    'enjoyingFamilyAndFriends',
  ],
  whatINeedFromPeople: [
    'everydayCareAndHelp',
    'keepingMeSafe',
    'beingThereForMe',
    'playEncouragementAndFun',
    'guidanceAndRightChoices',
    'knowingWhatHappensWhen',
    'understandingMyFamilysBackground',
  ],
  myWiderWorld: [
    'supportFromFamilyAndFriends',
    'school',
    'localResources',
    'belonging',
    'enoughMoney',
    'comfortableSafeHousing',
    'workOpportunitiesForMyFamily',
  ],
} as const;
export type MyWorldSide = keyof typeof MY_WORLD_TRIANGLE;
export const MY_WORLD_SIDES = Object.keys(MY_WORLD_TRIANGLE) as MyWorldSide[];

/** Resilience Matrix: resilience ↔ vulnerability × protective environment ↔ adversity. */
export const RESILIENCE_QUADRANTS = ['resilience', 'vulnerability', 'protectiveEnvironment', 'adversity'] as const;
export type ResilienceQuadrant = (typeof RESILIENCE_QUADRANTS)[number];
