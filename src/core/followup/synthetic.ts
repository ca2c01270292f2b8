// Synthetic school-survey microdata for the demo county and the benchmark: deterministic (seeded
// PRNG), with plausible structure taken from the county survey reports:
// - response rates per grade like the seed (grade 5 87–90 %, grade 8 79–87 %, gy2 66–84 %),
//   drawn per school and wave, so population counts and respondents agree;
// - a latent wellbeing score that is lower with a lower family / school ladder, for girls from
//   grade 8, and for girls in later waves; psychosomatic complaints, school stress and loneliness
//   are higher for girls; alcohol is rare in grade 5 and common in gy2, heavy episodic drinking
//   is more common with a lower family ladder and varies between municipalities (seed: grade 8,
//   2021, among drinkers, Växjö 33 % … Tingsryd 66 %); physical activity varies between
//   municipalities (Lessebo 41 % … Uppvidinge 62 %); school satisfaction and stress vary by school.
// Every respondent is fictional. Nothing here is real survey data.

import { DEMO_INSTRUMENT, DEMO_WAVES } from './instrument.js';
import { SeededRandom } from './random.js';
import { createSurveyData } from './survey-data.js';
import {
  MISSING,
  MISSING_SCHOOL,
  type InstrumentDefinition,
  type PopulationCount,
  type SurveyData,
  type WaveDefinition,
} from './types.js';

export interface FrameMunicipality {
  readonly code: string;
  readonly name: string;
  /** Pupils per grade (one birth cohort) living in the municipality. */
  readonly cohort: number;
  /** Socio-economic shift of the family ladder (standard-deviation units). */
  readonly ses: number;
  /** Share born abroad. */
  readonly bornAbroad: number;
  /** Where upper-secondary pupils go when the municipality has no upper-secondary school. */
  readonly upperSecondaryIn: string;
}

export interface FrameSchool {
  readonly code: string;
  readonly name: string;
  readonly municipality: string;
  readonly form: 'compulsory' | 'upper_secondary';
  /** Surveyed grades taught here. */
  readonly grades: readonly string[];
  readonly weight: number;
}

export interface SurveyFrame {
  readonly municipalities: readonly FrameMunicipality[];
  readonly schools: readonly FrameSchool[];
}

export interface GenerateOptions {
  readonly seed?: string;
  readonly instrument?: InstrumentDefinition;
  readonly waves?: readonly WaveDefinition[];
  /** Scale cohorts so that a wave has about this many respondents (default: the frame's cohorts). */
  readonly respondentsPerWave?: number;
}

export interface GeneratedSurvey {
  readonly data: SurveyData;
  /** Survey respondent number per respondent (unique within a wave). */
  readonly ids: Uint32Array;
  readonly population: PopulationCount[];
}

/** The demo county's municipalities (population shares of Kronoberg, rounded). */
export const KRONOBERG_MUNICIPALITIES: readonly FrameMunicipality[] = [
  { code: '0780', name: 'Växjö', cohort: 1370, ses: 0.25, bornAbroad: 0.15, upperSecondaryIn: '0780' },
  { code: '0781', name: 'Ljungby', cohort: 405, ses: 0.0, bornAbroad: 0.11, upperSecondaryIn: '0781' },
  { code: '0764', name: 'Alvesta', cohort: 290, ses: -0.15, bornAbroad: 0.14, upperSecondaryIn: '0764' },
  { code: '0765', name: 'Älmhult', cohort: 260, ses: 0.2, bornAbroad: 0.13, upperSecondaryIn: '0765' },
  { code: '0763', name: 'Tingsryd', cohort: 175, ses: -0.1, bornAbroad: 0.09, upperSecondaryIn: '0780' },
  { code: '0767', name: 'Markaryd', cohort: 145, ses: -0.3, bornAbroad: 0.2, upperSecondaryIn: '0781' },
  { code: '0760', name: 'Uppvidinge', cohort: 135, ses: -0.2, bornAbroad: 0.12, upperSecondaryIn: '0780' },
  { code: '0761', name: 'Lessebo', cohort: 125, ses: -0.45, bornAbroad: 0.18, upperSecondaryIn: '0780' },
];

const GRADE_INDEX: Record<string, 0 | 1 | 2> = { '5': 0, '8': 1, gy2: 2 };
const AGE = [11, 14, 17];
const RESPONSE_RATE: Record<string, [number, number]> = { '5': [0.87, 0.9], '8': [0.79, 0.87], gy2: [0.66, 0.84] };

