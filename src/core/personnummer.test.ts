import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildIdentityNumber,
  isValidTwelveDigitIdentityNumber,
  luhnCheckDigit,
  parseIdentityNumber,
} from './personnummer.js';

describe('personnummer', () => {
  const today = new Date('2026-11-22T00:00:00Z');

  it('normalises 10 and 12 digit forms to 12 digits', () => {
    expect(parseIdentityNumber('19121212-1212', today).normalized).toBe('191212121212');
    expect(parseIdentityNumber('121212+1212', today).normalized).toBe('191212121212');
    expect(parseIdentityNumber('1212121212', today).normalized).toBe('201212121212');
    expect(parseIdentityNumber(' 20121212-1212 ', today).birthDate).toBe('2012-12-12');
  });

  it('rejects a wrong check digit, impossible dates and junk', () => {
    expect(() => parseIdentityNumber('19121212-1213', today)).toThrow(/checksum/);
    expect(() => parseIdentityNumber('20120230-1234', today)).toThrow();
    expect(() => parseIdentityNumber('abc', today)).toThrow(/format/);
    expect(() => parseIdentityNumber('19121212+1212', today)).toThrow(/format/);
  });

  it('recognises samordningsnummer (day + 60)', () => {
    const s = buildIdentityNumber('2015-03-07', 234, 'samordningsnummer');
    const p = parseIdentityNumber(s, today);
    expect(p.kind).toBe('samordningsnummer');
    expect(p.birthDate).toBe('2015-03-07');
  });

  it('reads legal gender from the second-last digit', () => {
    expect(parseIdentityNumber('191212121212', today).legalGender).toBe('male');
  });

  it('every built number passes its own Luhn check (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1930-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (d, serial) => {
          const iso = d.toISOString().slice(0, 10);
          const n = buildIdentityNumber(iso, serial);
          expect(isValidTwelveDigitIdentityNumber(n)).toBe(true);
          expect(luhnCheckDigit(n.slice(2, 11))).toBe(Number(n[11]));
        },
      ),
    );
  });
});
