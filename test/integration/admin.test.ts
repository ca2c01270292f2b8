import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar.js';
import { demoAssignmentId } from '../../src/server/demo/seed.js';
import { auditOfRequest } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testToday } from '../helpers/clock.js';
import { testDbKinds } from '../helpers/db.js';
import { personByUsername } from '../helpers/fixtures.js';
import { demoUnitId, scenario, type Scenario } from '../helpers/scenario.js';

const SCHOOL = demoUnitId('0780:school:0');
const VAXJO_ADMIN = demoUnitId('0780:admin');
const BVC = demoUnitId('0780:bvc:0');
const today = testToday();

/**
 * Administration in the UI: who administers what (a system admin its organisation, a unit admin its
 * unit and the units under it, nobody else), units created, renamed and ended, people created,
 * disabled (their sessions ended) and enabled, assignments made and ended with the teams brought up
 * to date — every change one transaction with its audit event, nothing half-written on bad input,
 * and an admin never reaches a child.
 */
describe.each(testDbKinds())('administration (%s)', (kind) => {
  let t: TestApp;
  let s: Scenario;
  /** lisa.wallin as a system administrator of Växjö (an assignment added for these tests). */
  let sys: string;
  /** lisa.wallin as the demo's unit administrator of Växjö's administration unit. */
  let unitAdmin: string;
  /** admin.kronoberg: the system administrator of Region Kronoberg. */
  let region: string;
  let anna: string;

  type Method = 'GET' | 'POST' | 'PATCH';
  const call = (method: Method, url: string, cookie: string, payload?: unknown, version?: number) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...(version === undefined ? {} : { 'if-match': `"v${version}"` }) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const audit = (res: { headers: Record<string, unknown> }) =>
    auditOfRequest(t.tdb.db, res.headers['x-request-id'] as string);
  const counts = async () =>
    (
      await t.tdb.db.query<{ units: number; people: number; assignments: number; audit: number }>(
        `SELECT (SELECT count(*) FROM unit)::int AS units, (SELECT count(*) FROM person)::int AS people,
                (SELECT count(*) FROM assignment)::int AS assignments, (SELECT count(*) FROM audit_event)::int AS audit`,
      )
    ).rows[0]!;
  const newPerson = (
    cookie: string,
    o: { unitId?: string; role?: string; validFrom?: string; subject?: string } = {},
  ) =>
    call('POST', '/api/admin/people', cookie, {
      givenName: 'Vikarie',
      familyName: 'Testsson',
      email: 'vikarie@vaxjo.example',
      phone: '0470-123 45',
      oidcSubject: o.subject ?? `sub-${randomUUID()}`,
      assignment: {
        unitId: o.unitId ?? SCHOOL,
        role: o.role ?? 'teacher',
        title: 'Lärare (vikarie)',
        validFrom: o.validFrom ?? addDays(today, -10),
      },
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    s = scenario(t.tdb.db, today);
    const lisa = await personByUsername(t.tdb.db, 'lisa.wallin');
    const sysAssignment = randomUUID();
    await t.tdb.db.ownerTransaction((tx) =>
      tx.query(
        `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, title, valid_from)
         SELECT $1, $2, u.organisation_id, u.id, 'system_admin', 'Systemadministratör', $4::date - 100 FROM unit u WHERE u.id = $3`,
        [sysAssignment, lisa.id, VAXJO_ADMIN, today],
      ),
    );
    sys = await t.login('lisa.wallin', sysAssignment);
    unitAdmin = await t.login('lisa.wallin', demoAssignmentId('lisa.wallin'));
    region = await t.login('admin.kronoberg');
    anna = await t.login('anna.lindqvist');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('only administrators reach administration: 403 with a reason for others, 401 without a session', async () => {
    const res = await call('GET', '/api/admin/units', anna);
    expect(res.statusCode).toBe(403);
    expect(res.json().details).toEqual({ reason: 'role' });
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/units' })).statusCode).toBe(401);
    const create = await call('POST', '/api/admin/units', anna, { name: 'X', kind: 'preschool' });
    expect(create.statusCode).toBe(403);
  });

  it('a system admin reaches every unit of the organisation; a unit admin only its own; another organisation is 404', async () => {
    const mine = (await call('GET', '/api/admin/units', sys)).json().units as {
      id: string;
      organisationName: string;
    }[];
    expect(mine.some((u) => u.id === SCHOOL)).toBe(true);
    expect(mine.some((u) => u.id === BVC)).toBe(false); // the BVC is the region's
    expect(new Set(mine.map((u) => u.organisationName)).size).toBe(1);

    const listed = await call('GET', '/api/admin/units', unitAdmin);
    expect(listed.json().units.map((u: { id: string }) => u.id)).toEqual([VAXJO_ADMIN]);
    expect(await audit(listed)).toEqual([
      {
        action: 'admin.list',
        outcome: 'permitted',
        child_id: null,
        resource_id: null,
        details: { view: 'units', count: 1 },
      },
    ]);
    expect((await call('GET', `/api/admin/units/${SCHOOL}`, unitAdmin)).statusCode).toBe(404);
    expect((await call('GET', `/api/admin/units/${SCHOOL}`, region)).statusCode).toBe(404);
    const regional = (await call('GET', '/api/admin/units', region)).json().units as { id: string }[];
    expect(regional.some((u) => u.id === BVC)).toBe(true);
  });

  it('a unit is created with the secrecy domain of its kind, renamed with If-Match, and ended — never deleted', async () => {
    const created = await call('POST', '/api/admin/units', sys, {
      name: 'Elevhälsan Testskolan',
      kind: 'student_health_medical',
      parentUnitId: SCHOOL,
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({
      secrecyDomain: 'medical_student_health',
      parent: { id: SCHOOL },
      source: null,
      version: 1,
    });
    expect(unit.municipalityCode).toBe('0780');
    expect(await audit(created)).toEqual([
      {
        action: 'admin.unit_create',
        outcome: 'permitted',
        child_id: null,
        resource_id: unit.id,
        details: { kind: 'student_health_medical', organisationId: unit.organisationId, parentUnitId: SCHOOL },
      },
    ]);

    const noIfMatch = await call('PATCH', `/api/admin/units/${unit.id}`, sys, { name: 'Nytt namn' });
    expect(noIfMatch.statusCode).toBe(428);
    const renamed = await call('PATCH', `/api/admin/units/${unit.id}`, sys, { name: 'Medicinska elevhälsan' }, 1);
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Medicinska elevhälsan', version: 2 });
    expect(renamed.headers.etag).toBe('"v2"');
    const stale = await call('PATCH', `/api/admin/units/${unit.id}`, sys, { name: 'Gammalt' }, 1);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().details.current.name).toBe('Medicinska elevhälsan');

    // A nurse at it: ending the unit alone is refused (409, saying what to do); with its assignments it ends.
    const nurse = await newPerson(sys, { unitId: unit.id, role: 'school_nurse' });
    expect(nurse.statusCode, nurse.body).toBe(201);
    const nurseAssignment = nurse.json().assignments[0];
    const before = await counts();
    const refused = await call('POST', `/api/admin/units/${unit.id}/end`, sys, { validTo: today }, 2);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details).toMatchObject({ reason: 'open_assignments', openAssignments: 1 });
    expect(refused.json().message).toMatch(/End them first, or end them together with the unit/);
    expect(await counts()).toEqual(before);

    const ended = await call(
      'POST',
      `/api/admin/units/${unit.id}/end`,
      sys,
      { validTo: today, endAssignments: true },
      2,
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ validTo: today, openAssignments: 1 }); // still open today, its last day
    expect((await audit(ended))[0]).toMatchObject({
      action: 'admin.unit_end',
      details: { validTo: today, assignmentsEnded: 1 },
    });
    const detail = (await call('GET', `/api/admin/units/${unit.id}`, sys)).json();
    expect(detail.assignments.find((a: { id: string }) => a.id === nurseAssignment.id).validTo).toBe(today);
    expect((await counts()).units).toBe(before.units); // ended, not deleted
  });

  it('a unit admin adds units only under its own unit, and cannot hand out system_admin', async () => {
    const elsewhere = await call('POST', '/api/admin/units', unitAdmin, {
      name: 'Annan',
      kind: 'preschool',
      parentUnitId: SCHOOL,
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().details.field).toBe('parentUnitId');
    const mine = await call('POST', '/api/admin/units', unitAdmin, { name: 'Analysgruppen', kind: 'analysis' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().parent.id).toBe(VAXJO_ADMIN);
    const lisa = await personByUsername(t.tdb.db, 'lisa.wallin');
    const grant = await call('POST', '/api/admin/assignments', unitAdmin, {
      personId: lisa.id,
      unitId: VAXJO_ADMIN,
      role: 'system_admin',
      validFrom: today,
    });
    expect(grant.statusCode).toBe(400);
    expect(grant.json().details.field).toBe('role');
  });

  it('bad input is a 4xx tied to a field and writes nothing', async () => {
    const before = await counts();
    const wrongRole = await newPerson(sys, { role: 'school_nurse' });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().details).toMatchObject({ field: 'role', reason: 'role_not_for_unit_kind' });
    expect(wrongRole.json().message).toMatch(/does not take that role/);
    const unknownUnit = await newPerson(sys, { unitId: randomUUID() });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json().details.field).toBe('unitId');
    const notMine = await newPerson(unitAdmin, { unitId: SCHOOL });
    expect(notMine.statusCode).toBe(400);
    const badEmail = await call('POST', '/api/admin/people', sys, {
      givenName: 'A',
      familyName: 'B',
      email: 'nope',
      assignment: { unitId: SCHOOL, role: 'teacher', validFrom: today },
    });
    expect(badEmail.statusCode).toBe(400);
    const first = await newPerson(sys, { subject: 'taken-subject' });
    expect(first.statusCode).toBe(201);
    const afterFirst = await counts();
    const taken = await newPerson(sys, { subject: 'taken-subject' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details.field).toBe('oidcSubject');
    const order = await call('POST', '/api/admin/assignments', sys, {
      personId: first.json().person.id,
      unitId: SCHOOL,
      role: 'special_educator',
      validFrom: today,
      validTo: addDays(today, -3),
    });
    expect(order.statusCode).toBe(400);
    expect(order.json().details.field).toBe('validTo');
    expect(await counts()).toEqual(afterFirst);
    expect(afterFirst.people).toBe(before.people + 1);
  });

  it('a principal assigned by hand joins the enrolled pupil’s team; ending the assignment ends the membership', async () => {
    const child = await s.child({ enrolledAt: '0780:school:0' });
    const created = await newPerson(sys, { role: 'principal' });
    expect(created.statusCode, created.body).toBe(201);
    const { person, assignments } = created.json();
    const assignment = assignments[0];
    expect(await audit(created)).toEqual([
      {
        action: 'admin.person_create',
        outcome: 'permitted',
        child_id: null,
        resource_id: person.id,
        details: { assignmentId: assignment.id },
      },
      {
        action: 'admin.assignment_create',
        outcome: 'permitted',
        child_id: null,
        resource_id: assignment.id,
        details: expect.objectContaining({ personId: person.id, unitId: SCHOOL, role: 'principal', validTo: null }),
      },
    ]);
    const team = async () =>
      (
        await t.tdb.db.query<{ valid_to: string | null }>(
          `SELECT valid_to::text AS valid_to FROM team_membership WHERE child_id = $1 AND assignment_id = $2`,
          [child.id, assignment.id],
        )
      ).rows;
    expect(await team()).toEqual([{ valid_to: null }]);

    const early = await call(
      'POST',
      `/api/admin/assignments/${assignment.id}/end`,
      sys,
      { validTo: addDays(assignment.validFrom, -2) },
      1,
    );
    expect(early.statusCode).toBe(400);
    const ended = await call(
      'POST',
      `/api/admin/assignments/${assignment.id}/end`,
      sys,
      { validTo: addDays(today, -1) },
      1,
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ validTo: addDays(today, -1), version: 2 });
    expect((await audit(ended))[0]).toMatchObject({
      action: 'admin.assignment_end',
      details: { validTo: addDays(today, -1), role: 'principal' },
    });
    expect(await team()).toEqual([{ valid_to: addDays(today, -1) }]);
    const again = await call('POST', `/api/admin/assignments/${assignment.id}/end`, sys, { validTo: today }, 2);
    expect(again.statusCode).toBe(409);
  });

  it('disabling a person ends their sessions at once; enabling lets them log in again', async () => {
    const johan = await personByUsername(t.tdb.db, 'johan.falk');
    const johanCookie = await t.login('johan.falk');
    expect((await call('GET', '/api/children', johanCookie)).statusCode).toBe(200);
    const found = await call('POST', '/api/admin/people/search', sys, { query: 'falk' });
    expect(found.json().people.map((p: { id: string }) => p.id)).toContain(johan.id);
    const detail = await call('GET', `/api/admin/people/${johan.id}`, sys);
    const version = detail.json().person.version;

    expect((await call('POST', `/api/admin/people/${johan.id}/disable`, unitAdmin, {}, version)).statusCode).toBe(404);
    const disabled = await call('POST', `/api/admin/people/${johan.id}/disable`, sys, {}, version);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().enabled).toBe(false);
    expect((await audit(disabled))[0]).toMatchObject({ action: 'admin.person_disable', details: { sessionsEnded: 1 } });
    expect((await call('GET', '/api/children', johanCookie)).statusCode).toBe(401);
    const sessions = await t.tdb.db.query('SELECT 1 FROM user_session WHERE person_id = $1', [johan.id]);
    expect(sessions.rows).toEqual([]);

    const enabled = await call('POST', `/api/admin/people/${johan.id}/enable`, sys, {}, disabled.json().version);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().enabled).toBe(true);
    expect((await call('GET', '/api/children', await t.login('johan.falk'))).statusCode).toBe(200);

    const self = await personByUsername(t.tdb.db, 'lisa.wallin');
    const me = (await call('GET', `/api/admin/people/${self.id}`, sys)).json();
    const selfDisable = await call('POST', `/api/admin/people/${self.id}/disable`, sys, {}, me.person.version);
    expect(selfDisable.statusCode).toBe(409);
  });

  it("a person's details are corrected with If-Match; the audit names the fields, never the values", async () => {
    const created = await newPerson(sys, { subject: 'correct-me' });
    const id = created.json().person.id;
    const other = await newPerson(sys, { subject: 'someone-else' });
    expect(other.statusCode).toBe(201);
    const noVersion = await call('PATCH', `/api/admin/people/${id}`, sys, { familyName: 'Rättad' });
    expect(noVersion.statusCode).toBe(428);
    const fixed = await call('PATCH', `/api/admin/people/${id}`, sys, { familyName: 'Rättad', phone: null }, 1);
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({
      givenName: 'Vikarie',
      familyName: 'Rättad',
      phone: null,
      oidcSubject: 'correct-me',
      version: 2,
    });
    expect(await audit(fixed)).toEqual([
      {
        action: 'admin.person_update',
        outcome: 'permitted',
        child_id: null,
        resource_id: id,
        details: { fields: 'familyName,phone' },
      },
    ]);
    const taken = await call('PATCH', `/api/admin/people/${id}`, sys, { oidcSubject: 'someone-else' }, 2);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details.field).toBe('oidcSubject');
    const stale = await call('PATCH', `/api/admin/people/${id}`, sys, { givenName: 'Gammal' }, 1);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().details.current.familyName).toBe('Rättad');
    const empty = await call('PATCH', `/api/admin/people/${id}`, sys, {}, 2);
    expect(empty.statusCode).toBe(400);
    // Someone who also works outside the admin's reach: 403, nothing changed.
    const johan = await personByUsername(t.tdb.db, 'johan.falk');
    await t.tdb.db.ownerTransaction((tx) =>
      tx.query(
        `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, valid_from)
         SELECT $1, $2, organisation_id, id, 'child_health_nurse', $4::date - 5 FROM unit WHERE id = $3`,
        [randomUUID(), johan.id, BVC, today],
      ),
    );
    const johanVersion = (await call('GET', `/api/admin/people/${johan.id}`, sys)).json().person.version;
    const outside = await call('PATCH', `/api/admin/people/${johan.id}`, sys, { familyName: 'Annan' }, johanVersion);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().details.reason).toBe('outside_reach');
    const disable = await call('POST', `/api/admin/people/${johan.id}/disable`, sys, {}, johanVersion);
    expect(disable.statusCode).toBe(403);
  });

  it('a row imported from a source shows it, and can still be ended by hand (the answer names the source)', async () => {
    const created = await newPerson(sys, { role: 'special_educator' });
    const a = created.json().assignments[0];
    await t.tdb.db.ownerTransaction((tx) =>
      tx.query(
        `INSERT INTO directory_link (source, entity, external_id, local_id, content_hash) VALUES ('people', 'assignments', $1, $2, 'h')`,
        [`ext-${a.id}`, a.id],
      ),
    );
    const person = (await call('GET', `/api/admin/people/${a.personId}`, sys)).json();
    expect(person.assignments[0]).toMatchObject({ id: a.id, source: 'people' });
    expect(person.person.source).toBeNull();
    const ended = await call('POST', `/api/admin/assignments/${a.id}/end`, sys, { validTo: today }, a.version);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ validTo: today, source: 'people' });
    expect((await audit(ended))[0]!.details).toMatchObject({ source: 'people', validTo: today });
  });

  it('an administrator never reaches a child: child routes answer as the gate does, with no child data', async () => {
    const child = await s.child({ enrolledAt: '0780:school:0', team: ['anna.lindqvist'] });
    for (const cookie of [sys, unitAdmin, region]) {
      const res = await call('GET', `/api/children/${child.id}`, cookie);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain(child.familyName);
      const list = await call('GET', '/api/children', cookie);
      expect(list.body).not.toContain(child.familyName);
    }
  });
});
