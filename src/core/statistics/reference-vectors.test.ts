// Every number in the scipy reference files is checked here by iterating the JSON: a new vector or
// a new field in those files fails this suite until code is mapped to it.
import { describe, expect, it } from 'vitest';
import { criticalZ, newcombeDifference, proportionInterval, type ProportionMethod } from './proportion.js';
import { expectClose, readReference } from './reference.testutil.js';
import {
  adjustBenjaminiHochberg,
  adjustHolm,
  chiSquareTest,
  fisherExactTest,
  homogeneousAssociationTest,
  twoProportionZTest,
} from './tests.js';

type Json = Record<string, unknown>;
type Expected = number | number[];

interface ProportionCase {
  case: string;
  x: number;
  n: number;
  [method: string]: unknown;
}

// scipy_exact and scipy_wilson are scipy's binomtest.proportion_ci cross-checks of the same methods.
const METHOD_FOR_KEY: Record<string, ProportionMethod> = {
  wilson: 'wilson',
  scipy_wilson: 'wilson',
  clopper_pearson: 'clopper_pearson',
  scipy_exact: 'clopper_pearson',
  jeffreys: 'jeffreys',
  wald: 'wald',
};
const CASE_INPUT_FIELDS = new Set(['case', 'x', 'n']);

function checkProportionCases(cases: ProportionCase[], source: string): number {
  let checked = 0;
  for (const c of cases) {
    for (const [key, expected] of Object.entries(c)) {
      if (CASE_INPUT_FIELDS.has(key)) continue;
      const label = `${source} ${c.case} ${key}`;
      if (key === 'p') {
        const r = proportionInterval(c.x, c.n);
        expectClose(r.estimate, expected as number, label);
        checked++;
        continue;
      }
      const method = METHOD_FOR_KEY[key];
      expect(method, `${label}: no method mapped to this reference key`).toBeDefined();
      const r = proportionInterval(c.x, c.n, { method: method! });
      const [low, high] = expected as [number, number];
      expectClose(r.low, low, `${label} low`);
      expectClose(r.high, high, `${label} high`);
      checked += 2;
    }
  }
  return checked;
}

function compareBlock(
  name: string,
  block: Json,
  computed: Record<string, Expected | null | undefined>,
  inputs: string[],
): number {
  let checked = 0;
  for (const [field, expected] of Object.entries(block)) {
    if (inputs.includes(field)) continue;
    const label = `${name}.${field}`;
    const actual = computed[field];
    expect(actual, `${label}: no computation mapped to this reference field`).not.toBeUndefined();
    if (Array.isArray(expected)) {
      expect(Array.isArray(actual), label).toBe(true);
      expect((actual as number[]).length, label).toBe(expected.length);
      (expected as number[]).forEach((e, i) => expectClose((actual as number[])[i], e, `${label}[${i}]`));
      checked += expected.length;
    } else {
      expectClose(actual as number, expected as number, label);
      checked++;
    }
  }
  return checked;
}

function parseAgrestiCounts(source: string): number[][][] {
  const match = /c\(([\d,\s]+)\)/.exec(source);
  if (!match) throw new Error('no counts in the Agresti source note');
  const c = match[1]!.split(',').map((s) => Number(s.trim()));
  expect(c).toHaveLength(8);
  // Listed as (A, C, M) with the last variable varying fastest: A×C×M[a][c][m].
  return [0, 1].map((a) => [0, 1].map((cc) => [0, 1].map((m) => c[a * 4 + cc * 2 + m]!)));
}

