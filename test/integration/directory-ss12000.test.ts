import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ss12000Client } from '../../src/server/modules/directory/ss12000/client.js';
import { syncSs12000, type Ss12000SyncSummary } from '../../src/server/modules/directory/ss12000/sync.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDay } from '../helpers/clock.js';
import { testDbKinds } from '../helpers/db.js';
import { startSs12000Server, type Ss12000Server } from '../ss12000/server.js';

const ISSUER = 'https://idp.kommun.example';
const zero = { created: 0, updated: 0, ended: 0 };

describe.each(testDbKinds())('SS 12000 sync into the directory (%s)', (kind) => {
  let t: TestApp;
  let server: Ss12000Server;
  let client: Ss12000Client;
  const sync = (o: { since?: string; dryRun?: boolean } = {}) =>
    syncSs12000(t.tdb.db, client, { ...o, oidcIssuer: ISSUER, now: t.now() });
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.tdb.db.query<{ n: string }>(sql, params)).rows[0]!.n);
  const childOf = async (ss12000Id: string) =>
    (
      await t.tdb.db.query<{ local_id: string }>(
        `SELECT local_id FROM directory_link WHERE source = 'ss12000' AND entity = 'child' AND external_id = $1`,
        [ss12000Id],
      )
    ).rows[0]?.local_id;

  beforeAll(async () => {
    t = await createTestApp(kind);
    server = await startSs12000Server({
      schools: 2,
      pupilsPerSchool: 30,
      schoolYear: { start: testDay(-100), end: testDay(200) },
      preschoolChildren: 4,
      seed: 7,
    });
    client = new Ss12000Client({ baseUrl: server.url, token: 'test-token', pageSize: 40, backoffMs: 1 });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  let first: Ss12000SyncSummary;

  it('a full run takes the schools, staff, pupils and guardians, and forms the pupils’ teams', async () => {
    first = await sync();
    const county = server.state.county;
    expect(first.rejected).toEqual([]);
    // Two schools and the preschool; the huvudman is a municipality already here (the demo county's
    // Växjö kommun, same municipality code): linked, not created a second time.
    expect(first.organisations.created).toBe(3);
    expect(
      await count(`SELECT count(*) AS n FROM organisation WHERE kind = 'municipality' AND municipality_code = '0780'`),
    ).toBe(1);
    const persons =
      county.pupilIds.length + county.preschoolChildIds.length + county.guardianIds.length + county.staffIds.length;
    expect(first.persons.created + first.persons.updated).toBe(persons);
    expect(first.duties.created).toBe(county.duties.length);
    expect(first.enrolments.created).toBe(county.pupilIds.length + county.preschoolChildIds.length);
    expect(first.guardianships.created).toBe(county.guardianIds.length);
    expect(first.groups.created).toBe(county.groups.length);
    // Principal (barnets bästa-ansvarig), kurator, school nurse, psychologist and two mentors per pupil.
    // (The same rules apply to children already here: the demo county's pupils get their principal.)
    const countyChildren = await Promise.all(county.pupilIds.map(childOf));
    expect(
      await count(
        `SELECT count(*) AS n FROM team_membership WHERE origin = 'directory' AND child_id = ANY($1::uuid[])`,
        [countyChildren],
      ),
    ).toBe(county.pupilIds.length * 6);
    expect(first.teams.created).toBeGreaterThanOrEqual(county.pupilIds.length * 6);
    // A preschool child: the förskolechef (a member: an infant's barnets bästa-ansvarig is the BVC
    // nurse) and the teacher of the child's department.
    const toddler = (await childOf(county.preschoolChildIds[0]!))!;
    const preschoolTeam = await t.tdb.db.query<{ role: string; team_role: string }>(
      `SELECT a.role, t.team_role FROM team_membership t JOIN assignment a ON a.id = t.assignment_id
        WHERE t.child_id = $1 ORDER BY a.role`,
      [toddler],
    );
    expect(preschoolTeam.rows).toEqual([
      { role: 'preschool_teacher', team_role: 'member' },
      { role: 'principal', team_role: 'member' },
    ]);
    const pupil = (await childOf(county.pupilIds[3]!))!;
    const team = await t.tdb.db.query<{ role: string; team_role: string }>(
      `SELECT a.role, t.team_role FROM team_membership t JOIN assignment a ON a.id = t.assignment_id
        WHERE t.child_id = $1 AND t.origin = 'directory' ORDER BY a.role`,
      [pupil],
    );
    expect(team.rows).toEqual([
      { role: 'principal', team_role: 'best_interest_lead' },
      { role: 'school_counsellor', team_role: 'member' },
      { role: 'school_nurse', team_role: 'member' },
      { role: 'school_psychologist', team_role: 'member' },
      { role: 'teacher', team_role: 'member' },
      { role: 'teacher', team_role: 'member' },
    ]);
    // The school nurse works in the medical elevhälsa unit, a secrecy domain of its own.
    const nurseUnit = await t.tdb.db.query<{ secrecy_domain: string; parent: string | null }>(
      `SELECT u.secrecy_domain, u.parent_unit_id AS parent FROM assignment a JOIN unit u ON u.id = a.unit_id
        WHERE a.role = 'school_nurse' AND a.id IN (SELECT local_id FROM directory_link WHERE entity = 'duty') LIMIT 1`,
    );
    expect(nurseUnit.rows[0]).toMatchObject({ secrecy_domain: 'medical_student_health' });
    expect(nurseUnit.rows[0]!.parent).not.toBeNull();
    const run = await t.tdb.db.query<{ status: string }>('SELECT status FROM directory_import_run WHERE id = $1', [
      first.runId,
    ]);
    expect(run.rows[0]!.status).toBe('succeeded');
    const audit = await t.tdb.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE action = 'directory.import' AND resource_id = $1`,
      [first.runId],
    );
    expect(audit.rows[0]!.details).toMatchObject({ source: 'ss12000', persons_created: first.persons.created });
  });

  it('a second run against unchanged data creates and updates nothing', async () => {
    const second = await sync();
    for (const e of ['organisations', 'persons', 'duties', 'enrolments', 'guardianships', 'groups', 'teams'] as const)
      expect(second[e], e).toEqual(zero);
    expect(second.rejected).toEqual([]);
  });

  it('a mentor logs in and sees her class, and only her class', async () => {
    const duty = server.state.county.duties.find((d) =>
      ((d.assignmentRole as { assignmentRoleType: string }[] | undefined) ?? []).some(
        (a) => a.assignmentRoleType === 'Mentor',
      ),
    )!;
    const groupId = (duty.assignmentRole as { group: { id: string } }[])[0]!.group.id;
    const klass = server.state.find('groups', groupId)!;
    const pupils = (klass.groupMemberships as { person: { id: string } }[]).map((m) => m.person.id);
    const personId = (
      await t.tdb.db.query<{ local_id: string }>(
        `SELECT local_id FROM directory_link WHERE source = 'ss12000' AND entity = 'staff' AND external_id = $1`,
        [(duty.person as { id: string }).id],
      )
    ).rows[0]!.local_id;
    // Test setup: a demo login name for the imported teacher (production logs in through OIDC).
    await t.tdb.db.query(`UPDATE person SET username = 'imported.mentor', is_test_data = true WHERE id = $1`, [
      personId,
    ]);
    const cookie = await t.login('imported.mentor');
    const res = await t.app.inject({ method: 'GET', url: '/api/children', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const seen = new Set((res.json().children as { id: string }[]).map((c) => c.id));
    const expected = new Set(await Promise.all(pupils.map(childOf)));
    expect(seen).toEqual(expected);
  });

  it('an incremental run takes changes and deletions; what ended is ended, not deleted', async () => {
    const since = server.state.now();
    const county = server.state.county;
    const renamed = county.pupilIds[0]!;
    const removed = county.pupilIds[1]!;
    const leaver = county.pupilIds[2]!;
    server.state.modifyPerson(renamed, { givenName: 'Siri' });
    const leaverRecord = server.state.find('persons', leaver)!;
    const enrolment = (leaverRecord.enrolments as Record<string, unknown>[])[0]!;
    server.state.modifyPerson(leaver, { enrolments: [{ ...enrolment, endDate: testDay(-1) }] });
    server.state.deletePerson(removed);
    const run = await sync({ since });
    expect(run.rejected).toEqual([]);
    // The leaver's record changed only in its enrolment: the child row itself stays as it was.
    expect(run.persons).toEqual({ created: 0, updated: 1, ended: 1 });
    expect(run.enrolments.updated).toBe(1);
    expect(run.enrolments.ended).toBe(1);
    expect(run.guardianships.ended).toBe(2);
    // Six team rows each for the removed pupil and the leaver now end yesterday.
    expect(run.teams.updated + run.teams.ended).toBe(12);
    const removedChild = (await childOf(removed))!;
    // The child and its history stay; the enrolment, custody and team ended yesterday.
    expect(await count('SELECT count(*) AS n FROM child WHERE id = $1', [removedChild])).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM team_membership WHERE child_id = $1 AND (valid_to IS NULL OR valid_to >= $2::date)`,
        [removedChild, testDay(0)],
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM custody WHERE child_id = $1 AND valid_to = $2::date`, [
        removedChild,
        testDay(-1),
      ]),
    ).toBe(2);
    const name = await t.tdb.db.query<{ given_name: string }>('SELECT given_name FROM child WHERE id = $1', [
      await childOf(renamed),
    ]);
    expect(name.rows[0]!.given_name).toBe('Siri');
  });

  it('records that cannot be taken are rejected with a reason, and nothing of them is written', async () => {
    const since = server.state.now();
    const county = server.state.county;
    const bad = county.pupilIds[5]!;
    const before = await count('SELECT count(*) AS n FROM child');
    server.state.modifyPerson(bad, { civicNo: { value: '201001011235' }, givenName: 'Ny' });
    const stranger = county.pupilIds[6]!;
    const record = server.state.find('persons', stranger)!;
    server.state.modifyPerson(stranger, {
      enrolments: [{ ...(record.enrolments as object[])[0], enroledAt: { id: 'no-such-school' } }],
    });
    const run = await sync({ since });
    expect(run.rejected).toEqual([
      { entity: 'persons', id: bad, reason: 'invalid_personnummer' },
      { entity: 'enrolments', id: `${stranger}|no-such-school|${testDay(-100)}`, reason: 'unknown_unit' },
    ]);
    expect(await count('SELECT count(*) AS n FROM child')).toBe(before);
    const kept = await t.tdb.db.query<{ given_name: string }>('SELECT given_name FROM child WHERE id = $1', [
      await childOf(bad),
    ]);
    expect(kept.rows[0]!.given_name).not.toBe('Ny');
  });

  it('a dry run reports what it would do and keeps nothing', async () => {
    const since = server.state.now();
    server.state.modifyPerson(server.state.county.pupilIds[7]!, { familyName: 'Provkörning' });
    const runs = await count('SELECT count(*) AS n FROM directory_import_run');
    const dry = await sync({ since, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.persons.updated).toBe(1);
    expect(await count('SELECT count(*) AS n FROM directory_import_run')).toBe(runs);
    expect(await count(`SELECT count(*) AS n FROM child WHERE family_name = 'Provkörning'`)).toBe(0);
  });

  it('protected identity and sekretessmarkering from the source set the protected flag', async () => {
    const marked = server.state.county.persons.filter((p) => p.securityMarking !== 'Ingen' && p.enrolments);
    expect(marked.length).toBeGreaterThan(0);
    for (const p of marked) {
      const r = await t.tdb.db.query<{ protected_identity: boolean; identity_marking: string }>(
        'SELECT protected_identity, identity_marking FROM child WHERE id = $1',
        [await childOf(p.id)],
      );
      expect(r.rows[0]!.protected_identity).toBe(true);
      expect(r.rows[0]!.identity_marking).toBe(
        p.securityMarking === 'Sekretessmarkering' ? 'confidentiality_marking' : 'protected_registration',
      );
    }
  });

  it('the full runs of this school system ended nothing another feed delivered (the demo county’s)', async () => {
    const demo = (entity: string, table: string) =>
      count(
        `SELECT count(*) AS n FROM directory_link l JOIN ${table} x ON x.id = l.local_id
          WHERE l.source = 'ss12000' AND l.feed = 'demo' AND l.entity = $1 AND l.ended_on IS NULL AND x.valid_to IS NULL`,
        [entity],
      );
    expect(await demo('enrolment', 'enrolment')).toBeGreaterThan(100);
    expect(await demo('unit', 'unit')).toBeGreaterThan(20);
    expect(
      await count(
        `SELECT count(*) AS n FROM directory_link l WHERE l.feed = 'demo' AND (l.ended_on IS NOT NULL
            OR EXISTS (SELECT 1 FROM enrolment e WHERE e.id = l.local_id AND e.valid_to IS NOT NULL))`,
      ),
    ).toBe(0);
  });

  it('a refused token stops the run before anything is written', async () => {
    const runs = await count('SELECT count(*) AS n FROM directory_import_run');
    const refused = new Ss12000Client({ baseUrl: server.url, token: 'wrong', backoffMs: 1 });
    await expect(syncSs12000(t.tdb.db, refused, { now: t.now() })).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(await count('SELECT count(*) AS n FROM directory_import_run')).toBe(runs);
  });
});
