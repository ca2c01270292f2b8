import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjustBenjaminiHochberg, adjustHolm, newcombeDifference } from '../statistics/index.js';
import { expectClose, readReference } from '../statistics/reference.testutil.js';
import {
  adjustFamily,
  assess,
  compareProportions,
  compareWithPreviousWave,
  compareWithRest,
  groupsTest,
  rankProfile,
  trendPoints,
  trendSegments,
  type PublishedCell,
} from './comparisons.js';
import { buildCube } from './cube.js';
import { ind, miniData, times, type MiniRow } from './fixtures.testutil.js';

const ref = readReference('test_vectors.json') as {
  chi2_2x3_Lessebo_Alvesta_Vaxjo: { table: number[][]; chi2: number; df: number; p: number; min_expected: number };
  chi2_2x2_Lessebo_vs_Vaxjo: {
    table: number[][];
    pearson_chi2: number;
    p: number;
    fisher_p: number;
    newcombe_diff: number;
    newcombe_ci: [number, number];
  };
  multiplicity_example: { p: number[]; holm: number[]; bh: number[] };
};

const ok = (x: number, n: number): PublishedCell => ({ x, n, status: 'ok' });
const hidden: PublishedCell = { x: null, n: 40, status: 'suppressed' };

describe('comparisons against the scipy reference vectors', () => {
  it('a difference between two groups: Newcombe CI and the 2×2 chi-square (Lessebo vs Växjö)', () => {
    const r = ref.chi2_2x2_Lessebo_vs_Vaxjo;
    // Rows are groups: [positive, other].
    const [[x1, o1], [x2, o2]] = r.table as [[number, number], [number, number]];
    const c = compareProportions(x1, x1 + o1, x2, x2 + o2);
    expect(c.status).toBe('ok');
    expect(c.test).toBe('chi_square');
    expectClose(c.difference, r.newcombe_diff, 'newcombe diff');
    expectClose(c.low, r.newcombe_ci[0], 'newcombe low');
    expectClose(c.high, r.newcombe_ci[1], 'newcombe high');
    expectClose(c.pValue, r.p, 'pearson p');
  });

  it('group vs rest uses parent − group as the rest', () => {
    const r = ref.chi2_2x2_Lessebo_vs_Vaxjo;
    const [[x1, o1], [x2, o2]] = r.table as [[number, number], [number, number]];
    const parent = ok(x1 + x2, x1 + o1 + x2 + o2);
    const c = compareWithRest(ok(x1, x1 + o1), parent);
    expectClose(c.difference, r.newcombe_diff, 'diff');
    expectClose(c.low, r.newcombe_ci[0], 'low');
    expectClose(c.pValue, r.p, 'p');
  });

  it('chi-square across the groups of a breakdown (Lessebo, Alvesta, Växjö) with validity flags', () => {
    const r = ref.chi2_2x3_Lessebo_Alvesta_Vaxjo;
    const groups = ['0761', '0764', '0780'];
    const cells = groups.map((group, j) => ({ group, ...ok(r.table[0]![j]!, r.table[0]![j]! + r.table[1]![j]!) }));
    const t = groupsTest(cells);
    expect(t.status).toBe('ok');
    expect(t.method).toBe('chi_square');
    expectClose(t.statistic, r.chi2, 'chi2');
    expect(t.df).toBe(r.df);
    expectClose(t.pValue, r.p, 'p');
    expectClose(t.minExpected, r.min_expected, 'min expected');
    expect(t.valid).toBe(true);
    expect(t.groups).toEqual(groups);
  });

  it("Fisher's exact test for a small 2×2; the chi-square when the table is large enough", () => {
    const r = ref.chi2_2x2_Lessebo_vs_Vaxjo;
    // The reference table passes Cochran; a small table switches to Fisher's exact test.
    const small = compareProportions(1, 8, 6, 9);
    expect(small.test).toBe('fisher_exact');
    expect(small.minExpected!).toBeLessThan(5);
    const t = groupsTest([
      { group: 'a', ...ok(1, 8) },
      { group: 'b', ...ok(6, 9) },
    ]);
    expect(t.method).toBe('fisher_exact');
    expect(t.valid).toBe(true);
    expect(t.pValue).toBeCloseTo(small.pValue!, 12);
    // With the reference's own counts the chi-square is valid and is what is reported.
    const big = compareProportions(
      r.table[0]![0]!,
      r.table[0]![0]! + r.table[0]![1]!,
      r.table[1]![0]!,
      r.table[1]![0]! + r.table[1]![1]!,
    );
    expect(big.test).toBe('chi_square');
  });

  it('Benjamini–Hochberg for an ordinary family, Holm for goal indicators (multiplicity example)', () => {
    const r = ref.multiplicity_example;
    const bh = adjustFamily(r.p.map((p, i) => ({ id: `i${i}`, pValue: p, goal: false })));
    r.bh.forEach((v, i) => expectClose(bh.get(`i${i}`)!.adjustedP, v, `bh ${i}`));
    expect(bh.get('i0')).toMatchObject({ method: 'benjamini_hochberg', familySize: 8 });
    const holm = adjustFamily(r.p.map((p, i) => ({ id: `i${i}`, pValue: p, goal: true })));
    r.holm.forEach((v, i) => expectClose(holm.get(`i${i}`)!.adjustedP, v, `holm ${i}`));
    expect(holm.get('i3')).toMatchObject({ method: 'holm', familySize: 8 });
  });
});

