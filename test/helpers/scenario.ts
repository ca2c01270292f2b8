import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../src/server/db/client.js';
import { MUNICIPALITIES, type DemoUsername } from '../../src/server/demo/data.js';
import { demoAssignmentId, demoPersonId, demoUuid } from '../../src/server/demo/seed.js';
import { birthDateOf, legalGenderOf } from '../../src/server/demo/test-personnummer.js';
import { addDays, ageOn } from './dates.js';
import { drawChildNumber, drawGuardianNumber, type LegalGender } from './personnummer-pool.js';

/**
 * A test world built on purpose: exactly the child a test needs, written straight to the tables
 * (this is test setup, not the system under test), on top of the demo county's organisations,
 * units and staff — those do not depend on the day the demo was built for; its children do.
 *
 *   const s = scenario(t.tdb.db, testToday());
 *   const child = await s.child({ team: ['anna.lindqvist', { user: 'sara.nilsson', role: 'coordinator' }],
 *                                 guardians: 2, consent: 'none' });
 *
 * Team memberships start well before today (100 days unless said otherwise), so nothing a test
 * asserts depends on the day either.
 */

export type MunicipalityName = (typeof MUNICIPALITIES)[number]['name'];
export type TeamRole = 'coordinator' | 'best_interest_lead' | 'contact_person' | 'member';
export type ConsentState = 'none' | 'given' | 'withdrawn' | 'expired';

export interface TeamSeat {
  user: DemoUsername;
  role?: TeamRole;
  /** Which of the user's demo assignments (0 unless the user has several). */
  assignment?: number;
  /** Days the membership has lasted (100 unless said). */
  sinceDaysAgo?: number;
}

export interface ChildSpec {
  municipality?: MunicipalityName;
  /** Completed years on the scenario's today (10 unless said). */
  age?: number;
  gender?: LegalGender;
  givenName?: string;
  familyName?: string;
  /** A demo unit key ('0780:school:0', '0780:preschool:1' …); by default the first school or preschool for the age; null for none. */
  enrolledAt?: string | null;
  /** A plain username is a member (role 'member'). */
  team?: (DemoUsername | TeamSeat)[];
  /** Guardians: 0, 1 or 2 (2 unless said). */
  guardians?: 0 | 1 | 2;
  /** 'both' (unless said): every guardian has custody; 'one': only the first, the other is a parent without it. */
  custody?: 'both' | 'one';
  /**
   * A consent to share across the team's secrecy domains, given by the custodial guardians ('none'
   * unless said): 'given' is in force, 'withdrawn' was withdrawn five days ago, 'expired' ended ten days ago.
   */
  consent?: ConsentState;
  protectedIdentity?: boolean;
  supportLevel?: 1 | 2 | 3;
}

export interface ScenarioGuardian {
  id: string;
  personnummer: string;
  givenName: string;
  familyName: string;
  hasCustody: boolean;
}

export interface ScenarioMember {
  username: DemoUsername;
  personId: string;
  assignmentId: string;
  unitId: string;
  secrecyDomain: string;
  role: TeamRole;
  membershipId: string;
}

export interface ScenarioChild {
  id: string;
  personnummer: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  guardians: ScenarioGuardian[];
  team: ScenarioMember[];
  /** The consent written for `consent` other than 'none'. */
  consentId: string | null;
}

export interface WheelSpec {
  /** The team member who recorded it (the first member unless said). */
  by?: ScenarioMember;
  perspective?: 'child' | 'guardian' | 'professional';
  daysAgo?: number;
  /** One rating for every indicator (3 unless said). */
  rating?: number;
  secretFromGuardians?: boolean;
}

export interface Scenario {
  readonly today: string;
  child(spec?: ChildSpec): Promise<ScenarioChild>;
  /** Adds someone to the child's team (from `sinceDaysAgo`, 100 unless said). */
  joinTeam(child: ScenarioChild, seat: DemoUsername | TeamSeat): Promise<ScenarioMember>;
  /** Someone who was on the child's team and left `endedDaysAgo` days ago (30 unless said). */
  formerTeamMember(child: ScenarioChild, seat: DemoUsername | TeamSeat, endedDaysAgo?: number): Promise<ScenarioMember>;
  /** A wellbeing-wheel assessment recorded earlier (from the child's perspective, 60 days ago, unless said). */
  wheelAssessment(child: ScenarioChild, spec?: WheelSpec): Promise<string>;
  /** A valid test personnummer of someone `age` years old that no child or guardian in the database has. */
  unusedPersonnummer(age: number): Promise<string>;
  /**
   * Enrols (or places, at a preschool) the child at a demo unit from `sinceDaysAgo` (200 unless
   * said) until `endedDaysAgo` days ago (open unless said). Returns the enrolment id.
   */
  enrol(child: ScenarioChild, unitKey: string, o?: { sinceDaysAgo?: number; endedDaysAgo?: number }): Promise<string>;
  /** Makes a demo elevhälsa unit belong to a demo school (unit.parent_unit_id), as the directory records it. */
  studentHealthOf(studentHealthUnitKey: string, schoolUnitKey: string): Promise<void>;
}

