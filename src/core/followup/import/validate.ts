// Row validation of respondent microdata, straight from CSV bytes (or XLSX rows re-encoded as
// bytes) into columns. Every row is checked completely; a row with any error is rejected and
// counted. The summary counts errors per type and keeps the first examples per type with line
// number, column and a message that never contains the row's values (an answer, or a background
// value, of one child is personal data even in an error report).

import { createSurveyData } from '../survey-data.js';
import * as types from '../types.js';
import type { InstrumentDefinition, SurveyData, WaveDefinition } from '../types.js';
import type { CsvRow } from './csv.js';
import { fieldText } from './csv.js';
import type { ResolvedMapping, TargetField } from './mapping.js';

const MISSING = types.MISSING;
const MISSING_SCHOOL = types.MISSING_SCHOOL;
const MAX_YEARS = types.MAX_YEARS_IN_SWEDEN;

export const IMPORT_ERROR_TYPES = [
  'malformed_row',
  'missing_required',
  'invalid_number',
  'unknown_code',
  'out_of_range',
  'duplicate_respondent',
] as const;
export type ImportErrorType = (typeof IMPORT_ERROR_TYPES)[number];

export interface ImportErrorExample {
  readonly line: number;
  readonly type: ImportErrorType;
  /** Source column name (null for whole-row errors). */
  readonly column: string | null;
  /** Target field or `item:<key>`. */
  readonly field: string | null;
  readonly message: string;
}

export interface ValidationSummary {
  readonly rowsTotal: number;
  readonly rowsValid: number;
  readonly rowsRejected: number;
  /** Number of errors per type (a row can have several). */
  readonly errors: Readonly<Partial<Record<ImportErrorType, number>>>;
  readonly examples: readonly ImportErrorExample[];
  readonly rowsPerYear: Readonly<Record<string, number>>;
  readonly ignoredColumns: readonly string[];
}

/** What the file is validated against. */
export interface ImportContext {
  readonly instrument: InstrumentDefinition;
  /** The instrument's waves, ordered by year. */
  readonly waves: readonly WaveDefinition[];
  /** Known municipality codes. */
  readonly municipalities: readonly string[];
  /** Known school codes. */
  readonly schools: readonly string[];
}

export interface ValidatedRespondents {
  readonly summary: ValidationSummary;
  /** The valid rows (server-internal microdata). */
  readonly data: SurveyData;
  /** Respondent id of valid row i. */
  readonly idAt: (i: number) => string;
  /** Source line of valid row i. */
  readonly lines: Int32Array;
}

const INVALID = -0x80000000;

