import { inject } from 'vitest';
import { addDays } from './dates.js';

/**
 * The integration tests' clock. Global setup fixes one instant for the whole run — the Swedish
 * today at 10:00 Stockholm time — seeds the template for that day, and every test app starts its
 * clock there. A test that needs "today" asks here, never the wall clock: a run that passes
 * midnight, or a machine whose clock is set days ahead (faketime), sees the same day everywhere.
 */

const DAY_MS = 86_400_000;

/** The instant the run's app clocks start at (10:00 in Stockholm on `testToday()`). */
export function testNow(): Date {
  return new Date(inject('testNow'));
}

/** The Swedish calendar day the template was seeded for and the test apps run on (YYYY-MM-DD). */
export function testToday(): string {
  return inject('testToday');
}

/** `testToday()` moved by whole days (negative: earlier). */
export function testDay(offset: number): string {
  return addDays(testToday(), offset);
}

/** `testNow()` moved by whole days: the same time of day, `offset` days away. */
export function testNowPlusDays(offset: number): Date {
  return new Date(testNow().getTime() + offset * DAY_MS);
}

/**
 * A clock that starts at `from` (the run's fixed instant unless said) and runs on with real time:
 * rate limits and the audit writer's batching count elapsed time, so a frozen clock would not do.
 * Only the start is fixed (elapsed time is read from performance.now(), not the wall clock).
 */
export function runningClock(from: Date = testNow()): () => Date {
  const startedAt = from.getTime();
  const startedTick = performance.now();
  return () => new Date(startedAt + (performance.now() - startedTick));
}