/** One item's answer model: a "problem score" (higher = worse) cut into ordered categories. */
interface ItemModel {
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

const MODELS: Readonly<Record<string, ItemModel | ((version: number) => ItemModel)>> = {
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

interface CompiledModel {
  readonly key: string;
  readonly cuts: Float64Array;
  readonly codes: Uint8Array;
  readonly model: ItemModel;
}

/** Pupils per (school, home municipality, grade) for one wave. */
function allocate(
  frame: SurveyFrame,
  scale: number,
  rng: SeededRandom,
): { school: number; municipality: string; grade: string; pupils: number }[] {
  const rows: { school: number; municipality: string; grade: string; pupils: number }[] = [];
  for (const m of frame.municipalities) {
    for (const grade of ['5', '8', 'gy2']) {
      const pupils = Math.round(m.cohort * scale * (0.95 + 0.1 * rng.next()));
      const targets: { school: number; share: number }[] = [];
      const spread = (muni: string, share: number) => {
        const here = frame.schools
          .map((s, i) => ({ s, i }))
          .filter(({ s }) => s.municipality === muni && s.grades.includes(grade));
        const total = here.reduce((a, { s }) => a + s.weight, 0);
        for (const { s, i } of here) targets.push({ school: i, share: (share * s.weight) / total });
        return here.length > 0;
      };
      if (grade !== 'gy2') {
        if (!spread(m.code, 1)) continue;
      } else {
        const own = frame.schools.some((s) => s.municipality === m.code && s.grades.includes('gy2'));
        const hub = m.upperSecondaryIn !== m.code ? m.upperSecondaryIn : '0780';
        if (own && hub !== m.code) {
          spread(m.code, 0.75);
          if (!spread(hub, 0.25)) spread(m.code, 0.25 / 0.75);
        } else if (own) spread(m.code, 1);
        else if (!spread(hub, 1)) continue;
      }
      for (const t of targets) {
        const p = Math.round(pupils * t.share);
        if (p > 0) rows.push({ school: t.school, municipality: m.code, grade, pupils: p });
      }
    }
  }
  return rows;
}

/** Generates respondents and population counts for every wave. */
export function generateSurvey(frame: SurveyFrame, options: GenerateOptions = {}): GeneratedSurvey {
  const instrument = options.instrument ?? DEMO_INSTRUMENT;
  const waves = options.waves ?? DEMO_WAVES;
  const seed = options.seed ?? 'demo';
  const _rng = new SeededRandom(`survey/${seed}`);
  const municipalities = frame.municipalities.map((m) => m.code);
  const muniIndex = new Map(municipalities.map((c, i) => [c, i]));
  const muniDef = new Map(frame.municipalities.map((m) => [m.code, m]));
  const grades = ['5', '8', 'gy2'];
  const expectedPerWave = frame.municipalities.reduce((a, m) => a + m.cohort, 0) * (0.885 + 0.83 + 0.75);
  const scale = options.respondentsPerWave ? options.respondentsPerWave / expectedPerWave : 1;

  // Per wave: allocation, response rate per school and grade, respondent counts.
  type Row = { school: number; municipality: string; grade: string; pupils: number; respondents: number };
  const plan: Row[][] = [];
  const population: PopulationCount[] = [];
  let total = 0;
  for (const w of waves) {
    const waveRng = new SeededRandom(`survey/${seed}/wave/${w.year}`);
    const rate = new Map<string, number>();
    const rows: Row[] = allocate(frame, scale, waveRng).map((a) => {
      const key = `${a.school}/${a.grade}`;
      let r = rate.get(key);
      if (r === undefined) {
        const [lo, hi] = RESPONSE_RATE[a.grade]!;
        r = lo + (hi - lo) * waveRng.next();
        rate.set(key, r);
      }
      const respondents = Math.min(a.pupils, Math.max(0, Math.round(a.pupils * r + (waveRng.next() - 0.5) * 2)));
      return { ...a, respondents };
    });
    plan.push(rows.filter((r) => w.grades.includes(r.grade)));
    for (const r of rows) {
      if (!w.grades.includes(r.grade)) continue;
      population.push({
        year: w.year,
        school: frame.schools[r.school]!.code,
        municipality: r.municipality,
        grade: r.grade,
        pupils: r.pupils,
      });
      total += r.respondents;
    }
  }

  const wave = new Uint8Array(total);
  const grade = new Uint8Array(total);
  const municipality = new Uint8Array(total);
  const school = new Uint16Array(total).fill(MISSING_SCHOOL);
  const gender = new Uint8Array(total);
  const familyLadder = new Uint8Array(total);
  const schoolLadder = new Uint8Array(total);
  const bornInSweden = new Uint8Array(total);
  const yearsInSweden = new Uint8Array(total).fill(MISSING);
  const ids = new Uint32Array(total);
  const itemCodes = new Map(instrument.items.map((i) => [i.key, new Uint8Array(total).fill(MISSING)]));

  // School random effects (a school's climate), per item.
  const schoolEffect = new Map<string, Float64Array>();
  for (const [key, m] of Object.entries(MODELS)) {
    const sd = typeof m === 'function' ? m(1).school : m.school;
    if (!sd) continue;
    const r = new SeededRandom(`survey/${seed}/school/${key}`);
    schoolEffect.set(
      key,
      Float64Array.from(frame.schools, () => sd * r.normal()),
    );
  }

  let r = 0;
  waves.forEach((w, wi) => {
    const compiled: CompiledModel[] = w.items.map(({ key, version }) => {
      const spec = MODELS[key];
      if (!spec) throw new RangeError(`no answer model for item ${key}`);
      const model = typeof spec === 'function' ? spec(version) : spec;
      return { key, cuts: Float64Array.from(model.cum, logit), codes: Uint8Array.from(model.codes), model };
    });
    const alcohol = compiled.find((c) => c.key === 'alkohol');
    const rr = new SeededRandom(`survey/${seed}/respondents/${w.year}`);
    let next = 1;
    for (const row of plan[wi]!) {
      const m = muniDef.get(row.municipality)!;
      const gi = GRADE_INDEX[row.grade]!;
      for (let k = 0; k < row.respondents; k++, r++) {
        wave[r] = wi;
        grade[r] = grades.indexOf(row.grade);
        municipality[r] = muniIndex.get(row.municipality)!;
        school[r] = row.school;
        ids[r] = next++;
        const u = rr.next();
        const g = u < 0.487 ? 0 : u < 0.974 ? 1 : u < 0.988 ? 2 : MISSING;
        gender[r] = g;
        const girl = g === 0;
        const ses = m.ses + rr.normal();
        const fam = clamp(Math.round(7 + 1.5 * ses + 0.5 * rr.normal()), 1, 10);
        familyLadder[r] = rr.chance(gi === 0 ? 0.05 : 0.03) ? MISSING : fam;
        const schLatent = 0.35 * ses + (gi === 0 ? 0.3 : 0) + rr.normal();
        const sch = clamp(Math.round(6.3 + 1.8 * schLatent), 1, 10);
        schoolLadder[r] = rr.chance(0.03) ? MISSING : sch;
        const abroad = rr.chance(m.bornAbroad + (wi === 0 ? 0.02 : 0));
        bornInSweden[r] = rr.chance(0.02) ? MISSING : abroad ? 0 : 1;
        let recent = false;
        if (abroad) {
          const age = AGE[gi]!;
          const years = wi === 0 && rr.chance(0.4) ? rr.int(2, 3) : rr.int(0, age);
          recent = years < 5;
          if (bornInSweden[r] === 0 && !rr.chance(0.08)) yearsInSweden[r] = years;
        }
        // Latent wellbeing (higher = better).
        const zFam = (fam - 7) / 1.6;
        const zSch = (sch - 6.3) / 1.8;
        const girlEffect = girl ? [0.1, 0.45, 0.4][gi]! + [0, 0.1, 0.15][wi]! : 0;
        const wellbeing =
          0.3 * zFam + 0.35 * zSch - girlEffect + [0.35, 0, 0.05][gi]! + (recent ? -0.15 : 0) + 0.9 * rr.normal();
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
          if (mdl.muni) mu += mdl.muni[row.municipality] ?? 0;
          if (mdl.wave) mu += mdl.wave[wi] ?? 0;
          if (mdl.recentArrival && recent) mu += mdl.recentArrival;
          const se = schoolEffect.get(c.key);
          if (se) mu += se[row.school]!;
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
    }
  });

  const data = createSurveyData(instrument, waves, {
    length: total,
    grades,
    municipalities,
    schools: frame.schools.map((s) => s.code),
    wave,
    grade,
    municipality,
    school,
    gender,
    familyLadder,
    schoolLadder,
    bornInSweden,
    yearsInSweden,
    items: itemCodes,
  });
  return { data, ids, population };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

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
