import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { isValidTwelveDigitIdentityNumber, parseIdentityNumber } from '../../core/personnummer.js';
import { MUNICIPALITIES } from './data.js';
import {
  DEMO_TABLES,
  DEMO_USERS,
  demoPersonId,
  isDemoSeeded,
  isDemoTestPersonnummer,
  isVerifiedTestPersonnummer,
  seedDemo,
  type DemoSummary,
} from './seed.js';
import { CHILD_TEST_NUMBERS, GUARDIAN_TEST_NUMBERS, UNVERIFIED_FROM_YEAR } from './test-personnummer.js';

const TODAY = '2026-11-22';
const YEAR_AGO = '2025-11-22';

async function freshDb(): Promise<Db> {
  const db = await openDb({});
  await migrate(db);
  return db;
}

async function rows<T>(db: Db, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}

const ageOn = (birth: string, today: string) =>
  Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) - (today.slice(5) < birth.slice(5) ? 1 : 0);

describe('demo seed', () => {
  let db: Db;
  let summary: DemoSummary;
  let seededBefore: boolean;
  const progress: [number, number, string][] = [];

  beforeAll(async () => {
    db = await freshDb();
    seededBefore = await isDemoSeeded(db);
    summary = await seedDemo(db, {
      today: TODAY,
      onProgress: (done, total, label) => progress.push([done, total, label]),
    });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('writes every table in one go, with counts in the stated ranges, quickly', async () => {
    expect(seededBefore).toBe(false);
    expect(await isDemoSeeded(db)).toBe(true);
    expect(summary.alreadySeeded).toBe(false);
    for (const table of DEMO_TABLES) {
      const n = (await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${table}`))[0]?.n;
      expect(n, table).toBe(summary[table]);
    }
    expect(summary.organisation).toBe(10);
    expect(summary.unit).toBeGreaterThanOrEqual(80);
    expect(summary.person).toBeGreaterThanOrEqual(38);
    expect(summary.person).toBeLessThanOrEqual(45);
    expect(summary.assignment).toBeGreaterThan(summary.person);
    expect(summary.child).toBeGreaterThanOrEqual(190);
    expect(summary.child).toBeLessThanOrEqual(210);
    expect(summary.guardian).toBeGreaterThanOrEqual(150);
    expect(summary.custody).toBeGreaterThanOrEqual(summary.guardian);
    expect(summary.enrolment).toBeGreaterThanOrEqual(150);
    expect(summary.team_membership).toBeGreaterThanOrEqual(120);
    // Loaded the way a county is: its three sources through the imports, then the demo's own teams.
    expect(progress).toEqual([
      [1, 4, 'people'],
      [2, 4, 'population'],
      [3, 4, 'ss12000'],
      [4, 4, 'teams'],
    ]);
    const runs = await rows<{ source: string; status: string; rejected: number }>(
      db,
      `SELECT source, status, jsonb_array_length(summary->'rejected')::int AS rejected FROM directory_import_run ORDER BY started_at, source`,
    );
    expect(runs.map((r) => [r.source, r.status, r.rejected]).sort()).toEqual([
      ['people', 'succeeded', 0],
      ['population', 'succeeded', 0],
      ['ss12000', 'succeeded', 0],
    ]);
    // The goal is well under 3 s on PGlite; the bound leaves room for a loaded CI machine.
    console.info(`demo seed on PGlite: ${summary.durationMs} ms`);
  });

  it('uses Skatteverket test personnummer only, all valid and unique', async () => {
    for (const p of [...CHILD_TEST_NUMBERS, ...GUARDIAN_TEST_NUMBERS])
      expect(isValidTwelveDigitIdentityNumber(p), p).toBe(true);
    const children = await rows<{ personnummer: string; birth_date: string; gender: string }>(
      db,
      `SELECT personnummer, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, gender FROM child`,
    );
    const guardians = await rows<{ personnummer: string }>(db, 'SELECT personnummer FROM guardian');
    for (const c of children) {
      expect(isValidTwelveDigitIdentityNumber(c.personnummer), c.personnummer).toBe(true);
      expect(isDemoTestPersonnummer(c.personnummer), c.personnummer).toBe(true);
      const parsed = parseIdentityNumber(c.personnummer, new Date(`${TODAY}T12:00:00Z`));
      expect(parsed.kind).toBe('personnummer');
      expect(parsed.birthDate).toBe(c.birth_date);
      if (c.gender === 'female' || c.gender === 'male') expect(parsed.legalGender).toBe(c.gender);
      // Everything born before 2020 is an exact entry of Skatteverket's list.
      if (Number(c.birth_date.slice(0, 4)) < UNVERIFIED_FROM_YEAR)
        expect(isVerifiedTestPersonnummer(c.personnummer), c.personnummer).toBe(true);
    }
    for (const g of guardians) {
      expect(isValidTwelveDigitIdentityNumber(g.personnummer), g.personnummer).toBe(true);
      expect(isVerifiedTestPersonnummer(g.personnummer), g.personnummer).toBe(true);
    }
    const all = [...children.map((c) => c.personnummer), ...guardians.map((g) => g.personnummer)];
    expect(new Set(all).size).toBe(all.length);
    // A number outside the series is rejected.
    expect(isDemoTestPersonnummer('201001012406')).toBe(false);
  });

  it('has Region Kronoberg, its eight municipalities and the police', async () => {
    const orgs = await rows<{ name: string; kind: string; municipality_code: string | null }>(
      db,
      'SELECT name, kind, municipality_code FROM organisation ORDER BY name',
    );
    expect(orgs.filter((o) => o.kind === 'region').map((o) => o.name)).toEqual(['Region Kronoberg']);
    expect(orgs.filter((o) => o.kind === 'state_agency').map((o) => o.name)).toEqual(['Polisen']);
    const munis = orgs
      .filter((o) => o.kind === 'municipality')
      .map((o) => `${o.municipality_code} ${o.name}`)
      .sort();
    expect(munis).toEqual([
      '0760 Uppvidinge kommun',
      '0761 Lessebo kommun',
      '0763 Tingsryds kommun',
      '0764 Alvesta kommun',
      '0765 Älmhults kommun',
      '0767 Markaryds kommun',
      '0780 Växjö kommun',
      '0781 Ljungby kommun',
    ]);
  });

  it('gives every municipality units of the required kinds with the right secrecy domain', async () => {
    const units = await rows<{
      id: string;
      name: string;
      kind: string;
      secrecy_domain: string;
      municipality_code: string | null;
      org_kind: string;
    }>(
      db,
      'SELECT u.id, u.name, u.kind, u.secrecy_domain, u.municipality_code, o.kind AS org_kind FROM unit u JOIN organisation o ON o.id = u.organisation_id',
    );
    const expectedDomain: Record<string, string> = {
      preschool: 'school',
      compulsory_school: 'school',
      upper_secondary_school: 'school',
      student_health_psychosocial: 'school',
      student_health_medical: 'medical_student_health',
      social_services: 'social_services',
      child_health_centre: 'health_care',
      child_psychiatry: 'health_care',
      youth_clinic: 'health_care',
      leisure_centre: 'other',
      youth_follow_up: 'school',
      police: 'police',
      administration: 'other',
      analysis: 'other',
    };
    for (const u of units) expect(u.secrecy_domain, `${u.name} (${u.kind})`).toBe(expectedDomain[u.kind]);
    const required = [
      'preschool',
      'compulsory_school',
      'student_health_medical',
      'student_health_psychosocial',
      'social_services',
      'child_health_centre',
      'youth_clinic',
      'leisure_centre',
      'youth_follow_up',
      'administration',
    ];
    for (const m of MUNICIPALITIES) {
      const here = units.filter((u) => u.municipality_code === m.code);
      for (const kind of required)
        expect(
          here.some((u) => u.kind === kind),
          `${m.name}: ${kind}`,
        ).toBe(true);
      const medical = here.filter((u) => u.kind === 'student_health_medical');
      const psychosocial = here.filter((u) => u.kind === 'student_health_psychosocial');
      for (const med of medical) {
        for (const psy of psychosocial) {
          expect(med.id).not.toBe(psy.id);
          expect(med.secrecy_domain).not.toBe(psy.secrecy_domain);
        }
      }
    }
    const gyMunis = units
      .filter((u) => u.kind === 'upper_secondary_school')
      .map((u) => u.municipality_code)
      .sort();
    expect(gyMunis).toEqual(['0764', '0765', '0780', '0781']);
    const vaxjo = units.filter((u) => u.municipality_code === '0780');
    expect(vaxjo.filter((u) => u.kind === 'compulsory_school').length).toBeGreaterThanOrEqual(4);
    expect(vaxjo.filter((u) => u.kind === 'preschool').length).toBeGreaterThanOrEqual(2);
    expect(
      units
        .filter((u) => u.kind === 'police' && u.org_kind === 'state_agency')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['Lokalpolisområde Ljungby', 'Lokalpolisområde Växjö']);
    for (const kind of ['child_health_centre', 'child_psychiatry', 'youth_clinic', 'analysis']) {
      expect(
        units.filter((u) => u.kind === kind).every((u) => u.org_kind === 'region'),
        kind,
      ).toBe(true);
    }
    expect(units.some((u) => u.kind === 'analysis')).toBe(true);
    expect(units.some((u) => u.name === 'Elevhälsan Växjö – medicinsk insats')).toBe(true);
  });

  it('has demo professionals covering every role, some with two assignments', async () => {
    const people = await rows<{
      username: string;
      is_test_data: boolean;
      oidc_subject: string;
      oidc_issuer: string | null;
      enabled: boolean;
    }>(db, 'SELECT username, is_test_data, oidc_subject, oidc_issuer, enabled FROM person');
    for (const p of people) {
      expect(p.is_test_data).toBe(true);
      expect(p.oidc_subject).toBe(p.username);
      expect(p.oidc_issuer).toBeNull();
      expect(p.enabled).toBe(true);
    }
    expect(people.map((p) => p.username).sort()).toEqual(Object.keys(DEMO_USERS).sort());
    const roles = new Set(
      (await rows<{ role: string }>(db, 'SELECT DISTINCT role FROM assignment')).map((r) => r.role),
    );
    for (const role of [
      'preschool_teacher',
      'teacher',
      'principal',
      'special_educator',
      'school_nurse',
      'school_doctor',
      'school_psychologist',
      'school_counsellor',
      'social_worker',
      'social_services_manager',
      'child_health_nurse',
      'child_psychiatry_clinician',
      'youth_clinic_staff',
      'leisure_leader',
      'police_officer',
      'youth_follow_up_officer',
      'analyst',
      'manager',
      'unit_admin',
      'system_admin',
    ]) {
      expect(roles.has(role), role).toBe(true);
    }
    const doubles = await rows<{ person_id: string }>(
      db,
      'SELECT person_id FROM assignment GROUP BY person_id HAVING count(*) = 2',
    );
    expect(doubles.length).toBeGreaterThanOrEqual(3);
    const titles = await rows<{ title: string | null }>(db, 'SELECT title FROM assignment');
    expect(titles.every((t) => typeof t.title === 'string' && t.title.length > 0)).toBe(true);
  });

  it('has the named demo users with the stated properties', async () => {
    const assignmentsOf = (username: string) =>
      rows<{ id: string; role: string; unit_municipality: string | null; unit_name: string }>(
        db,
        `SELECT a.id, a.role, u.municipality_code AS unit_municipality, u.name AS unit_name
           FROM assignment a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id WHERE p.username = $1`,
        [username],
      );
    const teamsOf = (username: string) =>
      rows<{ child_id: string; assignment_id: string; valid_to: string | null; municipality_code: string }>(
        db,
        `SELECT t.child_id, t.assignment_id, to_char(t.valid_to, 'YYYY-MM-DD') AS valid_to, c.municipality_code
           FROM team_membership t JOIN person p ON p.id = t.person_id JOIN child c ON c.id = t.child_id WHERE p.username = $1`,
        [username],
      );
    const current = <T extends { valid_to: string | null }>(ts: T[]) =>
      ts.filter((t) => t.valid_to === null || t.valid_to >= TODAY);

    const anna = await assignmentsOf('anna.lindqvist');
    expect(anna.map((a) => [a.role, a.unit_municipality])).toEqual([['teacher', '0780']]);
    const annaTeams = await teamsOf('anna.lindqvist');
    expect(new Set(current(annaTeams).map((t) => t.child_id)).size).toBeGreaterThanOrEqual(5);
    expect(annaTeams.some((t) => t.valid_to !== null && t.valid_to < TODAY)).toBe(true);

    const erik = await assignmentsOf('erik.johansson');
    expect(erik.map((a) => a.role)).toEqual(['school_nurse', 'school_nurse']);
    expect(new Set(erik.map((a) => a.unit_municipality)).size).toBe(2);
    const erikTeams = current(await teamsOf('erik.johansson'));
    for (const a of erik)
      expect(
        erikTeams.some((t) => t.assignment_id === a.id),
        a.unit_name,
      ).toBe(true);

    const sara = await assignmentsOf('sara.nilsson');
    expect(sara.map((a) => [a.role, a.unit_municipality])).toEqual([['social_worker', '0780']]);
    expect(sara[0]?.unit_name).toContain('Socialtjänsten Växjö');
    expect(current(await teamsOf('sara.nilsson')).length).toBeGreaterThan(0);

    expect((await assignmentsOf('admin.kronoberg')).map((a) => a.role)).toEqual(['system_admin']);
    expect(await teamsOf('admin.kronoberg')).toEqual([]);
    expect((await assignmentsOf('lars.berg')).map((a) => a.role)).toEqual(['analyst']);
    expect(await teamsOf('lars.berg')).toEqual([]);

    const maria = await assignmentsOf('maria.holm');
    expect(maria.map((a) => [a.role, a.unit_municipality])).toEqual([['teacher', '0781']]);
    const mariaTeams = await teamsOf('maria.holm');
    expect(mariaTeams.length).toBeGreaterThan(0);
    expect(mariaTeams.every((t) => t.municipality_code === '0781')).toBe(true);

    expect((await assignmentsOf('karin.ek')).map((a) => a.role)).toEqual(['police_officer']);
    const karinChildren = new Set(current(await teamsOf('karin.ek')).map((t) => t.child_id));
    expect(karinChildren.size).toBeGreaterThanOrEqual(1);
    expect(karinChildren.size).toBeLessThanOrEqual(2);

    expect((await assignmentsOf('johan.falk')).map((a) => [a.role, a.unit_municipality])).toEqual([
      ['teacher', '0780'],
    ]);
    expect(await teamsOf('johan.falk')).toEqual([]);
    expect(demoPersonId('johan.falk')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('has children 0–19 spread over the county, enrolled by age, with guardians', async () => {
    const children = await rows<{
      id: string;
      birth_date: string;
      municipality_code: string;
      protected_identity: boolean;
      is_test_data: boolean;
      gender: string;
      city: string | null;
      address_line: string | null;
    }>(
      db,
      `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, municipality_code, protected_identity, is_test_data, gender, city, address_line FROM child`,
    );
    const ages = children.map((c) => ageOn(c.birth_date, TODAY));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBe(19);
    expect(children.every((c) => c.is_test_data)).toBe(true);
    // The register gives no address for a protected child, and none is stored.
    expect(children.every((c) => (c.protected_identity ? !c.address_line && !c.city : c.address_line && c.city))).toBe(
      true,
    );
    const perMuni = new Map<string, number>();
    for (const c of children) perMuni.set(c.municipality_code, (perMuni.get(c.municipality_code) ?? 0) + 1);
    expect([...perMuni.keys()].sort()).toEqual(MUNICIPALITIES.map((m) => m.code).sort());
    const vaxjo = perMuni.get('0780') ?? 0;
    for (const [code, n] of perMuni) if (code !== '0780') expect(n).toBeLessThan(vaxjo);
    const protectedCount = children.filter((c) => c.protected_identity).length;
    expect(protectedCount).toBeGreaterThanOrEqual(3);
    expect(protectedCount).toBeLessThanOrEqual(5);
    expect(children.some((c) => c.gender === 'female') && children.some((c) => c.gender === 'male')).toBe(true);

    const enrolled = await rows<{
      birth_date: string;
      kind: string;
      grade: string | null;
      child_muni: string;
      unit_muni: string;
    }>(
      db,
      `SELECT to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, u.kind, e.grade, c.municipality_code AS child_muni, u.municipality_code AS unit_muni
         FROM enrolment e JOIN child c ON c.id = e.child_id JOIN unit u ON u.id = e.unit_id`,
    );
    for (const e of enrolled) {
      const age = ageOn(e.birth_date, TODAY);
      if (e.kind === 'preschool') {
        expect(age).toBeGreaterThanOrEqual(1);
        expect(age).toBeLessThanOrEqual(6);
        expect(e.grade).toBeNull();
        expect(e.unit_muni).toBe(e.child_muni);
      } else if (e.kind === 'compulsory_school') {
        expect(age).toBeGreaterThanOrEqual(5);
        expect(age).toBeLessThanOrEqual(16);
        expect(['F', '1', '2', '3', '4', '5', '6', '7', '8', '9']).toContain(e.grade);
        expect(e.unit_muni).toBe(e.child_muni);
      } else {
        expect(e.kind).toBe('upper_secondary_school');
        expect(age).toBeGreaterThanOrEqual(15);
        expect(age).toBeLessThanOrEqual(19);
        expect(['gy1', 'gy2', 'gy3']).toContain(e.grade);
      }
    }
    const enrolledOf = await rows<{ n: number }>(db, 'SELECT count(DISTINCT child_id)::int AS n FROM enrolment');
    expect(enrolledOf[0]?.n).toBe(enrolled.length);
    const nineteen = children.filter((c) => ageOn(c.birth_date, TODAY) === 19).map((c) => c.id);
    const nineteenEnrolled = await rows<{ n: number }>(
      db,
      'SELECT count(*)::int AS n FROM enrolment WHERE child_id = ANY($1::uuid[])',
      [nineteen],
    );
    expect(nineteen.length).toBeGreaterThan(0);
    expect(nineteenEnrolled[0]?.n).toBe(0);

    // Guardians: every minor has at least one custodian; the usual family patterns are there.
    const minorsWithoutCustodian = await rows<{ id: string }>(
      db,
      `SELECT c.id FROM child c WHERE c.birth_date > $1::date
          AND NOT EXISTS (SELECT 1 FROM custody k WHERE k.child_id = c.id AND k.has_custody)`,
      ['2008-11-22'],
    );
    expect(minorsWithoutCustodian).toEqual([]);
    const patterns = await rows<{ relation: string; has_custody: boolean; n: number }>(
      db,
      'SELECT relation, has_custody, count(*)::int AS n FROM custody GROUP BY 1, 2',
    );
    const has = (relation: string, custody: boolean) =>
      patterns.some((p) => p.relation === relation && p.has_custody === custody && p.n > 0);
    expect(has('parent', true)).toBe(true);
    expect(has('parent', false)).toBe(true);
    expect(has('foster_parent', false)).toBe(true);
    const joint = await rows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM (SELECT child_id FROM custody WHERE has_custody GROUP BY child_id HAVING count(*) = 2) x`,
    );
    const single = await rows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM (SELECT child_id FROM custody GROUP BY child_id HAVING count(*) = 1) x`,
    );
    expect(joint[0]?.n).toBeGreaterThan(single[0]?.n ?? 0);
    expect(single[0]?.n).toBeGreaterThan(0);
    const siblings = await rows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM (SELECT guardian_id FROM custody GROUP BY guardian_id HAVING count(*) >= 2) x`,
    );
    expect(siblings[0]?.n).toBeGreaterThan(10);
    const guardians = await rows<{ phone: string | null; email: string; is_test_data: boolean }>(
      db,
      'SELECT phone, email, is_test_data FROM guardian',
    );
    const ptsFiction = /^(070-174 06 (0[5-9]|[1-9]\d)|0980-319 2\d\d|040-628 04 \d\d|031-390 06 \d\d|08-465 004 \d\d)$/;
    for (const g of guardians) {
      expect(g.is_test_data).toBe(true);
      expect(g.email).toMatch(/^[a-z0-9.]+@example\.se$/);
      if (g.phone !== null) expect(g.phone).toMatch(ptsFiction);
    }
    expect(guardians.filter((g) => g.phone?.startsWith('070-174 06')).length).toBe(95);
  });

  it('has teams of 1–5 professionals with fitting assignments, leads and coordinators', async () => {
    const teams = await rows<{
      child_id: string;
      person_id: string;
      team_role: string;
      valid_from: string;
      valid_to: string | null;
      role: string;
      assignment_person: string;
      unit_kind: string;
      unit_muni: string | null;
      child_muni: string;
      enrol_muni: string | null;
      enrol_unit: string | null;
      unit_id: string;
      origin: string;
    }>(
      db,
      `SELECT t.child_id, t.person_id, t.team_role, t.origin, to_char(t.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(t.valid_to, 'YYYY-MM-DD') AS valid_to,
              a.role, a.person_id AS assignment_person, u.kind AS unit_kind, u.municipality_code AS unit_muni, u.id AS unit_id,
              c.municipality_code AS child_muni, eu.municipality_code AS enrol_muni, eu.id AS enrol_unit
         FROM team_membership t
         JOIN assignment a ON a.id = t.assignment_id
         JOIN unit u ON u.id = a.unit_id
         JOIN child c ON c.id = t.child_id
         LEFT JOIN enrolment e ON e.child_id = c.id
         LEFT JOIN unit eu ON eu.id = e.unit_id`,
    );
    // Every pupil's team from the directory: the principal of the school leads it (at a preschool, is
    // a member). The demo's own teams are the children with a seat appointed by hand.
    const fromDirectory = teams.filter((t) => t.origin === 'directory');
    for (const t of fromDirectory) {
      expect(t.role).toBe('principal');
      expect(t.unit_id).toBe(t.enrol_unit);
      expect(t.team_role).toBe(t.unit_kind === 'preschool' ? 'member' : 'best_interest_lead');
    }
    const schoolPupils = await rows<{ n: number }>(
      db,
      `SELECT count(DISTINCT e.child_id)::int AS n FROM enrolment e JOIN unit u ON u.id = e.unit_id
        WHERE u.kind <> 'preschool' AND EXISTS (SELECT 1 FROM assignment a WHERE a.unit_id = u.id AND a.role = 'principal')`,
    );
    expect(new Set(fromDirectory.filter((t) => t.unit_kind !== 'preschool').map((t) => t.child_id)).size).toBe(
      schoolPupils[0]?.n,
    );
    const ownTeams = new Set(teams.filter((t) => t.origin === 'manual').map((t) => t.child_id));
    const byChild = new Map<string, typeof teams>();
    for (const t of teams)
      if (ownTeams.has(t.child_id)) byChild.set(t.child_id, [...(byChild.get(t.child_id) ?? []), t]);
    expect(byChild.size).toBeGreaterThanOrEqual(60);
    expect(byChild.size).toBeLessThanOrEqual(80);

    const policeArea = new Map(MUNICIPALITIES.map((m) => [m.code, m.policeArea === 'vaxjo' ? '0780' : '0781']));
    const bupArea = new Map(MUNICIPALITIES.map((m) => [m.code, m.bup === 'vaxjo' ? '0780' : '0781']));
    let withOneLead = 0;
    let withCoordinator = 0;
    for (const [, ts] of byChild) {
      const active = ts.filter((t) => t.valid_to === null);
      expect(active.length).toBeGreaterThanOrEqual(1);
      expect(active.filter((t) => !(t.origin === 'directory' && t.team_role === 'member')).length).toBeLessThanOrEqual(
        5,
      );
      const leads = active.filter((t) => t.team_role === 'best_interest_lead');
      expect(leads.length).toBeLessThanOrEqual(1);
      if (leads.length === 1) {
        withOneLead += 1;
        expect(['principal', 'child_health_nurse', 'youth_follow_up_officer']).toContain(leads[0]?.role);
      }
      const coordinators = active.filter((t) => t.team_role === 'coordinator');
      expect(coordinators.length).toBeLessThanOrEqual(1);
      if (coordinators.length === 1) withCoordinator += 1;
      expect(new Set(active.map((t) => t.person_id)).size).toBe(active.length);
      for (const t of ts) {
        expect(t.assignment_person).toBe(t.person_id);
        if (t.origin === 'manual') expect(t.valid_from >= YEAR_AGO && t.valid_from <= TODAY, t.valid_from).toBe(true);
        else expect(t.valid_from <= TODAY).toBe(true);
        if (t.valid_to !== null) expect(t.valid_to < TODAY && t.valid_to >= t.valid_from).toBe(true);
        // The assignment fits the child: its own municipality, its school's, or the area serving it.
        const fits =
          t.unit_id === t.enrol_unit ||
          t.unit_muni === t.child_muni ||
          (t.enrol_muni !== null && t.unit_muni === t.enrol_muni && t.unit_kind.startsWith('student_health')) ||
          (t.unit_kind === 'police' && t.unit_muni === policeArea.get(t.child_muni)) ||
          (t.unit_kind === 'child_psychiatry' && t.unit_muni === bupArea.get(t.child_muni));
        expect(fits, `${t.role} at ${t.unit_kind} ${t.unit_muni} for a child in ${t.child_muni}`).toBe(true);
      }
    }
    expect(withOneLead / byChild.size).toBeGreaterThan(0.85);
    expect(withCoordinator / byChild.size).toBeGreaterThan(0.2);
    expect(withCoordinator / byChild.size).toBeLessThan(0.45);
    expect(teams.filter((t) => t.valid_to !== null).length).toBeGreaterThanOrEqual(2);
  });

  it('is deterministic: two fresh databases get identical ids and personnummer', async () => {
    const other = await freshDb();
    try {
      await seedDemo(other, { today: TODAY });
      const q = 'SELECT id, personnummer, given_name, family_name FROM child ORDER BY id';
      expect(await rows(other, q)).toEqual(await rows(db, q));
      const g = 'SELECT id, personnummer FROM guardian ORDER BY id';
      expect(await rows(other, g)).toEqual(await rows(db, g));
      // (The directory's own rows get the database's ids; everything else is the demo's.)
      const t = `SELECT CASE WHEN origin = 'manual' THEN id END AS id, child_id, assignment_id, team_role, valid_from, valid_to
                   FROM team_membership ORDER BY child_id, assignment_id, team_role, valid_from`;
      expect(await rows(other, t)).toEqual(await rows(db, t));
      const u = 'SELECT id, name FROM unit ORDER BY id';
      expect(await rows(other, u)).toEqual(await rows(db, u));
    } finally {
      await other.close();
    }
  });

  it('is idempotent: a second call adds nothing', async () => {
    const before = await Promise.all(
      DEMO_TABLES.map(async (t) => (await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${t}`))[0]?.n),
    );
    const calls: string[] = [];
    const again = await seedDemo(db, { today: TODAY, onProgress: (_d, _t, label) => calls.push(label) });
    expect(again.alreadySeeded).toBe(true);
    for (const t of DEMO_TABLES) expect(again[t]).toBe(0);
    expect(calls).toEqual([]);
    const after = await Promise.all(
      DEMO_TABLES.map(async (t) => (await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${t}`))[0]?.n),
    );
    expect(after).toEqual(before);
  });

  it('seeds with the real date too (default today), keeping the promises the browser tests walk through', async () => {
    const other = await freshDb();
    try {
      const s = await seedDemo(other);
      expect(s.alreadySeeded).toBe(false);
      expect(s.child).toBeGreaterThanOrEqual(190);
      // The demo is built for the day; these hold whatever the day (the pure parts are swept over
      // days in seed-*.test.ts; these are written by SQL in seedPrivacy and seedDemo).
      const annaOffers = await rows<{ n: number }>(
        other,
        `SELECT count(*)::int AS n FROM role_handover h JOIN person p ON p.id = h.to_person_id WHERE p.username = 'anna.lindqvist' AND h.status = 'pending' AND h.team_role = 'coordinator'`,
      );
      expect(annaOffers[0]!.n, 'an offer of the coordinator role waits for anna').toBe(1);
      const notAsked = await rows<{ id: string }>(
        other,
        `SELECT t.child_id AS id FROM team_membership t JOIN person p ON p.id = t.person_id AND p.username = 'anna.lindqvist'
          WHERE t.valid_to IS NULL AND (SELECT count(*) FROM custody cu WHERE cu.child_id = t.child_id AND cu.has_custody) = 2
            AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.child_id = t.child_id)`,
      );
      expect(notAsked.length, 'a child of anna with two custodial guardians and no consent yet').toBeGreaterThanOrEqual(
        1,
      );
      const ended = await rows<{ n: number }>(
        other,
        `SELECT count(DISTINCT k.child_id)::int AS n FROM consent k WHERE k.withdrawn_at IS NOT NULL OR k.valid_to < current_date`,
      );
      expect(ended[0]!.n, 'a withdrawn and an expired consent').toBeGreaterThanOrEqual(2);
    } finally {
      await other.close();
    }
  });
});
