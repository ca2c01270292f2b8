import { ASSIGNMENT_ROLES, type AssignmentRole } from '../../../access/actor.js';
import type { Rejection } from '../store.js';
import { UNIT_KINDS, type UnitKind } from '../unit-kinds.js';
import {
  attempt,
  code,
  day,
  identityNumber,
  Keyed,
  municipalityCode,
  optional,
  overlaps,
  period,
  Rejected,
  required,
} from './fields.js';
import { csvRecords, jsonSections, type RawRecord, type SourceFile, FileFormatError } from './source-file.js';

/**
 * The people file (the employer's HR or HSA catalogue export): organisations, their units, staff
 * and assignments (a role at a unit, from–to). CSV is flat — one row per assignment, carrying its
 * unit, organisation and person — and JSON has one section per kind. Both are read into the same
 * records here; references between them are resolved by the importer. docs/import-formats.md is
 * the format's description.
 */

export const ORG_KINDS = ['region', 'municipality', 'state_agency', 'independent'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Every role but the system administrator's: an HR file does not hand out the keys to the system. */
export const IMPORTABLE_ROLES: readonly AssignmentRole[] = ASSIGNMENT_ROLES.filter((r) => r !== 'system_admin');

export interface OrgRecord {
  orgNumber: string;
  name: string;
  kind: OrgKind;
  municipalityCode: string | null;
}

export interface UnitRecord {
  unitId: string;
  orgNumber: string;
  name: string;
  kind: UnitKind;
  municipalityCode: string | null;
  validTo: string | null;
}

export interface PersonRecord {
  personId: string;
  personnummer: string | null;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  loginId: string | null;
}

export interface AssignmentRecord {
  assignmentId: string;
  personId: string;
  unitId: string;
  role: AssignmentRole;
  title: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface PeopleFile {
  organisations: [string, OrgRecord][];
  units: [string, UnitRecord][];
  persons: [string, PersonRecord][];
  assignments: [string, AssignmentRecord][];
  rejected: Rejection[];
  /** The ids the file names per entity, rejected ones too: what is named is not ended. */
  named: Record<'organisations' | 'units' | 'persons' | 'assignments', Set<string>>;
}

const CSV_REQUIRED = ['org_number', 'unit_id', 'person_id'];

function orgNumber(r: RawRecord): string {
  const v = required(r, 'org_number').replace(/\s/g, '');
  const m = /^(\d{6})-?(\d{4})$/.exec(v);
  if (!m) throw new Rejected('invalid_value:org_number');
  return `${m[1]}-${m[2]}`;
}

function readOrg(r: RawRecord): OrgRecord {
  return {
    orgNumber: orgNumber(r),
    name: required(r, 'org_name'),
    kind: code(r, 'org_kind', ORG_KINDS, 'unsupported_org_kind'),
    municipalityCode: municipalityCode(r, 'org_municipality_code', false),
  };
}

function readUnit(r: RawRecord): UnitRecord {
  return {
    unitId: required(r, 'unit_id'),
    orgNumber: orgNumber(r),
    name: required(r, 'unit_name'),
    kind: code(r, 'unit_kind', UNIT_KINDS, 'unsupported_unit_kind'),
    municipalityCode: municipalityCode(r, 'unit_municipality_code', false),
    validTo: day(r, 'unit_valid_to'),
  };
}

function readPerson(r: RawRecord, today: Date): PersonRecord {
  const pnr = r.get('personnummer');
  return {
    personId: required(r, 'person_id'),
    personnummer: pnr === undefined ? null : identityNumber(pnr, today).normalized,
    givenName: required(r, 'given_name'),
    familyName: required(r, 'family_name'),
    email: optional(r, 'email'),
    phone: optional(r, 'phone'),
    loginId: optional(r, 'login_id'),
  };
}

function readAssignment(r: RawRecord): AssignmentRecord {
  const personId = required(r, 'person_id');
  const unitId = required(r, 'unit_id');
  const role = code(r, 'role', IMPORTABLE_ROLES, 'unsupported_role');
  const { validFrom, validTo } = period(r, 'valid_from', 'valid_to', true);
  return {
    assignmentId: r.get('assignment_id') ?? `${personId}/${unitId}/${role}/${validFrom}`,
    personId,
    unitId,
    role,
    title: optional(r, 'title'),
    validFrom: validFrom as string,
    validTo,
  };
}

type Entity = keyof PeopleFile['named'];

class Collector {
  readonly orgs = new Keyed<OrgRecord>();
  readonly units = new Keyed<UnitRecord>();
  readonly persons = new Keyed<PersonRecord>();
  readonly assignments = new Keyed<AssignmentRecord>();
  readonly rejected = new Map<string, Rejection>();
  readonly named: PeopleFile['named'] = {
    organisations: new Set(),
    units: new Set(),
    persons: new Set(),
    assignments: new Set(),
  };

  take<T>(entity: Entity, r: RawRecord, idField: string, read: () => T, into: Keyed<T>, key: (v: T) => string): void {
    const id = entity === 'organisations' ? attempt(() => orgNumber(r)) : { ok: true as const, value: r.get(idField) };
    if (id.ok && id.value !== undefined) this.named[entity].add(id.value);
    const got = attempt(read);
    if (got.ok) into.add(key(got.value), got.value, r.where);
    else this.reject(entity, id.ok && id.value !== undefined ? id.value : r.where, got.reason);
  }

  reject(entity: string, id: string, reason: string): void {
    this.rejected.set(`${entity}\u0000${id}\u0000${reason}`, { entity, id, reason });
  }
}

/** One flat CSV row: the parts it carries (a row without a role declares only its unit or person). */
function takeCsvRow(c: Collector, r: RawRecord, today: Date): void {
  if (r.get('org_name') !== undefined || r.get('org_kind') !== undefined)
    c.take(
      'organisations',
      r,
      'org_number',
      () => readOrg(r),
      c.orgs,
      (o) => o.orgNumber,
    );
  if (r.get('unit_id') !== undefined)
    c.take(
      'units',
      r,
      'unit_id',
      () => readUnit(r),
      c.units,
      (u) => u.unitId,
    );
  if (r.get('person_id') !== undefined)
    c.take(
      'persons',
      r,
      'person_id',
      () => readPerson(r, today),
      c.persons,
      (p) => p.personId,
    );
  if (r.get('role') !== undefined)
    c.take(
      'assignments',
      r,
      'assignment_id',
      () => readAssignment(r),
      c.assignments,
      (a) => a.assignmentId,
    );
}

/** Reads a people file, CSV or JSON, into records and the rejections of records that do not fit. */
export function readPeopleFile(file: SourceFile, today: Date): PeopleFile {
  const c = new Collector();
  if (file.format === 'csv') {
    for (const r of csvRecords(file.text, CSV_REQUIRED)) takeCsvRow(c, r, today);
  } else {
    const { sections, known } = jsonSections(file.text, {
      organisations: 'org_',
      units: 'unit_',
      persons: 'person_',
      assignments: 'assignment_',
    });
    if (!known) throw new FileFormatError('no "organisations", "units", "persons" or "assignments" in the file');
    for (const r of sections.organisations!)
      c.take(
        'organisations',
        r,
        '',
        () => readOrg(r),
        c.orgs,
        (o) => o.orgNumber,
      );
    for (const r of sections.units!)
      c.take(
        'units',
        r,
        'unit_id',
        () => readUnit(r),
        c.units,
        (u) => u.unitId,
      );
    for (const r of sections.persons!)
      c.take(
        'persons',
        r,
        'person_id',
        () => readPerson(r, today),
        c.persons,
        (p) => p.personId,
      );
    for (const r of sections.assignments!)
      c.take(
        'assignments',
        r,
        'assignment_id',
        () => readAssignment(r),
        c.assignments,
        (a) => a.assignmentId,
      );
  }
  return finish(c);
}

function finish(c: Collector): PeopleFile {
  for (const [key, set] of [
    ['organisations', c.orgs],
    ['units', c.units],
    ['persons', c.persons],
    ['assignments', c.assignments],
  ] as const)
    for (const [id] of set.duplicates()) c.reject(key, id, 'duplicate');
  return {
    organisations: c.orgs.values(),
    units: c.units.values(),
    persons: c.persons.values(),
    assignments: withoutOverlaps(c.assignments.values(), c),
    rejected: [...c.rejected.values()],
    named: c.named,
  };
}

/** The same person in the same role at the same unit twice over overlapping periods: the later one is a duplicate. */
function withoutOverlaps(list: [string, AssignmentRecord][], c: Collector): [string, AssignmentRecord][] {
  const kept: [string, AssignmentRecord][] = [];
  const bySeat = new Map<string, AssignmentRecord[]>();
  for (const [id, a] of list) {
    const seat = `${a.personId}\u0000${a.unitId}\u0000${a.role}`;
    const earlier = bySeat.get(seat) ?? [];
    if (earlier.some((e) => overlaps(e, a))) {
      c.reject('assignments', id, 'duplicate');
      continue;
    }
    earlier.push(a);
    bySeat.set(seat, earlier);
    kept.push([id, a]);
  }
  return kept;
}