export interface WheelSpec {
  /** The team member who recorded it (the first member unless said). */
  by?: ScenarioMember;
  perspective?: 'child' | 'guardian' | 'professional';
  daysAgo?: number;
  /** One rating for every indicator (3 unless said). */
  rating?: number;
  secretFromGuardians?: boolean;
}

const WHEEL = ['safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included'];

export const demoUnitId = (key: string): string => demoUuid(`unit:${key}`);

const GIVEN: Record<LegalGender, readonly string[]> = {
  female: ['Tilde', 'Majken', 'Sigrid', 'Edith', 'Juni', 'Lykke', 'Irma', 'Hedda', 'Doris', 'Svea'],
  male: ['Tage', 'Folke', 'Ivar', 'Bror', 'Algot', 'Sune', 'Loke', 'Valter', 'Birger', 'Knut'],
};
const FAMILY = [
  'Provsson',
  'Exempelberg',
  'Testgren',
  'Scenariusson',
  'Fixturén',
  'Påhittad',
  'Låtsasson',
  'Övningsberg',
];
const ADULT: Record<LegalGender, readonly string[]> = {
  female: ['Greta', 'Berit', 'Solveig', 'Ulla', 'Margit'],
  male: ['Holger', 'Evert', 'Gunnar', 'Sixten', 'Arne'],
};

