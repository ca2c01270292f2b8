import { describe, expect, it } from 'vitest';
import { addDays, addYears, ageOn, daysBetween, isCalendarDay, yearOf } from './calendar.js';

describe('calendar days', () => {
  it('adds days across months, years and leap days, forwards and back', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('is not moved by daylight saving time (the Swedish changes at the end of March and October)', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('counts whole days between two days, negative when the second is earlier', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-02-10', '2026-02-01')).toBe(-9);
  });

  it('gives the completed years of age, the birthday itself included', () => {
    expect(ageOn('2014-06-15', '2026-06-14')).toBe(11);
    expect(ageOn('2014-06-15', '2026-06-15')).toBe(12);
    expect(ageOn('2014-06-15', '2026-12-31')).toBe(12);
    expect(ageOn('2026-01-01', '2026-01-01')).toBe(0);
  });

  it('lets someone born on 29 February turn a year older on 1 March in common years', () => {
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
  });

  it('refuses what is not a calendar day', () => {
    expect(() => addDays('2026-13-01', 1)).toThrow(/calendar day/);
    expect(() => addDays('2026-02-30', 1)).toThrow(/calendar day/);
    expect(() => daysBetween('igår', '2026-01-01')).toThrow(/calendar day/);
    expect(() => ageOn('2014-06-15T00:00:00Z', '2026-01-01')).toThrow(/calendar day/);
  });

  it('adds years on the same calendar day, a 29 February becoming 1 March in common years', () => {
    expect(addYears('2014-06-15', 18)).toBe('2032-06-15');
    expect(addYears('2012-02-29', 1)).toBe('2013-03-01');
    expect(addYears('2012-02-29', 4)).toBe('2016-02-29');
    expect(addYears('2026-01-31', -1)).toBe('2025-01-31');
    expect(yearOf('2026-12-07')).toBe(2026);
  });

  it('tells a calendar day from what only looks like one', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(isCalendarDay('2026-12-07T00:00:00Z')).toBe(false);
    expect(isCalendarDay('2100-02-29')).toBe(false);
    expect(isCalendarDay('2000-02-29')).toBe(true);
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });
});
