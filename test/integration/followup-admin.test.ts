import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_INSTRUMENT_ID } from '../../src/core/followup/index.js';
import { inspectPdf } from '../../src/server/pdf/inspect.js';
import { swedishToday } from '../../src/server/clock.js';
import { seedDemoSurvey } from '../../src/server/demo/demo-survey.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';
import { personByUsername } from '../helpers/fixtures.js';
import { startKoladaStub, type KoladaStub } from '../kolada/stub.js';
import { ROUTE_TABLE } from './authz-truth-table.js';

const INSTRUMENT = DEMO_INSTRUMENT_ID;
const PNR_UNKNOWN = '201501092397'; // valid Luhn, not a demo child
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe.each(testDbKinds())('follow-up, analyst side (%s)', (kind) => {
  let t: TestApp;
  let stub: KoladaStub;
  let analyst: string;
  let manager: string;
  let professional: string;
  let admin: string;
  let reporter: string;
  let school: { code: string; municipality: string };

  async function call(
    cookie: string | null,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await t.app.inject({
      method,
      url,
      payload: payload as object | undefined,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    return res;
  }

  async function upload(bytes: Buffer, fileName = 'enkat.csv', chunk = 64): Promise<string> {
    const start = await call(analyst, 'POST', '/api/followup-admin/uploads', { fileName, sizeBytes: bytes.length });
    expect(start.statusCode, start.body).toBe(201);
    const { uploadId } = start.json();
    for (let off = 0; off < bytes.length; off += chunk) {
      const r = await call(analyst, 'POST', `/api/followup-admin/uploads/${uploadId}/chunks`, {
        offset: off,
        data: bytes.subarray(off, off + chunk).toString('base64'),
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    return uploadId;
  }

  async function runJob(jobId: string): Promise<{ status: string; result: any; error: any; fractions: number[] }> {
    const fractions: number[] = [];
    for (let i = 0; i < 600; i++) {
      const r = await call(analyst, 'GET', `/api/followup-admin/jobs/${jobId}`);
      expect(r.statusCode).toBe(200);
      const j = r.json();
      fractions.push(j.fraction);
      if (j.status !== 'running') return { ...j, fractions };
      await sleep(20);
    }
    throw new Error('job did not finish');
  }

  const count = async (sql: string) =>
    Number((await t.tdb.db.query<{ n: string }>(`SELECT (${sql})::text AS n`)).rows[0]!.n);

  beforeAll(async () => {
    stub = await startKoladaStub();
    t = await createTestApp(kind, { KOLADA_BASE_URL: stub.baseUrl });
    await seedDemoSurvey(t.tdb.db);
    const as = async (username: string, role?: string) => {
      const p = await personByUsername(t.tdb.db, username);
      return t.login(username, (p.assignments.find((a) => !role || a.role === role) ?? p.assignments[0]!).id);
    };
    analyst = await as('lars.berg', 'analyst');
    manager = await as('tomas.engstrom', 'manager');
    professional = await as('anna.lindqvist');
    admin = await as('admin.kronoberg');
    reporter = await t.login('johan.falk');
    const s = await t.tdb.db.query<{ code: string; municipality_code: string }>(
      `SELECT code, municipality_code FROM survey_school WHERE municipality_code = '0780' AND school_form = 'compulsory' ORDER BY code LIMIT 1`,
    );
    school = { code: s.rows[0]!.code, municipality: s.rows[0]!.municipality_code };
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  /** 30 valid rows with the file's own column names, plus three with problems. */
  function surveyCsv(prefix: string): Buffer {
    const lines = ['Löpnummer;År;Kommun;Skola;Åk;Kön;Familjestege;trygg_skolan;mobbad'];
    for (let i = 1; i <= 30; i++)
      lines.push(
        `${prefix}-${i};2024;${school.municipality};${school.code};8;${i % 2 ? 'flicka' : 'pojke'};${(i % 10) + 1};${(i % 3) + 1};${(i % 2) + 1}`,
      );
    lines.push(`${prefix}-31;2024;${school.municipality};${school.code};8;flicka;5;77;1`); // unknown code
    lines.push(`${prefix}-32;2024;${school.municipality};${school.code};8;pojke;11;1;1`); // ladder out of range
    lines.push(`${prefix}-1;2024;${school.municipality};${school.code};8;pojke;4;1;1`); // duplicate respondent
    return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  }

  const MAPPING = {
    columns: {
      Löpnummer: 'respondent_id',
      År: 'year',
      Kommun: 'municipality',
      Skola: 'school',
      Åk: 'grade',
      Kön: 'gender',
      Familjestege: 'family_ladder',
      trygg_skolan: 'item:trygg_skolan',
      mobbad: 'item:mobbad',
    },
  };

  it('upload → columns and a proposed mapping → validate → import with per-row report; re-import is a no-op; the file is deleted', async () => {
    const bytes = surveyCsv('T');
    const uploadId = await upload(bytes);
    const cols = await call(
      analyst,
      'GET',
      `/api/followup-admin/uploads/${uploadId}/columns?instrumentId=${INSTRUMENT}`,
    );
    expect(cols.statusCode, cols.body).toBe(200);
    const c = cols.json();
    expect(c.format).toBe('csv');
    expect(c.columns).toEqual([
      'Löpnummer',
      'År',
      'Kommun',
      'Skola',
      'Åk',
      'Kön',
      'Familjestege',
      'trygg_skolan',
      'mobbad',
    ]);
    // Standard names and item keys are recognised; the file's own names need the analyst's mapping.
    expect(c.proposedMapping.columns).toEqual({
      Kommun: 'municipality',
      trygg_skolan: 'item:trygg_skolan',
      mobbad: 'item:mobbad',
    });
    expect(c.targets.find((x: { value: string }) => x.value === 'respondent_id').required).toBe(true);
    expect(JSON.stringify(c)).not.toContain(school.code); // no values leave the server

    const before = await count('SELECT count(*) FROM survey_respondent');
    const validate = await call(analyst, 'POST', '/api/followup-admin/survey-imports', {
      uploadId,
      instrumentId: INSTRUMENT,
      mapping: MAPPING,
      mode: 'validate',
    });
    expect(validate.statusCode, validate.body).toBe(202);
    const v = await runJob(validate.json().jobId);
    expect(v.status).toBe('succeeded');
    expect(v.result.status).toBe('validated');
    expect(v.result.summary).toMatchObject({ rowsTotal: 33, rowsValid: 30, rowsRejected: 3 });
    expect(v.result.summary.errors).toMatchObject({ unknown_code: 1, out_of_range: 1, duplicate_respondent: 1 });
    const lines = v.result.summary.examples.map((e: { line: number; type: string }) => `${e.line}:${e.type}`).sort();
    expect(lines).toEqual(['32:unknown_code', '33:out_of_range', '34:duplicate_respondent']);
    expect(v.fractions.at(-1)).toBe(1);

    // Default: any error rejects the file; nothing imported.
    const reject = await runJob(
      (
        await call(analyst, 'POST', '/api/followup-admin/survey-imports', {
          uploadId,
          instrumentId: INSTRUMENT,
          mapping: MAPPING,
        })
      ).json().jobId,
    );
    expect(reject.result.status).toBe('rejected');
    expect(await count('SELECT count(*) FROM survey_respondent')).toBe(before);

    const imp = await runJob(
      (
        await call(analyst, 'POST', '/api/followup-admin/survey-imports', {
          uploadId,
          instrumentId: INSTRUMENT,
          mapping: MAPPING,
          onInvalidRows: 'skip_rows',
        })
      ).json().jobId,
    );
    expect(imp.status).toBe('succeeded');
    expect(imp.result).toMatchObject({ status: 'imported', rowsImported: 30 });
    expect(await count('SELECT count(*) FROM survey_respondent')).toBe(before + 30);
    const audit = await t.tdb.db.query<{ details: { kind: string; status: string } }>(
      `SELECT details FROM audit_event WHERE action = 'followup.import' AND resource_id = $1`,
      [imp.result.importId],
    );
    expect(audit.rows.map((r) => r.details.status)).toEqual(['imported']);
    // The uploaded file is gone after the import, from the registry and from the disk.
    expect((await call(analyst, 'GET', `/api/followup-admin/uploads/${uploadId}/columns`)).statusCode).toBe(404);
    const root = path.join(t.config.dataDir, 'followup-uploads');
    const onDisk = existsSync(root) ? readdirSync(root).flatMap((d) => readdirSync(path.join(root, d))) : [];
    expect(onDisk).not.toContain(`${uploadId}.upload`);

    // The same bytes again: already imported, nothing written.
    const again = await upload(bytes);
    const second = await runJob(
      (
        await call(analyst, 'POST', '/api/followup-admin/survey-imports', {
          uploadId: again,
          instrumentId: INSTRUMENT,
          mapping: MAPPING,
          onInvalidRows: 'skip_rows',
        })
      ).json().jobId,
    );
    expect(second.result).toMatchObject({ status: 'already_imported', importId: imp.result.importId, rowsImported: 0 });
    expect(await count('SELECT count(*) FROM survey_respondent')).toBe(before + 30);

    const list = await call(analyst, 'GET', `/api/followup-admin/survey-imports?instrumentId=${INSTRUMENT}`);
    expect(
      list
        .json()
        .imports.filter((i: { kind: string }) => i.kind === 'respondents')
        .map((i: { status: string }) => i.status),
    ).toEqual(expect.arrayContaining(['completed', 'rejected']));
  });

  it('XLSX: the same mapping step and validation', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Svar');
    ws.addRow(['Löpnummer', 'År', 'Kommun', 'Skola', 'Åk', 'Kön', 'trygg_skolan']);
    for (let i = 1; i <= 12; i++)
      ws.addRow([
        `X-${i}`,
        2024,
        school.municipality,
        school.code,
        8,
        i % 2 ? 'flicka' : 'pojke',
        i === 12 ? 99 : (i % 3) + 1,
      ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const uploadId = await upload(bytes, 'enkat.xlsx', 4096);
    const cols = (await call(analyst, 'GET', `/api/followup-admin/uploads/${uploadId}/columns`)).json();
    expect(cols.format).toBe('xlsx');
    expect(cols.columns).toEqual(['Löpnummer', 'År', 'Kommun', 'Skola', 'Åk', 'Kön', 'trygg_skolan']);
    const { mobbad: _m, Familjestege: _f, ...columns } = MAPPING.columns;
    const job = await runJob(
      (
        await call(analyst, 'POST', '/api/followup-admin/survey-imports', {
          uploadId,
          instrumentId: INSTRUMENT,
          mapping: { columns },
          mode: 'validate',
        })
      ).json().jobId,
    );
    expect(job.result.summary).toMatchObject({
      rowsTotal: 12,
      rowsValid: 11,
      rowsRejected: 1,
      errors: { unknown_code: 1 },
    });
    expect(job.result.summary.examples[0]).toMatchObject({ line: 13, column: 'trygg_skolan', type: 'unknown_code' });
    expect((await call(analyst, 'POST', `/api/followup-admin/uploads/${uploadId}/discard`)).statusCode).toBe(204);
  });

  it('a bad file or mapping → 400 with a clear message, nothing written', async () => {
    const imports = await count('SELECT count(*) FROM survey_import');
    const binary = await upload(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
      'bild.png',
    );
    const cols = await call(analyst, 'GET', `/api/followup-admin/uploads/${binary}/columns`);
    expect(cols.statusCode).toBe(400);
    expect(cols.json().message).toMatch(/neither CSV text nor an XLSX workbook/);
    const r = await call(analyst, 'POST', '/api/followup-admin/survey-imports', {
      uploadId: binary,
      instrumentId: INSTRUMENT,
      mapping: MAPPING,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().details.reason).toBe('invalid_file');

    const fake = await upload(Buffer.from('PK\u0003\u0004 not really a zip', 'latin1'), 'enkat.xlsx');
    const x = await call(analyst, 'GET', `/api/followup-admin/uploads/${fake}/columns`);
    expect(x.statusCode).toBe(400);
    expect(x.json().message).toMatch(/XLSX/);

    const good = await upload(surveyCsv('U'));
    const m = await call(analyst, 'POST', '/api/followup-admin/survey-imports', {
      uploadId: good,
      instrumentId: INSTRUMENT,
      mapping: { columns: { Nope: 'respondent_id', trygg_skolan: 'item:trygg_skolan' } },
    });
    expect(m.statusCode).toBe(400);
    expect(m.json().details.reason).toBe('mapping');
    expect(m.json().details.problems).toEqual(
      expect.arrayContaining(['column "Nope" is not in the file', 'no column is mapped to municipality']),
    );
    // Out-of-order part → 409 telling where to continue.
    const partial = await call(analyst, 'POST', '/api/followup-admin/uploads', { fileName: 'a.csv', sizeBytes: 10 });
    const bad = await call(analyst, 'POST', `/api/followup-admin/uploads/${partial.json().uploadId}/chunks`, {
      offset: 5,
      data: Buffer.from('abc').toString('base64'),
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().details.receivedBytes).toBe(0);
    const discard = await call(analyst, 'POST', `/api/followup-admin/uploads/${good}/discard`);
    expect(discard.statusCode).toBe(204);
    expect(await count('SELECT count(*) FROM survey_import')).toBe(imports);
    // Someone else's upload is not there for them.
    expect((await call(manager, 'GET', `/api/followup-admin/uploads/${fake}/columns`)).statusCode).toBe(403);
  });

  it('population counts: import (idempotent, bad rows refused whole) and the response-rate table per grade and wave', async () => {
    const csv = `ar;skolenhetskod;arskurs;elever\r\n2024;${school.code};8;75\r\n`;
    const first = await call(analyst, 'POST', '/api/followup-admin/population-imports', {
      instrumentId: INSTRUMENT,
      fileName: 'elever.csv',
      csv,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'imported', rows: 1, pupils: 75 });
    const again = await call(analyst, 'POST', '/api/followup-admin/population-imports', {
      instrumentId: INSTRUMENT,
      fileName: 'elever.csv',
      csv,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('already_imported');
    const pupils = await count(
      `SELECT pupils FROM survey_population p JOIN survey_wave w ON w.id = p.wave_id WHERE w.year = 2024 AND p.school_code = '${school.code}' AND p.grade = '8'`,
    );
    expect(pupils).toBe(75);

    const bad = await call(analyst, 'POST', '/api/followup-admin/population-imports', {
      instrumentId: INSTRUMENT,
      fileName: 'fel.csv',
      csv: `ar;skolenhetskod;arskurs;elever\n2024;${school.code};8;80\n2031;${school.code};8;10\n2024;00000000;8;x\n`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.rowErrors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect(bad.json().details.rowErrors[1].problems).toEqual(
      expect.arrayContaining(['unknown school unit code', 'pupils must be a whole number ≥ 0']),
    );
    expect(bad.json().details.rowErrors[1].codes).toEqual(['unknown_school', 'pupils_invalid']);
    expect(bad.json().details.rowErrors[0].codes).toEqual(['no_wave']);
    expect(
      await count(
        `SELECT pupils FROM survey_population p JOIN survey_wave w ON w.id = p.wave_id WHERE w.year = 2024 AND p.school_code = '${school.code}' AND p.grade = '8'`,
      ),
    ).toBe(75);
    const missing = await call(analyst, 'POST', '/api/followup-admin/population-imports', {
      instrumentId: INSTRUMENT,
      fileName: 'fel.csv',
      csv: 'ar;skola\n2024;1\n',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.missingColumns).toEqual(['arskurs', 'elever']);

    const rates = await call(manager, 'GET', '/api/followup-admin/response-rates');
    expect(rates.statusCode, rates.body).toBe(200);
    const rr = rates.json();
    expect(rr.years).toEqual([2018, 2021, 2024]);
    const county = rr.county.filter((r: { grade: string | null }) => r.grade !== null);
    expect(county).toHaveLength(9);
    for (const r of county) {
      expect(r.rate).toBeGreaterThan(0.5);
      expect(r.rate).toBeLessThan(1);
      expect(r.low).toBe(r.rate < rr.lowThreshold);
    }
    expect(rr.municipalities.length).toBeGreaterThan(0);
  });

  it('aggregated tables: import, published through the stats-publish suppression (default and skolinspektionen)', async () => {
    const csv =
      'group,option,count\nVäxjö,Stämmer helt,120\nVäxjö,Stämmer ganska bra,60\nVäxjö,Stämmer inte,3\nLessebo,Stämmer helt,9\nLessebo,Stämmer ganska bra,4\nLessebo,Stämmer inte,2\nAlvesta,Stämmer helt,40\nAlvesta,Stämmer ganska bra,22\nAlvesta,Stämmer inte,6\n';
    const imp = await call(analyst, 'POST', '/api/followup-admin/aggregate-tables', {
      title: 'Trygghet åk 8',
      source: 'Skolinspektionen, Skolenkäten',
      year: 2022,
      rules: 'skolinspektionen',
      positive: ['Stämmer helt', 'Stämmer ganska bra'],
      csv,
    });
    expect(imp.statusCode, imp.body).toBe(201);
    const again = await call(analyst, 'POST', '/api/followup-admin/aggregate-tables', { title: 'x', source: 'y', csv });
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('already_imported');
    const pub = await call(manager, 'GET', `/api/followup-admin/aggregate-tables/${imp.json().table.id}`);
    expect(pub.statusCode, pub.body).toBe(200);
    const p = pub.json();
    const g = (name: string) => p.groups.find((x: { group: string }) => x.group === name);
    expect(g('Växjö').options['Stämmer inte']).toEqual({ count: null, status: 'suppressed' });
    expect(g('Växjö').share).toBeCloseTo(180 / 183, 9); // both positive options are published
    expect(g('Lessebo').status).toBe('unit_too_small'); // n = 15 < 20
    expect(g('Lessebo').n).toBeNull();
    expect(JSON.stringify(p)).not.toMatch(/"count":\s*[1-4]\b/);

    const def = await call(analyst, 'POST', '/api/followup-admin/aggregate-tables', {
      title: 'Trygghet',
      source: 'Skolinspektionen',
      rules: 'default',
      csv: csv + '\n',
    });
    const pd = (await call(analyst, 'GET', `/api/followup-admin/aggregate-tables/${def.json().table.id}`)).json();
    expect(pd.disclosureRisks).toBe(0);
    for (const grp of pd.groups)
      for (const o of Object.values(grp.options) as { count: number | null; status: string }[])
        if (o.status === 'suppressed') expect(o.count).toBeNull();

    const bad = await call(analyst, 'POST', '/api/followup-admin/aggregate-tables', {
      title: 't',
      source: 's',
      csv: 'group,option,count\nVäxjö,Ja,-3\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.rowErrors[0].line).toBe(2);
    const listed = await call(manager, 'GET', '/api/followup-admin/aggregate-tables');
    expect(listed.json().tables).toHaveLength(2);
  });

  it('operational series: import with suppression of small counts, and absence from own attendance data', async () => {
    const csv = 'kommun;period;varde\n0780;2024-01;12\n0780;2024-02;3\n0761;2024-01;0\n';
    const r = await call(analyst, 'POST', '/api/followup-admin/operational-imports', {
      seriesKey: 'reports_of_concern',
      csv,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(
      (
        await call(analyst, 'POST', '/api/followup-admin/operational-imports', { seriesKey: 'reports_of_concern', csv })
      ).json().status,
    ).toBe('already_imported');
    const computed = await call(analyst, 'POST', '/api/followup-admin/operational-imports', {
      seriesKey: 'absence_share',
      csv,
    });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().details.reason).toBe('computed_series');
    const bad = await call(analyst, 'POST', '/api/followup-admin/operational-imports', {
      seriesKey: 'reports_of_concern',
      csv: 'kommun;period;varde\n9999;2024-13;-1\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.rowErrors[0].problems).toHaveLength(3);

    const s = (await call(manager, 'GET', '/api/followup-admin/operational-series')).json().series;
    const roc = s.find((x: { key: string }) => x.key === 'reports_of_concern');
    // 2024 is before the demo's own reports: the imported values are published.
    expect(roc.values.filter((v: { period: string }) => v.period.startsWith('2024'))).toEqual([
      { municipalityCode: '0761', period: '2024-01', value: 0, share: null, status: 'ok' },
      { municipalityCode: '0780', period: '2024-01', value: 12, share: null, status: 'ok' },
      { municipalityCode: '0780', period: '2024-02', value: null, share: null, status: 'suppressed' },
    ]);
    const absence = s.find((x: { key: string }) => x.key === 'absence_share');
    expect(absence.source).toBe('sql');
    // Own attendance data: a municipality-month with fewer than 10 pupils is never published.
    const raw = await t.tdb.db.query<{ m: string; p: string; n: string }>(
      `SELECT u.municipality_code AS m, to_char(r.period_start, 'YYYY-MM') AS p, count(DISTINCT r.child_id)::text AS n
         FROM attendance_record r JOIN unit u ON u.id = r.unit_id JOIN child c ON c.id = r.child_id
        WHERE NOT c.protected_identity GROUP BY 1, 2`,
    );
    for (const row of raw.rows) {
      const v = absence.values.find(
        (x: { municipalityCode: string; period: string }) => x.municipalityCode === row.m && x.period === row.p,
      );
      expect(v.status).toBe(Number(row.n) < 10 ? 'suppressed' : 'ok');
      if (v.status === 'suppressed') expect(v.share).toBeNull();
    }
  });

  it('orosanmälningar from our own reports: counts per municipality and month, small counts suppressed, imports only before the changeover, protected identity left out', async () => {
    const month = swedishToday(t.now()).slice(0, 7);
    // Two municipalities without any report yet (so the counts below are exactly ours).
    const free = await t.tdb.db.query<{ code: string }>(
      `SELECT municipality_code AS code FROM organisation
        WHERE kind = 'municipality' AND municipality_code IS NOT NULL
          AND municipality_code NOT IN (SELECT municipality_code FROM report_of_concern)
        ORDER BY municipality_code LIMIT 2`,
    );
    expect(free.rows).toHaveLength(2);
    const [big, small] = free.rows.map((r) => r.code) as [string, string];
    // A child with protected identity; a report about them is not counted.
    const child = await scenario(t.tdb.db, testToday()).child({ protectedIdentity: true });
    const file = async (code: string, personnummer: string) => {
      const r = await call(reporter, 'POST', '/api/reports', {
        personnummer,
        childName: 'Ett barn',
        municipalityCode: code,
        concern: 'Oro för barnet.',
        immediateDanger: false,
        guardiansInformed: 'yes',
      });
      expect(r.statusCode, r.body).toBe(201);
    };
    for (let i = 0; i < 6; i++) await file(big, PNR_UNKNOWN);
    await file(big, child.personnummer);
    for (let i = 0; i < 2; i++) await file(small, PNR_UNKNOWN);

    // Earlier months come from an import (before Barnkompass was in use); the import's value for
    // the current month is not shown (our own count is), and the two are never added.
    const csv = `kommun;period;varde\n${big};2025-01;7\n${big};${month};40\n${small};2025-01;2\n`;
    const imp = await call(analyst, 'POST', '/api/followup-admin/operational-imports', {
      seriesKey: 'reports_of_concern',
      csv,
    });
    expect(imp.statusCode, imp.body).toBe(201);

    for (const query of ['', `?municipality=${big}`]) {
      const res = await call(manager, 'GET', `/api/followup-admin/operational-series${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const roc = res.json().series.find((x: { key: string }) => x.key === 'reports_of_concern');
      expect(roc.source).toBe('sql');
      expect(roc.importable).toBe(true);
      // (2024 holds the earlier test's imports.)
      const of = (code: string) =>
        roc.values.filter(
          (v: { municipalityCode: string; period: string }) => v.municipalityCode === code && v.period >= '2025',
        );
      expect(of(big)).toEqual([
        { municipalityCode: big, period: '2025-01', value: 7, share: null, status: 'ok' },
        // 6 reports, not 7: the one about the protected child is left out; not 40 from the import.
        { municipalityCode: big, period: month, value: 6, share: null, status: 'ok' },
      ]);
      if (query === '') {
        expect(of(small)).toEqual([
          { municipalityCode: small, period: '2025-01', value: null, share: null, status: 'suppressed' },
          { municipalityCode: small, period: month, value: null, share: null, status: 'suppressed' },
        ]);
      } else {
        expect(of(small)).toEqual([]);
      }
      // Aggregate only: no ids, names or personnummer in the response.
      expect(res.body).not.toContain(PNR_UNKNOWN);
      expect(res.body).not.toContain(child.personnummer);
      expect(res.body).not.toContain(child.id);
    }
    // absence_share stays computed-only.
    const s = (await call(manager, 'GET', '/api/followup-admin/operational-series')).json().series;
    expect(s.find((x: { key: string }) => x.key === 'absence_share').importable).toBe(false);
  });

  it('absence from own attendance data leaves out children with protected identity', async () => {
    const cell = await t.tdb.db.query<{ m: string; p: string }>(
      `SELECT u.municipality_code AS m, to_char(r.period_start, 'YYYY-MM') AS p
         FROM attendance_record r JOIN unit u ON u.id = r.unit_id JOIN child c ON c.id = r.child_id
        WHERE NOT c.protected_identity AND u.municipality_code IS NOT NULL AND r.scheduled > 0
        GROUP BY 1, 2 ORDER BY count(DISTINCT r.child_id) DESC LIMIT 1`,
    );
    expect(cell.rows).toHaveLength(1);
    const { m, p } = cell.rows[0]!;
    const absence = async () =>
      (
        (await call(manager, 'GET', `/api/followup-admin/operational-series?municipality=${m}`))
          .json()
          .series.find((x: { key: string }) => x.key === 'absence_share').values as { period: string }[]
      ).find((v) => v.period === p);
    expect(await absence()).toBeDefined();
    // Every pupil behind that municipality-month gets protected identity: the value disappears
    // (their rows are not counted at all, not merely suppressed).
    const kids = await t.tdb.db.query<{ id: string }>(
      `SELECT DISTINCT r.child_id AS id FROM attendance_record r JOIN unit u ON u.id = r.unit_id JOIN child c ON c.id = r.child_id
        WHERE u.municipality_code = $1 AND to_char(r.period_start, 'YYYY-MM') = $2 AND NOT c.protected_identity`,
      [m, p],
    );
    const ids = kids.rows.map((r) => r.id);
    await t.tdb.db.query('UPDATE child SET protected_identity = true WHERE id = ANY($1::uuid[])', [ids]);
    try {
      expect(await absence()).toBeUndefined();
    } finally {
      await t.tdb.db.query('UPDATE child SET protected_identity = false WHERE id = ANY($1::uuid[])', [ids]);
    }
  });

  it('indicators: create, validation against the instrument, versioned edits (428/412), disable; audited', async () => {
    const base = `/api/followup-admin/instruments/${INSTRUMENT}/indicators`;
    const def = {
      key: 'safe_always',
      labelSv: 'Alltid trygg',
      labelEn: 'Always safe',
      wheel: 'safe',
      polarity: 'higher_is_better',
      items: ['trygg_skolan'],
      positive: [1],
      koladaKpis: { '8': 'N15643' },
      goal: true,
    };
    const created = await call(analyst, 'POST', base, def);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"v1"');
    expect(created.json()).toMatchObject({
      key: 'safe_always',
      version: 1,
      enabled: true,
      goal: true,
      isDefault: false,
    });
    expect((await call(analyst, 'POST', base, def)).statusCode).toBe(409);
    const bad = await call(analyst, 'POST', base, { ...def, key: 'broken', items: ['no_such_item'], grades: ['7'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.problems).toEqual(
      expect.arrayContaining(['unknown item no_such_item', 'no wave has grade 7']),
    );
    const badCode = await call(analyst, 'POST', base, { ...def, key: 'broken2', positive: [42] });
    expect(badCode.json().details.problems[0]).toMatch(/has no code 42/);

    const url = `${base}/safe_always`;
    expect((await call(analyst, 'PATCH', url, { labelSv: 'Ändrad' })).statusCode).toBe(428);
    const ok = await call(
      analyst,
      'PATCH',
      url,
      { labelSv: 'Alltid trygg i skolan', positive: [1, 2] },
      { 'if-match': '"v1"' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, labelSv: 'Alltid trygg i skolan', positive: [1, 2] });
    const stale = await call(analyst, 'PATCH', url, { enabled: false }, { 'if-match': '"v1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().details.currentVersion).toBe(2);
    expect(stale.json().details.current.labelSv).toBe('Alltid trygg i skolan');
    const off = await call(analyst, 'PATCH', url, { enabled: false }, { 'if-match': '"v2"' });
    expect(off.json()).toMatchObject({ enabled: false, version: 3 });
    const invalid = await call(analyst, 'PATCH', url, { positive: [99] }, { 'if-match': '"v3"' });
    expect(invalid.statusCode).toBe(400);
    const got = await call(analyst, 'GET', url);
    expect(got.headers.etag).toBe('"v3"');
    const all = (await call(analyst, 'GET', base)).json().indicators;
    expect(all.length).toBe(21);
    const audit = await t.tdb.db.query<{ action: string }>(
      `SELECT action FROM audit_event WHERE resource_type = 'followup_indicator' AND resource_id = $1 ORDER BY seq`,
      [`${INSTRUMENT}/safe_always`],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'followup_indicator.create',
      'followup_indicator.update',
      'followup_indicator.update',
    ]);
  });

  it('Kolada: an analyst starts a run over HTTP (progress, result); the KPI page shows values, Privacy as suppressed', async () => {
    const start = await call(analyst, 'POST', '/api/followup-admin/kolada-runs', {
      kpis: ['N17625', 'N09890'],
      years: [2020, 2021, 2022, 2023],
      full: true,
    });
    expect(start.statusCode, start.body).toBe(202);
    const job = await runJob(start.json().jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.result).toMatchObject({ kpisImported: 2 });
    const page = await call(manager, 'GET', '/api/followup-admin/kpis?municipality=0760');
    expect(page.statusCode, page.body).toBe(200);
    const p = page.json();
    expect(p.municipality.code).toBe('0760');
    const music = p.kpis.find((k: { id: string }) => k.id === 'N09890');
    expect(music).toMatchObject({ wheel: 'active', goalStage: 'volume' });
    const v2020 = music.values.filter((v: { period: number }) => v.period === 2020);
    expect(v2020).toHaveLength(3);
    for (const v of v2020) expect(v).toMatchObject({ value: null, status: 'suppressed' });
    const truancy = (await call(manager, 'GET', '/api/followup-admin/kpis?municipality=0780'))
      .json()
      .kpis.find((k: { id: string }) => k.id === 'N17625');
    expect(
      truancy.values.find((v: { period: number; gender: string }) => v.period === 2023 && v.gender === 'T').value,
    ).toBe(8.4);
    expect(p.series.map((s: { key: string }) => s.key)).toContain('reports_of_concern');
    // The municipality's survey indicators beside the KPIs: latest wave, published cells only.
    expect(p.survey.year).toBe(2024);
    expect(p.survey.indicators.length).toBeGreaterThan(20);
    expect(
      p.survey.indicators.find((s: { key: string; grade: string }) => s.key === 'safe_at_school' && s.grade === '8')
        .koladaKpi,
    ).toBe('N15643');
    for (const s of p.survey.indicators)
      if (s.status !== 'ok') expect([s.share, s.ciLow, s.ciHigh]).toEqual([null, null, null]);
    expect(p.survey.indicators.some((s: { status: string }) => s.status === 'ok')).toBe(true);
    expect((await call(manager, 'POST', '/api/followup-admin/kolada-runs', {})).statusCode).toBe(403);
    // One run at a time: a slow first answer (503, retried) keeps the first run going.
    stub.failNext(1, { status: 503, delayMs: 300 });
    const slow = await call(analyst, 'POST', '/api/followup-admin/kolada-runs', { kpis: ['N17625'], years: [2023] });
    expect(slow.statusCode).toBe(202);
    const second = await call(analyst, 'POST', '/api/followup-admin/kolada-runs', { kpis: ['N17625'] });
    expect(second.statusCode).toBe(409);
    expect((await runJob(slow.json().jobId)).status).toBe('succeeded');
    const audit = await t.tdb.db.query<{ details: { status: string } }>(
      `SELECT details FROM audit_event WHERE action = 'kolada.import' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.details.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('exports: the CSV has no suppressed value; the report is a tagged Swedish PDF', async () => {
    const csv = await call(manager, 'GET', '/api/followup-admin/exports/0761/csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const text = csv.body;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text
      .slice(1)
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    const header = rows[0]!;
    expect(header.slice(0, 3)).toEqual(['Indikator', 'Indikatornyckel', 'År']);
    const [iShare, iLow, iHigh, iStatus] = ['Andel (%)', 'KI 95 % nedre (%)', 'KI 95 % övre (%)', 'Status'].map((h) =>
      header.indexOf(h),
    );
    let suppressed = 0;
    for (const r of rows.slice(1)) {
      if (r[iStatus!] === 'Publicerad') expect(r[iShare!]).toMatch(/^\d{1,3},\d$/);
      else {
        suppressed++;
        expect([r[iShare!], r[iLow!], r[iHigh!]]).toEqual(['', '', '']);
      }
    }
    expect(suppressed).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(50);
    const some = await call(
      manager,
      'GET',
      '/api/followup-admin/exports/0780/csv?indicators=binge_drinking&years=2021',
    );
    expect(
      new Set(
        some.body
          .slice(1)
          .trim()
          .split('\r\n')
          .slice(1)
          .map((l) => l.split(';')[1]),
      ),
    ).toEqual(new Set(['binge_drinking']));
    expect((await call(manager, 'GET', '/api/followup-admin/exports/0780/csv?indicators=nope')).statusCode).toBe(400);
    expect((await call(manager, 'GET', '/api/followup-admin/exports/9999/csv')).statusCode).toBe(404);

    const pdf = await call(manager, 'GET', '/api/followup-admin/exports/0780/pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const info = inspectPdf(pdf.rawPayload);
    expect(info).toMatchObject({ lang: 'sv', tagged: true, hasStructTree: true });
    expect(info.title).toMatch(/^Uppföljning 2024 – /);
    expect(info.structTypes).toEqual(expect.arrayContaining(['H1', 'H2', 'Table', 'TH', 'TD']));
    expect(info.text).toContain('Svarsfrekvens');
  });

  it('access: 401 without a session; only analysts import and manage; managers read; professionals and admins get 403', async () => {
    const mine = Object.entries(ROUTE_TABLE).filter(([r]) => r.includes('/api/followup-admin/'));
    expect(mine.length).toBe(24);
    const served = [...new Set(t.routes.map((r) => `${r.method} ${r.url}`))].filter((r) =>
      r.includes('/api/followup-admin/'),
    );
    expect(served.sort()).toEqual(mine.map(([r]) => r).sort());
    // The OpenAPI document describes them (generated from the same zod schemas).
    const doc = (await call(null, 'GET', '/api/openapi.json')).json();
    expect(doc.paths['/api/followup-admin/survey-imports'].post.requestBody).toBeDefined();
    expect(
      doc.paths['/api/followup-admin/instruments/{instrumentId}/indicators/{key}'].patch.responses['412'],
    ).toBeDefined();
    const fill = (url: string) =>
      url
        .replace(':uploadId', '00000000-0000-4000-8000-000000000000')
        .replace(':jobId', '00000000-0000-4000-8000-000000000000')
        .replace(':tableId', '00000000-0000-4000-8000-000000000000')
        .replace(':instrumentId', INSTRUMENT)
        .replace(':key', 'safe_at_school')
        .replace(':municipalityCode', '0780');
    for (const [route, kindOf] of mine) {
      const [method, url] = route.split(' ') as ['GET' | 'POST' | 'PATCH', string];
      const u = fill(url);
      const payload = method === 'GET' ? undefined : {};
      expect((await call(null, method, u, payload)).statusCode, `${route} anonymous`).toBe(401);
      for (const [who, cookie] of [
        ['professional', professional],
        ['admin', admin],
      ] as const) {
        const r = await call(cookie, method, u, payload);
        expect(r.statusCode, `${route} as ${who}`).toBe(403);
        expect(r.json().details.reason).toBe('role');
      }
      const m = await call(manager, method, u, payload);
      if (kindOf === 'analyst') expect(m.statusCode, `${route} as manager`).toBe(403);
      else expect(m.statusCode, `${route} as manager`).not.toBe(403);
    }
  });
});
