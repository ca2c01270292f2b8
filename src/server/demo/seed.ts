/**
 * Demo data for Barnkompass: Region Kronoberg, its eight municipalities and the police, units of
 * every kind with their OSL secrecy domain, about 40 demo professionals (some with two
 * assignments), about 200 fictional children with guardians, enrolments and teams.
 *
 * Deterministic: the same `today` always gives the same rows and ids (seeded PRNG, ids derived
 * from stable keys). Idempotent: nothing is written when the demo is already there. Everything is
 * written in one owner transaction with one multi-row INSERT per table.
 *
 * Personnummer are Skatteverket's test personnummer; see test-personnummer.ts for the source and
 * for the youngest children, whose numbers could not be verified offline.
 */
import type { Db, Queryable } from '../db/client.js';
import { swedishToday } from '../clock.js';
import {
  BOY_NAMES,
  BOY_NAMES_INTL,
  GIRL_NAMES,
  GIRL_NAMES_INTL,
  MAN_NAMES,
  MAN_NAMES_INTL,
  MUNICIPALITIES,
  SECRECY_DOMAIN,
  STAFF,
  STREETS,
  SURNAMES,
  SURNAMES_INTL,
  WOMAN_NAMES,
  WOMAN_NAMES_INTL,
  asciiFold,
  fictionalPhoneNumbers,
  type AssignmentRole,
  type MunicipalityDef,
  type SecrecyDomain,
  type UnitKind,
  NEVER_ON_TEAMS,
} from './data.js';
import { Rng, addDays, addYears, ageOn, daysBetween, demoUuid, isIsoDate, yearOf } from './random.js';
import { reconcileDirectoryTeams } from '../modules/directory/teams.js';
import { importDemoCounty } from './load.js';
import { seedWheel } from './seed-wheel.js';
import { seedConcerns } from './seed-concerns.js';
import { seedPlans } from './seed-plan.js';
import { seedPrivacy } from './seed-privacy.js';
import { seedConsultationAttendance } from './seed-consultation-attendance.js';
import { seedReports } from './seed-reports.js';
import { seedPortal } from './seed-portal.js';
import {
  CHILD_TEST_NUMBERS,
  GUARDIAN_TEST_NUMBERS,
  PAIRED_TEST_RANGES,
  birthDateOf,
  inferredModernTestNumber,
  legalGenderOf,
  pairedTestNumber,
  UNVERIFIED_FROM_YEAR,
} from './test-personnummer.js';

export { DEMO_USERS, STAFF as DEMO_STAFF, type DemoUsername } from './data.js';
export { demoUuid } from './random.js';
export { isDemoTestPersonnummer, isVerifiedTestPersonnummer } from './test-personnummer.js';

// ---------------------------------------------------------------------------------------------
// Public API

export const DEMO_TABLES = [
  'organisation',
  'unit',
  'person',
  'assignment',
  'child',
  'guardian',
  'custody',
  'enrolment',
  'team_membership',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

/** Rows written per table (all zero and alreadySeeded=true when the demo was already there). */
export type DemoSummary = Record<DemoTable, number> & { alreadySeeded: boolean; durationMs: number };

export interface SeedDemoOptions {
  /** Called after each source is imported (people, population, ss12000) and after the demo's own teams. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** The demo's "today" (YYYY-MM-DD); ages, enrolments and team dates are relative to it. */
  today?: string;
}

export const DEMO_REGION_ID = demoUuid('org:region');
export const demoPersonId = (username: string): string => demoUuid(`person:${username}`);
export const demoAssignmentId = (username: string, index = 0): string => demoUuid(`assignment:${username}:${index}`);

/** True when the demo organisation (Region Kronoberg) exists. */
export async function isDemoSeeded(db: Queryable): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM organisation WHERE id = $1', [DEMO_REGION_ID]);
  return r.rows.length > 0;
}

export async function seedDemo(db: Db, opts: SeedDemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const today = opts.today ?? swedishToday();
  if (!isIsoDate(today)) throw new Error(`seedDemo: today must be YYYY-MM-DD, got ${today}`);
  const data = buildDemoData(today);
  const counts = await db.ownerTransaction(async (tx) => {
    // Two servers starting at once in demo mode: the second waits and then finds the demo there.
    await tx.query('SELECT pg_advisory_xact_lock(7262003)');
    if (await isDemoSeeded(tx)) return null;
    // The county's sources — the HR export, the population register, the schools' SS 12000 — through
    // the same imports a county runs; they form the teams the sources call for.
    await importDemoCounty(tx, db.kind, data, (done, label) => opts.onProgress?.(done, 4, label));
    // The demo's own story on top: leads, coordinators and members appointed by hand.
    await insertTeamRows(
      tx,
      data.team_membership.filter((t) => t.origin !== 'directory'),
    );
    await reconcileDirectoryTeams(tx, today);
    opts.onProgress?.(4, 4, 'teams');
    const written = await countRows(tx);
    // Support level follows the team: a coordinator means coordinated support (level 3); other
    // professionals beyond the best-interest lead mean early support in a service (level 2); the seats
    // every pupil has from the directory (the preschool's principal) are universal (level 1).
    await tx.query(
      `UPDATE child c SET support_level = CASE
         WHEN EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = c.id AND t.team_role = 'coordinator' AND (t.valid_to IS NULL OR t.valid_to >= $1::date)) THEN 3
         WHEN EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = c.id AND t.team_role IN ('contact_person', 'member') AND t.origin = 'manual' AND (t.valid_to IS NULL OR t.valid_to >= $1::date)) THEN 2
         ELSE 1 END`,
      [today],
    );
    // Wellbeing-wheel histories for the teamed children (Map / kartlägga).
    await seedWheel(tx, data);
    // Concerns (some decided, some waiting, a few overdue) and each child's chronology.
    await seedConcerns(tx, data);
    // Konsultationsteam with anonymous cases, and last month's attendance at one school with alerts.
    await seedConsultationAttendance(tx, data);
    // Children's plans (levels 1–3, every coordinated child), with offers of a role waiting for an answer.
    // (It adds team rows where the demo needs them: count them with the team.)
    written.team_membership += (await seedPlans(tx, data)).teamRows;
    // Consents (one withdrawn, one expired, one child with none), a disclosure under a legal basis,
    // a break-glass waiting for review and a note secret from the guardians (after teams and plans).
    await seedPrivacy(tx, data);
    // Orosanmälningar (one acknowledged with feedback), a log reviewer, and log-review samples.
    // (It adds the reviewer's assignment: count it with the assignments.)
    written.assignment += (await seedReports(tx, data)).assignments;
    // The family's own Barnkompass: maturity judgements for a few teenagers (guardians need none).
    await seedPortal(tx, data);
    return written;
  });
  const durationMs = Math.round(performance.now() - started);
  if (!counts) {
    const zero = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as Record<DemoTable, number>;
    return { ...zero, alreadySeeded: true, durationMs };
  }
  return { ...counts, alreadySeeded: false, durationMs };
}

