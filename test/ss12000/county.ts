// Deterministic SS 12000 v2 data for a small county: a Huvudman, schools (skolenheter), one
// förskoleenhet, pupils with guardians, staff with duties, and class groups.
import { buildIdentityNumber } from '../../src/core/personnummer.js';

export interface CountyOptions {
  schools?: number;
  pupilsPerSchool?: number;
  /** May be fractional (1.75: three pupils in four have two guardians, the rest one). */
  guardiansPerPupil?: number;
  staffPerSchool?: number;
  seed?: number;
  /** Children placed at the preschool, in one department with its teacher and a förskolechef (0 unless said). */
  preschoolChildren?: number;
  /** false leaves `responsibles` out of pupils, as Skolverket's reference does. */
  responsibles?: boolean;
  /** The school year's first and last day (enrolments, class groups, mentor assignments). */
  schoolYear?: { start: string; end: string };
  /** meta.created/modified of everything generated (RFC 3339). */
  generatedAt?: string;
}

export type Ss12000Object = Record<string, unknown> & { id: string; meta: { created: string; modified: string } };

export interface County {
  organisations: Ss12000Object[];
  persons: Ss12000Object[];
  duties: Ss12000Object[];
  groups: Ss12000Object[];
  /** Ids by role, for tests. */
  pupilIds: string[];
  /** Children with a placement at the preschool (an enrolment there), in its department. */
  preschoolChildIds: string[];
  guardianIds: string[];
  staffIds: string[];
}

const GIVEN = ['Alva', 'Elsa', 'Maja', 'Ella', 'Wilma', 'Liam', 'Noah', 'William', 'Hugo', 'Lucas', 'Astrid', 'Nils'];
const FAMILY = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Berg'];
const PLACES = ['Växjö', 'Alvesta', 'Ljungby', 'Tingsryd', 'Älmhult', 'Markaryd', 'Lessebo', 'Uppvidinge', 'Braås'];
const MUNICIPALITIES = ['0780', '0764', '0781', '0763', '0765', '0767', '0761', '0760', '0780'];
const STAFF_ROLES = ['Rektor', 'Kurator', 'Skolsköterska', 'Skolpsykolog'];
const CLASS_SIZE = 25;
const DEFAULT_SCHOOL_START = '2026-08-17';
const DEFAULT_SCHOOL_END = '2027-06-10';

