import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  auditDisclosure,
  DEFAULT_RULES,
  newcombeDifference,
  SKOLINSPEKTIONEN_RULES,
  wilsonInterval,
  type PublishedTable,
} from '../statistics/index.js';
import { buildCube, clusterByCell } from './cube.js';
import type { CubeTable } from './cube-types.js';
import { categoriesOf, dimensionLabels, DEFAULT_BREAKDOWNS, ladderLabels } from './dimensions.js';
import { classifyRespondent, compileIndicator, POSITIVE, OUT } from './indicators.js';
import { ind, miniData, MINI_MUNIS, MINI_SCHOOLS, times, type MiniRow } from './fixtures.testutil.js';

const SAFE = ind({ key: 'safe_share', items: ['safe'], positive: [1] });
const SAFE_DK = ind({ key: 'safe_dk_negative', items: ['safe'], positive: [1], dontKnow: 'negative' });
const STRESS = ind({
  key: 'stress_share',
  items: ['stress'],
  positive: [3, 4],
  positiveByVersion: { '2': [4, 5] },
  polarity: 'lower_is_better',
});

// Grade 8, 2021: Växjö 40 safe of 50 (+3 don't know, +2 missing), Ljungby 12 of 30, Alvesta 3 of 8.
const HAND: MiniRow[] = [
  ...times(40, { year: 2021, grade: '8', muni: '0780', safe: 1 }),
  ...times(10, { year: 2021, grade: '8', muni: '0780', safe: 2 }),
  ...times(3, { year: 2021, grade: '8', muni: '0780', safe: 9 }),
  ...times(2, { year: 2021, grade: '8', muni: '0780', safe: null }),
  ...times(12, { year: 2021, grade: '8', muni: '0781', safe: 1 }),
  ...times(18, { year: 2021, grade: '8', muni: '0781', safe: 2 }),
  ...times(3, { year: 2021, grade: '8', muni: '0764', safe: 1 }),
  ...times(5, { year: 2021, grade: '8', muni: '0764', safe: 2 }),
];

const cell = (t: CubeTable | null, group: string) => t?.cells.find((c) => c.group === group);

describe('cube: a small hand-computed table', () => {
  const cube = buildCube(miniData(HAND), { indicators: [SAFE, SAFE_DK, STRESS] });
  const published = cube.publish();

  it("counts x and n with missing and don't-know outside the denominator", () => {
    const t = published.table({
      indicator: 'safe_share',
      breakdown: 'municipality',
      year: 2021,
      parent: { grade: '8' },
    })!;
    expect(cell(t, '0780')).toMatchObject({ n: 50, x: 40, status: 'ok' });
    // Hidden as the complement of the too-small Alvesta (see the suppression test), n shown.
    expect(cell(t, '0781')).toMatchObject({ n: 30, x: null, status: 'suppressed' });
    // n = 8 < 10: nothing published, not even n.
    expect(cell(t, '0764')).toMatchObject({ n: null, x: null, share: null, status: 'unit_too_small' });
    expect(t.parentCell).toMatchObject({ n: 88, x: 55, status: 'ok' });
    const dk = published.table({
      indicator: 'safe_dk_negative',
      breakdown: 'municipality',
      year: 2021,
      parent: { grade: '8' },
    })!;
    expect(cell(dk, '0780')).toMatchObject({ n: 53, x: 40 });
  });

  it('gives Wilson CIs identical to src/core/statistics', () => {
    const t = published.table({
      indicator: 'safe_share',
      breakdown: 'municipality',
      year: 2021,
      parent: { grade: '8' },
    })!;
    const w = wilsonInterval(40, 50);
    expect(cell(t, '0780')!.share).toBe(0.8);
    expect(cell(t, '0780')!.ciLow).toBe(w.low);
    expect(cell(t, '0780')!.ciHigh).toBe(w.high);
    const county = published.table({ indicator: 'safe_share', breakdown: 'grade', year: 2021 })!;
    const w2 = wilsonInterval(55, 88);
    expect(cell(county, '8')).toMatchObject({ x: 55, n: 88, ciLow: w2.low, ciHigh: w2.high });
  });

  it('compares a group with the rest of its parent (Newcombe)', () => {
    const t = published.table({
      indicator: 'safe_share',
      breakdown: 'municipality',
      year: 2021,
      parent: { grade: '8' },
    })!;
    const d = newcombeDifference(40, 50, 55 - 40, 88 - 50);
    expect(cell(t, '0780')!.vsRest).toEqual({ difference: d.difference, low: d.low, high: d.high });
  });

  it('suppression: the too-small group forces a complementary suppression against the county total', () => {
    // 0764 (n = 8) is hidden; with the county total published, 0780 and 0781 would give it back
    // by subtraction: so 0781 (the smaller positive count) is hidden too, and the audit finds nothing.
    const t = published.table({
      indicator: 'safe_share',
      breakdown: 'municipality',
      year: 2021,
      parent: { grade: '8' },
    })!;
    expect(t.cells.map((c) => c.status)).toEqual(['ok', 'suppressed', 'unit_too_small']);
    expect(t.risks).toEqual([]);
    // The reader's view of the table, audited by the statistics core.
    const view: PublishedTable = {
      groups: t.cells.map((c) => c.group),
      options: ['positive', 'other'],
      counts: t.cells.map((c) => (c.status === 'ok' ? [c.x!, c.n! - c.x!] : [null, null])),
      groupTotals: t.cells.map((c) => c.n),
      optionTotals: [t.parentCell!.x!, t.parentCell!.n! - t.parentCell!.x!],
    };
    expect(auditDisclosure(view, DEFAULT_RULES)).toEqual([]);
  });
});