// ---------------------------------------------------------------------------------------------
// Row shapes

export interface OrganisationRow {
  id: string;
  name: string;
  kind: 'region' | 'municipality' | 'state_agency';
  municipality_code: string | null;
}
export interface UnitRow {
  id: string;
  key: string;
  organisation_id: string;
  name: string;
  kind: UnitKind;
  secrecy_domain: SecrecyDomain;
  municipality_code: string | null;
}
export interface PersonRow {
  id: string;
  given_name: string;
  family_name: string;
  email: string;
  username: string;
  oidc_subject: string;
}
export interface AssignmentRow {
  id: string;
  person_id: string;
  organisation_id: string;
  unit_id: string;
  role: AssignmentRole;
  title: string;
  valid_from: string;
  username: string;
  unitKey: string;
}
export interface ChildRow {
  id: string;
  personnummer: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  gender: 'female' | 'male' | 'other' | 'unknown';
  municipality_code: string;
  address_line: string;
  postal_code: string;
  city: string;
  protected_identity: boolean;
}
export interface GuardianRow {
  id: string;
  personnummer: string;
  given_name: string;
  family_name: string;
  phone: string | null;
  email: string;
  address_line: string;
  postal_code: string;
  city: string;
}
export interface CustodyRow {
  child_id: string;
  guardian_id: string;
  relation: 'parent' | 'appointed_guardian' | 'foster_parent' | 'other';
  has_custody: boolean;
  lives_with_child: boolean;
  valid_from: string;
}
export interface EnrolmentRow {
  id: string;
  child_id: string;
  unit_id: string;
  grade: string | null;
  valid_from: string;
}
export interface TeamRow {
  id: string;
  child_id: string;
  person_id: string;
  assignment_id: string;
  team_role: 'coordinator' | 'best_interest_lead' | 'contact_person' | 'member';
  valid_from: string;
  valid_to: string | null;
  /**
   * 'directory': a seat the sources form (the school's principal from the enrolment): written by the
   * directory's team reconciliation when the demo is imported, not by the seed; its id is the
   * database's own. 'manual' (or unset): the demo's own story, written as it is.
   */
  origin?: 'manual' | 'directory';
}

export interface DemoData {
  today: string;
  organisation: OrganisationRow[];
  unit: UnitRow[];
  person: PersonRow[];
  assignment: AssignmentRow[];
  child: ChildRow[];
  guardian: GuardianRow[];
  custody: CustodyRow[];
  enrolment: EnrolmentRow[];
  team_membership: TeamRow[];
}

// ---------------------------------------------------------------------------------------------
// Building the data (pure, deterministic for a given `today`)

interface Staffed {
  username: string;
  personId: string;
  assignmentId: string;
  role: AssignmentRole;
  unitKey: string;
  validFrom: string;
}

interface ChildDraft {
  row: ChildRow;
  key: string;
  age: number;
  muni: MunicipalityDef;
  family: FamilyDraft;
  enrolUnit: string | null;
  enrolKind: UnitKind | null;
  enrolFrom: string | null;
  grade: string | null;
}

interface FamilyDraft {
  index: number;
  muni: MunicipalityDef;
  intl: boolean;
  surname: string;
  address: Address;
  children: ChildDraft[];
}

interface Address {
  line: string;
  postal: string;
  city: string;
}

export function buildDemoData(today: string): DemoData {
  const { organisation, units, unit } = buildOrganisations();
  const { person, assignment, staffAt } = buildStaff(today, unit);
  // Test personnummer already given (children first, then guardians).
  const used = new Set<string>();
  const { families, children, newAddress } = buildChildren(today, used);
  assignOtherGenders(children);
  protectIdentities(families);
  const enrolment = buildEnrolments(children, today, unit);
  const { guardian, custody } = buildGuardians(families, today, used, newAddress);
  const team_membership = buildTeams(children, today, staffAt, unit);

  return {
    today,
    organisation,
    unit: [...units.values()],
    person,
    assignment,
    child: children.map((c) => c.row),
    guardian,
    custody,
    enrolment,
    team_membership,
  };
}

type StaffAt = (unitKey: string, roles?: AssignmentRole[]) => Staffed[];