/** A small hash map from byte strings (trimmed, optionally ASCII case-insensitive) to ints. */
export class ByteDictionary {
  private readonly keys: Uint8Array[] = [];
  private readonly values: number[] = [];
  private table: Int32Array;
  private mask: number;
  /** One-byte keys: value by byte (−1 none). */
  private readonly single = new Int32Array(256).fill(-1);
  /** The last key found (files are grouped by school: the next row often has the same one). */
  private lastKey: Uint8Array | null = null;
  private lastValue = -1;
  constructor(
    entries: Iterable<readonly [string, number]>,
    private readonly caseInsensitive = false,
  ) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    const enc = new TextEncoder();
    for (const [k, v] of list) {
      const bytes = enc.encode(caseInsensitive ? k.toLowerCase() : k);
      if (this.get(bytes, 0, bytes.length) >= 0) continue;
      const idx = this.keys.length;
      this.keys.push(bytes);
      this.values.push(v);
      let h = this.hash(bytes, 0, bytes.length) & this.mask;
      while (this.table[h] !== -1) h = (h + 1) & this.mask;
      this.table[h] = idx;
      if (bytes.length === 1) {
        this.single[bytes[0]!] = v;
        if (caseInsensitive && bytes[0]! >= 0x61 && bytes[0]! <= 0x7a) this.single[bytes[0]! - 0x20] = v;
      }
    }
  }
  private hash(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    const ci = this.caseInsensitive;
    for (let i = s; i < e; i++) {
      let b = buf[i]!;
      if (ci && b >= 0x41 && b <= 0x5a) b |= 0x20;
      h = Math.imul(h ^ b, 0x01000193);
    }
    return h >>> 0;
  }
  /** The value, or −1. */
  get(buf: Uint8Array, s: number, e: number): number {
    const len = e - s;
    if (len === 1) return this.single[buf[s]!]!;
    const last = this.lastKey;
    if (last !== null && last.length === len) {
      let i = 0;
      while (i < len && buf[s + i] === last[i]) i++;
      if (i === len) return this.lastValue;
    }
    const v = this.lookup(buf, s, e);
    if (v >= 0) {
      this.lastKey = buf.slice(s, e);
      this.lastValue = v;
    }
    return v;
  }

  private lookup(buf: Uint8Array, s: number, e: number): number {
    let h = this.hash(buf, s, e) & this.mask;
    const ci = this.caseInsensitive;
    for (;;) {
      const idx = this.table[h]!;
      if (idx < 0) return -1;
      const key = this.keys[idx]!;
      if (key.length === e - s) {
        let eq = true;
        for (let i = 0; i < key.length; i++) {
          let b = buf[s + i]!;
          if (ci && b >= 0x41 && b <= 0x5a) b |= 0x20;
          if (b !== key[i]) {
            eq = false;
            break;
          }
        }
        if (eq) return this.values[idx]!;
      }
      h = (h + 1) & this.mask;
    }
  }
}

/** Open-addressing set of non-negative safe integers (respondent numbers × 256 + wave). */
class NumberSet {
  private keys: Float64Array;
  private used: Uint8Array;
  private size = 0;
  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity);
    this.used = new Uint8Array(capacity);
  }
  /** Adds; returns false when it was already there. */
  add(v: number): boolean {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let h = ((Math.imul(v >>> 0, 0x9e3779b1) ^ Math.imul((v / 4294967296) >>> 0, 0x85ebca6b)) >>> 7) & mask;
    for (;;) {
      if (this.used[h] === 0) {
        this.used[h] = 1;
        this.keys[h] = v;
        this.size++;
        return true;
      }
      if (this.keys[h] === v) return false;
      h = (h + 1) & mask;
    }
  }
  private grow(): void {
    const oldKeys = this.keys;
    const oldUsed = this.used;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.used = new Uint8Array(oldKeys.length * 2);
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldUsed[i] === 1) this.add(oldKeys[i]!);
  }
}

function trimStart(buf: Uint8Array, s: number, e: number): number {
  while (s < e && buf[s] === 0x20) s++;
  return s;
}

function trimEnd(buf: Uint8Array, s: number, e: number): number {
  while (e > s && buf[e - 1] === 0x20) e--;
  return e;
}

