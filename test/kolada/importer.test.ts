import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, testDbKinds, type TestDb } from '../helpers/db.js';
import { KoladaClient } from '../../src/server/modules/followup/kolada/client.js';
import { DEFAULT_KPI_MAPPING } from '../../src/server/modules/followup/kolada/defaults.js';
import { importKolada, KoladaImportError, swedishDate } from '../../src/server/modules/followup/kolada/importer.js';
import { readImportRuns, readKoladaValues, readKpiMappings } from '../../src/server/modules/followup/kolada/repo.js';
import { FILES, readReference, startKoladaStub, type KoladaStub } from './stub.js';

const VAXJO = '0780';
const LJUNGBY = '0781';
const UPPVIDINGE = '0760';

describe.each(testDbKinds())('Kolada importer on %s', (kind) => {
  let t: TestDb;
  let stub: KoladaStub;
  const client = () =>
    new KoladaClient({ baseUrl: stub.baseUrl, baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3, timeoutMs: 5_000 });
  const count = async () =>
    Number((await t.db.query<{ n: string }>('SELECT count(*)::int AS n FROM kolada_value')).rows[0]!.n);

  beforeAll(async () => {
    t = await openTestDb(kind);
    stub = await startKoladaStub();
  });
  afterAll(async () => {
    await stub.close();
    await t.dispose();
  });
  beforeEach(async () => {
    stub.reset();
    await t.db.ownerTransaction(async (tx) => {
      await tx.query('DELETE FROM kolada_value');
      await tx.query('DELETE FROM kolada_kpi');
      await tx.query('DELETE FROM kolada_import_run');
    });
  });

  it('imports metadata and values: the reference numbers, Privacy kept suppressed, the run recorded', async () => {
    const s = await importKolada(t.db, {
      client: client(),
      kpis: ['N17625', 'N09890'],
      years: [2020, 2021, 2022, 2023],
      full: true,
    });
    expect(s).toMatchObject({
      kpisRequested: 2,
      kpisImported: 2,
      unknownKpis: [],
      fromDate: null,
      rowsReceived: 24 * 3 + 32 * 3,
    });
    expect(s.inserted).toBe(24 * 3 + 32 * 3);
    expect(s).toMatchObject({ updated: 0, unchanged: 0, deleted: 0 });

    const n17625 = await readKoladaValues(t.db, { kpis: ['N17625'] });
    const v = (m: string, y: number, g: string) =>
      n17625.find((x) => x.municipalityCode === m && x.period === y && x.gender === g)!.value;
    expect([v(VAXJO, 2023, 'T'), v(VAXJO, 2023, 'K'), v(VAXJO, 2023, 'M')]).toEqual([8.4, 6.1, 10.5]);
    expect(v(LJUNGBY, 2022, 'T')).toBe(9.0);
    expect(v(UPPVIDINGE, 2023, 'T')).toBe(11.9);

    const privacy = await readKoladaValues(t.db, { kpis: ['N09890'], municipalities: [UPPVIDINGE], years: [2020] });
    expect(privacy).toHaveLength(3);
    for (const p of privacy) expect(p).toMatchObject({ value: null, status: 'Privacy' });
    const missing = await readKoladaValues(t.db, { kpis: ['N09890'], municipalities: [UPPVIDINGE], years: [2021] });
    for (const p of missing) expect(p).toMatchObject({ value: null, status: 'Missing' });

    const kpi = (
      await t.db.query<Record<string, unknown>>(
        `SELECT title, perspective, is_divided_by_gender, publication_date::text AS pd, prel_publication_date FROM kolada_kpi WHERE id = 'N09890'`,
      )
    ).rows[0]!;
    expect(kpi).toMatchObject({
      title: 'Elever i musik- eller kulturskola, 6-15 år, andel (%)',
      perspective: 'Volymer',
      is_divided_by_gender: true,
      pd: '2023-02-22',
      prel_publication_date: null,
    });

    const [run] = await readImportRuns(t.db, 1);
    expect(run).toMatchObject({
      id: s.runId,
      status: 'succeeded',
      full: true,
      kpis: ['N17625', 'N09890'],
      years: [2020, 2021, 2022, 2023],
      inserted: s.inserted,
      rowsReceived: s.rowsReceived,
      kpisImported: 2,
      errors: [],
    });
    expect(run!.requests).toBe(2); // one metadata call, one data call
    expect(run!.finishedAt).not.toBeNull();
  });

  it('follows pages: p1 + p2 = 16 rows (32 values), with "Not applicable" kept as a status without value', async () => {
    const progress: string[] = [];
    const s = await importKolada(t.db, {
      client: client(),
      kpis: ['N15428', 'N11051'],
      years: [2023],
      full: true,
      onProgress: (d, n, l) => progress.push(`${d}/${n} ${l}`),
    });
    expect(s.rowsReceived).toBe(8 * 3 + 8);
    expect(s.requests).toBe(3);
    expect(await count()).toBe(32);
    const rows = new Set((await readKoladaValues(t.db)).map((r) => `${r.kpiId}/${r.municipalityCode}/${r.period}`));
    expect(rows.size).toBe(16);
    const na = await readKoladaValues(t.db, { kpis: ['N11051'], municipalities: ['0763', '0767'] });
    expect(na.map((r) => [r.value, r.status])).toEqual([
      [null, 'Not applicable'],
      [null, 'Not applicable'],
    ]);
    expect(progress[0]).toBe('0/2 KPI metadata');
    expect(progress).toContain('0/2 N15428…N11051: page 2, 32 values');
    expect(progress.at(-1)).toBe('2/2 N15428…N11051: 32 values');
  });

  it('re-import is idempotent: same rows, nothing new or changed', async () => {
    const opts = { kpis: ['N17625', 'N09890', 'N15428', 'N11051'], years: [2020, 2021, 2022, 2023], full: true };
    const first = await importKolada(t.db, { client: client(), ...opts });
    const n = await count();
    const second = await importKolada(t.db, { client: client(), ...opts });
    expect(await count()).toBe(n);
    expect(second).toMatchObject({
      rowsReceived: first.rowsReceived,
      inserted: 0,
      updated: 0,
      deleted: 0,
      unchanged: first.inserted,
    });
    const dup = await t.db.query(
      'SELECT kpi_id, municipality_code, period, gender FROM kolada_value GROUP BY 1, 2, 3, 4 HAVING count(*) > 1',
    );
    expect(dup.rows).toEqual([]);
  });

  it("incremental: sends from_date = the last successful covering run's start date; isdeleted removes a value", async () => {
    const started = new Date('2024-12-12T09:30:00Z');
    await importKolada(t.db, { client: client(), kpis: ['N17625'], years: [2021, 2022, 2023], now: () => started });
    expect(stub.dataRequests()[0]!.query.from_date).toBeUndefined();

    // Kolada now reports Växjö 2023 K as deleted and Ljungby 2022 T as revised.
    const changed = readReference(FILES.n17625);
    for (const row of changed.values) {
      if (row.municipality === VAXJO && row.period === 2023)
        row.values = row.values
          .filter((x: { gender: string }) => x.gender === 'K')
          .map((x: object) => ({ ...x, isdeleted: true }));
      if (row.municipality === LJUNGBY && row.period === 2022)
        row.values = row.values
          .filter((x: { gender: string }) => x.gender === 'T')
          .map((x: object) => ({ ...x, value: 9.1 }));
    }
    changed.values = changed.values.filter(
      (r: { municipality: string; period: number }) =>
        (r.municipality === VAXJO && r.period === 2023) || (r.municipality === LJUNGBY && r.period === 2022),
    );
    stub.reset();
    stub.hook((r) =>
      r.path.startsWith('/v3/data/') && r.query.from_date ? { status: 200, body: changed } : undefined,
    );

    const s = await importKolada(t.db, {
      client: client(),
      kpis: ['N17625'],
      years: [2021, 2022, 2023],
      now: () => new Date('2024-12-20T08:00:00Z'),
    });
    expect(stub.dataRequests()[0]!.query.from_date).toBe('2024-12-12');
    expect(s).toMatchObject({ fromDate: '2024-12-12', rowsReceived: 2, inserted: 0, updated: 1, deleted: 1 });
    expect(await readKoladaValues(t.db, { kpis: ['N17625'], municipalities: [VAXJO], years: [2023] })).toHaveLength(2);
    expect(
      (await readKoladaValues(t.db, { kpis: ['N17625'], municipalities: [LJUNGBY], years: [2022], genders: ['T'] }))[0]!
        .value,
    ).toBe(9.1);
    expect(await count()).toBe(24 * 3 - 1);

    // A run with a wider scope (another KPI) is not covered by the earlier ones: no from_date.
    stub.reset();
    const wider = await importKolada(t.db, { client: client(), kpis: ['N17625', 'N09890'], years: [2021, 2022, 2023] });
    expect(wider.fromDate).toBeNull();
    expect(stub.dataRequests()[0]!.query.from_date).toBeUndefined();
    // The Swedish date, not the UTC one.
    expect(swedishDate(new Date('2024-12-11T23:30:00Z'))).toBe('2024-12-12');
  });

  it('a full import mirrors Kolada: values it no longer has are removed', async () => {
    await importKolada(t.db, { client: client(), kpis: ['N17625'], years: [2021, 2022, 2023], full: true });
    const fewer = readReference(FILES.n17625);
    fewer.values = fewer.values.filter((r: { municipality: string }) => r.municipality !== VAXJO);
    stub.hook((r) => (r.path.startsWith('/v3/data/') ? { status: 200, body: fewer } : undefined));
    const s = await importKolada(t.db, { client: client(), kpis: ['N17625'], years: [2021, 2022, 2023], full: true });
    expect(s).toMatchObject({ deleted: 9, inserted: 0, updated: 0, unchanged: 21 * 3 });
    expect(await readKoladaValues(t.db, { municipalities: [VAXJO] })).toEqual([]);
  });

  it('never stores a value Kolada marks Privacy, even if one is sent', async () => {
    const leaky = readReference(FILES.n09890);
    leaky.values[0].values[0].value = 42.5; // Uppvidinge 2020 K, status Privacy
    stub.hook((r) => (r.path.startsWith('/v3/data/') ? { status: 200, body: leaky } : undefined));
    await importKolada(t.db, { client: client(), kpis: ['N09890'], full: true });
    const [k] = await readKoladaValues(t.db, {
      kpis: ['N09890'],
      municipalities: [UPPVIDINGE],
      years: [2020],
      genders: ['K'],
    });
    expect(k).toMatchObject({ value: null, status: 'Privacy' });
    await expect(
      t.db.ownerTransaction((tx) =>
        tx.query(`UPDATE kolada_value SET value = 1 WHERE kpi_id = 'N09890' AND status = 'Privacy'`),
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('5xx until the retries run out: a clear error, nothing written, the run recorded as failed', async () => {
    stub.failNext(10, { status: 502, raw: 'bad gateway' }, (r) => r.path.startsWith('/v3/data/'));
    const err = await importKolada(t.db, {
      client: client(),
      kpis: ['N17625', 'N09890'],
      years: [2021, 2022, 2023],
      full: true,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoladaImportError);
    expect((err as Error).message).toMatch(
      /^Kolada answered HTTP 502 for http:\/\/127\.0\.0\.1:\d+\/v3\/data\/kpi\/N17625,N09890\/municipality\/0760,0761,0763,0764,0765,0767,0780,0781\/year\/2021,2022,2023; gave up after 3 attempts$/,
    );
    expect(await count()).toBe(0);
    expect((await t.db.query('SELECT id FROM kolada_kpi')).rows).toEqual([]);
    const [run] = await readImportRuns(t.db, 1);
    expect(run).toMatchObject({ status: 'failed', kpisImported: 0, inserted: 0, requests: 4 });
    expect(run!.errors).toEqual([
      { message: (err as Error).message, url: expect.stringContaining('/v3/data/kpi/N17625,N09890/') },
    ]);
    // A failed run is no starting point for the next incremental one.
    stub.reset();
    const next = await importKolada(t.db, { client: client(), kpis: ['N17625', 'N09890'], years: [2021, 2022, 2023] });
    expect(next.fromDate).toBeNull();
  });

  it('retries 429 inside an import and completes', async () => {
    stub.failNext(2, { status: 429, headers: { 'retry-after': '0' } });
    const s = await importKolada(t.db, { client: client(), kpis: ['N17625'], years: [2023], full: true });
    expect(s.requests).toBe(4);
    expect(s.inserted).toBe(24);
  });

  it('skips KPI ids Kolada does not know, with a warning on the run', async () => {
    const s = await importKolada(t.db, { client: client(), kpis: ['N17625', 'X00000'], years: [2023], full: true });
    expect(s.unknownKpis).toEqual(['X00000']);
    expect(s.kpisImported).toBe(1);
    const [run] = await readImportRuns(t.db, 1);
    expect(run!.warnings).toEqual([{ message: "not in Kolada's KPI catalogue, skipped: X00000" }]);
  });

  it('the default mapping is seeded, and the app role reads Kolada but cannot write it', async () => {
    const rows = await readKpiMappings(t.db);
    const seeded = rows.map(({ kpiId, wheelIndicator, goalStage, polarity }) => ({
      kpiId,
      wheelIndicator,
      goalStage,
      polarity,
    }));
    expect(seeded).toEqual([...DEFAULT_KPI_MAPPING].sort((a, b) => a.kpiId.localeCompare(b.kpiId)));

    await importKolada(t.db, { client: client(), kpis: ['N17625'], years: [2023], full: true });
    const other = await openTestDb(kind);
    try {
      // A fresh connection as the application role (what the server uses).
      await other.db.ownerTransaction(async (tx) => {
        await tx.query(`INSERT INTO kolada_kpi (id, title) VALUES ('N17625', 't')`);
        await tx.query(
          `INSERT INTO kolada_value (kpi_id, municipality_code, period, gender, value) VALUES ('N17625', '0780', 2023, 'T', 8.4)`,
        );
      });
      await other.db.useAppRole();
      const read = await other.db.transaction((tx) => tx.query('SELECT value FROM kolada_value'));
      expect(read.rows).toHaveLength(1);
      await expect(other.db.transaction((tx) => tx.query(`DELETE FROM kolada_value`))).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        other.db.transaction((tx) =>
          tx.query(
            `INSERT INTO kolada_import_run (started_at, base_url, kpis, municipalities, full_import) VALUES (now(), 'x', '{}', '{}', true)`,
          ),
        ),
      ).rejects.toThrow(/permission denied/);
      await other.db.transaction((tx) =>
        tx.query(`UPDATE kolada_kpi_mapping SET polarity = 'lower_is_better' WHERE kpi_id = 'N17625'`),
      );
    } finally {
      await other.dispose();
    }
  });
});