/** Region Kronoberg, its municipalities and the police, with their units. */
function buildOrganisations(): {
  organisation: OrganisationRow[];
  units: Map<string, UnitRow>;
  unit: (key: string) => UnitRow;
} {
  const organisation: OrganisationRow[] = [];
  const units = new Map<string, UnitRow>();

  const orgId = (key: string) => demoUuid(`org:${key}`);
  organisation.push({ id: orgId('region'), name: 'Region Kronoberg', kind: 'region', municipality_code: null });
  for (const m of MUNICIPALITIES) {
    organisation.push({ id: orgId(m.code), name: m.orgName, kind: 'municipality', municipality_code: m.code });
  }
  organisation.push({ id: orgId('police'), name: 'Polisen', kind: 'state_agency', municipality_code: null });

  const addUnit = (key: string, org: string, name: string, kind: UnitKind, muni: string | null) => {
    if (units.has(key)) throw new Error(`duplicate unit key ${key}`);
    units.set(key, {
      id: demoUuid(`unit:${key}`),
      key,
      organisation_id: orgId(org),
      name,
      kind,
      secrecy_domain: SECRECY_DOMAIN[kind],
      municipality_code: muni,
    });
  };
  for (const m of MUNICIPALITIES) {
    const c = m.code;
    m.preschools.forEach((name, i) => addUnit(`${c}:preschool:${i}`, c, name, 'preschool', c));
    m.schools.forEach((s, i) => addUnit(`${c}:school:${i}`, c, s.name, 'compulsory_school', c));
    if (m.upperSecondary) addUnit(`${c}:gy`, c, m.upperSecondary, 'upper_secondary_school', c);
    addUnit(`${c}:eh-med`, c, `Elevhälsan ${m.name} – medicinsk insats`, 'student_health_medical', c);
    addUnit(`${c}:eh-psy`, c, `Elevhälsan ${m.name} – psykosocial insats`, 'student_health_psychosocial', c);
    addUnit(`${c}:soc`, c, `Socialtjänsten ${m.name} – barn och unga`, 'social_services', c);
    addUnit(`${c}:fritid`, c, m.leisure, 'leisure_centre', c);
    addUnit(`${c}:kaa`, c, `KAA ${m.name} – kommunala aktivitetsansvaret`, 'youth_follow_up', c);
    addUnit(`${c}:admin`, c, `${m.orgName} – administration`, 'administration', c);
    m.bvc.forEach((name, i) => addUnit(`${c}:bvc:${i}`, 'region', name, 'child_health_centre', c));
    addUnit(`${c}:um`, 'region', `Ungdomsmottagningen ${m.city}`, 'youth_clinic', c);
  }
  addUnit('bup:vaxjo', 'region', 'BUP Växjö', 'child_psychiatry', '0780');
  addUnit('bup:ljungby', 'region', 'BUP Ljungby', 'child_psychiatry', '0781');
  addUnit('region:admin', 'region', 'Region Kronoberg – Barnkompass förvaltning', 'administration', null);
  addUnit('region:analys', 'region', 'Region Kronoberg – Analys och uppföljning', 'analysis', null);
  addUnit('police:vaxjo', 'police', 'Lokalpolisområde Växjö', 'police', '0780');
  addUnit('police:ljungby', 'police', 'Lokalpolisområde Ljungby', 'police', '0781');
  const unit = (key: string): UnitRow => {
    const u = units.get(key);
    if (!u) throw new Error(`unknown unit ${key}`);
    return u;
  };

  return { organisation, units, unit };
}

/** The demo professionals and their assignments. */
function buildStaff(
  today: string,
  unit: (key: string) => UnitRow,
): { person: PersonRow[]; assignment: AssignmentRow[]; staffAt: StaffAt } {
  const staffRng = new Rng('staff');
  const person: PersonRow[] = [];
  const assignment: AssignmentRow[] = [];
  const byUnit = new Map<string, Staffed[]>();
  for (const s of STAFF) {
    const personId = demoPersonId(s.username);
    person.push({
      id: personId,
      given_name: s.givenName,
      family_name: s.familyName,
      email: `${s.username}@example.se`,
      username: s.username,
      oidc_subject: s.username,
    });
    s.assignments.forEach((a, i) => {
      const u = unit(a.unit);
      const id = demoAssignmentId(s.username, i);
      const validFrom = addDays(today, -staffRng.int(400, 3600));
      assignment.push({
        id,
        person_id: personId,
        organisation_id: u.organisation_id,
        unit_id: u.id,
        role: a.role,
        title: a.title,
        valid_from: validFrom,
        username: s.username,
        unitKey: a.unit,
      });
      const list = byUnit.get(a.unit) ?? [];
      list.push({ username: s.username, personId, assignmentId: id, role: a.role, unitKey: a.unit, validFrom });
      byUnit.set(a.unit, list);
    });
  }
  const staffAt = (unitKey: string, roles?: AssignmentRole[]): Staffed[] =>
    (byUnit.get(unitKey) ?? []).filter((s) => !roles || roles.includes(s.role));

  return { person, assignment, staffAt };
}

/** Children's ages, shuffled: 8 per year 0–5, 12 per year 6–9, 11 per year 10–18, 5 aged 19. */
function agePool(): number[] {
  const rngAges = new Rng('ages');
  const ageCounts: [number, number][] = [];
  for (let a = 0; a <= 5; a++) ageCounts.push([a, 8]);
  for (let a = 6; a <= 9; a++) ageCounts.push([a, 12]);
  for (let a = 10; a <= 18; a++) ageCounts.push([a, 11]);
  ageCounts.push([19, 5]);
  return rngAges.shuffle(ageCounts.flatMap(([a, n]) => Array.from({ length: n }, () => a)));
}