describe('cube: suppression', () => {
  it('hides a small count, its complement and a sibling; children of a hidden parent show no shares', () => {
    const rows = [
      ...times(30, { year: 2021, grade: '8', muni: '0780', school: 'S1', gender: 'girl', safe: 1 }),
      ...times(20, { year: 2021, grade: '8', muni: '0780', school: 'S1', gender: 'boy', safe: 1 }),
      ...times(8, { year: 2021, grade: '8', muni: '0780', school: 'S1', gender: 'boy', safe: 2 }),
      ...times(25, { year: 2021, grade: '8', muni: '0780', school: 'S2', gender: 'girl', safe: 1 }),
      ...times(2, { year: 2021, grade: '8', muni: '0780', school: 'S2', gender: 'girl', safe: 2 }),
      ...times(20, { year: 2021, grade: '8', muni: '0780', school: 'S2', gender: 'boy', safe: 1 }),
      ...times(9, { year: 2021, grade: '8', muni: '0780', school: 'S2', gender: 'boy', safe: 2 }),
      ...times(40, { year: 2021, grade: '8', muni: '0780', school: 'S3', gender: 'girl', safe: 1 }),
      ...times(12, { year: 2021, grade: '8', muni: '0780', school: 'S3', gender: 'girl', safe: 2 }),
    ];
    const cube = buildCube(miniData(rows), { indicators: [SAFE] });
    const pub = cube.publish();
    // S1: girls 30/30 (0 negative < 5): hidden with n published; boys hidden as complement.
    const s1 = pub.table({
      indicator: 'safe_share',
      breakdown: 'school_gender',
      year: 2021,
      parent: { grade: '8', school: 'S1' },
    })!;
    expect(cell(s1, 'girl')).toMatchObject({ status: 'suppressed', n: 30, x: null, share: null, ciLow: null });
    expect(cell(s1, 'boy')!.status).toBe('suppressed');
    // S1 overall is published (50 of 58).
    const schools = pub.table({ indicator: 'safe_share', breakdown: 'school', year: 2021, parent: { grade: '8' } })!;
    expect(cell(schools, 'S1')).toMatchObject({ status: 'ok', n: 58, x: 50 });
    // S2: girls 25/27 (2 < 5) hidden; boys hidden as complement (else girls = total − boys).
    const s2 = pub.table({
      indicator: 'safe_share',
      breakdown: 'school_gender',
      year: 2021,
      parent: { grade: '8', school: 'S2' },
    })!;
    expect(s2.cells.every((c) => c.status !== 'ok')).toBe(true);
    // S3 has only girls, 40/52: published, equal to the school total.
    const s3 = pub.table({
      indicator: 'safe_share',
      breakdown: 'school_gender',
      year: 2021,
      parent: { grade: '8', school: 'S3' },
    })!;
    expect(cell(s3, 'girl')).toMatchObject({ status: 'ok', x: 40, n: 52 });
    expect(cell(s3, 'girl')!.vsRest).toBeNull();
  });

  it('a hidden parent hides its children', () => {
    const rows = [
      ...times(48, { year: 2021, grade: '8', muni: '0780', school: 'S1', gender: 'girl', safe: 1 }),
      ...times(2, { year: 2021, grade: '8', muni: '0780', school: 'S1', gender: 'boy', safe: 2 }),
      ...times(20, { year: 2021, grade: '8', muni: '0780', school: 'S2', gender: 'girl', safe: 1 }),
      ...times(20, { year: 2021, grade: '8', muni: '0780', school: 'S2', gender: 'girl', safe: 2 }),
    ];
    const pub = buildCube(miniData(rows), { indicators: [SAFE] }).publish();
    const schools = pub.table({ indicator: 'safe_share', breakdown: 'school', year: 2021, parent: { grade: '8' } })!;
    expect(cell(schools, 'S1')!.status).toBe('suppressed');
    const s1 = pub.table({
      indicator: 'safe_share',
      breakdown: 'school_gender',
      year: 2021,
      parent: { grade: '8', school: 'S1' },
    })!;
    expect(s1.parentCell!.status).toBe('suppressed');
    expect(cell(s1, 'girl')).toMatchObject({ status: 'suppressed', n: 48 });
    expect(cell(s1, 'boy')).toMatchObject({ status: 'unit_too_small', n: null });
  });

  it("the 'library' mode uses suppressTable and supports rule sets without complementary suppression", () => {
    const cube = buildCube(miniData(HAND), {
      indicators: [SAFE],
      suppression: 'library',
      rules: SKOLINSPEKTIONEN_RULES,
    });
    const t = cube
      .publish()
      .table({ indicator: 'safe_share', breakdown: 'municipality', year: 2021, parent: { grade: '8' } })!;
    // n ≥ 20 for Skolinspektionen: Alvesta (8) too small; no complementary suppression, so the
    // audit reports that Alvesta can be derived from the county total.
    expect(cell(t, '0764')!.status).toBe('unit_too_small');
    expect(t.risks.length).toBeGreaterThan(0);
    expect(() => buildCube(miniData(HAND), { indicators: [SAFE], rules: SKOLINSPEKTIONEN_RULES })).toThrow(/library/);
  });
});

