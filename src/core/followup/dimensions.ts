// Breakdown dimensions of the cube and their categories, derived from the respondent columns.
//
// Every dimension ends with a 'not_stated' category, so the groups of a breakdown always add up
// to its parent (a reader could otherwise get the unstated group by subtraction, and suppression
// has to see it). Groups with no respondents are never shown.

import { GENDERS, MISSING, MISSING_SCHOOL, type SurveyData } from './types.js';

export const DIMENSIONS = [
  'grade',
  'municipality',
  'school',
  'gender',
  'family_ladder',
  'school_ladder',
  'background',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const NOT_STATED = 'not_stated';

export const BACKGROUND_GROUPS = ['born_in_sweden', 'born_abroad_long', 'born_abroad_recent'] as const;

export interface BreakdownDefinition {
  readonly key: string;
  /**
   * Dimensions, coarse to fine. Each table of the breakdown varies the last dimension within one
   * combination of the others (its parent: the breakdown made of the other dimensions, which must
   * also be defined; [] is the wave total).
   */
  readonly dims: readonly Dimension[];
}

export const TOTAL_BREAKDOWN: BreakdownDefinition = { key: 'total', dims: [] };

/** The default published cube: per grade, by area, school, gender, ladders, background and equity crossings. */
export const DEFAULT_BREAKDOWNS: readonly BreakdownDefinition[] = [
  TOTAL_BREAKDOWN,
  { key: 'grade', dims: ['grade'] },
  { key: 'municipality', dims: ['grade', 'municipality'] },
  { key: 'school', dims: ['grade', 'school'] },
  { key: 'gender', dims: ['grade', 'gender'] },
  { key: 'family_ladder', dims: ['grade', 'family_ladder'] },
  { key: 'school_ladder', dims: ['grade', 'school_ladder'] },
  { key: 'background', dims: ['grade', 'background'] },
  { key: 'municipality_gender', dims: ['grade', 'municipality', 'gender'] },
  { key: 'municipality_family_ladder', dims: ['grade', 'municipality', 'family_ladder'] },
  { key: 'school_gender', dims: ['grade', 'school', 'gender'] },
  { key: 'gender_family_ladder', dims: ['grade', 'gender', 'family_ladder'] },
  { key: 'school_gender_family_ladder', dims: ['grade', 'school', 'gender', 'family_ladder'] },
];

export interface DimensionOptions {
  /**
   * Upper ends of the ladder groups except the last, ascending within 1..9. Default [4, 7]:
   * 1–4, 5–7, 8–10.
   */
  readonly ladderCuts?: readonly number[];
  /** Born abroad and in Sweden fewer years than this = recent arrival. Default 5. */
  readonly recentArrivalYears?: number;
}

export const DEFAULT_LADDER_CUTS: readonly number[] = [4, 7];
export const DEFAULT_RECENT_ARRIVAL_YEARS = 5;

/** Category labels of every dimension (the last one is always NOT_STATED). */
export interface DimensionLabels {
  readonly labels: ReadonlyMap<Dimension, readonly string[]>;
  /** Ladder step (1–10, MISSING) → ladder group index. */
  readonly ladderGroup: Uint8Array;
  readonly recentArrivalYears: number;
}

export function ladderLabels(cuts: readonly number[]): string[] {
  const labels: string[] = [];
  let from = 1;
  for (const c of cuts) {
    labels.push(from === c ? `${c}` : `${from}-${c}`);
    from = c + 1;
  }
  labels.push(from === 10 ? '10' : `${from}-10`);
  return labels;
}

export function checkDimensionOptions(options: DimensionOptions): {
  ladderCuts: readonly number[];
  recentArrivalYears: number;
} {
  const ladderCuts = options.ladderCuts ?? DEFAULT_LADDER_CUTS;
  ladderCuts.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 1 || c > 9 || (i > 0 && c <= ladderCuts[i - 1]!)) {
      throw new RangeError('ladder cut points must be ascending integers between 1 and 9');
    }
  });
  const recentArrivalYears = options.recentArrivalYears ?? DEFAULT_RECENT_ARRIVAL_YEARS;
  if (!Number.isInteger(recentArrivalYears) || recentArrivalYears < 1 || recentArrivalYears > 30) {
    throw new RangeError('recentArrivalYears must be an integer between 1 and 30');
  }
  return { ladderCuts, recentArrivalYears };
}

