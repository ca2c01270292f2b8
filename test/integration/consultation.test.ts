import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOfRequest } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { demoPersonId } from '../../src/server/demo/seed.js';
import { testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const PNR = '20150109-2397';
const EMAIL = 'pappa.andersson@example.se';
const PHONE = '070-174 06 05';

describe.each(testDbKinds())('anonymous consultation (%s)', (kind) => {
  let t: TestApp;
  let anna: string;
  let malin: string;
  let johan: string;
  let today: string;
  let countyTeam: string;
  let ljungbyTeam: string;

  const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown, ifMatch?: string) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const auditOf = (requestId: string) => auditOfRequest(t.tdb.db, requestId);
  const counts = async () =>
    (
      await t.tdb.db.query<{ cases: number; consents: number; chronology: number; audit: number }>(
        `SELECT (SELECT count(*) FROM consultation_case)::int AS cases, (SELECT count(*) FROM consultation_link_consent)::int AS consents,
              (SELECT count(*) FROM chronology_entry)::int AS chronology, (SELECT count(*) FROM audit_event)::int AS audit`,
      )
    ).rows[0]!;
  const validCase = (over: Record<string, unknown> = {}) => ({
    teamId: countyTeam,
    ageBand: '10_12',
    schoolStage: 'grades_4_6',
    municipalityCode: '0780',
    indicators: ['included', 'safe'],
    description: 'En elev i mellanstadiet drar sig undan och är ofta hemma med magont på måndagar.',
    question: 'Hur går vi vidare tillsammans med familjen?',
    mandatoryReportSuspected: false,
    ...over,
  });
  const create = async (cookie = anna, over: Record<string, unknown> = {}) => {
    const res = await req('POST', '/api/consultation-cases', cookie, validCase(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  };
  const advise = async (caseId: string, version = 1) => {
    const res = await req(
      'PUT',
      `/api/consultation-cases/${caseId}/advice`,
      malin,
      {
        advice: 'Samtal med elev och vårdnadshavare; följ upp om fyra veckor.',
        consultedOn: today,
        participantRoles: ['school_counsellor', 'social_worker'],
      },
      `"v${version}"`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; version: number };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    anna = await t.login('anna.lindqvist');
    malin = await t.login('malin.ahlgren');
    johan = await t.login('johan.falk');
    today = testToday();
    const teams = await t.tdb.db.query<{ id: string; name: string }>(
      'SELECT id, name FROM consultation_team ORDER BY name',
    );
    countyTeam = teams.rows.find((x) => x.name === 'Konsultationsteamet Kronoberg')!.id;
    ljungbyTeam = teams.rows.find((x) => x.name.startsWith('Konsultationsteamet Ljungby'))!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers the teams and municipalities for a new case; administrators and analysts get 403', async () => {
    const res = await req('GET', '/api/consultation-teams', anna);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.teams.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['Konsultationsteamet Kronoberg']),
    );
    expect(body.municipalities).toContainEqual({ code: '0780', name: 'Växjö kommun' });
    expect(body.defaultMunicipalityCode).toBe('0780');
    expect(
      (await req('GET', '/api/consultation-teams', malin)).json().teams.find((x: { id: string }) => x.id === countyTeam)
        .member,
    ).toBe(true);
    for (const user of ['admin.kronoberg', 'lars.berg']) {
      const cookie = await t.login(user);
      expect((await req('GET', '/api/consultation-teams', cookie)).statusCode, user).toBe(403);
      expect((await req('POST', '/api/consultation-cases', cookie, validCase())).statusCode, user).toBe(403);
    }
  });

  it('creates a case without personal data, visible to the author and the team, not to others; every read audited with no child', async () => {
    const res = await req('POST', '/api/consultation-cases', anna, validCase());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"v1"');
    const c = res.json();
    expect(c).toMatchObject({
      team: { id: countyTeam, name: 'Konsultationsteamet Kronoberg' },
      ageBand: '10_12',
      schoolStage: 'grades_4_6',
      municipality: { code: '0780', name: 'Växjö kommun' },
      indicators: ['safe', 'included'],
      status: 'awaiting_advice',
      advice: null,
      link: null,
      author: { name: 'Anna Lindqvist' },
      viewer: { isAuthor: true, isTeamMember: false, mayAdvise: false, mayLink: false },
      version: 1,
    });
    expect(await auditOf(res.headers['x-request-id'] as string)).toEqual([
      { action: 'consultation.create', outcome: 'permitted', child_id: null, resource_id: c.id, details: {} },
    ]);
    // The table has no column for a child, a name or a personnummer.
    const cols = (
      await t.tdb.db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'consultation_case'`,
      )
    ).rows.map((r) => r.column_name);
    expect(cols.filter((x) => /child|personnummer|name/.test(x))).toEqual([]);

    const mine = await req('GET', '/api/consultation-cases', anna);
    expect(mine.json().cases.map((x: { id: string }) => x.id)).toContain(c.id);
    const team = await req('GET', `/api/consultation-cases/${c.id}`, malin);
    expect(team.statusCode).toBe(200);
    expect(team.json().viewer).toEqual({ isAuthor: false, isTeamMember: true, mayAdvise: true, mayLink: false });
    expect(
      (await req('GET', '/api/consultation-cases', malin)).json().cases.map((x: { id: string }) => x.id),
    ).toContain(c.id);

    const other = await req('GET', `/api/consultation-cases/${c.id}`, johan);
    expect(other.statusCode).toBe(404);
    expect(await auditOf(other.headers['x-request-id'] as string)).toEqual([
      { action: 'consultation.read', outcome: 'denied', child_id: null, resource_id: c.id, details: {} },
    ]);
    expect(
      (await req('GET', '/api/consultation-cases', johan)).json().cases.map((x: { id: string }) => x.id),
    ).not.toContain(c.id);
    // The Ljungby team's members do not see the county team's cases.
    const fredrik = await t.login('fredrik.ask');
    expect((await req('GET', `/api/consultation-cases/${c.id}`, fredrik)).statusCode).toBe(404);
  });

  it('refuses a personnummer, an e-mail address or a phone number in the text with a 400 that names what to remove, never echoes it, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ description: `Eleven med personnummer ${PNR} är ofta borta.` }, 'description', ['personnummer']],
      [{ description: 'Eleven 201501092397 är ofta borta.' }, 'description', ['personnummer']],
      [{ question: `Kan ni mejla mig på ${EMAIL}?` }, 'question', ['email']],
      [{ description: `Ring mamman på ${PHONE} för detaljer.` }, 'description', ['phone']],
      [
        { description: `Se ${PNR}, ring ${PHONE} eller mejla ${EMAIL}.` },
        'description',
        ['personnummer', 'email', 'phone'],
      ],
    ];
    for (const [over, field, found] of cases) {
      const before = await counts();
      const res = await req('POST', '/api/consultation-cases', anna, validCase(over));
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json();
      expect(body).toMatchObject({ error: 'validation_failed', details: { field, reason: 'personal_data', found } });
      expect(body.message).toMatch(/personal data/);
      for (const secret of [PNR, '201501092397', '2397', EMAIL, 'pappa.andersson', PHONE, '174 06 05'])
        expect(res.body).not.toContain(secret);
      expect(await counts()).toEqual(before);
    }
    // The team's advice is checked the same way.
    const c = await create();
    const before = await counts();
    const res = await req(
      'PUT',
      `/api/consultation-cases/${c.id}/advice`,
      malin,
      { advice: `Kontakta skolsköterskan på ${PHONE}.`, consultedOn: today, participantRoles: ['school_nurse'] },
      '"v1"',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual({ field: 'advice', reason: 'personal_data', found: ['phone'] });
    expect(res.body).not.toContain(PHONE);
    expect(await counts()).toEqual(before);
  });

  it('refuses a case that looks like a mandatory report (orosanmälan), and one where the question is not answered', async () => {
    const before = await counts();
    const flagged = await req('POST', '/api/consultation-cases', anna, validCase({ mandatoryReportSuspected: true }));
    expect(flagged.statusCode).toBe(400);
    expect(flagged.json()).toMatchObject({
      error: 'validation_failed',
      details: { field: 'mandatoryReportSuspected', reason: 'mandatory_report' },
    });
    expect(flagged.json().message).toMatch(/orosanmälan/);
    const { mandatoryReportSuspected: _, ...unanswered } = validCase();
    expect((await req('POST', '/api/consultation-cases', anna, unanswered)).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('checks the team serves the municipality', async () => {
    const res = await req('POST', '/api/consultation-cases', anna, validCase({ teamId: ljungbyTeam }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual({ field: 'teamId' });
    expect(
      (await req('POST', '/api/consultation-cases', anna, validCase({ municipalityCode: '9999' }))).json().details,
    ).toEqual({ field: 'municipalityCode' });
  });

  it("records the team's advice (members only, versioned)", async () => {
    const c = await create();
    const advice = {
      advice: 'Erbjud samtal med skolkurator och följ upp om fyra veckor.',
      consultedOn: today,
      participantRoles: ['school_counsellor', 'social_worker', 'school_counsellor'],
    };
    expect((await req('PUT', `/api/consultation-cases/${c.id}/advice`, anna, advice, '"v1"')).statusCode).toBe(403);
    expect((await req('PUT', `/api/consultation-cases/${c.id}/advice`, johan, advice, '"v1"')).statusCode).toBe(404);
    expect((await req('PUT', `/api/consultation-cases/${c.id}/advice`, malin, advice)).statusCode).toBe(428);
    expect(
      (
        await req(
          'PUT',
          `/api/consultation-cases/${c.id}/advice`,
          malin,
          { ...advice, consultedOn: addDays(today, 1) },
          '"v1"',
        )
      ).statusCode,
    ).toBe(400);
    const ok = await req('PUT', `/api/consultation-cases/${c.id}/advice`, malin, advice, '"v1"');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    expect(ok.json()).toMatchObject({
      status: 'advised',
      advice: {
        text: advice.advice,
        consultedOn: today,
        participantRoles: ['school_counsellor', 'social_worker'],
        mandatoryReportAdvised: false,
        recordedBy: { name: 'Malin Ahlgren' },
      },
    });
    expect(await auditOf(ok.headers['x-request-id'] as string)).toEqual([
      {
        action: 'consultation.advise',
        outcome: 'permitted',
        child_id: null,
        resource_id: c.id,
        details: { mandatoryReportAdvised: false },
      },
    ]);
    const stale = await req(
      'PUT',
      `/api/consultation-cases/${c.id}/advice`,
      malin,
      { ...advice, advice: 'Annat råd' },
      '"v1"',
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().details.current).toMatchObject({ id: c.id, version: 2 });
    // The author now sees the advice and may link.
    expect((await req('GET', `/api/consultation-cases/${c.id}`, anna)).json().viewer).toMatchObject({ mayLink: true });
  });

  it('links to a named child only with consent, only on a child of my team, and only once advised', async () => {
    // anna's pupil, and a pupil in her municipality whose team she is not on.
    const s = scenario(t.tdb.db, today);
    const myKid = (await s.child({ team: ['anna.lindqvist'] })).id;
    const notMine = (
      await s.child({ team: [{ user: 'helena.strand', role: 'best_interest_lead' }], enrolledAt: '0780:school:2' })
    ).id;
    const consent = { givenBy: ['guardian_1', 'guardian_2'], method: 'signed_paper', givenOn: today };
    const waiting = await create();
    const c = await create();
    await advise(c.id);

    // Without consent: 400, nothing written.
    let before = await counts();
    const noConsent = await req('POST', `/api/consultation-cases/${c.id}/link`, anna, { childId: myKid });
    expect(noConsent.statusCode).toBe(400);
    expect(
      (
        await req('POST', `/api/consultation-cases/${c.id}/link`, anna, {
          childId: myKid,
          consent: { ...consent, givenBy: [] },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await req('POST', `/api/consultation-cases/${c.id}/link`, anna, {
          childId: myKid,
          consent: { ...consent, givenOn: addDays(today, 1) },
        })
      ).statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);

    // A child not on my team: 404 like a missing child, the denial audited with the child, nothing written.
    before = await counts();
    const denied = await req('POST', `/api/consultation-cases/${c.id}/link`, anna, { childId: notMine, consent });
    expect(denied.statusCode).toBe(404);
    expect(denied.json()).toMatchObject({ error: 'not_found' });
    expect(await auditOf(denied.headers['x-request-id'] as string)).toEqual([
      {
        action: 'consultation.link',
        outcome: 'denied',
        child_id: notMine,
        resource_id: c.id,
        details: { method: 'signed_paper', givenBy: 'guardian_1,guardian_2' },
      },
    ]);
    expect({ ...(await counts()), audit: 0 }).toEqual({ ...before, audit: 0 });
    // A case that is not mine (or does not exist) on my own child: 404, audited as not found.
    const foreign = await req('POST', `/api/consultation-cases/${c.id}/link`, johan, { childId: myKid, consent });
    expect(foreign.statusCode).toBe(404);
    // Not advised yet: 409.
    expect(
      (await req('POST', `/api/consultation-cases/${waiting.id}/link`, anna, { childId: myKid, consent })).statusCode,
    ).toBe(409);

    // With consent: the consent, the advice in the chronology, the link and the audit row.
    before = await counts();
    const ok = await req('POST', `/api/consultation-cases/${c.id}/link`, anna, { childId: myKid, consent });
    expect(ok.statusCode, ok.body).toBe(201);
    const linked = ok.json();
    expect(linked).toMatchObject({ caseId: c.id, childId: myKid });
    expect(await counts()).toEqual({
      ...before,
      consents: before.consents + 1,
      chronology: before.chronology + 1,
      audit: before.audit + 1,
    });
    expect(await auditOf(ok.headers['x-request-id'] as string)).toEqual([
      {
        action: 'consultation.link',
        outcome: 'permitted',
        child_id: myKid,
        resource_id: c.id,
        details: { method: 'signed_paper', givenBy: 'guardian_1,guardian_2' },
      },
    ]);
    const chron = (await req('GET', `/api/children/${myKid}/chronology`, anna))
      .json()
      .entries.find((e: { id: string }) => e.id === linked.chronologyEntryId);
    expect(chron).toMatchObject({
      kind: 'consultation_advice',
      eventDate: today,
      text: 'Samtal med elev och vårdnadshavare; följ upp om fyra veckor.',
      concernId: null,
    });
    const consentRow = (
      await t.tdb.db.query<{ given_by: string[]; method: string; recorded_by_person_id: string; child_id: string }>(
        'SELECT given_by, method, recorded_by_person_id, child_id FROM consultation_link_consent WHERE id = $1',
        [linked.consentId],
      )
    ).rows[0];
    expect(consentRow).toEqual({
      given_by: ['guardian_1', 'guardian_2'],
      method: 'signed_paper',
      recorded_by_person_id: demoPersonId('anna.lindqvist'),
      child_id: myKid,
    });

    // The case says it is linked, but never to whom (the team must not learn the child).
    const teamView = (await req('GET', `/api/consultation-cases/${c.id}`, malin)).json();
    expect(teamView).toMatchObject({
      status: 'linked',
      link: { linkedBy: { name: 'Anna Lindqvist' } },
      viewer: { mayAdvise: false, mayLink: false },
    });
    expect(JSON.stringify(teamView)).not.toContain(myKid);
    // Once linked: no second link, no changed advice.
    expect(
      (await req('POST', `/api/consultation-cases/${c.id}/link`, anna, { childId: myKid, consent })).statusCode,
    ).toBe(409);
    expect(
      (
        await req(
          'PUT',
          `/api/consultation-cases/${c.id}/advice`,
          malin,
          { advice: 'Nytt råd', consultedOn: today, participantRoles: ['other'] },
          '"v3"',
        )
      ).statusCode,
    ).toBe(409);
  });

  it('writes the link, the consent, the chronology entry and the audit row in one transaction: a failure leaves none of them', async () => {
    const myKid = (await scenario(t.tdb.db, today).child({ team: ['anna.lindqvist'] })).id;
    const c = await create();
    await advise(c.id);
    // Make the consent insert (after the chronology entry) fail, as a disk or constraint error would.
    await t.tdb.db.ownerTransaction(async (tx) => {
      await tx.exec(`CREATE FUNCTION test_fail_consent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
                     CREATE TRIGGER test_fail_consent BEFORE INSERT ON consultation_link_consent FOR EACH ROW EXECUTE FUNCTION test_fail_consent();`);
    });
    try {
      const before = await counts();
      const res = await req('POST', `/api/consultation-cases/${c.id}/link`, anna, {
        childId: myKid,
        consent: { givenBy: ['child'], method: 'verbal_documented', givenOn: today },
      });
      expect(res.statusCode).toBe(500);
      expect(await counts()).toEqual(before);
      expect((await req('GET', `/api/consultation-cases/${c.id}`, anna)).json().status).toBe('advised');
    } finally {
      await t.tdb.db.ownerTransaction(async (tx) => {
        await tx.exec(
          'DROP TRIGGER test_fail_consent ON consultation_link_consent; DROP FUNCTION test_fail_consent();',
        );
      });
    }
    const ok = await req('POST', `/api/consultation-cases/${c.id}/link`, anna, {
      childId: myKid,
      consent: { givenBy: ['child'], method: 'verbal_documented', givenOn: today },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
