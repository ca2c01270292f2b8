import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { WHEEL_INDICATORS } from '../../../../core/wheel.js';
import { backoffMs, chunk, displayUrl, parseRetryAfter } from './client.js';
import { DEFAULT_KPIS, DEFAULT_KPI_MAPPING, KRONOBERG_CODES, goalStageFromPerspective } from './defaults.js';
import {
  flattenDataRows,
  kpiResponseSchema,
  parseKoladaJson,
  replaceNonFiniteTokens,
  toKpiMeta,
  dataRowSchema,
} from '../../../../contract/kolada.js';

const CSV = path.resolve(
  import.meta.dirname,
  '../../../../../test/fixtures/reference/kolada/kolada_child_kpis_2023-03-28.csv',
);

describe('Kolada JSON quirks', () => {
  it('reads bare NaN/Infinity as null, leaving strings alone', () => {
    expect(replaceNonFiniteTokens('{"a": NaN, "b": "NaN \\" NaN", "c": [Infinity, -Infinity, 1]}')).toBe(
      '{"a": null, "b": "NaN \\" NaN", "c": [null, null, 1]}',
    );
    expect(parseKoladaJson('{"publ_period": NaN, "title": "x NaN"}')).toEqual({ publ_period: null, title: 'x NaN' });
    expect(() => parseKoladaJson('{"a": }')).toThrow();
  });

  it('keeps KPI fields as Kolada sends them; unknown fields and unreadable dates go to extra', () => {
    const r = kpiResponseSchema.parse(
      parseKoladaJson(`{"values": [{"id": "N1", "title": "T", "is_divided_by_gender": 1, "has_ou_data": 0, "publ_period": 2022,
        "publication_date": "2023-02-02", "prel_publication_date": "soon", "operating_area": "A,Kommunen, övergripande", "new": [1]}],
        "count": 1, "next_url": null}`),
    );
    expect(toKpiMeta(r.values[0]!)).toEqual({
      id: 'N1',
      title: 'T',
      description: null,
      operatingArea: 'A,Kommunen, övergripande',
      hasOuData: false,
      isDividedByGender: true,
      municipalityType: null,
      perspective: null,
      publPeriod: '2022',
      auspice: null,
      prelPublicationDate: null,
      publicationDate: '2023-02-02',
      extra: { new: [1], prel_publication_date: 'soon' },
    });
  });

  it('flattens values; Privacy never carries a value; a missing status is ""', () => {
    const row = dataRowSchema.parse({
      kpi: 'N09890',
      municipality: '0760',
      period: '2020',
      values: [
        { gender: 'T', value: 3.5, status: 'Privacy', count: 1, isdeleted: false },
        { gender: 'K', value: 1.25, count: null },
        { gender: 'M', value: null, status: 'Brand new status', isdeleted: true },
      ],
    });
    expect(flattenDataRows([row])).toEqual([
      {
        kpi: 'N09890',
        municipality: '0760',
        period: 2020,
        gender: 'T',
        value: null,
        count: 1,
        status: 'Privacy',
        isdeleted: false,
      },
      {
        kpi: 'N09890',
        municipality: '0760',
        period: 2020,
        gender: 'K',
        value: 1.25,
        count: null,
        status: '',
        isdeleted: false,
      },
      {
        kpi: 'N09890',
        municipality: '0760',
        period: 2020,
        gender: 'M',
        value: null,
        count: null,
        status: 'Brand new status',
        isdeleted: true,
      },
    ]);
  });
});

describe('HTTP helpers', () => {
  it('Retry-After: seconds or an HTTP date', () => {
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter('0', 0)).toBe(0);
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });

  it('backoff doubles per attempt with jitter in [step/2, step], capped', () => {
    expect(backoffMs(1, 500, 60_000, () => 0)).toBe(250);
    expect(backoffMs(1, 500, 60_000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 60_000, () => 1)).toBe(2000);
    expect(backoffMs(20, 500, 60_000, () => 1)).toBe(60_000);
  });

  it('chunks and display URLs', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(displayUrl('https://u:p@api.kolada.se/v3/kpi?id=N1#x')).toBe('https://api.kolada.se/v3/kpi?id=N1');
  });
});

describe('default KPI list and wheel mapping', () => {
  const csv = Papa.parse<Record<string, string>>(readFileSync(CSV, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;

  it('is the reference list minus the KPIs without a publication period', () => {
    const unpublished = csv.filter((r) => !r.publ_period).map((r) => r.id);
    expect(unpublished.sort()).toEqual(['N17620', 'U15413', 'U33401', 'U33402']);
    expect([...DEFAULT_KPIS].sort()).toEqual(
      csv
        .filter((r) => r.publ_period)
        .map((r) => r.id!)
        .sort(),
    );
    expect(new Set(DEFAULT_KPIS).size).toBe(DEFAULT_KPIS.length);
  });

  it('maps only default KPIs, each once, to valid wheel indicators', () => {
    const ids = DEFAULT_KPI_MAPPING.map((m) => m.kpiId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of DEFAULT_KPI_MAPPING) {
      expect(DEFAULT_KPIS).toContain(m.kpiId);
      if (m.wheelIndicator) expect(WHEEL_INDICATORS).toContain(m.wheelIndicator);
    }
    const byId = Object.fromEntries(DEFAULT_KPI_MAPPING.map((m) => [m.kpiId, m]));
    expect(byId.N17625).toMatchObject({ wheelIndicator: 'achieving', polarity: 'lower_is_better' });
    expect(byId.N15643).toMatchObject({ wheelIndicator: 'safe', goalStage: 'effects' });
    expect(byId.N09890).toMatchObject({ wheelIndicator: 'active', goalStage: 'volume' });
    // Context only: population counts and background.
    for (const id of ['N01948', 'N33900', 'N02904', 'N15816', 'U15441']) expect(byId[id]).toBeUndefined();
  });

  it('Kolada perspective as a fallback goal-chain stage', () => {
    expect(goalStageFromPerspective('Resurser')).toBe('resources');
    expect(goalStageFromPerspective('Volymer')).toBe('volume');
    expect(goalStageFromPerspective('Kvalitet och resultat,Övrigt')).toBe('quality');
    expect(goalStageFromPerspective('Övrigt,Volymer')).toBe('volume');
    expect(goalStageFromPerspective('Övrigt')).toBeNull();
    expect(goalStageFromPerspective(null)).toBeNull();
  });

  it('Kronoberg: eight municipalities', () => {
    expect(KRONOBERG_CODES).toEqual(['0760', '0761', '0763', '0764', '0765', '0767', '0780', '0781']);
  });
});
