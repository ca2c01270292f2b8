// Hypothesis tests for contingency tables and multiple-comparison adjustments.
//
// Every test returns its validity information next to the p-value (DOMAIN §4: "chi-square/Fisher
// with validity flags"), so a report can say "too few answers for a chi-square test" instead of
// printing a p-value that means nothing. Degenerate inputs give a status, never NaN.

import { chiSquareSurvival, normalTwoSidedP } from './special.js';

export type CountMatrix = readonly (readonly number[])[];

export interface ChiSquareValidity {
  readonly minExpected: number;
  readonly cellsExpectedBelow5: number;
  readonly shareExpectedBelow5: number;
  /**
   * Cochran's rule: every expected count ≥ 1 and at most 20 % of them below 5. For a 2×2 table
   * one cell below 5 is already 25 %, so the rule then points to Fisher's exact test.
   */
  readonly cochranRuleMet: boolean;
}

export type ChiSquareResult =
  | {
      readonly status: 'ok';
      readonly statistic: number;
      readonly df: number;
      readonly pValue: number;
      readonly expected: number[][];
      /** True only when a correction was asked for and df = 1 (as scipy does). */
      readonly yatesApplied: boolean;
      readonly validity: ChiSquareValidity;
    }
  | {
      /** A row or column total is zero: expected counts of 0 make the statistic undefined. */
      readonly status: 'degenerate';
      readonly statistic: null;
      readonly df: number;
      readonly pValue: null;
      readonly expected: number[][];
      readonly yatesApplied: false;
      readonly validity: null;
    };

export interface ChiSquareOptions {
  /** Yates' continuity correction; only ever applied when df = 1. Default false. */
  readonly yates?: boolean;
}

/** Pearson's chi-square test of independence for an r×c table of counts. */
export function chiSquareTest(table: CountMatrix, options: ChiSquareOptions = {}): ChiSquareResult {
  const { rows, cols } = checkMatrix(table, { integers: false, minRows: 2, minCols: 2 });
  const rowTotals = table.map((row) => sum(row));
  const colTotals = Array.from({ length: cols }, (_, j) => sum(table.map((row) => row[j]!)));
  const total = sum(rowTotals);
  const expected = rowTotals.map((r) => colTotals.map((c) => (total === 0 ? 0 : (r * c) / total)));
  const df = (rows - 1) * (cols - 1);
  if (rowTotals.some((t) => t === 0) || colTotals.some((t) => t === 0)) {
    return { status: 'degenerate', statistic: null, df, pValue: null, expected, yatesApplied: false, validity: null };
  }
  const yatesApplied = options.yates === true && df === 1;
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const e = expected[i]![j]!;
      let o = table[i]![j]!;
      if (yatesApplied) {
        // scipy's form: move each observed count 0.5 towards its expectation but never past it.
        const diff = e - o;
        o += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      statistic += ((o - e) * (o - e)) / e;
    }
  }
  const flat = expected.flat();
  const minExpected = Math.min(...flat);
  const cellsExpectedBelow5 = flat.filter((e) => e < 5).length;
  const shareExpectedBelow5 = cellsExpectedBelow5 / flat.length;
  return {
    status: 'ok',
    statistic,
    df,
    pValue: chiSquareSurvival(statistic, df),
    expected,
    yatesApplied,
    validity: {
      minExpected,
      cellsExpectedBelow5,
      shareExpectedBelow5,
      cochranRuleMet: minExpected >= 1 && shareExpectedBelow5 <= 0.2,
    },
  };
}

export type FisherAlternative = 'two-sided' | 'less' | 'greater';

export interface FisherResult {
  /**
   * Sample odds ratio (a·d)/(b·c), as scipy reports it (not the conditional MLE). Infinity when
   * b·c = 0 < a·d; null when both products are 0 (undefined).
   */
  readonly oddsRatio: number | null;
  readonly pValue: number;
  readonly alternative: FisherAlternative;
}

// Relative tolerance when collecting tables "as or less likely" than the observed one; R and
// scipy both use 1 + 1e-7 so that tables with mathematically equal probability are not lost to
// rounding.
const FISHER_RELATIVE_TOLERANCE = 1e-7;

/**
 * Fisher's exact test for a 2×2 table [[a, b], [c, d]]. Conditioning on the margins, a follows a
 * hypergeometric distribution; 'less' is P(A ≤ a), 'greater' is P(A ≥ a), and 'two-sided' sums
 * the probabilities of all tables no more likely than the observed one (scipy's definition).
 */
