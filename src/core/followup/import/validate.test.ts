import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DEMO_INSTRUMENT, DEMO_WAVES } from '../instrument.js';
import { MISSING } from '../types.js';
import {
  ImportInputError,
  ImportMappingError,
  suggestMapping,
  validateCsv,
  validateXlsx,
  type ColumnMappingInput,
  type ImportContext,
} from './index.js';

const ITEMS = DEMO_INSTRUMENT.items.map((i) => i.key);
const HEADER = [
  'lopnr',
  'ar',
  'kommun',
  'skolkod',
  'arskurs',
  'kon',
  'stege_familj',
  'stege_skola',
  'fodd_i_sverige',
  'ar_i_sverige',
  ...ITEMS,
];
const ctx: ImportContext = {
  instrument: DEMO_INSTRUMENT,
  waves: DEMO_WAVES,
  municipalities: ['0760', '0780', '0781'],
  schools: ['10000001', '10000002'],
};
const mapping = suggestMapping(HEADER, DEMO_INSTRUMENT);

/** A valid row; `over` replaces fields by column name. */
function row(id: string | number, over: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    lopnr: String(id),
    ar: '2021',
    kommun: '0780',
    skolkod: '10000001',
    arskurs: '8',
    kon: '1',
    stege_familj: '7',
    stege_skola: '6',
    fodd_i_sverige: '1',
    ar_i_sverige: '',
    ...Object.fromEntries(ITEMS.map((k) => [k, k === 'fysisk_aktivitet' ? '3' : '2'])),
  };
  return HEADER.map((h) => over[h] ?? base[h]).join(',');
}

async function run(
  lines: string[],
  opts: { mapping?: Parameters<typeof validateCsv>[2]['mapping']; split?: number } = {},
) {
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  const chunks = opts.split
    ? Array.from({ length: Math.ceil(bytes.length / opts.split) }, (_, i) =>
        bytes.subarray(i * opts.split!, (i + 1) * opts.split!),
      )
    : [bytes];
  const file = await validateCsv(chunks, ctx, { mapping: opts.mapping ?? mapping });
  return { file, result: file.validator.finish() };
}

