// Row validation of respondent microdata, straight from CSV bytes (or XLSX rows re-encoded as
// bytes) into columns. Every row is checked completely; a row with any error is rejected and
// counted. The summary counts errors per type and keeps the first examples per type with line
// number, column and a message that never contains the row's values (an answer, or a background
// value, of one child is personal data even in an error report).

import { createSurveyData } from '../survey-data.js';
import * as types from '../types.js';
import type { CsvRow } from './csv.js';
import { fieldText } from './csv.js';
import { type ByteDictionary, INVALID, NumberSet, parseIntBytes, trimEnd, trimStart } from './bytes.js';
import { RespondentColumns } from './columns.js';
import {
  IMPORT_ERROR_TYPES,
  type ImportContext,
  type ImportErrorExample,
  type ImportErrorType,
  type ValidatedRespondents,
} from './validation-types.js';
import { buildLookups, type ItemSpec, itemSpecs, type RowLookups } from './lookups.js';
import type { ResolvedMapping, TargetField } from './mapping.js';

const MISSING = types.MISSING;
const MISSING_SCHOOL = types.MISSING_SCHOOL;
const MAX_YEARS = types.MAX_YEARS_IN_SWEDEN;

const DUPLICATE_MESSAGE = 'the same respondent id appears earlier in the file for the same wave';

export class RespondentValidator {
  private n = 0;
  private readonly cols: RespondentColumns;
  private readonly items: ItemSpec[];
  private readonly seenNumeric: NumberSet;
  private readonly seenStrings = new Set<string>();
  private readonly errorCounts = new Map<ImportErrorType, number>();
  private readonly examples: ImportErrorExample[] = [];
  private readonly examplesPerType = new Map<ImportErrorType, number>();
  private rowsTotal = 0;
  /** Errors of the row being validated. */
  private rowBad = 0;
  private readonly rowsPerWave: number[];
  private readonly col: Readonly<Partial<Record<TargetField, number>>>;
  private readonly headerCount: number;
  private readonly lk: RowLookups;

  constructor(
    private readonly ctx: ImportContext,
    private readonly resolved: ResolvedMapping,
    private readonly options: { maxExamplesPerType?: number; expectedRows?: number } = {},
  ) {
    this.col = resolved.fields;
    this.headerCount = resolved.header.length;
    this.lk = buildLookups(ctx, resolved);
    const cap = Math.max(1024, options.expectedRows ?? 0);
    let setCap = 1 << 12;
    while (setCap < cap * 2) setCap *= 2;
    this.seenNumeric = new NumberSet(setCap);
    this.rowsPerWave = ctx.waves.map(() => 0);
    this.items = itemSpecs(ctx, resolved, cap);
    this.cols = new RespondentColumns(cap, this.items);
  }

  /** Counts an error; keeps it as an example while the type has fewer than the maximum. */
  private error(
    type: ImportErrorType,
    line: number,
    column: number,
    field: string | null,
    message: string | ItemSpec,
    wave = -1,
  ): void {
    this.errorCounts.set(type, (this.errorCounts.get(type) ?? 0) + 1);
    const shown = this.examplesPerType.get(type) ?? 0;
    if (shown >= (this.options.maxExamplesPerType ?? 10)) return;
    this.examplesPerType.set(type, shown + 1);
    const text = typeof message === 'string' ? message : this.codebookMessage(message, wave);
    this.examples.push({
      line,
      type,
      column: column >= 0 ? (this.resolved.header[column] ?? null) : null,
      field,
      message: text,
    });
  }

  /** Is the field empty or one of the "no answer" tokens? (s, e already trimmed.) */
  private isMissing(buf: Uint8Array, s: number, e: number): boolean {
    return s === e || this.lk.missingDict.get(buf, s, e) >= 0;
  }

  /** Validates one CSV row (the header row is handled by the caller). */
  row(row: CsvRow): void {
    this.rowsTotal++;
    const line = row.line;
    if (row.malformed || row.count !== this.headerCount) {
      this.error(
        'malformed_row',
        line,
        -1,
        null,
        row.malformed ? 'unterminated quoted field' : `${row.count} fields, the header has ${this.headerCount}`,
      );
      return;
    }
    if (this.n === this.cols.cap) this.cols.grow();
    const i = this.n;
    this.rowBad = 0;
    const w = this.rowWave(row, line);
    const numericId = this.rowId(row, line);
    this.rowPlace(row, i, line, w);
    this.rowBackground(row, i, line);
    this.rowItems(row, i, line, w);
    if (this.rowBad > 0 || w < 0) return;
    this.accept(row, i, line, w, numericId);
  }