export function scenario(db: Db, today: string): Scenario {
  let n = 0;
  const next = () => n++;

  const seatOf = (s: DemoUsername | TeamSeat): Required<TeamSeat> => {
    const seat = typeof s === 'string' ? { user: s } : s;
    return { role: 'member', assignment: 0, sinceDaysAgo: 100, ...seat };
  };

  const addMember = async (
    tx: Queryable,
    childId: string,
    s: DemoUsername | TeamSeat,
    validTo: string | null,
  ): Promise<ScenarioMember> => {
    const seat = seatOf(s);
    const assignmentId = demoAssignmentId(seat.user, seat.assignment);
    const a = (
      await tx.query<{ unit_id: string; secrecy_domain: string }>(
        'SELECT a.unit_id, u.secrecy_domain FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.id = $1',
        [assignmentId],
      )
    ).rows[0];
    if (!a) throw new Error(`scenario: ${seat.user} has no demo assignment ${seat.assignment}`);
    const member: ScenarioMember = {
      username: seat.user,
      personId: demoPersonId(seat.user),
      assignmentId,
      unitId: a.unit_id,
      secrecyDomain: a.secrecy_domain,
      role: seat.role,
      membershipId: randomUUID(),
    };
    await tx.query(
      `INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7::date)`,
      [
        member.membershipId,
        childId,
        member.personId,
        assignmentId,
        seat.role,
        addDays(today, -seat.sinceDaysAgo),
        validTo,
      ],
    );
    return member;
  };

  return {
    today,

    async child(spec = {}) {
      const i = next();
      const muni = MUNICIPALITIES.find((m) => m.name === (spec.municipality ?? 'Växjö'));
      if (!muni) throw new Error(`scenario: unknown municipality ${spec.municipality}`);
      const age = spec.age ?? 10;
      const personnummer = await drawChildNumber(db, age, today, spec.gender);
      const gender = legalGenderOf(personnummer);
      const birthDate = birthDateOf(personnummer);
      const givenName = spec.givenName ?? GIVEN[gender][i % GIVEN[gender].length]!;
      const familyName = spec.familyName ?? FAMILY[i % FAMILY.length]!;
      const id = randomUUID();
      const address = [`Scenariogatan ${i + 1}`, `${muni.postalPrefix} 40`, muni.city];
      const guardianCount = spec.guardians ?? 2;
      const guardianNumbers: string[] = [];
      for (let g = 0; g < guardianCount; g++) {
        const pnr = await drawGuardianNumber(db, g === 0 ? 'female' : 'male');
        guardianNumbers.push(pnr);
      }
      const enrolledAt = spec.enrolledAt === undefined ? defaultEnrolment(muni.code, age) : spec.enrolledAt;

      return db.ownerTransaction(async (tx) => {
        await tx.query(
          `INSERT INTO child (id, personnummer, given_name, family_name, birth_date, gender, municipality_code, address_line, postal_code, city,
                              protected_identity, support_level, is_test_data)
           VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11, $12, true)`,
          [
            id,
            personnummer,
            givenName,
            familyName,
            birthDate,
            gender,
            muni.code,
            ...address,
            spec.protectedIdentity ?? false,
            spec.supportLevel ?? 1,
          ],
        );
        if (enrolledAt) {
          await tx.query(
            'INSERT INTO enrolment (id, child_id, unit_id, grade, valid_from) VALUES ($1, $2, $3, $4, $5::date)',
            [randomUUID(), id, demoUnitId(enrolledAt), gradeFor(enrolledAt, age), addDays(today, -200)],
          );
        }
        const guardians: ScenarioGuardian[] = [];
        for (const [g, pnr] of guardianNumbers.entries()) {
          const gg = legalGenderOf(pnr);
          const guardian: ScenarioGuardian = {
            id: randomUUID(),
            personnummer: pnr,
            givenName: ADULT[gg][(i + g) % ADULT[gg].length]!,
            familyName,
            hasCustody: g === 0 || spec.custody !== 'one',
          };
          await tx.query(
            `INSERT INTO guardian (id, personnummer, given_name, family_name, phone, email, address_line, postal_code, city, is_test_data)
             VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, true)`,
            [guardian.id, pnr, guardian.givenName, familyName, `scenario.${i}.${g}@example.se`, ...address],
          );
          await tx.query(
            `INSERT INTO custody (child_id, guardian_id, relation, has_custody, lives_with_child, valid_from)
             VALUES ($1, $2, 'parent', $3, $3, $4::date)`,
            [id, guardian.id, guardian.hasCustody, birthDate],
          );
          guardians.push(guardian);
        }
        const team: ScenarioMember[] = [];
        for (const seat of spec.team ?? []) team.push(await addMember(tx, id, seat, null));
        const consentId =
          spec.consent && spec.consent !== 'none'
            ? await writeConsent(tx, { childId: id, birthDate, today, state: spec.consent, team, guardians })
            : null;
        return { id, personnummer, givenName, familyName, birthDate, guardians, team, consentId };
      });
    },

    async joinTeam(child, seat) {
      const member = await db.ownerTransaction((tx) => addMember(tx, child.id, seat, null));
      child.team.push(member);
      return member;
    },

    async formerTeamMember(child, seat, endedDaysAgo = 30) {
      const s = seatOf(seat);
      const since = Math.max(s.sinceDaysAgo, endedDaysAgo + 60);
      return db.ownerTransaction((tx) =>
        addMember(tx, child.id, { ...s, sinceDaysAgo: since }, addDays(today, -endedDaysAgo)),
      );
    },

    unusedPersonnummer(age) {
      return drawChildNumber(db, age, today);
    },

    async enrol(child, unitKey, o = {}) {
      const id = randomUUID();
      await db.ownerTransaction((tx) =>
        tx.query(
          'INSERT INTO enrolment (id, child_id, unit_id, valid_from, valid_to) VALUES ($1, $2, $3, $4::date, $5::date)',
          [
            id,
            child.id,
            demoUnitId(unitKey),
            addDays(today, -(o.sinceDaysAgo ?? 200)),
            o.endedDaysAgo === undefined ? null : addDays(today, -o.endedDaysAgo),
          ],
        ),
      );
      return id;
    },

    async studentHealthOf(studentHealthUnitKey, schoolUnitKey) {
      await db.ownerTransaction((tx) =>
        tx.query('UPDATE unit SET parent_unit_id = $2 WHERE id = $1', [
          demoUnitId(studentHealthUnitKey),
          demoUnitId(schoolUnitKey),
        ]),
      );
    },

    async wheelAssessment(child, spec = {}) {
      const by = spec.by ?? child.team[0];
      if (!by) throw new Error('scenario: a wheel assessment needs a team member to record it');
      const perspective = spec.perspective ?? 'child';
      const on = addDays(today, -(spec.daysAgo ?? 60));
      const id = randomUUID();
      await db.ownerTransaction(async (tx) => {
        await tx.query(
          `INSERT INTO wheel_assessment (id, child_id, assessed_on, perspective, guardian_id, professional_person_id, professional_assignment_id,
             professional_unit_id, author_person_id, author_assignment_id, owning_organisation_id, owning_unit_id, secrecy_domain,
             secret_from_guardians, version, created_at, updated_at, updated_by_person_id)
           SELECT $1, $2, $3::date, $4, $5::uuid, $6::uuid, $7::uuid, $8::uuid, a.person_id, a.id, a.organisation_id, a.unit_id, u.secrecy_domain,
                  $9, 1, $10::timestamptz, $10::timestamptz, a.person_id
             FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.id = $11`,
          [
            id,
            child.id,
            on,
            perspective,
            perspective === 'guardian' ? child.guardians[0]!.id : null,
            perspective === 'professional' ? by.personId : null,
            perspective === 'professional' ? by.assignmentId : null,
            perspective === 'professional' ? by.unitId : null,
            spec.secretFromGuardians ?? false,
            `${on}T10:00:00Z`,
            by.assignmentId,
          ],
        );
        await tx.query(
          `INSERT INTO wheel_assessment_indicator (assessment_id, indicator, what_works, what_is_hard, rating)
           SELECT $1, i, 'Trivs med kompisarna.', 'Svårt att komma i tid.', $3 FROM unnest($2::text[]) AS i`,
          [id, WHEEL, spec.rating ?? 3],
        );
      });
      return id;
    },
  };
}

