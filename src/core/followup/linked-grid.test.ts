import { describe, expect, it } from 'vitest';
import type { PublishedCell } from './comparisons.js';
import { derivableHiddenCells, rowsToHide, type GridRow } from './linked-grid.js';

const ok = (x: number, n = 100): PublishedCell => ({ x, n, status: 'ok' });
const hid = (n: number | null = 30): PublishedCell => ({
  x: null,
  n,
  status: n === null ? 'unit_too_small' : 'suppressed',
});
const row = (
  key: string,
  total: PublishedCell | null,
  cells: Record<string, PublishedCell>,
  shown = true,
): GridRow => ({ key, total, cells: new Map(Object.entries(cells)), shown });
const cols = ['1-4', '5-7', '8-10'];
const totals = (xs: (number | null)[]) => new Map(cols.map((c, i) => [c, xs[i] === null ? hid() : ok(xs[i]!)]));

describe('linked grid: hidden cells against both margins', () => {
  it('finds a hidden cell that is the only unknown in its published column', () => {
    // Row girl hides two cells (safe against its own total), but column 1-4 then gives boy's cell,
    // and boy's row gives the rest.
    const rows = [
      row('girl', ok(40), { '1-4': hid(), '5-7': hid(), '8-10': ok(20) }),
      row('boy', ok(30), { '1-4': ok(10), '5-7': ok(10), '8-10': ok(10) }),
    ];
    expect(derivableHiddenCells({ columns: cols, rows, columnTotals: totals([18, 22, 30]) }).sort()).toEqual([
      'girl|1-4',
      'girl|5-7',
    ]);
  });

  it('is safe when every equation keeps two unknowns', () => {
    const rows = [
      row('girl', ok(40), { '1-4': hid(), '5-7': hid(), '8-10': ok(20) }),
      row('boy', ok(30), { '1-4': hid(), '5-7': hid(), '8-10': ok(10) }),
    ];
    expect(derivableHiddenCells({ columns: cols, rows, columnTotals: totals([18, 22, 30]) })).toEqual([]);
  });

  it('a row that is never shown adds unknowns to every column it has respondents in', () => {
    const shown = [
      row('girl', ok(40), { '1-4': hid(), '5-7': hid(), '8-10': ok(20) }),
      row('boy', ok(30), { '1-4': ok(10), '5-7': ok(10), '8-10': ok(10) }),
    ];
    const notStated = row('not_stated', hid(), { '1-4': hid(), '5-7': hid(), '8-10': hid() }, false);
    const other = row('other', hid(null), { '1-4': hid(null), '5-7': hid(null), '8-10': hid(null) });
    expect(
      derivableHiddenCells({ columns: cols, rows: [...shown, other, notStated], columnTotals: totals([18, 22, 30]) }),
    ).toEqual([]);
    // Without the 'other' row, the never-shown row's cell in 8-10 is total − girls − boys: protected too.
    expect(
      derivableHiddenCells({ columns: cols, rows: [...shown, notStated], columnTotals: totals([18, 22, 30]) }),
    ).toEqual(['not_stated|8-10']);
    // …unless its own total is published and it sits in one column only.
    const oneColumn = row('not_stated', ok(5), { '1-4': hid() }, false);
    expect(
      derivableHiddenCells({ columns: cols, rows: [...shown, oneColumn], columnTotals: totals([18, 22, 30]) }).sort(),
    ).toEqual(['girl|1-4', 'girl|5-7', 'not_stated|1-4']);
  });

  it('hidden column totals are not margins', () => {
    const rows = [
      row('girl', ok(40), { '1-4': hid(), '5-7': hid(), '8-10': ok(20) }),
      row('boy', ok(30), { '1-4': ok(10), '5-7': ok(10), '8-10': ok(10) }),
    ];
    expect(derivableHiddenCells({ columns: cols, rows, columnTotals: totals([null, null, 30]) })).toEqual([]);
  });
});

describe('linked grid across areas: whole tables to hide', () => {
  it('hides a second row in the column of a derivable cell (complementary suppression)', () => {
    // Schools × ladder groups; the county's ladder cells are the column totals.
    const rows = [
      row('A', ok(40), { '1-4': hid(), '5-7': hid(), '8-10': ok(20) }),
      row('B', ok(30), { '1-4': ok(6, 40), '5-7': ok(10), '8-10': ok(14) }),
      row('C', ok(60), { '1-4': ok(20, 80), '5-7': ok(20), '8-10': ok(20) }),
    ];
    const g = { columns: cols, rows, columnTotals: totals([40, 50, 54]) };
    expect(derivableHiddenCells(g).length).toBeGreaterThan(0);
    const hide = rowsToHide(g);
    // B has the smallest published cell in column 1-4.
    expect([...hide]).toEqual(['B']);
    expect(
      derivableHiddenCells({ ...g, rows: rows.map((r) => (hide.has(r.key) ? { ...r, shown: false } : r)) }),
    ).toEqual([]);
  });

  it('hides nothing when nothing is derivable', () => {
    const rows = [
      row('A', ok(40), { '1-4': ok(10), '5-7': ok(10), '8-10': ok(20) }),
      row('B', ok(30), { '1-4': ok(10), '5-7': ok(10), '8-10': ok(10) }),
    ];
    expect(rowsToHide({ columns: cols, rows, columnTotals: totals([20, 20, 30]) }).size).toBe(0);
  });
});
