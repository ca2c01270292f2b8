// Bulk writes of survey data: instruments, schools, population counts, respondents (one statement
// per chunk, unnest over column arrays) and indicator definitions. Each statement bumps the
// follow-up generation by trigger (migration 0016).

import type { Queryable } from '../../db/client.js';
import {
  MISSING,
  MISSING_SCHOOL,
  type IndicatorDefinition,
  type InstrumentDefinition,
  type PopulationCount,
  type SurveyData,
  type WaveDefinition,
} from '../../../core/followup/index.js';
import { GENDER_CODES, type StoredInstrument, type StoredWave, type SurveySchool, waveId } from './repo.js';

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
