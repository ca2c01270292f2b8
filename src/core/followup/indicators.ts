// Indicator definitions as data: which items, which answers count as positive, who is in the
// denominator, polarity, the wheel indicator it belongs to and comparable Kolada KPIs. Stored as
// JSON in followup_indicator.definition and validated by `indicatorDefinitionSchema`.
//
// Denominator rules (the "universe"):
// - A respondent without an answer (missing, or the wave did not ask the item) is never counted.
// - "Don't know" options (codebook kind 'dont_know') are excluded by default (`dontKnow:
//   'exclude'`), or counted as a not-positive answer (`'negative'`).
// - Multi-item indicators count a respondent only when every item is in the denominator
//   (complete cases); the respondent is positive when at least `atLeast` items are positive.
// - `universe` restricts the denominator to respondents with given answers on another item
//   (e.g. heavy episodic drinking among those who drink at all).
// - `grades` restricts the indicator to the grades it is meant for.

import { z } from 'zod';
import { WHEEL_INDICATORS } from '../wheel.js';
import { MAX_CODE, type SurveyData } from './types.js';

const code = z.number().int().min(0).max(MAX_CODE);
const itemKey = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const indicatorDefinitionSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .max(64),
    labelSv: z.string().min(1).max(200),
    labelEn: z.string().min(1).max(200),
    wheel: z.enum(WHEEL_INDICATORS),
    polarity: z.enum(['higher_is_better', 'lower_is_better']),
    items: z.array(itemKey).min(1).max(12),
    atLeast: z.number().int().min(1).default(1),
    /** Answer codes counted as positive ("the share who …"). */
    positive: z.array(code).min(1),
    /** Positive codes for a given item version when its scale changed (key: version number). */
    positiveByVersion: z.record(z.string().regex(/^[0-9]+$/), z.array(code).min(1)).default({}),
    dontKnow: z.enum(['exclude', 'negative']).default('exclude'),
    universe: z
      .object({ item: itemKey, codes: z.array(code).min(1) })
      .nullable()
      .default(null),
    grades: z.array(z.string().min(1)).min(1).nullable().default(null),
    /** Comparable Kolada KPI per grade ('*' for all grades). */
    koladaKpis: z.record(z.string(), z.string().regex(/^[A-Z][0-9]{5}$/)).default({}),
    /** A pre-declared goal indicator (Holm adjustment instead of Benjamini–Hochberg). */
    goal: z.boolean().default(false),
  })
  .refine((d) => d.atLeast <= d.items.length, {
    message: 'atLeast cannot exceed the number of items',
    path: ['atLeast'],
  });

export type IndicatorDefinition = z.output<typeof indicatorDefinitionSchema>;
export type IndicatorDefinitionInput = z.input<typeof indicatorDefinitionSchema>;

const def = (d: IndicatorDefinitionInput): IndicatorDefinition => indicatorDefinitionSchema.parse(d);

