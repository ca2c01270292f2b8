// Reading the survey: instrument metadata, schools, respondent microdata (as columns), population
// counts and indicator definitions (bulk writes: repo-writes.ts; import records: repo-imports.ts).
// Respondent rows are read only to build the in-memory cube; nothing here returns them to a caller
// outside the server.

import { stableUuid } from '../../../core/stable-uuid.js';
import type { Queryable } from '../../db/client.js';
import {
  MISSING,
  MISSING_SCHOOL,
  createSurveyData,
  indicatorDefinitionSchema,
  type CodebookOption,
  type ImportContext,
  type IndicatorDefinition,
  type InstrumentDefinition,
  type ItemDefinition,
  type PopulationCount,
  type SurveyData,
  type WaveDefinition,
} from '../../../core/followup/index.js';

export interface StoredWave extends WaveDefinition {
  readonly id: string;
}

export interface StoredInstrument {
  readonly instrument: InstrumentDefinition;
  /** Ordered by year. */
  readonly waves: readonly StoredWave[];
}

export interface SurveySchool {
  readonly code: string;
  readonly name: string;
  readonly municipalityCode: string;
  readonly schoolForm: 'compulsory' | 'upper_secondary';
  readonly unitId: string | null;
}

/**
 * Deterministic wave id (instruments are keyed by text; a wave by its year). The key keeps the
 * prefix the first waves were stored with, so the ids of stored waves do not change.
 */
export const waveId = (instrumentId: string, year: number): string =>
  stableUuid(`barnkompass-demo:survey-wave:${instrumentId}:${year}`);

export const GENDER_CODES = ['girl', 'boy', 'other'] as const;

export async function loadInstrument(q: Queryable, instrumentId: string): Promise<StoredInstrument | null> {
  const ins = await q.query<{ id: string; name: string; description: string }>(
    'SELECT id, name, description FROM survey_instrument WHERE id = $1',
    [instrumentId],
  );
  const head = ins.rows[0];
  if (!head) return null;
  const items = await q.query<{ key: string; topic: string; label_sv: string; label_en: string }>(
    'SELECT key, topic, label_sv, label_en FROM survey_item WHERE instrument_id = $1 ORDER BY sort_order, key',
    [instrumentId],
  );
  const versions = await q.query<{
    item_key: string;
    version: number;
    question_sv: string;
    question_en: string;
    options: CodebookOption[];
    breaks_series: boolean;
    change_note: string | null;
  }>(
    'SELECT item_key, version, question_sv, question_en, options, breaks_series, change_note FROM survey_item_version WHERE instrument_id = $1 ORDER BY item_key, version',
    [instrumentId],
  );
  const waves = await q.query<{
    id: string;
    year: number;
    label: string;
    grades: string[];
    instrument_version: string;
  }>('SELECT id, year, label, grades, instrument_version FROM survey_wave WHERE instrument_id = $1 ORDER BY year', [
    instrumentId,
  ]);
  const waveItems = await q.query<{ wave_id: string; item_key: string; item_version: number; position: number }>(
    `SELECT wi.wave_id, wi.item_key, wi.item_version, wi.position FROM survey_wave_item wi
      WHERE wi.instrument_id = $1 ORDER BY wi.wave_id, wi.position`,
    [instrumentId],
  );
  const instrument: InstrumentDefinition = {
    id: head.id,
    name: head.name,
    description: head.description,
    items: items.rows.map(
      (i): ItemDefinition => ({
        key: i.key,
        topic: i.topic,
        labelSv: i.label_sv,
        labelEn: i.label_en,
        versions: versions.rows
          .filter((v) => v.item_key === i.key)
          .map((v) => ({
            version: Number(v.version),
            questionSv: v.question_sv,
            questionEn: v.question_en,
            options: v.options,
            breaksSeries: v.breaks_series,
            ...(v.change_note ? { changeNote: v.change_note } : {}),
          })),
      }),
    ),
  };
  return {
    instrument,
    waves: waves.rows.map((w) => ({
      id: w.id,
      year: Number(w.year),
      label: w.label,
      grades: w.grades,
      instrumentVersion: w.instrument_version,
      items: waveItems.rows
        .filter((x) => x.wave_id === w.id)
        .map((x) => ({ key: x.item_key, version: Number(x.item_version) })),
    })),
  };
}

