// Constructing an Intl formatter is expensive (it showed up as ~10 % of a request's CPU); reuse one.
const SWEDISH_DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Sweden (YYYY-MM-DD): team validity and ages are Swedish calendar days. */
export function swedishToday(now: Date = new Date()): string {
  return SWEDISH_DATE.format(now);
}
