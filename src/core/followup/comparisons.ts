// Comparisons in the published follow-up output (DOMAIN §4 "honest numbers"): a difference with its
// Newcombe 95 % CI (group vs the rest of its parent, e.g. a municipality vs the rest of the county;
// a wave vs the previous wave), a 2×2 test behind each difference (chi-square, Fisher's exact when
// the expected counts are small), a chi-square test across the groups of a breakdown with its
// validity flags, multiple-comparison adjustment within a stated family (Benjamini–Hochberg; Holm
// for pre-declared goal indicators), trends across waves with series-break markers, and the
// strengths/challenges ranking of a school profile.
//
// Everything here works on PUBLISHED cells only (status 'ok': x and n shown). A suppressed cell
// never feeds a comparison: the comparison is null-valued with a status saying why, so nothing
// computed here can reveal a hidden count. Pure functions; the server decides the families.

import {
  adjustBenjaminiHochberg,
  adjustHolm,
  chiSquareTest,
  fisherExactTest,
  newcombeDifference,
} from '../statistics/index.js';
import type { CellStatus } from './cube-types.js';
import { NOT_STATED } from './dimensions.js';

/** The part of a published cell comparisons read. */
export interface PublishedCell {
  readonly n: number | null;
  readonly x: number | null;
  readonly status: CellStatus;
}

export type ComparisonStatus =
  | 'ok'
  /** This cell is hidden (suppressed or too few answers). */
  | 'suppressed'
  /** What it is compared with is hidden. */
  | 'reference_suppressed'
  /** Nothing to compare with (the county itself; the group is its whole parent). */
  | 'no_reference'
  /** The first wave, or the previous wave did not ask the question. */
  | 'no_previous_wave'
  /** An item of the indicator changed between the waves in a non-comparable way. */
  | 'series_break';

export type TestMethod = 'chi_square' | 'fisher_exact';

export interface Comparison {
  readonly status: ComparisonStatus;
  /** Share of this cell minus share of the reference (proportion, −1..1). */
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** Two-sided p of the 2×2 test (unadjusted). */
  readonly pValue: number | null;
  readonly test: TestMethod | null;
  /** Smallest expected count of the 2×2 table (validity of the chi-square). */
  readonly minExpected: number | null;
}

const none = (status: ComparisonStatus): Comparison => ({
  status,
  difference: null,
  low: null,
  high: null,
  pValue: null,
  test: null,
  minExpected: null,
});

const isPublished = (c: PublishedCell | null | undefined): c is PublishedCell & { n: number; x: number } =>
  !!c && c.status === 'ok' && c.n !== null && c.x !== null && c.n > 0;

/**
 * p1 − p2 with its Newcombe hybrid score interval, and the 2×2 test of the same two proportions:
 * Pearson's chi-square without continuity correction, or Fisher's exact test when Cochran's rule
 * fails (an expected count below 5 in a 2×2 table).
 */
export function compareProportions(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): Comparison {
  const d = newcombeDifference(x1, n1, x2, n2, confidence);
  if (d.status !== 'ok') return none('no_reference');
  const table = [
    [x1, n1 - x1],
    [x2, n2 - x2],
  ];
  const chi = chiSquareTest(table);
  let pValue: number;
  let test: TestMethod;
  let minExpected: number | null = null;
  if (chi.status === 'ok' && chi.validity.cochranRuleMet) {
    pValue = chi.pValue;
    test = 'chi_square';
    minExpected = chi.validity.minExpected;
  } else {
    pValue = fisherExactTest(table).pValue;
    test = 'fisher_exact';
    minExpected = chi.status === 'ok' ? chi.validity.minExpected : 0;
  }
  return { status: 'ok', difference: d.difference, low: d.low, high: d.high, pValue, test, minExpected };
}

/** A group against the rest of its parent (parent − group), both published. */
export function compareWithRest(cell: PublishedCell, parent: PublishedCell | null, confidence = 0.95): Comparison {
  if (!isPublished(cell)) return none('suppressed');
  if (!parent) return none('no_reference');
  if (!isPublished(parent)) return none('reference_suppressed');
  const restN = parent.n - cell.n;
  const restX = parent.x - cell.x;
  if (restN <= 0 || restX < 0 || restX > restN) return none('no_reference');
  return compareProportions(cell.x, cell.n, restX, restN, confidence);
}

