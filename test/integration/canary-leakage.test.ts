import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/app-config.js';
import { inspectPdf } from '../../src/server/pdf/inspect.js';
import { createCitizenSession } from '../../src/server/auth/citizen-sessions.js';
import { demoReviewerAssignmentId } from '../../src/server/demo/seed-reports.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { runningClock, testToday } from '../helpers/clock.js';
import { scenario } from '../helpers/scenario.js';

// Canary leakage: unique marker strings planted in (1) the address of a child with protected
// identity, (2) a concern kept secret from guardians and (3) the name of the person who filed an
// orosanmälan. Then every GET endpoint the app serves is called as every demo role (ids from the
// demo data and the planted records), every PDF is rendered and its text extracted, and the
// application log is captured. Each marker may appear only where it is allowed:
//  - the protected address: only in the child overview for the child's coordinator or barnets
//    bästa-ansvarig (the people who need it) — never in PDFs, extracts, lists or logs;
//  - the secret concern: only in the concern, chronology and to-do routes for the child's team —
//    never in anything produced for the family (the log extract, PDFs) and never in logs;
//  - the reporter's name: only in the receiving social services' inbox and report view.

const tag = randomBytes(4).toString('hex');
const ADDRESS = `Kanariegatan ${tag}`;
const SECRET = `Kanariehemlighet ${tag}`;
const REPORTER = `Kanarieanmälare${tag}`;
const MARKERS = { address: ADDRESS, secret: SECRET, reporter: REPORTER } as const;
type Marker = keyof typeof MARKERS;

interface Actor {
  label: string;
  username: string;
  assignmentId: string;
  personId: string;
  cookie?: string;
}

