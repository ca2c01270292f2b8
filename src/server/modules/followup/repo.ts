// Database access for the follow-up module: instrument metadata, respondent microdata (bulk in,
// columns out), population counts, indicator definitions and import records. Respondent rows are
// read only to build the in-memory cube; nothing here returns them to a caller outside the server.

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
  type ValidationSummary,
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

const GENDER_CODES = ['girl', 'boy', 'other'] as const;

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

/** Inserts or replaces indicator definitions (validated by the caller against the instrument). */
export async function upsertIndicators(
  q: Queryable,
  instrumentId: string,
  defs: readonly IndicatorDefinition[],
  opts: { isDefault?: boolean } = {},
): Promise<number> {
  if (defs.length === 0) return 0;
  const definition = (d: IndicatorDefinition) =>
    JSON.stringify({
      items: d.items,
      atLeast: d.atLeast,
      positive: d.positive,
      positiveByVersion: d.positiveByVersion,
      dontKnow: d.dontKnow,
      universe: d.universe,
      grades: d.grades,
    });
  await q.query(
    `INSERT INTO followup_indicator (instrument_id, key, label_sv, label_en, wheel_indicator, polarity, definition, kolada_kpis, is_default, is_goal, sort_order)
     SELECT $1, t.key, t.label_sv, t.label_en, t.wheel, t.polarity, t.definition::jsonb, t.kolada::jsonb, $2, t.goal, t.ord
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::smallint[])
            AS t(key, label_sv, label_en, wheel, polarity, definition, kolada, goal, ord)
     ON CONFLICT (instrument_id, key) DO UPDATE SET
       label_sv = excluded.label_sv, label_en = excluded.label_en, wheel_indicator = excluded.wheel_indicator,
       polarity = excluded.polarity, definition = excluded.definition, kolada_kpis = excluded.kolada_kpis,
       is_goal = excluded.is_goal, version = followup_indicator.version + 1, updated_at = now()`,
    [
      instrumentId,
      opts.isDefault ?? false,
      defs.map((d) => d.key),
      defs.map((d) => d.labelSv),
      defs.map((d) => d.labelEn),
      defs.map((d) => d.wheel),
      defs.map((d) => d.polarity),
      defs.map(definition),
      defs.map((d) => JSON.stringify(d.koladaKpis)),
      defs.map((d) => d.goal),
      defs.map((_, i) => i),
    ],
  );
  return defs.length;
}

/** Instrument, items, item versions, waves and wave items (insert-only; used by the demo seed). */
export async function insertInstrument(
  q: Queryable,
  instrument: InstrumentDefinition,
  waves: readonly WaveDefinition[],
): Promise<StoredWave[]> {
  await q.query('INSERT INTO survey_instrument (id, name, description) VALUES ($1, $2, $3)', [
    instrument.id,
    instrument.name,
    instrument.description,
  ]);
  const items = instrument.items;
  await q.query(
    `INSERT INTO survey_item (instrument_id, key, topic, label_sv, label_en, sort_order)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[])`,
    [
      instrument.id,
      items.map((i) => i.key),
      items.map((i) => i.topic),
      items.map((i) => i.labelSv),
      items.map((i) => i.labelEn),
      items.map((_, i) => i),
    ],
  );
  const versions = items.flatMap((i) => i.versions.map((v) => ({ key: i.key, ...v })));
  await q.query(
    `INSERT INTO survey_item_version (instrument_id, item_key, version, question_sv, question_en, options, breaks_series, change_note)
     SELECT $1, t.k, t.v, t.qs, t.qe, t.o::jsonb, t.b, t.n FROM unnest($2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[]) AS t(k, v, qs, qe, o, b, n)`,
    [
      instrument.id,
      versions.map((v) => v.key),
      versions.map((v) => v.version),
      versions.map((v) => v.questionSv),
      versions.map((v) => v.questionEn),
      versions.map((v) => JSON.stringify(v.options)),
      versions.map((v) => v.breaksSeries),
      versions.map((v) => v.changeNote ?? null),
    ],
  );
  const stored = waves.map((w) => ({ ...w, id: waveId(instrument.id, w.year) }));
  await q.query(
    `INSERT INTO survey_wave (id, instrument_id, year, label, grades, instrument_version)
     SELECT t.id, $1, t.y, t.l, string_to_array(t.g, ','), t.v FROM unnest($2::uuid[], $3::smallint[], $4::text[], $5::text[], $6::text[]) AS t(id, y, l, g, v)`,
    [
      instrument.id,
      stored.map((w) => w.id),
      stored.map((w) => w.year),
      stored.map((w) => w.label),
      stored.map((w) => w.grades.join(',')),
      stored.map((w) => w.instrumentVersion),
    ],
  );
  const wi = stored.flatMap((w) =>
    w.items.map((it, i) => ({ wave: w.id, key: it.key, version: it.version, position: i + 1 })),
  );
  await q.query(
    `INSERT INTO survey_wave_item (wave_id, instrument_id, item_key, item_version, position)
     SELECT t.w, $1, t.k, t.v, t.p FROM unnest($2::uuid[], $3::text[], $4::smallint[], $5::smallint[]) AS t(w, k, v, p)`,
    [instrument.id, wi.map((x) => x.wave), wi.map((x) => x.key), wi.map((x) => x.version), wi.map((x) => x.position)],
  );
  return stored;
}

