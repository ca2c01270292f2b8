// Benchmark data for `npm run bench -- followup`: a county of 8 municipalities and 60 schools,
// synthetic respondents (src/core/followup/synthetic.ts) written as a respondent CSV, and the
// SQL that computes the same cube in PostgreSQL and DuckDB.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  DEMO_INSTRUMENT,
  DEMO_WAVES,
  KRONOBERG_MUNICIPALITIES,
  STANDARD_COLUMNS,
  syntheticCsvChunks,
  type BreakdownDefinition,
  type Dimension,
  type FrameSchool,
  type GeneratedSurvey,
  type IndicatorDefinition,
  type SurveyFrame,
} from '../src/core/followup/index.js';

/** 60 schools: compulsory schools teaching 5, 8 or both, and upper-secondary schools (gy2). */
export function benchFrame(): SurveyFrame {
  const perMunicipality: Record<string, number> = {
    '0780': 27,
    '0781': 8,
    '0764': 6,
    '0765': 6,
    '0763': 4,
    '0767': 3,
    '0760': 3,
    '0761': 3,
  };
  const gymnasium: Record<string, number> = { '0780': 4, '0781': 1, '0764': 1, '0765': 1 };
  const schools: FrameSchool[] = [];
  let code = 20_000_000;
  for (const m of KRONOBERG_MUNICIPALITIES) {
    const total = perMunicipality[m.code]!;
    for (let j = 0; j < total; j++) {
      const gy = j < (gymnasium[m.code] ?? 0);
      const grades = gy ? ['gy2'] : j % 3 === 0 ? ['5'] : j % 3 === 1 ? ['5', '8'] : ['8'];
      schools.push({
        code: String(code++),
        name: `${m.name} skola ${j + 1}`,
        municipality: m.code,
        form: gy ? 'upper_secondary' : 'compulsory',
        grades,
        weight: 1 + (j % 3),
      });
    }
  }
  return { municipalities: KRONOBERG_MUNICIPALITIES, schools };
}

export async function writeCsv(survey: GeneratedSurvey, file: string): Promise<void> {
  const ws = createWriteStream(file);
  for (const chunk of syntheticCsvChunks(survey, { rowsPerChunk: 50_000 }))
    if (!ws.write(chunk)) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
}

export const ITEM_COLUMNS = DEMO_INSTRUMENT.items.map((i) => i.key);
export const CSV_COLUMNS = [...Object.values(STANDARD_COLUMNS), ...ITEM_COLUMNS];

/** Column types of the respondent table (the same in PostgreSQL and DuckDB). */
export function tableColumns(): [string, string][] {
  return [
    ['lopnr', 'BIGINT'],
    ['ar', 'SMALLINT'],
    ['kommun', 'VARCHAR'],
    ['skolkod', 'VARCHAR'],
    ['arskurs', 'VARCHAR'],
    ['kon', 'SMALLINT'],
    ['stege_familj', 'SMALLINT'],
    ['stege_skola', 'SMALLINT'],
    ['fodd_i_sverige', 'SMALLINT'],
    ['ar_i_sverige', 'SMALLINT'],
    ...ITEM_COLUMNS.map((c): [string, string] => [c, 'SMALLINT']),
  ];
}

const ladder = (col: string, cuts: readonly number[]) => {
  const parts: string[] = [];
  let from = 1;
  for (const c of cuts) {
    parts.push(`WHEN ${col} BETWEEN ${from} AND ${c} THEN '${from === c ? c : `${from}-${c}`}'`);
    from = c + 1;
  }
  parts.push(`WHEN ${col} BETWEEN ${from} AND 10 THEN '${from === 10 ? '10' : `${from}-10`}'`);
  return `CASE ${parts.join(' ')} ELSE 'not_stated' END`;
};

/** Dimension expressions over the raw columns (labels as the cube's). */
export function dimensionSql(ladderCuts: readonly number[] = [4, 7], recentYears = 5): Record<Dimension, string> {
  return {
    grade: `coalesce(arskurs, 'not_stated')`,
    municipality: `coalesce(kommun, 'not_stated')`,
    school: `coalesce(skolkod, 'not_stated')`,
    gender: `CASE kon WHEN 1 THEN 'girl' WHEN 2 THEN 'boy' WHEN 3 THEN 'other' ELSE 'not_stated' END`,
    family_ladder: ladder('stege_familj', ladderCuts),
    school_ladder: ladder('stege_skola', ladderCuts),
    background: `CASE WHEN fodd_i_sverige = 1 THEN 'born_in_sweden' WHEN fodd_i_sverige = 2 AND ar_i_sverige >= ${recentYears} THEN 'born_abroad_long' WHEN fodd_i_sverige = 2 AND ar_i_sverige < ${recentYears} THEN 'born_abroad_recent' ELSE 'not_stated' END`,
  };
}