/** Integer from ASCII digits (optional leading '-'), or INVALID. At most 9 digits. */
function parseIntBytes(buf: Uint8Array, s: number, e: number): number {
  if (s >= e) return INVALID;
  let neg = false;
  if (buf[s] === 0x2d) {
    neg = true;
    s++;
    if (s >= e) return INVALID;
  }
  if (e - s > 9) return INVALID;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return INVALID;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

const DUPLICATE_MESSAGE = 'the same respondent id appears earlier in the file for the same wave';

interface ItemSpec {
  readonly key: string;
  readonly field: string;
  readonly column: number;
  /** valid[wave * 256 + code] = 1 for the codebook of the version asked in that wave. */
  readonly valid: Uint8Array;
  readonly asked: readonly boolean[];
  out: Uint8Array;
}

export class RespondentValidator {
  private n = 0;
  private cap: number;
  private wave: Uint8Array;
  private grade: Uint8Array;
  private municipality: Uint8Array;
  private school: Uint16Array;
  private gender: Uint8Array;
  private familyLadder: Uint8Array;
  private schoolLadder: Uint8Array;
  private born: Uint8Array;
  private years: Uint8Array;
  private lines: Int32Array;
  private numericIds: Float64Array | null;
  private stringIds: string[] | null = null;
  private readonly items: ItemSpec[];
  private readonly seenNumeric: NumberSet;
  private readonly seenStrings = new Set<string>();
  private readonly errorCounts = new Map<ImportErrorType, number>();
  private readonly examples: ImportErrorExample[] = [];
  private readonly examplesPerType = new Map<ImportErrorType, number>();
  private rowsTotal = 0;
  private readonly rowsPerWave: number[];
  private readonly col: Readonly<Partial<Record<TargetField, number>>>;
  private readonly headerCount: number;
  private readonly yearDict: Map<number, number>;
  private readonly fixedWave: number;
  private readonly muniDict: ByteDictionary;
  private readonly schoolDict: ByteDictionary;
  private readonly gradeDict: ByteDictionary;
  private readonly genderDict: ByteDictionary;
  private readonly bornDict: ByteDictionary;
  private readonly missingDict: ByteDictionary;
  private readonly missingNumbers: ReadonlySet<number>;
  private readonly gradesByWave: Uint8Array;
  private readonly grades: readonly string[];

  constructor(
    private readonly ctx: ImportContext,
    private readonly resolved: ResolvedMapping,
    private readonly options: { maxExamplesPerType?: number; expectedRows?: number } = {},
  ) {
    const waves = ctx.waves;
    this.col = resolved.fields;
    this.headerCount = resolved.header.length;
    this.yearDict = new Map(waves.map((w, i) => [w.year, i]));
    const m = resolved.mapping;
    this.fixedWave = m.fixedYear === undefined ? -1 : (this.yearDict.get(m.fixedYear) ?? -2);
    const muniEntries: [string, number][] = ctx.municipalities.map((c, i) => [c, i]);
    for (const [src, code] of Object.entries(m.values.municipality)) {
      const i = ctx.municipalities.indexOf(code);
      if (i >= 0) muniEntries.push([src, i]);
    }
    this.muniDict = new ByteDictionary(muniEntries, true);
    this.schoolDict = new ByteDictionary(
      ctx.schools.map((c, i) => [c, i]),
      true,
    );
    const grades = [...new Set(waves.flatMap((w) => w.grades))];
    this.grades = grades;
    const gradeEntries: [string, number][] = grades.map((g, i) => [g, i]);
    for (const [src, g] of Object.entries(m.values.grade)) {
      const i = grades.indexOf(g);
      if (i >= 0) gradeEntries.push([src, i]);
    }
    this.gradeDict = new ByteDictionary(gradeEntries, true);
    this.gradesByWave = new Uint8Array(waves.length * 256);
    waves.forEach((w, wi) => w.grades.forEach((g) => (this.gradesByWave[wi * 256 + grades.indexOf(g)] = 1)));
    const genderIndex = { girl: 0, boy: 1, other: 2 } as const;
    this.genderDict = new ByteDictionary(
      Object.entries(m.values.gender).map(([k, v]) => [k, genderIndex[v]] as const),
      true,
    );
    this.bornDict = new ByteDictionary(
      Object.entries(m.values.bornInSweden).map(([k, v]) => [k, v ? 1 : 0] as const),
      true,
    );
    this.missingDict = new ByteDictionary(m.values.missing.map((t) => [t.trim(), 1] as const));
    this.missingNumbers = new Set(
      m.values.missing
        .map((t) => t.trim())
        .filter((t) => /^-?[0-9]{1,9}$/.test(t))
        .map(Number),
    );

    this.cap = Math.max(1024, options.expectedRows ?? 0);
    let setCap = 1 << 12;
    while (setCap < this.cap * 2) setCap *= 2;
    this.seenNumeric = new NumberSet(setCap);
    const cap = this.cap;
    this.wave = new Uint8Array(cap);
    this.grade = new Uint8Array(cap);
    this.municipality = new Uint8Array(cap);
    this.school = new Uint16Array(cap);
    this.gender = new Uint8Array(cap);
    this.familyLadder = new Uint8Array(cap);
    this.schoolLadder = new Uint8Array(cap);
    this.born = new Uint8Array(cap);
    this.years = new Uint8Array(cap);
    this.lines = new Int32Array(cap);
    this.numericIds = new Float64Array(cap);
    this.rowsPerWave = waves.map(() => 0);
    this.items = resolved.items.map(({ key, column }) => {
      const valid = new Uint8Array(waves.length * 256);
      const asked = waves.map((w, wi) => {
        const it = w.items.find((i) => i.key === key);
        if (!it) return false;
        const version = ctx.instrument.items.find((i) => i.key === key)?.versions.find((v) => v.version === it.version);
        for (const o of version?.options ?? []) valid[wi * 256 + o.code] = 1;
        return true;
      });
      return { key, field: `item:${key}`, column, valid, asked, out: new Uint8Array(cap) };
    });
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g8 = (a: Uint8Array) => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    this.wave = g8(this.wave);
    this.grade = g8(this.grade);
    this.municipality = g8(this.municipality);
    const s = new Uint16Array(cap);
    s.set(this.school);
    this.school = s;
    this.gender = g8(this.gender);
    this.familyLadder = g8(this.familyLadder);
    this.schoolLadder = g8(this.schoolLadder);
    this.born = g8(this.born);
    this.years = g8(this.years);
    const l = new Int32Array(cap);
    l.set(this.lines);
    this.lines = l;
    if (this.numericIds) {
      const f = new Float64Array(cap);
      f.set(this.numericIds);
      this.numericIds = f;
    }
    for (const it of this.items) it.out = g8(it.out);
    this.cap = cap;
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
    return s === e || this.missingDict.get(buf, s, e) >= 0;
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
    if (this.n === this.cap) this.grow();
    const i = this.n;
    const buf = row.buf;
    const starts = row.starts;
    const ends = row.ends;
    const col = this.col;
    let bad = 0;
    let s = 0;
    let e = 0;

    // Wave (year).
    let w = this.fixedWave;
    const yc = col.year;
    if (yc !== undefined) {
      s = trimStart(buf, starts[yc]!, ends[yc]!);
      e = trimEnd(buf, s, ends[yc]!);
      const y = parseIntBytes(buf, s, e);
      const wi = y === INVALID ? undefined : this.yearDict.get(y);
      if (wi === undefined) {
        bad++;
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
      bad++;
      this.error('unknown_code', line, -1, 'year', 'fixedYear is not a wave of this survey');
      w = -1;
    }

    // Respondent id: numbers (no leading zero, at most 15 digits) take the fast path.
    const ic = col.respondent_id!;
    const is = trimStart(buf, starts[ic]!, ends[ic]!);
    const ie = trimEnd(buf, is, ends[ic]!);
    let numericId = -1;
    if (is === ie) {
      bad++;
      this.error('missing_required', line, ic, 'respondent_id', 'the respondent id is required');
    } else if (this.numericIds !== null && ie - is <= 15 && (buf[is] !== 0x30 || ie - is === 1)) {
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
    if (numericId < 0 && is !== ie && this.missingDict.get(buf, is, ie) >= 0) {
      bad++;
      this.error('missing_required', line, ic, 'respondent_id', 'the respondent id is required');
    }

    // Municipality (required), school (optional), grade (required).
    const mc = col.municipality!;
    s = trimStart(buf, starts[mc]!, ends[mc]!);
    e = trimEnd(buf, s, ends[mc]!);
    let v = s === e ? -1 : this.muniDict.get(buf, s, e);
    if (v < 0) {
      bad++;
      if (this.isMissing(buf, s, e))
        this.error('missing_required', line, mc, 'municipality', 'the municipality is required');
      else this.error('unknown_code', line, mc, 'municipality', 'not a known municipality code');
    } else this.municipality[i] = v;
    const sc = col.school;
    if (sc !== undefined) {
      s = trimStart(buf, starts[sc]!, ends[sc]!);
      e = trimEnd(buf, s, ends[sc]!);
      v = s === e ? -1 : this.schoolDict.get(buf, s, e);
      if (v >= 0) this.school[i] = v;
      else if (this.isMissing(buf, s, e)) this.school[i] = MISSING_SCHOOL;
      else {
        bad++;
        this.error('unknown_code', line, sc, 'school', 'not a known school code');
      }
    } else this.school[i] = MISSING_SCHOOL;
    const gc = col.grade!;
    s = trimStart(buf, starts[gc]!, ends[gc]!);
    e = trimEnd(buf, s, ends[gc]!);
    v = s === e ? -1 : this.gradeDict.get(buf, s, e);
    if (v < 0 || (w >= 0 && this.gradesByWave[w * 256 + v] !== 1)) {
      bad++;
      if (v < 0 && this.isMissing(buf, s, e))
        this.error('missing_required', line, gc, 'grade', 'the grade is required');
      else
        this.error(
          'unknown_code',
          line,
          gc,
          'grade',
          v < 0 ? `not a grade of this survey (${this.grades.join(', ')})` : 'this grade was not surveyed in that wave',
        );
    } else this.grade[i] = v;

    // Background.
    const gender = this.dict(buf, starts, ends, col.gender, this.genderDict, 'gender', line);
    const fam = this.range(buf, starts, ends, col.family_ladder, 1, 10, 'family_ladder', line);
    const sch = this.range(buf, starts, ends, col.school_ladder, 1, 10, 'school_ladder', line);
    const born = this.dict(buf, starts, ends, col.born_in_sweden, this.bornDict, 'born_in_sweden', line);
    const years = this.range(buf, starts, ends, col.years_in_sweden, 0, MAX_YEARS, 'years_in_sweden', line);
    if (gender < 0 || fam < 0 || sch < 0 || born < 0 || years < 0) bad++;
    this.gender[i] = gender;
    this.familyLadder[i] = fam;
    this.schoolLadder[i] = sch;
    this.born[i] = born;
    // Years in Sweden describe those born abroad; for others the answer is not kept.
    this.years[i] = born === 0 ? years : MISSING;

    // Items.
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
        if (d >= 0 && d <= 9 && w >= 0 && it.valid[wb | d] === 1 && !this.missingNumbers.has(d)) {
          it.out[i] = d;
          continue;
        }
      } else if (len0 === 0) {
        it.out[i] = MISSING;
        continue;
      }
      s = trimStart(buf, starts[c]!, ends[c]!);
      e = trimEnd(buf, s, ends[c]!);
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
        if (this.missingDict.get(buf, s, e) >= 0) {
          it.out[i] = MISSING;
          continue;
        }
        bad++;
        this.error('invalid_number', line, c, it.field, 'the answer code is not a whole number');
        continue;
      }
      if (this.missingNumbers.has(code)) {
        it.out[i] = MISSING;
        continue;
      }
      if (w < 0) continue;
      bad++;
      this.error('unknown_code', line, c, it.field, it, w);
    }

    if (bad > 0 || w < 0) return;

    // Duplicates (per wave), among the rows accepted so far.
    if (numericId >= 0 && this.numericIds !== null) {
      if (!this.seenNumeric.add(numericId * 256 + w)) {
        this.error('duplicate_respondent', line, ic, 'respondent_id', DUPLICATE_MESSAGE);
        return;
      }
      this.numericIds[i] = numericId;
    } else {
      this.toStringIds();
      const id = fieldText(row, ic).trim();
      if (this.seenStrings.has(`${w}|${id}`)) {
        this.error('duplicate_respondent', line, ic, 'respondent_id', DUPLICATE_MESSAGE);
        return;
      }
      this.seenStrings.add(`${w}|${id}`);
      this.stringIds![i] = id;
    }
    this.wave[i] = w;
    this.lines[i] = line;
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
    if (this.stringIds) return;
    // Switch to string ids; earlier numeric ids become strings (and join the string set).
    const ids: string[] = new Array(this.cap);
    for (let k = 0; k < this.n; k++) {
      ids[k] = String(this.numericIds![k]);
      this.seenStrings.add(`${this.wave[k]}|${ids[k]}`);
    }
    this.stringIds = ids;
    this.numericIds = null;
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
    if (this.missingDict.get(buf, s, e) >= 0) return MISSING;
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
      if (d >= min && d <= max && d <= 9 && !this.missingNumbers.has(d)) return d;
    }
    const s = trimStart(buf, s0, ends[c]!);
    const e = trimEnd(buf, s, ends[c]!);
    if (s === e) return MISSING;
    const v = parseIntBytes(buf, s, e);
    if (v >= min && v <= max && !this.missingNumbers.has(v)) return v;
    if (v === INVALID) {
      if (this.missingDict.get(buf, s, e) >= 0) return MISSING;
      this.error('invalid_number', line, c, field, `${field} is not a whole number`);
      return -1;
    }
    if (this.missingNumbers.has(v)) return MISSING;
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
        this.lines[k]!,
        this.col.respondent_id!,
        'respondent_id',
        'this respondent was imported earlier (another file)',
      );
    }
    let out = 0;
    for (let k = 0; k < this.n; k++) {
      if (drop[k] === 1) {
        this.rowsPerWave[this.wave[k]!]!--;
        continue;
      }
      if (out !== k) this.copyRow(k, out);
      out++;
    }
    this.n = out;
  }

  private copyRow(from: number, to: number): void {
    this.wave[to] = this.wave[from]!;
    this.grade[to] = this.grade[from]!;
    this.municipality[to] = this.municipality[from]!;
    this.school[to] = this.school[from]!;
    this.gender[to] = this.gender[from]!;
    this.familyLadder[to] = this.familyLadder[from]!;
    this.schoolLadder[to] = this.schoolLadder[from]!;
    this.born[to] = this.born[from]!;
    this.years[to] = this.years[from]!;
    this.lines[to] = this.lines[from]!;
    if (this.numericIds) this.numericIds[to] = this.numericIds[from]!;
    if (this.stringIds) this.stringIds[to] = this.stringIds[from]!;
    for (const it of this.items) it.out[to] = it.out[from]!;
  }

  /** Respondent id of accepted row k so far (before finish). */
  idAt(k: number): string {
    return this.stringIds ? this.stringIds[k]! : String(this.numericIds![k]);
  }

  get accepted(): number {
    return this.n;
  }

  waveOf(k: number): number {
    return this.wave[k]!;
  }

  finish(): ValidatedRespondents {
    const n = this.n;
    const items = new Map<string, Uint8Array>();
    for (const it of this.items) items.set(it.key, it.out.subarray(0, n));
    const data = createSurveyData(this.ctx.instrument, this.ctx.waves, {
      length: n,
      grades: this.grades,
      municipalities: this.ctx.municipalities,
      schools: this.ctx.schools,
      wave: this.wave.subarray(0, n),
      grade: this.grade.subarray(0, n),
      municipality: this.municipality.subarray(0, n),
      school: this.school.subarray(0, n),
      gender: this.gender.subarray(0, n),
      familyLadder: this.familyLadder.subarray(0, n),
      schoolLadder: this.schoolLadder.subarray(0, n),
      bornInSweden: this.born.subarray(0, n),
      yearsInSweden: this.years.subarray(0, n),
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
    const ids = this.stringIds;
    const nums = this.numericIds;
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
      lines: this.lines.subarray(0, n),
    };
  }
}