export function fisherExactTest(table: CountMatrix, alternative: FisherAlternative = 'two-sided'): FisherResult {
  checkMatrix(table, { integers: true, minRows: 2, minCols: 2, maxRows: 2, maxCols: 2 });
  const a = table[0]![0]!;
  const b = table[0]![1]!;
  const c = table[1]![0]!;
  const d = table[1]![1]!;
  const oddsRatio = b * c === 0 ? (a * d === 0 ? null : Number.POSITIVE_INFINITY) : (a * d) / (b * c);

  const col0 = a + c;
  const col1 = b + d;
  const row0 = a + b;
  const lowest = Math.max(0, row0 - col1);
  const highest = Math.min(row0, col0);
  if (lowest === highest) {
    // Only one table has these margins: nothing to test.
    return { oddsRatio, pValue: 1, alternative };
  }
  // Log-weights of the hypergeometric pmf by the ratio recurrence, which avoids factorials.
  const size = highest - lowest + 1;
  const logWeight = new Float64Array(size);
  for (let k = lowest; k < highest; k++) {
    const ratio = ((col0 - k) * (row0 - k)) / ((k + 1) * (col1 - row0 + k + 1));
    logWeight[k - lowest + 1] = logWeight[k - lowest]! + Math.log(ratio);
  }
  let maxLog = Number.NEGATIVE_INFINITY;
  for (const w of logWeight) maxLog = Math.max(maxLog, w);
  const weight = Array.from(logWeight, (w) => Math.exp(w - maxLog));
  const total = sum(weight);
  const observed = a - lowest;

  let selected = 0;
  if (alternative === 'less') {
    for (let i = 0; i <= observed; i++) selected += weight[i]!;
  } else if (alternative === 'greater') {
    for (let i = observed; i < size; i++) selected += weight[i]!;
  } else {
    const limit = logWeight[observed]! + Math.log1p(FISHER_RELATIVE_TOLERANCE);
    for (let i = 0; i < size; i++) if (logWeight[i]! <= limit) selected += weight[i]!;
  }
  return { oddsRatio, pValue: Math.min(1, selected / total), alternative };
}

export type TwoProportionZResult =
  | { readonly status: 'ok'; readonly z: number; readonly pValue: number }
  | { readonly status: 'degenerate'; readonly z: null; readonly pValue: null };

/**
 * Two-sample z-test of p1 = p2 with the pooled variance (equivalent to the uncorrected 2×2
 * chi-square: z² = X²). Degenerate when a sample is empty or the pooled share is 0 or 1.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionZResult {
  for (const [x, n] of [
    [x1, n1],
    [x2, n2],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(x) || x < 0 || x > n) {
      throw new RangeError(`counts must be integers with 0 ≤ x ≤ n (got x=${x}, n=${n})`);
    }
  }
  if (n1 === 0 || n2 === 0) return { status: 'degenerate', z: null, pValue: null };
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance === 0) return { status: 'degenerate', z: null, pValue: null };
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { status: 'ok', z, pValue: normalTwoSidedP(z) };
}

/**
 * Holm's step-down adjustment (controls the family-wise error rate). Returned in input order,
 * monotone in the sorted p-values and capped at 1.
 */
export function adjustHolm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = sortedIndices(pValues);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjustment (controls the false discovery rate). Returned in input
 * order, monotone in the sorted p-values and capped at 1.
 */
export function adjustBenjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = sortedIndices(pValues);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    running = Math.min(running, (m / (rank + 1)) * pValues[index]!);
    adjusted[index] = running;
  }
  return adjusted;
}