/** Families in every municipality with their children (ages, names, test personnummer, addresses). */
function buildChildren(
  today: string,
  used: Set<string>,
): { families: FamilyDraft[]; children: ChildDraft[]; newAddress: (m: MunicipalityDef) => Address } {
  const rng = new Rng('families');
  const families: FamilyDraft[] = [];
  const children: ChildDraft[] = [];
  const postal = (m: MunicipalityDef) => `${m.postalPrefix} ${String(rng.int(30, 59))}`;
  const newAddress = (m: MunicipalityDef): Address => ({
    line: `${rng.pick(STREETS)} ${rng.int(1, 48)}`,
    postal: postal(m),
    city: m.city,
  });

  const pool = agePool();
  const takeSiblingAges = (size: number): number[] => {
    const first = pool.shift();
    if (first === undefined) return [];
    const taken = [first];
    for (let wanted = size - 1; wanted > 0; wanted--) {
      const i = pool.findIndex((a) => taken.every((t) => Math.abs(t - a) >= 2));
      if (i < 0) break;
      taken.push(pool.splice(i, 1)[0] as number);
    }
    return taken.sort((a, b) => b - a);
  };

  for (const m of MUNICIPALITIES) {
    let remaining = m.children;
    while (remaining > 0) {
      const size = Math.min(
        rng.weighted([
          [1, 0.42],
          [2, 0.4],
          [3, 0.18],
        ] as const),
        remaining,
      );
      const ages = takeSiblingAges(size);
      if (ages.length === 0) throw new Error('demo seed: ran out of ages');
      remaining -= ages.length;
      const intl = rng.chance(0.24);
      const fam: FamilyDraft = {
        index: families.length,
        muni: m,
        intl,
        surname: rng.pick(intl ? SURNAMES_INTL : SURNAMES),
        address: newAddress(m),
        children: [],
      };
      families.push(fam);
      for (const age of ages) {
        const pnr = pickChildNumber(age, today, rng, used);
        const gender = legalGenderOf(pnr);
        const intlName = intl ? !rng.chance(0.15) : rng.chance(0.05);
        const names =
          gender === 'female' ? (intlName ? GIRL_NAMES_INTL : GIRL_NAMES) : intlName ? BOY_NAMES_INTL : BOY_NAMES;
        let given = rng.pick(names);
        while (fam.children.some((c) => c.row.given_name === given)) given = rng.pick(names);
        const key = `child:${children.length}`;
        const draft: ChildDraft = {
          row: {
            id: demoUuid(key),
            personnummer: pnr,
            given_name: given,
            family_name: fam.surname,
            birth_date: birthDateOf(pnr),
            gender,
            municipality_code: m.code,
            address_line: fam.address.line,
            postal_code: fam.address.postal,
            city: fam.address.city,
            protected_identity: false,
          },
          key,
          age: ageOn(birthDateOf(pnr), today),
          muni: m,
          family: fam,
          enrolUnit: null,
          enrolKind: null,
          enrolFrom: null,
          grade: null,
        };
        fam.children.push(draft);
        children.push(draft);
      }
    }
  }

  return { families, children, newAddress };
}

/** A few children whose legal gender does not describe them. */
function assignOtherGenders(children: readonly ChildDraft[]): void {
  const genderRng = new Rng('gender');
  const teens = genderRng.shuffle(children.filter((c) => c.age >= 12));
  teens.slice(0, 2).forEach((c) => (c.row.gender = 'other'));
  const anyAge = genderRng.shuffle(children.filter((c) => c.row.gender !== 'other' && c.age <= 3));
  anyAge.slice(0, 1).forEach((c) => (c.row.gender = 'unknown'));
}

/** Protected identity (skyddade personuppgifter): whole families, 3–5 children. */
function protectIdentities(families: readonly FamilyDraft[]): void {
  const protRng = new Rng('protected');
  let protectedCount = 0;
  for (const fam of protRng.shuffle(families)) {
    if (protectedCount >= 3) break;
    if (protectedCount + fam.children.length > 5 || fam.children.every((c) => c.age >= 18)) continue;
    fam.children.forEach((c) => (c.row.protected_identity = true));
    protectedCount += fam.children.length;
  }
}

/** Preschool, school and upper-secondary enrolments by age (two Växjö teens have left school). */
function buildEnrolments(
  children: readonly ChildDraft[],
  today: string,
  unit: (key: string) => UnitRow,
): EnrolmentRow[] {
  const enrolRng = new Rng('enrolment');
  const schoolYear = today >= `${today.slice(0, 4)}-08-15` ? yearOf(today) : yearOf(today) - 1;
  const enrolment: EnrolmentRow[] = [];
  const municipalityByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));
  const notEnrolledTeens = new Set<string>();
  // Two young people in Växjö aged 16–18 who have left school: the KAA target group.
  for (const c of enrolRng
    .shuffle(
      children.filter(
        (c) =>
          c.muni.code === '0780' &&
          schoolYear - yearOf(c.row.birth_date) >= 17 &&
          schoolYear - yearOf(c.row.birth_date) <= 18,
      ),
    )
    .slice(0, 2)) {
    notEnrolledTeens.add(c.key);
  }
  for (const c of children) {
    const birthYear = yearOf(c.row.birth_date);
    const cohort = schoolYear - birthYear;
    const m = c.muni;
    let unitKey: string | null = null;
    let grade: string | null = null;
    let from = '';
    if (cohort <= 5) {
      if (c.age >= 1 && enrolRng.chance(0.92)) {
        unitKey = `${m.code}:preschool:${enrolRng.int(0, m.preschools.length - 1)}`;
        from = addDays(addYears(c.row.birth_date, 1), enrolRng.int(20, 150));
        if (from > today) from = today;
      }
    } else if (cohort <= 15) {
      const g = cohort - 6;
      grade = g === 0 ? 'F' : String(g);
      const fitting = m.schools
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => (s.grades === 'F-9' ? true : s.grades === 'F-6' ? g <= 6 : g >= 7));
      const chosen = enrolRng.weighted(fitting.map((f) => [f, f.s.weight] as const));
      unitKey = `${m.code}:school:${chosen.i}`;
      from = `${chosen.s.grades === '7-9' ? birthYear + 13 : birthYear + 6}-08-15`;
    } else if (cohort <= 18 && !notEnrolledTeens.has(c.key)) {
      grade = `gy${cohort - 15}`;
      const host = municipalityByCode.get(m.upperSecondaryIn);
      if (!host?.upperSecondary) throw new Error(`no upper-secondary school for ${m.name}`);
      unitKey = `${host.code}:gy`;
      from = `${birthYear + 16}-08-15`;
    }
    if (unitKey) {
      c.enrolUnit = unitKey;
      c.enrolKind = unit(unitKey).kind;
      c.enrolFrom = from;
      c.grade = grade;
      enrolment.push({
        id: demoUuid(`enrolment:${c.key}`),
        child_id: c.row.id,
        unit_id: unit(unitKey).id,
        grade,
        valid_from: from,
      });
    }
  }

  return enrolment;
}