  /** The row's wave (year), or −1. */
  private rowWave(row: CsvRow, line: number): number {
    const { buf, starts, ends } = row;
    let w = this.lk.fixedWave;
    const yc = this.col.year;
    if (yc !== undefined) {
      const s = trimStart(buf, starts[yc]!, ends[yc]!);
      const e = trimEnd(buf, s, ends[yc]!);
      const y = parseIntBytes(buf, s, e);
      const wi = y === INVALID ? undefined : this.lk.yearDict.get(y);
      if (wi === undefined) {
        this.rowBad++;
        w = -1;
        if (this.isMissing(buf, s, e)) this.error('missing_required', line, yc, 'year', 'the survey year is required');
        else if (y === INVALID) this.error('invalid_number', line, yc, 'year', 'the year is not a whole number');
        else
          this.error(
            'unknown_code',
            line,
            yc,
            'year',
            `not a wave of this survey (${this.ctx.waves.map((x) => x.year).join(', ')})`,
          );
      } else w = wi;
    } else if (w === -2) {
      this.rowBad++;
      this.error('unknown_code', line, -1, 'year', 'fixedYear is not a wave of this survey');
      w = -1;
    }
    return w;
  }

  /** Respondent id: numbers (no leading zero, at most 15 digits) take the fast path; else −1. */
  private rowId(row: CsvRow, line: number): number {
    const { buf, starts, ends } = row;
    const ic = this.col.respondent_id!;
    const is = trimStart(buf, starts[ic]!, ends[ic]!);
    const ie = trimEnd(buf, is, ends[ic]!);
    let numericId = -1;
    if (is === ie) {
      this.rowBad++;
      this.error('missing_required', line, ic, 'respondent_id', 'the respondent id is required');
    } else if (this.cols.numericIds !== null && ie - is <= 15 && (buf[is] !== 0x30 || ie - is === 1)) {
      let v = 0;
      for (let k = is; k < ie; k++) {
        const d = buf[k]! - 0x30;
        if (d < 0 || d > 9) {
          v = -1;
          break;
        }
        v = v * 10 + d;
      }
      numericId = v;
    }
    if (numericId < 0 && is !== ie && this.lk.missingDict.get(buf, is, ie) >= 0) {
      this.rowBad++;
      this.error('missing_required', line, ic, 'respondent_id', 'the respondent id is required');
    }
    return numericId;
  }

  /** Municipality (required), school (optional), grade (required, surveyed in wave w). */
  private rowPlace(row: CsvRow, i: number, line: number, w: number): void {
    const { buf, starts, ends } = row;
    const col = this.col;
    const mc = col.municipality!;
    let s = trimStart(buf, starts[mc]!, ends[mc]!);
    let e = trimEnd(buf, s, ends[mc]!);
    let v = s === e ? -1 : this.lk.muniDict.get(buf, s, e);
    if (v < 0) {
      this.rowBad++;
      if (this.isMissing(buf, s, e))
        this.error('missing_required', line, mc, 'municipality', 'the municipality is required');
      else this.error('unknown_code', line, mc, 'municipality', 'not a known municipality code');
    } else this.cols.municipality[i] = v;
    const sc = col.school;
    if (sc !== undefined) {
      s = trimStart(buf, starts[sc]!, ends[sc]!);
      e = trimEnd(buf, s, ends[sc]!);
      v = s === e ? -1 : this.lk.schoolDict.get(buf, s, e);
      if (v >= 0) this.cols.school[i] = v;
      else if (this.isMissing(buf, s, e)) this.cols.school[i] = MISSING_SCHOOL;
      else {
        this.rowBad++;
        this.error('unknown_code', line, sc, 'school', 'not a known school code');
      }
    } else this.cols.school[i] = MISSING_SCHOOL;
    const gc = col.grade!;
    s = trimStart(buf, starts[gc]!, ends[gc]!);
    e = trimEnd(buf, s, ends[gc]!);
    v = s === e ? -1 : this.lk.gradeDict.get(buf, s, e);
    if (v < 0 || (w >= 0 && this.lk.gradesByWave[w * 256 + v] !== 1)) {
      this.rowBad++;
      if (v < 0 && this.isMissing(buf, s, e))
        this.error('missing_required', line, gc, 'grade', 'the grade is required');
      else
        this.error(
          'unknown_code',
          line,
          gc,
          'grade',
          v < 0
            ? `not a grade of this survey (${this.lk.grades.join(', ')})`
            : 'this grade was not surveyed in that wave',
        );
    } else this.cols.grade[i] = v;
  }

