import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KoladaClient, KoladaError } from '../../src/server/modules/followup/kolada/client.js';
import { KRONOBERG_CODES } from '../../src/server/modules/followup/kolada/defaults.js';
import { flattenDataRows } from '../../src/contract/kolada.js';
import { FILES, closedPort, readReference, startKoladaStub, type KoladaStub } from './stub.js';

let stub: KoladaStub;
beforeAll(async () => {
  stub = await startKoladaStub();
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

const client = (extra: ConstructorParameters<typeof KoladaClient>[0] = {}) =>
  new KoladaClient({
    baseUrl: stub.baseUrl,
    baseDelayMs: 5,
    maxDelayMs: 50,
    maxAttempts: 3,
    timeoutMs: 5_000,
    ...extra,
  });

async function collect(c: KoladaClient, q: Parameters<KoladaClient['data']>[0]) {
  const pages = [];
  for await (const p of c.data(q)) pages.push(p);
  return pages;
}

// Fabricated KPI ids for the chunking test (Kolada answers unknown ids with nothing).
const ids = (n: number) => Array.from({ length: n }, (_, i) => `N9${String(i).padStart(4, '0')}`);

describe('Kolada client against a local HTTP stub of API v3', () => {
  it("reads KPI metadata, Kolada's bare NaN included, and keeps unknown fields", async () => {
    const kpis = await client().kpis(['N17625', 'U33401', 'N99999']);
    expect(kpis.map((k) => k.id).sort()).toEqual(['N17625', 'U33401']);
    const n17625 = kpis.find((k) => k.id === 'N17625')!;
    expect(n17625).toMatchObject({
      title: 'Gymnasieelever med indraget studiestöd pga. ogiltig frånvaro, hemkommun, andel (%)',
      operatingArea: 'Gymnasieskola åk 1-3',
      isDividedByGender: true,
      hasOuData: false,
      municipalityType: 'A',
      auspice: 'X',
      perspective: 'Kvalitet och resultat',
      publPeriod: '2022',
      publicationDate: '2023-02-02',
      prelPublicationDate: null,
    });
    const u33401 = kpis.find((k) => k.id === 'U33401')!;
    expect(u33401).toMatchObject({ publPeriod: null, publicationDate: null });
    expect(stub.requests[0]!.path).toBe('/v3/kpi');
    expect(stub.requests[0]!.query.id).toBe('N17625,U33401,N99999');
    expect(stub.requests[0]!.url).toBe('/v3/kpi?id=N17625,U33401,N99999');

    stub.hook((r) =>
      r.path === '/v3/kpi'
        ? {
            status: 200,
            body: {
              values: [{ ...readReference(FILES.kpis).values[5], new_field: { a: 1 } }],
              count: 1,
              next_url: null,
              surprise: true,
            },
          }
        : undefined,
    );
    const [withExtra] = await client().kpis(['N17625']);
    expect(withExtra!.extra).toEqual({ new_field: { a: 1 } });
  });

  it('follows next_url: p1 (10 rows) + p2 (6 rows) = 16 rows, the link kept on the configured host', async () => {
    const pages = await collect(client(), {
      kpis: ['N15428', 'N11051'],
      municipalities: KRONOBERG_CODES,
      years: [2023],
    });
    expect(pages.map((p) => p.rows.length)).toEqual([10, 6]);
    const rows = pages.flatMap((p) => p.rows);
    expect(rows).toHaveLength(16);
    expect(new Set(rows.map((r) => `${r.kpi}/${r.municipality}`)).size).toBe(16);
    expect(typeof rows[0]!.period).toBe('number');
    // p1's next_url names api.kolada.se; the client asked the stub instead.
    expect(stub.dataRequests().map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    expect(stub.dataRequests()[1]!.query.per_page).toBe('10');
    const values = flattenDataRows(rows);
    expect(values.filter((v) => v.status === 'Not applicable')).toHaveLength(2);
    expect(values.filter((v) => v.status === 'Not applicable').every((v) => v.value === null)).toBe(true);
  });

  it("accepts v2's next_page/previous_page", async () => {
    const v2 = (file: string) => {
      const { next_url, previous_url, ...rest } = readReference(file);
      return { ...rest, next_page: next_url, previous_page: previous_url };
    };
    stub.hook((r) =>
      r.path.startsWith('/v3/data/kpi/N15428,N11051/')
        ? { status: 200, body: v2(r.query.page === '2' ? FILES.p2 : FILES.p1) }
        : undefined,
    );
    const pages = await collect(client(), {
      kpis: ['N15428', 'N11051'],
      municipalities: KRONOBERG_CODES,
      years: [2023],
    });
    expect(pages.flatMap((p) => p.rows)).toHaveLength(16);
    expect(pages[0]!.envelope.next_page).toMatch(/page=2/);
  });

  it('sends at most 25 ids per call: 31 KPI ids → 2 data calls and 2 metadata calls', async () => {
    const c = client();
    await collect(c, { kpis: ['N17625', ...ids(30)], municipalities: KRONOBERG_CODES, years: [2022, 2023] });
    const calls = stub.dataRequests();
    expect(calls).toHaveLength(2);
    const kpiSegments = calls.map((r) => r.path.split('/')[4]!.split(','));
    expect(kpiSegments.map((s) => s.length)).toEqual([25, 6]);
    expect(kpiSegments.flat()).toHaveLength(31);
    for (const r of calls)
      expect(r.path).toMatch(/\/municipality\/0760,0761,0763,0764,0765,0767,0780,0781\/year\/2022,2023$/);

    stub.reset();
    await c.kpis(ids(31));
    expect(stub.requests.map((r) => r.query.id!.split(',').length)).toEqual([25, 6]);

    stub.reset();
    const munis = Array.from({ length: 31 }, (_, i) => String(1000 + i));
    await collect(c, { kpis: ['N17625'], municipalities: munis });
    expect(stub.dataRequests().map((r) => r.path.split('/')[6]!.split(',').length)).toEqual([25, 6]);
    expect(stub.dataRequests()[0]!.path).not.toContain('/year/');
  });

  it('retries 429 (honouring Retry-After: 0) and then succeeds', async () => {
    stub.failNext(2, { status: 429, headers: { 'retry-after': '0' }, body: { error: 'slow down' } });
    const c = client({ baseDelayMs: 10_000, maxDelayMs: 60_000 }); // backoff would take seconds: Retry-After wins
    const started = Date.now();
    const pages = await collect(c, { kpis: ['N17625'], municipalities: KRONOBERG_CODES, years: [2021, 2022, 2023] });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(pages[0]!.rows).toHaveLength(24);
    expect(stub.dataRequests()).toHaveLength(3);
    expect(c.requests).toBe(3);
  });

  it('retries 5xx with backoff and gives up with a clear error naming the URL, never the body', async () => {
    stub.failNext(10, { status: 503, raw: 'internal detail: db password hunter2' });
    const c = client();
    const err = await collect(c, { kpis: ['N17625'], municipalities: ['0780'], years: [2023] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KoladaError);
    const e = err as KoladaError;
    expect(e.kind).toBe('http');
    expect(e.status).toBe(503);
    expect(e.attempts).toBe(3);
    expect(e.message).toBe(
      `Kolada answered HTTP 503 for ${stub.baseUrl}/data/kpi/N17625/municipality/0780/year/2023; gave up after 3 attempts`,
    );
    expect(e.message).not.toContain('hunter2');
    expect(stub.dataRequests()).toHaveLength(3);
  });

  it('does not retry other 4xx', async () => {
    stub.failNext(5, { status: 404, body: { error: 'nope' } });
    const err = (await client()
      .kpis(['N17625'])
      .catch((e: unknown) => e)) as KoladaError;
    expect(err.message).toBe(`Kolada answered HTTP 404 for ${stub.baseUrl}/kpi?id=N17625`);
    expect(stub.requests).toHaveLength(1);
  });

  it('rejects a response of the wrong shape, saying where, not what', async () => {
    stub.hook(() => ({
      status: 200,
      body: {
        values: [
          {
            kpi: 'N17625',
            municipality: '0780',
            period: 2023,
            values: [{ gender: 'X', value: 'secret-ish', status: '' }],
          },
        ],
      },
    }));
    const err = (await collect(client(), { kpis: ['N17625'], municipalities: ['0780'] }).catch(
      (e: unknown) => e,
    )) as KoladaError;
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toContain(`${stub.baseUrl}/data/kpi/N17625/municipality/0780`);
    expect(err.message).toContain('values.0.values.0.gender');
    expect(err.message).not.toContain('secret-ish');

    stub.reset();
    stub.hook(() => ({ status: 200, raw: '<html>proxy login</html>' }));
    const notJson = (await client()
      .kpis(['N17625'])
      .catch((e: unknown) => e)) as KoladaError;
    expect(notJson.message).toBe(`unexpected response from ${stub.baseUrl}/kpi?id=N17625: not JSON`);
  });

  it('times out a silent server (AbortSignal.timeout) and retries, then reports it', async () => {
    stub.failNext(2, { status: 200, body: { values: [] }, delayMs: 1_000 });
    const c = client({ timeoutMs: 150, maxAttempts: 2 });
    const err = (await c.kpis(['N17625']).catch((e: unknown) => e)) as KoladaError;
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(
      `Kolada did not answer within 150 ms: ${stub.baseUrl}/kpi?id=N17625; gave up after 2 attempts`,
    );
  });

  it('says the API is unreachable, at once, when nothing listens', async () => {
    const port = await closedPort();
    expect(() => new KoladaClient({ baseUrl: `http://user:pw@127.0.0.1:${port}/v3` })).toThrow(
      /must not contain a user name or password/,
    );
    const c = new KoladaClient({ baseUrl: `http://127.0.0.1:${port}/v3`, baseDelayMs: 1_000 });
    const started = Date.now();
    const err = (await c.kpis(['N17625']).catch((e: unknown) => e)) as KoladaError;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(
      `Kolada API unreachable at http://127.0.0.1:${port}/v3/kpi?id=N17625 (connection refused)`,
    );
  });

  it('keeps next links on the configured origin and rejects bad ids before sending anything', async () => {
    const c = client();
    expect(c.resolveLink('https://api.kolada.se/v3/data/kpi/A/municipality/0780?page=2').toString()).toBe(
      `${stub.baseUrl}/data/kpi/A/municipality/0780?page=2`,
    );
    expect(c.resolveLink('/v3/data/kpi/A/municipality/0780?page=3').toString()).toBe(
      `${stub.baseUrl}/data/kpi/A/municipality/0780?page=3`,
    );
    expect(c.resolveLink(`${stub.baseUrl}/kpi?page=2`).toString()).toBe(`${stub.baseUrl}/kpi?page=2`);
    await expect(c.kpis(['N1/../x'])).rejects.toThrow(/not a valid KPI id/);
    expect(stub.requests).toHaveLength(0);
  });

  it('sends from_date on incremental data calls', async () => {
    await collect(client(), {
      kpis: ['N17625'],
      municipalities: KRONOBERG_CODES,
      years: [2023],
      fromDate: '2024-12-12',
    });
    expect(stub.dataRequests()[0]!.query.from_date).toBe('2024-12-12');
  });
});
