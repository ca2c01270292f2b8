// Building SurveyData from columns and instrument metadata (used by the import, the DB loader,
// and the synthetic generator).

import {
  seriesBreaks,
  type InstrumentDefinition,
  type SurveyData,
  type SurveyItemColumn,
  type SurveyWaveInfo,
  type WaveDefinition,
} from './types.js';

/** The item column for `key`: version, codebook and series breaks per wave. */
export function itemColumn(
  instrument: InstrumentDefinition,
  waves: readonly WaveDefinition[],
  key: string,
  codes: Uint8Array,
): SurveyItemColumn {
  const item = instrument.items.find((i) => i.key === key);
  if (!item) throw new RangeError(`unknown item ${key}`);
  const versionByWave = waves.map((w) => w.items.find((i) => i.key === key)?.version ?? null);
  const optionsByWave = versionByWave.map((v) =>
    v === null ? null : (item.versions.find((x) => x.version === v)?.options ?? null),
  );
  versionByWave.forEach((v, i) => {
    if (v !== null && optionsByWave[i] === null)
      throw new RangeError(`wave ${waves[i]!.year}: item ${key} has no version ${v}`);
  });
  return { key, codes, versionByWave, optionsByWave, seriesBreakByWave: seriesBreaks(item, versionByWave) };
}

export interface SurveyColumnsInput {
  readonly length: number;
  readonly grades: readonly string[];
  readonly municipalities: readonly string[];
  readonly schools: readonly string[];
  readonly wave: Uint8Array;
  readonly grade: Uint8Array;
  readonly municipality: Uint8Array;
  readonly school: Uint16Array;
  readonly gender: Uint8Array;
  readonly familyLadder: Uint8Array;
  readonly schoolLadder: Uint8Array;
  readonly bornInSweden: Uint8Array;
  readonly yearsInSweden: Uint8Array;
  readonly items: ReadonlyMap<string, Uint8Array>;
}

/** Assembles SurveyData, checking that every column has one value per respondent. */
export function createSurveyData(
  instrument: InstrumentDefinition,
  waves: readonly WaveDefinition[],
  cols: SurveyColumnsInput,
): SurveyData {
  const sorted = [...waves].sort((a, b) => a.year - b.year);
  if (sorted.some((w, i) => w !== waves[i])) throw new RangeError('waves must be ordered by year');
  const n = cols.length;
  const check = (name: string, a: ArrayLike<number>) => {
    if (a.length !== n) throw new RangeError(`column ${name} has ${a.length} values, expected ${n}`);
  };
  for (const name of [
    'wave',
    'grade',
    'municipality',
    'school',
    'gender',
    'familyLadder',
    'schoolLadder',
    'bornInSweden',
    'yearsInSweden',
  ] as const)
    check(name, cols[name]);
  const items = new Map<string, SurveyItemColumn>();
  for (const item of instrument.items) {
    let codes = cols.items.get(item.key);
    if (codes) check(item.key, codes);
    else codes = new Uint8Array(n).fill(255);
    items.set(item.key, itemColumn(instrument, waves, item.key, codes));
  }
  const waveInfo: SurveyWaveInfo[] = waves.map((w) => ({ year: w.year, grades: w.grades }));
  return {
    length: n,
    waves: waveInfo,
    grades: cols.grades,
    municipalities: cols.municipalities,
    schools: cols.schools,
    wave: cols.wave,
    grade: cols.grade,
    municipality: cols.municipality,
    school: cols.school,
    gender: cols.gender,
    familyLadder: cols.familyLadder,
    schoolLadder: cols.schoolLadder,
    bornInSweden: cols.bornInSweden,
    yearsInSweden: cols.yearsInSweden,
    items,
  };
}
