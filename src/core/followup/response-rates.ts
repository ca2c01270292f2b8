// Response rates: respondents / pupils per wave and grade for the county, each municipality and
// each school, so every result can show the response rate it rests on and flag a low one.
// Respondent counts below the rule set's minimum group size are not published (a tiny n
// identifies); pupil counts are public statistics and always shown.

import type { Dimension } from './dimensions.js';
import type { PopulationCount } from './types.js';

export interface ResponseRate {
  readonly year: number;
  /** null = all grades, all municipalities, all schools. */
  readonly grade: string | null;
  readonly municipality: string | null;
  readonly school: string | null;
  readonly respondents: number | null;
  readonly pupils: number | null;
  readonly rate: number | null;
  /** Below the low-response threshold. */
  readonly low: boolean;
  readonly status: 'ok' | 'too_few_respondents' | 'no_population' | 'inconsistent';
}

export interface ResponseRateIndex {
  lookup(wave: number, record: Readonly<Partial<Record<Dimension, string>>>): ResponseRate | null;
  all(): ResponseRate[];
}

interface LayoutLike {
  readonly years: readonly number[];
  readonly cellCount: number;
  readonly cellRespondents: Int32Array;
  readonly cellWave: Uint8Array;
  readonly cellDims: ReadonlyMap<Dimension, Uint16Array>;
  readonly labels: ReadonlyMap<Dimension, readonly string[]>;
}

const key = (w: number, g: string | null, m: string | null, s: string | null) =>
  `${w}|${g ?? '*'}|${m ?? '*'}|${s ?? '*'}`;

export function buildResponseRates(
  layout: LayoutLike,
  population: readonly PopulationCount[],
  opts: { lowResponseRate: number; minRespondents: number },
): ResponseRateIndex {
  const labels = (d: Dimension) => layout.labels.get(d)!;
  const G = labels('grade');
  const M = labels('municipality');
  const S = labels('school');
  const W = layout.years.length;
  // Respondents per (wave, grade, municipality, school), then to every roll-up.
  const dense = new Int32Array(W * G.length * M.length * S.length);
  const gd = layout.cellDims.get('grade')!;
  const md = layout.cellDims.get('municipality')!;
  const sd = layout.cellDims.get('school')!;
  for (let c = 0; c < layout.cellCount; c++) {
    dense[((layout.cellWave[c]! * G.length + gd[c]!) * M.length + md[c]!) * S.length + sd[c]!]! +=
      layout.cellRespondents[c]!;
  }
  const acc = new Map<
    string,
    {
      respondents: number;
      pupils: number;
      hasPopulation: boolean;
      w: number;
      g: string | null;
      m: string | null;
      s: string | null;
    }
  >();
  const add = (
    w: number,
    g: string,
    m: string,
    s: string,
    respondents: number,
    pupils: number,
    hasPopulation: boolean,
  ) => {
    for (const gg of [g, null]) {
      for (const mm of [m, null]) {
        for (const ss of [s, null]) {
          if (mm !== null && ss !== null) continue; // municipality × school is not a reporting level
          const k = key(w, gg, mm, ss);
          let e = acc.get(k);
          if (!e) {
            e = { respondents: 0, pupils: 0, hasPopulation: false, w, g: gg, m: mm, s: ss };
            acc.set(k, e);
          }
          e.respondents += respondents;
          e.pupils += pupils;
          e.hasPopulation ||= hasPopulation;
        }
      }
    }
  };
  dense.forEach((count, i) => {
    if (count === 0) return;
    let v = i;
    const s = v % S.length;
    v = (v - s) / S.length;
    const m = v % M.length;
    v = (v - m) / M.length;
    const g = v % G.length;
    const w = (v - g) / G.length;
    add(w, G[g]!, M[m]!, S[s]!, count, 0, false);
  });
  for (const p of population) {
    const w = layout.years.indexOf(p.year);
    if (w < 0) continue;
    add(w, p.grade, p.municipality, p.school, 0, p.pupils, true);
  }
  const rates = new Map<string, ResponseRate>();
  for (const [k, e] of acc) {
    let status: ResponseRate['status'] = 'ok';
    if (!e.hasPopulation || e.pupils === 0) status = 'no_population';
    else if (e.respondents > e.pupils) status = 'inconsistent';
    else if (e.respondents < opts.minRespondents) status = 'too_few_respondents';
    const shown =
      status === 'ok' || status === 'inconsistent'
        ? e.respondents
        : status === 'no_population' && e.respondents >= opts.minRespondents
          ? e.respondents
          : null;
    const rate = status === 'ok' ? e.respondents / e.pupils : null;
    rates.set(k, {
      year: layout.years[e.w]!,
      grade: e.g,
      municipality: e.m,
      school: e.s,
      respondents: shown,
      pupils: e.hasPopulation ? e.pupils : null,
      rate,
      low: rate !== null && rate < opts.lowResponseRate,
      status,
    });
  }
  return {
    lookup(wave, record) {
      return rates.get(key(wave, record.grade ?? null, record.municipality ?? null, record.school ?? null)) ?? null;
    },
    all() {
      return [...rates.values()].sort(
        (a, b) =>
          a.year - b.year ||
          (a.grade ?? '').localeCompare(b.grade ?? '') ||
          (a.municipality ?? '').localeCompare(b.municipality ?? '') ||
          (a.school ?? '').localeCompare(b.school ?? ''),
      );
    },
  };
}
