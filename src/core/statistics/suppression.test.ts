import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfeasibleSystemError, cellInterval, cellIntervals, type Bound, type HiddenCell } from './intervals.js';
import {
  DEFAULT_RULES,
  SKOLINSPEKTIONEN_RULES,
  auditDisclosure,
  suppressTable,
  type CountTable,
  type PublishedTable,
  type SuppressedTable,
} from './suppression.js';

const OPTIONS = ['a', 'b', 'c', 'd', 'e'];

function table(counts: number[][], options = OPTIONS.slice(0, counts[0]!.length)): CountTable {
  return { groups: counts.map((_, g) => `g${g}`), options, counts };
}

function published(t: SuppressedTable): PublishedTable {
  const { groups, options, counts, groupTotals, optionTotals } = t;
  return { groups, options, counts, groupTotals, optionTotals };
}

describe('primary suppression', () => {
  it('default: groups below 10 publish nothing, counts below 5 (zero included) are hidden', () => {
    const r = suppressTable(
      table([
        [30, 12, 4, 0, 9],
        [3, 2, 1, 0, 2],
      ]),
    );
    expect(r.statuses[1]).toEqual(Array(5).fill('unit_too_small'));
    expect(r.counts[1]).toEqual(Array(5).fill(null));
    expect(r.groupTotals).toEqual([55, null]);
    expect(r.statuses[0]!.slice(2, 4)).toEqual(['suppressed_primary', 'suppressed_primary']);
    expect(r.counts[0]![0]).toBe(30);
    expect(r.risks).toEqual([]);
  });

  it('skolinspektionen: units below 20 respondents are too small, options below 5 masked', () => {
    const r = suppressTable(
      table([
        [12, 6, 1],
        [15, 10, 4],
      ]),
      SKOLINSPEKTIONEN_RULES,
    );
    expect(r.statuses[0]).toEqual(['unit_too_small', 'unit_too_small', 'unit_too_small']);
    expect(r.statuses[1]).toEqual(['ok', 'ok', 'suppressed_primary']);
  });
});

describe('secondary suppression (default rules)', () => {
  it('hides the smallest remaining option when exactly one is suppressed', () => {
    const r = suppressTable(table([[40, 7, 3, 25]]));
    expect(r.statuses[0]).toEqual(['ok', 'suppressed_secondary', 'suppressed_primary', 'ok']);
    expect(r.counts[0]).toEqual([40, null, null, 25]);
    expect(r.risks).toEqual([]);
  });

  it('hides a large option when all the small ones sum to zero ("nobody answered X")', () => {
    const r = suppressTable(table([[12, 0, 0]]));
    // Publishing 12 of n = 12 would show that the two hidden options are both 0.
    expect(r.counts[0]).toEqual([null, null, null]);
    expect(r.risks).toEqual([]);
  });

  it('protects a small group against published option totals across groups', () => {
    const t = table([
      [30, 20, 10],
      [20, 15, 12],
      [4, 3, 1],
    ]);
    // Without protection the county totals minus the big groups give the small group back.
    const naive: PublishedTable = {
      groups: t.groups,
      options: t.options,
      counts: [
        [30, 20, 10],
        [20, 15, 12],
        [null, null, null],
      ],
      groupTotals: [60, 47, null],
      optionTotals: [54, 38, 23],
    };
    expect(auditDisclosure(naive, DEFAULT_RULES)).toEqual([
      { group: 'g2', options: ['a', 'b', 'c'], reason: 'derivable_by_subtraction' },
    ]);
    const r = suppressTable(t, DEFAULT_RULES, { optionTotals: true });
    expect(r.optionTotals).toEqual([54, 38, 23]);
    expect(r.risks).toEqual([]);
    expect(r.counts.flat().filter((c) => c === null).length).toBeGreaterThan(3);
  });

  it('reports what it cannot fix when the published margins themselves disclose', () => {
    // A single group with its option totals published: the totals are the group's counts.
    const r = suppressTable(table([[30, 3, 9]]), DEFAULT_RULES, { optionTotals: true });
    expect(r.risks.length).toBeGreaterThan(0);
  });

  it('skolinspektionen rules add no secondary suppression, and the audit shows the leak', () => {
    const r = suppressTable(table([[30, 12, 3, 6]]), SKOLINSPEKTIONEN_RULES);
    expect(r.counts[0]).toEqual([30, 12, null, 6]);
    expect(r.risks).toEqual([{ group: 'g0', options: ['c'], reason: 'derivable_by_subtraction' }]);
  });
});

