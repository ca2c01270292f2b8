// GET /api/followup/instruments: everything the follow-up filters need, per instrument.

import type * as S from '../../../../contract/followup.js';
import { SUPPRESSION_RULES, type SuppressionRulesName } from '../../../../core/statistics/index.js';
import { readGeneration } from '../cube/generation.js';
import type { FollowupSnapshot } from '../cube/service.js';
import type { Meta, PublishedReader } from './reader.js';
import { BREAKDOWNS, type BreakdownDim, indicatorMeta, LOW_RESPONSE_RATE, type Out } from './shapes.js';

type Instrument = Out<typeof S.InstrumentsResponse>['instruments'][number];

export async function instruments(reader: PublishedReader): Promise<Out<typeof S.InstrumentsResponse>> {
  // Same order as the default instrument (the first listed is what a query without `instrument` reads).
  const generation = await readGeneration(reader.db);
  const ids = await reader.db.query<{ id: string }>('SELECT id FROM survey_instrument ORDER BY created_at, id');
  const out: Instrument[] = [];
  for (const { id } of ids.rows) {
    const snap = await reader.service.snapshotAt(id, generation);
    if (!snap) continue;
    const { meta } = await reader.context(id, generation);
    out.push(reader.cached(meta, 'instruments', () => instrument(reader, snap, meta)));
  }
  return { instruments: out };
}

function instrument(reader: PublishedReader, snap: FollowupSnapshot, meta: Meta): Instrument {
  const rulesName = snap.published.rules as SuppressionRulesName;
  const rules = SUPPRESSION_RULES[rulesName] ?? SUPPRESSION_RULES.default;
  const schoolGrades = new Map<string, Set<string>>();
  for (const r of meta.rates) {
    if (r.school !== null && r.grade !== null && r.respondents !== null) {
      if (!schoolGrades.has(r.school)) schoolGrades.set(r.school, new Set());
      schoolGrades.get(r.school)!.add(r.grade);
    }
  }
  const grades = [...new Set(meta.stored.waves.flatMap((w) => w.grades))];
  const municipalities = reader.municipalityCodes(meta);
  return {
    id: meta.stored.instrument.id,
    name: meta.stored.instrument.name,
    description: meta.stored.instrument.description,
    waves: meta.stored.waves.map((w) => ({ year: w.year, label: w.label, grades: [...w.grades] })),
    grades,
    municipalities: municipalities.map((code) => ({ code, name: meta.municipalities.get(code) ?? code })),
    schools: [...meta.schools.values()]
      .filter((s) => schoolGrades.has(s.code))
      .map((s) => ({
        code: s.code,
        name: s.name,
        municipalityCode: s.municipalityCode,
        grades: grades.filter((g) => schoolGrades.get(s.code)!.has(g)),
      }))
      .sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode) || a.name.localeCompare(b.name, 'sv')),
    indicators: snap.indicators.map(indicatorMeta),
    breakdowns: {
      county: Object.keys(BREAKDOWNS.county) as BreakdownDim[],
      municipality: Object.keys(BREAKDOWNS.municipality) as BreakdownDim[],
      school: Object.keys(BREAKDOWNS.school) as BreakdownDim[],
    },
    responseRates: meta.rates.filter((r) => r.school === null && r.grade !== null).map((r) => ({ ...r })),
    rules: { name: rules.name, minGroupN: rules.minGroupN, minCellCount: rules.minCellCount },
    lowResponseRate: LOW_RESPONSE_RATE,
    respondents: snap.respondents,
  };
}
