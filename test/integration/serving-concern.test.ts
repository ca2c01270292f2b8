import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { auditOfRequest } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testToday } from '../helpers/clock.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { scenario, type Scenario, type ScenarioChild } from '../helpers/scenario.js';

const OBSERVATION = 'Kommer ofta hungrig till skolan och somnar på lektionerna.';

/**
 * The model's first step from any unit that serves the child: a teacher who is not on a child's team
 * finds the child (by personnummer, or by name among her school's pupils), raises a concern and gets a
 * receipt; the concern reaches the one who decides, who is alerted and can read and decide it.
 */
describe.each(testDbKinds())('a concern from a serving unit (%s)', (kind) => {
  let t: TestApp;
  let s: Scenario;
  let anna: string;
  let johan: string;
  let per: string;
  let perPersonId: string;
  const today = testToday();

  const post = (url: string, cookie: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const search = (cookie: string, payload: unknown) => post('/api/serving-unit/children/search', cookie, payload);
  const raise = (
    cookie: string,
    childId: string,
    payload: unknown = { observation: OBSERVATION, indicators: ['healthy'] },
  ) => post(`/api/serving-unit/children/${childId}/concerns`, cookie, payload);
  const audit = (res: { headers: Record<string, unknown> }) =>
    auditOfRequest(t.tdb.db, res.headers['x-request-id'] as string);
  const counts = async () =>
    (
      await t.tdb.db.query<{ concerns: number; team: number; chronology: number; routed: number }>(
        `SELECT (SELECT count(*) FROM concern)::int AS concerns, (SELECT count(*) FROM team_membership)::int AS team,
                (SELECT count(*) FROM chronology_entry)::int AS chronology, (SELECT count(*) FROM concern_recipient)::int AS routed`,
      )
    ).rows[0]!;

  beforeAll(async () => {
    t = await createTestApp(kind);
    s = scenario(t.tdb.db, today);
    anna = await t.login('anna.lindqvist');
    johan = await t.login('johan.falk');
    per = await t.login('per.sandberg', demoAssignmentId('per.sandberg', 0));
    perPersonId = (await personByUsername(t.tdb.db, 'per.sandberg')).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds a pupil of my school by personnummer and by name: the minimum, audited; never a protected child by name', async () => {
    const pupil = await s.child({ familyName: 'Sökbarsson', team: [] });
    const hidden = await s.child({ familyName: 'Sökbarsson', protectedIdentity: true, team: [] });

    const byNumber = await search(anna, { personnummer: pupil.personnummer });
    expect(byNumber.statusCode, byNumber.body).toBe(200);
    const [found] = byNumber.json().children;
    expect(found).toEqual({
      id: pupil.id,
      givenName: pupil.givenName,
      familyName: pupil.familyName,
      birthYear: Number(pupil.birthDate.slice(0, 4)),
      unitName: expect.any(String),
      className: null,
    });
    expect(await audit(byNumber)).toEqual([
      {
        action: 'child.search',
        outcome: 'permitted',
        child_id: pupil.id,
        resource_id: pupil.id,
        details: { reason: 'serving_unit' },
      },
    ]);

    const byName = await search(anna, { name: 'sökbars' });
    expect(byName.statusCode).toBe(200);
    expect(byName.json().children.map((c: { id: string }) => c.id)).toEqual([pupil.id]);

    const protectedByNumber = await search(anna, { personnummer: hidden.personnummer });
    expect(protectedByNumber.json().children.map((c: { id: string }) => c.id)).toEqual([hidden.id]);
    expect((await audit(protectedByNumber))[0]!.details).toEqual({ reason: 'serving_unit', protected_identity: true });

    // Another school's teacher: nothing, audited as a denied search on that child.
    const other = await search(johan, { personnummer: pupil.personnummer });
    expect(other.json()).toEqual({ children: [] });
    expect(await audit(other)).toEqual([
      {
        action: 'child.search',
        outcome: 'denied',
        child_id: pupil.id,
        resource_id: pupil.id,
        details: { reason: 'serving_unit' },
      },
    ]);
    const noName = await search(johan, { name: 'Sökbarsson' });
    expect(noName.json()).toEqual({ children: [] });
    expect((await audit(noName))[0]).toMatchObject({ outcome: 'not_found', child_id: null });

    expect((await search(anna, { personnummer: '19000101-0000' })).statusCode).toBe(400);
    expect((await search(anna, { name: 'a' })).statusCode).toBe(400);
  });

  it('raises a concern without the team: a receipt to the barnets bästa-ansvarig; the child stays behind the gate', async () => {
    const child = await s.child({ team: [{ user: 'per.sandberg', role: 'best_interest_lead' }, 'malin.ahlgren'] });
    const res = await raise(anna, child.id);
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({
      childId: child.id,
      recipient: { personId: perPersonId, name: 'Per Sandberg' },
      recipientReason: 'best_interest_lead',
      recipientJoinedTeam: false,
    });
    expect(JSON.stringify(receipt)).not.toContain(OBSERVATION);
    expect(await audit(res)).toEqual([
      {
        action: 'concern.create',
        outcome: 'permitted',
        child_id: child.id,
        resource_id: receipt.concernId,
        details: { reason: 'serving_unit', basis: 'enrolment' },
      },
    ]);
    // In the child's chronology like any concern, and nothing else of the child for anna.
    const entries = (await get(`/api/children/${child.id}/chronology`, per)).json().entries;
    expect(
      entries.some(
        (e: { kind: string; concernId: string }) => e.kind === 'concern_raised' && e.concernId === receipt.concernId,
      ),
    ).toBe(true);
    expect((await get(`/api/children/${child.id}`, anna)).statusCode).toBe(404);
    expect((await get(`/api/children/${child.id}/concerns/${receipt.concernId}`, anna)).statusCode).toBe(404);

    // The one who decides is alerted, reads and decides it.
    const todo = (await get('/api/todo', per)).json().items;
    expect(todo).toContainEqual(
      expect.objectContaining({ kind: 'concern_decision', resourceId: receipt.concernId, why: ['recipient'] }),
    );
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/children/${child.id}/concerns/${receipt.concernId}/decision`,
      headers: { cookie: per, 'if-match': '"v1"' },
      payload: { decision: 'own_service', reason: 'Vi tar det i elevhälsoteamet.' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(
      (await get('/api/todo', per))
        .json()
        .items.some((i: { resourceId: string }) => i.resourceId === receipt.concernId),
    ).toBe(false);
  });

  it('without a barnets bästa-ansvarig it goes to the principal, who joins the team as member from today (chronology, audit)', async () => {
    const child = await s.child({ team: [] });
    const res = await raise(anna, child.id);
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({
      recipientReason: 'unit_lead',
      recipientJoinedTeam: true,
      recipient: { personId: perPersonId },
    });
    const team = await t.tdb.db.query(
      'SELECT person_id, assignment_id, team_role, valid_from::text AS valid_from, valid_to, origin FROM team_membership WHERE child_id = $1',
      [child.id],
    );
    expect(team.rows).toEqual([
      {
        person_id: perPersonId,
        assignment_id: demoAssignmentId('per.sandberg', 0),
        team_role: 'member',
        valid_from: today,
        valid_to: null,
        origin: 'manual',
      },
    ]);
    const events = await audit(res);
    expect(events.map((e) => [e.action, e.outcome, e.child_id])).toEqual([
      ['concern.create', 'permitted', child.id],
      ['team_membership.create', 'permitted', child.id],
    ]);
    expect(events[1]!.details).toMatchObject({ role: 'member', concernId: receipt.concernId });
    const kinds = (await get(`/api/children/${child.id}/chronology`, per))
      .json()
      .entries.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['concern_raised', 'team_member_added']));
    expect((await get(`/api/children/${child.id}/concerns/${receipt.concernId}`, per)).statusCode).toBe(200);
    expect((await get('/api/todo', per)).json().items).toContainEqual(
      expect.objectContaining({ resourceId: receipt.concernId, why: ['recipient'] }),
    );
  });

  it('goes to the unit lead when the barnets bästa-ansvarig may not read it (a BVC nurse and a preschool concern)', async () => {
    const child = await s.child({ age: 3, team: [{ user: 'hanna.wall', role: 'best_interest_lead' }] });
    const sofia = await t.login('sofia.berglund');
    const res = await raise(sofia, child.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      recipientReason: 'unit_lead',
      recipientJoinedTeam: true,
      recipient: { name: 'Ingrid Sjöberg' },
    });
    const ingrid = await t.login('ingrid.sjoberg', demoAssignmentId('ingrid.sjoberg', 0));
    expect((await get(`/api/children/${child.id}/concerns/${res.json().concernId}`, ingrid)).statusCode).toBe(200);
    // With the family's consent to share the preschool's records with the BVC, the nurse decides it.
    const consented = await s.child({
      age: 3,
      team: [{ user: 'hanna.wall', role: 'best_interest_lead' }, 'sofia.berglund'],
      consent: 'given',
    });
    const withConsent = await raise(sofia, consented.id);
    expect(withConsent.json()).toMatchObject({ recipientReason: 'best_interest_lead', recipientJoinedTeam: false });
    const hanna = await t.login('hanna.wall');
    expect(
      (await get(`/api/children/${consented.id}/concerns/${withConsent.json().concernId}`, hanna)).statusCode,
    ).toBe(200);
  });

  it('the elevhälsa of the school serves its pupils too', async () => {
    await s.studentHealthOf('0780:eh-psy', '0780:school:0');
    const child = await s.child({ team: [] });
    const malin = await t.login('malin.ahlgren');
    expect((await search(malin, { personnummer: child.personnummer })).json().children).toHaveLength(1);
    const res = await raise(malin, child.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ recipientReason: 'unit_lead', recipient: { personId: perPersonId } });
    expect((await audit(res))[0]!.details).toEqual({ reason: 'serving_unit', basis: 'student_health' });
  });

  it('a school nurse’s concern stays in the medical elevhälsa: the school doctor decides it, and can read it', async () => {
    await s.studentHealthOf('0780:eh-med', '0780:school:0');
    const child = await s.child({ team: [] });
    const erik = await t.login('erik.johansson', demoAssignmentId('erik.johansson', 0));
    const res = await raise(erik, child.id);
    expect(res.statusCode, res.body).toBe(201);
    const gustav = await personByUsername(t.tdb.db, 'gustav.nord');
    expect(res.json()).toMatchObject({
      recipientReason: 'unit_lead',
      recipient: { personId: gustav.id },
      recipientJoinedTeam: true,
    });
    const doctor = await t.login('gustav.nord', demoAssignmentId('gustav.nord', 0));
    const concern = await get(`/api/children/${child.id}/concerns/${res.json().concernId}`, doctor);
    expect(concern.statusCode, concern.body).toBe(200);
    expect(concern.json().observation).toBe(OBSERVATION);
  });

  it('a child my unit does not serve answers like one that does not exist, audited; nothing is written', async () => {
    const elsewhere = await s.child({ team: [], enrolledAt: '0780:school:1' });
    const left = await s.child({ team: [], enrolledAt: null });
    await s.enrol(left, '0780:school:0', { sinceDaysAgo: 300, endedDaysAgo: 1 });
    const before = await counts();
    const ghost = randomUUID();
    for (const [childId, outcome] of [
      [elsewhere.id, 'denied'],
      [left.id, 'denied'],
      [ghost, 'not_found'],
    ] as const) {
      const res = await raise(anna, childId);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('not_found');
      expect(res.body).not.toContain(OBSERVATION);
      expect(await audit(res)).toEqual([
        {
          action: 'concern.create',
          outcome,
          child_id: outcome === 'denied' ? childId : null,
          resource_id: null,
          details: { reason: 'serving_unit' },
        },
      ]);
    }
    expect(await counts()).toEqual(before);
  });

  it('bad input is a 400 with nothing half-written; roles without case content get 403', async () => {
    const child: ScenarioChild = await s.child({ team: [] });
    const before = await counts();
    const empty = await raise(anna, child.id, { observation: '  ' });
    expect(empty.statusCode).toBe(400);
    const future = await raise(anna, child.id, { observation: OBSERVATION, observedSince: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().details).toMatchObject({ field: 'observedSince' });
    expect(await counts()).toEqual(before);

    const admin = await t.login('lisa.wallin');
    const res = await raise(admin, child.id);
    expect(res.statusCode).toBe(403);
    expect(res.json().details).toEqual({ reason: 'role' });
    expect((await search(admin, { personnummer: child.personnummer })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
