// Small hand-made survey data for the unit tests.
import { createSurveyData } from './survey-data.js';
import {
  GENDERS,
  MISSING,
  MISSING_SCHOOL,
  type InstrumentDefinition,
  type SurveyData,
  type WaveDefinition,
} from './types.js';
import type { IndicatorDefinitionInput } from './indicators.js';
import { indicatorDefinitionSchema } from './indicators.js';

export const MINI_INSTRUMENT: InstrumentDefinition = {
  id: 'mini',
  name: 'Mini',
  description: '',
  items: [
    {
      key: 'safe',
      topic: 'school',
      labelSv: 'Trygg',
      labelEn: 'Safe',
      versions: [
        {
          version: 1,
          questionSv: 'Trygg?',
          questionEn: 'Safe?',
          options: [
            { code: 1, labelSv: 'Ja', labelEn: 'Yes', kind: 'answer' },
            { code: 2, labelSv: 'Nej', labelEn: 'No', kind: 'answer' },
            { code: 9, labelSv: 'Vet inte', labelEn: "Don't know", kind: 'dont_know' },
          ],
          breaksSeries: false,
        },
      ],
    },
    {
      key: 'stress',
      topic: 'school',
      labelSv: 'Stress',
      labelEn: 'Stress',
      versions: [
        {
          version: 1,
          questionSv: 'Stress?',
          questionEn: 'Stress?',
          options: [1, 2, 3, 4].map((c) => ({ code: c, labelSv: `${c}`, labelEn: `${c}`, kind: 'answer' as const })),
          breaksSeries: false,
        },
        {
          version: 2,
          questionSv: 'Hur ofta?',
          questionEn: 'How often?',
          options: [1, 2, 3, 4, 5].map((c) => ({ code: c, labelSv: `${c}`, labelEn: `${c}`, kind: 'answer' as const })),
          breaksSeries: true,
        },
      ],
    },
  ],
};

export const MINI_WAVES: WaveDefinition[] = [
  {
    year: 2021,
    label: '2021',
    grades: ['5', '8'],
    instrumentVersion: '1',
    items: [
      { key: 'safe', version: 1 },
      { key: 'stress', version: 1 },
    ],
  },
  {
    year: 2024,
    label: '2024',
    grades: ['5', '8'],
    instrumentVersion: '2',
    items: [
      { key: 'safe', version: 1 },
      { key: 'stress', version: 2 },
    ],
  },
];

export interface MiniRow {
  year: number;
  grade: string;
  muni: string;
  school?: string | null;
  gender?: (typeof GENDERS)[number] | null;
  fam?: number | null;
  sch?: number | null;
  born?: boolean | null;
  years?: number | null;
  safe?: number | null;
  stress?: number | null;
}

export const MINI_MUNIS = ['0780', '0781', '0764'];
export const MINI_SCHOOLS = ['S1', 'S2', 'S3', 'S4'];

export function miniData(rows: readonly MiniRow[]): SurveyData {
  const n = rows.length;
  const u8 = (f: (r: MiniRow) => number) => Uint8Array.from(rows, f);
  const m = (v: number | null | undefined) => (v === null || v === undefined ? MISSING : v);
  return createSurveyData(MINI_INSTRUMENT, MINI_WAVES, {
    length: n,
    grades: ['5', '8'],
    municipalities: MINI_MUNIS,
    schools: MINI_SCHOOLS,
    wave: u8((r) => MINI_WAVES.findIndex((w) => w.year === r.year)),
    grade: u8((r) => ['5', '8'].indexOf(r.grade)),
    municipality: u8((r) => MINI_MUNIS.indexOf(r.muni)),
    school: Uint16Array.from(rows, (r) => (r.school ? MINI_SCHOOLS.indexOf(r.school) : MISSING_SCHOOL)),
    gender: u8((r) => (r.gender ? GENDERS.indexOf(r.gender) : MISSING)),
    familyLadder: u8((r) => m(r.fam)),
    schoolLadder: u8((r) => m(r.sch)),
    bornInSweden: u8((r) => (r.born === null || r.born === undefined ? MISSING : r.born ? 1 : 0)),
    yearsInSweden: u8((r) => m(r.years)),
    items: new Map([
      ['safe', u8((r) => m(r.safe))],
      ['stress', u8((r) => m(r.stress))],
    ]),
  });
}

export const ind = (
  d: Omit<IndicatorDefinitionInput, 'labelSv' | 'labelEn' | 'wheel' | 'polarity'> & Partial<IndicatorDefinitionInput>,
) =>
  indicatorDefinitionSchema.parse({
    labelSv: d.key,
    labelEn: d.key,
    wheel: 'safe',
    polarity: 'higher_is_better',
    ...d,
  });

/** n copies of a row. */
export function times(n: number, row: MiniRow): MiniRow[] {
  return Array.from({ length: n }, () => ({ ...row }));
}
