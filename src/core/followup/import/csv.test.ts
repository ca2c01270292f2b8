import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvParser, fieldText, type CsvRow } from './csv.js';

const enc = (s: string) => new TextEncoder().encode(s);

function parse(
  chunks: (string | Uint8Array)[],
  opts: ConstructorParameters<typeof CsvParser>[1] = {},
): { line: number; fields: string[]; malformed: boolean }[] {
  const rows: { line: number; fields: string[]; malformed: boolean }[] = [];
  const p = new CsvParser((row: CsvRow) => {
    rows.push({
      line: row.line,
      fields: Array.from({ length: row.count }, (_, i) => fieldText(row, i)),
      malformed: row.malformed,
    });
  }, opts);
  for (const c of chunks) p.push(typeof c === 'string' ? enc(c) : c);
  p.end();
  return rows;
}

describe('CSV parser', () => {
  it('reads a plain file with LF line ends', () => {
    expect(parse(['a,b,c\n1,2,3\n4,,6\n'])).toEqual([
      { line: 1, fields: ['a', 'b', 'c'], malformed: false },
      { line: 2, fields: ['1', '2', '3'], malformed: false },
      { line: 3, fields: ['4', '', '6'], malformed: false },
    ]);
  });

  it('handles CRLF, a UTF-8 BOM, no final line end, and blank lines', () => {
    const rows = parse([new Uint8Array([0xef, 0xbb, 0xbf, ...enc('kön,år\r\n\r\nflicka,2021\r\npojke,2024')])]);
    expect(rows.map((r) => r.fields)).toEqual([
      ['kön', 'år'],
      ['flicka', '2021'],
      ['pojke', '2024'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4]);
  });

  it('handles quoted fields with delimiters, escaped quotes and line breaks; lines count physical lines', () => {
    const rows = parse(['id,name,note\n1,"Ek, skolan","sa ""hej""\nrad två"\n2,x,y\n']);
    expect(rows[1]!.fields).toEqual(['1', 'Ek, skolan', 'sa "hej"\nrad två']);
    expect(rows[2]).toEqual({ line: 4, fields: ['2', 'x', 'y'], malformed: false });
  });

  it('detects ; and tab delimiters from the header, and keeps a forced one', () => {
    expect(parse(['a;b;c\n1;2,5;3\n'])[1]!.fields).toEqual(['1', '2,5', '3']);
    expect(parse(['a\tb\n1\t2\n'])[1]!.fields).toEqual(['1', '2']);
    expect(parse(['a;b\n1;2\n'], { delimiter: 0x2c })[1]!.fields).toEqual(['1;2']);
  });

  it('reports an unterminated quote at the end as a malformed row', () => {
    const rows = parse(['a,b\n1,"open\n2,3\n']);
    expect(rows[1]!.malformed).toBe(true);
    expect(rows[1]!.line).toBe(2);
  });

  it('decodes Windows-1252 text when it is not UTF-8', () => {
    const rows = parse([new Uint8Array([0x61, 0x0a, 0xe5, 0x72, 0x0a])]);
    expect(rows[1]!.fields).toEqual(['år']);
  });

  it('gives the same rows however the bytes are split into chunks', () => {
    const text =
      '\ufeffid;namn;svar\r\n' +
      Array.from({ length: 40 }, (_, i) => `${i};"Skola ""${i}""; del\r\n${i % 3}";${i % 5}`).join('\r\n') +
      '\r\n\r\n41;sist;\r\n';
    const bytes = enc(text);
    const whole = parse([bytes]);
    expect(whole).toHaveLength(42);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }), (cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let prev = 0;
        for (const c of [...sorted, bytes.length]) {
          chunks.push(bytes.subarray(prev, c));
          prev = c;
        }
        expect(parse(chunks)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