export async function insertSchools(q: Queryable, schools: readonly SurveySchool[]): Promise<void> {
  if (schools.length === 0) return;
  await q.query(
    `INSERT INTO survey_school (code, name, municipality_code, school_form, unit_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[]) ON CONFLICT (code) DO NOTHING`,
    [
      schools.map((s) => s.code),
      schools.map((s) => s.name),
      schools.map((s) => s.municipalityCode),
      schools.map((s) => s.schoolForm),
      schools.map((s) => s.unitId),
    ],
  );
}

export async function insertPopulation(
  q: Queryable,
  instrumentId: string,
  rows: readonly PopulationCount[],
  importId: string | null = null,
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await q.query(
    `INSERT INTO survey_population (wave_id, school_code, municipality_code, grade, pupils, import_id)
     SELECT w.id, t.s, t.m, t.g, t.p, $7::uuid FROM unnest($2::smallint[], $3::text[], $4::text[], $5::text[], $6::integer[]) AS t(y, s, m, g, p)
       JOIN survey_wave w ON w.instrument_id = $1 AND w.year = t.y
     ON CONFLICT (wave_id, school_code, municipality_code, grade) DO UPDATE SET pupils = excluded.pupils, import_id = excluded.import_id`,
    [
      instrumentId,
      rows.map((p) => p.year),
      rows.map((p) => p.school),
      rows.map((p) => p.municipality),
      rows.map((p) => p.grade),
      rows.map((p) => p.pupils),
      importId,
    ],
  );
  return r.rowCount;
}

/**
 * Bulk insert of respondent rows (one statement per wave and chunk, unnest over column arrays;
 * answers travel as one flat array sliced per row). `rows` are indexes into `data`.
 */
export async function insertRespondents(
  q: Queryable,
  stored: StoredInstrument,
  data: SurveyData,
  idAt: (i: number) => string,
  importId: string | null,
  opts: { chunkSize?: number; onChunk?: (done: number) => void } = {},
): Promise<number> {
  const chunk = opts.chunkSize ?? 20_000;
  const byWave: number[][] = stored.waves.map(() => []);
  for (let i = 0; i < data.length; i++) byWave[data.wave[i]!]!.push(i);
  let done = 0;
  for (let wi = 0; wi < stored.waves.length; wi++) {
    const w = stored.waves[wi]!;
    const cols = w.items.map((it) => data.items.get(it.key)!.codes);
    const k = cols.length;
    const rows = byWave[wi]!;
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk);
      const answers = new Array<number>(part.length * k);
      part.forEach((r, p) => {
        for (let j = 0; j < k; j++) {
          const v = cols[j]![r]!;
          answers[p * k + j] = v === MISSING ? -1 : v;
        }
      });
      const text = (f: (r: number) => string | null) => part.map(f);
      await q.query(
        `INSERT INTO survey_respondent (wave_id, source_id, import_id, municipality_code, school_code, grade, gender,
                                        family_ladder, school_ladder, born_in_sweden, years_in_sweden, answers)
         SELECT $1::uuid, t.id, $2::uuid, t.m, t.s, t.g, t.gd, t.fl, t.sl, t.b, t.y,
                array_replace(($12::smallint[])[(t.ord - 1) * $13 + 1 : t.ord * $13], (-1)::smallint, NULL)
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::smallint[], $9::smallint[], $10::boolean[], $11::smallint[])
                WITH ORDINALITY AS t(id, m, s, g, gd, fl, sl, b, y, ord)`,
        [
          w.id,
          importId,
          text((r) => idAt(r)),
          text((r) => data.municipalities[data.municipality[r]!]!),
          text((r) => (data.school[r] === MISSING_SCHOOL ? null : data.schools[data.school[r]!]!)),
          text((r) => data.grades[data.grade[r]!]!),
          text((r) => (data.gender[r] === MISSING ? null : GENDER_CODES[data.gender[r]!]!)),
          part.map((r) => (data.familyLadder[r] === MISSING ? null : data.familyLadder[r]!)),
          part.map((r) => (data.schoolLadder[r] === MISSING ? null : data.schoolLadder[r]!)),
          part.map((r) => (data.bornInSweden[r] === MISSING ? null : data.bornInSweden[r] === 1)),
          part.map((r) => (data.yearsInSweden[r] === MISSING ? null : data.yearsInSweden[r]!)),
          answers,
          k,
        ],
      );
      done += part.length;
      opts.onChunk?.(done);
    }
  }
  return done;
}

