// Confidence intervals for a proportion x/n and for the difference of two independent proportions.
//
// Wilson is the default everywhere in Barnkompass (DOMAIN §4: "Wilson 95 % confidence
// intervals"): it keeps good coverage for the small municipal n and shares near 0 or 1 that
// school surveys produce, where Wald collapses. The other methods exist so analysts can compare
// with figures published by others (Clopper–Pearson = scipy "exact"; Jeffreys; Wald).

import { betaQuantile, normalQuantile } from './special.js';

export type ProportionMethod = 'wilson' | 'clopper_pearson' | 'jeffreys' | 'wald';

export interface ProportionOptions {
  /** Confidence level in (0, 1); default 0.95. */
  readonly confidence?: number;
  readonly method?: ProportionMethod;
}

/**
 * n = 0 gives `status: 'no_data'` with null fields instead of NaN, so a caller can never print or
 * chart a meaningless number by accident.
 */
export type ProportionInterval =
  | {
      readonly status: 'ok';
      readonly method: ProportionMethod;
      readonly confidence: number;
      readonly x: number;
      readonly n: number;
      readonly estimate: number;
      readonly low: number;
      readonly high: number;
    }
  | {
      readonly status: 'no_data';
      readonly method: ProportionMethod;
      readonly confidence: number;
      readonly x: number;
      readonly n: number;
      readonly estimate: null;
      readonly low: null;
      readonly high: null;
    };

export const DEFAULT_CONFIDENCE = 0.95;

/** Two-sided critical value z_{1−α/2} for a confidence level. */
export function criticalZ(confidence: number = DEFAULT_CONFIDENCE): number {
  checkConfidence(confidence);
  return normalQuantile(1 - (1 - confidence) / 2);
}

export function proportionInterval(x: number, n: number, options: ProportionOptions = {}): ProportionInterval {
  const method = options.method ?? 'wilson';
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  checkConfidence(confidence);
  checkCounts(x, n);
  if (n === 0) {
    return { status: 'no_data', method, confidence, x, n, estimate: null, low: null, high: null };
  }
  const [low, high] = LIMITS[method](x, n, confidence);
  return { status: 'ok', method, confidence, x, n, estimate: x / n, low, high };
}

export function wilsonInterval(x: number, n: number, confidence = DEFAULT_CONFIDENCE): ProportionInterval {
  return proportionInterval(x, n, { method: 'wilson', confidence });
}

export function clopperPearsonInterval(x: number, n: number, confidence = DEFAULT_CONFIDENCE): ProportionInterval {
  return proportionInterval(x, n, { method: 'clopper_pearson', confidence });
}

export function jeffreysInterval(x: number, n: number, confidence = DEFAULT_CONFIDENCE): ProportionInterval {
  return proportionInterval(x, n, { method: 'jeffreys', confidence });
}

export function waldInterval(x: number, n: number, confidence = DEFAULT_CONFIDENCE): ProportionInterval {
  return proportionInterval(x, n, { method: 'wald', confidence });
}

type Limits = (x: number, n: number, confidence: number) => readonly [number, number];

const LIMITS: Record<ProportionMethod, Limits> = {
  wilson: wilsonLimits,
  clopper_pearson: (x, n, confidence) => {
    const alpha = 1 - confidence;
    // The beta quantiles are undefined at the edges; the exact limits there are 0 and 1.
    const low = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
    const high = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
    return [low, high];
  },
  jeffreys: (x, n, confidence) => {
    const alpha = 1 - confidence;
    // Brown, Cai & DasGupta (2001): pin the limit to 0 / 1 at x = 0 / x = n, otherwise the
    // equal-tailed interval excludes the observed proportion. statsmodels and the reference do so.
    const low = x === 0 ? 0 : betaQuantile(alpha / 2, x + 0.5, n - x + 0.5);
    const high = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 0.5, n - x + 0.5);
    return [low, high];
  },
  wald: (x, n, confidence) => {
    // Deliberately not clipped to [0, 1] (matches statsmodels and the reference vectors): the
    // Wald interval is only offered to show why it should not be used, and clipping hides that.
    const z = criticalZ(confidence);
    const p = x / n;
    const half = z * Math.sqrt((p * (1 - p)) / n);
    return [p - half, p + half];
  },
};

function wilsonLimits(x: number, n: number, confidence: number): readonly [number, number] {
  const z = criticalZ(confidence);
  const z2 = z * z;
  const denominator = n + z2;
  const centre = (x + z2 / 2) / denominator;
  const half = (z / denominator) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  // At x = 0 and x = n the limit is exactly 0 / 1; rounding would otherwise give ±1e-17.
  const low = x === 0 ? 0 : Math.max(0, centre - half);
  const high = x === n ? 1 : Math.min(1, centre + half);
  return [low, high];
}

export type ProportionDifference =
  | {
      readonly status: 'ok';
      readonly confidence: number;
      /** p1 − p2 */
      readonly difference: number;
      readonly low: number;
      readonly high: number;
    }
  | {
      readonly status: 'no_data';
      readonly confidence: number;
      readonly difference: null;
      readonly low: null;
      readonly high: null;
    };

/**
 * Newcombe's hybrid score interval for p1 − p2 of two independent proportions (Newcombe 1998,
 * method 10), built from the two Wilson intervals. Used for "municipality vs rest of county" and
 * "wave vs wave" comparisons, where DOMAIN §4 asks for a difference with its CI instead of a
 * coloured p-value.
 */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = DEFAULT_CONFIDENCE,
): ProportionDifference {
  checkConfidence(confidence);
  checkCounts(x1, n1);
  checkCounts(x2, n2);
  const first = wilsonInterval(x1, n1, confidence);
  const second = wilsonInterval(x2, n2, confidence);
  if (first.status !== 'ok' || second.status !== 'ok') {
    return { status: 'no_data', confidence, difference: null, low: null, high: null };
  }
  const p1 = first.estimate;
  const p2 = second.estimate;
  const difference = p1 - p2;
  const low = difference - Math.hypot(p1 - first.low, second.high - p2);
  const high = difference + Math.hypot(first.high - p1, p2 - second.low);
  return { status: 'ok', confidence, difference, low, high };
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence level must be strictly between 0 and 1 (got ${confidence})`);
  }
}

function checkCounts(x: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer (got ${n})`);
  }
  if (!Number.isSafeInteger(x) || x < 0 || x > n) {
    throw new RangeError(`x must be an integer between 0 and n=${n} (got ${x})`);
  }
}