/** The same group in this wave against the previous wave. */
export function compareWithPreviousWave(
  cell: PublishedCell,
  previous: PublishedCell | null,
  seriesBreak: boolean,
  confidence = 0.95,
): Comparison {
  if (!isPublished(cell)) return none('suppressed');
  if (seriesBreak) return none('series_break');
  if (!previous) return none('no_previous_wave');
  if (!isPublished(previous)) return none('reference_suppressed');
  return compareProportions(cell.x, cell.n, previous.x, previous.n, confidence);
}

export interface GroupsTest {
  readonly status: 'ok' | 'too_few_groups' | 'degenerate';
  readonly method: TestMethod | null;
  readonly statistic: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  readonly minExpected: number | null;
  readonly cellsExpectedBelow5: number | null;
  /** Cochran's rule for the chi-square (or true when Fisher's exact test was used instead). */
  readonly valid: boolean;
  /** The groups tested (published, not 'not stated'). */
  readonly groups: readonly string[];
  /** Groups left out: hidden by suppression, or 'not stated'. */
  readonly excluded: readonly string[];
}

/**
 * Are the shares the same in every group? Pearson's chi-square on the 2×k table of published
 * groups; for two groups whose table fails Cochran's rule, Fisher's exact test. Hidden groups and
 * 'not stated' are left out (and listed), so the test never rests on a suppressed count.
 */
export function groupsTest(cells: readonly (PublishedCell & { readonly group: string })[]): GroupsTest {
  const used = cells.filter((c) => c.group !== NOT_STATED && isPublished(c)) as (PublishedCell & {
    group: string;
    n: number;
    x: number;
  })[];
  const excluded = cells.filter((c) => !used.includes(c as (typeof used)[number])).map((c) => c.group);
  const base = { groups: used.map((c) => c.group), excluded };
  if (used.length < 2) {
    return {
      status: 'too_few_groups',
      method: null,
      statistic: null,
      df: null,
      pValue: null,
      minExpected: null,
      cellsExpectedBelow5: null,
      valid: false,
      ...base,
    };
  }
  const table = [used.map((c) => c.x), used.map((c) => c.n - c.x)];
  const chi = chiSquareTest(table);
  if (chi.status !== 'ok') {
    return {
      status: 'degenerate',
      method: null,
      statistic: null,
      df: chi.df,
      pValue: null,
      minExpected: null,
      cellsExpectedBelow5: null,
      valid: false,
      ...base,
    };
  }
  const v = chi.validity;
  if (used.length === 2 && !v.cochranRuleMet) {
    const f = fisherExactTest([
      [used[0]!.x, used[0]!.n - used[0]!.x],
      [used[1]!.x, used[1]!.n - used[1]!.x],
    ]);
    return {
      status: 'ok',
      method: 'fisher_exact',
      statistic: null,
      df: null,
      pValue: f.pValue,
      minExpected: v.minExpected,
      cellsExpectedBelow5: v.cellsExpectedBelow5,
      valid: true,
      ...base,
    };
  }
  return {
    status: 'ok',
    method: 'chi_square',
    statistic: chi.statistic,
    df: chi.df,
    pValue: chi.pValue,
    minExpected: v.minExpected,
    cellsExpectedBelow5: v.cellsExpectedBelow5,
    valid: v.cochranRuleMet,
    ...base,
  };
}

export type AdjustmentMethod = 'benjamini_hochberg' | 'holm';

export interface FamilyMember {
  readonly id: string;
  readonly pValue: number | null;
  /** A pre-declared goal indicator: Holm (family-wise error) instead of Benjamini–Hochberg. */
  readonly goal: boolean;
}

export interface Adjusted {
  readonly adjustedP: number;
  readonly method: AdjustmentMethod;
  /** How many tests the adjustment counted (the family's size). */
  readonly familySize: number;
}

/**
 * Multiple-comparison adjustment within one stated family: the goal indicators' tests are adjusted
 * together by Holm, all other tests together by Benjamini–Hochberg. Members without a p-value
 * (hidden, no reference) are not tests and do not count.
 */