function sortedIndices(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value at index ${i} is not in [0, 1] (got ${p})`);
  });
  // Stable sort keeps ties in input order, so equal p-values get equal adjusted values.
  return pValues.map((_, i) => i).sort((i, j) => pValues[i]! - pValues[j]!);
}

export interface HomogeneousAssociationResult {
  /** Likelihood-ratio statistic G² of the no-three-way-interaction model (XY, XZ, YZ). */
  readonly g2: number;
  readonly pearsonChi2: number;
  readonly df: number;
  /** p-value of G². */
  readonly pValue: number;
  readonly fitted: number[][][];
  readonly iterations: number;
}

/**
 * Goodness of fit of the homogeneous-association log-linear model for an I×J×K table, fitted by
 * iterative proportional fitting on the three two-way margins. Used to check whether an
 * association (e.g. between two survey answers) is the same across strata such as grade or
 * municipality. df = (I−1)(J−1)(K−1); sampling zeros are not subtracted from df.
 */
export function homogeneousAssociationTest(
  table: readonly (readonly (readonly number[])[])[],
  tolerance = 1e-12,
  maxIterations = 10_000,
): HomogeneousAssociationResult {
  const I = table.length;
  const J = table[0]?.length ?? 0;
  const K = table[0]?.[0]?.length ?? 0;
  if (I < 2 || J < 2 || K < 2) throw new RangeError('a three-way table needs at least 2 levels per variable');
  for (const layer of table) {
    if (layer.length !== J) throw new RangeError('three-way table is not rectangular');
    for (const row of layer) {
      if (row.length !== K) throw new RangeError('three-way table is not rectangular');
      for (const v of row) if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`invalid count ${v}`);
    }
  }
  const n = (i: number, j: number, k: number): number => table[i]![j]![k]!;
  const fitted = table.map((layer) => layer.map((row) => row.map(() => 1)));
  const m = (i: number, j: number, k: number): number => fitted[i]![j]![k]!;
  const scale = (i: number, j: number, k: number, f: number): void => {
    fitted[i]![j]![k] = m(i, j, k) * f;
  };

  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let change = 0;
    // Fit the IJ margin, then IK, then JK; a cycle ends when all three agree.
    for (let i = 0; i < I; i++)
      for (let j = 0; j < J; j++) {
        let obs = 0;
        let fit = 0;
        for (let k = 0; k < K; k++) {
          obs += n(i, j, k);
          fit += m(i, j, k);
        }
        change = Math.max(change, Math.abs(obs - fit));
        for (let k = 0; k < K; k++) scale(i, j, k, fit === 0 ? 0 : obs / fit);
      }
    for (let i = 0; i < I; i++)
      for (let k = 0; k < K; k++) {
        let obs = 0;
        let fit = 0;
        for (let j = 0; j < J; j++) {
          obs += n(i, j, k);
          fit += m(i, j, k);
        }
        change = Math.max(change, Math.abs(obs - fit));
        for (let j = 0; j < J; j++) scale(i, j, k, fit === 0 ? 0 : obs / fit);
      }
    for (let j = 0; j < J; j++)
      for (let k = 0; k < K; k++) {
        let obs = 0;
        let fit = 0;
        for (let i = 0; i < I; i++) {
          obs += n(i, j, k);
          fit += m(i, j, k);
        }
        change = Math.max(change, Math.abs(obs - fit));
        for (let i = 0; i < I; i++) scale(i, j, k, fit === 0 ? 0 : obs / fit);
      }
    if (change < tolerance) break;
  }

  let g2 = 0;
  let pearsonChi2 = 0;
  for (let i = 0; i < I; i++)
    for (let j = 0; j < J; j++)
      for (let k = 0; k < K; k++) {
        const o = n(i, j, k);
        const e = m(i, j, k);
        if (o > 0) g2 += 2 * o * Math.log(o / e);
        if (e > 0) pearsonChi2 += ((o - e) * (o - e)) / e;
      }
  const df = (I - 1) * (J - 1) * (K - 1);
  return { g2, pearsonChi2, df, pValue: chiSquareSurvival(Math.max(0, g2), df), fitted, iterations };
}

function checkMatrix(
  table: CountMatrix,
  limits: { integers: boolean; minRows: number; minCols: number; maxRows?: number; maxCols?: number },
): { rows: number; cols: number } {
  const rows = table.length;
  const cols = table[0]?.length ?? 0;
  if (rows < limits.minRows || cols < limits.minCols) {
    throw new RangeError(`table must be at least ${limits.minRows}×${limits.minCols} (got ${rows}×${cols})`);
  }
  if (
    (limits.maxRows !== undefined && rows > limits.maxRows) ||
    (limits.maxCols !== undefined && cols > limits.maxCols)
  ) {
    throw new RangeError(`table must be at most ${limits.maxRows}×${limits.maxCols} (got ${rows}×${cols})`);
  }
  table.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`row ${i} has ${row.length} cells, expected ${cols}`);
    row.forEach((v, j) => {
      const ok = limits.integers ? Number.isSafeInteger(v) && v >= 0 : Number.isFinite(v) && v >= 0;
      if (!ok)
        throw new RangeError(
          `cell [${i}][${j}] must be a non-negative ${limits.integers ? 'integer' : 'number'} (got ${v})`,
        );
    });
  });
  return { rows, cols };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
