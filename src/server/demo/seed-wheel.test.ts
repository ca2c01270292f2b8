import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { WHEEL_INDICATORS } from '../../core/wheel.js';
import { addDays } from './random.js';
import { buildDemoData, demoPersonId, seedDemo } from './seed.js';
import { buildWheelData, WHEEL_HISTORY_DAYS } from './seed-wheel.js';
import { demoTestDays } from './test-days.js';

const FIXED_DAY = '2026-11-22';

describe.each(demoTestDays(FIXED_DAY))('demo wellbeing-wheel histories, built on %s', (TODAY) => {
  const data = buildDemoData(TODAY);
  const wheel = buildWheelData(data);

  it('is deterministic', () => {
    expect(buildWheelData(buildDemoData(TODAY))).toEqual(wheel);
  });

  it('gives every teamed child a history, richer at levels 2–3, within the last 18 months', () => {
    const teamed = new Set(data.team_membership.filter((t) => t.valid_to === null).map((t) => t.child_id));
    const byChild = new Map<string, typeof wheel.wheel_assessment>();
    for (const a of wheel.wheel_assessment) byChild.set(a.child_id, [...(byChild.get(a.child_id) ?? []), a]);
    for (const id of teamed) expect(byChild.has(id), id).toBe(true);
    for (const a of wheel.wheel_assessment) {
      expect(teamed.has(a.child_id)).toBe(true);
      expect(a.assessed_on >= addDays(TODAY, -WHEEL_HISTORY_DAYS) && a.assessed_on < TODAY, a.assessed_on).toBe(true);
    }
    const coordinated = [
      ...new Set(
        data.team_membership.filter((t) => t.team_role === 'coordinator' && t.valid_to === null).map((t) => t.child_id),
      ),
    ];
    expect(coordinated.length).toBeGreaterThan(10);
    for (const id of coordinated) {
      const list = byChild.get(id)!;
      const dates = new Set(list.map((a) => a.assessed_on));
      expect(dates.size, id).toBeGreaterThanOrEqual(2);
      expect(dates.size).toBeLessThanOrEqual(4);
      expect(new Set(list.map((a) => a.perspective)).has('professional')).toBe(true);
      // Adults (18+) have no guardians; everyone else has a guardian's view too.
      if (data.custody.some((c) => c.child_id === id))
        expect(list.some((a) => a.perspective === 'guardian')).toBe(true);
    }
    expect(wheel.wheel_assessment.some((a) => a.resilience_matrix !== null)).toBe(true);
    expect(wheel.wheel_assessment.some((a) => a.my_world_triangle !== null)).toBe(true);
  });

  it("anna.lindqvist's children each have child, guardian and professional views over several dates, some recorded by her", () => {
    const anna = demoPersonId('anna.lindqvist');
    const annaKids = new Set(
      data.team_membership.filter((t) => t.person_id === anna && t.valid_to === null).map((t) => t.child_id),
    );
    expect(annaKids.size).toBeGreaterThanOrEqual(5);
    for (const id of annaKids) {
      const list = wheel.wheel_assessment.filter((a) => a.child_id === id);
      expect(new Set(list.map((a) => a.perspective)), id).toEqual(new Set(['child', 'guardian', 'professional']));
      expect(new Set(list.map((a) => a.assessed_on)).size).toBeGreaterThanOrEqual(2);
      expect(list.some((a) => a.professional_person_id === anna)).toBe(true);
    }
  });

  it('is consistent: guardians are the child’s, authors were on the team that day, eight indicators with 1–5 or not assessed, ratings change over time', () => {
    const custody = new Set(data.custody.map((c) => `${c.child_id}:${c.guardian_id}`));
    const teams = data.team_membership;
    for (const a of wheel.wheel_assessment) {
      if (a.perspective === 'guardian') expect(custody.has(`${a.child_id}:${a.guardian_id}`)).toBe(true);
      else expect(a.guardian_id).toBeNull();
      expect(
        teams.some(
          (t) =>
            t.child_id === a.child_id && t.assignment_id === a.author_assignment_id && t.valid_from <= a.assessed_on,
        ),
      ).toBe(true);
      if (a.perspective === 'professional') expect(a.professional_assignment_id).toBe(a.author_assignment_id);
    }
    const perAssessment = new Map<string, string[]>();
    for (const i of wheel.wheel_assessment_indicator) {
      perAssessment.set(i.assessment_id, [...(perAssessment.get(i.assessment_id) ?? []), i.indicator]);
      expect(i.rating === null || (Number.isInteger(i.rating) && i.rating >= 1 && i.rating <= 5)).toBe(true);
    }
    for (const a of wheel.wheel_assessment) expect(perAssessment.get(a.id)).toEqual([...WHEEL_INDICATORS]);
    const ratings = wheel.wheel_assessment_indicator.map((i) => i.rating);
    expect(ratings.filter((r) => r === null).length).toBeGreaterThan(0);
    for (const r of [1, 2, 3, 4, 5]) expect(ratings.includes(r), String(r)).toBe(true);
    const texts = wheel.wheel_assessment_indicator.filter((i) => i.what_works || i.what_is_hard);
    expect(texts.length / wheel.wheel_assessment_indicator.length).toBeGreaterThan(0.6);
  });

  if (TODAY === FIXED_DAY)
    describe('in the database', () => {
      let db: Db;
      beforeAll(async () => {
        db = await openDb({});
        await migrate(db);
        await seedDemo(db, { today: TODAY });
      }, 120_000);
      afterAll(async () => {
        await db?.close();
      });

      it('is written by seedDemo with the rest of the demo', async () => {
        const n = await db.query<{ a: number; i: number }>(
          'SELECT (SELECT count(*) FROM wheel_assessment)::int AS a, (SELECT count(*) FROM wheel_assessment_indicator)::int AS i',
        );
        expect(n.rows[0]).toEqual({ a: wheel.wheel_assessment.length, i: wheel.wheel_assessment.length * 8 });
        const again = await seedDemo(db, { today: TODAY });
        expect(again.alreadySeeded).toBe(true);
        const m = await db.query<{ a: number }>('SELECT count(*)::int AS a FROM wheel_assessment');
        expect(m.rows[0]!.a).toBe(wheel.wheel_assessment.length);
      });
    });
});