function defaultEnrolment(code: string, age: number): string | null {
  if (age >= 1 && age <= 5) return `${code}:preschool:0`;
  if (age >= 6 && age <= 15) return `${code}:school:0`;
  if (age >= 16 && age <= 18) {
    const m = MUNICIPALITIES.find((x) => x.code === code)!;
    return `${m.upperSecondaryIn}:gy`;
  }
  return null;
}

function gradeFor(unitKey: string, age: number): string | null {
  if (unitKey.includes(':school:')) return age <= 6 ? 'F' : String(age - 6);
  if (unitKey.endsWith(':gy')) return `gy${Math.min(3, Math.max(1, age - 15))}`;
  return null;
}

const PURPOSE =
  'Att de verksamheter som finns runt barnet ska kunna samarbeta i barnets plan och se varandras anteckningar om barnet.';

/**
 * A consent like the demo's: given by the custodial guardians (and asked of a child of 13 or more),
 * for the team's services and secrecy domains and every data category, recorded by the first member.
 */
async function writeConsent(
  tx: Queryable,
  c: {
    childId: string;
    birthDate: string;
    today: string;
    state: Exclude<ConsentState, 'none'>;
    team: ScenarioMember[];
    guardians: ScenarioGuardian[];
  },
): Promise<string> {
  const custodial = c.guardians.filter((g) => g.hasCustody);
  const recorder = c.team[0];
  if (!recorder || custodial.length === 0) throw new Error('scenario: a consent needs a team and a custodial guardian');
  const span =
    c.state === 'expired'
      ? { from: addDays(c.today, -400), to: addDays(c.today, -10) }
      : { from: addDays(c.today, -60), to: addDays(c.today, 305) };
  const withdrawnAt = c.state === 'withdrawn' ? `${addDays(c.today, -5)}T13:00:00Z` : null;
  const id = randomUUID();
  await tx.query(
    `INSERT INTO consent (id, child_id, purpose, recipient_unit_ids, source_domains, data_categories, method, method_note, valid_from, valid_to, given,
                          recorded_by_person_id, recorded_by_assignment_id, recorded_at, updated_at, updated_by_person_id,
                          withdrawn_at, withdrawn_by_person_id, withdrawn_by_assignment_id, withdrawn_by_party, withdrawn_by_guardian_id, withdrawal_note, version)
     VALUES ($1, $2, $3, $4::uuid[], $5::text[], ARRAY['concern', 'chronology', 'wheel', 'plan'], 'signed_paper', NULL, $6::date, $7::date, true,
             $8, $9, $10::timestamptz, COALESCE($11::timestamptz, $10::timestamptz), $8,
             $11::timestamptz, CASE WHEN $11::timestamptz IS NULL THEN NULL ELSE $8::uuid END, CASE WHEN $11::timestamptz IS NULL THEN NULL ELSE $9::uuid END,
             CASE WHEN $11::timestamptz IS NULL THEN NULL ELSE 'guardian' END, CASE WHEN $11::timestamptz IS NULL THEN NULL ELSE $12::uuid END,
             CASE WHEN $11::timestamptz IS NULL THEN NULL ELSE 'Vårdnadshavaren tog tillbaka samtycket.' END, CASE WHEN $11::timestamptz IS NULL THEN 1 ELSE 2 END)`,
    [
      id,
      c.childId,
      PURPOSE,
      [...new Set(c.team.map((m) => m.unitId))],
      [...new Set(c.team.map((m) => m.secrecyDomain))],
      span.from,
      span.to,
      recorder.personId,
      recorder.assignmentId,
      `${span.from}T09:00:00Z`,
      withdrawnAt,
      custodial[0]!.id,
    ],
  );
  for (const g of custodial) {
    await tx.query(
      `INSERT INTO consent_party (id, consent_id, party_kind, guardian_id, position) VALUES ($1, $2, 'guardian', $3, 'consents')`,
      [randomUUID(), id, g.id],
    );
  }
  if (ageOn(c.birthDate, c.today) >= 13) {
    await tx.query(
      `INSERT INTO consent_party (id, consent_id, party_kind, position, maturity_judgement, child_decides)
       VALUES ($1, $2, 'child', 'consents', 'Barnet förstod vad samtycket gäller. Vårdnadshavarna beslutar.', false)`,
      [randomUUID(), id],
    );
  }
  return id;
}
