import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizenSession } from '../../src/server/auth/citizen-sessions.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { auditOfRequest } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addDays } from '../helpers/dates.js';
import { testToday } from '../helpers/clock.js';
import { testDbKinds } from '../helpers/db.js';
import { scenario, type Scenario } from '../helpers/scenario.js';

/**
 * The family's own Barnkompass: who sees what (custody today; a child from a maturity judgement),
 * read at request time and audited; a child one may not see answers like one that does not exist;
 * family and staff sessions never reach each other's routes.
 */
describe.each(testDbKinds())('the family’s Barnkompass (%s)', (kind) => {
  let t: TestApp;
  let s: Scenario;
  let anna: string;
  const today = testToday();
  const MISSING = '00000000-0000-4000-8000-000000000000';

  const family = async (k: 'guardian' | 'child', id: string) => {
    const token = await createCitizenSession(
      t.tdb.db,
      { kind: k, id, method: 'dev' },
      { idleMinutes: 30, absoluteHours: 10 },
      t.now(),
    );
    return `bk_family=${token}`;
  };
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    s = scenario(t.tdb.db, today);
    anna = await t.login('anna.lindqvist');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a guardian with custody sees the child: who helps (the coordinator first) — audited as the guardian', async () => {
    const c = await s.child({
      team: [
        { user: 'per.sandberg', role: 'best_interest_lead', assignment: 0 },
        { user: 'anna.lindqvist', role: 'coordinator' },
      ],
      guardians: 2,
    });
    const g = await family('guardian', c.guardians[0]!.id);
    const list = await get('/api/portal/children', g);
    expect(list.statusCode).toBe(200);
    expect(list.json().children).toEqual([expect.objectContaining({ id: c.id, givenName: c.givenName, self: false })]);
    expect(await auditOfRequest(t.tdb.db, list.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        action: 'portal.list',
        outcome: 'permitted',
        details: { citizen: 'guardian', citizenId: c.guardians[0]!.id, count: 1 },
      }),
    ]);
    const page = await get(`/api/portal/children/${c.id}`, g);
    expect(page.statusCode).toBe(200);
    const helpers = page.json().helpers as { name: string; teamRole: string; namedContact: boolean }[];
    expect(helpers.map((h) => [h.teamRole, h.namedContact])).toEqual([
      ['coordinator', true],
      ['best_interest_lead', false],
    ]);
    expect(helpers[0]!.name).toBe('Anna Lindqvist');
    expect(page.json().nextMeeting).toBeNull();
    const events = await auditOfRequest(t.tdb.db, page.headers['x-request-id'] as string);
    expect(events).toEqual([expect.objectContaining({ action: 'portal.read', outcome: 'permitted', child_id: c.id })]);
    expect(JSON.stringify(events)).not.toContain(c.personnummer);
  });

  it('a parent without custody, and a guardian whose custody has ended, see nothing: 404 like a child that does not exist', async () => {
    const c = await s.child({ team: ['anna.lindqvist'], guardians: 2, custody: 'one' });
    const withCustody = await family('guardian', c.guardians[0]!.id);
    const without = await family('guardian', c.guardians[1]!.id);
    expect((await get('/api/portal/children', without)).json().children).toEqual([]);
    const denied = await get(`/api/portal/children/${c.id}`, without);
    const missing = await get(`/api/portal/children/${MISSING}`, without);
    expect(denied.statusCode).toBe(404);
    const answer = (r: typeof denied) => ({ ...r.json(), requestId: undefined });
    expect(answer(denied)).toEqual(answer(missing));
    expect(await auditOfRequest(t.tdb.db, denied.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ action: 'portal.read', outcome: 'denied', child_id: c.id }),
    ]);
    expect((await get(`/api/portal/children/${c.id}`, withCustody)).statusCode).toBe(200);
    // Custody ends (the population register says so): from the next request on, nothing.
    await t.tdb.db.ownerTransaction((tx) =>
      tx.query('UPDATE custody SET valid_to = $3::date WHERE child_id = $1 AND guardian_id = $2', [
        c.id,
        c.guardians[0]!.id,
        addDays(today, -1),
      ]),
    );
    expect((await get(`/api/portal/children/${c.id}`, withCustody)).statusCode).toBe(404);
    expect((await get('/api/portal/children', withCustody)).json().children).toEqual([]);
  });

  it('a child sees their own page only while a judgement of their maturity is in force', async () => {
    const c = await s.child({ age: 14, team: [{ user: 'anna.lindqvist', role: 'coordinator' }] });
    const me = await family('child', c.id);
    expect((await get('/api/portal/children', me)).json().children).toEqual([]);
    expect((await get(`/api/portal/children/${c.id}`, me)).statusCode).toBe(404);
    const none = await get(`/api/children/${c.id}/maturity-judgement`, anna);
    expect(none.json()).toEqual({ judgement: null });
    const recorded = await t.app.inject({
      method: 'POST',
      url: `/api/children/${c.id}/maturity-judgement`,
      headers: { cookie: anna },
      payload: { reason: 'Hen vill se sin plan och förstår vad den handlar om.' },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(await auditOfRequest(t.tdb.db, recorded.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ action: 'maturity.record', outcome: 'permitted', child_id: c.id }),
    ]);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/children/${c.id}/maturity-judgement`,
      headers: { cookie: anna },
      payload: { reason: 'En gång till.' },
    });
    expect(again.statusCode).toBe(409);
    expect((await get('/api/portal/children', me)).json().children).toEqual([
      expect.objectContaining({ id: c.id, self: true, age: 14 }),
    ]);
    expect((await get(`/api/portal/children/${c.id}`, me)).json().helpers[0].namedContact).toBe(true);
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/children/${c.id}/maturity-judgement`,
      headers: { cookie: anna },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await get(`/api/portal/children/${c.id}`, me)).statusCode).toBe(404);
  });

  it('a professional not on the team cannot record a judgement (404, audited)', async () => {
    const c = await s.child({ age: 13, team: ['anna.lindqvist'] });
    const sara = await t.login('sara.nilsson');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/children/${c.id}/maturity-judgement`,
      headers: { cookie: sara },
      payload: { reason: 'Försök utan att vara i teamet.' },
    });
    expect(res.statusCode).toBe(404);
    expect(await auditOfRequest(t.tdb.db, res.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ action: 'maturity.record', outcome: 'denied' }),
    ]);
  });

  it('the family reads the plan in force: why, what we do and who does it, and the next meeting they are invited to', async () => {
    const c = await s.child({
      team: ['anna.lindqvist', { user: 'per.sandberg', role: 'best_interest_lead' }],
      guardians: 1,
    });
    const post = async (rest: string, payload: object) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/children/${c.id}/plan${rest}`,
        headers: { cookie: anna },
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const g = await family('guardian', c.guardians[0]!.id);
    expect((await get(`/api/portal/children/${c.id}`, g)).json().plan).toBeNull();
    await post('', { level: 2, reason: 'Skolan och familjen vill att resan till skolan blir trygg.' });
    await post('/needs', { indicator: 'safe', description: 'Trygg väg till skolan' });
    await post('/actions', {
      what: 'Följa med till skolan på morgonen',
      responsible: { kind: 'professional', assignmentId: demoAssignmentId('anna.lindqvist') },
      dueDate: addDays(today, 10),
    });
    await post('/meetings', {
      date: addDays(today, 7),
      startTime: '09:00',
      place: 'Skolans konferensrum',
      purpose: 'Hur går morgnarna?',
      agenda: ['Hur går det?'],
      invitees: [{ kind: 'guardian', guardianId: c.guardians[0]!.id }],
    });
    const page = (await get(`/api/portal/children/${c.id}`, g)).json();
    expect(page.plan.needs).toEqual([{ indicator: 'safe', description: 'Trygg väg till skolan' }]);
    expect(page.plan.actions).toEqual([
      {
        what: 'Följa med till skolan på morgonen',
        status: 'planned',
        dueDate: addDays(today, 10),
        who: { kind: 'professional', name: 'Anna Lindqvist' },
      },
    ]);
    expect(page.nextMeeting).toMatchObject({
      date: addDays(today, 7),
      startTime: '09:00',
      purpose: 'Hur går morgnarna?',
    });
    // Into the family's own calendar: 09:00 Swedish time in UTC (CET or CEST), as an .ics file.
    const ics = await get(`/api/portal/children/${c.id}/meetings/${page.nextMeeting.id}/calendar`, g);
    expect(ics.statusCode, ics.body).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.body).toMatch(new RegExp(`DTSTART:${addDays(today, 7).replaceAll('-', '')}T0[78]0000Z`));
    expect(ics.body).toContain('SUMMARY:Möte: Hur går morgnarna?');
    // The child's own login is not invited to that meeting.
    await t.tdb.db.ownerTransaction((tx) =>
      tx.query(
        `INSERT INTO child_maturity_judgement (id, child_id, judged_by_person_id, judged_by_assignment_id, valid_from, reason, created_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4::date, 'Bedömd mogen.', now())`,
        [c.id, c.team[0]!.personId, c.team[0]!.assignmentId, addDays(today, -1)],
      ),
    );
    const own = (await get(`/api/portal/children/${c.id}`, await family('child', c.id))).json();
    expect(own.plan.actions).toHaveLength(1);
    expect(own.nextMeeting).toBeNull();
    const notInvited = await get(
      `/api/portal/children/${c.id}/meetings/${page.nextMeeting.id}/calendar`,
      await family('child', c.id),
    );
    expect(notInvited.statusCode).toBe(404);
  });

  it('a guardian sees the consents and withdraws one; the staff see it withdrawn on their next request', async () => {
    const c = await s.child({ team: ['anna.lindqvist', 'sara.nilsson'], guardians: 2, consent: 'given' });
    const g = await family('guardian', c.guardians[0]!.id);
    const other = await family('guardian', c.guardians[1]!.id);
    const list = await get(`/api/portal/children/${c.id}/consents`, g);
    expect(list.statusCode, list.body).toBe(200);
    const [consent] = list.json().consents as {
      id: string;
      status: string;
      mayWithdraw: boolean;
      parties: unknown[];
    }[];
    expect(consent).toMatchObject({ id: c.consentId, status: 'active', mayWithdraw: true });
    expect(consent!.parties).toContainEqual({
      kind: 'guardian',
      givenName: c.guardians[1]!.givenName,
      position: 'consents',
    });
    expect(JSON.stringify(list.json())).not.toMatch(/\d{12}/);
    const staffBefore = (await get(`/api/children/${c.id}/privacy`, anna)).json();
    expect(JSON.stringify(staffBefore)).toContain('"status":"active"');

    const withdraw = (cookie: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/portal/children/${c.id}/consents/${c.consentId}/withdraw`,
        headers: { cookie },
      });
    const done = await withdraw(g);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().consents[0]).toMatchObject({ status: 'withdrawn', mayWithdraw: false });
    expect(await auditOfRequest(t.tdb.db, done.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        action: 'consent.withdraw',
        outcome: 'permitted',
        child_id: c.id,
        resource_id: c.consentId,
        details: { citizen: 'guardian', citizenId: c.guardians[0]!.id },
      }),
    ]);
    // The staff's next request: withdrawn, by the guardian, in the family's Barnkompass.
    const staffAfter = (await get(`/api/children/${c.id}/privacy`, anna)).json();
    const shown = (staffAfter.consents as { id: string; status: string; withdrawal: unknown }[]).find(
      (x) => x.id === c.consentId,
    )!;
    expect(shown.status).toBe('withdrawn');
    expect(shown.withdrawal).toMatchObject({ byParty: 'guardian', recordedBy: null, inFamilyPortal: true });
    expect((await withdraw(other)).statusCode).toBe(409);
    // Without custody (another family's guardian): the same 404 as a child that does not exist.
    const stranger = await s.child({ team: ['anna.lindqvist'], guardians: 1 });
    const strangerCookie = await family('guardian', stranger.guardians[0]!.id);
    expect((await withdraw(strangerCookie)).statusCode).toBe(404);
  });

  it('the family’s own log extract: staff reads by role and unit, never a name, not the family’s own reads', async () => {
    const c = await s.child({ team: ['anna.lindqvist'], guardians: 1 });
    expect((await get(`/api/children/${c.id}`, anna)).statusCode).toBe(200);
    const g = await family('guardian', c.guardians[0]!.id);
    expect((await get(`/api/portal/children/${c.id}`, g)).statusCode).toBe(200);
    const res = await get(`/api/portal/children/${c.id}/access-log`, g);
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json().entries as { access: string; role: string | null; unitName: string | null }[];
    expect(entries).toContainEqual(
      expect.objectContaining({ access: 'read', role: 'teacher', unitName: 'Furuboskolan' }),
    );
    expect(entries.every((e) => e.role !== null)).toBe(true);
    expect(res.body).not.toContain('Lindqvist');
    expect(await auditOfRequest(t.tdb.db, res.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        action: 'portal.read',
        outcome: 'permitted',
        details: { citizen: 'guardian', citizenId: c.guardians[0]!.id, view: 'log_extract' },
      }),
    ]);
  });

  it('a family session never reaches a staff route, and a staff session never the portal', async () => {
    const c = await s.child({ team: ['anna.lindqvist'], guardians: 1 });
    const g = await family('guardian', c.guardians[0]!.id);
    for (const url of ['/api/children', `/api/children/${c.id}`, '/api/todo', '/api/session'])
      expect(
        [401, 403].includes((await get(url, g)).statusCode) || (await get(url, g)).json().authenticated === false,
        url,
      ).toBe(true);
    expect((await get('/api/portal/children', anna)).statusCode).toBe(401);
    expect((await get(`/api/portal/children/${c.id}`, anna)).statusCode).toBe(401);
    expect((await get('/api/portal/me', anna)).json()).toMatchObject({ authenticated: false, citizen: null });
    expect((await get('/api/portal/me', g)).json()).toMatchObject({
      authenticated: true,
      citizen: { kind: 'guardian', givenName: c.guardians[0]!.givenName },
    });
  });

  it('demo guardians and children are listed beside the staff and log in the same way, to the family’s Barnkompass', async () => {
    const users = (await t.app.inject({ method: 'GET', url: '/api/dev/users' })).json().users as {
      kind: string;
      username: string;
    }[];
    expect(users.filter((u) => u.kind === 'staff').length).toBeGreaterThan(30);
    const guardian = users.find((u) => u.kind === 'guardian')!;
    const child = users.find((u) => u.kind === 'child');
    expect(guardian.username).toContain('@');
    expect(child?.username).toMatch(/^barn\./);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/dev/login',
      payload: { username: guardian.username },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json()).toMatchObject({ kind: 'guardian', personId: null });
    const cookie = login.cookies.find((k) => k.name === 'bk_family')!;
    expect(login.cookies.some((k) => k.name === 'bk_session')).toBe(false);
    const mine = await get('/api/portal/children', `bk_family=${cookie.value}`);
    expect(mine.json().children.length).toBeGreaterThan(0);
    expect(demoAssignmentId('anna.lindqvist')).toBeTruthy();
  });
});
