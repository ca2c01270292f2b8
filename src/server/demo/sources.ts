/**
 * The demo county as its own sources would deliver it, so that the demo is loaded the way a county
 * is (`npx barnkompass import …`):
 *  - the schools' system (SS 12000): each municipality as huvudman, its preschools and schools with
 *    their school unit codes, the pupils with their enrolments and securityMarking, and the school
 *    staff (principals, teachers, preschool teachers) with their duties;
 *  - the employers' HR export (the people file): the region, the municipalities and the police, every
 *    other unit (elevhälsa, social services, BVC, BUP, leisure, police …), their staff and assignments;
 *  - the population register (the population file): children, guardians and custody with their
 *    dates, protected identity, and each young child's listing at a BVC.
 * The ids of the rows the imports create are the demo's own (derived from its keys), so the demo is
 * the same database whatever the path.
 */
import type { Ss12000Fixture } from '../modules/directory/ss12000/fixture-source.js';
import { demoUuid } from './random.js';
import type { AssignmentRow, DemoData, EnrolmentRow, OrganisationRow, UnitRow } from './seed.js';

export interface DemoSources {
  /** The people file (JSON, docs/import-formats.md). */
  people: Record<string, Record<string, unknown>[]>;
  /** The population file (JSON). */
  population: Record<string, Record<string, unknown>[]>;
  ss12000: Ss12000Fixture;
  /** The id a new row gets: the demo's own for every record the demo has. */
  newId: (entity: string, key: string) => string;
}

const SCHOOL_KINDS = new Set(['preschool', 'compulsory_school', 'upper_secondary_school']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Organisation numbers: the region's and the police's own; the municipalities' are made up (212000- and the municipality code). */
function orgNumberOf(o: OrganisationRow): string {
  if (o.kind === 'region') return '232100-0065';
  if (o.kind === 'state_agency') return '202100-0076';
  return `212000-${o.municipality_code}`;
}

const DUTY_ROLE: Record<string, string> = {
  principal: 'Rektor',
  teacher: 'Lärare',
  preschool_teacher: 'Förskollärare',
  special_educator: 'Specialpedagog',
};

/** SS 12000's school type and school year of a demo enrolment (grades F, 1–9, gy1–gy3). */
function schoolTypeOf(e: EnrolmentRow, kind: string): { schoolType: string; schoolYear?: number } {
  if (kind === 'preschool') return { schoolType: 'FS' };
  if (e.grade === 'F') return { schoolType: 'FKLASS', schoolYear: 0 };
  if (e.grade?.startsWith('gy')) return { schoolType: 'GY', schoolYear: Number(e.grade.slice(2)) };
  return { schoolType: 'GR', schoolYear: Number(e.grade) };
}

export function demoSources(data: DemoData): DemoSources {
  const known = new Map<string, string>();
  const orgNumber = new Map(data.organisation.map((o) => [o.id, orgNumberOf(o)]));
  for (const o of data.organisation) known.set(`organisations|${orgNumberOf(o)}`, o.id);
  const schoolUnit = (u: UnitRow | undefined) => u !== undefined && SCHOOL_KINDS.has(u.kind);
  const unitById = new Map(data.unit.map((u) => [u.id, u]));
  const atSchool = (a: AssignmentRow) => schoolUnit(unitById.get(a.unit_id));

  const people = peopleFile(data, orgNumber, atSchool, known);
  const population = populationFile(data, unitById, known);
  const ss12000 = ss12000Fixture(data, orgNumber, unitById, atSchool);
  for (const e of data.enrolment) known.set(`enrolment|${e.child_id}|${e.unit_id}|${e.valid_from}`, e.id);

  const newId = (entity: string, key: string): string =>
    known.get(`${entity}|${key}`) ?? (UUID.test(key) ? key : demoUuid(`${entity}:${key}`));
  return { people, population, ss12000, newId };
}

function peopleFile(
  data: DemoData,
  orgNumber: Map<string, string>,
  atSchool: (a: AssignmentRow) => boolean,
  known: Map<string, string>,
): DemoSources['people'] {
  const assignments = data.assignment.filter((a) => !atSchool(a) && a.role !== 'system_admin');
  const withAssignment = new Set(assignments.map((a) => a.person_id));
  for (const u of data.unit) known.set(`units|${u.key}`, u.id);
  for (const p of data.person) known.set(`persons|${p.username}`, p.id);
  // An assignment's id in the HR system: the username and its index among the person's assignments.
  const keyOf = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const a of data.assignment) {
    const i = counters.get(a.username) ?? 0;
    counters.set(a.username, i + 1);
    keyOf.set(a.id, `${a.username}:${i}`);
    known.set(`assignments|${a.username}:${i}`, a.id);
  }
  return {
    organisations: data.organisation.map((o) => ({
      org_number: orgNumber.get(o.id),
      name: o.name,
      kind: o.kind,
      municipality_code: o.municipality_code,
    })),
    units: data.unit
      .filter((u) => !SCHOOL_KINDS.has(u.kind))
      .map((u) => ({
        id: u.key,
        org_number: orgNumber.get(u.organisation_id),
        name: u.name,
        kind: u.kind,
        municipality_code: u.municipality_code,
      })),
    persons: data.person
      .filter((p) => withAssignment.has(p.id))
      .map((p) => ({
        id: p.username,
        given_name: p.given_name,
        family_name: p.family_name,
        email: p.email,
        login_id: p.username,
      })),
    assignments: assignments.map((a) => ({
      id: keyOf.get(a.id),
      person_id: a.username,
      unit_id: a.unitKey,
      role: a.role,
      title: a.title,
      valid_from: a.valid_from,
    })),
  };
}

