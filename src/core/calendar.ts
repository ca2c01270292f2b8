/**
 * Calendar days as `YYYY-MM-DD` strings: arithmetic on whole days, in UTC so that no time zone or
 * daylight-saving change can move a day. Which day it is "today" in Sweden is the clock's business
 * (src/server/clock.ts); this module only counts.
 */

const DAY_MS = 86_400_000;

function toMs(day: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 30 February over into March; a day that does not come back unchanged is no day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
    throw new Error(`not a calendar day (YYYY-MM-DD): "${day}"`);
  return ms;
}

/** The day `n` days after `day` (before it when `n` is negative). */
export function addDays(day: string, n: number): string {
  return new Date(toMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`: positive when `b` is later, 0 on the same day. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** Completed years of age on `day` for someone born on `birthDate` (a 29 February birthday counts from 1 March). */
export function ageOn(birthDate: string, day: string): number {
  toMs(birthDate);
  toMs(day);
  let age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (day.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

/** The same calendar day `n` years later (earlier when negative); 29 February becomes 1 March in common years. */
export function addYears(day: string, n: number): string {
  const d = new Date(toMs(day));
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString().slice(0, 10);
}

/** Whether `s` is a real calendar day written `YYYY-MM-DD` (no 30 February). */
export function isCalendarDay(s: string): boolean {
  try {
    toMs(s);
    return true;
  } catch {
    return false;
  }
}

/** The year of a calendar day. */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}
