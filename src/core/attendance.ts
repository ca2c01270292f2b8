/**
 * School attendance (närvaro): the import file format, its row-by-row validation, the per-pupil
 * sums over a period and the absence thresholds. Pure (no I/O); the server imports with it and the
 * web UI documents the format from the same constants.
 *
 * THE FILE. A CSV file, UTF-8, separated by semicolons (Swedish Excel), commas or tabs; the first
 * non-empty line is a header naming the columns (any order, case-insensitive, å/ä/ö may be written
 * a/a/o, spaces or hyphens for underscores):
 *
 *   personnummer      the pupil, 12 or 10 digits, with or without "-"                   (required)
 *   datum             one school day, YYYY-MM-DD                        (either datum, or fran+till)
 *   fran, till        a span of days, YYYY-MM-DD, both inside the import's period
 *   schemalagt        scheduled time in the span: minutes or lessons (the import says which)
 *   giltig_franvaro   valid (excused) absence, same measure                                 (required)
 *   ogiltig_franvaro  invalid (unexcused) absence, same measure                             (required)
 *
 * One pupil may have several lines (one per day, week, ...); the spans of one pupil may not overlap.
 * Present time is scheduled − valid − invalid. English headers (personal_identity_number, date,
 * from, to, scheduled, valid_absence, invalid_absence) are accepted too.
 *
 * Problems are reported by LINE NUMBER and code only — never with the value, so an error report
 * cannot carry a personnummer anywhere (screen, log, audit).
 */
import Papa from 'papaparse';
import { parseIdentityNumber } from './personnummer.js';

export const ATTENDANCE_MEASURES = ['minutes', 'lessons'] as const;
export type AttendanceMeasure = (typeof ATTENDANCE_MEASURES)[number];

export const ATTENDANCE_COLUMNS = [
  'personnummer',
  'datum',
  'fran',
  'till',
  'schemalagt',
  'giltig_franvaro',
  'ogiltig_franvaro',
] as const;
export type AttendanceColumn = (typeof ATTENDANCE_COLUMNS)[number];

/** Header aliases (after normalising: lower case, å/ä → a, ö → o, spaces and hyphens → _). */
const ALIASES: Record<string, AttendanceColumn> = {
  personnummer: 'personnummer',
  pnr: 'personnummer',
  personal_identity_number: 'personnummer',
  datum: 'datum',
  date: 'datum',
  fran: 'fran',
  from: 'fran',
  fr_o_m: 'fran',
  till: 'till',
  to: 'till',
  t_o_m: 'till',
  schemalagt: 'schemalagt',
  schemalagd_tid: 'schemalagt',
  scheduled: 'schemalagt',
  giltig_franvaro: 'giltig_franvaro',
  valid_absence: 'giltig_franvaro',
  ogiltig_franvaro: 'ogiltig_franvaro',
  invalid_absence: 'ogiltig_franvaro',
};

/** An example file, shown in the UI (Skatteverket's test personnummer, never assigned to anyone). */
export const ATTENDANCE_CSV_EXAMPLE = [
  'personnummer;fran;till;schemalagt;giltig_franvaro;ogiltig_franvaro',
  '20150109-2397;2025-09-01;2025-09-30;6300;420;120',
  '20140216-2398;2025-09-01;2025-09-30;6300;0;0',
].join('\n');

export const MAX_ATTENDANCE_ROWS = 50_000;

export type AttendanceRowProblem =
  | 'column_count' // not as many fields as the header
  | 'personnummer_invalid' // not a valid personnummer/samordningsnummer (format, date or check digit)
  | 'date_invalid' // not YYYY-MM-DD, or not a real date
  | 'date_order' // fran after till
  | 'date_outside_period' // not inside the import's period
  | 'number_invalid' // scheduled/absence not a whole number ≥ 0
  | 'absence_exceeds_scheduled' // valid + invalid > scheduled
  | 'overlapping_dates' // the same pupil's lines cover a day twice
  | 'unreadable'; // the CSV parser could not read the line (e.g. an unclosed quote)

export type AttendanceFileProblem =
  | 'empty' // no header or no data lines
  | 'missing_columns' // required columns absent (see missingColumns)
  | 'duplicate_columns' // a column named twice
  | 'line_break_in_field' // a quoted field spans lines: line numbers would be wrong
  | 'too_many_rows';

export interface AttendanceRow {
  line: number;
  /** 12 digits. */
  personnummer: string;
  from: string;
  to: string;
  scheduled: number;
  validAbsence: number;
  invalidAbsence: number;
}

