import { addDays } from './random.js';
import { swedishToday } from '../clock.js';

/**
 * The days the demo's unit tests build it for. The demo is built for the day it is started (ages,
 * due dates and overdue decisions are relative to that day), so its promises — an offer waiting for
 * anna.lindqvist, overdue decisions in her to-do, alerts for per.sandberg … — must hold on every day,
 * not only on the fixed day the assertions were written against. The browser and API tests run on
 * the real date, so the real today and the days after it are always included.
 *
 * `DEMO_TEST_DAYS=N` widens the sweep to N days from today (e.g. `DEMO_TEST_DAYS=365 npx vitest run
 * src/server/demo`) to look for days where a promise breaks.
 */
export function demoTestDays(fixedDay: string): string[] {
  const today = swedishToday();
  const ahead = Math.max(1, Number(process.env.DEMO_TEST_DAYS ?? 7));
  const days = [fixedDay, ...Array.from({ length: ahead }, (_, i) => addDays(today, i))];
  return [...new Set(days)];
}