describe('cube: waves and series breaks', () => {
  const rows = [
    ...times(30, { year: 2021, grade: '8', muni: '0780', safe: 1, stress: 3 }),
    ...times(20, { year: 2021, grade: '8', muni: '0780', safe: 2, stress: 1 }),
    ...times(25, { year: 2024, grade: '8', muni: '0780', safe: 1, stress: 5 }),
    ...times(25, { year: 2024, grade: '8', muni: '0780', safe: 2, stress: 3 }),
  ];
  const cube = buildCube(miniData(rows), { indicators: [SAFE, STRESS] });
  const pub = cube.publish();

  it('compares with the previous wave (Newcombe) when the items are comparable', () => {
    const t = pub.table({ indicator: 'safe_share', breakdown: 'grade', year: 2024 })!;
    const d = newcombeDifference(25, 50, 30, 50);
    expect(t.seriesBreak).toBe(false);
    expect(t.previousYear).toBe(2021);
    expect(cell(t, '8')!.vsPreviousWave).toEqual({ difference: d.difference, low: d.low, high: d.high });
  });

  it('marks a series break and uses the positive codes of the new version', () => {
    const t = pub.table({ indicator: 'stress_share', breakdown: 'grade', year: 2024 })!;
    expect(t.seriesBreak).toBe(true);
    expect(cell(t, '8')).toMatchObject({ x: 25, n: 50, vsPreviousWave: null });
    const before = pub.table({ indicator: 'stress_share', breakdown: 'grade', year: 2021 })!;
    expect(cell(before, '8')).toMatchObject({ x: 30, n: 50 });
  });
});

// Random respondents for the property tests.
const rowArb: fc.Arbitrary<MiniRow> = fc.record({
  year: fc.constantFrom(2021, 2024),
  grade: fc.constantFrom('5', '8'),
  muni: fc.constantFrom(...MINI_MUNIS),
  school: fc.option(fc.constantFrom(...MINI_SCHOOLS), { nil: null, freq: 8 }),
  gender: fc.option(fc.constantFrom('girl' as const, 'boy' as const, 'other' as const), { nil: null, freq: 8 }),
  fam: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null, freq: 8 }),
  sch: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null, freq: 8 }),
  born: fc.option(fc.boolean(), { nil: null, freq: 8 }),
  years: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }),
  safe: fc.option(fc.constantFrom(1, 2, 9), { nil: null, freq: 6 }),
  stress: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 6 }),
});

