/**
 * SQL with named parameters. In the text, `:name` stands for a parameter; `sql(text, params…)` turns
 * it into PostgreSQL's positional `$n` (the same name is always the same `$n`) and lines the values
 * up in that order. Casts such as `::date`, quoted text, quoted identifiers and comments are left
 * alone. Pieces of SQL that carry their own parameters (the access gate, the record filter) are
 * `SqlFragment`s: their text goes into the statement, their parameters beside the statement's own.
 *
 * Strict on purpose: a name without a value, a value that the text never names, the same name with
 * two different values, and `$1`-style parameters in the same text are all programming errors and
 * throw at once, so a typo cannot shift a statement's parameters silently.
 */

export type SqlParams = Readonly<Record<string, unknown>>;

/** A piece of SQL text with the values of the names it uses. */
export interface SqlFragment {
  readonly text: string;
  readonly params: SqlParams;
}

/** A statement ready for `Queryable.query(text, values)`. */
export interface Statement {
  readonly text: string;
  readonly values: unknown[];
}

export function fragment(text: string, params: SqlParams = {}): SqlFragment {
  return { text, params };
}

interface Compiled {
  text: string;
  /** The parameter names in `$n` order. */
  names: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/** The index just past a quoted run or comment starting at `i`, or `i` when none starts there. */
function skipQuotedOrComment(text: string, i: number): number {
  const c = text[i];
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === c) {
        if (text[j + 1] === c) j += 2;
        else return j + 1;
      } else j++;
    }
    return j;
  }
  if (c === '-' && text[i + 1] === '-') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  return i;
}

function compileText(text: string): Compiled {
  const names: string[] = [];
  const index = new Map<string, number>();
  let out = '';
  let i = 0;
  while (i < text.length) {
    const skipped = skipQuotedOrComment(text, i);
    if (skipped > i) {
      out += text.slice(i, skipped);
      i = skipped;
      continue;
    }
    const c = text[i] as string;
    if (c === '$' && /[0-9]/.test(text[i + 1] ?? ''))
      throw new Error('sql: positional $n parameters cannot mix with :names');
    if (c === ':' && text[i + 1] === ':') {
      out += '::';
      i += 2;
      continue;
    }
    if (c === ':' && NAME_START.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < text.length && NAME_PART.test(text[j] as string)) j++;
      const name = text.slice(i + 1, j);
      let n = index.get(name);
      if (n === undefined) {
        names.push(name);
        n = names.length;
        index.set(name, n);
      }
      out += `$${n}`;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return { text: out, names };
}

/**
 * A statement text built from parts (fragment texts, aliases), made once per distinct parts: the
 * same string object on every call, so `sql` finds its compiled form without hashing a new text.
 * For texts that hot paths compose from fragments on every request.
 */
export function textOf<P extends string[]>(build: (...parts: P) => string): (...parts: P) => string {
  const root = new Map<string, unknown>();
  return (...parts) => {
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.get(part) as Map<string, unknown> | undefined;
      if (!next) node.set(part, (next = new Map()));
      node = next;
    }
    const last = parts.length > 0 ? (parts[parts.length - 1] as string) : '';
    let text = node.get(last) as string | undefined;
    if (text === undefined) node.set(last, (text = build(...parts)));
    return text;
  };
}

/** Compiled texts by source text: a statement's text is the same on every call, its values are not. */
const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 2_000;

function compiled(text: string): Compiled {
  let c = cache.get(text);
  if (!c) {
    c = compileText(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, c);
  }
  return c;
}

/** The parameter sets merged; the same name twice must carry the same value. */
function merge(sets: readonly SqlParams[]): Map<string, unknown> {
  const all = new Map<string, unknown>();
  for (const set of sets)
    for (const [k, v] of Object.entries(set)) {
      if (all.has(k) && !Object.is(all.get(k), v)) throw new Error(`sql: parameter :${k} given two different values`);
      all.set(k, v);
    }
  return all;
}

/** The statement for `text` with `:names`, its values taken from the parameter sets (fragments' `params` included). */
export function sql(text: string, ...params: SqlParams[]): Statement {
  const c = compiled(text);
  const all = merge(params);
  const values = c.names.map((name) => {
    if (!all.has(name)) throw new Error(`sql: no value for :${name}`);
    return all.get(name);
  });
  if (all.size > c.names.length) {
    const unused = [...all.keys()].filter((k) => !c.names.includes(k));
    throw new Error(`sql: values given for names the text does not use: ${unused.map((k) => `:${k}`).join(', ')}`);
  }
  return { text: c.text, values };
}
