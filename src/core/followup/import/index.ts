// Respondent-microdata import, file side: stream the bytes through a SHA-256 (the idempotency
// key), the CSV parser or the XLSX streaming reader, the column mapping and the row validator.
// The server side (src/server/modules/followup/import/survey.ts) checks the hash and earlier
// imports and stores the valid rows in one transaction.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CsvParser, fieldText, type CsvParserOptions, type CsvRow } from './csv.js';
import { resolveMapping, type ColumnMappingInput, type ResolvedMapping } from './mapping.js';
import { RespondentValidator } from './validate.js';
import type { ImportContext } from './validation-types.js';

export * from './csv.js';
export * from './mapping.js';
export * from './validation-types.js';
export * from './validate.js';
export { ByteDictionary } from './bytes.js';

export interface ImportProgress {
  readonly bytes: number;
  /** Null when the size is not known in advance. */
  readonly totalBytes: number | null;
  readonly rows: number;
}

export interface ValidateFileOptions {
  readonly mapping: ColumnMappingInput;
  readonly maxExamplesPerType?: number;
  readonly onProgress?: (p: ImportProgress) => void;
  readonly totalBytes?: number;
  readonly delimiter?: CsvParserOptions['delimiter'];
  /** XLSX: worksheet name (default: the first worksheet). */
  readonly sheet?: string;
}

export interface ValidatedFile {
  readonly sha256: string;
  readonly bytes: number;
  readonly header: readonly string[];
  readonly mapping: ResolvedMapping;
  /** Call `finish()` for the summary and the valid rows (after any `rejectExisting`). */
  readonly validator: RespondentValidator;
}

/** A file that cannot be read at all (empty, no header row, not a workbook). */
export class ImportInputError extends Error {
  override readonly name = 'ImportInputError';
}

/** Validates a respondent CSV from a stream of byte chunks. */
export async function validateCsv(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ctx: ImportContext,
  options: ValidateFileOptions,
): Promise<ValidatedFile> {
  const hash = createHash('sha256');
  let header: string[] | null = null;
  let resolved: ResolvedMapping | null = null;
  let validator: RespondentValidator | null = null;
  const parser = new CsvParser(
    (row: CsvRow) => {
      if (validator) {
        validator.row(row);
        return;
      }
      header = Array.from({ length: row.count }, (_, i) => fieldText(row, i).trim());
      resolved = resolveMapping(header, options.mapping, ctx.instrument);
      // Rows of survey microdata are rarely shorter than 64 bytes: enough room without regrowing.
      const expectedRows = options.totalBytes ? Math.ceil(options.totalBytes / 64) : undefined;
      validator = new RespondentValidator(ctx, resolved, {
        maxExamplesPerType: options.maxExamplesPerType,
        expectedRows,
      });
    },
    { delimiter: options.delimiter },
  );
  for await (const chunk of source) {
    hash.update(chunk);
    parser.push(chunk);
    options.onProgress?.({ bytes: parser.bytesRead, totalBytes: options.totalBytes ?? null, rows: parser.rows });
  }
  parser.end();
  if (!validator || !header || !resolved) throw new ImportInputError('the file is empty (no header row)');
  options.onProgress?.({
    bytes: parser.bytesRead,
    totalBytes: options.totalBytes ?? parser.bytesRead,
    rows: parser.rows,
  });
  return { sha256: hash.digest('hex'), bytes: parser.bytesRead, header, mapping: resolved, validator };
}

const encoder = new TextEncoder();

/** A row of cell texts in the CsvRow shape, so XLSX goes through the same validator. */
export function rowFromStrings(values: readonly string[], line: number): CsvRow {
  const parts = values.map((v) => encoder.encode(v));
  const total = parts.reduce((a, p) => a + p.length, 0);
  const buf = new Uint8Array(total);
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let pos = 0;
  parts.forEach((p, i) => {
    buf.set(p, pos);
    starts[i] = pos;
    pos += p.length;
    ends[i] = pos;
  });
  return { buf, starts, ends, escaped: new Uint8Array(values.length), count: values.length, line, malformed: false };
}

