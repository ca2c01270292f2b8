import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MY_WORLD_TRIANGLE,
  RESILIENCE_QUADRANTS,
  WHEEL_INDICATORS,
  buildPerspectiveSeries,
  compareRatings,
  normalizeRatings,
  perspectiveKey,
  ratedRuns,
  type RatedAssessment,
  type WheelRatings,
} from './wheel.js';

const all = (v: number | null): WheelRatings => Object.fromEntries(WHEEL_INDICATORS.map((i) => [i, v])) as WheelRatings;

function assessment(
  id: string,
  assessedOn: string,
  key: string,
  ratings: WheelRatings,
  recordedAt = `${assessedOn}T10:00:00.000Z`,
): RatedAssessment<{ label: string }> {
  const kind = key.startsWith('guardian') ? 'guardian' : key.startsWith('professional') ? 'professional' : 'child';
  return {
    assessmentId: id,
    assessedOn,
    recordedAt,
    perspectiveKey: key,
    perspectiveKind: kind,
    perspective: { label: `${key}@${assessedOn}` },
    ratings,
  };
}

describe('the wellbeing wheel', () => {
  it('has the eight SHANARRI indicators in the wheel order', () => {
    expect(WHEEL_INDICATORS).toEqual([
      'safe',
      'healthy',
      'achieving',
      'nurtured',
      'active',
      'respected',
      'responsible',
      'included',
    ]);
  });

  it('My World Triangle has three sides of seven sub-headings; the Resilience Matrix four quadrants', () => {
    expect(Object.keys(MY_WORLD_TRIANGLE)).toHaveLength(3);
    for (const side of Object.values(MY_WORLD_TRIANGLE)) expect(new Set(side).size).toBe(7);
    expect(RESILIENCE_QUADRANTS).toHaveLength(4);
  });

  it('keys perspectives per child, per guardian and per professional person', () => {
    expect(perspectiveKey({ kind: 'child' })).toBe('child');
    expect(perspectiveKey({ kind: 'guardian', guardianId: 'g1' })).toBe('guardian:g1');
    expect(perspectiveKey({ kind: 'professional', personId: 'p1' })).toBe('professional:p1');
  });

  it('normalizes ratings: exactly eight indicators, anything not 1–5 is "not assessed"', () => {
    const r = normalizeRatings({ safe: 3, healthy: 6, achieving: 0, nurtured: 2.5, active: '4', bogus: 5 });
    expect(Object.keys(r)).toEqual([...WHEEL_INDICATORS]);
    expect(r).toMatchObject({ safe: 3, healthy: null, achieving: null, nurtured: null, active: null, respected: null });
  });
});

