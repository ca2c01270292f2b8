// The follow-up module against a real database (PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set): the demo survey seed, loading microdata back into columns, the
// published cube from the database, and idempotent re-import of the same file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, testDbKinds, type TestDb } from '../helpers/db.js';
import {
  DEMO_INSTRUMENT,
  DEMO_INSTRUMENT_ID,
  STANDARD_COLUMNS,
  generateSurvey,
  syntheticCsvChunks,
  type SurveyFrame,
} from '../../src/core/followup/index.js';
import { seedDemoSurvey } from '../../src/server/demo/demo-survey.js';
import { importSurveyFile } from '../../src/server/modules/followup/import/survey.js';
import { loadIndicators, loadSchools, loadSurveyData } from '../../src/server/modules/followup/repo.js';
import { listImports, withdrawImport } from '../../src/server/modules/followup/repo-imports.js';
import { FollowupService } from '../../src/server/modules/followup/cube/service.js';

const mapping = {
  columns: {
    ...Object.fromEntries(Object.entries(STANDARD_COLUMNS).map(([field, column]) => [column, field])),
    ...Object.fromEntries(DEMO_INSTRUMENT.items.map((i) => [i.key, `item:${i.key}`])),
  },
};

/** A small file of new respondents at the seeded schools, with ids that do not clash with the demo's. */
async function smallFile(db: TestDb['db'], seed: string, firstId: number): Promise<Uint8Array> {
  const schools = await loadSchools(db);
  const frame: SurveyFrame = {
    municipalities: [{ code: '0780', name: 'Växjö', cohort: 30, ses: 0, bornAbroad: 0.1, upperSecondaryIn: '0780' }],
    schools: schools
      .filter((s) => s.municipalityCode === '0780')
      .map((s) => ({
        code: s.code,
        name: s.name,
        municipality: '0780',
        form: s.schoolForm,
        grades: s.schoolForm === 'upper_secondary' ? ['gy2'] : ['5', '8'],
        weight: 1,
      })),
  };
  const survey = generateSurvey(frame, { seed });
  // Ids from firstId (the demo's ids are year + running number below 10000).
  const ids = survey.ids.map((v) => firstId + v);
  const text = [...syntheticCsvChunks({ ...survey, ids })].join('');
  return new TextEncoder().encode(text);
}

