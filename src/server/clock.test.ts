import { describe, expect, it } from 'vitest';
import { swedishToday } from './clock.js';

describe("Sweden's calendar day", () => {
  it('turns at midnight in Stockholm, winter and summer, however often it is asked', () => {
    // Winter (CET, UTC+1): midnight is 23:00 UTC.
    expect(swedishToday(new Date('2026-12-07T22:59:59.999Z'))).toBe('2026-12-07');
    expect(swedishToday(new Date('2026-12-07T23:00:00.000Z'))).toBe('2026-12-08');
    expect(swedishToday(new Date('2026-12-07T22:59:30.000Z'))).toBe('2026-12-07');
    // Summer (CEST, UTC+2): midnight is 22:00 UTC.
    expect(swedishToday(new Date('2026-06-30T21:59:59.000Z'))).toBe('2026-06-30');
    expect(swedishToday(new Date('2026-06-30T22:00:00.000Z'))).toBe('2026-07-01');
    // The same minute twice, then the next one.
    expect(swedishToday(new Date('2026-03-29T00:59:00.000Z'))).toBe('2026-03-29');
    expect(swedishToday(new Date('2026-03-29T00:59:59.000Z'))).toBe('2026-03-29');
    expect(swedishToday(new Date('2026-03-28T23:00:00.000Z'))).toBe('2026-03-29');
    expect(swedishToday(new Date('2026-03-28T22:59:59.000Z'))).toBe('2026-03-28');
  });
});
