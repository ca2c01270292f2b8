import { isCalendarDay } from '../../../../core/calendar.js';
import { parseIdentityNumber, type ParsedIdentityNumber } from '../../../../core/personnummer.js';
import type { RawRecord } from './source-file.js';

/**
 * Reading one field of a record, or the reason the record is rejected. A reader throws `Rejected`
 * with a reason code (docs/import-formats.md lists them); the importer catches it per record, so a
 * bad record writes nothing and the rest of the file goes on.
 */

export class Rejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Runs `read` on a record: its value, or the reason it was rejected. */
export function attempt<T>(read: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: read() };
  } catch (err) {
    if (err instanceof Rejected) return { ok: false, reason: err.reason };
    throw err;
  }
}

export function required(r: RawRecord, field: string): string {
  const v = r.get(field);
  if (v === undefined) throw new Rejected(`missing_field:${field}`);
  return v;
}

export function optional(r: RawRecord, field: string): string | null {
  return r.get(field) ?? null;
}

/** A calendar day written YYYY-MM-DD. */
export function day(r: RawRecord, field: string): string | null {
  const v = r.get(field);
  if (v === undefined) return null;
  if (!isCalendarDay(v)) throw new Rejected('invalid_date');
  return v;
}

export function requiredDay(r: RawRecord, field: string): string {
  const v = day(r, field);
  if (v === null) throw new Rejected(`missing_field:${field}`);
  return v;
}

/** A period whose end (when given) is not before its start. */
export function period(r: RawRecord, from: string, to: string, fromRequired: boolean) {
  const validFrom = fromRequired ? requiredDay(r, from) : day(r, from);
  const validTo = day(r, to);
  if (validFrom !== null && validTo !== null && validTo < validFrom) throw new Rejected('invalid_date');
  return { validFrom, validTo };
}

const TRUE = new Set(['true', 'ja', 'yes', '1', 'j', 'y']);
const FALSE = new Set(['false', 'nej', 'no', '0', 'n']);

export function bool(r: RawRecord, field: string, fallback: boolean): boolean {
  const v = r.get(field)?.toLowerCase();
  if (v === undefined) return fallback;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new Rejected(`invalid_value:${field}`);
}

/** One of the allowed codes (compared without regard to case), else the record is rejected with `reason`. */
export function code<T extends string>(
  r: RawRecord,
  field: string,
  allowed: readonly T[],
  reason: string,
  fallback?: T,
): T {
  const v = r.get(field)?.toLowerCase();
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Rejected(`missing_field:${field}`);
  }
  const found = allowed.find((a) => a === v);
  if (!found) throw new Rejected(reason);
  return found;
}

export function municipalityCode(r: RawRecord, field: string, isRequired: boolean): string | null {
  const v = isRequired ? required(r, field) : r.get(field);
  if (v === undefined) return null;
  if (!/^[0-9]{4}$/.test(v)) throw new Rejected(`invalid_value:${field}`);
  return v;
}

/** A personnummer or samordningsnummer (12 digits, or 10 with the century read from `today`). */
export function identityNumber(value: string, today: Date): ParsedIdentityNumber {
  try {
    return parseIdentityNumber(value, today);
  } catch {
    throw new Rejected('invalid_personnummer');
  }
}

/** Two periods (open ends as null) share at least one day. */
export function overlaps(
  a: { validFrom: string | null; validTo: string | null },
  b: { validFrom: string | null; validTo: string | null },
): boolean {
  const aFrom = a.validFrom ?? '0000-01-01';
  const bFrom = b.validFrom ?? '0000-01-01';
  const aTo = a.validTo ?? '9999-12-31';
  const bTo = b.validTo ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

/**
 * Records keyed by their id, the same record more than once (the flat CSV repeats a person on every
 * row of theirs) taken once; the same id with different content is a `duplicate` — every record
 * under that id is rejected, as the file does not say which is right.
 */
export class Keyed<T> {
  private readonly byKey = new Map<string, { value: T; json: string; where: string }>();
  private readonly conflicting = new Map<string, string>();

  add(key: string, value: T, where: string): void {
    if (this.conflicting.has(key)) return;
    const json = JSON.stringify(value);
    const seen = this.byKey.get(key);
    if (!seen) this.byKey.set(key, { value, json, where });
    else if (seen.json !== json) {
      this.byKey.delete(key);
      this.conflicting.set(key, seen.where);
    }
  }

  /** The records with one content per id. */
  values(): [string, T][] {
    return [...this.byKey].map(([k, v]) => [k, v.value]);
  }

  /** The ids given with different contents, with where each first appeared. */
  duplicates(): [string, string][] {
    return [...this.conflicting];
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key)?.value;
  }
}