export function dimensionLabels(data: SurveyData, options: DimensionOptions = {}): DimensionLabels {
  const { ladderCuts, recentArrivalYears } = checkDimensionOptions(options);
  const ladder = [...ladderLabels(ladderCuts), NOT_STATED];
  const ladderGroup = new Uint8Array(256).fill(ladderCuts.length + 1);
  for (let step = 1; step <= 10; step++) {
    let g = 0;
    while (g < ladderCuts.length && step > ladderCuts[g]!) g++;
    ladderGroup[step] = g;
  }
  const labels = new Map<Dimension, readonly string[]>([
    ['grade', [...data.grades, NOT_STATED]],
    ['municipality', [...data.municipalities, NOT_STATED]],
    ['school', [...data.schools, NOT_STATED]],
    ['gender', [...GENDERS, NOT_STATED]],
    ['family_ladder', ladder],
    ['school_ladder', ladder],
    ['background', [...BACKGROUND_GROUPS, NOT_STATED]],
  ]);
  return { labels, ladderGroup, recentArrivalYears };
}

/**
 * The category of respondent r in every dimension (reference implementation for tests; the cube
 * computes the same inline).
 */
export function categoriesOf(data: SurveyData, dl: DimensionLabels, r: number): Record<Dimension, string> {
  const L = (d: Dimension) => dl.labels.get(d)!;
  const pick = (d: Dimension, v: number, missing: number) => (v === missing ? NOT_STATED : L(d)[v]!);
  const born = data.bornInSweden[r]!;
  const years = data.yearsInSweden[r]!;
  const background = born === 1 ? 0 : born === 0 && years !== MISSING ? (years >= dl.recentArrivalYears ? 1 : 2) : 3;
  return {
    grade: pick('grade', data.grade[r]!, MISSING),
    municipality: pick('municipality', data.municipality[r]!, MISSING),
    school: pick('school', data.school[r]!, MISSING_SCHOOL),
    gender: pick('gender', data.gender[r]!, MISSING),
    family_ladder: L('family_ladder')[dl.ladderGroup[data.familyLadder[r]!]!]!,
    school_ladder: L('school_ladder')[dl.ladderGroup[data.schoolLadder[r]!]!]!,
    background: L('background')[background]!,
  };
}

/** Checks keys and that every breakdown's parent (its dims without the last) is defined too. */
export function checkBreakdowns(breakdowns: readonly BreakdownDefinition[]): void {
  const keys = new Set<string>();
  const shapes = new Map<string, string>();
  for (const b of breakdowns) {
    if (!/^[a-z][a-z0-9_]*$/.test(b.key)) throw new RangeError(`invalid breakdown key ${b.key}`);
    if (keys.has(b.key)) throw new RangeError(`duplicate breakdown ${b.key}`);
    keys.add(b.key);
    if (new Set(b.dims).size !== b.dims.length) throw new RangeError(`breakdown ${b.key} repeats a dimension`);
    for (const d of b.dims)
      if (!DIMENSIONS.includes(d)) throw new RangeError(`breakdown ${b.key}: unknown dimension ${d}`);
    const shape = b.dims.join('/');
    if (shapes.has(shape))
      throw new RangeError(`breakdowns ${shapes.get(shape)} and ${b.key} have the same dimensions`);
    shapes.set(shape, b.key);
  }
  for (const b of breakdowns) {
    if (b.dims.length === 0) continue;
    if (!shapes.has(b.dims.slice(0, -1).join('/'))) {
      throw new RangeError(`breakdown ${b.key}: its parent [${b.dims.slice(0, -1).join(', ')}] is not defined`);
    }
  }
  if (!shapes.has('')) throw new RangeError('the total breakdown (dims []) is required');
}