  /** Gender, ladders, born in Sweden and years in Sweden (all optional). */
  private rowBackground(row: CsvRow, i: number, line: number): void {
    const { buf, starts, ends } = row;
    const col = this.col;
    const gender = this.dict(buf, starts, ends, col.gender, this.lk.genderDict, 'gender', line);
    const fam = this.range(buf, starts, ends, col.family_ladder, 1, 10, 'family_ladder', line);
    const sch = this.range(buf, starts, ends, col.school_ladder, 1, 10, 'school_ladder', line);
    const born = this.dict(buf, starts, ends, col.born_in_sweden, this.lk.bornDict, 'born_in_sweden', line);
    const years = this.range(buf, starts, ends, col.years_in_sweden, 0, MAX_YEARS, 'years_in_sweden', line);
    if (gender < 0 || fam < 0 || sch < 0 || born < 0 || years < 0) this.rowBad++;
    this.cols.gender[i] = gender;
    this.cols.familyLadder[i] = fam;
    this.cols.schoolLadder[i] = sch;
    this.cols.born[i] = born;
    // Years in Sweden describe those born abroad; for others the answer is not kept.
    this.cols.years[i] = born === 0 ? years : MISSING;
  }

  /** Every item's answer code, checked against the codebook of the version asked in wave w. */
  private rowItems(row: CsvRow, i: number, line: number, w: number): void {
    const { buf, starts, ends } = row;
    const items = this.items;
    const wb = w << 8;
    for (let j = 0; j < items.length; j++) {
      const it = items[j]!;
      const c = it.column;
      // Fast path: a one-digit code, or an empty field.
      const s0 = starts[c]!;
      const len0 = ends[c]! - s0;
      if (len0 === 1) {
        const d = buf[s0]! - 0x30;
        if (d >= 0 && d <= 9 && w >= 0 && it.valid[wb | d] === 1 && !this.lk.missingNumbers.has(d)) {
          it.out[i] = d;
          continue;
        }
      } else if (len0 === 0) {
        it.out[i] = MISSING;
        continue;
      }
      const s = trimStart(buf, starts[c]!, ends[c]!);
      const e = trimEnd(buf, s, ends[c]!);
      if (s === e) {
        it.out[i] = MISSING;
        continue;
      }
      const code = parseIntBytes(buf, s, e);
      if (code >= 0 && code <= 254 && w >= 0 && it.valid[wb | code] === 1) {
        it.out[i] = code;
        continue;
      }
      if (code === INVALID) {
        if (this.lk.missingDict.get(buf, s, e) >= 0) {
          it.out[i] = MISSING;
          continue;
        }
        this.rowBad++;
        this.error('invalid_number', line, c, it.field, 'the answer code is not a whole number');
        continue;
      }
      if (this.lk.missingNumbers.has(code)) {
        it.out[i] = MISSING;
        continue;
      }
      if (w < 0) continue;
      this.rowBad++;
      this.error('unknown_code', line, c, it.field, it, w);
    }
  }

  /** Keeps a valid row unless its id is a duplicate (per wave) among the rows accepted so far. */
  private accept(row: CsvRow, i: number, line: number, w: number, numericId: number): void {
    const ic = this.col.respondent_id!;
    if (numericId >= 0 && this.cols.numericIds !== null) {
      if (!this.seenNumeric.add(numericId * 256 + w)) {
        this.error('duplicate_respondent', line, ic, 'respondent_id', DUPLICATE_MESSAGE);
        return;
      }
      this.cols.numericIds[i] = numericId;
    } else {
      this.toStringIds();
      const id = fieldText(row, ic).trim();
      if (this.seenStrings.has(`${w}|${id}`)) {
        this.error('duplicate_respondent', line, ic, 'respondent_id', DUPLICATE_MESSAGE);
        return;
      }
      this.seenStrings.add(`${w}|${id}`);
      this.cols.stringIds![i] = id;
    }
    this.cols.wave[i] = w;
    this.cols.lines[i] = line;
    this.rowsPerWave[w]!++;
    this.n++;
  }

  private codebookMessage(it: ItemSpec, w: number): string {
    const year = this.ctx.waves[w]!.year;
    if (!it.asked[w]) return `item ${it.key} was not asked in ${year}`;
    const codes: number[] = [];
    for (let c = 0; c < 256; c++) if (it.valid[w * 256 + c] === 1) codes.push(c);
    return `code not in the codebook of item ${it.key} in ${year} (allowed: ${codes.join(', ')})`;
  }

  private toStringIds(): void {
    if (this.cols.stringIds) return;
    // Switch to string ids; earlier numeric ids become strings (and join the string set).
    const ids: string[] = new Array(this.cols.cap);
    for (let k = 0; k < this.n; k++) {
      ids[k] = String(this.cols.numericIds![k]);
      this.seenStrings.add(`${this.cols.wave[k]}|${ids[k]}`);
    }
    this.cols.stringIds = ids;
    this.cols.numericIds = null;
  }

