// A byte-level, streaming CSV parser (RFC 4180 plus what real exports do): chunks of bytes in,
// one callback per row with the byte ranges of its fields, no string per field. Handles a UTF-8
// byte-order mark, CRLF and LF line ends, quoted fields with "" escapes and line breaks inside,
// blank lines, and ',' ';' or tab as delimiter (detected from the header line by default).
// A quote that opens a field must close it; an unterminated quote at the end of the input is
// reported as a malformed row.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const TAB = 0x09;

/** One parsed row; valid only during the callback (buffers are reused). */
export interface CsvRow {
  /** The bytes the ranges refer to. */
  readonly buf: Uint8Array;
  /** Field i is buf[starts[i] .. ends[i]) (inside the quotes for quoted fields). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 when field i was quoted and contains "" escapes (use `fieldText` to unescape). */
  readonly escaped: Uint8Array;
  /** Number of fields. */
  readonly count: number;
  /** Line number (1-based) where the row starts. */
  readonly line: number;
  /** True when the row is damaged (unterminated quote). */
  readonly malformed: boolean;
}

export interface CsvParserOptions {
  /** A delimiter byte, or 'auto' (default): the most frequent of , ; tab in the first line. */
  readonly delimiter?: number | 'auto';
  /** Fields beyond this are counted but not recorded (default 4096). */
  readonly maxFields?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/** A field as text (UTF-8, or Windows-1252 when it is not valid UTF-8), quotes unescaped. */
export function fieldText(row: CsvRow, i: number): string {
  const bytes = row.buf.subarray(row.starts[i]!, row.ends[i]!);
  let s: string;
  try {
    s = decoder.decode(bytes);
  } catch {
    s = latin1.decode(bytes);
  }
  return row.escaped[i] === 1 ? s.replaceAll('""', '"') : s;
}

export class CsvParser {
  private pending: Uint8Array | null = null;
  private delimiter: number;
  private readonly maxFields: number;
  private starts: Int32Array;
  private ends: Int32Array;
  private escaped: Uint8Array;
  private line = 1;
  private first = true;
  private bytes = 0;
  rows = 0;

  constructor(
    private readonly onRow: (row: CsvRow) => void,
    options: CsvParserOptions = {},
  ) {
    this.delimiter = options.delimiter === undefined || options.delimiter === 'auto' ? -1 : options.delimiter;
    this.maxFields = options.maxFields ?? 4096;
    this.starts = new Int32Array(64);
    this.ends = new Int32Array(64);
    this.escaped = new Uint8Array(64);
  }

  /** Bytes consumed so far. */
  get bytesRead(): number {
    return this.bytes;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    // Always a plain Uint8Array (not a Buffer subclass): keeps the byte loops monomorphic.
    let data =
      chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pending) {
      data = new Uint8Array(this.pending.length + chunk.length);
      data.set(this.pending);
      data.set(chunk, this.pending.length);
      this.pending = null;
    }
    this.parse(data, false);
  }

  end(): void {
    const data = this.pending;
    this.pending = null;
    if (data && data.length > 0) this.parse(data, true);
  }

  private parse(data: Uint8Array, final: boolean): void {
    let pos = 0;
    if (this.first) {
      if (data.length < 3 && !final) {
        this.pending = data.slice();
        return;
      }
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) pos = 3;
      if (this.delimiter < 0) {
        const nl = data.indexOf(LF, pos);
        if (nl < 0 && !final) {
          this.pending = data.slice();
          return;
        }
        this.delimiter = detectDelimiter(data, pos, nl < 0 ? data.length : nl);
      }
      this.first = false;
    }
    const len = data.length;
    while (pos < len) {
      const next = this.row(data, pos, final);
      if (next < 0) {
        this.pending = data.slice(pos);
        return;
      }
      pos = next;
    }
  }

  /** Parses one row starting at `start`; returns where the next row starts, or −1 if incomplete. */
  private row(data: Uint8Array, start: number, final: boolean): number {
    const len = data.length;
    const delim = this.delimiter;
    let starts = this.starts;
    let ends = this.ends;
    let escaped = this.escaped;
    const max = this.maxFields;
    let count = 0;
    let i = start;
    let lines = 0;
    let malformed = false;
    for (;;) {
      // One field: [fs, fe).
      let fs = i;
      let fe: number;
      let esc = 0;
      if (i < len && data[i] === QUOTE) {
        let j = i + 1;
        for (;;) {
          const q = data.indexOf(QUOTE, j);
          if (q < 0) {
            if (!final) return -1;
            // Unterminated quote: the rest of the input is this field.
            for (let k = j; k < len; k++) if (data[k] === LF) lines++;
            malformed = true;
            fs = i + 1;
            fe = len;
            i = len;
            break;
          }
          if (q + 1 >= len && !final) return -1;
          if (data[q + 1] === QUOTE) {
            esc = 1;
            j = q + 2;
            continue;
          }
          for (let k = j; k < q; k++) if (data[k] === LF) lines++;
          fs = i + 1;
          fe = q;
          i = q + 1;
          // Anything between the closing quote and the delimiter is kept out of the field.
          while (i < len && data[i] !== delim && data[i] !== LF) i++;
          break;
        }
        if (i >= len && !final) return -1;
      } else {
        let b = 0;
        while (i < len) {
          b = data[i]!;
          if (b === delim || b === LF) break;
          i++;
        }
        if (i >= len && !final) return -1;
        fe = i > fs && data[i - 1] === CR && (i >= len || b === LF) ? i - 1 : i;
      }
      if (count < max) {
        if (count === starts.length) {
          this.grow();
          starts = this.starts;
          ends = this.ends;
          escaped = this.escaped;
        }
        starts[count] = fs;
        ends[count] = fe!;
        escaped[count] = esc;
      }
      count++;
      if (i < len && data[i] === delim) {
        i++;
        continue;
      }
      // End of row (LF or end of input).
      const rowLine = this.line;
      this.line += lines + 1;
      const next = i < len ? i + 1 : len;
      // A blank line is not a row.
      if (count === 1 && ends[0] === starts[0] && data[start] !== QUOTE) return next;
      this.rows++;
      this.onRow({ buf: data, starts, ends, escaped, count: count < max ? count : max, line: rowLine, malformed });
      return next;
    }
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const q = new Uint8Array(n);
    q.set(this.escaped);
    this.starts = s;
    this.ends = e;
    this.escaped = q;
  }
}

function detectDelimiter(data: Uint8Array, from: number, to: number): number {
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let quoted = false;
  for (let i = from; i < to; i++) {
    const b = data[i]!;
    if (b === QUOTE) quoted = !quoted;
    else if (!quoted) {
      if (b === COMMA) comma++;
      else if (b === SEMICOLON) semicolon++;
      else if (b === TAB) tab++;
    }
  }
  if (semicolon > comma && semicolon >= tab) return SEMICOLON;
  if (tab > comma && tab > semicolon) return TAB;
  return COMMA;
}