export async function loadSchools(q: Queryable): Promise<SurveySchool[]> {
  const r = await q.query<{
    code: string;
    name: string;
    municipality_code: string;
    school_form: SurveySchool['schoolForm'];
    unit_id: string | null;
  }>('SELECT code, name, municipality_code, school_form, unit_id FROM survey_school ORDER BY code');
  return r.rows.map((s) => ({
    code: s.code,
    name: s.name,
    municipalityCode: s.municipality_code,
    schoolForm: s.school_form,
    unitId: s.unit_id,
  }));
}

/** Municipality codes the survey can contain: the county's municipalities, plus any school's. */
export async function loadMunicipalityCodes(q: Queryable): Promise<string[]> {
  const r = await q.query<{ code: string }>(
    `SELECT municipality_code AS code FROM organisation WHERE kind = 'municipality' AND municipality_code IS NOT NULL
     UNION SELECT municipality_code FROM survey_school ORDER BY 1`,
  );
  return r.rows.map((x) => x.code);
}

export async function loadImportContext(
  q: Queryable,
  instrumentId: string,
): Promise<(ImportContext & { readonly waveIds: readonly string[] }) | null> {
  const stored = await loadInstrument(q, instrumentId);
  if (!stored) return null;
  const schools = await loadSchools(q);
  const municipalities = await loadMunicipalityCodes(q);
  return {
    instrument: stored.instrument,
    waves: stored.waves,
    waveIds: stored.waves.map((w) => w.id),
    municipalities,
    schools: schools.map((s) => s.code),
  };
}

/**
 * All respondents of an instrument as columns (server memory only). Rows come per wave in
 * primary-key order; callers cluster them for the cube (clusterByCell).
 */
export async function loadSurveyData(
  q: Queryable,
  instrumentId: string,
  pageSize = 50_000,
): Promise<SurveyData | null> {
  const stored = await loadInstrument(q, instrumentId);
  if (!stored) return null;
  const schools = await loadSchools(q);
  const municipalities = await loadMunicipalityCodes(q);
  const grades = [...new Set(stored.waves.flatMap((w) => w.grades))];
  const count = await q.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM survey_respondent r JOIN survey_wave w ON w.id = r.wave_id WHERE w.instrument_id = $1',
    [instrumentId],
  );
  const N = Number(count.rows[0]!.n);
  const wave = new Uint8Array(N);
  const grade = new Uint8Array(N);
  const municipality = new Uint8Array(N);
  const school = new Uint16Array(N);
  const gender = new Uint8Array(N);
  const familyLadder = new Uint8Array(N);
  const schoolLadder = new Uint8Array(N);
  const bornInSweden = new Uint8Array(N);
  const yearsInSweden = new Uint8Array(N);
  const items = new Map<string, Uint8Array>(
    stored.instrument.items.map((i) => [i.key, new Uint8Array(N).fill(MISSING)]),
  );
  const gradeIndex = new Map(grades.map((g, i) => [g, i]));
  const muniIndex = new Map(municipalities.map((m, i) => [m, i]));
  const schoolIndex = new Map(schools.map((s, i) => [s.code, i]));
  let r = 0;
  for (let wi = 0; wi < stored.waves.length; wi++) {
    const w = stored.waves[wi]!;
    const cols = w.items.map((it) => items.get(it.key)!);
    let after = '';
    for (;;) {
      const page = await q.query<{
        source_id: string;
        municipality_code: string;
        school_code: string | null;
        grade: string;
        gender: string | null;
        family_ladder: number | null;
        school_ladder: number | null;
        born_in_sweden: boolean | null;
        years_in_sweden: number | null;
        answers: string;
      }>(
        `SELECT source_id, municipality_code, school_code, grade, gender, family_ladder, school_ladder, born_in_sweden, years_in_sweden,
                array_to_string(answers, ',', '') AS answers
           FROM survey_respondent WHERE wave_id = $1 AND source_id > $2 ORDER BY source_id LIMIT $3`,
        [w.id, after, pageSize],
      );
      for (const row of page.rows) {
        if (r >= N) break; // rows added since the count are picked up by the next load
        wave[r] = wi;
        grade[r] = gradeIndex.get(row.grade) ?? MISSING;
        municipality[r] = muniIndex.get(row.municipality_code) ?? MISSING;
        school[r] = row.school_code === null ? MISSING_SCHOOL : (schoolIndex.get(row.school_code) ?? MISSING_SCHOOL);
        gender[r] = row.gender === null ? MISSING : GENDER_CODES.indexOf(row.gender as (typeof GENDER_CODES)[number]);
        familyLadder[r] = row.family_ladder ?? MISSING;
        schoolLadder[r] = row.school_ladder ?? MISSING;
        bornInSweden[r] = row.born_in_sweden === null ? MISSING : row.born_in_sweden ? 1 : 0;
        yearsInSweden[r] = row.years_in_sweden ?? MISSING;
        const answers = row.answers.split(',');
        for (let j = 0; j < cols.length; j++) {
          const a = answers[j];
          cols[j]![r] = a === undefined || a === '' ? MISSING : Number(a);
        }
        r++;
      }
      if (page.rows.length < pageSize) break;
      after = page.rows[page.rows.length - 1]!.source_id;
    }
  }
  const n = r;
  const cut = <T extends Uint8Array | Uint16Array>(a: T) => a.subarray(0, n) as T;
  return createSurveyData(stored.instrument, stored.waves, {
    length: n,
    grades,
    municipalities,
    schools: schools.map((s) => s.code),
    wave: cut(wave),
    grade: cut(grade),
    municipality: cut(municipality),
    school: cut(school),
    gender: cut(gender),
    familyLadder: cut(familyLadder),
    schoolLadder: cut(schoolLadder),
    bornInSweden: cut(bornInSweden),
    yearsInSweden: cut(yearsInSweden),
    items: new Map([...items].map(([k, v]) => [k, cut(v)])),
  });
}

