import { describe, expect, it } from 'vitest';
import type { PublishedCell } from './comparisons.js';
import { derivableHiddenCells, type GridRow } from './linked-grid.js';

const ok = (x: number, n = 100): PublishedCell => ({ x, n, status: 'ok' });
const hid = (n: number | null = 30): PublishedCell => ({ x: null, n, status: n === null ? 'unit_too_small' : 'suppressed' });
const row = (key: string, total: PublishedCell | null, cells: Record<string, PublishedCell>, shown = true): GridRow => ({ key, total, cells: new Map(Object.entries(cells)), shown });
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
    expect(derivableHiddenCells({ columns: cols, rows, columnTotals: totals([18, 22, 30]) }).sort()).toEqual(['girl|1-4', 'girl|5-7']);
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
    expect(derivableHiddenCells({ columns: cols, rows: [...shown, notStated], columnTotals: totals([18, 22, 30]) })).toEqual([]);
    // …unless its own total is published and it sits in one column only.
    const oneColumn = row('not_stated', ok(5), { '1-4': hid() }, false);
    expect(derivableHiddenCells({ columns: cols, rows: [...shown, oneColumn], columnTotals: totals([18, 22, 30]) }).sort()).toEqual(['girl|1-4', 'girl|5-7']);
  });

  it('hidden column totals are not margins', () => {
    const rows = [
      row('girl', ok(40), { '1-4': hid(), '5-7': hid(), '8-10': ok(20) }),
      row('boy', ok(30), { '1-4': ok(10), '5-7': ok(10), '8-10': ok(10) }),
    ];
    expect(derivableHiddenCells({ columns: cols, rows, columnTotals: totals([null, null, 30]) })).toEqual([]);
  });
});