/** Guardians and custody per family: joint, single, separated, non-custodial, foster or appointed. */
function buildGuardians(
  families: readonly FamilyDraft[],
  today: string,
  used: Set<string>,
  newAddress: (m: MunicipalityDef) => Address,
): { guardian: GuardianRow[]; custody: CustodyRow[] } {
  const guardian: GuardianRow[] = [];
  const custody: CustodyRow[] = [];
  const grng = new Rng('guardians');
  const phones = fictionalPhoneNumbers();
  const emails = new Set<string>();
  const newGuardian = (
    gender: 'female' | 'male',
    targetYear: number,
    intl: boolean,
    surname: string,
    address: Address,
  ): GuardianRow => {
    const pnr = pickGuardianNumber(gender, targetYear, grng, used);
    const names = gender === 'female' ? (intl ? WOMAN_NAMES_INTL : WOMAN_NAMES) : intl ? MAN_NAMES_INTL : MAN_NAMES;
    const given = grng.pick(names);
    let email = `${asciiFold(given)}.${asciiFold(surname)}@example.se`;
    for (let n = 2; emails.has(email); n++) email = `${asciiFold(given)}.${asciiFold(surname)}${n}@example.se`;
    emails.add(email);
    const g: GuardianRow = {
      id: demoUuid(`guardian:${guardian.length}`),
      personnummer: pnr,
      given_name: given,
      family_name: surname,
      phone: phones.shift() ?? null,
      email,
      address_line: address.line,
      postal_code: address.postal,
      city: address.city,
    };
    guardian.push(g);
    return g;
  };
  const link = (
    c: ChildDraft,
    g: GuardianRow,
    relation: CustodyRow['relation'],
    hasCustody: boolean,
    livesWith: boolean,
    from: string,
  ) => {
    custody.push({
      child_id: c.row.id,
      guardian_id: g.id,
      relation,
      has_custody: hasCustody,
      lives_with_child: livesWith,
      valid_from: from < c.row.birth_date ? c.row.birth_date : from,
    });
  };

  for (const fam of families) {
    const minors = fam.children.filter((c) => c.age < 18);
    if (minors.length === 0) continue; // adults have no custodians
    const oldest = minors.reduce((a, b) => (a.row.birth_date < b.row.birth_date ? a : b));
    const parentYear = yearOf(oldest.row.birth_date) - grng.int(24, 35);
    const structure = grng.weighted([
      ['joint', 0.6],
      ['single', 0.12],
      ['separated', 0.1],
      ['non_custodial', 0.1],
      ['foster', 0.05],
      ['appointed', 0.03],
    ] as const);
    const sameSex = grng.chance(0.05);
    const g1Gender = grng.chance(0.5) ? 'female' : 'male';
    const g2Gender = sameSex ? g1Gender : g1Gender === 'female' ? 'male' : 'female';
    const ownName = () => (grng.chance(0.3) ? grng.pick(fam.intl ? SURNAMES_INTL : SURNAMES) : fam.surname);
    const year2 = parentYear + grng.int(-3, 4);
    const home = fam.address;
    const elsewhere = () => newAddress(fam.muni);
    if (structure === 'joint' || structure === 'separated' || structure === 'non_custodial') {
      const p1 = newGuardian(g1Gender, parentYear, fam.intl, fam.surname, home);
      const apart = structure !== 'joint';
      const p2 = newGuardian(g2Gender, year2, fam.intl, ownName(), apart ? elsewhere() : home);
      for (const c of minors) {
        link(c, p1, 'parent', true, true, c.row.birth_date);
        link(c, p2, 'parent', structure !== 'non_custodial', !apart, c.row.birth_date);
      }
    } else if (structure === 'single') {
      const p1 = newGuardian(g1Gender, parentYear, fam.intl, fam.surname, home);
      for (const c of minors) link(c, p1, 'parent', true, true, c.row.birth_date);
    } else if (structure === 'foster') {
      // Placed in a foster home: the parent keeps custody, the foster parents care for the child.
      const p1 = newGuardian(g1Gender, parentYear, fam.intl, fam.surname, elsewhere());
      const fosterName = grng.pick(SURNAMES);
      const f1 = newGuardian('female', parentYear - grng.int(4, 12), false, fosterName, home);
      const f2 = newGuardian('male', parentYear - grng.int(4, 12), false, fosterName, home);
      const placed = addDays(today, -grng.int(60, 1400));
      for (const c of minors) {
        link(c, p1, 'parent', true, false, c.row.birth_date);
        link(c, f1, 'foster_parent', false, true, placed);
        link(c, f2, 'foster_parent', false, true, placed);
      }
    } else {
      // Särskilt förordnad vårdnadshavare.
      const a1 = newGuardian(g1Gender, parentYear - grng.int(5, 15), fam.intl, ownName(), home);
      const appointed = addDays(today, -grng.int(120, 1800));
      for (const c of minors) link(c, a1, 'appointed_guardian', true, true, appointed);
    }
  }

  return { guardian, custody };
}

/**
 * A child's test number: an entry of Skatteverket's list born in the age window; for births from
 * 2020 on, where no copy of the list was available, the inferred 238/239 number. When a window
 * before 2020 has no free list entry, the nearest age that has one is used instead.
 */
function pickChildNumber(age: number, today: string, rng: Rng, used: Set<string>): string {
  for (const delta of [0, -1, 1, -2, 2, -3, 3]) {
    const a = age + delta;
    if (a < 0 || a > 19) continue;
    const from = addDays(addYears(today, -(a + 1)), 1);
    const to = addYears(today, -a);
    const candidates = CHILD_TEST_NUMBERS.filter((p) => !used.has(p) && birthDateOf(p) >= from && birthDateOf(p) <= to);
    if (candidates.length > 0) {
      const p = rng.pick(candidates);
      used.add(p);
      return p;
    }
    const modernFrom = from > `${UNVERIFIED_FROM_YEAR}-01-01` ? from : `${UNVERIFIED_FROM_YEAR}-01-01`;
    if (modernFrom > to) continue;
    const span = daysBetween(modernFrom, to);
    for (let attempt = 0; attempt < 200; attempt++) {
      const p = inferredModernTestNumber(addDays(modernFrom, rng.int(0, span)));
      if (!used.has(p)) {
        used.add(p);
        return p;
      }
    }
  }
  throw new Error(`demo seed: no free test personnummer near age ${age}`);
}