  /** The mapped value, MISSING, or −1 (error recorded). */
  private dict(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    c: number | undefined,
    dict: ByteDictionary,
    field: string,
    line: number,
  ): number {
    if (c === undefined) return MISSING;
    const s = trimStart(buf, starts[c]!, ends[c]!);
    const e = trimEnd(buf, s, ends[c]!);
    if (s === e) return MISSING;
    const v = dict.get(buf, s, e);
    if (v >= 0) return v;
    if (this.lk.missingDict.get(buf, s, e) >= 0) return MISSING;
    this.error('unknown_code', line, c, field, `not a value mapped for ${field}`);
    return -1;
  }

  /** The integer, MISSING, or −1 (error recorded). */
  private range(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    c: number | undefined,
    min: number,
    max: number,
    field: string,
    line: number,
  ): number {
    if (c === undefined) return MISSING;
    const s0 = starts[c]!;
    const len0 = ends[c]! - s0;
    if (len0 === 0) return MISSING;
    if (len0 === 1) {
      const d = buf[s0]! - 0x30;
      if (d >= min && d <= max && d <= 9 && !this.lk.missingNumbers.has(d)) return d;
    }
    const s = trimStart(buf, s0, ends[c]!);
    const e = trimEnd(buf, s, ends[c]!);
    if (s === e) return MISSING;
    const v = parseIntBytes(buf, s, e);
    if (v >= min && v <= max && !this.lk.missingNumbers.has(v)) return v;
    if (v === INVALID) {
      if (this.lk.missingDict.get(buf, s, e) >= 0) return MISSING;
      this.error('invalid_number', line, c, field, `${field} is not a whole number`);
      return -1;
    }
    if (this.lk.missingNumbers.has(v)) return MISSING;
    this.error('out_of_range', line, c, field, `${field} must be between ${min} and ${max}`);
    return -1;
  }

  /** Marks already accepted rows as duplicates of earlier imports (by index); they are dropped. */
  rejectExisting(indexes: readonly number[]): void {
    if (indexes.length === 0) return;
    const drop = new Uint8Array(this.n);
    for (const k of indexes) {
      drop[k] = 1;
      this.error(
        'duplicate_respondent',
        this.cols.lines[k]!,
        this.col.respondent_id!,
        'respondent_id',
        'this respondent was imported earlier (another file)',
      );
    }
    let out = 0;
    for (let k = 0; k < this.n; k++) {
      if (drop[k] === 1) {
        this.rowsPerWave[this.cols.wave[k]!]!--;
        continue;
      }
      if (out !== k) this.cols.copyRow(k, out);
      out++;
    }
    this.n = out;
  }

  /** Respondent id of accepted row k so far (before finish). */
  idAt(k: number): string {
    return this.cols.stringIds ? this.cols.stringIds[k]! : String(this.cols.numericIds![k]);
  }

  get accepted(): number {
    return this.n;
  }

  waveOf(k: number): number {
    return this.cols.wave[k]!;
  }

  finish(): ValidatedRespondents {
    const n = this.n;
    const items = new Map<string, Uint8Array>();
    for (const it of this.items) items.set(it.key, it.out.subarray(0, n));
    const data = createSurveyData(this.ctx.instrument, this.ctx.waves, {
      length: n,
      grades: this.lk.grades,
      municipalities: this.ctx.municipalities,
      schools: this.ctx.schools,
      wave: this.cols.wave.subarray(0, n),
      grade: this.cols.grade.subarray(0, n),
      municipality: this.cols.municipality.subarray(0, n),
      school: this.cols.school.subarray(0, n),
      gender: this.cols.gender.subarray(0, n),
      familyLadder: this.cols.familyLadder.subarray(0, n),
      schoolLadder: this.cols.schoolLadder.subarray(0, n),
      bornInSweden: this.cols.born.subarray(0, n),
      yearsInSweden: this.cols.years.subarray(0, n),
      items,
    });
    const errors: Partial<Record<ImportErrorType, number>> = {};
    for (const t of IMPORT_ERROR_TYPES) {
      const c = this.errorCounts.get(t);
      if (c) errors[t] = c;
    }
    const examples = [...this.examples].sort(
      (a, b) => a.line - b.line || IMPORT_ERROR_TYPES.indexOf(a.type) - IMPORT_ERROR_TYPES.indexOf(b.type),
    );
    const rowsPerYear: Record<string, number> = {};
    this.ctx.waves.forEach((w, i) => {
      if (this.rowsPerWave[i]! > 0) rowsPerYear[String(w.year)] = this.rowsPerWave[i]!;
    });
    const ids = this.cols.stringIds;
    const nums = this.cols.numericIds;
    return {
      summary: {
        rowsTotal: this.rowsTotal,
        rowsValid: n,
        rowsRejected: this.rowsTotal - n,
        errors,
        examples,
        rowsPerYear,
        ignoredColumns: this.resolved.ignored,
      },
      data,
      idAt: ids ? (k) => ids[k]! : (k) => String(nums![k]),
      lines: this.cols.lines.subarray(0, n),
    };
  }
}
