// Synthetic microdata written as a respondent CSV with the standard column names (tests and the
// benchmark; the import's default mapping reads these names).

import type { GeneratedSurvey } from './synthetic.js';
import { MISSING, MISSING_SCHOOL } from './types.js';

/** Standard column names of a respondent CSV (what `defaultColumnMapping` maps). */
export const STANDARD_COLUMNS = {
  respondent_id: 'lopnr',
  year: 'ar',
  municipality: 'kommun',
  school: 'skolkod',
  grade: 'arskurs',
  gender: 'kon',
  family_ladder: 'stege_familj',
  school_ladder: 'stege_skola',
  born_in_sweden: 'fodd_i_sverige',
  years_in_sweden: 'ar_i_sverige',
} as const;

/**
 * Synthetic microdata as a respondent CSV (for tests and the benchmark only): gender 1 girl,
 * 2 boy, 3 other; born in Sweden 1 yes, 2 no; empty = no answer.
 */
export function* syntheticCsvChunks(
  survey: GeneratedSurvey,
  opts: { delimiter?: string; crlf?: boolean; rowsPerChunk?: number } = {},
): Generator<string> {
  const { data, ids } = survey;
  const d = opts.delimiter ?? ',';
  const eol = opts.crlf ? '\r\n' : '\n';
  const items = [...data.items.values()];
  const header = [...Object.values(STANDARD_COLUMNS), ...items.map((i) => i.key)].join(d);
  const years = data.waves.map((w) => String(w.year));
  const genders = ['1', '2', '3'];
  const num = (v: number) => (v === MISSING ? '' : String(v));
  let out = header + eol;
  const per = opts.rowsPerChunk ?? 20000;
  for (let r = 0; r < data.length; r++) {
    let line =
      years[data.wave[r]!]! +
      String(ids[r]!).padStart(6, '0') +
      d +
      years[data.wave[r]!]! +
      d +
      data.municipalities[data.municipality[r]!]! +
      d +
      (data.school[r] === MISSING_SCHOOL ? '' : data.schools[data.school[r]!]!) +
      d +
      data.grades[data.grade[r]!]! +
      d +
      (data.gender[r] === MISSING ? '' : genders[data.gender[r]!]!) +
      d +
      num(data.familyLadder[r]!) +
      d +
      num(data.schoolLadder[r]!) +
      d +
      (data.bornInSweden[r] === MISSING ? '' : data.bornInSweden[r] === 1 ? '1' : '2') +
      d +
      num(data.yearsInSweden[r]!);
    for (const it of items) line += d + num(it.codes[r]!);
    out += line + eol;
    if ((r + 1) % per === 0) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
