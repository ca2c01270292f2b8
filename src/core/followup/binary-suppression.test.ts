import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditDisclosure, DEFAULT_RULES, suppressTable, type PublishedTable } from '../statistics/index.js';
import { binaryRisks, GROUP_OK, GROUP_TOO_SMALL, suppressBinaryTable } from './binary-suppression.js';

// The published view of a binary table, exactly as a reader sees it.
function view(x: number[], n: number[], status: ArrayLike<number>, margins: boolean): PublishedTable {
  const X = x.reduce((a, b) => a + b, 0);
  const N = n.reduce((a, b) => a + b, 0);
  return {
    groups: x.map((_, i) => `g${i}`),
    options: ['pos', 'neg'],
    counts: x.map((xi, i) => (status[i] === GROUP_OK ? [xi, n[i]! - xi] : [null, null])),
    groupTotals: n.map((ni, i) => (status[i] === GROUP_TOO_SMALL ? null : ni)),
    optionTotals: margins ? [X, N - X] : null,
  };
}

const riskCells = (risks: { group: string | number; options?: readonly string[]; option?: number }[]) =>
  risks
    .flatMap((r) =>
      r.options ? r.options.map((o) => `${r.group}:${o}`) : [`g${r.group}:${r.option === 0 ? 'pos' : 'neg'}`],
    )
    .sort();

const table = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 7 })
  .map((rows) => ({ x: rows.map(([a]) => a), n: rows.map(([a, b]) => a + b) }))
  .filter((t) => t.n.every((v) => v > 0));

describe('binary-table suppression', () => {
  it('closed-form bounds find exactly the cells auditDisclosure finds, for any hiding pattern', () => {
    fc.assert(
      fc.property(
        table,
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        fc.boolean(),
        ({ x, n }, hide, margins) => {
          // Statuses as the suppression would set them: too-small groups hide everything (no n),
          // other groups are either open or fully hidden with n published.
          const status = new Uint8Array(x.length);
          x.forEach((_, i) => {
            status[i] = n[i]! < DEFAULT_RULES.minGroupN ? GROUP_TOO_SMALL : hide[i] ? 1 : GROUP_OK;
          });
          const ours = binaryRisks(x, n, x.length, status, DEFAULT_RULES.minCellCount, margins);
          const library = auditDisclosure(view(x, n, status, margins), DEFAULT_RULES).filter((r) =>
            ['derivable_by_subtraction', 'derivable_from_bounds', 'small_count_bounded'].includes(r.reason),
          );
          expect(riskCells(ours)).toEqual(riskCells(library));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('every result is clean under auditDisclosure (with and without published margins)', () => {
    fc.assert(
      fc.property(table, fc.boolean(), ({ x, n }, margins) => {
        const status = new Uint8Array(x.length);
        const left = suppressBinaryTable(x, n, x.length, DEFAULT_RULES, margins, status);
        const audit = auditDisclosure(view(x, n, status, margins), DEFAULT_RULES);
        expect(riskCells(audit)).toEqual(riskCells(left));
        // Risks can only remain when everything is hidden (the margins themselves disclose).
        if (left.length > 0) expect([...status].every((s) => s !== GROUP_OK)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('hides no more groups than suppressTable on the same table', () => {
    fc.assert(
      fc.property(table, ({ x, n }) => {
        const status = new Uint8Array(x.length);
        suppressBinaryTable(x, n, x.length, DEFAULT_RULES, true, status);
        const lib = suppressTable(
          { groups: x.map((_, i) => `g${i}`), options: ['pos', 'neg'], counts: x.map((xi, i) => [xi, n[i]! - xi]) },
          DEFAULT_RULES,
          { optionTotals: true },
        );
        const libHidden = lib.statuses.filter((s) => s.some((c) => c !== 'ok')).length;
        const ourHidden = [...status].filter((s) => s !== GROUP_OK).length;
        expect(ourHidden).toBeLessThanOrEqual(libHidden + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('worked example: one small group forces a second one to be hidden', () => {
    // Four municipalities, county margins published. 3 of 40 is below 5: hidden, then the
    // smallest other positive count (12) is hidden so 3 cannot be recovered by subtraction.
    const x = [30, 12, 3, 25];
    const n = [60, 50, 40, 55];
    const status = new Uint8Array(4);
    expect(suppressBinaryTable(x, n, 4, DEFAULT_RULES, true, status)).toEqual([]);
    expect([...status]).toEqual([0, 2, 1, 0]);
  });

  it('rejects rule sets without complementary suppression', () => {
    expect(() =>
      suppressBinaryTable([1], [10], 1, { ...DEFAULT_RULES, secondarySuppression: false }, true, new Uint8Array(1)),
    ).toThrow(/secondary/);
  });
});