/** The default indicator set of the demo instrument, covering all eight wheel indicators. */
export const DEFAULT_INDICATORS: readonly IndicatorDefinition[] = [
  def({
    key: 'safe_at_school',
    labelSv: 'Trygg i skolan',
    labelEn: 'Feels safe at school',
    wheel: 'safe',
    polarity: 'higher_is_better',
    items: ['trygg_skolan'],
    positive: [1, 2],
    koladaKpis: { '5': 'N15613', '8': 'N15643', gy2: 'N17673' },
  }),
  def({
    key: 'not_bullied',
    labelSv: 'Inte mobbad',
    labelEn: 'Not bullied',
    wheel: 'safe',
    polarity: 'higher_is_better',
    items: ['mobbad'],
    positive: [1],
  }),
  def({
    key: 'good_health',
    labelSv: 'Bra eller mycket bra hälsa',
    labelEn: 'Good or very good health',
    wheel: 'healthy',
    polarity: 'higher_is_better',
    items: ['halsa'],
    positive: [1, 2],
  }),
  def({
    key: 'psychosomatic_complaints',
    labelSv: 'Psykosomatiska besvär (minst två, flera gånger i veckan)',
    labelEn: 'Psychosomatic complaints (two or more, several times a week)',
    wheel: 'healthy',
    polarity: 'lower_is_better',
    items: ['huvudvark', 'ont_i_magen', 'sovsvarigheter', 'nedstamd'],
    atLeast: 2,
    positive: [4, 5],
  }),
  def({
    key: 'sleep_problems',
    labelSv: 'Svårt att somna flera gånger i veckan',
    labelEn: 'Difficulty sleeping several times a week',
    wheel: 'healthy',
    polarity: 'lower_is_better',
    items: ['sovsvarigheter'],
    positive: [4, 5],
  }),
  def({
    key: 'feeling_low',
    labelSv: 'Nedstämd flera gånger i veckan',
    labelEn: 'Feeling low several times a week',
    wheel: 'healthy',
    polarity: 'lower_is_better',
    items: ['nedstamd'],
    positive: [4, 5],
  }),
  def({
    key: 'physical_activity',
    labelSv: 'Fysiskt aktiv minst 60 minuter minst 5 dagar i veckan',
    labelEn: 'Physically active ≥ 60 minutes on at least 5 days a week',
    wheel: 'active',
    polarity: 'higher_is_better',
    items: ['fysisk_aktivitet'],
    positive: [5, 6, 7],
  }),
  def({
    key: 'organised_leisure',
    labelSv: 'Organiserad fritidsaktivitet',
    labelEn: 'Organised leisure activity',
    wheel: 'active',
    polarity: 'higher_is_better',
    items: ['fritidsaktivitet'],
    positive: [1],
  }),
  def({
    key: 'snus',
    labelSv: 'Snusar',
    labelEn: 'Uses snus',
    wheel: 'responsible',
    polarity: 'lower_is_better',
    items: ['snus'],
    positive: [3, 4],
    grades: ['8', 'gy2'],
  }),
  def({
    key: 'alcohol',
    labelSv: 'Dricker alkohol',
    labelEn: 'Drinks alcohol',
    wheel: 'responsible',
    polarity: 'lower_is_better',
    items: ['alkohol'],
    positive: [2, 3, 4],
  }),
  def({
    key: 'binge_drinking',
    labelSv: 'Intensivkonsumtion minst en gång i månaden',
    labelEn: 'Heavy episodic drinking at least monthly',
    wheel: 'responsible',
    polarity: 'lower_is_better',
    items: ['intensivkonsumtion'],
    positive: [3, 4],
    grades: ['8', 'gy2'],
  }),
  def({
    key: 'binge_among_drinkers',
    labelSv: 'Intensivkonsumtion bland dem som dricker',
    labelEn: 'Heavy episodic drinking among those who drink',
    wheel: 'responsible',
    polarity: 'lower_is_better',
    items: ['intensivkonsumtion'],
    positive: [2, 3, 4],
    universe: { item: 'alkohol', codes: [2, 3, 4] },
    grades: ['8', 'gy2'],
  }),
  def({
    key: 'adult_to_talk_to',
    labelSv: 'Har en vuxen att prata med',
    labelEn: 'Has an adult to talk to',
    wheel: 'nurtured',
    polarity: 'higher_is_better',
    items: ['vuxen_att_prata_med'],
    positive: [1],
    dontKnow: 'negative',
  }),
  def({
    key: 'likes_school',
    labelSv: 'Trivs bra i skolan',
    labelEn: 'Likes school',
    wheel: 'achieving',
    polarity: 'higher_is_better',
    items: ['trivs_skolan'],
    positive: [1, 2],
    koladaKpis: { '5': 'N15629', '8': 'N15659' },
  }),
  def({
    key: 'school_stress',
    labelSv: 'Stressad av skolarbetet',
    labelEn: 'Stressed by schoolwork',
    wheel: 'achieving',
    polarity: 'lower_is_better',
    items: ['stress_skolarbete'],
    positive: [3, 4],
    positiveByVersion: { '2': [4, 5] },
  }),
  def({
    key: 'truancy',
    labelSv: 'Har skolkat',
    labelEn: 'Has skipped school',
    wheel: 'achieving',
    polarity: 'lower_is_better',
    items: ['skolk'],
    positive: [2, 3, 4],
  }),
  def({
    key: 'future_optimism',
    labelSv: 'Ser positivt på framtiden',
    labelEn: 'Positive about the future',
    wheel: 'achieving',
    polarity: 'higher_is_better',
    items: ['framtidstro'],
    positive: [1, 2],
  }),
  def({
    key: 'teachers_listen',
    labelSv: 'Lärarna lyssnar',
    labelEn: 'Teachers listen',
    wheel: 'respected',
    polarity: 'higher_is_better',
    items: ['larare_lyssnar'],
    positive: [1, 2],
  }),
  def({
    key: 'loneliness',
    labelSv: 'Känner sig ofta ensam',
    labelEn: 'Often feels lonely',
    wheel: 'included',
    polarity: 'lower_is_better',
    items: ['ensam'],
    positive: [4, 5],
  }),
  def({
    key: 'left_out',
    labelSv: 'Känner sig ofta utanför i skolan',
    labelEn: 'Often feels left out at school',
    wheel: 'included',
    polarity: 'lower_is_better',
    items: ['utanfor'],
    positive: [3],
  }),
];

/** Classification of one answer: outside the denominator, in it but not positive, positive. */
export const OUT = 0;
export const NEGATIVE = 1;
export const POSITIVE = 2;

