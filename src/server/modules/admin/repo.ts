import type {
  AdminAssignment,
  AdminPerson,
  AdminPersonSummary,
  AdminRole,
  AdminUnit,
  AdminUnitKind,
  DirectorySource,
} from '../../../contract/admin.js';
import type { Queryable } from '../../db/client.js';
import { sql, type SqlFragment } from '../../db/sql.js';
import { type AdminReach, administered } from './scope.js';

/**
 * The SQL of administration. Every read is narrowed to the units the admin reaches (scope.ts), so a
 * unit, person or assignment outside that reach is simply not found. No child table is read here.
 */

/** The source a row was imported from: its directory link (a current one first), or null when made by hand. */
const SOURCE = (alias: string) =>
  `(SELECT l.source FROM directory_link l WHERE l.local_id = ${alias}.id ORDER BY l.ended_on DESC NULLS FIRST LIMIT 1)`;

const OPEN_ON = (alias: string, day: string) => `(${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${day}::date)`;

async function rows<T>(q: Queryable, text: string, ...params: Record<string, unknown>[]): Promise<T[]> {
  const st = sql(text, ...params);
  return (await q.query<T>(st.text, st.values)).rows;
}

interface UnitRow {
  id: string;
  name: string;
  kind: AdminUnitKind;
  secrecy_domain: AdminUnit['secrecyDomain'];
  school_unit_code: string | null;
  municipality_code: string | null;
  organisation_id: string;
  organisation_name: string;
  parent_id: string | null;
  parent_name: string | null;
  valid_to: string | null;
  open_assignments: number;
  source: DirectorySource;
  version: number;
}

const unitText = (where: SqlFragment, extra: string, lock: boolean) => `
  SELECT u.id, u.name, u.kind, u.secrecy_domain, u.school_unit_code, u.municipality_code, u.organisation_id,
         o.name AS organisation_name, p.id AS parent_id, p.name AS parent_name, u.valid_to::text AS valid_to,
         (SELECT count(*) FROM assignment a WHERE a.unit_id = u.id AND ${OPEN_ON('a', ':today')})::int AS open_assignments,
         ${SOURCE('u')} AS source, u.version
    FROM unit u JOIN organisation o ON o.id = u.organisation_id LEFT JOIN unit p ON p.id = u.parent_unit_id
   WHERE ${where.text} ${extra}
   ORDER BY (u.valid_to IS NOT NULL AND u.valid_to < :today::date), o.name, u.name, u.id
   ${lock ? 'FOR UPDATE OF u' : ''}`;

const toUnit = (r: UnitRow): AdminUnit => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  secrecyDomain: r.secrecy_domain,
  schoolUnitCode: r.school_unit_code,
  municipalityCode: r.municipality_code,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  parent: r.parent_id ? { id: r.parent_id, name: r.parent_name ?? '' } : null,
  validTo: r.valid_to,
  openAssignments: r.open_assignments,
  source: r.source,
  version: r.version,
});

export async function listUnits(q: Queryable, reach: AdminReach, today: string): Promise<AdminUnit[]> {
  const where = administered(reach, 'u');
  return (await rows<UnitRow>(q, unitText(where, '', false), where.params, { today })).map(toUnit);
}

/** One unit the admin reaches, or null; `lock` takes the row for an edit. */
export async function loadUnit(
  q: Queryable,
  reach: AdminReach,
  unitId: string,
  today: string,
  lock = false,
): Promise<AdminUnit | null> {
  const where = administered(reach, 'u');
  const found = await rows<UnitRow>(q, unitText(where, 'AND u.id = :unit_id', lock), where.params, {
    today,
    unit_id: unitId,
  });
  return found[0] ? toUnit(found[0]) : null;
}

interface AssignmentRow {
  id: string;
  person_id: string;
  person_name: string;
  unit_id: string;
  unit_name: string;
  role: AdminRole;
  title: string | null;
  valid_from: string;
  valid_to: string | null;
  source: DirectorySource;
  version: number;
}

const assignmentText = (where: SqlFragment, by: 'unit' | 'person' | 'id', lock: boolean) => `
  SELECT a.id, a.person_id, p.given_name || ' ' || p.family_name AS person_name, a.unit_id, u.name AS unit_name,
         a.role, a.title, a.valid_from::text AS valid_from, a.valid_to::text AS valid_to, ${SOURCE('a')} AS source, a.version
    FROM assignment a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id
   WHERE ${where.text} AND a.${by === 'unit' ? 'unit_id' : by === 'person' ? 'person_id' : 'id'} = :key
   ORDER BY (a.valid_to IS NOT NULL AND a.valid_to < :today::date), p.family_name, p.given_name, u.name, a.valid_from, a.id
   ${lock ? 'FOR UPDATE OF a' : ''}`;

const toAssignment = (r: AssignmentRow): AdminAssignment => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  role: r.role,
  title: r.title,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  source: r.source,
  version: r.version,
});

/** The assignments at one unit, or of one person at the units the admin reaches, current ones first. */
export async function listAssignments(
  q: Queryable,
  reach: AdminReach,
  by: 'unit' | 'person',
  key: string,
  today: string,
): Promise<AdminAssignment[]> {
  const where = administered(reach, 'u');
  return (await rows<AssignmentRow>(q, assignmentText(where, by, false), where.params, { key, today })).map(
    toAssignment,
  );
}