describe('buildPerspectiveSeries', () => {
  it('groups per perspective, orders over time, child first, then guardians, then professionals', () => {
    const series = buildPerspectiveSeries([
      assessment('p2', '2026-03-01', 'professional:anna', all(3)),
      assessment('c2', '2026-06-01', 'child', all(4)),
      assessment('g1', '2025-12-01', 'guardian:maria', all(2)),
      assessment('c1', '2025-09-01', 'child', all(2)),
      assessment('p1', '2025-10-01', 'professional:anna', all(2)),
    ]);
    expect(series.map((s) => s.key)).toEqual(['child', 'guardian:maria', 'professional:anna']);
    expect(series[0]!.points.map((p) => p.assessmentId)).toEqual(['c1', 'c2']);
    expect(series[2]!.points.map((p) => p.assessedOn)).toEqual(['2025-10-01', '2026-03-01']);
    // The perspective is described by its latest assessment.
    expect(series[0]!.perspective).toEqual({ label: 'child@2026-06-01' });
  });

  it('gives the same numbers per indicator, keeping "not assessed" as null (no interpolation)', () => {
    const a = { ...all(2), active: null };
    const b = { ...all(4) };
    const c = { ...all(3), active: null };
    const [s] = buildPerspectiveSeries([
      assessment('a', '2025-01-01', 'child', a),
      assessment('b', '2025-06-01', 'child', b),
      assessment('c', '2026-01-01', 'child', c),
    ]);
    const active = s!.byIndicator.find((x) => x.indicator === 'active')!;
    expect(active.values.map((v) => v.rating)).toEqual([null, 4, null]);
    expect(s!.byIndicator.map((x) => x.indicator)).toEqual([...WHEEL_INDICATORS]);
  });

  it('compares the earliest and the latest assessment per indicator, never as a total', () => {
    const [s] = buildPerspectiveSeries([
      assessment('a', '2025-01-01', 'guardian:g', { ...all(2), safe: 1, active: null }),
      assessment('b', '2025-06-01', 'guardian:g', all(5)),
      assessment('c', '2026-01-01', 'guardian:g', { ...all(3), safe: 4, healthy: 1 }),
    ]);
    expect(s!.change!.from).toEqual({ assessmentId: 'a', assessedOn: '2025-01-01' });
    expect(s!.change!.to).toEqual({ assessmentId: 'c', assessedOn: '2026-01-01' });
    const byKey = Object.fromEntries(s!.change!.indicators.map((c) => [c.indicator, c]));
    expect(byKey.safe).toEqual({ indicator: 'safe', from: 1, to: 4, delta: 3, direction: 'better' });
    expect(byKey.healthy).toEqual({ indicator: 'healthy', from: 2, to: 1, delta: -1, direction: 'worse' });
    expect(byKey.achieving).toMatchObject({ delta: 1, direction: 'better' });
    expect(byKey.active).toEqual({ indicator: 'active', from: null, to: 3, delta: null, direction: 'not_comparable' });
    // No field anywhere that sums or averages the indicators.
    expect(JSON.stringify(s)).not.toMatch(/total|sum|mean|average|score/i);
  });

  it('has no change with a single assessment, and orders same-day assessments by when they were recorded', () => {
    const series = buildPerspectiveSeries([
      assessment('late', '2026-01-01', 'child', all(4), '2026-01-01T15:00:00.000Z'),
      assessment('early', '2026-01-01', 'child', all(2), '2026-01-01T09:00:00.000Z'),
      assessment('solo', '2026-01-01', 'professional:x', all(3)),
    ]);
    expect(series[0]!.points.map((p) => p.assessmentId)).toEqual(['early', 'late']);
    expect(series[1]!.change).toBeNull();
    expect(buildPerspectiveSeries([])).toEqual([]);
  });

  it('property: every assessment appears exactly once, in its own perspective, in date order', () => {
    const arb = fc.array(
      fc.record({
        key: fc.constantFrom('child', 'guardian:a', 'guardian:b', 'professional:x'),
        day: fc.integer({ min: 1, max: 28 }),
        month: fc.integer({ min: 1, max: 12 }),
        ratings: fc.tuple(...WHEEL_INDICATORS.map(() => fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }))),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const input = rows.map((r, i) =>
          assessment(
            `id${i}`,
            `2025-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
            r.key,
            Object.fromEntries(WHEEL_INDICATORS.map((k, j) => [k, r.ratings[j]!])) as WheelRatings,
          ),
        );
        const series = buildPerspectiveSeries(input);
        const ids = series.flatMap((s) => s.points.map((p) => p.assessmentId)).sort();
        expect(ids).toEqual(input.map((a) => a.assessmentId).sort());
        for (const s of series) {
          const dates = s.points.map((p) => p.assessedOn);
          expect([...dates].sort()).toEqual(dates);
          for (const p of s.points)
            expect(input.find((a) => a.assessmentId === p.assessmentId)!.perspectiveKey).toBe(s.key);
          for (const c of s.change?.indicators ?? []) if (c.delta !== null) expect(c.delta).toBe(c.to! - c.from!);
        }
      }),
    );
  });
});

describe('compareRatings and ratedRuns', () => {
  it('compares each indicator on its own', () => {
    const changes = compareRatings(all(3), { ...all(3), included: 5 });
    expect(changes.filter((c) => c.direction !== 'same').map((c) => c.indicator)).toEqual(['included']);
  });

  it('draws a closed polygon only when all eight are rated, and never bridges a gap', () => {
    expect(ratedRuns(all(3))).toEqual({ runs: [[0, 1, 2, 3, 4, 5, 6, 7]], closed: true });
    expect(ratedRuns(all(null))).toEqual({ runs: [], closed: false });
    // "active" (4) not assessed: one run from respected round to nurtured.
    expect(ratedRuns({ ...all(3), active: null })).toEqual({ runs: [[5, 6, 7, 0, 1, 2, 3]], closed: false });
    // Two gaps make two runs.
    expect(ratedRuns({ ...all(2), healthy: null, respected: null })).toEqual({
      runs: [
        [2, 3, 4],
        [6, 7, 0],
      ],
      closed: false,
    });
    expect(ratedRuns({ ...all(null), safe: 4 })).toEqual({ runs: [[0]], closed: false });
  });
});
