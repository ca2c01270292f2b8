/**
 * The small CSV files analysts send as a request body (population counts, operational series):
 * parsed whole, every row checked, and a bad file refused with every problem by line.
 */
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { AppError } from '../../../../core/errors.js';

export interface RowProblem {
  line: number;
  /** What is wrong, in English (API readers), and the same as codes (the UI translates these). */
  problems: string[];
  codes: string[];
}

/** Collects a row's problems as message + code. */
export function problemList() {
  const problems: string[] = [];
  const codes: string[] = [];
  return {
    problems,
    codes,
    add(code: string, message: string) {
      codes.push(code);
      problems.push(message);
    },
  };
}

export function invalidFile(message: string, rowErrors: RowProblem[], rowsTotal: number): AppError {
  return new AppError('bad_request', message, {
    reason: 'invalid_file',
    rowsTotal,
    rowsWithErrors: rowErrors.length,
    rowErrors: rowErrors.slice(0, 200),
  });
}

/** 400 for a file with bad rows: nothing of it is imported. */
export function rowsRefused(problems: RowProblem[], rowsTotal: number): AppError {
  return invalidFile(
    `${problems.length} of ${rowsTotal} rows have problems; nothing was imported. Correct the rows listed and import the file again.`,
    problems,
    rowsTotal,
  );
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const INT = /^[0-9]{1,9}$/;

/** Parses a small CSV (papaparse; delimiter detected, BOM stripped) into rows keyed by lower-case header. */
export function parseSmallCsv(
  text: string,
  aliases: Record<string, readonly string[]>,
  required: readonly string[],
): { rows: { line: number; get: (k: string) => string | undefined }[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [';', ',', '\t'],
  });
  const data = parsed.data;
  if (data.length === 0) throw invalidFile('The file is empty.', [], 0);
  const header = data[0]!.map((h) => h.trim().toLowerCase());
  const index: Record<string, number> = {};
  for (const [key, names] of Object.entries(aliases)) {
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) index[key] = i;
  }
  const missing = required.filter((k) => index[k] === undefined);
  if (missing.length > 0) {
    throw new AppError(
      'bad_request',
      `The header row lacks ${missing.map((k) => `"${aliases[k]![0]}"`).join(', ')}. Expected columns: ${Object.values(
        aliases,
      )
        .map((a) => a[0])
        .join(';')}.`,
      {
        reason: 'invalid_file',
        missingColumns: missing.map((k) => aliases[k]![0]),
        rowsTotal: 0,
        rowsWithErrors: 0,
        rowErrors: [],
      },
    );
  }
  if (data.length === 1) throw invalidFile('The file has a header row but no data rows.', [], 0);
  return {
    rows: data.slice(1).map((cells, i) => ({
      line: i + 2,
      get: (k: string) => (index[k] === undefined ? undefined : cells[index[k]!]?.trim()),
    })),
  };
}
