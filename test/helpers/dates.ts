/** Calendar arithmetic for test setup (pure: global setup imports it outside a test worker). */

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same calendar day `years` years away (29 February becomes 1 March in common years). */
export function addYears(date: string, years: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** Completed years of age on `day`. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

const STOCKHOLM_HOUR = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit' });

/** The instant it is `hour`:00 in Stockholm on `day` (Central European time or its summer time). */
export function stockholmInstant(day: string, hour: number): Date {
  const hh = String(hour).padStart(2, '0');
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${day}T${hh}:00:00${offset}`);
    if (Number(STOCKHOLM_HOUR.format(d)) === hour) return d;
  }
  throw new Error(`no ${hh}:00 in Stockholm on ${day}`);
}
