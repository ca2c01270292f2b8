import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { buildConcernData } from './seed-concerns.js';
import { buildDemoData, demoAssignmentId, demoPersonId, seedDemo } from './seed.js';
import { addDays } from './random.js';
import { demoTestDays } from './test-days.js';

const FIXED_DAY = '2026-11-22';

describe.each(demoTestDays(FIXED_DAY))('demo concerns and chronologies, built on %s', (TODAY) => {
  const data = buildDemoData(TODAY);
  const seed = buildConcernData(data);
  const anna = demoPersonId('anna.lindqvist');
  const annaAssignment = demoAssignmentId('anna.lindqvist');
  const activeOn = (childId: string, personId: string, day: string) =>
    data.team_membership.some(
      (t) =>
        t.child_id === childId &&
        t.person_id === personId &&
        t.valid_from <= day &&
        (t.valid_to === null || t.valid_to >= day),
    );

  it('is deterministic', () => {
    expect(buildConcernData(buildDemoData(TODAY))).toEqual(seed);
  });

  it("gives anna.lindqvist's to-do three overdue decisions and one due within three days, all raised by her", () => {
    const annaKids = new Set(
      data.team_membership
        .filter((t) => t.assignment_id === annaAssignment && t.valid_to === null)
        .map((t) => t.child_id),
    );
    expect(annaKids.size).toBeGreaterThanOrEqual(5);
    const open = seed.concern.filter((c) => c.decision === null && annaKids.has(c.child_id));
    expect(open.every((c) => c.created_by_person_id === anna)).toBe(true);
    expect(open.filter((c) => c.decision_due < TODAY)).toHaveLength(3);
    expect(open.filter((c) => c.decision_due >= TODAY && c.decision_due <= addDays(TODAY, 3))).toHaveLength(1);
    expect(open.filter((c) => c.decision_due > addDays(TODAY, 3))).toHaveLength(1);
  });

  it('has decided and open concerns across the county, each by someone on the team that day', () => {
    const decided = seed.concern.filter((c) => c.decision !== null);
    const open = seed.concern.filter((c) => c.decision === null);
    expect(decided.length).toBeGreaterThanOrEqual(30);
    expect(open.length).toBeGreaterThanOrEqual(10);
    expect(new Set(decided.map((c) => c.decision))).toEqual(
      new Set(['no_further_action', 'own_service', 'collaboration']),
    );
    expect(open.filter((c) => c.decision_due < TODAY && c.created_by_person_id !== anna).length).toBeGreaterThan(0);
    for (const c of seed.concern) {
      expect(
        activeOn(c.child_id, c.created_by_person_id, c.created_at.slice(0, 10)) || c.created_by_person_id === anna,
        c.id,
      ).toBe(true);
      // Nothing on today itself: a seeded time of day could still lie ahead.
      expect(c.created_at.slice(0, 10) < TODAY).toBe(true);
      expect(c.decision_due >= c.created_at.slice(0, 10)).toBe(true);
      expect(c.observation).toMatch(/[åäö]/);
      expect(c.indicators.length).toBeGreaterThan(0);
      if (c.decision) {
        expect(c.decided_at! >= c.created_at, c.id).toBe(true);
        expect(c.decided_at!.slice(0, 10) < TODAY).toBe(true);
        expect(c.decision_reason).toBeTruthy();
        expect(c.q_additional_help).toBeTruthy();
      }
    }
  });

  it('every concern has its chronology entries, and notes come from the team', () => {
    for (const c of seed.concern) {
      const entries = seed.chronology_entry.filter((e) => e.concern_id === c.id);
      expect(entries.map((e) => e.kind).sort()).toEqual(
        c.decision ? ['concern_decided', 'concern_raised'] : ['concern_raised'],
      );
    }
    const notes = seed.chronology_entry.filter((e) => e.kind === 'note');
    expect(notes.length).toBeGreaterThanOrEqual(50);
    expect(new Set(notes.map((e) => e.significance))).toEqual(new Set(['low', 'medium', 'high']));
    for (const e of notes) {
      expect(activeOn(e.child_id, e.entered_by_person_id, e.event_date), e.id).toBe(true);
      expect(e.event_date < TODAY).toBe(true);
    }
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

      it('no decision implies a higher support level than the child has, and the chronology records each raise', async () => {
        // Other demo seeds (privacy: a note kept secret from the guardians) add notes of their own;
        // count this seed's entries by id.
        const counts = await db.query<{ concerns: number; entries: number }>(
          `SELECT (SELECT count(*) FROM concern)::int AS concerns, (SELECT count(*) FROM chronology_entry WHERE kind IN ('note', 'concern_raised', 'concern_decided') AND id = ANY($1::uuid[]))::int AS entries`,
          [seed.chronology_entry.map((e) => e.id)],
        );
        expect(counts.rows[0]).toEqual({ concerns: seed.concern.length, entries: seed.chronology_entry.length });
        const tooHigh = await db.query(
          `SELECT c.id FROM concern k JOIN child c ON c.id = k.child_id
          WHERE (k.decision = 'collaboration' AND c.support_level < 3) OR (k.decision = 'own_service' AND c.support_level < 2)`,
        );
        expect(tooHigh.rows).toEqual([]);
        const raises = await db.query<{ before: number; after: number; level: number }>(
          `SELECT (e.details->>'supportLevelBefore')::int AS before, (e.details->>'supportLevelAfter')::int AS after, c.support_level AS level
           FROM chronology_entry e JOIN child c ON c.id = e.child_id WHERE e.kind = 'concern_decided'`,
        );
        for (const r of raises.rows) {
          expect(r.after).toBeGreaterThanOrEqual(r.before);
          expect(r.after).toBeLessThanOrEqual(r.level);
        }
      });
    });
});
