// GET /api/followup/equity: one indicator of an area by family ladder, for all and per gender,
// with the gap between the highest and lowest ladder group and the across-groups test. The
// gender × ladder grid is hidden whole when a hidden cell could be worked out across its margins.

import type * as S from '../../../../contract/followup.js';
import {
  adjustFamily,
  compareProportions,
  compareWithRest,
  groupsTest,
  type Comparison,
} from '../../../../core/followup/comparisons.js';
import { derivableHiddenCells, type GridRow } from '../../../../core/followup/linked-grid.js';
import { NOT_STATED, type CubeCell, type CubeTable } from '../../../../core/followup/index.js';
import { hideCell, safeTable } from './protected-tables.js';
import type { PublishedReader } from './reader.js';
import {
  areaParent,
  type AreaQuery,
  cellOut,
  comparisonOut,
  EQUITY_BREAKDOWNS,
  groupsTestOut,
  indicatorMeta,
  type Out,
} from './shapes.js';

type RowTable = { gender: string; table: CubeTable | null; total: CubeTable['parentCell'] };

export async function equity(
  reader: PublishedReader,
  q: AreaQuery & { indicator: string },
): Promise<Out<typeof S.EquityResponse>> {
  const { snap, meta } = await reader.context(q.instrument);
  const d = reader.indicatorDef(meta, q.indicator);
  const { year, grade, area } = reader.resolve(snap, meta, q);
  reader.requireMeasured(d, grade);
  return reader.cached(meta, `equity|${d.key}|${year}|${grade}|${area.kind}|${area.code}`, () => {
    const b = EQUITY_BREAKDOWNS[area.kind];
    const parent = areaParent(grade, area);
    const genderTable = safeTable(reader, snap, meta, d.key, b.gender, year, parent);
    const rowTables: RowTable[] = [];
    const all = safeTable(reader, snap, meta, d.key, b.all, year, parent);
    rowTables.push({ gender: 'all', table: all, total: all?.parentCell ?? null });
    const unshown: GridRow[] = [];
    for (const g of genderTable?.cells ?? []) {
      const t = safeTable(reader, snap, meta, d.key, b.byGender, year, { ...parent, gender: g.group });
      // 'Not stated' is not shown, but it is a row of the grid a reader must solve around.
      // The row total is the gender cell as shown (the safe gender table), not the cube's parent.
      if (g.group === NOT_STATED)
        unshown.push({
          key: g.group,
          total: g,
          cells: new Map((t?.cells ?? []).map((c) => [c.group, c])),
          shown: false,
        });
      else rowTables.push({ gender: g.group, table: t, total: g });
    }
    const ladderGroups = [...new Set(rowTables.flatMap((r) => r.table?.cells.map((c) => c.group) ?? []))].filter(
      (g) => g !== NOT_STATED,
    );
    const linkedSuppression = gridDerivable(rowTables, unshown, all);
    const members: { id: string; pValue: number | null; goal: boolean }[] = [];
    const prepared = rowTables.map((r) => {
      const cells =
        linkedSuppression && r.gender !== 'all' ? (r.table?.cells ?? []).map(hideCell) : (r.table?.cells ?? []);
      const test = groupsTest(cells);
      members.push({ id: r.gender, pValue: test.pValue, goal: d.goal });
      return { r, cells, test, gap: ladderGap(cells, ladderGroups) };
    });
    const adjusted = adjustFamily(members);
    return {
      instrument: { id: meta.stored.instrument.id, name: meta.stored.instrument.name },
      indicator: indicatorMeta(d),
      year,
      grade,
      area,
      ladderGroups,
      rows: prepared.map(({ r, cells, test, gap }) => ({
        gender: r.gender,
        total: r.total ? cellOut(r.total, r.gender) : null,
        cells: cells.map((c) => ({
          ...cellOut(c),
          vsRest: comparisonOut(compareWithRest(c, r.table!.parentCell), undefined, d.polarity),
        })),
        gap: comparisonOut(gap, undefined, d.polarity),
        groupsTest: groupsTestOut(test, adjusted.get(r.gender)),
      })),
      family: reader.family('equity_ladder_tests', year, grade, area, 'gender_family_ladder', 1, adjusted),
      linkedSuppression,
    };
  });
}

/** The grid sits beside both margins (gender cells, ladder cells): could a hidden cell be worked out across them? */
function gridDerivable(rowTables: readonly RowTable[], unshown: readonly GridRow[], all: CubeTable | null): boolean {
  const genderRows = rowTables.filter((r) => r.gender !== 'all');
  const derivable = derivableHiddenCells({
    columns: [...new Set([...genderRows, { table: all }].flatMap((r) => r.table?.cells.map((c) => c.group) ?? []))],
    rows: [
      ...genderRows.map(
        (r): GridRow => ({
          key: r.gender,
          total: r.total,
          cells: new Map((r.table?.cells ?? []).map((c) => [c.group, c])),
          shown: true,
        }),
      ),
      ...unshown,
    ],
    columnTotals: new Map((all?.cells ?? []).map((c) => [c.group, c])),
  });
  return derivable.length > 0;
}

/** The highest ladder group minus the lowest, when both are published. */
function ladderGap(cells: readonly CubeCell[], ladderGroups: readonly string[]): Comparison {
  const lowest = cells.find((c) => c.group === ladderGroups[0]);
  const highest = cells.find((c) => c.group === ladderGroups[ladderGroups.length - 1]);
  if (!highest || highest.status !== 'ok') return compareWithRest({ n: null, x: null, status: 'suppressed' }, null);
  if (!lowest || lowest.status !== 'ok') return { ...compareWithRest(highest, null), status: 'reference_suppressed' };
  return compareProportions(highest.x!, highest.n!, lowest.x!, lowest.n!);
}
