/**
 * The KPI page of a municipality: Kolada KPIs by wheel indicator and goal-chain stage, the
 * operational series, and the survey's indicators beside them as published.
 */
import { AppError } from '../../../../core/errors.js';
import { DEMO_INSTRUMENT_ID } from '../../../../core/followup/index.js';
import type { Db } from '../../../db/client.js';
import * as analystRepo from '../analyst-repo.js';
import type { FollowupService } from '../cube/service.js';
import { readImportRuns, readKoladaValues, readKpiMappings } from '../kolada/repo.js';
import { loadInstrument } from '../repo.js';
import { operationalSeries } from './operational-series.js';

export async function kpiPage(db: Db, cube: FollowupService, municipalityCode: string | undefined) {
  const data = await db.transaction(async (tx) => {
    const names = await analystRepo.municipalityNames(tx);
    const municipalities = [...names].map(([code, name]) => ({ code, name }));
    const code = municipalityCode ?? municipalities[0]?.code;
    if (!code || !names.has(code)) throw new AppError('not_found', 'No such municipality in this county.');
    const mappings = await readKpiMappings(tx);
    const titles = await tx.query<{ id: string; title: string }>('SELECT id, title FROM kolada_kpi');
    const titleOf = new Map(titles.rows.map((t) => [t.id, t.title]));
    const values = await readKoladaValues(tx, { municipalities: [code] });
    const runs = await readImportRuns(tx, 1);
    return { names, municipalities, code, mappings, titleOf, values, run: runs[0] ?? null };
  });
  const kpis = data.mappings.map((m) => ({
    id: m.kpiId,
    title: data.titleOf.get(m.kpiId) ?? m.rationale ?? m.kpiId,
    wheel: m.wheelIndicator,
    goalStage: m.goalStage,
    polarity: m.polarity,
    values: data.values
      .filter((v) => v.kpiId === m.kpiId)
      .map((v) => ({
        period: v.period,
        gender: v.gender,
        // Kolada's Privacy status is shown as suppressed, never with a value.
        value: v.status === 'Privacy' ? null : v.value,
        status:
          v.status === 'Privacy' ? ('suppressed' as const) : v.value === null ? ('missing' as const) : ('ok' as const),
      })),
  }));
  const series = (await operationalSeries(db, [data.code])).series;
  const survey = await surveyBeside(db, cube, data.code);
  const run = data.run;
  return {
    municipality: { code: data.code, name: data.names.get(data.code)! },
    municipalities: data.municipalities,
    years: [...new Set(data.values.map((v) => v.period))].sort((a, b) => a - b),
    kpis,
    series,
    lastRun: run ? { id: run.id, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt } : null,
    survey,
  };
}

/** Survey indicators of a municipality in the latest wave, as published (hidden cells carry no number). */
async function surveyBeside(db: Db, cube: FollowupService, municipality: string) {
  const snap = await cube.snapshot(DEMO_INSTRUMENT_ID);
  if (!snap) return null;
  const stored = await db.transaction((tx) => loadInstrument(tx, DEMO_INSTRUMENT_ID));
  const wave = stored?.waves[stored.waves.length - 1];
  if (!wave) return null;
  const indicators = [];
  for (const ind of snap.indicators) {
    for (const grade of wave.grades) {
      if (ind.grades && !ind.grades.includes(grade)) continue;
      let table = null;
      try {
        table = snap.published.table({
          indicator: ind.key,
          breakdown: 'municipality',
          year: wave.year,
          parent: { grade },
        });
      } catch {
        table = null;
      }
      const c = table?.cells.find((x) => x.group === municipality);
      if (!c) continue;
      const ok = c.status === 'ok';
      indicators.push({
        key: ind.key,
        labelSv: ind.labelSv,
        labelEn: ind.labelEn,
        wheel: ind.wheel,
        polarity: ind.polarity,
        grade,
        share: ok ? c.share : null,
        ciLow: ok ? c.ciLow : null,
        ciHigh: ok ? c.ciHigh : null,
        n: c.n,
        status: ok ? ('ok' as const) : ('suppressed' as const),
        koladaKpi: ind.koladaKpis[grade] ?? ind.koladaKpis['*'] ?? null,
      });
    }
  }
  return { year: wave.year, indicators };
}