/** mulberry32: small, seedable, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCounty(options: CountyOptions = {}): County {
  const schools = options.schools ?? 3;
  const pupilsPerSchool = options.pupilsPerSchool ?? 30;
  const guardiansPerPupil = options.guardiansPerPupil ?? 2;
  const staffPerSchool = options.staffPerSchool ?? 8;
  const withResponsibles = options.responsibles ?? true;
  const preschoolChildren = options.preschoolChildren ?? 0;
  const at = options.generatedAt ?? '2026-08-01T06:00:00Z';
  const rand = random(options.seed ?? 1);
  const SCHOOL_START = options.schoolYear?.start ?? DEFAULT_SCHOOL_START;
  const SCHOOL_END = options.schoolYear?.end ?? DEFAULT_SCHOOL_END;
  const meta = () => ({ created: at, modified: at });
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const usedNumbers = new Set<string>();
  let serial = 0;
  const civicNo = (birthDate: string) => {
    let value: string;
    do value = buildIdentityNumber(birthDate, (serial++ % 999) + 1);
    while (usedNumbers.has(value));
    usedNumbers.add(value);
    return { value, nationality: 'SE' };
  };
  const birthDate = (year: number) =>
    `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;

  const county: County = {
    organisations: [],
    persons: [],
    duties: [],
    groups: [],
    pupilIds: [],
    preschoolChildIds: [],
    guardianIds: [],
    staffIds: [],
  };
  const person = (year: number, extra: Record<string, unknown> = {}) => {
    const id = uuid();
    const givenName = pick(GIVEN);
    const familyName = pick(FAMILY);
    const record: Ss12000Object = {
      id,
      givenName,
      familyName,
      civicNo: civicNo(birthDate(year)),
      securityMarking: 'Ingen',
      eduPersonPrincipalNames: [`${givenName}.${familyName}.${county.persons.length}@skola.example`.toLowerCase()],
      ...extra,
      meta: meta(),
    };
    county.persons.push(record);
    return record;
  };
  const duty = (personId: string, orgId: string, dutyRole: string, extra: Record<string, unknown> = {}) => {
    county.duties.push({
      id: uuid(),
      person: { id: personId },
      dutyAt: { id: orgId },
      dutyRole,
      startDate: '2020-08-01',
      ...extra,
      meta: meta(),
    });
  };

  const huvudman = {
    id: uuid(),
    displayName: 'Kronobergs skolhuvudman',
    organisationType: 'Huvudman',
    organisationCode: '2120000000',
    municipalityCode: '0780',
    meta: meta(),
  };
  county.organisations.push(huvudman);

  let pupilNumber = 0;
  for (let s = 0; s < schools; s++) {
    const place = PLACES[s % PLACES.length]!;
    const school = {
      id: uuid(),
      displayName: `${place}skolan${s >= PLACES.length ? ` ${Math.floor(s / PLACES.length) + 1}` : ''}`,
      organisationType: 'Skolenhet',
      schoolUnitCode: String(10000000 + 1234 * (s + 1) + (options.seed ?? 1)).slice(0, 8),
      municipalityCode: MUNICIPALITIES[s % MUNICIPALITIES.length]!,
      schoolTypes: ['GR'],
      parentOrganisation: { id: huvudman.id },
      startDate: '2010-07-01',
      meta: meta(),
    };
    county.organisations.push(school);

    const classes: { id: string; schoolYear: number; members: Record<string, unknown>[] }[] = [];
    for (let c = 0; c * CLASS_SIZE < pupilsPerSchool; c++) {
      const schoolYear = (c % 9) + 1;
      classes.push({ id: uuid(), schoolYear, members: [] });
      const letter = String.fromCharCode(65 + Math.floor(c / 9));
      county.groups.push({
        id: classes[c]!.id,
        displayName: `${schoolYear}${letter}`,
        groupType: 'Klass',
        schoolType: 'GR',
        organisation: { id: school.id },
        groupMemberships: classes[c]!.members,
        startDate: SCHOOL_START,
        endDate: SCHOOL_END,
        meta: meta(),
      });
    }

    for (let p = 0; p < pupilsPerSchool; p++) {
      const klass = classes[Math.floor(p / CLASS_SIZE)]!;
      const share = guardiansPerPupil - Math.floor(guardiansPerPupil);
      const howMany = Math.floor(guardiansPerPupil) + (share > 0 && (pupilNumber % 100) / 100 < share ? 1 : 0);
      const guardians = Array.from({ length: howMany }, () => person(1975 + Math.floor(rand() * 20)));
      for (const guardian of guardians) county.guardianIds.push(guardian.id);
      pupilNumber++;
      const securityMarking =
        pupilNumber % 50 === 1 ? 'Skyddad folkbokföring' : pupilNumber % 50 === 2 ? 'Sekretessmarkering' : 'Ingen';
      const pupil = person(2026 - 6 - klass.schoolYear, {
        securityMarking,
        enrolments: [
          {
            enroledAt: { id: school.id },
            schoolType: 'GR',
            schoolYear: klass.schoolYear,
            startDate: SCHOOL_START,
            endDate: SCHOOL_END,
            cancelled: false,
          },
        ],
        ...(withResponsibles
          ? { responsibles: guardians.map((g) => ({ person: { id: g.id }, relationType: 'Vårdnadshavare' })) }
          : {}),
      });
      county.pupilIds.push(pupil.id);
      klass.members.push({ person: { id: pupil.id }, startDate: SCHOOL_START, endDate: SCHOOL_END });
    }

    for (let t = 0; t < staffPerSchool; t++) {
      const staff = person(1965 + Math.floor(rand() * 30));
      county.staffIds.push(staff.id);
      const role = STAFF_ROLES[t];
      if (role) {
        duty(staff.id, school.id, role);
        continue;
      }
      const klass = classes[(t - STAFF_ROLES.length) % Math.max(classes.length, 1)];
      const assignmentRole = klass
        ? [{ group: { id: klass.id }, assignmentRoleType: 'Mentor', startDate: SCHOOL_START, endDate: SCHOOL_END }]
        : [];
      duty(staff.id, school.id, 'Lärare', { assignmentRole });
    }
  }

  const preschool = {
    id: uuid(),
    displayName: 'Förskolan Solrosen',
    organisationType: 'Förskoleenhet',
    schoolUnitCode: String(20000000 + (options.seed ?? 1)).slice(0, 8),
    municipalityCode: '0780',
    schoolTypes: ['FS'],
    parentOrganisation: { id: huvudman.id },
    startDate: '2012-01-01',
    meta: meta(),
  };
  county.organisations.push(preschool);
  const department = { id: uuid(), members: [] as Record<string, unknown>[] };
  if (preschoolChildren > 0) {
    county.groups.push({
      id: department.id,
      displayName: 'Avdelning Blåsippan',
      groupType: 'Avdelning',
      schoolType: 'FS',
      organisation: { id: preschool.id },
      groupMemberships: department.members,
      startDate: SCHOOL_START,
      endDate: SCHOOL_END,
      meta: meta(),
    });
  }
  for (let c = 0; c < preschoolChildren; c++) {
    const guardian = person(1990);
    county.guardianIds.push(guardian.id);
    const child = person(2022, {
      enrolments: [{ enroledAt: { id: preschool.id }, schoolType: 'FS', startDate: SCHOOL_START, endDate: SCHOOL_END }],
      ...(withResponsibles ? { responsibles: [{ person: { id: guardian.id }, relationType: 'Vårdnadshavare' }] } : {}),
    });
    county.preschoolChildIds.push(child.id);
    department.members.push({ person: { id: child.id }, startDate: SCHOOL_START, endDate: SCHOOL_END });
  }
  const preschoolTeacher = person(1980);
  county.staffIds.push(preschoolTeacher.id);
  duty(preschoolTeacher.id, preschool.id, 'Förskollärare', {
    assignmentRole:
      preschoolChildren > 0
        ? [{ group: { id: department.id }, assignmentRoleType: 'Förskollärare', startDate: SCHOOL_START }]
        : [],
  });
  if (preschoolChildren > 0) {
    const head = person(1972);
    county.staffIds.push(head.id);
    duty(head.id, preschool.id, 'Förskolechef');
  }
  return county;
}