export interface CompiledIndicator {
  readonly definition: IndicatorDefinition;
  /** Answer columns of the items. */
  readonly columns: readonly Uint8Array[];
  /** Per item: lut[wave * 256 + code] ∈ {OUT, NEGATIVE, POSITIVE}. */
  readonly luts: readonly Uint8Array[];
  /** Universe filter: lut[wave * 256 + code] ∈ {0, 1}; null when everyone is in the universe. */
  readonly universe: { readonly column: Uint8Array; readonly lut: Uint8Array } | null;
  /** gradeAllowed[gradeIndex] = 1 when the indicator applies to that grade. */
  readonly gradeAllowed: Uint8Array;
  /** The indicator was measured in the wave (all its items were asked). */
  readonly askedByWave: readonly boolean[];
  /** A series break between wave w − 1 and w (an item changed in a non-comparable way). */
  readonly seriesBreakByWave: readonly boolean[];
}

export class IndicatorCompileError extends Error {
  override readonly name = 'IndicatorCompileError';
}

/** Turns a definition into per-wave lookup tables over the data's codebooks. */
export function compileIndicator(definition: IndicatorDefinition, data: SurveyData): CompiledIndicator {
  const waves = data.waves.length;
  const itemColumn = (key: string) => {
    const c = data.items.get(key);
    if (!c) throw new IndicatorCompileError(`indicator ${definition.key}: unknown item ${key}`);
    return c;
  };
  const columns: Uint8Array[] = [];
  const luts: Uint8Array[] = [];
  const askedByWave = Array.from({ length: waves }, () => true);
  const seriesBreakByWave = Array.from({ length: waves }, () => false);
  for (const key of definition.items) {
    const col = itemColumn(key);
    const lut = new Uint8Array(waves * 256);
    for (let w = 0; w < waves; w++) {
      const options = col.optionsByWave[w];
      const version = col.versionByWave[w];
      if (!options || version === null || version === undefined) {
        askedByWave[w] = false;
        continue;
      }
      if (col.seriesBreakByWave[w]) seriesBreakByWave[w] = true;
      const positive = new Set(definition.positiveByVersion[String(version)] ?? definition.positive);
      for (const opt of options) {
        const cls = positive.has(opt.code)
          ? POSITIVE
          : opt.kind === 'dont_know' && definition.dontKnow === 'exclude'
            ? OUT
            : NEGATIVE;
        lut[w * 256 + opt.code] = cls;
      }
    }
    columns.push(col.codes);
    luts.push(lut);
  }
  let universe: CompiledIndicator['universe'] = null;
  if (definition.universe) {
    const col = itemColumn(definition.universe.item);
    const lut = new Uint8Array(waves * 256);
    const codes = new Set(definition.universe.codes);
    for (let w = 0; w < waves; w++) {
      const options = col.optionsByWave[w];
      if (!options) {
        askedByWave[w] = false;
        continue;
      }
      if (col.seriesBreakByWave[w]) seriesBreakByWave[w] = true;
      for (const opt of options) if (codes.has(opt.code)) lut[w * 256 + opt.code] = 1;
    }
    universe = { column: col.codes, lut };
  }
  const gradeAllowed = new Uint8Array(data.grades.length);
  data.grades.forEach((g, i) => {
    gradeAllowed[i] = definition.grades === null || definition.grades.includes(g) ? 1 : 0;
  });
  return { definition, columns, luts, universe, gradeAllowed, askedByWave, seriesBreakByWave };
}

/** OUT, NEGATIVE or POSITIVE for respondent r (reference implementation; the cube inlines it). */
export function classifyRespondent(ind: CompiledIndicator, data: SurveyData, r: number): number {
  if (ind.gradeAllowed[data.grade[r]!] !== 1) return OUT;
  const w = data.wave[r]! * 256;
  if (ind.universe && ind.universe.lut[w + ind.universe.column[r]!] !== 1) return OUT;
  let positives = 0;
  for (let j = 0; j < ind.columns.length; j++) {
    const cls = ind.luts[j]![w + ind.columns[j]![r]!]!;
    if (cls === OUT) return OUT;
    if (cls === POSITIVE) positives++;
  }
  return positives >= ind.definition.atLeast ? POSITIVE : NEGATIVE;
}

/** Problems with a definition against an instrument's items and codebooks ([] when fine). */
export function checkIndicatorAgainstInstrument(
  definition: IndicatorDefinition,
  instrument: {
    readonly items: readonly {
      readonly key: string;
      readonly versions: readonly {
        readonly version: number;
        readonly options: readonly { readonly code: number }[];
      }[];
    }[];
  },
): string[] {
  const problems: string[] = [];
  const item = (key: string) => instrument.items.find((i) => i.key === key);
  for (const key of definition.items) {
    const it = item(key);
    if (!it) {
      problems.push(`unknown item ${key}`);
      continue;
    }
    for (const v of it.versions) {
      const codes = new Set(v.options.map((o) => o.code));
      const positive = definition.positiveByVersion[String(v.version)] ?? definition.positive;
      const unknown = positive.filter((c) => !codes.has(c));
      if (unknown.length > 0) problems.push(`item ${key} version ${v.version} has no code ${unknown.join(', ')}`);
    }
  }
  if (definition.universe) {
    const it = item(definition.universe.item);
    if (!it) problems.push(`unknown universe item ${definition.universe.item}`);
  }
  return problems;
}
