import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { auditOfRequest } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/db.js';
import { testToday } from '../helpers/clock.js';
import { scenario, type Scenario } from '../helpers/scenario.js';

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const HEADER = 'personnummer;fran;till;schemalagt;giltig_franvaro;ogiltig_franvaro';

interface Pupil {
  childId: string;
  personnummer: string;
}

describe.each(testDbKinds())('attendance import, thresholds and alerts (%s)', (kind) => {
  let t: TestApp;
  let per: string; // principal of Furuboskolan (his first assignment)
  let perGranbacke: string; // the same person as principal of Granbackeskolan
  let anna: string;
  let helena: string; // principal of Sjöviksskolan
  let furubo: string;
  let granbacke: string;
  let today: string;
  let period: { start: string; end: string };
  // Furuboskolan pupils enrolled through the period: `led` have per.sandberg as barnets bästa-ansvarig.
  let led: Pupil[];
  let others: Pupil[];
  let elsewhere: Pupil; // enrolled at another school
  let nobodys: string; // a valid test personnummer that no child has
  let s: Scenario;

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
      await t.tdb.db.query<{ imports: number; records: number; alerts: number; concerns: number; audit: number }>(
        `SELECT (SELECT count(*) FROM attendance_import)::int AS imports, (SELECT count(*) FROM attendance_record)::int AS records,
              (SELECT count(*) FROM attendance_alert)::int AS alerts, (SELECT count(*) FROM concern)::int AS concerns, (SELECT count(*) FROM audit_event)::int AS audit`,
      )
    ).rows[0]!;
  const line = (
    p: Pupil | string,
    scheduled: number,
    valid: number,
    invalid: number,
    from = period.start,
    to = period.end,
  ) => `${typeof p === 'string' ? p : p.personnummer};${from};${to};${scheduled};${valid};${invalid}`;
  const importBody = (csv: string, over: Record<string, unknown> = {}) => ({
    unitId: furubo,
    periodStart: period.start,
    periodEnd: period.end,
    measure: 'minutes',
    csv,
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    today = testToday();
    // Not a calendar month, so it never meets the demo's own import (last month).
    period = { start: addDays(today, -40), end: addDays(today, -12) };
    per = await t.login('per.sandberg', demoAssignmentId('per.sandberg', 0));
    perGranbacke = await t.login('per.sandberg', demoAssignmentId('per.sandberg', 1));
    anna = await t.login('anna.lindqvist');
    helena = await t.login('helena.strand', demoAssignmentId('helena.strand', 0));
    const unitOf = async (a: string) =>
      (await t.tdb.db.query<{ unit_id: string }>('SELECT unit_id FROM assignment WHERE id = $1', [a])).rows[0]!.unit_id;
    furubo = await unitOf(demoAssignmentId('per.sandberg', 0));
    granbacke = await unitOf(demoAssignmentId('per.sandberg', 1));
    // Furuboskolan pupils enrolled since well before the period: three with per.sandberg as barnets
    // bästa-ansvarig, two in anna's class; and one pupil at Granbackeskolan.
    s = scenario(t.tdb.db, today);
    const pupil = async (spec: Parameters<Scenario['child']>[0]) => {
      const c = await s.child(spec);
      return { childId: c.id, personnummer: c.personnummer };
    };
    led = [];
    for (let i = 0; i < 3; i++) led.push(await pupil({ team: [{ user: 'per.sandberg', role: 'best_interest_lead' }] }));
    others = [await pupil({ team: ['anna.lindqvist'] }), await pupil({ team: ['anna.lindqvist'] })];
    elsewhere = await pupil({ enrolledAt: '0780:school:1', team: [] });
    nobodys = await s.unusedPersonnummer(12);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('thresholds: the defaults until a principal saves their own (versioned); teachers may not', async () => {
    const got = await req('GET', '/api/attendance/thresholds', per);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"v0"');
    expect(got.json()).toMatchObject({
      organisationName: 'Växjö kommun',
      totalAbsencePct: 15,
      invalidAbsencePct: 5,
      source: 'default',
      version: 0,
    });
    expect((await req('GET', '/api/attendance/thresholds', anna)).statusCode).toBe(403);
    expect(
      (await req('PUT', '/api/attendance/thresholds', anna, { totalAbsencePct: 10, invalidAbsencePct: 3 }, '"v0"'))
        .statusCode,
    ).toBe(403);
    expect(
      (await req('PUT', '/api/attendance/thresholds', per, { totalAbsencePct: 10, invalidAbsencePct: 3 })).statusCode,
    ).toBe(428);
    expect(
      (await req('PUT', '/api/attendance/thresholds', per, { totalAbsencePct: 0, invalidAbsencePct: 3 }, '"v0"'))
        .statusCode,
    ).toBe(400);
    expect(
      (await req('PUT', '/api/attendance/thresholds', per, { totalAbsencePct: 101, invalidAbsencePct: 3 }, '"v0"'))
        .statusCode,
    ).toBe(400);
    // Ljungby saved its own in the demo; Växjö saves the same as the defaults, explicitly.
    const saved = await req(
      'PUT',
      '/api/attendance/thresholds',
      per,
      { totalAbsencePct: 15, invalidAbsencePct: 5 },
      '"v0"',
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"v1"');
    expect(saved.json()).toMatchObject({
      source: 'organisation',
      totalAbsencePct: 15,
      invalidAbsencePct: 5,
      version: 1,
      updatedBy: { name: 'Per Sandberg' },
    });
    expect(await auditOf(saved.headers['x-request-id'] as string)).toMatchObject([
      { action: 'attendance_threshold.update', outcome: 'permitted', child_id: null },
    ]);
    const stale = await req(
      'PUT',
      '/api/attendance/thresholds',
      per,
      { totalAbsencePct: 12, invalidAbsencePct: 4 },
      '"v0"',
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().details.current).toMatchObject({ version: 1, totalAbsencePct: 15 });
    const ljungby = await t.login('anders.wik', demoAssignmentId('anders.wik', 0));
    expect((await req('GET', '/api/attendance/thresholds', ljungby)).json()).toMatchObject({
      totalAbsencePct: 10,
      invalidAbsencePct: 3,
      source: 'organisation',
    });
  });

  it("imports a good file: alerts only for pupils over a threshold, other schools' pupils reported by line, no concern, one audit event per child", async () => {
    const [a, b, c] = led as [Pupil, Pupil, Pupil];
    const d = others[0]!;
    const csv = [
      HEADER,
      line(a, 6000, 900, 300), // 20 % total, 5 % invalid → both
      line(b, 6000, 0, 360), // 6 % total, 6 % invalid → invalid only
      line(c, 3000, 100, 50, period.start, addDays(period.start, 9)), // c's two lines: 6 % + …
      line(c, 3000, 50, 0, addDays(period.start, 10), period.end), // … 2.5 % → 200 / 6000 under both
      line(elsewhere, 6000, 3000, 3000), // another school's pupil: never imported
      line(nobodys, 6000, 0, 0), // no such child: reported just the same
      line(d, 6000, 600, 0), // 10 %: under
    ].join('\n');
    const before = await counts();
    const res = await req('POST', '/api/attendance/imports', per, importBody(csv));
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      alreadyImported: false,
      unit: { id: furubo, name: 'Furuboskolan' },
      periodStart: period.start,
      periodEnd: period.end,
      measure: 'minutes',
      rowsTotal: 7,
      rowsImported: 5,
      notEnrolledLines: [6, 7],
      children: 4,
      alertsRaised: 2,
      alertsWithoutReviewerLines: [],
      thresholds: { totalAbsencePct: 15, invalidAbsencePct: 5 },
      importedBy: { name: 'Per Sandberg' },
    });
    // The answer never carries a personnummer or a child id.
    for (const p of [a, b, c, d, elsewhere]) {
      expect(res.body).not.toContain(p.personnummer);
      expect(res.body).not.toContain(p.childId);
    }
    expect(res.body).not.toContain(nobodys);
    const after = await counts();
    expect(after).toEqual({
      imports: before.imports + 1,
      records: before.records + 4,
      alerts: before.alerts + 2,
      concerns: before.concerns,
      audit: before.audit + 4,
    });
    const alerts = (
      await t.tdb.db.query<{
        child_id: string;
        triggered: string[];
        total_absence_pct: string;
        invalid_absence_pct: string;
        status: string;
      }>(
        'SELECT child_id, triggered, total_absence_pct::text, invalid_absence_pct::text, status FROM attendance_alert a WHERE import_id = $1 ORDER BY a.total_absence_pct DESC',
        [s.importId],
      )
    ).rows;
    expect(alerts).toEqual([
      {
        child_id: a.childId,
        triggered: ['total', 'invalid'],
        total_absence_pct: '20.00',
        invalid_absence_pct: '5.00',
        status: 'open',
      },
      {
        child_id: b.childId,
        triggered: ['invalid'],
        total_absence_pct: '6.00',
        invalid_absence_pct: '6.00',
        status: 'open',
      },
    ]);
    expect(
      (
        await t.tdb.db.query('SELECT 1 FROM attendance_record WHERE child_id = $1 AND import_id = $2', [
          elsewhere.childId,
          s.importId,
        ])
      ).rows,
    ).toEqual([]);
    const cRecord = (
      await t.tdb.db.query<{ scheduled: number; valid_absence: number; invalid_absence: number; source_lines: number }>(
        'SELECT scheduled, valid_absence, invalid_absence, source_lines FROM attendance_record WHERE child_id = $1 AND import_id = $2',
        [c.childId, s.importId],
      )
    ).rows[0];
    expect(cRecord).toEqual({ scheduled: 6000, valid_absence: 150, invalid_absence: 50, source_lines: 2 });
    const audit = await auditOf(res.headers['x-request-id'] as string);
    expect(audit).toHaveLength(4);
    expect(new Set(audit.map((x) => x.child_id))).toEqual(new Set([a.childId, b.childId, c.childId, d.childId]));
    for (const e of audit)
      expect(e).toMatchObject({
        action: 'attendance.import',
        outcome: 'permitted',
        resource_id: s.importId,
        details: { alertRaised: e.child_id === a.childId || e.child_id === b.childId },
      });

    // The alerts are in per.sandberg's "Att göra" (he is the children's barnets bästa-ansvarig).
    const todo = (await req('GET', '/api/todo', per)).json();
    const mine = todo.items.filter((i: { kind: string }) => i.kind === 'attendance_alert');
    expect(mine.map((i: { childId: string }) => i.childId)).toEqual(expect.arrayContaining([a.childId, b.childId]));
    // (The demo may have an earlier alert on the same child: this import's is found by its id.)
    const aAlert = (
      await t.tdb.db.query<{ id: string }>('SELECT id FROM attendance_alert WHERE import_id = $1 AND child_id = $2', [
        s.importId,
        a.childId,
      ])
    ).rows[0]!.id;
    expect(mine.find((i: { resourceId: string }) => i.resourceId === aAlert)).toMatchObject({
      childId: a.childId,
      resourceType: 'attendance_alert',
      dueDate: addDays(today, 7),
      why: ['best_interest_lead'],
    });
    // …and not in a teacher's on the same team.
    expect(
      (await req('GET', '/api/todo', anna)).json().items.filter((i: { kind: string }) => i.kind === 'attendance_alert'),
    ).toEqual([]);

    // The same file again: a no-op with the first import's summary.
    const again = await req('POST', '/api/attendance/imports', per, importBody(csv));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...s, alreadyImported: true });
    expect({ ...(await counts()), audit: 0 }).toEqual({ ...after, audit: 0 });
    expect(await auditOf(again.headers['x-request-id'] as string)).toEqual([
      {
        action: 'attendance.import',
        outcome: 'permitted',
        child_id: null,
        resource_id: s.importId,
        details: { alreadyImported: true },
      },
    ]);

    // The import list and one import; another school's principal gets 404 for it.
    const list = (await req('GET', '/api/attendance/imports', per)).json();
    expect(list.unit).toEqual({ id: furubo, name: 'Furuboskolan' });
    expect(list.imports.map((x: { importId: string }) => x.importId)).toContain(s.importId);
    expect((await req('GET', `/api/attendance/imports/${s.importId}`, per)).statusCode).toBe(200);
    expect((await req('GET', `/api/attendance/imports/${s.importId}`, helena)).statusCode).toBe(404);
    expect((await req('GET', `/api/attendance/imports/${s.importId}`, perGranbacke)).statusCode).toBe(404);
  });

  it('refuses a file with bad lines as a whole: every problem by line number and code, never a value, nothing written', async () => {
    const [a, b] = led as [Pupil, Pupil];
    const csv = [
      HEADER,
      line(a, 6000, 100, 0),
      line('201501092398', 6000, 100, 0), // check digit
      line(b, 6000, 100, 0, addDays(period.start, -3)), // before the period
      `${b.personnummer};${period.start};${period.end};lots;0;0`, // not a number
      line(others[0]!, 100, 80, 30), // more absence than scheduled
    ].join('\n');
    const before = await counts();
    const res = await req('POST', '/api/attendance/imports', per, importBody(csv));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'validation_failed',
      details: {
        reason: 'invalid_file',
        fileProblems: [],
        rowsTotal: 5,
        rowsWithErrors: 4,
        rowErrors: [
          { line: 3, problems: ['personnummer_invalid'] },
          { line: 4, problems: ['date_outside_period'] },
          { line: 5, problems: ['number_invalid'] },
          { line: 6, problems: ['absence_exceeds_scheduled'] },
        ],
      },
    });
    for (const p of [a.personnummer, b.personnummer, others[0]!.personnummer, '201501092398'])
      expect(res.body).not.toContain(p);
    expect(await counts()).toEqual(before);
    const missing = await req(
      'POST',
      '/api/attendance/imports',
      per,
      importBody(`personnummer;datum;schemalagt\n${a.personnummer};${period.start};100`),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details).toMatchObject({
      fileProblems: ['missing_columns'],
      missingColumns: ['giltig_franvaro', 'ogiltig_franvaro'],
    });
    expect(missing.body).not.toContain(a.personnummer);
    expect((await req('POST', '/api/attendance/imports', per, importBody(HEADER))).json().details.fileProblems).toEqual(
      ['empty'],
    );
    expect(
      (
        await req(
          'POST',
          '/api/attendance/imports',
          per,
          importBody(`${HEADER}\n${line(a, 1, 0, 0)}`, { periodEnd: addDays(today, 1) }),
        )
      ).json().details,
    ).toEqual({ field: 'periodEnd' });
    expect(await counts()).toEqual(before);
  });

  it("keeps principals to their own school: other unit or role → 403; their own school's import never reaches another school's pupils", async () => {
    const csv = [HEADER, line(led[0]!, 6000, 3000, 3000)].join('\n');
    const cases: [string, string, unknown][] = [
      [helena, 'other_unit', importBody(csv)], // Sjöviksskolan's principal, for Furuboskolan
      [perGranbacke, 'other_unit', importBody(csv)], // per, acting for Granbackeskolan, naming Furuboskolan
      [anna, 'role', importBody(csv)],
      [await t.login('lisa.wallin'), 'not_a_school', importBody(csv)], // unit administrator of the municipality's administration
    ];
    const before = await counts();
    for (const [cookie, reason, body] of cases) {
      const res = await req('POST', '/api/attendance/imports', cookie, body);
      expect(res.statusCode, reason).toBe(403);
      expect(res.json().details).toEqual({ reason });
    }
    expect((await req('GET', '/api/attendance/imports', anna)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    // As Granbackeskolan's principal, a file of Furuboskolan pupils writes nothing: none is enrolled there.
    const own = await req('POST', '/api/attendance/imports', perGranbacke, importBody(csv, { unitId: granbacke }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({
      rowsTotal: 1,
      rowsImported: 0,
      notEnrolledLines: [2],
      children: 0,
      alertsRaised: 0,
    });
    expect((await counts()).records).toBe(before.records);
    expect(await auditOf(own.headers['x-request-id'] as string)).toMatchObject([
      { action: 'attendance.import', child_id: null, details: { children: 0 } },
    ]);
    // A school administrator (unit_admin) of the school may import too.
    const adminAssignment = '00000000-0000-4000-8000-00000000a001';
    await t.tdb.db.ownerTransaction(async (tx) => {
      await tx.query(
        `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, title, valid_from) SELECT $1, person_id, organisation_id, $2, 'unit_admin', 'Skoladministratör', $4::date - 10 FROM assignment WHERE id = $3`,
        [adminAssignment, furubo, demoAssignmentId('lisa.wallin'), today],
      );
    });
    const lisa = await t.login('lisa.wallin', adminAssignment);
    const byAdmin = await req(
      'POST',
      '/api/attendance/imports',
      lisa,
      importBody([HEADER, line(others[1]!, 6000, 60, 0)].join('\n')),
    );
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    expect(byAdmin.json()).toMatchObject({ children: 1, alertsRaised: 0 });
  });

  it('writes nothing when the import fails half-way (records, alerts, summary and audit are one transaction)', async () => {
    const p3 = { periodStart: addDays(period.start, -60), periodEnd: addDays(period.start, -31) };
    const csv = [
      HEADER,
      line(led[2]!, 6000, 3000, 0, p3.periodStart, p3.periodEnd),
      line(others[0]!, 6000, 0, 0, p3.periodStart, p3.periodEnd),
    ].join('\n');
    await t.tdb.db.ownerTransaction(async (tx) => {
      await tx.exec(`CREATE FUNCTION test_fail_alert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
                     CREATE TRIGGER test_fail_alert BEFORE INSERT ON attendance_alert FOR EACH ROW EXECUTE FUNCTION test_fail_alert();`);
    });
    try {
      const before = await counts();
      const res = await req('POST', '/api/attendance/imports', per, importBody(csv, p3));
      expect(res.statusCode).toBe(500);
      expect(await counts()).toEqual(before);
    } finally {
      await t.tdb.db.ownerTransaction(async (tx) => {
        await tx.exec('DROP TRIGGER test_fail_alert ON attendance_alert; DROP FUNCTION test_fail_alert();');
      });
    }
  });

  it('a person reviews an alert: dismissed with a reason, or a concern raised in the same transaction; nobody off the team sees it', async () => {
    const [a, b] = led as [Pupil, Pupil];
    const alertOf = async (p: Pupil) =>
      (
        await t.tdb.db.query<{ id: string }>(
          'SELECT id FROM attendance_alert WHERE child_id = $1 AND period_start = $2::date AND period_end = $3::date',
          [p.childId, period.start, period.end],
        )
      ).rows[0]!.id;
    const alertA = await alertOf(a);
    const alertB = await alertOf(b);
    const url = (p: Pupil, id: string) => `/api/children/${p.childId}/attendance-alerts/${id}`;

    const got = await req('GET', url(a, alertA), per);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"v1"');
    expect(got.json()).toMatchObject({
      childId: a.childId,
      unit: { name: 'Furuboskolan' },
      scheduled: 6000,
      validAbsence: 900,
      invalidAbsence: 300,
      totalAbsencePct: 20,
      invalidAbsencePct: 5,
      thresholds: { totalAbsencePct: 15, invalidAbsencePct: 5 },
      triggered: ['total', 'invalid'],
      status: 'open',
      review: null,
    });
    expect(
      (await req('GET', `/api/children/${a.childId}/attendance-alerts`, per))
        .json()
        .alerts.map((x: { id: string }) => x.id),
    ).toContain(alertA);
    // Another school's principal: 404 like a missing child, audited as a denial.
    const denied = await req('GET', url(a, alertA), helena);
    expect(denied.statusCode).toBe(404);
    expect(await auditOf(denied.headers['x-request-id'] as string)).toEqual([
      { action: 'attendance_alert.read', outcome: 'denied', child_id: a.childId, resource_id: alertA, details: {} },
    ]);

    expect((await req('POST', `${url(b, alertB)}/review`, per, { outcome: 'dismissed', reason: 'x' })).statusCode).toBe(
      428,
    );
    expect(
      (await req('POST', `${url(b, alertB)}/review`, per, { outcome: 'dismissed', reason: '  ' }, '"v1"')).statusCode,
    ).toBe(400);
    const dismissed = await req(
      'POST',
      `${url(b, alertB)}/review`,
      per,
      { outcome: 'dismissed', reason: 'Känd orsak: planerad operation, frånvaron är anmäld.' },
      '"v1"',
    );
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({
      alert: {
        status: 'dismissed',
        review: {
          dismissReason: 'Känd orsak: planerad operation, frånvaron är anmäld.',
          concernId: null,
          reviewedBy: { name: 'Per Sandberg' },
        },
        version: 2,
      },
      concern: null,
    });
    expect(await auditOf(dismissed.headers['x-request-id'] as string)).toEqual([
      {
        action: 'attendance_alert.review',
        outcome: 'permitted',
        child_id: b.childId,
        resource_id: alertB,
        details: { outcome: 'dismissed' },
      },
    ]);
    expect(
      (await req('POST', `${url(b, alertB)}/review`, per, { outcome: 'dismissed', reason: 'igen' }, '"v2"')).statusCode,
    ).toBe(409);

    const before = await counts();
    // A concern's own rules apply (a deadline in the past is refused), and then nothing is written.
    const pastDue = await req(
      'POST',
      `${url(a, alertA)}/review`,
      per,
      { outcome: 'concern', concern: { observation: 'x', decisionDue: addDays(today, -1) } },
      '"v1"',
    );
    expect(pastDue.statusCode).toBe(400);
    expect(pastDue.json().details).toEqual({ field: 'decisionDue' });
    expect(await counts()).toEqual(before);
    const stale = await req('POST', `${url(a, alertA)}/review`, per, { outcome: 'dismissed', reason: 'x' }, '"v7"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json().details.current).toMatchObject({ id: alertA, status: 'open' });
    const observation = 'Närvaroimporten visar 20 % frånvaro, varav 5 % ogiltig, under perioden.';
    const raised = await req(
      'POST',
      `${url(a, alertA)}/review`,
      per,
      { outcome: 'concern', concern: { observation, indicators: ['achieving'] } },
      '"v1"',
    );
    expect(raised.statusCode, raised.body).toBe(200);
    const r = raised.json();
    expect(r.concern).toMatchObject({
      childId: a.childId,
      observation,
      indicators: ['achieving'],
      status: 'open',
      createdBy: { name: 'Per Sandberg' },
    });
    expect(r.alert).toMatchObject({
      status: 'concern_created',
      review: { concernId: r.concern.id, dismissReason: null },
    });
    expect(await auditOf(raised.headers['x-request-id'] as string)).toEqual([
      {
        action: 'concern.create',
        outcome: 'permitted',
        child_id: a.childId,
        resource_id: r.concern.id,
        details: { from: 'attendance_alert', alertId: alertA },
      },
      {
        action: 'attendance_alert.review',
        outcome: 'permitted',
        child_id: a.childId,
        resource_id: alertA,
        details: { outcome: 'concern_created', concernId: r.concern.id },
      },
    ]);
    expect(await counts()).toMatchObject({ concerns: before.concerns + 1 });
    const chron = (await req('GET', `/api/children/${a.childId}/chronology`, per)).json().entries;
    expect(chron.find((e: { concernId: string | null }) => e.concernId === r.concern.id)).toMatchObject({
      kind: 'concern_raised',
      text: observation,
    });
    // Reviewed once: 409.
    expect(
      (await req('POST', `${url(a, alertA)}/review`, per, { outcome: 'concern', concern: { observation } }, '"v2"'))
        .statusCode,
    ).toBe(409);
    // Reviewed alerts leave the to-do list.
    const todo = (await req('GET', '/api/todo', per)).json().items.map((i: { resourceId: string }) => i.resourceId);
    expect(todo).not.toContain(alertA);
    expect(todo).not.toContain(alertB);
  });

  it('an alert without a barnets bästa-ansvarig goes to the principal on the team, and is reported when nobody can review it', async () => {
    const p2 = { periodStart: addDays(period.start, -100), periodEnd: addDays(period.start, -70) };
    // Two Furuboskolan pupils with nobody on a team around them.
    const lonely: Pupil[] = [];
    for (let i = 0; i < 2; i++) {
      const c = await s.child({ team: [] });
      lonely.push({ childId: c.id, personnummer: c.personnummer });
    }
    const [withPrincipal, nobody] = lonely as [Pupil, Pupil];
    // per.sandberg joins one of them as a member (not as barnets bästa-ansvarig).
    await t.tdb.db.query(
      `INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) SELECT gen_random_uuid(), $1, person_id, id, 'member', $3::date - 1 FROM assignment WHERE id = $2`,
      [withPrincipal.childId, demoAssignmentId('per.sandberg', 0), today],
    );
    const csv = [
      HEADER,
      line(withPrincipal, 6000, 1200, 0, p2.periodStart, p2.periodEnd),
      line(nobody, 6000, 1200, 0, p2.periodStart, p2.periodEnd),
    ].join('\n');
    const res = await req('POST', '/api/attendance/imports', per, importBody(csv, p2));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ children: 2, alertsRaised: 2, alertsWithoutReviewerLines: [3] });
    const todo = (await req('GET', '/api/todo', per))
      .json()
      .items.filter((i: { kind: string }) => i.kind === 'attendance_alert');
    expect(todo.find((i: { childId: string }) => i.childId === withPrincipal.childId)).toMatchObject({
      why: ['principal'],
    });
    expect(todo.find((i: { childId: string }) => i.childId === nobody.childId)).toBeUndefined();
  });
});