export async function loadAssignment(
  q: Queryable,
  reach: AdminReach,
  assignmentId: string,
  today: string,
  lock = false,
): Promise<AdminAssignment | null> {
  const where = administered(reach, 'u');
  const found = await rows<AssignmentRow>(q, assignmentText(where, 'id', lock), where.params, {
    key: assignmentId,
    today,
  });
  return found[0] ? toAssignment(found[0]) : null;
}

/** A person is within reach when they have (or had) an assignment at a unit the admin reaches. */
const personReached = (where: SqlFragment) =>
  `EXISTS (SELECT 1 FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.person_id = p.id AND ${where.text})`;

interface PersonRow {
  id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  oidc_subject: string | null;
  enabled: boolean;
  source: DirectorySource;
  version: number;
}

export async function loadPerson(
  q: Queryable,
  reach: AdminReach,
  personId: string,
  lock = false,
): Promise<AdminPerson | null> {
  const where = administered(reach, 'u');
  const found = await rows<PersonRow>(
    q,
    `SELECT p.id, p.given_name, p.family_name, p.email, p.phone, p.oidc_subject, p.enabled, ${SOURCE('p')} AS source, p.version
       FROM person p WHERE p.id = :person_id AND ${personReached(where)} ${lock ? 'FOR UPDATE OF p' : ''}`,
    where.params,
    { person_id: personId },
  );
  const r = found[0];
  if (!r) return null;
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    phone: r.phone,
    oidcSubject: r.oidc_subject,
    enabled: r.enabled,
    source: r.source,
    version: r.version,
  };
}

export const PEOPLE_LIMIT = 200;

/** People within reach whose name contains `query` (any case), at most PEOPLE_LIMIT + 1 rows. */
export async function searchPeople(
  q: Queryable,
  reach: AdminReach,
  query: string,
  today: string,
): Promise<AdminPersonSummary[]> {
  const where = administered(reach, 'u');
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const found = await rows<PersonRow & { open_assignments: number }>(
    q,
    `SELECT p.id, p.given_name, p.family_name, p.enabled, ${SOURCE('p')} AS source,
            (SELECT count(*) FROM assignment a JOIN unit u ON u.id = a.unit_id
              WHERE a.person_id = p.id AND ${where.text} AND ${OPEN_ON('a', ':today')})::int AS open_assignments
       FROM person p
      WHERE ${personReached(where)} AND (p.given_name || ' ' || p.family_name) ILIKE :pattern
      ORDER BY p.family_name, p.given_name, p.id
      LIMIT :limit`,
    where.params,
    { pattern, today, limit: PEOPLE_LIMIT + 1 },
  );
  return found.map((r) => ({
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    enabled: r.enabled,
    openAssignments: r.open_assignments,
    source: r.source,
  }));
}

/** Whether the person holds, on or after `today`, an assignment at a unit the admin does not reach. */
export async function worksOutsideReach(
  q: Queryable,
  reach: AdminReach,
  personId: string,
  today: string,
): Promise<boolean> {
  const where = administered(reach, 'u');
  const found = await rows<{ n: number }>(
    q,
    `SELECT count(*)::int AS n FROM assignment a LEFT JOIN unit u ON u.id = a.unit_id
      WHERE a.person_id = :person_id AND ${OPEN_ON('a', ':today')} AND (u.id IS NULL OR NOT (${where.text}))`,
    where.params,
    { person_id: personId, today },
  );
  return (found[0]?.n ?? 0) > 0;
}

/** An assignment of the same person, unit and role whose period overlaps the given one, if any. */
export async function overlappingAssignment(
  q: Queryable,
  a: { personId: string; unitId: string; role: string; validFrom: string; validTo: string | null },
): Promise<{ id: string; validFrom: string; validTo: string | null } | null> {
  const found = await rows<{ id: string; valid_from: string; valid_to: string | null }>(
    q,
    `SELECT id, valid_from::text AS valid_from, valid_to::text AS valid_to FROM assignment
      WHERE person_id = :person_id AND unit_id = :unit_id AND role = :role
        AND (valid_to IS NULL OR valid_to >= :from::date)
        AND (:to::date IS NULL OR valid_from <= :to::date)
      ORDER BY valid_from LIMIT 1`,
    { person_id: a.personId, unit_id: a.unitId, role: a.role, from: a.validFrom, to: a.validTo },
  );
  const r = found[0];
  return r ? { id: r.id, validFrom: r.valid_from, validTo: r.valid_to } : null;
}

/** How many units under this one (`parent_unit_id`) are still open after `validTo`. */
export async function openChildUnitsAfter(q: Queryable, unitId: string, validTo: string): Promise<number> {
  const found = await rows<{ n: number }>(
    q,
    `SELECT count(*)::int AS n FROM unit WHERE parent_unit_id = :unit_id AND (valid_to IS NULL OR valid_to > :valid_to::date)`,
    { unit_id: unitId, valid_to: validTo },
  );
  return found[0]?.n ?? 0;
}
