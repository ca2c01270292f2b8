// Tables as the API may show them. Tables of an area's breakdown (a school by gender, a
// municipality by ladder group …) are linked across areas: every area's table beside the area's
// own cell and the county's cells of the same groups. Where a hidden cell could be worked out
// across them, whole tables are hidden (complementary suppression across areas; linked-grid.ts).

import { rowsToHide, type GridRow } from '../../../../core/followup/linked-grid.js';
import { NOT_STATED, type CubeCell, type CubeTable, type Dimension } from '../../../../core/followup/index.js';
import type { FollowupSnapshot } from '../cube/service.js';
import type { Meta, PublishedReader } from './reader.js';

/**
 * Breakdowns whose tables (one per area, and per gender) are linked across areas: rows = areas,
 * row totals = the area's cell (parent of the table), column totals = the county's table of the
 * same groups.
 */
const CROSS_AREA: Record<string, { area: 'municipality' | 'school'; columnTotals: string; byGender: boolean }> = {
  municipality_gender: { area: 'municipality', columnTotals: 'gender', byGender: false },
  municipality_family_ladder: { area: 'municipality', columnTotals: 'family_ladder', byGender: false },
  school_gender: { area: 'school', columnTotals: 'gender', byGender: false },
  school_family_ladder: { area: 'school', columnTotals: 'family_ladder', byGender: false },
  municipality_gender_family_ladder: { area: 'municipality', columnTotals: 'gender_family_ladder', byGender: true },
  school_gender_family_ladder: { area: 'school', columnTotals: 'gender_family_ladder', byGender: true },
};

/** A cell as hidden (n stays when the group is large enough, as the cube publishes it). */
export const hideCell = (c: CubeCell): CubeCell =>
  c.status === 'unit_too_small'
    ? c
    : {
        ...c,
        x: null,
        share: null,
        ciLow: null,
        ciHigh: null,
        status: 'suppressed',
        vsRest: null,
        vsPreviousWave: null,
      };

/** The cube table whose groups are the area's children along `breakdown` (parent: grade + area). */
export function cubeTable(
  snap: FollowupSnapshot,
  indicator: string,
  breakdown: string,
  year: number,
  parent: Partial<Record<Dimension, string>>,
): CubeTable | null {
  return snap.published.table({ indicator, breakdown, year, parent });
}

/** A table as the API may show it: hidden whole when linked tables across areas would give a hidden cell away. */
export function safeTable(
  reader: PublishedReader,
  snap: FollowupSnapshot,
  meta: Meta,
  indicator: string,
  breakdown: string,
  year: number,
  parent: Partial<Record<Dimension, string>>,
): CubeTable | null {
  const t = cubeTable(snap, indicator, breakdown, year, parent);
  const link = CROSS_AREA[breakdown];
  if (!t || !link) return t;
  const code = parent[link.area];
  const hidden = hiddenAcrossAreas(
    reader,
    snap,
    meta,
    indicator,
    breakdown,
    year,
    parent.grade!,
    link.byGender ? (parent.gender ?? null) : null,
  );
  return code !== undefined && hidden.has(code) ? { ...t, cells: t.cells.map(hideCell) } : t;
}

function hiddenAcrossAreas(
  reader: PublishedReader,
  snap: FollowupSnapshot,
  meta: Meta,
  indicator: string,
  breakdown: string,
  year: number,
  grade: string,
  gender: string | null,
): ReadonlySet<string> {
  return reader.cached(meta, `across|${indicator}|${breakdown}|${year}|${grade}|${gender}`, () => {
    const link = CROSS_AREA[breakdown]!;
    const areas = cubeTable(snap, indicator, link.area, year, { grade });
    const columnTotals = cubeTable(
      snap,
      indicator,
      link.columnTotals,
      year,
      gender === null ? { grade } : { grade, gender },
    );
    const rows: GridRow[] = [];
    for (const a of areas?.cells ?? []) {
      const base = { grade, [link.area]: a.group } as Partial<Record<Dimension, string>>;
      const t = cubeTable(snap, indicator, breakdown, year, gender === null ? base : { ...base, gender });
      if (!t) continue;
      rows.push({
        key: a.group,
        total: t.parentCell,
        cells: new Map(t.cells.map((c) => [c.group, c])),
        shown: a.group !== NOT_STATED,
      });
    }
    const columns = [...new Set(rows.flatMap((r) => [...r.cells.keys()]))];
    return rowsToHide({ columns, rows, columnTotals: new Map((columnTotals?.cells ?? []).map((c) => [c.group, c])) });
  });
}