/** A guardian's test number: a list entry near the wanted year, else a 238/239 number of 1990–93. */
function pickGuardianNumber(gender: 'female' | 'male', targetYear: number, rng: Rng, used: Set<string>): string {
  if (targetYear <= 1986) {
    const free = GUARDIAN_TEST_NUMBERS.filter((p) => !used.has(p) && legalGenderOf(p) === gender);
    if (free.length > 0) {
      const best = Math.min(...free.map((p) => Math.abs(yearOf(birthDateOf(p)) - targetYear)));
      const p = rng.pick(free.filter((q) => Math.abs(yearOf(birthDateOf(q)) - targetYear) === best));
      used.add(p);
      return p;
    }
  }
  const year = Math.min(1993, Math.max(1990, targetYear));
  const ranges = PAIRED_TEST_RANGES.map(
    ([a, b]) => [a > `${year}-01-01` ? a : `${year}-01-01`, b < `${year}-12-31` ? b : `${year}-12-31`] as const,
  ).filter(([a, b]) => a <= b);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const [a, b] = rng.pick(ranges);
    const p = pairedTestNumber(addDays(a, rng.int(0, daysBetween(a, b))), gender);
    if (!used.has(p)) {
      used.add(p);
      return p;
    }
  }
  throw new Error('demo seed: no free guardian test personnummer');
}

// ---------------------------------------------------------------------------------------------
// Teams

const CONTACT_ROLES: ReadonlySet<AssignmentRole> = new Set([
  'social_worker',
  'social_services_manager',
  'police_officer',
  'child_psychiatry_clinician',
  'youth_clinic_staff',
  'leisure_leader',
  'youth_follow_up_officer',
]);
const COORDINATOR_PREFERENCE: readonly AssignmentRole[] = [
  'school_counsellor',
  'social_worker',
  'school_nurse',
  'special_educator',
  'preschool_teacher',
  'teacher',
  'child_psychiatry_clinician',
];
const TARGET_TEAMED = 70;

function buildTeams(
  children: ChildDraft[],
  today: string,
  staffAt: StaffAt,
  unit: (key: string) => UnitRow,
): TeamRow[] {
  const rng = new Rng('teams');
  const { leadOf, othersFor } = teamCandidates(staffAt, unit);
  // Children born within the last year have no team: a team (and its former members, up to a year
  // back) must not predate the child.
  const eligible = children.filter((c) => leadOf(c) !== null && c.row.birth_date <= addDays(today, -365));
  const named = namedUsersTeams(eligible, rng, staffAt);
  const { forced, annaFormer } = named;
  const teamed = chooseTeamed(eligible, forced, annaFormer, rng);

  // A few teams without a best-interest lead ("most" teamed children have exactly one).
  const withoutLead = new Set(
    rng
      .shuffle(teamed.filter((c) => !forced.has(c.key) && c !== annaFormer && othersFor(c).length > 0 && !atSchool(c)))
      .slice(0, 3)
      .map((c) => c.key),
  );

  // About a third of the teamed children have a coordinator (samordnare).
  const withCoordinator = new Set(
    rng
      .shuffle(teamed)
      .slice(0, Math.round(teamed.length / 3))
      .map((c) => c.key),
  );
  // One of anna.lindqvist's children is always coordinated by a colleague, whatever the draws, so
  // that the demo can show an offer of the coordinator role waiting for her answer (seed-plan.ts).
  const annaCoordinated = named.furubo[1] as ChildDraft;
  withCoordinator.add(annaCoordinated.key);

  const rows: TeamRow[] = [];
  const principalsAt = (unitKey: string) => staffAt(unitKey, ['principal']);
  const plan: TeamPlan = {
    today,
    rng,
    leadOf,
    othersFor,
    named,
    withoutLead,
    withCoordinator,
    annaCoordinated,
    principalsAt,
  };
  for (const c of teamed) addTeam(rows, c, plan);
  return rows;
}

const sole = (list: Staffed[]): Staffed | null => (list.length > 0 ? (list[0] as Staffed) : null);

/** Enrolled at a school: the school's principal is the child's lead through the directory. */
const atSchool = (c: ChildDraft): boolean =>
  c.enrolKind === 'compulsory_school' || c.enrolKind === 'upper_secondary_school';

/** The first day of a seat the directory forms from an enrolment: when both the enrolment and the duty hold. */
const formedFrom = (c: ChildDraft, s: Staffed): string =>
  c.enrolFrom !== null && c.enrolFrom > s.validFrom ? c.enrolFrom : s.validFrom;

/** Who can lead a child's team, and who else could sensibly work with the child. */
function teamCandidates(
  staffAt: StaffAt,
  unit: (key: string) => UnitRow,
): { leadOf: (c: ChildDraft) => Staffed | null; othersFor: (c: ChildDraft) => Staffed[] } {
  const leadOf = (c: ChildDraft): Staffed | null => {
    if (c.enrolUnit && (c.enrolKind === 'compulsory_school' || c.enrolKind === 'upper_secondary_school')) {
      return sole(staffAt(c.enrolUnit, ['principal']));
    }
    const cohortPreschool = c.enrolKind === 'preschool' || (c.enrolUnit === null && c.age <= 6);
    if (cohortPreschool) {
      const bvcs = c.muni.bvc.map((_, i) => `${c.muni.code}:bvc:${i}`);
      const start = Number(c.key.split(':')[1]) % bvcs.length;
      for (let i = 0; i < bvcs.length; i++) {
        const nurse = sole(staffAt(bvcs[(start + i) % bvcs.length] as string, ['child_health_nurse']));
        if (nurse) return nurse;
      }
      return null;
    }
    if (c.enrolUnit === null && c.age >= 16) return sole(staffAt(`${c.muni.code}:kaa`, ['youth_follow_up_officer']));
    return null;
  };

  /** Everyone who could sensibly work with the child besides the lead (police are added by hand). */
  const othersFor = (c: ChildDraft): Staffed[] => {
    const home = c.muni.code;
    const out: Staffed[] = [];
    const schoolMuni = c.enrolUnit ? (unit(c.enrolUnit).municipality_code ?? home) : home;
    if (c.enrolKind === 'compulsory_school' || c.enrolKind === 'upper_secondary_school') {
      out.push(...staffAt(c.enrolUnit as string, ['teacher']));
      out.push(...staffAt(`${schoolMuni}:eh-med`, ['school_nurse', 'school_doctor']));
      out.push(...staffAt(`${schoolMuni}:eh-psy`));
      if (c.age >= 10) out.push(...staffAt(`${home}:fritid`));
      if (c.age >= 13) out.push(...staffAt(`${home}:um`));
      if (c.age >= 6) out.push(...staffAt(`bup:${c.muni.bup}`));
    } else if (c.enrolKind === 'preschool' || c.age <= 6) {
      // (The preschool's principal is on every child's team through the directory: see addTeam.)
      if (c.enrolUnit) out.push(...staffAt(c.enrolUnit, ['preschool_teacher']));
      if (c.age >= 3) out.push(...staffAt(`bup:${c.muni.bup}`));
    } else {
      out.push(...staffAt(`${home}:fritid`), ...staffAt(`${home}:um`));
    }
    out.push(...staffAt(`${home}:soc`, ['social_worker']));
    return out.filter((s) => !NEVER_ON_TEAMS.has(s.username) && s.role !== 'police_officer');
  };

  return { leadOf, othersFor };
}

