import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { testNowPlusDays, testToday } from '../../../test/helpers/clock.js';
import { type ScenarioChild, type ScenarioMember, scenario } from '../../../test/helpers/scenario.js';
import type { AssignedActor } from './actor.js';
import { childDataCalls, readChildData } from './child-data.js';
import { requestScope } from './request-scope.js';

// The choke point decides on the request's time, not on a second read of the clock: a request that
// started on the last day of someone's team membership is answered as of that day.
describe('the choke point on the request scope (pglite)', () => {
  let t: TestApp;
  let child: ScenarioChild;
  let former: ScenarioMember;
  let actor: AssignedActor;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    const s = scenario(t.tdb.db, testToday());
    child = await s.child({ team: ['anna.lindqvist'] });
    // On the team until yesterday (valid_to = yesterday).
    former = await s.formerTeamMember(child, 'erik.johansson', 1);
    const a = (
      await t.tdb.db.query<{ role: AssignedActor['role']; organisation_id: string; unit_id: string; domain: string }>(
        'SELECT a.role, a.organisation_id, a.unit_id, u.secrecy_domain AS domain FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.id = $1',
        [former.assignmentId],
      )
    ).rows[0]!;
    actor = {
      personId: former.personId,
      sessionTokenHash: 'test',
      assignmentId: former.assignmentId,
      role: a.role,
      organisationId: a.organisation_id,
      unitId: a.unit_id,
      secrecyDomain: a.domain as AssignedActor['secrecyDomain'],
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  const read = (now: Date) =>
    readChildData(
      childDataCalls(t.ctx, 'child')(requestScope(actor, `req-${now.toISOString()}`, now), child.id, {
        action: 'child.read',
        resourceId: child.id,
      }),
      async (_q, today) => ({ today }),
    );

  it("gates and dates by the scope's now while the app clock has moved on", async () => {
    // The app's clock says today; the request began yesterday at noon, when the membership was valid.
    const yesterday = testNowPlusDays(-1);
    await expect(read(yesterday)).resolves.toEqual({ today: yesterday.toISOString().slice(0, 10) });
    // The same actor on a request of today: no longer on the team, so the same 404 as "no such child".
    await expect(read(t.now())).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });
});
