// The synthetic demo survey has the structure the dashboards should show (checked on the
// generator's output through the cube, without a database).
import { describe, expect, it } from 'vitest';
import { buildCube, DEFAULT_INDICATORS, DEMO_INSTRUMENT, type CubeTable } from '../../core/followup/index.js';
import { MUNICIPALITIES } from './data.js';
import { demoFrameFromDefinitions, generateDemoSurvey } from './demo-survey.js';

const { frame, schools } = demoFrameFromDefinitions();
const survey = generateDemoSurvey(frame);
const cube = buildCube(survey.data, { indicators: DEFAULT_INDICATORS, population: survey.population });
const pub = cube.publish();

/** Unsuppressed share from the cube's internal counts (the generator's truth, not a publication). */
function share(
  indicator: string,
  breakdown: string,
  year: number | null,
  parent: Record<string, string>,
  group: string,
): number {
  const years = year === null ? cube.layout.years : [year];
  let x = 0;
  let n = 0;
  const b = cube.layout.breakdowns[cube.layout.breakdownIndex.get(breakdown)!]!;
  const t = cube.layout.tableIndex(b, parent);
  const g = b.groupLabels.indexOf(group);
  for (const y of years) {
    const bucket = cube.layout.years.indexOf(y) * b.size + t * b.groups + g;
    n += cube.counts(indicator).nx[b.index]![bucket * 2]!;
    x += cube.counts(indicator).nx[b.index]![bucket * 2 + 1]!;
  }
  return x / n;
}

const cell = (t: CubeTable | null, group: string) => t!.cells.find((c) => c.group === group)!;

describe('demo survey', () => {
  it('is deterministic', () => {
    const again = generateDemoSurvey(frame);
    expect(again.data.length).toBe(survey.data.length);
    expect(Array.from(again.data.items.get('halsa')!.codes.subarray(0, 500))).toEqual(
      Array.from(survey.data.items.get('halsa')!.codes.subarray(0, 500)),
    );
  });

  it('has about 7,000 respondents a wave in three waves, grades 5, 8 and gy2, at the demo schools', () => {
    expect(survey.data.waves.map((w) => w.year)).toEqual([2018, 2021, 2024]);
    const perWave = [0, 0, 0];
    for (let i = 0; i < survey.data.length; i++) perWave[survey.data.wave[i]!]!++;
    for (const n of perWave) {
      expect(n).toBeGreaterThan(6500);
      expect(n).toBeLessThan(7500);
    }
    expect(survey.data.grades).toEqual(['5', '8', 'gy2']);
    const demoSchools = MUNICIPALITIES.reduce((a, m) => a + m.schools.length + (m.upperSecondary ? 1 : 0), 0);
    expect(schools).toHaveLength(demoSchools);
    expect(new Set(schools.map((s) => s.code)).size).toBe(demoSchools);
    expect(DEMO_INSTRUMENT.items).toHaveLength(20);
  });

  it('gives response rates per grade like the county survey', () => {
    const rates = pub.responseRates().filter((r) => r.grade !== null && r.municipality === null && r.school === null);
    expect(rates).toHaveLength(9);
    for (const r of rates) {
      const [lo, hi] = { '5': [0.87, 0.9], '8': [0.79, 0.87], gy2: [0.66, 0.84] }[r.grade as '5' | '8' | 'gy2'];
      expect(r.rate!).toBeGreaterThanOrEqual(lo! - 0.005);
      expect(r.rate!).toBeLessThanOrEqual(hi! + 0.005);
    }
  });

  it('binge drinking is more common with a lower family ladder (gy2), and rare in grade 8', () => {
    for (const year of [2018, 2021, 2024]) {
      expect(share('binge_drinking', 'family_ladder', year, { grade: 'gy2' }, '1-4')).toBeGreaterThan(
        share('binge_drinking', 'family_ladder', year, { grade: 'gy2' }, '8-10') + 0.1,
      );
    }
    // As published: both groups shown, with CIs that do not overlap.
    const t = pub.table({
      indicator: 'binge_drinking',
      breakdown: 'family_ladder',
      year: 2021,
      parent: { grade: 'gy2' },
    });
    expect(cell(t, '1-4').status).toBe('ok');
    expect(cell(t, '1-4').ciLow!).toBeGreaterThan(cell(t, '8-10').ciHigh!);
  });

  it('girls report more psychosomatic complaints and school stress (grades 8 and gy2), lower wellbeing with a lower ladder', () => {
    for (const grade of ['8', 'gy2']) {
      expect(share('psychosomatic_complaints', 'gender', null, { grade }, 'girl')).toBeGreaterThan(
        share('psychosomatic_complaints', 'gender', null, { grade }, 'boy') + 0.15,
      );
      expect(share('school_stress', 'gender', 2021, { grade }, 'girl')).toBeGreaterThan(
        share('school_stress', 'gender', 2021, { grade }, 'boy'),
      );
      expect(share('good_health', 'family_ladder', null, { grade }, '1-4')).toBeLessThan(
        share('good_health', 'family_ladder', null, { grade }, '8-10') - 0.1,
      );
      expect(share('future_optimism', 'family_ladder', null, { grade }, '1-4')).toBeLessThan(
        share('future_optimism', 'family_ladder', null, { grade }, '8-10'),
      );
    }
    const t = pub.table({
      indicator: 'psychosomatic_complaints',
      breakdown: 'gender',
      year: 2024,
      parent: { grade: '8' },
    });
    expect(cell(t, 'girl').ciLow!).toBeGreaterThan(cell(t, 'boy').ciHigh!);
  });

  it('alcohol is rare in grade 5 and common in gy2; heavy drinking among drinkers varies by municipality', () => {
    for (const year of [2018, 2021, 2024]) {
      expect(share('alcohol', 'grade', year, {}, '5')).toBeLessThan(0.05);
      expect(share('alcohol', 'grade', year, {}, 'gy2')).toBeGreaterThan(0.5);
    }
    // Seed (grade 8, 2021, among drinkers): Växjö lowest, Tingsryd highest.
    const pooled = (m: string) => share('binge_among_drinkers', 'municipality', null, { grade: '8' }, m);
    expect(pooled('0763')).toBeGreaterThan(pooled('0780') + 0.15);
  });

  it('marks the 2024 series break for school stress and has no loneliness item in 2018', () => {
    expect(pub.table({ indicator: 'school_stress', breakdown: 'grade', year: 2024 })!.seriesBreak).toBe(true);
    expect(pub.table({ indicator: 'school_stress', breakdown: 'grade', year: 2021 })!.seriesBreak).toBe(false);
    expect(pub.table({ indicator: 'loneliness', breakdown: 'grade', year: 2018 })).toBeNull();
    expect(pub.table({ indicator: 'loneliness', breakdown: 'grade', year: 2021 })).not.toBeNull();
  });

  it('every wheel indicator has at least one default indicator', () => {
    const wheels = new Set(DEFAULT_INDICATORS.map((d) => d.wheel));
    expect([...wheels].sort()).toEqual([
      'achieving',
      'active',
      'healthy',
      'included',
      'nurtured',
      'respected',
      'responsible',
      'safe',
    ]);
    expect(DEFAULT_INDICATORS).toHaveLength(20);
  });
});
