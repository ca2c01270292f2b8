import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjustBenjaminiHochberg,
  adjustHolm,
  chiSquareTest,
  fisherExactTest,
  homogeneousAssociationTest,
  twoProportionZTest,
  type FisherAlternative,
} from './tests.js';

describe('chi-square test', () => {
  it('reports validity flags by Cochran’s rule', () => {
    const r = chiSquareTest([
      [8, 2, 1],
      [9, 3, 2],
    ]);
    if (r.status !== 'ok') throw new Error('unexpected degenerate');
    expect(r.df).toBe(2);
    expect(r.validity.minExpected).toBeCloseTo((3 * 11) / 25, 12);
    expect(r.validity.cellsExpectedBelow5).toBe(4);
    expect(r.validity.shareExpectedBelow5).toBeCloseTo(4 / 6, 12);
    expect(r.validity.cochranRuleMet).toBe(false);
  });

  it('a zero row or column total is degenerate, not NaN', () => {
    const r = chiSquareTest([
      [0, 0],
      [3, 4],
    ]);
    expect(r).toMatchObject({ status: 'degenerate', statistic: null, pValue: null, validity: null });
  });

  it('applies Yates only when df = 1 (as scipy does)', () => {
    const table = [
      [10, 20, 30],
      [15, 15, 25],
    ];
    const plain = chiSquareTest(table);
    const asked = chiSquareTest(table, { yates: true });
    expect(asked.yatesApplied).toBe(false);
    expect(asked.statistic).toBe(plain.statistic);
    const twoByTwo = chiSquareTest(
      [
        [10, 20],
        [15, 15],
      ],
      { yates: true },
    );
    expect(twoByTwo.yatesApplied).toBe(true);
    expect(twoByTwo.statistic!).toBeLessThan(
      chiSquareTest([
        [10, 20],
        [15, 15],
      ]).statistic!,
    );
  });

  it('Yates never moves a count past its expectation', () => {
    // Observed equals expected: the correction must give 0, not a negative contribution.
    const r = chiSquareTest(
      [
        [5, 5],
        [5, 5],
      ],
      { yates: true },
    );
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
  });

  it('uncorrected 2×2 chi-square equals the squared pooled z statistic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        fc.nat(),
        (n1, n2, s1, s2) => {
          const x1 = s1 % (n1 + 1);
          const x2 = s2 % (n2 + 1);
          const chi = chiSquareTest([
            [x1, n1 - x1],
            [x2, n2 - x2],
          ]);
          const z = twoProportionZTest(x1, n1, x2, n2);
          if (chi.status !== 'ok' || z.status !== 'ok') {
            expect(chi.status === 'degenerate' && z.status === 'degenerate').toBe(true);
            return;
          }
          expect(chi.statistic).toBeCloseTo(z.z * z.z, 8);
          expect(chi.pValue).toBeCloseTo(z.pValue, 10);
        },
      ),
    );
  });

  it('rejects ragged or negative tables', () => {
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow(RangeError);
    expect(() =>
      chiSquareTest([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
    expect(() => chiSquareTest([[1, 2]])).toThrow(RangeError);
  });
});

// Exact rational oracle: hypergeometric probabilities as BigInt binomial products.
function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

function exactFisher(a: number, b: number, c: number, d: number, alternative: FisherAlternative): number {
  const col0 = a + c;
  const col1 = b + d;
  const row0 = a + b;
  const weight = (k: number): bigint => binomial(col0, k) * binomial(col1, row0 - k);
  const lo = Math.max(0, row0 - col1);
  const hi = Math.min(row0, col0);
  let total = 0n;
  let selected = 0n;
  const observed = weight(a);
  for (let k = lo; k <= hi; k++) {
    const w = weight(k);
    total += w;
    const take = alternative === 'less' ? k <= a : alternative === 'greater' ? k >= a : w <= observed;
    if (take) selected += w;
  }
  // Scale before converting so the quotient keeps double precision.
  return Number((selected * 10n ** 18n) / total) / 1e18;
}

describe("Fisher's exact test", () => {
  it('matches exact rational arithmetic for all three alternatives', () => {
    const cell = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(
        cell,
        cell,
        cell,
        cell,
        fc.constantFrom<FisherAlternative>('two-sided', 'less', 'greater'),
        (a, b, c, d, alt) => {
          const r = fisherExactTest(
            [
              [a, b],
              [c, d],
            ],
            alt,
          );
          expect(Math.abs(r.pValue - exactFisher(a, b, c, d, alt))).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('one-sided p-values add up to 1 + P(observed table)', () => {
    const less = fisherExactTest(
      [
        [3, 7],
        [9, 2],
      ],
      'less',
    ).pValue;
    const greater = fisherExactTest(
      [
        [3, 7],
        [9, 2],
      ],
      'greater',
    ).pValue;
    const pointMass = exactFisher(3, 7, 9, 2, 'less') - exactFisher(2, 8, 10, 1, 'less');
    expect(less + greater).toBeCloseTo(1 + pointMass, 12);
  });

  it('reports the sample odds ratio, Infinity and null at the edges', () => {
    expect(
      fisherExactTest([
        [6, 2],
        [1, 4],
      ]).oddsRatio,
    ).toBe(12);
    expect(
      fisherExactTest([
        [6, 0],
        [1, 4],
      ]).oddsRatio,
    ).toBe(Number.POSITIVE_INFINITY);
    expect(
      fisherExactTest([
        [0, 2],
        [0, 4],
      ]).oddsRatio,
    ).toBeNull();
    expect(
      fisherExactTest([
        [0, 2],
        [0, 4],
      ]).pValue,
    ).toBe(1);
  });

  it('counts tables with equal probability as "as extreme" (symmetric table gives p = 1)', () => {
    expect(
      fisherExactTest([
        [5, 5],
        [5, 5],
      ]).pValue,
    ).toBeCloseTo(1, 14);
    expect(
      fisherExactTest([
        [2, 8],
        [8, 2],
      ]).pValue,
    ).toBeCloseTo(exactFisher(2, 8, 8, 2, 'two-sided'), 14);
  });

  it('only accepts 2×2 integer tables', () => {
    expect(() =>
      fisherExactTest([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      fisherExactTest([
        [1.5, 2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });
});

describe('multiple-comparison adjustment', () => {
  const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 40 });

  it('keeps input order, is monotone in the sorted p-values, never below p and capped at 1', () => {
    fc.assert(
      fc.property(pValues, (p) => {
        for (const adjust of [adjustHolm, adjustBenjaminiHochberg]) {
          const adjusted = adjust(p);
          expect(adjusted).toHaveLength(p.length);
          const order = p.map((_, i) => i).sort((i, j) => p[i]! - p[j]!);
          for (let k = 1; k < order.length; k++) {
            expect(adjusted[order[k]!]!).toBeGreaterThanOrEqual(adjusted[order[k - 1]!]!);
          }
          p.forEach((v, i) => {
            expect(adjusted[i]!).toBeGreaterThanOrEqual(v);
            expect(adjusted[i]!).toBeLessThanOrEqual(1);
          });
        }
      }),
    );
  });

  it('Holm is at least as strict as Benjamini–Hochberg, and both ignore input order', () => {
    fc.assert(
      fc.property(pValues, (p) => {
        const holm = adjustHolm(p);
        const bh = adjustBenjaminiHochberg(p);
        p.forEach((_, i) => expect(holm[i]!).toBeGreaterThanOrEqual(bh[i]! - 1e-15));
        const reversed = [...p].reverse();
        expect(adjustHolm(reversed)).toEqual([...holm].reverse());
        expect(adjustBenjaminiHochberg(reversed)).toEqual([...bh].reverse());
      }),
    );
  });

  it('rejects values that are not p-values', () => {
    expect(() => adjustHolm([0.1, 1.2])).toThrow(RangeError);
    expect(() => adjustBenjaminiHochberg([Number.NaN])).toThrow(RangeError);
    expect(adjustHolm([])).toEqual([]);
  });
});

describe('homogeneous association (log-linear) test', () => {
  it('fits a table that has no three-way interaction exactly', () => {
    // Odds ratio 2 in both strata → the (XY, XZ, YZ) model fits perfectly.
    const r = homogeneousAssociationTest([
      [
        [20, 10],
        [10, 10],
      ],
      [
        [40, 10],
        [20, 10],
      ],
    ]);
    expect(r.df).toBe(1);
    expect(r.g2).toBeLessThan(1e-9);
    expect(r.pValue).toBeCloseTo(1, 6);
    expect(r.fitted.flat(2).reduce((s, v) => s + v, 0)).toBeCloseTo(130, 9);
  });

  it('rejects tables that are not three-way', () => {
    expect(() => homogeneousAssociationTest([[[1, 2]]])).toThrow(RangeError);
  });
});
