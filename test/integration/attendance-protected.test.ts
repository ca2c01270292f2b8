import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishToday } from '../../src/server/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';

/**
 * Protected identity (issue 4): an attendance alert names the child's school. For a child with
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
    const today = swedishToday();
    const active = `t.valid_from <= $1::date AND (t.valid_to IS NULL OR t.valid_to >= $1::date)`;
    const r = await t.tdb.db.query<{
      child_id: string;
      alert_id: string;
      unit_name: string;
      lead_user: string;
      lead_asg: string;
      other_user: string;
      other_asg: string;
    }>(
      `SELECT a.child_id, a.id AS alert_id, u.name AS unit_name,
              lp.username AS lead_user, l.assignment_id AS lead_asg, op.username AS other_user, o.assignment_id AS other_asg
         FROM attendance_alert a JOIN unit u ON u.id = a.unit_id
         JOIN team_membership l ON l.child_id = a.child_id AND l.team_role IN ('coordinator', 'best_interest_lead')
         JOIN person lp ON lp.id = l.person_id
         JOIN team_membership o ON o.child_id = a.child_id AND o.team_role IN ('contact_person', 'member') AND o.person_id <> l.person_id
         JOIN person op ON op.id = o.person_id
        WHERE ${active.replaceAll('t.', 'l.')} AND ${active.replaceAll('t.', 'o.')}
          AND NOT EXISTS (SELECT 1 FROM team_membership x WHERE x.child_id = a.child_id AND x.person_id = o.person_id AND x.team_role IN ('coordinator', 'best_interest_lead'))
        ORDER BY a.child_id, a.id LIMIT 1`,
      [today],
    );
    expect(r.rows, 'the demo has an alert for a child with a lead and another team member').toHaveLength(1);
    const x = r.rows[0]!;
    pick = {
      childId: x.child_id,
      alertId: x.alert_id,
      unitName: x.unit_name,
      lead: { username: x.lead_user, assignmentId: x.lead_asg },
      other: { username: x.other_user, assignmentId: x.other_asg },
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
