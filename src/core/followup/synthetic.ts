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
import { answerItems, compileWaveModels, MODELS, type Respondent } from './synthetic-models.js';
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

/** A planned (school, home municipality, grade) of one wave with its pupils and respondents. */
interface PlannedRow {
  school: number;
  municipality: string;
  grade: string;
  pupils: number;
  respondents: number;
}

/** The generated columns, one entry per respondent. */
interface Columns {
  readonly wave: Uint8Array;
  readonly grade: Uint8Array;
  readonly municipality: Uint8Array;
  readonly school: Uint16Array;
  readonly gender: Uint8Array;
  readonly familyLadder: Uint8Array;
  readonly schoolLadder: Uint8Array;
  readonly bornInSweden: Uint8Array;
  readonly yearsInSweden: Uint8Array;
  readonly ids: Uint32Array;
  readonly itemCodes: Map<string, Uint8Array>;
}

const GRADES = ['5', '8', 'gy2'];

/** Generates respondents and population counts for every wave. */
export function generateSurvey(frame: SurveyFrame, options: GenerateOptions = {}): GeneratedSurvey {
  const instrument = options.instrument ?? DEMO_INSTRUMENT;
  const waves = options.waves ?? DEMO_WAVES;
  const seed = options.seed ?? 'demo';
  const _rng = new SeededRandom(`survey/${seed}`);
  const municipalities = frame.municipalities.map((m) => m.code);
  const expectedPerWave = frame.municipalities.reduce((a, m) => a + m.cohort, 0) * (0.885 + 0.83 + 0.75);
  const scale = options.respondentsPerWave ? options.respondentsPerWave / expectedPerWave : 1;

  const { plan, population, total } = planWaves(frame, waves, scale, seed);
  const cols = newColumns(total, instrument);
  const schoolEffect = schoolEffects(frame, seed);
  let r = 0;
  waves.forEach((w, wi) => {
    r = fillWave(cols, r, frame, w, wi, plan[wi]!, schoolEffect, seed);
  });

  const data = createSurveyData(instrument, waves, {
    length: total,
    grades: GRADES,
    municipalities,
    schools: frame.schools.map((s) => s.code),
    wave: cols.wave,
    grade: cols.grade,
    municipality: cols.municipality,
    school: cols.school,
    gender: cols.gender,
    familyLadder: cols.familyLadder,
    schoolLadder: cols.schoolLadder,
    bornInSweden: cols.bornInSweden,
    yearsInSweden: cols.yearsInSweden,
    items: cols.itemCodes,
  });
  return { data, ids: cols.ids, population };
}

/** Per wave: allocation, response rate per school and grade, respondent counts. */
function planWaves(
  frame: SurveyFrame,
  waves: readonly WaveDefinition[],
  scale: number,
  seed: string,
): { plan: PlannedRow[][]; population: PopulationCount[]; total: number } {
  const plan: PlannedRow[][] = [];
  const population: PopulationCount[] = [];
  let total = 0;
  for (const w of waves) {
    const waveRng = new SeededRandom(`survey/${seed}/wave/${w.year}`);
    const rate = new Map<string, number>();
    const rows: PlannedRow[] = allocate(frame, scale, waveRng).map((a) => {
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
  return { plan, population, total };
}

function newColumns(total: number, instrument: InstrumentDefinition): Columns {
  return {
    wave: new Uint8Array(total),
    grade: new Uint8Array(total),
    municipality: new Uint8Array(total),
    school: new Uint16Array(total).fill(MISSING_SCHOOL),
    gender: new Uint8Array(total),
    familyLadder: new Uint8Array(total),
    schoolLadder: new Uint8Array(total),
    bornInSweden: new Uint8Array(total),
    yearsInSweden: new Uint8Array(total).fill(MISSING),
    ids: new Uint32Array(total),
    itemCodes: new Map(instrument.items.map((i) => [i.key, new Uint8Array(total).fill(MISSING)])),
  };
}

/** School random effects (a school's climate), per item. */
function schoolEffects(frame: SurveyFrame, seed: string): Map<string, Float64Array> {
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
  return schoolEffect;
}

/** The respondents of wave wi from row r on; returns the next free row. */
function fillWave(
  cols: Columns,
  r: number,
  frame: SurveyFrame,
  w: WaveDefinition,
  wi: number,
  plan: readonly PlannedRow[],
  schoolEffect: ReadonlyMap<string, Float64Array>,
  seed: string,
): number {
  const muniIndex = new Map(frame.municipalities.map((m, i) => [m.code, i]));
  const muniDef = new Map(frame.municipalities.map((m) => [m.code, m]));
  const compiled = compileWaveModels(w);
  const alcohol = compiled.find((c) => c.key === 'alkohol');
  const rr = new SeededRandom(`survey/${seed}/respondents/${w.year}`);
  let next = 1;
  for (const row of plan) {
    const m = muniDef.get(row.municipality)!;
    const gi = GRADE_INDEX[row.grade]!;
    for (let k = 0; k < row.respondents; k++, r++) {
      cols.wave[r] = wi;
      cols.grade[r] = GRADES.indexOf(row.grade);
      cols.municipality[r] = muniIndex.get(row.municipality)!;
      cols.school[r] = row.school;
      cols.ids[r] = next++;
      const p = background(cols, r, m, gi, wi, row, rr);
      answerItems(p, compiled, alcohol, cols.itemCodes, schoolEffect, rr);
    }
  }
  return r;
}

/** Gender, ladders and migration background of respondent r, and the latent wellbeing. */
function background(
  cols: Columns,
  r: number,
  m: FrameMunicipality,
  gi: number,
  wi: number,
  row: PlannedRow,
  rr: SeededRandom,
): Respondent {
  const u = rr.next();
  const g = u < 0.487 ? 0 : u < 0.974 ? 1 : u < 0.988 ? 2 : MISSING;
  cols.gender[r] = g;
  const girl = g === 0;
  const ses = m.ses + rr.normal();
  const fam = clamp(Math.round(7 + 1.5 * ses + 0.5 * rr.normal()), 1, 10);
  cols.familyLadder[r] = rr.chance(gi === 0 ? 0.05 : 0.03) ? MISSING : fam;
  const schLatent = 0.35 * ses + (gi === 0 ? 0.3 : 0) + rr.normal();
  const sch = clamp(Math.round(6.3 + 1.8 * schLatent), 1, 10);
  cols.schoolLadder[r] = rr.chance(0.03) ? MISSING : sch;
  const abroad = rr.chance(m.bornAbroad + (wi === 0 ? 0.02 : 0));
  cols.bornInSweden[r] = rr.chance(0.02) ? MISSING : abroad ? 0 : 1;
  let recent = false;
  if (abroad) {
    const age = AGE[gi]!;
    const years = wi === 0 && rr.chance(0.4) ? rr.int(2, 3) : rr.int(0, age);
    recent = years < 5;
    if (cols.bornInSweden[r] === 0 && !rr.chance(0.08)) cols.yearsInSweden[r] = years;
  }
  // Latent wellbeing (higher = better).
  const zFam = (fam - 7) / 1.6;
  const zSch = (sch - 6.3) / 1.8;
  const girlEffect = girl ? [0.1, 0.45, 0.4][gi]! + [0, 0.1, 0.15][wi]! : 0;
  const wellbeing =
    0.3 * zFam + 0.35 * zSch - girlEffect + [0.35, 0, 0.05][gi]! + (recent ? -0.15 : 0) + 0.9 * rr.normal();
  return { r, wi, gi, girl, recent, municipality: row.municipality, school: row.school, zFam, wellbeing };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
