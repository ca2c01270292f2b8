import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';

/**
 * The writes of administration. Nothing is deleted: a unit or an assignment gets a last day, a
 * person is disabled. The version column moves on by itself (migration 0020's trigger) whenever a
 * row changes, so the service compares versions before it writes and the row is locked meanwhile.
 */

async function run(q: Queryable, text: string, params: Record<string, unknown>): Promise<number> {
  const st = sql(text, params);
  return (await q.query(st.text, st.values)).rowCount ?? 0;
}

export async function organisationOf(
  q: Queryable,
  organisationId: string,
): Promise<{ municipalityCode: string | null } | null> {
  const r = await q.query<{ municipality_code: string | null }>(
    'SELECT municipality_code FROM organisation WHERE id = $1',
    [organisationId],
  );
  return r.rows[0] ? { municipalityCode: r.rows[0].municipality_code } : null;
}

export function insertUnit(
  q: Queryable,
  u: {
    id: string;
    organisationId: string;
    name: string;
    kind: string;
    secrecyDomain: string;
    municipalityCode: string | null;
    schoolUnitCode: string | null;
    parentUnitId: string | null;
    now: string;
  },
): Promise<number> {
  return run(
    q,
    `INSERT INTO unit (id, organisation_id, name, kind, secrecy_domain, municipality_code, school_unit_code, parent_unit_id, created_at)
     VALUES (:id, :org, :name, :kind, :domain, :municipality, :code, :parent, :now::timestamptz)`,
    {
      id: u.id,
      org: u.organisationId,
      name: u.name,
      kind: u.kind,
      domain: u.secrecyDomain,
      municipality: u.municipalityCode,
      code: u.schoolUnitCode,
      parent: u.parentUnitId,
      now: u.now,
    },
  );
}

export function renameUnit(q: Queryable, unitId: string, name: string): Promise<number> {
  return run(q, 'UPDATE unit SET name = :name WHERE id = :id AND name IS DISTINCT FROM :name', { id: unitId, name });
}

export function endUnit(q: Queryable, unitId: string, validTo: string): Promise<number> {
  return run(q, 'UPDATE unit SET valid_to = :valid_to::date WHERE id = :id', { id: unitId, valid_to: validTo });
}

/**
 * Ends the assignments at the unit still open after `validTo`, on that day — or, for one that starts
 * later, the day before it starts (it never took effect). Returns how many were ended.
 */
export function endOpenAssignmentsAt(q: Queryable, unitId: string, validTo: string): Promise<number> {
  return run(
    q,
    `UPDATE assignment SET valid_to = GREATEST(:valid_to::date, valid_from - 1)
      WHERE unit_id = :unit_id AND (valid_to IS NULL OR valid_to > :valid_to::date)`,
    { unit_id: unitId, valid_to: validTo },
  );
}

/** How many assignments at the unit are open after `validTo`. */
export async function openAssignmentsAfter(q: Queryable, unitId: string, validTo: string): Promise<number> {
  const st = sql(
    `SELECT count(*)::int AS n FROM assignment WHERE unit_id = :unit_id AND (valid_to IS NULL OR valid_to > :valid_to::date)`,
    { unit_id: unitId, valid_to: validTo },
  );
  return (await q.query<{ n: number }>(st.text, st.values)).rows[0]?.n ?? 0;
}

export function insertPerson(
  q: Queryable,
  p: {
    id: string;
    givenName: string;
    familyName: string;
    email: string | null;
    phone: string | null;
    oidcIssuer: string | null;
    oidcSubject: string | null;
    now: string;
  },
): Promise<number> {
  return run(
    q,
    `INSERT INTO person (id, given_name, family_name, email, phone, oidc_issuer, oidc_subject, created_at)
     VALUES (:id, :given, :family, :email, :phone, :issuer, :subject, :now::timestamptz)`,
    {
      id: p.id,
      given: p.givenName,
      family: p.familyName,
      email: p.email,
      phone: p.phone,
      issuer: p.oidcIssuer,
      subject: p.oidcSubject,
      now: p.now,
    },
  );
}

/** Whether another person already logs in with this subject of this issuer. */
export async function subjectTaken(
  q: Queryable,
  issuer: string | null,
  subject: string,
  exceptPersonId: string | null = null,
): Promise<boolean> {
  const r = await q.query(
    'SELECT 1 FROM person WHERE oidc_issuer IS NOT DISTINCT FROM $1 AND oidc_subject = $2 AND id IS DISTINCT FROM $3',
    [issuer, subject, exceptPersonId],
  );
  return r.rows.length > 0;
}

export function setEnabled(q: Queryable, personId: string, enabled: boolean): Promise<number> {
  return run(q, 'UPDATE person SET enabled = :enabled WHERE id = :id', { id: personId, enabled });
}

/** Ends every session of the person (they are logged out on their next request). */
export function endSessions(q: Queryable, personId: string): Promise<number> {
  return run(q, 'DELETE FROM user_session WHERE person_id = :id', { id: personId });
}

export function insertAssignment(
  q: Queryable,
  a: {
    id: string;
    personId: string;
    organisationId: string;
    unitId: string;
    role: string;
    title: string | null;
    validFrom: string;
    validTo: string | null;
    now: string;
  },
): Promise<number> {
  return run(
    q,
    `INSERT INTO assignment (id, person_id, organisation_id, unit_id, role, title, valid_from, valid_to, created_at)
     VALUES (:id, :person, :org, :unit, :role, :title, :from::date, :to::date, :now::timestamptz)`,
    {
      id: a.id,
      person: a.personId,
      org: a.organisationId,
      unit: a.unitId,
      role: a.role,
      title: a.title,
      from: a.validFrom,
      to: a.validTo,
      now: a.now,
    },
  );
}

export function endAssignment(q: Queryable, assignmentId: string, validTo: string): Promise<number> {
  return run(q, 'UPDATE assignment SET valid_to = :valid_to::date WHERE id = :id', {
    id: assignmentId,
    valid_to: validTo,
  });
}

export function updatePerson(
  q: Queryable,
  p: {
    id: string;
    givenName: string;
    familyName: string;
    email: string | null;
    phone: string | null;
    oidcIssuer: string | null;
    oidcSubject: string | null;
  },
): Promise<number> {
  return run(
    q,
    `UPDATE person SET given_name = :given, family_name = :family, email = :email, phone = :phone,
            oidc_issuer = :issuer, oidc_subject = :subject
      WHERE id = :id`,
    {
      id: p.id,
      given: p.givenName,
      family: p.familyName,
      email: p.email,
      phone: p.phone,
      issuer: p.oidcIssuer,
      subject: p.oidcSubject,
    },
  );
}

/** The issuer a person's login id is paired with now. */
export async function issuerOf(q: Queryable, personId: string): Promise<string | null> {
  const r = await q.query<{ oidc_issuer: string | null }>('SELECT oidc_issuer FROM person WHERE id = $1', [personId]);
  return r.rows[0]?.oidc_issuer ?? null;
}
