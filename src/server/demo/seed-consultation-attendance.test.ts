import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData } from '../../core/personal-data.js';
import { openDb, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { buildConsultationAttendanceData, demoAttendancePeriod } from './seed-consultation-attendance.js';
import { buildDemoData, demoAssignmentId, seedDemo } from './seed.js';
import { addDays } from './random.js';
import { demoTestDays } from './test-days.js';

const FIXED_DAY = '2026-11-22';

describe.each(demoTestDays(FIXED_DAY))('demo konsultationsteam and attendance, built on %s', (TODAY) => {
  const data = buildDemoData(TODAY);
  const seed = buildConsultationAttendanceData(data);

  it('is deterministic', () => {
    expect(buildConsultationAttendanceData(buildDemoData(TODAY))).toEqual(seed);
  });

  it('has a county-wide team and a local one, with members in real demo assignments', () => {
    expect(seed.teams.map((t) => t.municipality_codes)).toEqual([null, ['0781', '0767', '0765']]);
    const assignments = new Set(data.assignment.map((a) => a.id));
    for (const m of seed.members) expect(assignments.has(m.assignment_id)).toBe(true);
    expect(seed.members.some((m) => m.assignment_id === demoAssignmentId('malin.ahlgren'))).toBe(true);
  });

  it('writes cases without personal data: the same check the API applies', () => {
    expect(seed.cases.length).toBeGreaterThanOrEqual(4);
    for (const c of seed.cases) {
      for (const text of [c.description, c.question, c.advice]) expect(findPersonalData(text), c.id).toEqual([]);
      if (c.consulted_on) expect(c.consulted_on < TODAY).toBe(true);
    }
    expect(seed.cases.some((c) => c.advice === null)).toBe(true);
    expect(seed.cases.some((c) => c.mandatory_report_advised)).toBe(true);
  });

  it("imports last month's attendance at Furuboskolan with alerts for per.sandberg to review, and one without a reviewer", () => {
    // Last month, whole.
    const [y, m] = TODAY.split('-').map(Number) as [number, number];
    const start = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
    expect(demoAttendancePeriod(TODAY)).toEqual({ start, end: addDays(`${TODAY.slice(0, 7)}-01`, -1) });
    expect(seed.attendanceImport.period_start).toBe(start);
    expect(seed.records.length).toBeGreaterThanOrEqual(10);
    const per = demoAssignmentId('per.sandberg');
    const leadOf = new Map(
      data.team_membership
        .filter((t) => t.team_role === 'best_interest_lead' && t.valid_to === null)
        .map((t) => [t.child_id, t.assignment_id]),
    );
    const perAlerts = seed.alerts.filter((a) => leadOf.get(a.child_id) === per);
    expect(perAlerts.length).toBeGreaterThanOrEqual(3);
    expect(seed.attendanceImport.alerts_without_reviewer_lines).toHaveLength(1);
    expect(seed.attendanceImport.alerts_raised).toBe(seed.alerts.length);
    for (const a of seed.alerts) expect(a.triggered.length).toBeGreaterThan(0);
  });

  if (TODAY === FIXED_DAY)
    describe('written into a fresh database', () => {
      let db: Db;
      beforeAll(async () => {
        db = await openDb({});
        await migrate(db);
        await seedDemo(db, { today: TODAY });
      }, 120_000);
      afterAll(async () => {
        await db?.close();
      });

      it('passes every constraint and counts match', async () => {
        const n = async (table: string) =>
          (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
        expect(await n('consultation_team')).toBe(2);
        expect(await n('consultation_case')).toBe(seed.cases.length);
        expect(await n('attendance_record')).toBe(seed.records.length);
        expect(await n('attendance_alert')).toBe(seed.alerts.length);
        expect(await n('attendance_threshold')).toBe(1);
      });
    });
});