describe('disclosure audit', () => {
  const base = { groups: ['g0', 'g1'], options: ['a', 'b', 'c'] };

  it('iterates single-unknown equations to a fixed point', () => {
    // Only column d starts with a single unknown; each solved cell opens the next equation:
    // d → row g2 → column c → row g1 → column b → row g0.
    const values = [
      [10, 6, 7, 20],
      [15, 5, 6, 12],
      [8, 9, 7, 5],
    ];
    const hidden = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ];
    const options = ['a', 'b', 'c', 'd'];
    const counts = values.map((row, g) => row.map((v, o) => (hidden[g]!.includes(options[o]!) ? null : v)));
    const groupTotals = values.map((row) => row.reduce((s, v) => s + v, 0));
    const optionTotals = options.map((_, o) => values.reduce((s, row) => s + row[o]!, 0));
    const t: PublishedTable = { groups: ['g0', 'g1', 'g2'], options, counts, groupTotals, optionTotals };
    expect(auditDisclosure(t, DEFAULT_RULES)).toEqual([
      { group: 'g0', options: ['a', 'b'], reason: 'derivable_by_subtraction' },
      { group: 'g1', options: ['b', 'c'], reason: 'derivable_by_subtraction' },
      { group: 'g2', options: ['c', 'd'], reason: 'derivable_by_subtraction' },
    ]);
    // Without the option totals every group keeps two unknowns with a sum of at least 5.
    expect(auditDisclosure({ ...t, optionTotals: null }, DEFAULT_RULES)).toEqual([]);
  });

  it('finds values pinned by bounds when no equation has a single unknown', () => {
    const t: PublishedTable = {
      ...base,
      counts: [
        [20, null, null],
        [9, 8, 7],
      ],
      groupTotals: [20, 24],
      optionTotals: null,
    };
    expect(auditDisclosure(t, DEFAULT_RULES)).toEqual([
      { group: 'g0', options: ['b', 'c'], reason: 'derivable_from_bounds' },
    ]);
  });

  it('reports a hidden count pinned to 1..4 as a risk', () => {
    // x(g0,a) ∈ [max(0, 4 − 2, 12 − 10), min(4, 12)] = [2, 4].
    const t: PublishedTable = {
      groups: ['g0', 'g1'],
      options: ['a', 'b'],
      counts: [
        [null, null],
        [null, null],
      ],
      groupTotals: [4, 10],
      optionTotals: [12, 2],
    };
    const risks = auditDisclosure(t, { minCellCount: 5, minGroupN: 1 });
    expect(risks).toContainEqual({ group: 'g0', options: ['a'], reason: 'small_count_bounded' });
  });

  it('flags published numbers that break the thresholds', () => {
    const t: PublishedTable = {
      ...base,
      counts: [
        [20, 3, 7],
        [4, 2, 1],
      ],
      groupTotals: [30, 7],
      optionTotals: null,
    };
    expect(auditDisclosure(t, DEFAULT_RULES)).toEqual([
      { group: 'g0', options: ['b'], reason: 'published_below_threshold' },
      { group: 'g1', options: ['a', 'b', 'c'], reason: 'published_below_threshold' },
      { group: 'g1', options: ['a', 'b', 'c'], reason: 'group_below_minimum' },
    ]);
  });

  it('rejects inconsistent publications', () => {
    const t: PublishedTable = {
      ...base,
      counts: [
        [20, null, 7],
        [9, 8, 7],
      ],
      groupTotals: [25, 24],
      optionTotals: null,
    };
    expect(() => auditDisclosure(t, DEFAULT_RULES)).toThrow(RangeError);
  });

  it('with status knowledge, primary/secondary labels can leak (why statuses should stay internal)', () => {
    const r = suppressTable(table([[5, 5, 0]]));
    expect(r.risks).toEqual([]);
    expect(auditDisclosure(published(r), { ...DEFAULT_RULES, statuses: r.statuses })).toContainEqual({
      group: 'g0',
      options: ['a', 'c'],
      reason: 'derivable_from_bounds',
    });
  });
});

// --- property tests --------------------------------------------------------------------------

// Survey-like counts: many small cells (the interesting case) mixed with larger ones.
const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 }));
const randomTable = fc
  .record({ groups: fc.integer({ min: 1, max: 6 }), options: fc.integer({ min: 2, max: 5 }) })
  .chain(({ groups, options }) =>
    fc.array(fc.array(count, { minLength: options, maxLength: options }), { minLength: groups, maxLength: groups }),
  )
  .map((counts) => table(counts));

function checkThresholds(t: CountTable, r: SuppressedTable): void {
  t.counts.forEach((row, g) => {
    const n = row.reduce((s, c) => s + c, 0);
    if (n < DEFAULT_RULES.minGroupN) {
      expect(r.groupTotals[g]).toBeNull();
      expect(r.counts[g]!.every((c) => c === null)).toBe(true);
    } else {
      expect(r.groupTotals[g]).toBe(n);
    }
    row.forEach((c, o) => {
      const shown = r.counts[g]![o];
      if (shown !== null) {
        expect(shown).toBe(c);
        expect(shown).toBeGreaterThanOrEqual(DEFAULT_RULES.minCellCount);
      }
      if (n >= DEFAULT_RULES.minGroupN && c < DEFAULT_RULES.minCellCount)
        expect(r.statuses[g]![o]).toBe('suppressed_primary');
    });
  });
}