function populationFile(
  data: DemoData,
  unitById: Map<string, UnitRow>,
  known: Map<string, string>,
): DemoSources['population'] {
  for (const c of data.child) known.set(`children|${c.personnummer}`, c.id);
  for (const g of data.guardian) known.set(`guardians|${g.personnummer}`, g.id);
  const childPnr = new Map(data.child.map((c) => [c.id, c.personnummer]));
  const guardianPnr = new Map(data.guardian.map((g) => [g.id, g.personnummer]));
  const atSchool = new Set(
    data.enrolment.filter((e) => unitById.get(e.unit_id)?.kind !== 'preschool').map((e) => e.child_id),
  );
  // Every child not yet at school is listed at a child health centre of its municipality.
  const bvcs = data.unit.filter((u) => u.kind === 'child_health_centre');
  const sevenYearsAgo = `${Number(data.today.slice(0, 4)) - 7}${data.today.slice(4)}`;
  const listings = data.child
    .filter((c) => !atSchool.has(c.id) && c.birth_date > sevenYearsAgo)
    .flatMap((c, i) => {
      const own = bvcs.filter((u) => u.municipality_code === c.municipality_code);
      const unit = own[i % Math.max(1, own.length)];
      return unit ? [{ child_personnummer: c.personnummer, unit_id: unit.key, valid_from: c.birth_date }] : [];
    });
  return {
    children: data.child.map((c) => ({
      personnummer: c.personnummer,
      given_name: c.given_name,
      family_name: c.family_name,
      municipality_code: c.municipality_code,
      identity_marking: c.protected_identity ? 'protected_registration' : 'none',
      address_line: c.protected_identity ? null : c.address_line,
      postal_code: c.protected_identity ? null : c.postal_code,
      city: c.protected_identity ? null : c.city,
    })),
    guardians: data.guardian.map((g) => ({
      personnummer: g.personnummer,
      given_name: g.given_name,
      family_name: g.family_name,
      address_line: g.address_line,
      postal_code: g.postal_code,
      city: g.city,
    })),
    custody: data.custody.map((k) => ({
      child_personnummer: childPnr.get(k.child_id),
      guardian_personnummer: guardianPnr.get(k.guardian_id),
      relation: k.relation,
      has_custody: k.has_custody,
      lives_with_child: k.lives_with_child,
      valid_from: k.valid_from,
    })),
    listings,
  };
}

function ss12000Fixture(
  data: DemoData,
  orgNumber: Map<string, string>,
  unitById: Map<string, UnitRow>,
  atSchool: (a: AssignmentRow) => boolean,
): Ss12000Fixture {
  const modified = `${data.today}T00:00:00Z`;
  const meta = { created: modified, modified };
  const municipalities = data.organisation.filter((o) => o.kind === 'municipality');
  const huvudman = new Map(municipalities.map((o) => [o.id, demoUuid(`ss12000:huvudman:${o.id}`)]));
  const schools = data.unit.filter((u) => SCHOOL_KINDS.has(u.kind));
  const organisations = [
    ...municipalities.map((o) => ({
      id: huvudman.get(o.id),
      displayName: o.name,
      organisationType: 'Huvudman',
      organisationCode: orgNumber.get(o.id),
      municipalityCode: o.municipality_code,
      meta,
    })),
    ...schools.map((u, i) => ({
      id: u.id,
      displayName: u.name,
      organisationType: u.kind === 'preschool' ? 'Förskoleenhet' : 'Skolenhet',
      schoolUnitCode: String(70000000 + i * 37),
      municipalityCode: u.municipality_code,
      schoolTypes: u.kind === 'preschool' ? ['FS'] : u.kind === 'upper_secondary_school' ? ['GY'] : ['FKLASS', 'GR'],
      parentOrganisation: { id: huvudman.get(u.organisation_id) },
      meta,
    })),
  ];
  const duties = data.assignment.filter(atSchool).map((a) => ({
    id: a.id,
    person: { id: a.person_id },
    dutyAt: { id: a.unit_id },
    dutyRole: DUTY_ROLE[a.role] ?? a.title,
    startDate: a.valid_from,
    meta,
  }));
  const onDuty = new Set(duties.map((d) => d.person.id));
  const staff = data.person
    .filter((p) => onDuty.has(p.id))
    .map((p) => ({
      id: p.id,
      givenName: p.given_name,
      familyName: p.family_name,
      eduPersonPrincipalNames: [p.username],
      meta,
    }));
  const enrolmentsOf = new Map<string, EnrolmentRow[]>();
  for (const e of data.enrolment) enrolmentsOf.set(e.child_id, [...(enrolmentsOf.get(e.child_id) ?? []), e]);
  const pupils = data.child
    .filter((c) => enrolmentsOf.has(c.id))
    .map((c) => ({
      id: c.id,
      givenName: c.given_name,
      familyName: c.family_name,
      civicNo: { value: c.personnummer, nationality: 'SE' },
      securityMarking: c.protected_identity ? 'Skyddad folkbokföring' : 'Ingen',
      enrolments: (enrolmentsOf.get(c.id) ?? []).map((e) => ({
        enroledAt: { id: e.unit_id },
        ...schoolTypeOf(e, unitById.get(e.unit_id)?.kind ?? ''),
        startDate: e.valid_from,
      })),
      meta,
    }));
  return { organisations, persons: [...staff, ...pupils], duties, groups: [] };
}