interface NamedUsersTeams {
  /** Child key → members that must be on the team. */
  readonly forced: Map<string, Staffed[]>;
  readonly member: (username: string, unitKey: string) => Staffed | null;
  /** anna.lindqvist's six children at Furuboskolan: five current teams and one she has left. */
  readonly furubo: ChildDraft[];
  readonly annaFormer: ChildDraft;
  readonly annaWithFormer: ChildDraft;
}

/** The named demo users' children (the walkthroughs follow them), drawn in a fixed order. */
function namedUsersTeams(eligible: ChildDraft[], rng: Rng, staffAt: StaffAt): NamedUsersTeams {
  const forced = new Map<string, Staffed[]>(); // child key -> members that must be on the team
  const force = (c: ChildDraft, s: Staffed | null) => {
    if (!s) throw new Error('demo seed: missing demo professional');
    const list = forced.get(c.key) ?? [];
    if (!list.some((x) => x.assignmentId === s.assignmentId)) list.push(s);
    forced.set(c.key, list);
  };
  const member = (username: string, unitKey: string) => sole(staffAt(unitKey).filter((s) => s.username === username));
  const need = (list: ChildDraft[], n: number, what: string) => {
    if (list.length < n) throw new Error(`demo seed: only ${list.length} children for ${what}, need ${n}`);
    return list.slice(0, n);
  };

  // anna.lindqvist: five current teams at Furuboskolan and one she has left (none of them with
  // protected identity, whatever the day: the walkthroughs follow her children; other teams have
  // the protected families).
  const furubo = need(
    rng.shuffle(
      eligible.filter((c) => c.enrolUnit === '0780:school:0' && c.grade !== 'F' && !c.row.protected_identity),
    ),
    6,
    'anna.lindqvist',
  );
  const annaFormer = furubo[5] as ChildDraft;
  // One of her current children also has someone who has moved on (the overview lists them apart),
  // whatever the draws below give.
  const annaWithFormer = furubo[0] as ChildDraft;
  furubo.slice(0, 5).forEach((c) => force(c, member('anna.lindqvist', '0780:school:0')));
  // maria.holm: pupils at Ådalsskolan (Ljungby) only.
  const adal = need(rng.shuffle(eligible.filter((c) => c.enrolUnit === '0781:school:0')), 3, 'maria.holm');
  adal.slice(0, 4).forEach((c) => force(c, member('maria.holm', '0781:school:0')));
  // erik.johansson: school nurse in Växjö and in Alvesta.
  const alvesta = need(
    rng.shuffle(eligible.filter((c) => c.enrolUnit === '0764:school:0')),
    2,
    'erik.johansson (Alvesta)',
  );
  alvesta.slice(0, 2).forEach((c) => force(c, member('erik.johansson', '0764:eh-med')));
  const vaxjoSchool = rng.shuffle(
    eligible.filter((c) => c.enrolKind === 'compulsory_school' && c.muni.code === '0780' && c !== annaFormer),
  );
  need(vaxjoSchool, 3, 'erik.johansson (Växjö)')
    .slice(0, 3)
    .forEach((c) => force(c, member('erik.johansson', '0780:eh-med')));
  // karin.ek: two teenagers in Växjö.
  const vaxjoTeens = rng.shuffle(eligible.filter((c) => c.muni.code === '0780' && c.age >= 13 && c !== annaFormer));
  need(vaxjoTeens, 2, 'karin.ek').forEach((c) => force(c, member('karin.ek', 'police:vaxjo')));
  // sara.nilsson: several children in Växjö.
  const vaxjoAny = rng.shuffle(eligible.filter((c) => c.muni.code === '0780'));
  need(vaxjoAny, 6, 'sara.nilsson').forEach((c) => force(c, member('sara.nilsson', '0780:soc')));
  // One Ljungby teenager known to the local police.
  const ljungbyTeen = rng.shuffle(eligible.filter((c) => c.muni.code === '0781' && c.age >= 14))[0];
  if (ljungbyTeen) force(ljungbyTeen, member('olof.stark', 'police:ljungby'));

  return { forced, member, furubo, annaFormer, annaWithFormer };
}

/** The teamed children: anna.lindqvist's former team, every forced team, then random ones up to the target. */
function chooseTeamed(
  eligible: ChildDraft[],
  forced: ReadonlyMap<string, Staffed[]>,
  annaFormer: ChildDraft,
  rng: Rng,
): ChildDraft[] {
  const teamed: ChildDraft[] = [];
  const seen = new Set<string>();
  const add = (c: ChildDraft) => {
    if (!seen.has(c.key)) {
      seen.add(c.key);
      teamed.push(c);
    }
  };
  add(annaFormer);
  for (const c of eligible) if (forced.has(c.key)) add(c);
  for (const c of rng.shuffle(eligible)) {
    if (teamed.length >= TARGET_TEAMED) break;
    add(c);
  }
  teamed.sort((a, b) => Number(a.key.split(':')[1]) - Number(b.key.split(':')[1]));

  return teamed;
}