/** SQL conditions (den = in the denominator, pos = positive) of an indicator, per wave. */
export function indicatorSql(def: IndicatorDefinition): { den: string; pos: string } {
  const perWave = DEMO_WAVES.map((w) => {
    const asked = (key: string) => w.items.find((i) => i.key === key);
    const codebook = (key: string) => {
      const it = asked(key)!;
      return DEMO_INSTRUMENT.items.find((i) => i.key === key)!.versions.find((v) => v.version === it.version)!;
    };
    if (!def.items.every(asked) || (def.universe && !asked(def.universe.item)))
      return { year: w.year, den: 'FALSE', pos: 'FALSE' };
    const dens: string[] = [];
    const poss: string[] = [];
    for (const key of def.items) {
      const v = codebook(key);
      const positive = def.positiveByVersion[String(v.version)] ?? def.positive;
      const inDen = v.options
        .filter((o) => positive.includes(o.code) || o.kind === 'answer' || def.dontKnow === 'negative')
        .map((o) => o.code);
      dens.push(`${key} IN (${inDen.join(',')})`);
      poss.push(`(${key} IN (${positive.join(',')}))::int`);
    }
    if (def.universe) dens.push(`${def.universe.item} IN (${def.universe.codes.join(',')})`);
    if (def.grades) dens.push(`arskurs IN (${def.grades.map((g) => `'${g}'`).join(',')})`);
    const den = dens.join(' AND ');
    return { year: w.year, den, pos: `${den} AND ${poss.join(' + ')} >= ${def.atLeast}` };
  });
  // One condition when every wave has the same (most indicators); else a CASE over the wave.
  const byWave = (k: 'den' | 'pos') => {
    const distinct = new Set(perWave.map((p) => p[k]));
    if (distinct.size === 1 && !distinct.has('FALSE')) return `(${perWave[0]![k]})`;
    const groups = new Map<string, number[]>();
    for (const p of perWave) groups.set(p[k], [...(groups.get(p[k]) ?? []), p.year]);
    return `CASE ${[...groups].map(([cond, years]) => `WHEN ar IN (${years.join(',')}) THEN ${cond}`).join(' ')} ELSE FALSE END`;
  };
  return { den: byWave('den'), pos: byWave('pos') };
}

const DIM_ORDER: readonly Dimension[] = [
  'grade',
  'municipality',
  'school',
  'gender',
  'family_ladder',
  'school_ladder',
  'background',
];

/** The whole cube as one GROUPING SETS query (x and n for every indicator). */
export function cubeSql(
  table: string,
  indicators: readonly IndicatorDefinition[],
  breakdowns: readonly BreakdownDefinition[],
  twoLevel: boolean,
): string {
  const dims = dimensionSql();
  const inner = [
    'ar AS wave',
    ...DIM_ORDER.map((d) => `${dims[d]} AS ${d}`),
    ...indicators.flatMap((d, i) => {
      const s = indicatorSql(d);
      return [`CASE WHEN ${s.den} THEN 1 ELSE 0 END AS n${i}`, `CASE WHEN ${s.pos} THEN 1 ELSE 0 END AS x${i}`];
    }),
  ].join(',\n  ');
  const sets = breakdowns.map((b) => `(${['wave', ...b.dims].join(', ')})`).join(', ');
  const sums = indicators
    .flatMap((_, i) => [`CAST(sum(n${i}) AS INTEGER) AS n${i}`, `CAST(sum(x${i}) AS INTEGER) AS x${i}`])
    .join(', ');
  const grouping = `GROUPING(${DIM_ORDER.join(', ')}) AS g`;
  if (!twoLevel) {
    return `SELECT wave, ${DIM_ORDER.join(', ')}, ${grouping}, ${sums}
  FROM (SELECT ${inner} FROM ${table}) t
 GROUP BY GROUPING SETS (${sets})`;
  }
  // Two levels (the cube engine's algorithm in SQL): finest cells first, then the grouping sets.
  const finestSums = indicators.flatMap((_, i) => [`sum(n${i}) AS n${i}`, `sum(x${i}) AS x${i}`]).join(', ');
  return `SELECT wave, ${DIM_ORDER.join(', ')}, ${grouping}, ${sums}
  FROM (SELECT wave, ${DIM_ORDER.join(', ')}, ${finestSums}
          FROM (SELECT ${inner} FROM ${table}) t
         GROUP BY wave, ${DIM_ORDER.join(', ')}) f
 GROUP BY GROUPING SETS (${sets})`;
}

export { DIM_ORDER };
