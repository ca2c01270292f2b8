// Constructing an Intl formatter is expensive (it showed up as ~10 % of a request's CPU); reuse one.
const SWEDISH_DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The one place the server reads the wall clock. Everything else takes `now` from the app's
 * injectable clock (`AppContext.now`, built from this in production) or from the request scope.
 */
export const systemClock = (): Date => new Date();

// Sweden's offset from UTC is whole hours, so the calendar day can only change on a whole minute:
// the day of the last minute asked for is kept (formatting is the costly part of a request's clock).
let lastMinute = Number.NaN;
let lastDay = '';

/** Today's date in Sweden (YYYY-MM-DD): team validity and ages are Swedish calendar days. */
export function swedishToday(now: Date = systemClock()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = SWEDISH_DATE.format(now);
    lastMinute = minute;
  }
  return lastDay;
}