describe('canary leakage across every GET endpoint, PDF and the application log', () => {
  let tdb: TestDb;
  let built: BuiltApp;
  const log: string[] = [];
  let child: string;
  let concernId: string;
  let reportId: string;
  let sampleId: string | null = null;
  const needsAddress = new Set<string>(); // assignment ids of the child's coordinator / barnets bästa-ansvarig
  const onTeam = new Set<string>(); // assignment ids on the child's team
  const inbox = new Set<string>(); // assignment ids of Växjö social services
  const actors: Actor[] = [];
  const paramValues = new Map<string, string>();

  const q = <T extends Record<string, unknown>>(sql: string, p: unknown[] = []) =>
    tdb.db.query<T>(sql, p).then((r) => r.rows);

  async function login(a: Actor): Promise<string> {
    const res = await built.app.inject({ method: 'POST', url: '/api/dev/login', payload: { username: a.username } });
    expect(res.statusCode, `login ${a.username}`).toBe(200);
    const c = res.cookies.find((x) => x.name === built.ctx.config.session.cookieName)!;
    const cookie = `${c.name}=${c.value}`;
    const sel = await built.app.inject({
      method: 'PUT',
      url: '/api/session/assignment',
      headers: { cookie },
      payload: { assignmentId: a.assignmentId },
    });
    expect(sel.statusCode, `assignment for ${a.label}`).toBe(204);
    return cookie;
  }

  beforeAll(async () => {
    tdb = await openTestDb('pglite');
    await tdb.db.useAppRole();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      BARNKOMPASS_WEB_DIST: inject('webDist'),
      AUDIT_ANCHOR_FILE: '',
    });
    config.audit.anchorFile = undefined;
    const sink = new Writable({
      write(chunk, _enc, done) {
        log.push(String(chunk));
        done();
      },
    });
    built = await buildApp(config, tdb.db, { logStream: sink, now: runningClock() });
    await built.app.ready();

    // The canary child: on anna's team, with a coordinator (malin) and a barnets bästa-ansvarig (per),
    // a consent across the team, a wheel assessment, and a plan with a meeting.
    const today = testToday();
    const anna = (
      await q<{ id: string; aid: string }>(
        `SELECT p.id, a.id AS aid FROM person p JOIN assignment a ON a.person_id = p.id WHERE p.username = 'anna.lindqvist'`,
      )
    )[0]!;
    const s = scenario(tdb.db, today);
    const canary = await s.child({
      team: [
        'anna.lindqvist',
        { user: 'malin.ahlgren', role: 'coordinator' },
        { user: 'per.sandberg', role: 'best_interest_lead' },
      ],
      consent: 'given',
      protectedIdentity: true,
    });
    child = canary.id;
    await s.wheelAssessment(canary, { by: canary.team[0] });
    await tdb.db.query('UPDATE child SET address_line = $2 WHERE id = $1', [child, ADDRESS]);
    const malin = canary.team[1]!;
    const malinCookie = await login({
      label: 'malin',
      username: 'malin.ahlgren',
      assignmentId: malin.assignmentId,
      personId: malin.personId,
    });
    const planned = await built.app.inject({
      method: 'POST',
      url: `/api/children/${child}/plan`,
      headers: { cookie: malinCookie },
      payload: { level: 2, reason: 'Kanariebarnets plan.' },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const meeting = await built.app.inject({
      method: 'POST',
      url: `/api/children/${child}/plan/meetings`,
      headers: { cookie: malinCookie },
      payload: {
        date: today,
        startTime: '13:00',
        endTime: '14:00',
        place: 'Skolans konferensrum',
        purpose: 'Uppföljning',
        agenda: ['Hur har det gått?'],
        invitees: [{ kind: 'professional', assignmentId: malin.assignmentId }],
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    for (const r of await q<{ assignment_id: string; team_role: string }>(
      `SELECT assignment_id, team_role FROM team_membership WHERE child_id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)`,
      [child, today],
    )) {
      onTeam.add(r.assignment_id);
      if (r.team_role === 'coordinator' || r.team_role === 'best_interest_lead') needsAddress.add(r.assignment_id);
    }

    // A concern secret from guardians.
    concernId = randomUUID();
    await tdb.db.query(
      `INSERT INTO concern (id, child_id, observation, indicators, decision_due, created_by_person_id, created_by_assignment_id, created_at, updated_at, updated_by_person_id, secret_from_guardians)
       VALUES ($1, $2, $3, '{safe}', $6::date + 7, $4, $5, now(), now(), $4, true)`,
      [concernId, child, SECRET, anna.id, anna.aid, today],
    );

    // An orosanmälan about the child by a person who exists only as its reporter.
    const reporter = randomUUID();
    const reporterAssignment = randomUUID();
    const school = (
      await q<{ id: string; organisation_id: string }>(
        `SELECT u.id, u.organisation_id FROM unit u WHERE u.kind = 'compulsory_school' AND u.municipality_code = '0780' ORDER BY u.name LIMIT 1`,
      )
    )[0]!;
    await tdb.db.query(
      `INSERT INTO person (id, given_name, family_name, enabled, is_test_data) VALUES ($1, 'Kanarie', $2, true, false)`,
      [reporter, REPORTER],
    );
    await tdb.db.query(
      `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, title) VALUES ($1, $2, $3, $4, 'teacher', 'Lärare')`,
      [reporterAssignment, reporter, school.organisation_id, school.id],
    );
    reportId = randomUUID();
    const pnr = (await q<{ personnummer: string }>('SELECT personnummer FROM child WHERE id = $1', [child]))[0]!
      .personnummer;
    await tdb.db.query(
      `INSERT INTO report_of_concern (id, child_id, child_personnummer, child_name, municipality_code, legal_basis_id, source, concern_text, immediate_danger, guardians_informed,
                                      reporter_person_id, reporter_assignment_id, reporter_unit_id, created_at)
       VALUES ($1, $2, $3, 'Barnet', '0780', 'sol_2025_400_anmalan', 'from_scratch', 'Oro för barnet.', false, 'not_appropriate', $4, $5, $6, now())`,
      [reportId, child, pnr, reporter, reporterAssignment, school.id],
    );
    for (const r of await q<{ id: string }>(
      `SELECT a.id FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE u.kind = 'social_services' AND u.municipality_code = '0780' AND a.role IN ('social_worker', 'social_services_manager')`,
    ))
      inbox.add(r.id);

    // Actors: one assignment per role, plus everyone with a special relation to the planted records.
    const all = await q<{ username: string; person_id: string; aid: string; role: string }>(
      `SELECT p.username, p.id AS person_id, a.id AS aid, a.role FROM person p JOIN assignment a ON a.person_id = p.id
        WHERE p.username IS NOT NULL AND p.enabled AND a.valid_from <= $1::date AND (a.valid_to IS NULL OR a.valid_to >= $1::date) ORDER BY a.role, p.username, a.id`,
      [today],
    );
    const seenRoles = new Set<string>();
    for (const r of all) {
      const special = onTeam.has(r.aid) || inbox.has(r.aid) || r.aid === demoReviewerAssignmentId();
      if (!special && seenRoles.has(r.role)) continue;
      seenRoles.add(r.role);
      actors.push({
        label: `${r.username} (${r.role})`,
        username: r.username,
        assignmentId: r.aid,
        personId: r.person_id,
      });
    }
    for (const a of actors) a.cookie = await login(a);

    // Activity around the child, so that lists, extracts and log-review samples have something in them.
    const annaActor = actors.find((a) => a.username === 'anna.lindqvist')!;
    await built.app.inject({ method: 'GET', url: `/api/children/${child}`, headers: { cookie: annaActor.cookie! } });
    await built.app.inject({
      method: 'GET',
      url: `/api/children/${child}/concerns/${concernId}`,
      headers: { cookie: annaActor.cookie! },
    });
    const reviewer = actors.find((a) => a.assignmentId === demoReviewerAssignmentId())!;
    await built.app.inject({
      method: 'POST',
      url: '/api/log-review/samples',
      headers: { cookie: reviewer.cookie! },
      payload: { from: today, to: today, kinds: ['protected_identity'] },
    });
    sampleId =
      (await q<{ id: string }>('SELECT id FROM log_review_sample WHERE child_id = $1 LIMIT 1', [child]))[0]?.id ?? null;

    // Ids for path parameters: the planted records first, then something of the child where one exists.
    const first = async (sql: string) => (await q<{ id: string }>(sql, [child]).catch(() => []))[0]?.id;
    const guesses: Record<string, string | undefined> = {
      childId: child,
      concernId,
      reportId,
      sampleId: sampleId ?? undefined,
      assessmentId: await first('SELECT id::text AS id FROM wheel_assessment WHERE child_id = $1 ORDER BY id LIMIT 1'),
      meetingId: await first('SELECT id::text AS id FROM plan_meeting WHERE child_id = $1 LIMIT 1'),
      alertId: await first('SELECT id::text AS id FROM attendance_alert WHERE child_id = $1 LIMIT 1'),
      consentId: await first('SELECT id::text AS id FROM consent WHERE child_id = $1 LIMIT 1'),
      breakGlassId: await first('SELECT id::text AS id FROM break_glass WHERE child_id = $1 LIMIT 1'),
      caseId: await first('SELECT id::text AS id FROM consultation_case WHERE $1::uuid IS NOT NULL LIMIT 1'),
      basisId: await first('SELECT id::text AS id FROM legal_basis WHERE $1::uuid IS NOT NULL LIMIT 1'),
      importId: await first('SELECT id::text AS id FROM attendance_import WHERE $1::uuid IS NOT NULL LIMIT 1'),
      municipalityCode: '0780',
    };
    for (const [k, v] of Object.entries(guesses)) if (v) paramValues.set(k, v);
  }, 180_000);

  afterAll(async () => {
    await built?.app.close();
    await tdb?.dispose();
  });

  function allowed(marker: Marker, route: string, actor: Actor): boolean {
    switch (marker) {
      case 'address':
        return route === 'GET /api/children/:childId' && needsAddress.has(actor.assignmentId);
      case 'secret':
        return (
          /^GET \/api\/(children\/:childId\/(concerns|chronology)|todo)/.test(route) && onTeam.has(actor.assignmentId)
        );
      case 'reporter':
        return (
          (route === 'GET /api/reports/inbox' || route === 'GET /api/reports/:reportId') &&
          inbox.has(actor.assignmentId)
        );
    }
  }

  it('each marker appears only where it is allowed', async () => {
    const gets = [
      ...new Set(
        built.routes
          .filter(
            (r) =>
              r.method === 'GET' &&
              r.url.startsWith('/api/') &&
              !r.url.startsWith('/api/docs') &&
              r.url !== '/api/openapi.json',
          )
          .map((r) => r.url),
      ),
    ];
    expect(gets.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    const seen: Record<Marker, number> = { address: 0, secret: 0, reporter: 0 };
    let pdfs = 0;
    for (const url of gets) {
      const concrete = url.replace(/:(\w+)/g, (_, p: string) =>
        encodeURIComponent(paramValues.get(p) ?? '00000000-0000-4000-8000-000000000000'),
      );
      for (const actor of actors) {
        const res = await built.app.inject({ method: 'GET', url: concrete, headers: { cookie: actor.cookie! } });
        expect(res.statusCode, `GET ${url} as ${actor.label}`).toBeLessThan(500);
        let text = res.body;
        if (String(res.headers['content-type'] ?? '').startsWith('application/pdf') && res.statusCode === 200) {
          pdfs += 1;
          text = inspectPdf(res.rawPayload).text;
        }
        for (const [m, value] of Object.entries(MARKERS) as [Marker, string][]) {
          if (!text.includes(value)) continue;
          if (allowed(m, `GET ${url}`, actor)) seen[m] += 1;
          else leaks.push(`${m} in GET ${url} as ${actor.label}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The markers are really there to be found where they belong (the test can fail).
    expect(seen.address, 'the coordinator / barnets bästa-ansvarig sees the protected address').toBeGreaterThan(0);
    expect(seen.secret, 'the team sees the secret concern').toBeGreaterThan(0);
    expect(seen.reporter, 'social services see the reporter').toBeGreaterThan(0);
    expect(pdfs, 'at least one PDF was rendered and read').toBeGreaterThan(0);
  }, 600_000);

  it('the family log extract names no reporter, no secret item and no unit of the protected child', async () => {
    const annaActor = actors.find((a) => a.username === 'anna.lindqvist')!;
    const res = await built.app.inject({
      method: 'GET',
      url: `/api/children/${child}/access-log`,
      headers: { cookie: annaActor.cookie! },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      entries: { what: string; unitName: string | null; organisationName: string | null }[];
    };
    expect(body.entries.length).toBeGreaterThan(0);
    for (const v of Object.values(MARKERS)) expect(res.body).not.toContain(v);
    expect(body.entries.every((e) => e.unitName === null && e.organisationName === null)).toBe(true);
    // Reads of the secret concern are listed only as "other information", never as a concern.
    const count = async (sql: string) => Number((await q<{ n: string }>(sql, [child, concernId]))[0]!.n);
    const secretReads = await count(
      `SELECT count(*) AS n FROM audit_event WHERE child_id = $1 AND resource_type = 'concern' AND resource_id = $2::text AND outcome = 'permitted'`,
    );
    const otherConcernEvents = await count(
      `SELECT count(*) AS n FROM audit_event WHERE child_id = $1 AND resource_type = 'concern' AND (resource_id IS NULL OR resource_id <> $2::text) AND outcome = 'permitted'`,
    );
    expect(secretReads).toBeGreaterThan(0);
    expect(body.entries.filter((e) => e.what === 'concern').length).toBe(otherConcernEvents);
    expect(body.entries.filter((e) => e.what === 'other').length).toBeGreaterThanOrEqual(secretReads);
  });

  it('the family’s Barnkompass shows none of the markers: to the canary child’s own family, the child, and every demo family member', async () => {
    const today = testToday();
    const session = async (kind: 'guardian' | 'child', id: string) =>
      `bk_family=${await createCitizenSession(tdb.db, { kind, id, method: 'dev' }, { idleMinutes: 30, absoluteHours: 10 }, new Date(`${today}T10:00:00Z`))}`;
    const citizens: { label: string; cookie: string }[] = [];
    for (const g of await q<{ guardian_id: string }>('SELECT guardian_id FROM custody WHERE child_id = $1', [child]))
      citizens.push({ label: `guardian ${g.guardian_id}`, cookie: await session('guardian', g.guardian_id) });
    const malin = [...needsAddress][0]!;
    await tdb.db.query(
      `INSERT INTO child_maturity_judgement (id, child_id, judged_by_person_id, judged_by_assignment_id, valid_from, reason, created_at)
       SELECT gen_random_uuid(), $1, a.person_id, a.id, $3::date - 1, 'Bedömd mogen.', now() FROM assignment a WHERE a.id = $2`,
      [child, malin, today],
    );
    citizens.push({ label: 'the canary child', cookie: await session('child', child) });
    const users = (await built.app.inject({ method: 'GET', url: '/api/dev/users' })).json().users as {
      kind: string;
      username: string;
    }[];
    for (const u of users.filter((x) => x.kind !== 'staff')) {
      const res = await built.app.inject({ method: 'POST', url: '/api/dev/login', payload: { username: u.username } });
      expect(res.statusCode, `family login ${u.username}`).toBe(200);
      const c = res.cookies.find((x) => x.name === 'bk_family')!;
      citizens.push({ label: `${u.kind} ${u.username}`, cookie: `bk_family=${c.value}` });
    }
    expect(citizens.length).toBeGreaterThan(50);
    const gets = [
      ...new Set(built.routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/portal/')).map((r) => r.url)),
    ];
    expect(gets.length).toBeGreaterThanOrEqual(5);
    const leaks: string[] = [];
    let answered = 0;
    for (const url of gets) {
      const concrete = url.replace(/:(\w+)/g, (_, p: string) =>
        encodeURIComponent(paramValues.get(p) ?? '00000000-0000-4000-8000-000000000000'),
      );
      for (const citizen of citizens) {
        const res = await built.app.inject({ method: 'GET', url: concrete, headers: { cookie: citizen.cookie } });
        expect(res.statusCode, `GET ${url} as ${citizen.label}`).toBeLessThan(500);
        if (res.statusCode === 200 && url.includes(':childId')) answered += 1;
        for (const [m, value] of Object.entries(MARKERS) as [Marker, string][])
          if (res.body.includes(value)) leaks.push(`${m} in GET ${url} as ${citizen.label}`);
      }
    }
    expect(leaks).toEqual([]);
    // The canary child's family and the child themself were answered (the markers had their chance).
    expect(answered, 'the canary child’s pages were served to its family').toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('the application log carries none of the markers', async () => {
    await built.ctx.audit.flush();
    const text = log.join('');
    expect(text.length).toBeGreaterThan(1000);
    for (const v of Object.values(MARKERS)) expect(text).not.toContain(v);
  });
});
