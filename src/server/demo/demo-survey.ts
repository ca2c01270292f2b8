/**
 * The synthetic demo survey for the demo county (Kronoberg): three waves (2018, 2021, 2024),
 * grades 5, 8 and upper-secondary year 2, about 7,000 fictional respondents a wave, population
 * counts that give response rates like the county survey's, and the default indicator set.
 * Schools are the demo seed's school units (compulsory and upper-secondary), with fictional
 * school codes.
 *
 * Deterministic (seeded PRNG, ids from stable keys) and idempotent: nothing is written when the
 * demo instrument is already there. One owner transaction, one multi-row statement per table
 * (respondents in chunks of 20,000).
 */
import type { Db, Queryable } from '../db/client.js';
import { MUNICIPALITIES } from './data.js';
import { hashSeed } from '../../core/followup/random.js';
import {
  DEFAULT_INDICATORS,
  DEMO_INSTRUMENT,
  DEMO_WAVES,
  KRONOBERG_MUNICIPALITIES,
  generateSurvey,
  type FrameSchool,
  type SurveyFrame,
} from '../../core/followup/index.js';
import type { SurveySchool } from '../modules/followup/repo.js';
import {
  insertInstrument,
  insertPopulation,
  insertRespondents,
  insertSchools,
  upsertIndicators,
} from '../modules/followup/repo-writes.js';

export const DEMO_SURVEY_SEED = 'kronoberg-demo';

export interface DemoSurveySummary {
  readonly alreadySeeded: boolean;
  readonly respondents: number;
  readonly populationRows: number;
  readonly schools: number;
  readonly indicators: number;
  readonly durationMs: number;
}

/** A fictional 8-digit school code, stable per unit (real codes are Skolverket's skolenhetskod). */
function fictionalSchoolCode(key: string, taken: Set<string>): string {
  let n = 90_000_000 + (hashSeed(`school-code:${key}`) % 9_999_999);
  while (taken.has(String(n))) n++;
  taken.add(String(n));
  return String(n);
}

/** Grades a demo school teaches among 5, 8 and gy2 (from the demo seed's definitions). */
function gradesOf(kind: string, municipalityCode: string, name: string): { grades: string[]; weight: number } {
  if (kind === 'upper_secondary_school') return { grades: ['gy2'], weight: 1 };
  const def = MUNICIPALITIES.find((m) => m.code === municipalityCode)?.schools.find((s) => s.name === name);
  const span = def?.grades ?? 'F-9';
  return { grades: span === 'F-6' ? ['5'] : span === '7-9' ? ['8'] : ['5', '8'], weight: def?.weight ?? 1 };
}

/** The survey frame from a list of school units. */
export function frameFromUnits(
  units: readonly { id: string | null; name: string; kind: string; municipality_code: string }[],
): { frame: SurveyFrame; schools: SurveySchool[] } {
  const taken = new Set<string>();
  const schools: FrameSchool[] = [];
  const stored: SurveySchool[] = [];
  for (const u of [...units].sort(
    (a, b) => a.municipality_code.localeCompare(b.municipality_code) || a.name.localeCompare(b.name),
  )) {
    const code = fictionalSchoolCode(u.id ?? `${u.municipality_code}:${u.name}`, taken);
    const { grades, weight } = gradesOf(u.kind, u.municipality_code, u.name);
    const form = u.kind === 'upper_secondary_school' ? 'upper_secondary' : 'compulsory';
    schools.push({ code, name: u.name, municipality: u.municipality_code, form, grades, weight });
    stored.push({ code, name: u.name, municipalityCode: u.municipality_code, schoolForm: form, unitId: u.id });
  }
  return { frame: { municipalities: KRONOBERG_MUNICIPALITIES, schools }, schools: stored };
}

/** The frame without a database: the demo seed's school definitions (for tests). */
export function demoFrameFromDefinitions(): { frame: SurveyFrame; schools: SurveySchool[] } {
  const units = MUNICIPALITIES.flatMap((m) => [
    ...m.schools.map((s) => ({ id: null, name: s.name, kind: 'compulsory_school', municipality_code: m.code })),
    ...(m.upperSecondary
      ? [{ id: null, name: m.upperSecondary, kind: 'upper_secondary_school', municipality_code: m.code }]
      : []),
  ]);
  return frameFromUnits(units);
}

async function frameFromDb(q: Queryable): Promise<{ frame: SurveyFrame; schools: SurveySchool[] }> {
  const r = await q.query<{ id: string; name: string; kind: string; municipality_code: string }>(
    `SELECT id, name, kind, municipality_code FROM unit
      WHERE kind IN ('compulsory_school', 'upper_secondary_school') AND municipality_code IS NOT NULL ORDER BY id`,
  );
  // Without the demo seed's units, fall back to its definitions (no unit links).
  return r.rows.length > 0 ? frameFromUnits(r.rows) : demoFrameFromDefinitions();
}

/** Generates the demo survey (pure; the same respondents every time). */
export function generateDemoSurvey(frame: SurveyFrame) {
  return generateSurvey(frame, { seed: DEMO_SURVEY_SEED, instrument: DEMO_INSTRUMENT, waves: DEMO_WAVES });
}

export async function seedDemoSurvey(
  db: Db,
  opts: { onProgress?: (done: number, total: number, label: string) => void } = {},
): Promise<DemoSurveySummary> {
  const started = performance.now();
  const result = await db.ownerTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7262005)');
    const exists = await tx.query('SELECT 1 FROM survey_instrument WHERE id = $1', [DEMO_INSTRUMENT.id]);
    if (exists.rows.length > 0) return null;
    const { frame, schools } = await frameFromDb(tx);
    const survey = generateDemoSurvey(frame);
    const total = 5;
    const waves = await insertInstrument(tx, DEMO_INSTRUMENT, DEMO_WAVES);
    opts.onProgress?.(1, total, 'instrument');
    await insertSchools(tx, schools);
    opts.onProgress?.(2, total, 'schools');
    const populationRows = await insertPopulation(tx, DEMO_INSTRUMENT.id, survey.population);
    opts.onProgress?.(3, total, 'population');
    const years = survey.data.waves.map((w) => w.year);
    const respondents = await insertRespondents(
      tx,
      { instrument: DEMO_INSTRUMENT, waves },
      survey.data,
      (i) => `${years[survey.data.wave[i]!]}-${String(survey.ids[i]!).padStart(5, '0')}`,
      null,
    );
    opts.onProgress?.(4, total, 'respondents');
    const indicators = await upsertIndicators(tx, DEMO_INSTRUMENT.id, DEFAULT_INDICATORS, { isDefault: true });
    opts.onProgress?.(5, total, 'indicators');
    return { respondents, populationRows, schools: schools.length, indicators };
  });
  const durationMs = Math.round(performance.now() - started);
  if (!result) return { alreadySeeded: true, respondents: 0, populationRows: 0, schools: 0, indicators: 0, durationMs };
  return { alreadySeeded: false, ...result, durationMs };
}
