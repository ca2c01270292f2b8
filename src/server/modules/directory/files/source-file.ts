import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';

/**
 * Reading a county's file: CSV (a header row, `;`, `,` or tab between fields, UTF-8 with or without
 * BOM) or JSON (an object with one array of records per section). Both become the same records, read
 * field by field by name, so the two formats are checked by the same rules. A file that cannot be
 * read as the format at all is a `FileFormatError`: the run cannot be done. A single record that
 * does not fit is the importer's business (a rejection), never this module's.
 */

export class FileFormatError extends Error {}

/** One record of the file: where it is (for messages: "line 5", "children[3]") and its fields by name. */
export interface RawRecord {
  readonly where: string;
  /** The trimmed value of a field; undefined when absent or empty. */
  get(field: string): string | undefined;
}

export type FileFormat = 'csv' | 'json';

export interface SourceFile {
  format: FileFormat;
  text: string;
}

/** Reads the file and decides its format: by extension, else by its first character. */
export async function readSourceFile(file: string): Promise<SourceFile> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unreadable';
    throw new FileFormatError(`cannot read ${path.basename(file)} (${code})`);
  }
  const ext = path.extname(file).toLowerCase();
  const first = text.trimStart()[0];
  const format: FileFormat = ext === '.json' || (ext !== '.csv' && (first === '{' || first === '[')) ? 'json' : 'csv';
  if (text.trim() === '') throw new FileFormatError('the file is empty');
  return { format, text };
}

function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const t = s.trim();
  return t === '' ? undefined : t;
}

/**
 * The records of a CSV file. `required` header names must be present (else the file is not of this
 * kind); header names are matched without regard to case, and other columns are ignored.
 */
export function csvRecords(text: string, required: readonly string[]): RawRecord[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t'] });
  const rows = parsed.data;
  if (rows.length === 0) throw new FileFormatError('the file is empty');
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new FileFormatError(
      `the header row lacks the column(s) ${missing.join(', ')} (see docs/import-formats.md for the format)`,
    );
  const index = new Map(header.map((h, i) => [h, i] as const));
  return rows.slice(1).map((cells, i) => ({
    where: `line ${i + 2}`,
    get: (field: string) => {
      const at = index.get(field);
      return at === undefined ? undefined : scalarText(cells[at]);
    },
  }));
}

/**
 * The records of a JSON file's sections. The file must be an object; each section present must be
 * an array of objects. In a section's objects a field may be named with or without the section's
 * prefix (`name` or `unit_name` in `units`).
 */
export function jsonSections(
  text: string,
  sections: Readonly<Record<string, string>>,
): { sections: Record<string, RawRecord[]>; known: boolean } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FileFormatError('the file is not valid JSON');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new FileFormatError('the JSON file must be an object with one array per section');
  const obj = data as Record<string, unknown>;
  const out: Record<string, RawRecord[]> = {};
  let known = false;
  for (const [section, prefix] of Object.entries(sections)) {
    const list = obj[section];
    if (list === undefined) {
      out[section] = [];
      continue;
    }
    known = true;
    if (!Array.isArray(list)) throw new FileFormatError(`"${section}" must be an array`);
    out[section] = list.map((item, i) => jsonRecord(item, `${section}[${i}]`, prefix));
  }
  return { sections: out, known };
}

function jsonRecord(item: unknown, where: string, prefix: string): RawRecord {
  const fields =
    item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
  return {
    where,
    get: (field: string) => {
      if (field in fields) return scalarText(fields[field]);
      if (prefix && field.startsWith(prefix)) return scalarText(fields[field.slice(prefix.length)]);
      return undefined;
    },
  };
}
