// Answer models of the synthetic survey: per item, a "problem score" (higher = worse) from the
// respondent's latent wellbeing and background, cut into the item's ordered answer categories.
// Effect sizes follow the county survey reports (see synthetic.ts). Every answer is fictional.

import type { SeededRandom } from './random.js';
import type { WaveDefinition } from './types.js';

/** One item's answer model: a "problem score" (higher = worse) cut into ordered categories. */
export interface ItemModel {
  /** Cumulative probabilities of the categories, best first, for the reference respondent (grade 8 boy). */
  readonly cum: readonly number[];
  /** Answer code of each category, best first. */
  readonly codes: readonly number[];
  /** Effect of lower wellbeing. */
  readonly load: number;
  readonly girl?: readonly [number, number, number];
  readonly grade?: readonly [number, number, number];
  /** Effect of a lower family ladder. */
  readonly ses?: number;
  readonly muni?: Readonly<Record<string, number>>;
  /** Per wave index. */
  readonly wave?: readonly number[];
  /** Spread of a per-school random effect. */
  readonly school?: number;
  readonly recentArrival?: number;
  readonly dontKnow?: { readonly code: number; readonly p: number };
}

const seq = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

const SYMPTOM: Omit<ItemModel, 'load'> = {
  cum: [0.45, 0.7, 0.85, 0.94],
  codes: seq(1, 5),
  girl: [0.3, 0.95, 0.95],
  grade: [-0.3, 0, 0.1],
  wave: [0, 0.1, 0.2],
};

export const MODELS: Readonly<Record<string, ItemModel | ((version: number) => ItemModel)>> = {
  trygg_skolan: {
    cum: [0.45, 0.88, 0.95, 0.98],
    codes: seq(1, 5),
    load: 0.8,
    girl: [0.1, 0.15, 0.1],
    grade: [0.1, 0, -0.4],
    school: 0.2,
  },
  mobbad: { cum: [0.89, 0.95, 0.975, 0.988], codes: seq(1, 5), load: 0.6, grade: [0.5, 0, -0.8], school: 0.2 },
  halsa: {
    cum: [0.35, 0.8, 0.94, 0.985],
    codes: seq(1, 5),
    load: 1.2,
    girl: [0.2, 0.7, 0.6],
    grade: [-0.6, 0, 0.2],
    ses: 0.15,
  },
  huvudvark: { ...SYMPTOM, load: 0.9 },
  ont_i_magen: { ...SYMPTOM, cum: [0.5, 0.75, 0.88, 0.95], load: 0.8 },
  sovsvarigheter: { ...SYMPTOM, cum: [0.4, 0.65, 0.82, 0.92], load: 1.0 },
  nedstamd: { ...SYMPTOM, cum: [0.45, 0.72, 0.86, 0.94], load: 1.4, girl: [0.3, 1.1, 1.0] },
  // Days 0–7, best (7) first; "at least 5 days" is about 54 % in grade 8.
  fysisk_aktivitet: {
    cum: [0.2, 0.4, 0.6, 0.72, 0.82, 0.9, 0.95],
    codes: [7, 6, 5, 4, 3, 2, 1, 0],
    load: 0.5,
    girl: [0.1, 0.3, 0.3],
    grade: [-0.6, 0, 0.4],
    ses: 0.2,
    muni: {
      '0761': 0.45,
      '0760': -0.35,
      '0767': 0.1,
      '0780': -0.05,
      '0763': 0.05,
      '0764': 0.05,
      '0765': -0.1,
      '0781': 0,
    },
  },
  fritidsaktivitet: {
    cum: [0.6],
    codes: [1, 2],
    load: 0.3,
    grade: [-0.5, 0, 0.6],
    ses: 0.5,
    muni: { '0761': 0.3, '0760': 0.1 },
  },
  snus: {
    cum: [0.87, 0.95, 0.978],
    codes: seq(1, 4),
    load: 0.4,
    girl: [0, -0.5, -0.6],
    grade: [-3.5, 0, 1.4],
    ses: 0.2,
    wave: [0, 0, 0.15],
  },
  alkohol: {
    cum: [0.78, 0.93, 0.985],
    codes: seq(1, 4),
    load: 0.5,
    girl: [0, 0.05, -0.05],
    grade: [-3.0, 0, 1.9],
    ses: 0.25,
    wave: [0.25, 0, -0.25],
    muni: { '0763': 0.3, '0780': -0.1 },
  },
  // Among those who drink (the generator answers "never" for those who never drink).
  intensivkonsumtion: {
    cum: [0.66, 0.88, 0.97],
    codes: seq(1, 4),
    load: 0.4,
    grade: [-0.5, 0, 0.45],
    ses: 0.5,
    muni: { '0763': 1.0, '0780': -0.35, '0781': 0.05, '0767': 0.15, '0761': 0.3, '0760': 0.2, '0764': 0.1, '0765': 0 },
  },
  vuxen_att_prata_med: {
    cum: [0.85],
    codes: [1, 2],
    load: 0.9,
    grade: [-0.5, 0, 0.1],
    ses: 0.3,
    dontKnow: { code: 9, p: 0.08 },
  },
  trivs_skolan: {
    cum: [0.25, 0.66, 0.88, 0.96],
    codes: seq(1, 5),
    load: 1.0,
    girl: [-0.1, 0.1, 0.1],
    grade: [-1.0, 0, -0.4],
    school: 0.35,
  },
  stress_skolarbete: (version) =>
    version === 1
      ? {
          cum: [0.25, 0.7, 0.9],
          codes: seq(1, 4),
          load: 0.7,
          girl: [0.2, 0.9, 1.0],
          grade: [-1.2, 0, 0.4],
          school: 0.3,
        }
      : {
          cum: [0.1, 0.3, 0.62, 0.88],
          codes: seq(1, 5),
          load: 0.7,
          girl: [0.2, 0.9, 1.0],
          grade: [-1.2, 0, 0.4],
          school: 0.3,
        },
  skolk: { cum: [0.8, 0.94, 0.98], codes: seq(1, 4), load: 0.6, girl: [0, -0.1, 0], grade: [-2.0, 0, 0.5], ses: 0.3 },
  framtidstro: {
    cum: [0.4, 0.86, 0.95],
    codes: seq(1, 4),
    load: 1.2,
    girl: [0, 0.3, 0.3],
    ses: 0.3,
    dontKnow: { code: 9, p: 0.1 },
  },
  ensam: {
    cum: [0.35, 0.65, 0.88, 0.97],
    codes: seq(1, 5),
    load: 1.2,
    girl: [0.3, 0.6, 0.6],
    grade: [0, 0, 0.1],
    recentArrival: 0.4,
  },
  utanfor: {
    cum: [0.7, 0.94],
    codes: seq(1, 3),
    load: 1.0,
    girl: [0.2, 0.2, 0.1],
    grade: [0.2, 0, -0.3],
    recentArrival: 0.5,
  },
  larare_lyssnar: { cum: [0.15, 0.52, 0.82, 0.95], codes: seq(1, 5), load: 0.6, grade: [-0.9, 0, -0.3], school: 0.25 },
};

