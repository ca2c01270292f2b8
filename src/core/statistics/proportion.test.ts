import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clopperPearsonInterval,
  criticalZ,
  jeffreysInterval,
  newcombeDifference,
  proportionInterval,
  waldInterval,
  wilsonInterval,
  type ProportionMethod,
} from './proportion.js';
import { regularizedBeta } from './special.js';

const METHODS: ProportionMethod[] = ['wilson', 'clopper_pearson', 'jeffreys', 'wald'];
const counts = fc.integer({ min: 1, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe('proportion intervals', () => {
  it('n = 0 gives a no_data status with null fields, never NaN', () => {
    for (const method of METHODS) {
      const r = proportionInterval(0, 0, { method });
      expect(r).toMatchObject({ status: 'no_data', estimate: null, low: null, high: null, method });
    }
  });

  it('x = 0 and x = n give exact 0 and 1 limits where the method defines them', () => {
    for (const f of [wilsonInterval, clopperPearsonInterval, jeffreysInterval]) {
      expect(f(0, 12).low).toBe(0);
      expect(f(12, 12).high).toBe(1);
    }
    // Wald collapses to a zero-width interval at the edges, which is why it is not the default.
    expect(waldInterval(0, 12)).toMatchObject({ low: 0, high: 0 });
  });

  it('rejects impossible counts and confidence levels', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 0)).toThrow(RangeError);
  });

  it('Wilson limits solve the score equation (p̂ − p)² = z² p(1 − p)/n at any confidence level', () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 0.999, noNaN: true }), ([x, n], confidence) => {
        const r = wilsonInterval(x, n, confidence);
        if (r.status !== 'ok') throw new Error('unexpected no_data');
        const z = criticalZ(confidence);
        for (const p of [r.low, r.high]) {
          if (p === 0 || p === 1) continue;
          expect(Math.abs((x / n - p) ** 2 - (z * z * p * (1 - p)) / n)).toBeLessThan(1e-12);
        }
        expect(r.low).toBeLessThanOrEqual(r.estimate);
        expect(r.high).toBeGreaterThanOrEqual(r.estimate);
      }),
    );
  });

  it('Clopper–Pearson limits leave α/2 in each binomial tail', () => {
    fc.assert(
      fc.property(counts, fc.constantFrom(0.8, 0.9, 0.95, 0.99), ([x, n], confidence) => {
        const r = clopperPearsonInterval(x, n, confidence);
        if (r.status !== 'ok') throw new Error('unexpected no_data');
        const alpha = 1 - confidence;
        // P(X ≥ x | p = low) = I_low(x, n − x + 1); P(X ≤ x | p = high) = 1 − I_high(x + 1, n − x).
        if (x > 0) expect(regularizedBeta(r.low, x, n - x + 1)).toBeCloseTo(alpha / 2, 9);
        if (x < n) expect(1 - regularizedBeta(r.high, x + 1, n - x)).toBeCloseTo(alpha / 2, 9);
      }),
    );
  });

  it('wider at higher confidence, and Clopper–Pearson contains Wilson in these cases', () => {
    const narrow = wilsonInterval(7, 50, 0.9);
    const wide = wilsonInterval(7, 50, 0.99);
    expect(wide.low!).toBeLessThan(narrow.low!);
    expect(wide.high!).toBeGreaterThan(narrow.high!);
    const exact = clopperPearsonInterval(7, 50);
    const wilson = wilsonInterval(7, 50);
    expect(exact.low!).toBeLessThan(wilson.low!);
    expect(exact.high!).toBeGreaterThan(wilson.high!);
  });
});

describe('Newcombe difference interval', () => {
  it('is no_data when either sample is empty', () => {
    expect(newcombeDifference(0, 0, 3, 10)).toMatchObject({
      status: 'no_data',
      difference: null,
      low: null,
      high: null,
    });
    expect(newcombeDifference(3, 10, 0, 0).status).toBe('no_data');
  });

  it('contains the observed difference, stays inside [−1, 1] and flips sign when the groups swap', () => {
    fc.assert(
      fc.property(counts, counts, ([x1, n1], [x2, n2]) => {
        const d = newcombeDifference(x1, n1, x2, n2);
        const swapped = newcombeDifference(x2, n2, x1, n1);
        if (d.status !== 'ok' || swapped.status !== 'ok') throw new Error('unexpected no_data');
        expect(d.low).toBeLessThanOrEqual(d.difference + 1e-15);
        expect(d.high).toBeGreaterThanOrEqual(d.difference - 1e-15);
        expect(d.low).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(d.high).toBeLessThanOrEqual(1 + 1e-12);
        expect(swapped.low).toBeCloseTo(-d.high, 12);
        expect(swapped.high).toBeCloseTo(-d.low, 12);
      }),
    );
  });

  it('handles 0/n and n/n samples without NaN', () => {
    const d = newcombeDifference(0, 10, 10, 10);
    expect(d.status).toBe('ok');
    expect(Number.isFinite(d.low!) && Number.isFinite(d.high!)).toBe(true);
    expect(d.difference).toBe(-1);
  });
});
