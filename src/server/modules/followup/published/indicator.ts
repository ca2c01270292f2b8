// GET /api/followup/indicators/:indicatorId: one indicator of an area by a breakdown, each group against
// the rest of the area (p adjusted over every indicator × group of the breakdown), against the
// previous wave, the across-groups test, and the trend of the area and each group.

import type * as S from '../../../../contract/followup.js';
import {
  adjustFamily,
  compareWithPreviousWave,
  compareWithRest,
  groupsTest,
  trendPoints,
  type Comparison,
  type GroupsTest,
} from '../../../../core/followup/comparisons.js';
import {
  NOT_STATED,
  type CubeTable,
  type Dimension,
  type IndicatorDefinition,
} from '../../../../core/followup/index.js';
import type { FollowupSnapshot } from '../cube/service.js';
import { safeTable } from './protected-tables.js';
import type { Meta, PublishedReader } from './reader.js';
import {
  areaParent,
  type AreaQuery,
  bad,
  BREAKDOWNS,
  type BreakdownDim,
  cellOut,
  comparisonOut,
  groupsTestOut,
  indicatorMeta,
  type Out,
} from './shapes.js';

type Parent = Partial<Record<Dimension, string>>;
type FamilyMember = { id: string; pValue: number | null; goal: boolean };

export async function indicator(
  reader: PublishedReader,
  key: string,
  q: AreaQuery & { breakdown?: BreakdownDim | undefined },
): Promise<Out<typeof S.IndicatorResponse>> {
  const { snap, meta } = await reader.context(q.instrument);
  const d = reader.indicatorDef(meta, key);
  const { year, w, grade, area } = reader.resolve(snap, meta, q);
  reader.requireMeasured(d, grade);
  const available = Object.keys(BREAKDOWNS[area.kind]) as BreakdownDim[];
  const dim = q.breakdown ?? (area.kind === 'county' ? 'municipality' : 'gender');
  const cubeBreakdown = BREAKDOWNS[area.kind][dim];
  if (!cubeBreakdown)
    throw bad(`The breakdown "${dim}" is not published for a ${area.kind}. Choose one of: ${available.join(', ')}.`, {
      reason: 'breakdown_not_available',
      breakdowns: available,
    });
  const parent = areaParent(grade, area);
  return reader.cached(meta, `indicator|${key}|${dim}|${year}|${grade}|${area.kind}|${area.code}`, () => {
    const years = [...snap.published.years];
    // The family: every indicator of this grade × the groups of this breakdown in this wave.
    const familyDefs = snap.indicators.filter((x) => reader.appliesTo(x, grade) && reader.asked(meta, x, w));
    const members: FamilyMember[] = [];
    const testMembers: FamilyMember[] = [];
    let current: { table: CubeTable | null; rest: Map<string, Comparison>; test: GroupsTest } | null = null;
    for (const x of familyTables(reader, snap, meta, familyDefs, cubeBreakdown, year, parent)) {
      for (const [group, c] of x.rest)
        members.push({ id: `${x.def.key}|${group}`, pValue: c.pValue, goal: x.def.goal });
      testMembers.push({ id: x.def.key, pValue: x.test.pValue, goal: x.def.goal });
      if (x.def.key === key) current = x;
    }
    if (!current) current = { table: null, rest: new Map(), test: groupsTest([]) };
    const adjusted = adjustFamily(members);
    const testsAdjusted = adjustFamily(testMembers);
    const table = current.table;
    const prevW = w - 1;
    const prevTable =
      prevW >= 0 && reader.asked(meta, d, prevW)
        ? safeTable(reader, snap, meta, key, cubeBreakdown, years[prevW]!, parent)
        : null;
    const rest = current.rest;
    const cells = (table?.cells ?? []).map((c) => {
      const vsRest = rest.get(c.group) ?? compareWithRest(c, table!.parentCell);
      const prev = prevTable?.cells.find((p) => p.group === c.group) ?? null;
      return {
        ...cellOut(c),
        vsRest: comparisonOut(vsRest, adjusted.get(`${key}|${c.group}`), d.polarity),
        vsPreviousWave: comparisonOut(compareWithPreviousWave(c, prev, table!.seriesBreak), undefined, d.polarity),
        responseRate: c.responseRate ? { ...c.responseRate } : null,
      };
    });
    const reference = table?.parentCell ?? null;
    return {
      instrument: { id: meta.stored.instrument.id, name: meta.stored.instrument.name },
      indicator: indicatorMeta(d),
      year,
      grade,
      years,
      area,
      breakdown: dim,
      breakdowns: available,
      reference: reference ? cellOut(reference, area.code ?? grade) : null,
      responseRate: reader.areaRate(meta, year, grade, area),
      cells,
      groupsTest: groupsTestOut(current.test, testsAdjusted.get(key)),
      family: reader.family('breakdown_vs_rest', year, grade, area, dim, familyDefs.length, adjusted),
      testsFamily: reader.family('breakdown_groups_tests', year, grade, area, dim, familyDefs.length, testsAdjusted),
      trend: {
        seriesBreaks: reader.seriesBreaks(meta, d),
        series: trendSeries(reader, snap, meta, d, years, cubeBreakdown, parent),
      },
    };
  });
}

/** Per indicator: the table, group-vs-rest comparisons of its published groups, the across-groups test. Cached per family. */
function familyTables(
  reader: PublishedReader,
  snap: FollowupSnapshot,
  meta: Meta,
  defs: readonly IndicatorDefinition[],
  breakdown: string,
  year: number,
  parent: Parent,
) {
  return reader.cached(meta, `family|${breakdown}|${year}|${JSON.stringify(parent)}`, () =>
    defs.map((def) => {
      const table = safeTable(reader, snap, meta, def.key, breakdown, year, parent);
      const rest = new Map<string, Comparison>();
      for (const c of table?.cells ?? [])
        if (c.group !== NOT_STATED) rest.set(c.group, compareWithRest(c, table!.parentCell));
      return { def, table, rest, test: groupsTest(table?.cells ?? []) };
    }),
  );
}

/** Trend: the area and each group across the waves. */
function trendSeries(
  reader: PublishedReader,
  snap: FollowupSnapshot,
  meta: Meta,
  d: IndicatorDefinition,
  years: readonly number[],
  cubeBreakdown: string,
  parent: Parent,
) {
  const perYear = years.map((y, i) => {
    const asked = reader.asked(meta, d, i);
    return { y, asked, t: asked ? safeTable(reader, snap, meta, d.key, cubeBreakdown, y, parent) : null };
  });
  const groups = [...new Set(perYear.flatMap((p) => p.t?.cells.map((c) => c.group) ?? []))];
  return [
    {
      group: 'all',
      points: trendPoints(
        perYear.map((p) => ({
          year: p.y,
          asked: p.asked,
          seriesBreak: p.t?.seriesBreak ?? false,
          cell: p.t?.parentCell ?? null,
        })),
      ),
    },
    ...groups.map((g) => ({
      group: g,
      points: trendPoints(
        perYear.map((p) => ({
          year: p.y,
          asked: p.asked,
          seriesBreak: p.t?.seriesBreak ?? false,
          cell: p.t?.cells.find((c) => c.group === g) ?? null,
        })),
      ),
    })),
  ];
}
