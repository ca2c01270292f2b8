// Byte-level helpers of the row validation: fields are compared and parsed straight from the
// row's bytes, without making strings (an import can have millions of rows).

/** parseIntBytes's result for a field that is not a whole number. */
export const INVALID = -0x80000000;

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
export class NumberSet {
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

export function trimStart(buf: Uint8Array, s: number, e: number): number {
  while (s < e && buf[s] === 0x20) s++;
  return s;
}

export function trimEnd(buf: Uint8Array, s: number, e: number): number {
  while (e > s && buf[e - 1] === 0x20) e--;
  return e;
}

/** Integer from ASCII digits (optional leading '-'), or INVALID. At most 9 digits. */
export function parseIntBytes(buf: Uint8Array, s: number, e: number): number {
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
