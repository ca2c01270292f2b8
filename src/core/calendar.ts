/**
 * Calendar days as `YYYY-MM-DD` strings: arithmetic on whole days, in UTC so that no time zone or
 * daylight-saving change can move a day. Which day it is "today" in Sweden is the clock's business
 * (src/server/clock.ts); this module only counts.
 */

const DAY_MS = 86_400_000;

const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month (1–12) of a year, by the Gregorian rules. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function toMs(day: string): number {
  const m = DAY_FORMAT.exec(day);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  // A day that does not exist (13th month, 30 February) is no day — Date would roll it over.
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    throw new Error(`not a calendar day (YYYY-MM-DD): "${day}"`);
  // Date.UTC reads years 0–99 as 1900–1999; 400 Gregorian years are exactly 146,097 days.
  return y >= 100 ? Date.UTC(y, mo - 1, d) : Date.UTC(y + 400, mo - 1, d) - 146_097 * DAY_MS;
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
