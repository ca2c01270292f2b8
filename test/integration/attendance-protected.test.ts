import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDay, testToday } from '../helpers/clock.js';
import { testDbKinds } from '../helpers/db.js';
import { scenario } from '../helpers/scenario.js';

/**
 * Protected identity: an attendance alert names the child's school. For a child with
 * skyddade personuppgifter only the coordinator and barnets bästa-ansvarig see it; other team
 * members get the alert without the school (and without the reviewer's unit).
 */
describe.each(testDbKinds())('attendance alerts and protected identity (%s)', (kind) => {
  let t: TestApp;
  let pick: {
    childId: string;
    alertId: string;
    unitName: string;
    lead: { username: string; assignmentId: string };
    other: { username: string; assignmentId: string };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    // A Furuboskolan pupil with per.sandberg as barnets bästa-ansvarig and anna as a plain member,
    // and an alert from an import of the school's attendance (40 % absence).
    const child = await scenario(t.tdb.db, testToday()).child({
      team: [{ user: 'per.sandberg', role: 'best_interest_lead' }, 'anna.lindqvist'],
    });
    const perA = demoAssignmentId('per.sandberg', 0);
    const furubo = (await t.tdb.db.query<{ unit_id: string }>('SELECT unit_id FROM assignment WHERE id = $1', [perA]))
      .rows[0]!.unit_id;
    const [start, end] = [testDay(-40), testDay(-12)];
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/attendance/imports',
      headers: { cookie: await t.login('per.sandberg', perA) },
      payload: {
        unitId: furubo,
        periodStart: start,
        periodEnd: end,
        measure: 'minutes',
        csv: `personnummer;fran;till;schemalagt;giltig_franvaro;ogiltig_franvaro\n${child.personnummer};${start};${end};6000;1200;1200`,
      },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const alert = (
      await t.tdb.db.query<{ id: string }>('SELECT id FROM attendance_alert WHERE child_id = $1', [child.id])
    ).rows;
    expect(alert).toHaveLength(1);
    pick = {
      childId: child.id,
      alertId: alert[0]!.id,
      unitName: 'Furuboskolan',
      lead: { username: 'per.sandberg', assignmentId: perA },
      other: { username: 'anna.lindqvist', assignmentId: child.team[1]!.assignmentId },
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (who: { username: string; assignmentId: string }, url: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie: await t.login(who.username, who.assignmentId) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  it('names the school to every team member while the child has no protected identity', async () => {
    const one = await get(pick.other, `/api/children/${pick.childId}/attendance-alerts/${pick.alertId}`);
    expect(one.json().unit.name).toBe(pick.unitName);
  });

  it('withholds the school from team members who do not need it once the child has protected identity', async () => {
    await t.tdb.db.query('UPDATE child SET protected_identity = true WHERE id = $1', [pick.childId]);
    try {
      for (const url of [
        `/api/children/${pick.childId}/attendance-alerts/${pick.alertId}`,
        `/api/children/${pick.childId}/attendance-alerts`,
      ]) {
        const res = await get(pick.other, url);
        expect(res.body).not.toContain(pick.unitName);
        const alerts = res.json().alerts ?? [res.json()];
        expect(alerts.length).toBeGreaterThan(0);
        for (const a of alerts) expect(a.unit).toBeNull();
      }
      const lead = await get(pick.lead, `/api/children/${pick.childId}/attendance-alerts/${pick.alertId}`);
      expect(lead.json().unit.name).toBe(pick.unitName);
    } finally {
      await t.tdb.db.query('UPDATE child SET protected_identity = false WHERE id = $1', [pick.childId]);
    }
  });
});