describe.each(testDbKinds())('follow-up survey (%s)', (kind) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await openTestDb(kind);
    await t.db.useAppRole();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('seeds the demo survey once: three waves of about 7,000 respondents, population, indicators', async () => {
    const first = await seedDemoSurvey(t.db);
    expect(first.alreadySeeded).toBe(false);
    expect(first.indicators).toBe(20);
    expect(first.schools).toBeGreaterThanOrEqual(14);
    const perWave = await t.db.query<{ year: number; n: string; pupils: string }>(
      `SELECT w.year, (SELECT count(*) FROM survey_respondent r WHERE r.wave_id = w.id)::text AS n,
              (SELECT sum(pupils) FROM survey_population p WHERE p.wave_id = w.id)::text AS pupils
         FROM survey_wave w WHERE w.instrument_id = $1 ORDER BY w.year`,
      [DEMO_INSTRUMENT_ID],
    );
    expect(perWave.rows.map((r) => Number(r.year))).toEqual([2018, 2021, 2024]);
    for (const r of perWave.rows) {
      expect(Number(r.n)).toBeGreaterThan(6000);
      expect(Number(r.n)).toBeLessThan(8000);
      const rate = Number(r.n) / Number(r.pupils);
      expect(rate).toBeGreaterThan(0.75);
      expect(rate).toBeLessThan(0.9);
    }
    expect(perWave.rows.reduce((a, r) => a + Number(r.n), 0)).toBe(first.respondents);
    // Schools are the demo seed's units.
    const linked = await t.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM survey_school s JOIN unit u ON u.id = s.unit_id`,
    );
    expect(Number(linked.rows[0]!.n)).toBe(first.schools);

    const again = await seedDemoSurvey(t.db);
    expect(again.alreadySeeded).toBe(true);
    const count = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM survey_respondent');
    expect(Number(count.rows[0]!.n)).toBe(first.respondents);
  });

  it('loads the microdata back into columns and publishes the cube from the database', async () => {
    const data = await t.db.transaction((tx) => loadSurveyData(tx, DEMO_INSTRUMENT_ID));
    expect(data).not.toBeNull();
    const count = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM survey_respondent');
    expect(data!.length).toBe(Number(count.rows[0]!.n));
    expect(data!.items.get('ensam')!.versionByWave).toEqual([null, 1, 1]);
    expect(data!.items.get('stress_skolarbete')!.seriesBreakByWave).toEqual([false, false, true]);

    const indicators = await loadIndicators(t.db, DEMO_INSTRUMENT_ID);
    expect(indicators.map((i) => i.definition.key)).toContain('binge_among_drinkers');

    const service = new FollowupService(t.db);
    const snap = await service.snapshot();
    expect(snap!.respondents).toBe(data!.length);
    const grade8 = await service.publishedTable({
      indicator: 'physical_activity',
      breakdown: 'municipality',
      year: 2021,
      parent: { grade: '8' },
    });
    expect(grade8!.cells.map((c) => c.group).sort()).toEqual([
      '0760',
      '0761',
      '0763',
      '0764',
      '0765',
      '0767',
      '0780',
      '0781',
    ]);
    for (const c of grade8!.cells) {
      if (c.status === 'ok') {
        expect(c.ciLow!).toBeLessThanOrEqual(c.share!);
        expect(c.ciHigh!).toBeGreaterThanOrEqual(c.share!);
      }
      expect(c.responseRate?.pupils).toBeGreaterThan(0);
    }
    const stress = await service.publishedTable({ indicator: 'school_stress', breakdown: 'grade', year: 2024 });
    expect(stress!.seriesBreak).toBe(true);
    expect(stress!.cells.every((c) => c.vsPreviousWave === null)).toBe(true);
    const rates = await service.responseRates();
    const county = rates.filter((r) => r.municipality === null && r.school === null && r.grade !== null);
    expect(county).toHaveLength(9);
    for (const r of county) {
      const [lo, hi] = r.grade === '5' ? [0.87, 0.9] : r.grade === '8' ? [0.79, 0.87] : [0.66, 0.84];
      expect(r.rate!).toBeGreaterThanOrEqual(lo - 0.01);
      expect(r.rate!).toBeLessThanOrEqual(hi + 0.01);
    }
  });

  it('imports a file once: the same file again is a no-op, a withdrawn import can come back', async () => {
    const bytes = await smallFile(t.db, 'integration-a', 900000);
    const before = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM survey_respondent');
    const progress: string[] = [];
    const first = await importSurveyFile(t.db, {
      instrumentId: DEMO_INSTRUMENT_ID,
      fileName: 'enkat.csv',
      format: 'csv',
      source: bytes,
      totalBytes: bytes.length,
      mapping,
      onProgress: (p) => progress.push(p.phase),
    });
    expect(first.summary.errors).toEqual({});
    expect(first.status).toBe('imported');
    expect(first.rowsImported).toBe(first.summary.rowsValid);
    expect(first.rowsImported).toBeGreaterThan(50);
    expect(progress).toContain('reading');
    expect(progress).toContain('storing');
    const mid = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM survey_respondent');
    expect(Number(mid.rows[0]!.n)).toBe(Number(before.rows[0]!.n) + first.rowsImported);

    const second = await importSurveyFile(t.db, {
      instrumentId: DEMO_INSTRUMENT_ID,
      fileName: 'enkat (kopia).csv',
      format: 'csv',
      source: bytes,
      mapping,
    });
    expect(second.status).toBe('already_imported');
    expect(second.importId).toBe(first.importId);
    expect(second.sha256).toBe(first.sha256);
    const after = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM survey_respondent');
    expect(after.rows[0]!.n).toBe(mid.rows[0]!.n);
    const imports = await listImports(t.db, DEMO_INSTRUMENT_ID);
    expect(imports.filter((i) => i.status === 'completed')).toHaveLength(1);

    // The same respondents in a different file (a changed byte) are duplicates of stored rows.
    const edited = new Uint8Array([...bytes, 0x0a]);
    const dup = await importSurveyFile(t.db, {
      instrumentId: DEMO_INSTRUMENT_ID,
      fileName: 'enkat2.csv',
      format: 'csv',
      source: edited,
      mapping,
    });
    expect(dup.status).toBe('rejected');
    expect(dup.summary.errors.duplicate_respondent).toBe(first.rowsImported);
    expect(dup.summary.examples[0]!.message).toMatch(/imported earlier/);

    // Withdrawing deletes the rows; the same file can then be imported again.
    const removed = await t.db.transaction((tx) => withdrawImport(tx, first.importId!));
    expect(removed).toBe(first.rowsImported);
    const third = await importSurveyFile(t.db, {
      instrumentId: DEMO_INSTRUMENT_ID,
      fileName: 'enkat.csv',
      format: 'csv',
      source: bytes,
      mapping,
    });
    expect(third.status).toBe('imported');
    expect(third.importId).not.toBe(first.importId);
  });

  it('a file with errors is rejected as a whole by default, or imported without the bad rows', async () => {
    const bytes = await smallFile(t.db, 'integration-b', 800000);
    const lines = new TextDecoder().decode(bytes).split('\n');
    const cols = lines[0]!.split(',');
    const trygg = cols.indexOf('trygg_skolan');
    const bad = lines.map((l, i) => {
      if (i !== 3) return l;
      const f = l.split(',');
      f[trygg] = '7';
      return f.join(',');
    });
    const file = new TextEncoder().encode(bad.join('\n'));
    const rejected = await importSurveyFile(t.db, {
      instrumentId: DEMO_INSTRUMENT_ID,
      fileName: 'b.csv',
      format: 'csv',
      source: file,
      mapping,
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.summary.errors).toEqual({ unknown_code: 1 });
    expect(rejected.summary.examples[0]).toMatchObject({
      line: 4,
      column: 'trygg_skolan',
      field: 'item:trygg_skolan',
      type: 'unknown_code',
    });
    const validated = await importSurveyFile(t.db, {
      instrumentId: DEMO_INSTRUMENT_ID,
      fileName: 'b.csv',
      format: 'csv',
      source: file,
      mapping,
      mode: 'validate',
    });
    expect(validated.status).toBe('validated');
    const skipped = await importSurveyFile(t.db, {
      instrumentId: DEMO_INSTRUMENT_ID,
      fileName: 'b.csv',
      format: 'csv',
      source: file,
      mapping,
      onInvalidRows: 'skip_rows',
    });
    expect(skipped.status).toBe('imported');
    expect(skipped.rowsImported).toBe(rejected.summary.rowsTotal - 1);
  });
});