describe('respondent validation', () => {
  it('accepts a good file into columns', async () => {
    const { result, file } = await run([
      HEADER.join(','),
      row(1),
      row(2, { kon: '2', ar: '2024', stress_skolarbete: '5' }),
      row(3, { arskurs: 'GY2', fodd_i_sverige: '2', ar_i_sverige: '4', ensam: '' }),
    ]);
    expect(result.summary).toMatchObject({
      rowsTotal: 3,
      rowsValid: 3,
      rowsRejected: 0,
      errors: {},
      rowsPerYear: { '2021': 2, '2024': 1 },
    });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const d = result.data;
    expect(d.length).toBe(3);
    expect(Array.from(d.gender)).toEqual([0, 1, 0]);
    expect(Array.from(d.wave)).toEqual([1, 2, 1]);
    expect(d.grades[d.grade[2]!]).toBe('gy2');
    expect(Array.from(d.yearsInSweden)).toEqual([MISSING, MISSING, 4]);
    expect(d.items.get('ensam')!.codes[2]).toBe(MISSING);
    expect(d.items.get('stress_skolarbete')!.codes[1]).toBe(5);
    expect([0, 1, 2].map(result.idAt)).toEqual(['1', '2', '3']);
    expect(Array.from(result.lines)).toEqual([2, 3, 4]);
  });

  it('reports every error type with counts, line numbers and columns, and never the values', async () => {
    const lines = [
      HEADER.join(','),
      row(1),
      row(2, { trygg_skolan: '7' }), // unknown code (1–5)
      row(3, { stege_familj: '11' }), // out of range
      row(4, { stege_skola: 'x' }), // not a number
      row(5, { kommun: '' }), // missing required
      row(6, { kommun: '0999' }), // unknown municipality
      row(1), // duplicate of line 2
      '7,2021,0780', // too few fields
      row(8, { ar: '2019' }), // not a wave
      row(9, { ar: '2018', ensam: '3' }), // item not asked in 2018
      row(10, { kon: '4', mobbad: '-1' }), // two errors in one row
      row(11, { skolkod: '99999999' }),
      row(12, { arskurs: '9' }),
      row(13, { ar_i_sverige: '31', fodd_i_sverige: '2' }),
    ];
    const { result } = await run(lines);
    const s = result.summary;
    expect(s.rowsTotal).toBe(14);
    expect(s.rowsValid).toBe(1);
    expect(s.rowsRejected).toBe(13);
    expect(s.errors).toEqual({
      malformed_row: 1,
      missing_required: 1,
      invalid_number: 1,
      unknown_code: 8,
      out_of_range: 2,
      duplicate_respondent: 1,
    });
    const at = (line: number) => s.examples.filter((e) => e.line === line);
    expect(at(3)).toEqual([
      {
        line: 3,
        type: 'unknown_code',
        column: 'trygg_skolan',
        field: 'item:trygg_skolan',
        message: 'code not in the codebook of item trygg_skolan in 2021 (allowed: 1, 2, 3, 4, 5)',
      },
    ]);
    expect(at(4)[0]).toMatchObject({
      type: 'out_of_range',
      column: 'stege_familj',
      message: 'family_ladder must be between 1 and 10',
    });
    expect(at(5)[0]).toMatchObject({ type: 'invalid_number', column: 'stege_skola' });
    expect(at(6)[0]).toMatchObject({ type: 'missing_required', column: 'kommun' });
    expect(at(7)[0]).toMatchObject({ type: 'unknown_code', column: 'kommun' });
    expect(at(8)[0]).toMatchObject({ type: 'duplicate_respondent', column: 'lopnr' });
    expect(at(9)[0]).toMatchObject({ type: 'malformed_row', column: null, message: '3 fields, the header has 30' });
    expect(at(10)[0]).toMatchObject({ type: 'unknown_code', column: 'ar' });
    expect(at(11)[0]).toMatchObject({
      type: 'unknown_code',
      column: 'ensam',
      message: 'item ensam was not asked in 2018',
    });
    expect(at(12).map((e) => e.column)).toEqual(['kon', 'mobbad']);
    // No example carries a value from the row.
    for (const e of s.examples) {
      expect(e.message).not.toMatch(/\b(0999|99999999|11|31|x)\b/);
    }
  });

  it('keeps at most maxExamplesPerType examples but counts every error', async () => {
    const lines = [HEADER.join(','), ...Array.from({ length: 30 }, (_, i) => row(i + 1, { halsa: '8' }))];
    const bytes = new TextEncoder().encode(lines.join('\r\n'));
    const file = await validateCsv([bytes], ctx, { mapping, maxExamplesPerType: 3 });
    const s = file.validator.finish().summary;
    expect(s.errors).toEqual({ unknown_code: 30 });
    expect(s.examples.map((e) => e.line)).toEqual([2, 3, 4]);
  });

  it('reads CRLF, a BOM, quoted fields, ; delimiters and split chunks the same way', async () => {
    const plain = await run([HEADER.join(','), row(1), row(2)]);
    const text =
      '\ufeff' +
      [
        HEADER.join(';'),
        row(1).replaceAll(',', ';'),
        `"2";${row(2)
          .split(',')
          .slice(1)
          .map((v) => `"${v}"`)
          .join(';')}`,
      ].join('\r\n') +
      '\r\n';
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 7, 64, bytes.length]) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
        bytes.subarray(i * size, (i + 1) * size),
      );
      const f = await validateCsv(chunks, ctx, { mapping });
      const r = f.validator.finish();
      expect(r.summary.errors).toEqual({});
      expect(Array.from(r.data.items.get('halsa')!.codes)).toEqual(
        Array.from(plain.result.data.items.get('halsa')!.codes),
      );
    }
  });

  it('the same bytes give the same hash; one changed byte a different one', async () => {
    const a = await run([HEADER.join(','), row(1)]);
    const b = await run([HEADER.join(','), row(1)], { split: 5 });
    const c = await run([HEADER.join(','), row(2)]);
    expect(b.file.sha256).toBe(a.file.sha256);
    expect(c.file.sha256).not.toBe(a.file.sha256);
  });

  it('uses value maps, missing tokens, fixedYear and string ids', async () => {
    const header = ['id', 'kommun', 'klass', 'kön', 'trygg', 'stege'];
    const m: ColumnMappingInput = {
      columns: {
        id: 'respondent_id',
        kommun: 'municipality',
        klass: 'grade',
        kön: 'gender',
        trygg: 'item:trygg_skolan',
        stege: 'family_ladder',
      },
      fixedYear: 2024,
      values: { grade: { åk8: '8' }, municipality: { Växjö: '0780' }, missing: ['', '99', 'NA'] },
    };
    const lines = [header.join(','), 'A-01,Växjö,åk8,Flicka,1,99', 'A-02,0780,åk8,kille,NA,3', 'A-01,0780,åk8,,2,5'];
    const file = await validateCsv([new TextEncoder().encode(lines.join('\n'))], ctx, { mapping: m });
    const r = file.validator.finish();
    expect(r.summary.errors).toEqual({ duplicate_respondent: 1 });
    expect(r.summary.ignoredColumns).toEqual([]);
    expect(r.data.length).toBe(2);
    expect([r.idAt(0), r.idAt(1)]).toEqual(['A-01', 'A-02']);
    expect(Array.from(r.data.familyLadder)).toEqual([MISSING, 3]);
    expect(Array.from(r.data.items.get('trygg_skolan')!.codes)).toEqual([1, MISSING]);
    expect(Array.from(r.data.gender)).toEqual([0, 1]);
    expect(Array.from(r.data.wave)).toEqual([2, 2]);
  });

  it('rejects a mapping that does not fit the file, and an empty file', async () => {
    await expect(
      run([HEADER.join(','), row(1)], { mapping: { columns: { lopnr: 'respondent_id', finns_inte: 'item:halsa' } } }),
    ).rejects.toThrow(ImportMappingError);
    try {
      await run([HEADER.join(',')], { mapping: { columns: { lopnr: 'respondent_id', halsa: 'item:okand' } } });
    } catch (e) {
      expect((e as ImportMappingError).problems).toEqual([
        'the instrument has no item okand',
        'no column is mapped to municipality',
        'no column is mapped to grade',
        'map a column to year or give fixedYear',
        'no column is mapped to an item',
      ]);
    }
    await expect(validateCsv([new Uint8Array(0)], ctx, { mapping })).rejects.toThrow(ImportInputError);
  });
});

describe('XLSX import', () => {
  async function workbook(rows: (string | number | null)[][]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Enkät');
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('goes through the same mapping and validation (numbers, text, empty cells)', async () => {
    const header = HEADER;
    const good = row(1)
      .split(',')
      .map((v) => (v === '' ? null : /^\d+$/.test(v) && !v.startsWith('0') ? Number(v) : v));
    const bad = row(2, { halsa: '9' })
      .split(',')
      .map((v) => (v === '' ? null : v));
    const bytes = await workbook([header, good, bad, []]);
    const file = await validateXlsx(bytes, ctx, { mapping });
    const r = file.validator.finish();
    expect(r.summary.rowsTotal).toBe(2);
    expect(r.summary.rowsValid).toBe(1);
    expect(r.summary.errors).toEqual({ unknown_code: 1 });
    expect(r.summary.examples[0]).toMatchObject({ line: 3, column: 'halsa', type: 'unknown_code' });
    expect(r.data.municipalities[r.data.municipality[0]!]).toBe('0780');
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects bytes that are not a workbook', async () => {
    await expect(validateXlsx(new TextEncoder().encode('not a zip'), ctx, { mapping })).rejects.toThrow(
      ImportInputError,
    );
  });
});