export interface AttendanceRowError {
  line: number;
  problems: AttendanceRowProblem[];
}

export interface ParsedAttendanceFile {
  fileProblems: AttendanceFileProblem[];
  /** Canonical names of required columns that are missing (never file content). */
  missingColumns: AttendanceColumn[];
  rowErrors: AttendanceRowError[];
  rows: AttendanceRow[];
  /** Non-empty lines after the header. */
  dataRows: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function wholeNumber(s: string): number | null {
  const t = s.replace(/\s+/g, '');
  if (!/^\d{1,7}$/.test(t)) return null;
  return Number(t);
}

/** The separator the header line uses most (papaparse's own guess wavers on one-line files). */
function guessDelimiter(text: string): string {
  const header = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (d: string) => header.split(d).length - 1;
  return [';', '\t', ','].reduce((best, d) => (count(d) > count(best) ? d : best), ';');
}

export function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/\./g, '_')
    .replace(/[\s-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * Reads and validates an attendance file for the period [periodStart, periodEnd]. Nothing is
 * dropped silently: every data line is either in `rows` or in `rowErrors`. `today` decides the
 * century of 10-digit personnummer.
 */
export function parseAttendanceCsv(
  csv: string,
  period: { start: string; end: string },
  today: Date,
): ParsedAttendanceFile {
  const out: ParsedAttendanceFile = { fileProblems: [], missingColumns: [], rowErrors: [], rows: [], dataRows: 0 };
  const text = csv.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: guessDelimiter(text) });
  const lines = parsed.data;
  if (lines.some((fields) => fields.some((f) => /[\r\n]/.test(f)))) {
    out.fileProblems.push('line_break_in_field');
    return out;
  }
  const isBlank = (fields: string[]) => fields.every((f) => f.trim() === '');
  const headerIndex = lines.findIndex((fields) => !isBlank(fields));
  if (headerIndex < 0) {
    out.fileProblems.push('empty');
    return out;
  }
  const header = (lines[headerIndex] ?? []).map((h) => ALIASES[normaliseHeader(h)] ?? null);
  const col = new Map<AttendanceColumn, number>();
  header.forEach((c, i) => {
    if (c === null) return;
    if (col.has(c)) out.fileProblems.push('duplicate_columns');
    col.set(c, i);
  });
  const required: AttendanceColumn[] = ['personnummer', 'schemalagt', 'giltig_franvaro', 'ogiltig_franvaro'];
  const missing = required.filter((c) => !col.has(c));
  const hasDay = col.has('datum');
  const hasSpan = col.has('fran') && col.has('till');
  if (!hasDay && !hasSpan) missing.push(...(['fran', 'till'] as const).filter((c) => !col.has(c)));
  if (missing.length > 0) {
    out.fileProblems.push('missing_columns');
    out.missingColumns = ATTENDANCE_COLUMNS.filter((c) => missing.includes(c));
  }
  if (out.fileProblems.length > 0) return out;

  const rowErrorAt = new Map<number, AttendanceRowProblem[]>(
    parsed.errors
      .filter((e) => typeof e.row === 'number')
      .map((e) => [(e.row as number) + 1, ['unreadable' as AttendanceRowProblem]]),
  );
  const width = lines[headerIndex]!.length;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const fields = lines[i]!;
    if (isBlank(fields)) continue;
    out.dataRows += 1;
    if (out.dataRows > MAX_ATTENDANCE_ROWS) {
      out.fileProblems.push('too_many_rows');
      out.rows = [];
      out.rowErrors = [];
      return out;
    }
    const line = i + 1;
    const problems: AttendanceRowProblem[] = [...(rowErrorAt.get(line) ?? [])];
    if (fields.length !== width) problems.push('column_count');
    const get = (c: AttendanceColumn) => (col.has(c) ? (fields[col.get(c)!] ?? '').trim() : '');

    let personnummer = '';
    try {
      personnummer = parseIdentityNumber(get('personnummer'), today).normalized;
    } catch {
      problems.push('personnummer_invalid');
    }
    // datum wins when the file has both and the line fills it in.
    const day = get('datum');
    const from = hasDay && (day !== '' || !hasSpan) ? day : get('fran');
    const to = hasDay && (day !== '' || !hasSpan) ? day : get('till');
    if (!isRealDate(from) || !isRealDate(to)) problems.push('date_invalid');
    else if (from > to) problems.push('date_order');
    else if (from < period.start || to > period.end) problems.push('date_outside_period');

    const scheduled = wholeNumber(get('schemalagt'));
    const validAbsence = wholeNumber(get('giltig_franvaro'));
    const invalidAbsence = wholeNumber(get('ogiltig_franvaro'));
    if (scheduled === null || validAbsence === null || invalidAbsence === null) problems.push('number_invalid');
    else if (validAbsence + invalidAbsence > scheduled) problems.push('absence_exceeds_scheduled');

    if (problems.length > 0) out.rowErrors.push({ line, problems: [...new Set(problems)] });
    else
      out.rows.push({
        line,
        personnummer,
        from,
        to,
        scheduled: scheduled!,
        validAbsence: validAbsence!,
        invalidAbsence: invalidAbsence!,
      });
  }
  if (out.dataRows === 0) {
    out.fileProblems.push('empty');
    return out;
  }

  // One pupil's spans may not cover a day twice (the same day counted twice skews the percentage).
  const byPerson = new Map<string, AttendanceRow[]>();
  for (const r of out.rows) byPerson.set(r.personnummer, [...(byPerson.get(r.personnummer) ?? []), r]);
  const overlapping = new Set<number>();
  for (const list of byPerson.values()) {
    const sorted = [...list].sort((a, b) => a.from.localeCompare(b.from) || a.line - b.line);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.from <= sorted[i - 1]!.to) {
        overlapping.add(sorted[i]!.line);
        overlapping.add(sorted[i - 1]!.line);
      }
    }
  }
  if (overlapping.size > 0) {
    out.rows = out.rows.filter((r) => !overlapping.has(r.line));
    for (const line of overlapping) out.rowErrors.push({ line, problems: ['overlapping_dates'] });
  }
  out.rowErrors.sort((a, b) => a.line - b.line);
  return out;
}

