import { describe, expect, it } from 'vitest';
import { WHEEL_INDICATORS } from '../wheel.js';
import {
  checkIndicatorAgainstInstrument,
  classifyRespondent,
  compileIndicator,
  DEFAULT_INDICATORS,
  indicatorDefinitionSchema,
  NEGATIVE,
  OUT,
  POSITIVE,
} from './indicators.js';
import { DEMO_INSTRUMENT } from './instrument.js';
import { ind, miniData, MINI_INSTRUMENT } from './fixtures.testutil.js';

describe('indicator definitions', () => {
  it('the default set is valid against the demo instrument and covers the wheel', () => {
    for (const d of DEFAULT_INDICATORS) expect(checkIndicatorAgainstInstrument(d, DEMO_INSTRUMENT)).toEqual([]);
    expect(new Set(DEFAULT_INDICATORS.map((d) => d.wheel))).toEqual(new Set(WHEEL_INDICATORS));
    expect(new Set(DEFAULT_INDICATORS.map((d) => d.key)).size).toBe(DEFAULT_INDICATORS.length);
  });

  it('rejects bad definitions', () => {
    expect(
      indicatorDefinitionSchema.safeParse({
        key: 'x',
        labelSv: 'x',
        labelEn: 'x',
        wheel: 'happy',
        polarity: 'higher_is_better',
        items: ['a'],
        positive: [1],
      }).success,
    ).toBe(false);
    expect(
      indicatorDefinitionSchema.safeParse({
        key: 'x',
        labelSv: 'x',
        labelEn: 'x',
        wheel: 'safe',
        polarity: 'higher_is_better',
        items: ['a'],
        positive: [1],
        atLeast: 2,
      }).success,
    ).toBe(false);
    expect(
      checkIndicatorAgainstInstrument(ind({ key: 'x', items: ['safe', 'nope'], positive: [3] }), MINI_INSTRUMENT),
    ).toEqual(['item safe version 1 has no code 3', 'unknown item nope']);
  });

  it("classifies: missing and not-asked out, don't know out or negative, universe and grade filters, at least k of m", () => {
    const data = miniData([
      { year: 2021, grade: '8', muni: '0780', safe: 1, stress: 4 },
      { year: 2021, grade: '8', muni: '0780', safe: 9, stress: 1 },
      { year: 2021, grade: '5', muni: '0780', safe: null, stress: 3 },
      { year: 2024, grade: '8', muni: '0780', safe: 2, stress: 4 },
    ]);
    const cls = (d: Parameters<typeof compileIndicator>[0]) =>
      [0, 1, 2, 3].map((r) => classifyRespondent(compileIndicator(d, data), data, r));
    expect(cls(ind({ key: 'a', items: ['safe'], positive: [1] }))).toEqual([POSITIVE, OUT, OUT, NEGATIVE]);
    expect(cls(ind({ key: 'b', items: ['safe'], positive: [1], dontKnow: 'negative' }))).toEqual([
      POSITIVE,
      NEGATIVE,
      OUT,
      NEGATIVE,
    ]);
    // v1 positive {3, 4}; v2 (2024) {4, 5}.
    expect(cls(ind({ key: 'c', items: ['stress'], positive: [3, 4], positiveByVersion: { '2': [4, 5] } }))).toEqual([
      POSITIVE,
      NEGATIVE,
      POSITIVE,
      POSITIVE,
    ]);
    expect(cls(ind({ key: 'd', items: ['stress'], positive: [3, 4], grades: ['8'] }))).toEqual([
      POSITIVE,
      NEGATIVE,
      OUT,
      POSITIVE,
    ]);
    expect(cls(ind({ key: 'e', items: ['stress'], positive: [4], universe: { item: 'safe', codes: [1, 2] } }))).toEqual(
      [POSITIVE, OUT, OUT, POSITIVE],
    );
    expect(cls(ind({ key: 'f', items: ['safe', 'stress'], positive: [1, 4], atLeast: 2 }))).toEqual([
      POSITIVE,
      OUT,
      OUT,
      NEGATIVE,
    ]);
    const compiled = compileIndicator(ind({ key: 'c', items: ['stress'], positive: [3, 4] }), data);
    expect(compiled.seriesBreakByWave).toEqual([false, true]);
  });
});