describe('cube: properties', () => {
  it('every rolled-up bucket equals a direct count over the respondents', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 300 }),
        fc.constantFrom([4, 7], [3], [2, 5, 8]),
        (rows, cuts) => {
          const data = miniData(rows.map((r) => (r.year === 2024 && r.stress === 4 ? { ...r, stress: 5 } : r)));
          const cube = buildCube(data, { indicators: [SAFE, STRESS], ladderCuts: cuts });
          const dl = dimensionLabels(data, { ladderCuts: cuts });
          for (const key of ['safe_share', 'stress_share']) {
            const compiled = compileIndicator(key === 'safe_share' ? SAFE : STRESS, data);
            const counts = cube.counts(key);
            const expected = new Map<string, { n: number; x: number }>();
            for (let r = 0; r < data.length; r++) {
              const cls = classifyRespondent(compiled, data, r);
              if (cls === OUT) continue;
              const cats = categoriesOf(data, dl, r);
              for (const b of DEFAULT_BREAKDOWNS) {
                const k = `${b.key}|${data.waves[data.wave[r]!]!.year}|${b.dims.map((d) => cats[d]).join('/')}`;
                const e = expected.get(k) ?? { n: 0, x: 0 };
                e.n++;
                if (cls === POSITIVE) e.x++;
                expected.set(k, e);
              }
            }
            let checked = 0;
            for (const b of cube.layout.breakdowns) {
              const nx = counts.nx[b.index]!;
              for (let bucket = 0; bucket < nx.length / 2; bucket++) {
                const n = nx[bucket * 2]!;
                if (n === 0) continue;
                const w = Math.floor(bucket / b.size);
                let inner = bucket % b.size;
                const labels: string[] = [];
                for (let i = b.def.dims.length - 1; i >= 0; i--) {
                  labels.unshift(cube.layout.labels.get(b.def.dims[i]!)![inner % b.radices[i]!]!);
                  inner = Math.floor(inner / b.radices[i]!);
                }
                const k = `${b.def.key}|${cube.layout.years[w]}|${labels.join('/')}`;
                expect(expected.get(k)).toEqual({ n, x: nx[bucket * 2 + 1]! });
                expected.delete(k);
                checked++;
              }
            }
            expect(expected.size).toBe(0);
            expect(checked).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('clustered and unclustered data give identical tables; a single query equals the published slice', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 250 }), (rows) => {
        const data = miniData(rows);
        const plain = buildCube(data, { indicators: [SAFE, STRESS] });
        const clustered = buildCube(clusterByCell(data).data, { indicators: [SAFE, STRESS] });
        expect(clustered.layout.cellStart).not.toBeNull();
        const a = [...plain.publish().tables()];
        const b = [...clustered.publish().tables()];
        expect(b).toEqual(a);
        for (const t of a.slice(0, 40)) {
          expect(
            plain.table({ indicator: t.indicator, breakdown: t.breakdown, year: t.year, parent: t.parent }),
          ).toEqual(t);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('every published table is clean under auditDisclosure against its published parent', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 20, maxLength: 400 }), (rows) => {
        const pub = buildCube(miniData(rows), { indicators: [SAFE] }).publish();
        for (const t of pub.tables()) {
          expect(t.risks).toEqual([]);
          const margins = t.parentCell?.status === 'ok';
          if (t.parentCell && !margins) {
            expect(t.cells.every((c) => c.status !== 'ok')).toBe(true);
            continue;
          }
          const view: PublishedTable = {
            groups: t.cells.map((c) => c.group),
            options: ['positive', 'other'],
            counts: t.cells.map((c) => (c.status === 'ok' ? [c.x!, c.n! - c.x!] : [null, null])),
            groupTotals: t.cells.map((c) => c.n),
            optionTotals: margins ? [t.parentCell!.x!, t.parentCell!.n! - t.parentCell!.x!] : null,
          };
          expect(auditDisclosure(view, DEFAULT_RULES)).toEqual([]);
          for (const c of t.cells) {
            if (c.status !== 'ok') continue;
            const w = wilsonInterval(c.x!, c.n!);
            expect([c.ciLow, c.ciHigh]).toEqual([w.low, w.high]);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('dimensions', () => {
  it('labels ladder groups from cut points', () => {
    expect(ladderLabels([4, 7])).toEqual(['1-4', '5-7', '8-10']);
    expect(ladderLabels([1, 9])).toEqual(['1', '2-9', '10']);
    expect(() => buildCube(miniData(HAND), { indicators: [SAFE], ladderCuts: [7, 4] })).toThrow(/ascending/);
  });

  it("requires every breakdown's parent", () => {
    expect(() =>
      buildCube(miniData(HAND), {
        indicators: [SAFE],
        breakdowns: [
          { key: 'total', dims: [] },
          { key: 'x', dims: ['grade', 'school'] },
        ],
      }),
    ).toThrow(/parent/);
  });
});