export async function loadPopulation(q: Queryable, instrumentId: string): Promise<PopulationCount[]> {
  const r = await q.query<{
    year: number;
    school_code: string;
    municipality_code: string;
    grade: string;
    pupils: number;
  }>(
    `SELECT w.year, p.school_code, p.municipality_code, p.grade, p.pupils
       FROM survey_population p JOIN survey_wave w ON w.id = p.wave_id WHERE w.instrument_id = $1
      ORDER BY w.year, p.school_code, p.municipality_code, p.grade`,
    [instrumentId],
  );
  return r.rows.map((p) => ({
    year: Number(p.year),
    school: p.school_code,
    municipality: p.municipality_code,
    grade: p.grade,
    pupils: Number(p.pupils),
  }));
}

export interface StoredIndicator {
  readonly definition: IndicatorDefinition;
  readonly isDefault: boolean;
  readonly enabled: boolean;
  readonly version: number;
}

export async function loadIndicators(
  q: Queryable,
  instrumentId: string,
  opts: { enabledOnly?: boolean } = {},
): Promise<StoredIndicator[]> {
  const r = await q.query<{
    key: string;
    label_sv: string;
    label_en: string;
    wheel_indicator: string;
    polarity: string;
    definition: Record<string, unknown>;
    kolada_kpis: Record<string, string>;
    is_default: boolean;
    is_goal: boolean;
    enabled: boolean;
    version: number;
  }>(
    `SELECT key, label_sv, label_en, wheel_indicator, polarity, definition, kolada_kpis, is_default, is_goal, enabled, version
       FROM followup_indicator WHERE instrument_id = $1 ${opts.enabledOnly ? 'AND enabled' : ''} ORDER BY sort_order, key`,
    [instrumentId],
  );
  return r.rows.map((row) => ({
    definition: indicatorDefinitionSchema.parse({
      ...row.definition,
      key: row.key,
      labelSv: row.label_sv,
      labelEn: row.label_en,
      wheel: row.wheel_indicator,
      polarity: row.polarity,
      koladaKpis: row.kolada_kpis,
      goal: row.is_goal,
    }),
    isDefault: row.is_default,
    enabled: row.enabled,
    version: Number(row.version),
  }));
}
