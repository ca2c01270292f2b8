// The accepted rows' columns while a file is validated: typed arrays that double when full, and
// are compacted when rows are dropped as duplicates of earlier imports.

import type { ItemSpec } from './lookups.js';

export class RespondentColumns {
  cap: number;
  wave: Uint8Array;
  grade: Uint8Array;
  municipality: Uint8Array;
  school: Uint16Array;
  gender: Uint8Array;
  familyLadder: Uint8Array;
  schoolLadder: Uint8Array;
  born: Uint8Array;
  years: Uint8Array;
  lines: Int32Array;
  /** Respondent ids while all are numbers; null once one is not (then `stringIds`). */
  numericIds: Float64Array | null;
  stringIds: string[] | null = null;

  constructor(
    cap: number,
    private readonly items: readonly ItemSpec[],
  ) {
    this.cap = cap;
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
  }

  grow(): void {
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

  copyRow(from: number, to: number): void {
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
}