/** Respondent ids (of the given wave) that are already stored. */
export async function existingRespondentIds(
  q: Queryable,
  waveIdValue: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 50_000) {
    const r = await q.query<{ source_id: string }>(
      'SELECT source_id FROM survey_respondent WHERE wave_id = $1 AND source_id = ANY($2::text[])',
      [waveIdValue, ids.slice(i, i + 50_000)],
    );
    for (const row of r.rows) found.add(row.source_id);
  }
  return found;
}

export interface ImportRecord {
  readonly id: string;
  readonly instrumentId: string;
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly sha256: string;
  readonly status: 'completed' | 'rejected' | 'withdrawn';
  readonly rowsTotal: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly summary: ValidationSummary;
  readonly importedBy: string | null;
  readonly createdAt: string;
}

type ImportRow = {
  id: string;
  instrument_id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  content_sha256: string;
  status: ImportRecord['status'];
  rows_total: number;
  rows_imported: number;
  rows_rejected: number;
  summary: ValidationSummary;
  imported_by: string | null;
  created_at: Date | string;
};

const toRecord = (r: ImportRow): ImportRecord => ({
  id: r.id,
  instrumentId: r.instrument_id,
  fileName: r.file_name,
  format: r.format,
  sha256: r.content_sha256,
  status: r.status,
  rowsTotal: Number(r.rows_total),
  rowsImported: Number(r.rows_imported),
  rowsRejected: Number(r.rows_rejected),
  summary: r.summary,
  importedBy: r.imported_by,
  createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
});

const IMPORT_COLUMNS =
  'id, instrument_id, file_name, format, content_sha256, status, rows_total, rows_imported, rows_rejected, summary, imported_by, created_at';

export async function findCompletedImport(
  q: Queryable,
  instrumentId: string,
  sha256: string,
): Promise<ImportRecord | null> {
  const r = await q.query<ImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM survey_import WHERE instrument_id = $1 AND kind = 'respondents' AND content_sha256 = $2 AND status = 'completed'`,
    [instrumentId, sha256],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

export async function listImports(q: Queryable, instrumentId: string): Promise<ImportRecord[]> {
  const r = await q.query<ImportRow>(
    `SELECT ${IMPORT_COLUMNS} FROM survey_import WHERE instrument_id = $1 ORDER BY created_at DESC, id`,
    [instrumentId],
  );
  return r.rows.map(toRecord);
}

/**
 * Stores an import record; for 'completed' it returns null instead when the same file was
 * completed concurrently (the partial unique index decides).
 */
export async function insertImportRecord(
  q: Queryable,
  rec: {
    id: string;
    instrumentId: string;
    fileName: string;
    format: 'csv' | 'xlsx';
    sha256: string;
    mapping: unknown;
    status: 'completed' | 'rejected';
    summary: ValidationSummary;
    rowsImported: number;
    importedBy: string | null;
    durationMs: number;
  },
): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO survey_import (id, instrument_id, kind, file_name, format, content_sha256, mapping, status, rows_total, rows_imported, rows_rejected, summary, imported_by, duration_ms)
     VALUES ($1, $2, 'respondents', $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11::jsonb, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      rec.id,
      rec.instrumentId,
      rec.fileName,
      rec.format,
      rec.sha256,
      JSON.stringify(rec.mapping),
      rec.status,
      rec.summary.rowsTotal,
      rec.rowsImported,
      rec.summary.rowsTotal - rec.rowsImported,
      JSON.stringify(rec.summary),
      rec.importedBy,
      Math.round(rec.durationMs),
    ],
  );
  return r.rows[0]?.id ?? null;
}

/** Withdraws a completed import: its respondents are deleted, the record stays (status 'withdrawn'). */
export async function withdrawImport(q: Queryable, importId: string): Promise<number> {
  const d = await q.query('DELETE FROM survey_respondent WHERE import_id = $1', [importId]);
  await q.query(`UPDATE survey_import SET status = 'withdrawn' WHERE id = $1 AND status = 'completed'`, [importId]);
  return d.rowCount;
}