describe('default suppression properties', () => {
  it('with group totals published, nothing hidden is derivable and no threshold is broken', () => {
    fc.assert(
      fc.property(randomTable, (t) => {
        const r = suppressTable(t);
        expect(r.risks).toEqual([]);
        expect(auditDisclosure(published(r), DEFAULT_RULES)).toEqual([]);
        checkThresholds(t, r);
      }),
      { numRuns: 300 },
    );
  });

  it('with option totals also published, the result is safe whenever any suppression could be', () => {
    fc.assert(
      fc.property(randomTable, (t) => {
        const r = suppressTable(t, DEFAULT_RULES, { optionTotals: true });
        checkThresholds(t, r);
        expect(auditDisclosure(published(r), DEFAULT_RULES)).toEqual(r.risks);
        if (r.risks.length > 0) {
          // Only acceptable when even hiding every cell leaves a risk: the margins disclose.
          const everythingHidden: PublishedTable = {
            ...published(r),
            counts: r.counts.map((row) => row.map(() => null)),
          };
          expect(auditDisclosure(everythingHidden, DEFAULT_RULES).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });
});

// Brute force: enumerate every completion of the hidden cells and compare with the flow bounds.
describe('exact cell intervals', () => {
  const UNBOUNDED_CAP = 25;
  const system = fc
    .record({
      rows: fc.integer({ min: 1, max: 3 }),
      cols: fc.integer({ min: 1, max: 3 }),
    })
    .chain(({ rows, cols }) =>
      fc.record({
        values: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: cols, maxLength: cols }), {
          minLength: rows,
          maxLength: rows,
        }),
        hidden: fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), {
          minLength: rows,
          maxLength: rows,
        }),
        rowPublished: fc.array(fc.boolean(), { minLength: rows, maxLength: rows }),
        colPublished: fc.array(fc.boolean(), { minLength: cols, maxLength: cols }),
      }),
    );

  it('refuse contradictory margins', () => {
    const cells: HiddenCell[] = [{ row: 0, col: 0, lower: 0, upper: Number.POSITIVE_INFINITY }];
    expect(() => cellIntervals({ rows: [{ lower: 5, upper: 5 }], cols: [{ lower: 3, upper: 3 }], cells })).toThrow(
      InfeasibleSystemError,
    );
    expect(() =>
      cellIntervals({
        rows: [
          { lower: 5, upper: 5 },
          { lower: 1, upper: 1 },
        ],
        cols: [{ lower: 5, upper: 5 }],
        cells,
      }),
    ).toThrow(InfeasibleSystemError);
  });

  it('match exhaustive enumeration', () => {
    fc.assert(
      fc.property(system, ({ values, hidden, rowPublished, colPublished }) => {
        const cells: HiddenCell[] = [];
        values.forEach((row, i) =>
          row.forEach(
            (_, j) => hidden[i]![j] && cells.push({ row: i, col: j, lower: 0, upper: Number.POSITIVE_INFINITY }),
          ),
        );
        fc.pre(cells.length > 0 && cells.length <= 5);
        const hiddenSum = (pick: (c: HiddenCell) => boolean): number =>
          cells.filter(pick).reduce((s, c) => s + values[c.row]![c.col]!, 0);
        const rows: Bound[] = values.map((_, i) => {
          const r = hiddenSum((c) => c.row === i);
          return rowPublished[i] ? { lower: r, upper: r } : { lower: 0, upper: Number.POSITIVE_INFINITY };
        });
        const cols: Bound[] = values[0]!.map((_, j) => {
          const r = hiddenSum((c) => c.col === j);
          return colPublished[j] ? { lower: r, upper: r } : { lower: 0, upper: Number.POSITIVE_INFINITY };
        });
        const intervals = cellIntervals({ rows, cols, cells });
        cells.forEach((_, k) => expect(cellInterval({ rows, cols, cells }, k)).toEqual(intervals[k]));

        const min = cells.map(() => Number.POSITIVE_INFINITY);
        const max = cells.map(() => Number.NEGATIVE_INFINITY);
        const assignment = cells.map(() => 0);
        const fits = (): boolean =>
          rows.every(
            (b, i) =>
              b.upper === Number.POSITIVE_INFINITY ||
              cells.reduce((s, c, k) => s + (c.row === i ? assignment[k]! : 0), 0) === b.lower,
          ) &&
          cols.every(
            (b, j) =>
              b.upper === Number.POSITIVE_INFINITY ||
              cells.reduce((s, c, k) => s + (c.col === j ? assignment[k]! : 0), 0) === b.lower,
          );
        const enumerate = (k: number): void => {
          if (k === cells.length) {
            if (fits())
              assignment.forEach((v, i) => ((min[i] = Math.min(min[i]!, v)), (max[i] = Math.max(max[i]!, v))));
            return;
          }
          const c = cells[k]!;
          const cap = Math.min(rows[c.row]!.upper, cols[c.col]!.upper, UNBOUNDED_CAP);
          for (let v = 0; v <= cap; v++) {
            assignment[k] = v;
            enumerate(k + 1);
          }
        };
        enumerate(0);
        cells.forEach((c, k) => {
          const bounded = Number.isFinite(rows[c.row]!.upper) || Number.isFinite(cols[c.col]!.upper);
          expect(intervals[k]!.low).toBe(min[k]);
          expect(intervals[k]!.high).toBe(bounded ? max[k] : Number.POSITIVE_INFINITY);
        });
      }),
      { numRuns: 400 },
    );
  });
});