/** Cell value (exceljs) → text as a CSV export would have it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return '#ERROR';
  }
  return String(v);
}

/** Validates a respondent XLSX workbook (first worksheet unless `sheet` is given), streaming. */
export async function validateXlsx(
  bytes: Uint8Array,
  ctx: ImportContext,
  options: ValidateFileOptions,
): Promise<ValidatedFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    },
  );
  let header: string[] | null = null;
  let resolved: ResolvedMapping | null = null;
  let validator: RespondentValidator | null = null;
  let rows = 0;
  let done = false;
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name;
      if (done || (options.sheet !== undefined && name !== options.sheet)) {
        for await (const _ of sheet) void _; // drain
        continue;
      }
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (!validator) {
          if (values.every((v) => v.trim() === '')) continue;
          header = values.map((v) => v.trim());
          while (header.length > 0 && header[header.length - 1] === '') header.pop();
          resolved = resolveMapping(header, options.mapping, ctx.instrument);
          validator = new RespondentValidator(ctx, resolved, { maxExamplesPerType: options.maxExamplesPerType });
          continue;
        }
        // Trailing empty cells are not stored in XLSX: pad to the header's width.
        while (values.length < header!.length) values.push('');
        if (values.length > header!.length && values.slice(header!.length).every((v) => v === ''))
          values.length = header!.length;
        if (values.every((v) => v.trim() === '')) continue;
        validator.row(rowFromStrings(values, row.number));
        rows++;
        if (rows % 5000 === 0) options.onProgress?.({ bytes: bytes.length, totalBytes: bytes.length, rows });
      }
      done = true;
    }
  } catch (err) {
    if (err instanceof Error && err.name === 'ImportMappingError') throw err;
    throw new ImportInputError(
      `the file could not be read as an XLSX workbook (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (!validator || !header || !resolved) throw new ImportInputError('the workbook has no header row');
  options.onProgress?.({ bytes: bytes.length, totalBytes: bytes.length, rows });
  return { sha256, bytes: bytes.length, header, mapping: resolved, validator };
}

/** What an uploaded file looks like before it is mapped: its format and header row. */
export interface FileHeader {
  readonly format: 'csv' | 'xlsx';
  readonly header: readonly string[];
}

/** XLSX files are ZIP archives ("PK\x03\x04"); anything else is read as CSV text. */
export function detectFormat(firstBytes: Uint8Array): 'csv' | 'xlsx' {
  return firstBytes.length >= 4 &&
    firstBytes[0] === 0x50 &&
    firstBytes[1] === 0x4b &&
    firstBytes[2] === 0x03 &&
    firstBytes[3] === 0x04
    ? 'xlsx'
    : 'csv';
}

/**
 * The header row of a respondent file (the column-mapping step's input), read without the rest:
 * CSV stops after the first row, XLSX after the first non-empty row of the first worksheet.
 * Throws ImportInputError for a file that is empty, binary but not a workbook, or unreadable.
 */
export async function readFileHeader(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  format: 'csv' | 'xlsx',
  options: { sheet?: string; delimiter?: CsvParserOptions['delimiter'] } = {},
): Promise<FileHeader> {
  if (format === 'xlsx') {
    const parts: Uint8Array[] = [];
    for await (const c of source) parts.push(c);
    const bytes = Buffer.concat(parts);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    let header: string[] | null = null;
    try {
      for await (const sheet of reader) {
        const name = (sheet as unknown as { name?: string }).name;
        if (header || (options.sheet !== undefined && name !== options.sheet)) {
          for await (const _ of sheet) void _;
          continue;
        }
        for await (const row of sheet) {
          if (header) continue;
          const values = (row.values as unknown[])
            .slice(1)
            .map(cellText)
            .map((v) => v.trim());
          if (values.every((v) => v === '')) continue;
          while (values.length > 0 && values[values.length - 1] === '') values.pop();
          header = values;
        }
      }
    } catch (err) {
      throw new ImportInputError(
        `the file could not be read as an XLSX workbook (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    if (!header) throw new ImportInputError('the workbook has no header row');
    return { format, header };
  }
  let header: string[] | null = null;
  let binary = false;
  const parser = new CsvParser(
    (row: CsvRow) => {
      if (!header) header = Array.from({ length: row.count }, (_, i) => fieldText(row, i).trim());
    },
    { delimiter: options.delimiter },
  );
  for await (const chunk of source) {
    if (chunk.includes(0)) binary = true;
    if (binary) break;
    parser.push(chunk);
    if (header) break;
  }
  if (binary) throw new ImportInputError('the file is neither CSV text nor an XLSX workbook (it contains binary data)');
  if (!header) parser.end();
  if (!header || (header as string[]).every((h) => h === ''))
    throw new ImportInputError('the file is empty (no header row)');
  return { format, header };
}
