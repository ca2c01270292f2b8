import { describe, expect, it } from 'vitest';
import { findPersonalData } from './personal-data.js';

describe('findPersonalData', () => {
  it('finds personnummer in 10 and 12 digits, with or without separator', () => {
    for (const s of [
      'Eleven 201203152384 har',
      'pnr 20120315-2384.',
      '120315-2384',
      '1203152384',
      'född 120315+2384',
      'nr 20120375 2384',
      'x 120315 2384 y',
    ]) {
      expect(findPersonalData(s), s).toContain('personnummer');
    }
  });

  it('finds e-mail addresses', () => {
    expect(findPersonalData('Mejla mamma på anna.svensson@example.se i morgon')).toEqual(['email']);
    expect(findPersonalData('kontakt: x@y.nu')).toEqual(['email']);
  });

  it('finds Swedish and international phone numbers in common groupings', () => {
    for (const s of [
      'Ring 070-174 06 05',
      '+46 70 174 06 05',
      '0470-12 34 56',
      '08-465 004 00',
      '(0470) 123456',
      'nr 031/390 06 00',
    ]) {
      expect(findPersonalData(s), s).toEqual(['phone']);
    }
  });

  it('flags ten digits in a row either way (a bare mobile number has the shape of a personnummer)', () => {
    expect(findPersonalData('tel 0701740605').length).toBeGreaterThan(0);
  });

  it('reports every kind found, in a fixed order', () => {
    expect(findPersonalData('070-1740605, a@b.se, 20120315-2384')).toEqual(['personnummer', 'email', 'phone']);
  });

  it('leaves ordinary descriptions alone: ages, grades, dates, percentages, years, times', () => {
    for (const s of [
      'Flicka 10–12 år i åk 5, frånvaro 18 % sedan januari 2025.',
      'Möte 2025-03-14 kl 08.30, tre av fem lektioner.',
      'Har varit borta 12 dagar av 40, ogiltigt 6.',
      'Under läsåret 2024/2025 har eleven bytt klass två gånger.',
      'Kontakt med BUP sedan 2023, 0 incidenter.',
      'Vikt 32 kg, längd 140 cm',
      '',
    ]) {
      expect(findPersonalData(s), s).toEqual([]);
    }
    expect(findPersonalData(null)).toEqual([]);
  });

  it('does not half-match long digit runs (an order number of 14 digits is not a personnummer)', () => {
    expect(findPersonalData('ordernr 12345678901234')).toEqual([]);
  });
});