export interface PupilAttendance {
  personnummer: string;
  lines: number[];
  scheduled: number;
  validAbsence: number;
  invalidAbsence: number;
}

/** Sums each pupil's lines. */
export function sumByPupil(rows: readonly AttendanceRow[]): PupilAttendance[] {
  const map = new Map<string, PupilAttendance>();
  for (const r of rows) {
    const p = map.get(r.personnummer) ?? {
      personnummer: r.personnummer,
      lines: [],
      scheduled: 0,
      validAbsence: 0,
      invalidAbsence: 0,
    };
    p.lines.push(r.line);
    p.scheduled += r.scheduled;
    p.validAbsence += r.validAbsence;
    p.invalidAbsence += r.invalidAbsence;
    map.set(r.personnummer, p);
  }
  return [...map.values()];
}

export interface AbsenceThresholds {
  /** Total absence (valid + invalid) in percent of scheduled time that raises an alert. */
  totalAbsencePct: number;
  /** Invalid absence in percent of scheduled time that raises an alert. */
  invalidAbsencePct: number;
}

export type AbsenceTrigger = 'total' | 'invalid';

export interface AbsenceEvaluation {
  /** Rounded to two decimals, for display and storage; null when nothing was scheduled. */
  totalAbsencePct: number | null;
  invalidAbsencePct: number | null;
  /** Which thresholds are reached (≥). Empty = no alert. */
  triggered: AbsenceTrigger[];
}

const pct = (part: number, whole: number) => Math.round((part * 10_000) / whole) / 100;

/** Absence in percent over the period and the thresholds it reaches (compared before rounding). */
export function evaluateAbsence(
  a: Pick<PupilAttendance, 'scheduled' | 'validAbsence' | 'invalidAbsence'>,
  t: AbsenceThresholds,
): AbsenceEvaluation {
  if (a.scheduled <= 0) return { totalAbsencePct: null, invalidAbsencePct: null, triggered: [] };
  const absent = a.validAbsence + a.invalidAbsence;
  const triggered: AbsenceTrigger[] = [];
  // part/whole ≥ t/100  ⇔  100·part ≥ t·whole (no division, so 15 % of 6300 is exactly 945).
  if (absent * 100 >= t.totalAbsencePct * a.scheduled) triggered.push('total');
  if (a.invalidAbsence * 100 >= t.invalidAbsencePct * a.scheduled) triggered.push('invalid');
  return {
    totalAbsencePct: pct(absent, a.scheduled),
    invalidAbsencePct: pct(a.invalidAbsence, a.scheduled),
    triggered,
  };
}