describe('comparisons never use a hidden cell', () => {
  it('returns null values with a status', () => {
    expect(compareWithRest(hidden, ok(50, 100))).toMatchObject({
      status: 'suppressed',
      difference: null,
      low: null,
      high: null,
      pValue: null,
    });
    expect(compareWithRest(ok(10, 40), { x: null, n: 100, status: 'suppressed' })).toMatchObject({
      status: 'reference_suppressed',
      difference: null,
    });
    expect(compareWithRest(ok(10, 40), null).status).toBe('no_reference');
    expect(compareWithRest(ok(10, 40), ok(10, 40)).status).toBe('no_reference');
    expect(compareWithPreviousWave(ok(10, 40), ok(20, 40), true)).toMatchObject({
      status: 'series_break',
      difference: null,
    });
    expect(compareWithPreviousWave(ok(10, 40), null, false).status).toBe('no_previous_wave');
    expect(compareWithPreviousWave(ok(10, 40), hidden, false).status).toBe('reference_suppressed');
    expect(compareWithPreviousWave({ x: null, n: null, status: 'unit_too_small' }, ok(1, 40), false).status).toBe(
      'suppressed',
    );
  });

  it('groups test leaves out hidden and not-stated groups and says so', () => {
    const t = groupsTest([
      { group: 'girl', ...ok(30, 60) },
      { group: 'boy', ...ok(20, 60) },
      { group: 'other', x: null, n: null, status: 'unit_too_small' },
      { group: 'not_stated', ...ok(5, 12) },
    ]);
    expect(t.groups).toEqual(['girl', 'boy']);
    expect(t.excluded).toEqual(['other', 'not_stated']);
    expect(
      groupsTest([
        { group: 'girl', ...ok(30, 60) },
        { group: 'boy', ...hidden },
      ]).status,
    ).toBe('too_few_groups');
  });

  it('agrees with the cube’s own vsRest / vsPreviousWave on published cells', () => {
    const rows: MiniRow[] = [
      ...times(40, { year: 2021, grade: '8', muni: '0780', safe: 1 }),
      ...times(25, { year: 2021, grade: '8', muni: '0780', safe: 2 }),
      ...times(20, { year: 2021, grade: '8', muni: '0781', safe: 1 }),
      ...times(30, { year: 2021, grade: '8', muni: '0781', safe: 2 }),
      ...times(35, { year: 2024, grade: '8', muni: '0780', safe: 1 }),
      ...times(30, { year: 2024, grade: '8', muni: '0780', safe: 2 }),
      ...times(22, { year: 2024, grade: '8', muni: '0781', safe: 1 }),
      ...times(28, { year: 2024, grade: '8', muni: '0781', safe: 2 }),
    ];
    const published = buildCube(miniData(rows), {
      indicators: [ind({ key: 'safe_share', items: ['safe'], positive: [1] })],
    }).publish();
    const t = published.table({
      indicator: 'safe_share',
      breakdown: 'municipality',
      year: 2024,
      parent: { grade: '8' },
    })!;
    const prev = published.table({
      indicator: 'safe_share',
      breakdown: 'municipality',
      year: 2021,
      parent: { grade: '8' },
    })!;
    for (const cell of t.cells.filter((c) => c.status === 'ok')) {
      const rest = compareWithRest(cell, t.parentCell);
      expect(rest.difference).toBe(cell.vsRest!.difference);
      expect(rest.low).toBe(cell.vsRest!.low);
      expect(rest.high).toBe(cell.vsRest!.high);
      const p = prev.cells.find((c) => c.group === cell.group)!;
      const wave = compareWithPreviousWave(cell, p, t.seriesBreak);
      expect(wave.difference).toBe(cell.vsPreviousWave!.difference);
      expect(wave.low).toBe(cell.vsPreviousWave!.low);
    }
  });

  it('property: any hidden input gives a null comparison', () => {
    const cellArb = fc.oneof(
      fc
        .integer({ min: 1, max: 500 })
        .chain((n) => fc.integer({ min: 0, max: n }).map((x): PublishedCell => ({ x, n, status: 'ok' }))),
      fc.constant<PublishedCell>({ x: null, n: 30, status: 'suppressed' }),
      fc.constant<PublishedCell>({ x: null, n: null, status: 'unit_too_small' }),
    );
    fc.assert(
      fc.property(cellArb, cellArb, fc.boolean(), (a, b, brk) => {
        const w = compareWithPreviousWave(a, b, brk);
        if (a.status !== 'ok' || b.status !== 'ok' || brk) expect(w.difference).toBeNull();
        else {
          const d = newcombeDifference(a.x!, a.n!, b.x!, b.n!);
          expect(w.difference).toBe(d.difference);
          expect(w.pValue!).toBeGreaterThanOrEqual(0);
          expect(w.pValue!).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('assessment, family and profile', () => {
  it('needs a CI that excludes 0 and an adjusted p below 0.05, and follows polarity', () => {
    const c = compareProportions(80, 100, 50, 100);
    expect(assess(c, 'higher_is_better', 0.001)).toBe('better');
    expect(assess(c, 'lower_is_better', 0.001)).toBe('worse');
    // The adjusted p decides even when the CI excludes 0.
    expect(assess(c, 'higher_is_better', 0.2)).toBe('no_clear_difference');
    const borderline = compareWithRest(ok(61, 82), ok(61 + 572, 82 + 688));
    // The reference's lesson: Newcombe CI just excludes 0, p = 0.0502 — no clear difference.
    expect(borderline.high!).toBeLessThan(0);
    expect(assess(borderline, 'higher_is_better', null)).toBe('no_clear_difference');
    expect(assess(compareWithRest(hidden, ok(1, 10)), 'higher_is_better', null)).toBeNull();
  });

  it('adjusts goal and other indicators as separate families; members without p do not count', () => {
    const r = adjustFamily([
      { id: 'a', pValue: 0.01, goal: false },
      { id: 'b', pValue: 0.04, goal: false },
      { id: 'c', pValue: null, goal: false },
      { id: 'g1', pValue: 0.01, goal: true },
      { id: 'g2', pValue: 0.03, goal: true },
    ]);
    expect(r.has('c')).toBe(false);
    expect(r.get('a')).toEqual({
      adjustedP: adjustBenjaminiHochberg([0.01, 0.04])[0],
      method: 'benjamini_hochberg',
      familySize: 2,
    });
    expect(r.get('g2')).toEqual({ adjustedP: adjustHolm([0.01, 0.03])[1], method: 'holm', familySize: 2 });
  });

  it('ranks strengths and challenges by the favourable difference, polarity-aware', () => {
    const e = (item: string, x1: number, x2: number, polarity: 'higher_is_better' | 'lower_is_better') => ({
      item,
      polarity,
      comparison: compareProportions(x1, 100, x2, 1000),
    });
    const ranked = rankProfile([
      e('likes_school', 87, 700, 'higher_is_better'), // +17
      e('school_stress', 39, 500, 'lower_is_better'), // −11 → favourable +11
      e('binge', 30, 200, 'lower_is_better'), // +10 → challenge
      e('safe', 70, 750, 'higher_is_better'), // −5 → challenge
      { item: 'hidden', polarity: 'higher_is_better' as const, comparison: compareWithRest(hidden, ok(1, 10)) },
    ]);
    expect(ranked.strengths.map((s) => s.item)).toEqual(['likes_school', 'school_stress']);
    expect(ranked.challenges.map((s) => s.item)).toEqual(['binge', 'safe']);
    expect(ranked.notCompared.map((s) => s.item)).toEqual(['hidden']);
  });
});

describe('trends with series breaks', () => {
  const cell = (x: number, n: number) => ({ x, n, status: 'ok' as const, share: x / n, ciLow: 0, ciHigh: 1 });
  it('never interpolates a hidden wave and breaks the line at a series break', () => {
    const pts = trendPoints([
      { year: 2015, asked: true, seriesBreak: false, cell: cell(10, 40) },
      { year: 2018, asked: true, seriesBreak: false, cell: cell(12, 40) },
      {
        year: 2021,
        asked: true,
        seriesBreak: false,
        cell: { x: null, n: 30, status: 'suppressed', share: null, ciLow: null, ciHigh: null },
      },
      { year: 2024, asked: true, seriesBreak: false, cell: cell(9, 40) },
      { year: 2027, asked: true, seriesBreak: true, cell: cell(20, 40) },
      { year: 2030, asked: false, seriesBreak: false, cell: null },
    ]);
    expect(pts[2]).toMatchObject({ status: 'suppressed', share: null, ciLow: null, n: 30 });
    expect(pts[5]!.status).toBe('not_asked');
    expect(trendSegments(pts)).toEqual([[0, 1], [3], [4]]);
  });
});