export function adjustFamily(members: readonly FamilyMember[]): Map<string, Adjusted> {
  const out = new Map<string, Adjusted>();
  for (const goal of [false, true]) {
    const tested = members.filter((m) => m.goal === goal && m.pValue !== null);
    if (tested.length === 0) continue;
    const p = tested.map((m) => m.pValue!);
    const method: AdjustmentMethod = goal ? 'holm' : 'benjamini_hochberg';
    const adj = goal ? adjustHolm(p) : adjustBenjaminiHochberg(p);
    tested.forEach((m, i) => out.set(m.id, { adjustedP: adj[i]!, method, familySize: tested.length }));
  }
  return out;
}

export type Assessment = 'better' | 'worse' | 'no_clear_difference';

/**
 * A difference in words, never from a p-value alone: "clearly better/worse" needs the Newcombe CI
 * to exclude 0 AND the family-adjusted p to be below alpha; the direction follows the indicator's
 * polarity (less binge drinking is better). Null when nothing was compared.
 */
export function assess(
  c: Comparison,
  polarity: 'higher_is_better' | 'lower_is_better',
  adjustedP: number | null,
  alpha = 0.05,
): Assessment | null {
  if (c.status !== 'ok' || c.difference === null || c.low === null || c.high === null) return null;
  const p = adjustedP ?? c.pValue;
  const excludesZero = c.low > 0 || c.high < 0;
  if (!excludesZero || p === null || !(p < alpha)) return 'no_clear_difference';
  const up = c.difference > 0;
  return up === (polarity === 'higher_is_better') ? 'better' : 'worse';
}

/** The difference turned so that positive is favourable (for ranking strengths and challenges). */
export function favourable(difference: number, polarity: 'higher_is_better' | 'lower_is_better'): number {
  return polarity === 'higher_is_better' ? difference : -difference;
}

export type TrendStatus = CellStatus | 'no_data' | 'not_asked';

export interface TrendPoint {
  readonly year: number;
  readonly n: number | null;
  readonly share: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly status: TrendStatus;
  /** The question changed between the previous wave and this one: do not join the two. */
  readonly seriesBreak: boolean;
}

export interface TrendInput {
  readonly year: number;
  readonly asked: boolean;
  readonly seriesBreak: boolean;
  readonly cell:
    | (PublishedCell & { readonly share: number | null; readonly ciLow: number | null; readonly ciHigh: number | null })
    | null;
}

/** One group's values across waves; hidden waves stay hidden (null), never interpolated. */
export function trendPoints(inputs: readonly TrendInput[]): TrendPoint[] {
  return inputs.map((i) => {
    const status: TrendStatus = !i.asked ? 'not_asked' : !i.cell ? 'no_data' : i.cell.status;
    const ok = status === 'ok';
    return {
      year: i.year,
      n: i.cell && i.cell.status !== 'unit_too_small' ? i.cell.n : null,
      share: ok ? i.cell!.share : null,
      ciLow: ok ? i.cell!.ciLow : null,
      ciHigh: ok ? i.cell!.ciHigh : null,
      status,
      seriesBreak: i.seriesBreak,
    };
  });
}

export { trendSegments } from './trend-segments.js';

export interface ProfileEntry<T> {
  readonly item: T;
  readonly comparison: Comparison;
  readonly polarity: 'higher_is_better' | 'lower_is_better';
}

/**
 * A school profile ("X-skolan"): indicators where the school differs favourably from the rest of
 * the county (strengths, largest favourable difference first) and unfavourably (challenges, largest
 * unfavourable difference first). Ranked by the size of the difference — not by p-value — and each
 * keeps its CI; indicators without a comparison (hidden, no reference) are listed apart.
 */
export function rankProfile<T>(entries: readonly ProfileEntry<T>[]): {
  strengths: ProfileEntry<T>[];
  challenges: ProfileEntry<T>[];
  notCompared: ProfileEntry<T>[];
} {
  const compared = entries.filter((e) => e.comparison.status === 'ok' && e.comparison.difference !== null);
  const score = (e: ProfileEntry<T>) => favourable(e.comparison.difference!, e.polarity);
  return {
    strengths: compared.filter((e) => score(e) > 0).sort((a, b) => score(b) - score(a)),
    challenges: compared.filter((e) => score(e) <= 0).sort((a, b) => score(a) - score(b)),
    notCompared: entries.filter((e) => !compared.includes(e)),
  };
}