const BLOCKS: Record<string, { inputs: string[]; compute: (b: Json) => Record<string, Expected | null | undefined> }> =
  {
    chi2_2x3_Lessebo_Alvesta_Vaxjo: {
      inputs: ['table', 'correction'],
      compute: (b) => {
        const r = chiSquareTest(b.table as number[][], { yates: b.correction as boolean });
        if (r.status !== 'ok') throw new Error('unexpected degenerate table');
        return { chi2: r.statistic, df: r.df, p: r.pValue, min_expected: r.validity.minExpected };
      },
    },
    chi2_2x2_Lessebo_vs_Vaxjo: {
      inputs: ['table', 'lesson'],
      compute: (b) => {
        const t = b.table as number[][];
        const plain = chiSquareTest(t);
        const yates = chiSquareTest(t, { yates: true });
        const fisher = fisherExactTest(t);
        const [[a, bb], [c, d]] = t as [[number, number], [number, number]];
        const z = twoProportionZTest(a, a + bb, c, c + d);
        const diff = newcombeDifference(a, a + bb, c, c + d);
        return {
          pearson_chi2: plain.statistic ?? undefined,
          p: plain.pValue ?? undefined,
          yates_chi2: yates.statistic ?? undefined,
          yates_p: yates.pValue ?? undefined,
          fisher_OR: fisher.oddsRatio ?? undefined,
          fisher_p: fisher.pValue,
          two_prop_z_pooled: z.z ?? undefined,
          z_p: z.pValue ?? undefined,
          newcombe_diff: diff.difference ?? undefined,
          newcombe_ci: diff.status === 'ok' ? [diff.low, diff.high] : undefined,
        };
      },
    },
    agresti_alcohol_x_marijuana: {
      inputs: ['table', 'source'],
      compute: (b) => {
        const threeWay = parseAgrestiCounts(b.source as string);
        // The 2×2 table in the reference is the A×M margin of the three-way table.
        const am = [0, 1].map((a) => [0, 1].map((m) => threeWay[a]![0]![m]! + threeWay[a]![1]![m]!));
        expect(am).toEqual(b.table);
        const chi = chiSquareTest(b.table as number[][]);
        const loglinear = homogeneousAssociationTest(threeWay);
        return {
          pearson_chi2: chi.statistic ?? undefined,
          df: chi.df,
          loglinear_AC_AM_CM_G2: loglinear.g2,
          loglinear_df: loglinear.df,
        };
      },
    },
    multiplicity_example: {
      inputs: ['p'],
      compute: (b) => ({ holm: adjustHolm(b.p as number[]), bh: adjustBenjaminiHochberg(b.p as number[]) }),
    },
  };

describe('ci_vectors.json', () => {
  it('matches every interval and estimate', () => {
    const cases = readReference('ci_vectors.json') as ProportionCase[];
    expect(cases.length).toBeGreaterThan(0);
    expect(checkProportionCases(cases, 'ci_vectors')).toBeGreaterThan(cases.length * 10);
  });
});

describe('test_vectors.json', () => {
  const vectors = readReference('test_vectors.json') as Json;

  it('has no top-level entry we do not check', () => {
    const known = new Set(['source_note', 'alpha', 'z', 'proportion_ci', ...Object.keys(BLOCKS)]);
    expect(Object.keys(vectors).filter((k) => !known.has(k))).toEqual([]);
  });

  it('critical value z for alpha', () => {
    expectClose(criticalZ(1 - (vectors.alpha as number)), vectors.z as number, 'z');
  });

  it('proportion_ci: every interval and estimate', () => {
    const cases = vectors.proportion_ci as ProportionCase[];
    expect(checkProportionCases(cases, 'test_vectors')).toBeGreaterThan(cases.length * 10);
  });

  for (const [name, { inputs, compute }] of Object.entries(BLOCKS)) {
    it(`${name}: every stated number`, () => {
      const block = vectors[name] as Json;
      expect(compareBlock(name, block, compute(block), inputs)).toBeGreaterThan(0);
    });
  }
});

describe('reference comparison helper', () => {
  it('uses 1e-6 for full-precision values and half a last digit for rounded ones', async () => {
    const { toleranceFor } = await import('./reference.testutil.js');
    expect(toleranceFor(0.8015959941626746)).toBe(1e-6);
    expect(toleranceFor(0)).toBe(1e-6);
    expect(toleranceFor(4.2468)).toBeCloseTo(5e-5, 12);
    expect(toleranceFor(0.071)).toBeCloseTo(5e-4, 12);
    expect(() => expectClose(0.5, 0.6, 'wrong')).toThrow();
    expect(() => expectClose(null, 0.6, 'missing')).toThrow();
  });
});
