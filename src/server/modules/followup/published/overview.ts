// GET /api/followup/overview: every indicator of a grade for an area, by wheel indicator, against
// the county and the previous wave, with the trend.

import type * as S from '../../../../contract/followup.js';
import {
  adjustFamily,
  compareWithPreviousWave,
  compareWithRest,
  trendPoints,
} from '../../../../core/followup/comparisons.js';
import type { IndicatorDefinition } from '../../../../core/followup/index.js';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../../../core/wheel.js';
import type { FollowupSnapshot } from '../cube/service.js';
import type { Meta, PublishedReader } from './reader.js';
import {
  type Area,
  type AreaQuery,
  cellOut,
  comparisonOut,
  indicatorMeta,
  LOW_RESPONSE_RATE,
  type Out,
} from './shapes.js';

export async function overview(reader: PublishedReader, q: AreaQuery): Promise<Out<typeof S.OverviewResponse>> {
  const { snap, meta } = await reader.context(q.instrument);
  const { year, w, grade, area } = reader.resolve(snap, meta, q);
  return reader.cached(meta, `overview|${year}|${grade}|${area.kind}|${area.code}`, () => {
    const years = [...snap.published.years];
    const defs = snap.indicators.filter((d) => reader.appliesTo(d, grade));
    const rows = defs.map((d) => overviewRow(reader, snap, meta, d, years, w, grade, area));
    const adjusted = adjustFamily(rows.map((r) => ({ id: r.d.key, pValue: r.vsCounty.pValue, goal: r.d.goal })));
    const areaRate = reader.areaRate(meta, year, grade, area);
    const byWheel = new Map<WheelIndicator, Out<typeof S.OverviewIndicator>[]>(WHEEL_INDICATORS.map((k) => [k, []]));
    for (const r of rows) {
      const rate = r.rate ?? areaRate;
      byWheel.get(r.d.wheel)!.push({
        indicator: indicatorMeta(r.d),
        cell: r.cell ? cellOut(r.cell) : null,
        county: r.county ? cellOut(r.county, grade) : null,
        vsCounty: comparisonOut(r.vsCounty, adjusted.get(r.d.key), r.d.polarity),
        vsPreviousWave: comparisonOut(r.vsPrev, undefined, r.d.polarity),
        trend: r.trend,
        seriesBreaks: reader.seriesBreaks(meta, r.d),
        lowResponse: rate?.low ?? false,
      });
    }
    return {
      instrument: { id: meta.stored.instrument.id, name: meta.stored.instrument.name },
      year,
      grade,
      years,
      area,
      responseRate: areaRate ? { ...areaRate } : null,
      lowResponseRate: LOW_RESPONSE_RATE,
      family: reader.family('overview_vs_county', year, grade, area, null, defs.length, adjusted),
      wheel: WHEEL_INDICATORS.map((k) => ({ wheel: k, indicators: byWheel.get(k)! })),
    };
  });
}

/** One indicator of the overview: the area's cell, the county's, both comparisons and the trend. */
function overviewRow(
  reader: PublishedReader,
  snap: FollowupSnapshot,
  meta: Meta,
  d: IndicatorDefinition,
  years: readonly number[],
  w: number,
  grade: string,
  area: Area,
) {
  const year = years[w]!;
  const { cell, reference } = reader.areaCell(snap, d, year, grade, area);
  const county = area.kind === 'county' ? cell : reference;
  const vsCounty =
    area.kind === 'county' || !cell
      ? compareWithRest(cell ?? { n: null, x: null, status: 'unit_too_small' }, null)
      : compareWithRest(cell, reference);
  const prevW = w - 1;
  const table = reader.areaCell(snap, d, year, grade, area).table;
  const prevCell =
    prevW >= 0 && reader.asked(meta, d, prevW) ? reader.areaCell(snap, d, years[prevW]!, grade, area).cell : null;
  const vsPrev = cell
    ? compareWithPreviousWave(cell, prevCell, table?.seriesBreak ?? false)
    : compareWithRest({ n: null, x: null, status: 'unit_too_small' }, null);
  const trend = trendPoints(
    years.map((y, i) => {
      const asked = reader.asked(meta, d, i);
      const t = asked ? reader.areaCell(snap, d, y, grade, area) : null;
      return { year: y, asked, seriesBreak: t?.table?.seriesBreak ?? false, cell: t?.cell ?? null };
    }),
  );
  return { d, cell, county, vsCounty, vsPrev, trend, rate: cell?.responseRate ?? null };
}