const logit = (p: number) => Math.log(p / (1 - p));

export interface CompiledModel {
  readonly key: string;
  readonly cuts: Float64Array;
  readonly codes: Uint8Array;
  readonly model: ItemModel;
}

/** The answer models of a wave's items (their versions asked that wave). */
export function compileWaveModels(w: WaveDefinition): CompiledModel[] {
  return w.items.map(({ key, version }) => {
    const spec = MODELS[key];
    if (!spec) throw new RangeError(`no answer model for item ${key}`);
    const model = typeof spec === 'function' ? spec(version) : spec;
    return { key, cuts: Float64Array.from(model.cum, logit), codes: Uint8Array.from(model.codes), model };
  });
}

/** What the answer models need to know of one respondent. */
export interface Respondent {
  readonly r: number;
  /** Wave index and grade index (0 grade 5, 1 grade 8, 2 gy2). */
  readonly wi: number;
  readonly gi: number;
  readonly girl: boolean;
  readonly recent: boolean;
  readonly municipality: string;
  readonly school: number;
  /** Family ladder in standard-deviation units. */
  readonly zFam: number;
  readonly wellbeing: number;
}

/**
 * One respondent's answers to the wave's items, drawn in item order (the draws' order is part of
 * the seed's promise: the same seed gives the same data).
 */
export function answerItems(
  p: Respondent,
  compiled: readonly CompiledModel[],
  alcohol: CompiledModel | undefined,
  itemCodes: ReadonlyMap<string, Uint8Array>,
  schoolEffect: ReadonlyMap<string, Float64Array>,
  rr: SeededRandom,
): void {
  const { r, wi, gi, girl, recent, zFam, wellbeing } = p;
  const missP = gi === 0 ? 0.025 : 0.015;
  let drinks = -1;
  for (const c of compiled) {
    const codes = itemCodes.get(c.key)!;
    const mdl = c.model;
    if (rr.chance(missP)) continue;
    if (mdl.dontKnow && rr.chance(mdl.dontKnow.p)) {
      codes[r] = mdl.dontKnow.code;
      continue;
    }
    let mu = -mdl.load * wellbeing;
    if (mdl.girl && girl) mu += mdl.girl[gi]!;
    if (mdl.grade) mu += mdl.grade[gi]!;
    if (mdl.ses) mu -= mdl.ses * zFam;
    if (mdl.muni) mu += mdl.muni[p.municipality] ?? 0;
    if (mdl.wave) mu += mdl.wave[wi] ?? 0;
    if (mdl.recentArrival && recent) mu += mdl.recentArrival;
    const se = schoolEffect.get(c.key);
    if (se) mu += se[p.school]!;
    if (c.key === 'intensivkonsumtion' && alcohol) {
      if (drinks <= 0) {
        // Never drinks (or did not answer): answers "never" to heavy drinking, as the
        // questionnaire's skip logic does; unanswered stays unanswered.
        if (drinks === 0) codes[r] = 1;
        continue;
      }
      mu += drinks === 2 ? -0.6 : drinks === 3 ? 0.9 : 1.9;
    }
    const s = mu + rr.logistic();
    let cat = 0;
    while (cat < c.cuts.length && s > c.cuts[cat]!) cat++;
    const code = c.codes[cat]!;
    codes[r] = code;
    if (c === alcohol) drinks = code === 1 ? 0 : code;
  }
}