interface TeamPlan {
  readonly today: string;
  readonly rng: Rng;
  readonly leadOf: (c: ChildDraft) => Staffed | null;
  readonly othersFor: (c: ChildDraft) => Staffed[];
  readonly named: NamedUsersTeams;
  readonly withoutLead: ReadonlySet<string>;
  readonly withCoordinator: ReadonlySet<string>;
  readonly annaCoordinated: ChildDraft;
  readonly principalsAt: (unitKey: string) => Staffed[];
}

/** One child's team: lead, members (one maybe the coordinator) and maybe a former member. */
function addTeam(rows: TeamRow[], c: ChildDraft, plan: TeamPlan): void {
  const { today, rng, leadOf, othersFor, withoutLead, withCoordinator, annaCoordinated } = plan;
  const { forced, member, annaFormer, annaWithFormer } = plan.named;
  const lead = withoutLead.has(c.key) ? null : leadOf(c);
  const mustHave = (forced.get(c.key) ?? []).filter((s) => s.assignmentId !== lead?.assignmentId);
  const drawn = rng.weighted([
    [1, 0.1],
    [2, 0.25],
    [3, 0.3],
    [4, 0.2],
    [5, 0.15],
  ] as const);
  const size = withCoordinator.has(c.key) ? Math.max(drawn, c === annaCoordinated ? 3 : 2) : drawn;
  const members: Staffed[] = [...mustHave];
  const pool = rng.shuffle(othersFor(c)).filter((s) => s.assignmentId !== lead?.assignmentId);
  const inTeam = (s: Staffed) => members.some((m) => m.personId === s.personId) || lead?.personId === s.personId;
  // anna.lindqvist must not come back as a current member where she has left.
  const excluded = (s: Staffed) => c === annaFormer && s.username === 'anna.lindqvist';
  for (const s of pool) {
    if (members.length + (lead ? 1 : 0) >= Math.max(size, (lead ? 1 : 0) + mustHave.length)) break;
    if (!inTeam(s) && !excluded(s)) members.push(s);
  }
  if (!lead && members.length === 0) return;

  const leadDays = rng.int(90, 360);
  let coordinator: Staffed | null = null;
  if (members.length >= 1 && withCoordinator.has(c.key)) {
    const candidates = c === annaCoordinated ? members.filter((m) => m.username !== 'anna.lindqvist') : members;
    for (const role of COORDINATOR_PREFERENCE) {
      coordinator = candidates.find((m) => m.role === role) ?? null;
      if (coordinator) break;
    }
    coordinator ??= candidates[0] ?? null;
  }
  let n = 0;
  const push = (s: Staffed, role: TeamRow['team_role'], from: string, to: string | null, origin = 'manual') => {
    rows.push({
      id: demoUuid(`team:${c.key}:${n++}`),
      child_id: c.row.id,
      person_id: s.personId,
      assignment_id: s.assignmentId,
      team_role: role,
      valid_from: from,
      valid_to: to,
      origin: origin as TeamRow['origin'],
    });
  };
  // A school child's lead is the principal, formed by the directory from the enrolment.
  if (lead && atSchool(c) && lead.role === 'principal')
    push(lead, 'best_interest_lead', formedFrom(c, lead), null, 'directory');
  else if (lead) push(lead, 'best_interest_lead', addDays(today, -leadDays), null);
  // A preschool's principal is a member of each child's team, likewise.
  if (c.enrolKind === 'preschool' && c.enrolUnit)
    for (const p of plan.principalsAt(c.enrolUnit)) push(p, 'member', formedFrom(c, p), null, 'directory');
  for (const s of members) {
    const role = s === coordinator ? 'coordinator' : CONTACT_ROLES.has(s.role) ? 'contact_person' : 'member';
    // (A coordinator, and anna.lindqvist, have been there a while: coordinated support has a wheel
    // history to compare, and anna has recorded her own view at one of its rounds.)
    push(
      s,
      role,
      addDays(today, -rng.int(role === 'coordinator' || s.username === 'anna.lindqvist' ? 45 : 3, leadDays)),
      null,
    );
  }
  // Former members: anna.lindqvist's old team, and a few others who have moved on.
  const activeCount = members.length + (lead ? 1 : 0);
  const formerFrom = addDays(today, -rng.int(250, 364));
  const formerTo = addDays(formerFrom, rng.int(40, 180));
  if (c === annaFormer) {
    push(member('anna.lindqvist', '0780:school:0') as Staffed, 'member', formerFrom, formerTo);
  } else if ((activeCount <= 4 && rng.chance(0.12)) || c === annaWithFormer) {
    // (The draw comes first so that the random sequence is the same for every other child.)
    const former = othersFor(c).find((s) => !inTeam(s));
    if (former) push(former, CONTACT_ROLES.has(former.role) ? 'contact_person' : 'member', formerFrom, formerTo);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

async function insertTeamRows(tx: Queryable, rows: TeamRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols: [keyof TeamRow, string][] = [
    ['id', 'uuid'],
    ['child_id', 'uuid'],
    ['person_id', 'uuid'],
    ['assignment_id', 'uuid'],
    ['team_role', 'text'],
    ['valid_from', 'date'],
    ['valid_to', 'date'],
  ];
  await tx.query(
    `INSERT INTO team_membership (${cols.map(([c]) => c).join(', ')})
     SELECT * FROM unnest(${cols.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
    cols.map(([c]) => rows.map((r) => r[c])),
  );
}

/** The rows of each demo table after the imports and the demo's own teams. */
async function countRows(tx: Queryable): Promise<Record<DemoTable, number>> {
  const out = {} as Record<DemoTable, number>;
  for (const table of DEMO_TABLES) {
    const r = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    out[table] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}
