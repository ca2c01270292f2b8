import { randomUUID } from 'node:crypto';
import { isoTimestamp } from '../../../core/time.js';
import { consentRestsOnPartySql } from '../../access/record-access.js';
import type { Queryable } from '../../db/client.js';
import { sql, textOf } from '../../db/sql.js';
import type {
  AssistanceInbox,
  AssistanceOptions,
  AssistanceRequest,
  AssistanceCreateRequest,
} from '../../../contract/assistance.js';
import type { PersonRef } from '../../../contract/person.js';

// biome-ignore lint/suspicious/noExplicitAny: rows from the driver are read field by field below
type Row = Record<string, any>;

const person = (r: Row, p: string): PersonRef | null =>
  r[`${p}_person_id`]
    ? { personId: r[`${p}_person_id`], name: r[`${p}_name`], title: r[`${p}_title`], unitName: r[`${p}_unit`] }
    : null;

/** Person, title and unit of an assignment, as `<p>_person_id`, `<p>_name`, `<p>_title`, `<p>_unit`. */
const who = (p: string, assignment: string) => `
  (SELECT a.person_id FROM assignment a WHERE a.id = ${assignment}) AS ${p}_person_id,
  (SELECT pp.given_name || ' ' || pp.family_name FROM assignment a JOIN person pp ON pp.id = a.person_id WHERE a.id = ${assignment}) AS ${p}_name,
  (SELECT a.title FROM assignment a WHERE a.id = ${assignment}) AS ${p}_title,
  (SELECT uu.name FROM assignment a JOIN unit uu ON uu.id = a.unit_id WHERE a.id = ${assignment}) AS ${p}_unit`;

const requestsText = textOf(
  (
    where: string,
  ) => `SELECT r.*, u.name AS to_unit_name, u.kind AS to_unit_kind, o.name AS to_org_name, lb.title AS legal_basis_title,
          ${who('sent', 'r.from_assignment_id')}, ${who('answered', 'r.answered_by_assignment_id')}, ${who('joined', 'r.joined_assignment_id')}
     FROM assistance_request r
     JOIN unit u ON u.id = r.to_unit_id JOIN organisation o ON o.id = u.organisation_id
     LEFT JOIN legal_basis lb ON lb.id = r.legal_basis_id
    WHERE ${where}
    ORDER BY r.created_at DESC, r.id`,
);

function toRequest(r: Row): AssistanceRequest {
  return {
    id: r.id,
    childId: r.child_id,
    status: r.status,
    toUnit: { id: r.to_unit_id, name: r.to_unit_name, kind: r.to_unit_kind, organisationName: r.to_org_name },
    basis: {
      kind: r.basis_kind,
      consentId: r.consent_id,
      legalBasisId: r.legal_basis_id,
      legalBasisTitle: r.legal_basis_title ?? null,
    },
    message: r.message,
    sentBy: person(r, 'sent')!,
    sentAt: isoTimestamp(r.created_at),
    answeredBy: person(r, 'answered'),
    answeredAt: r.answered_at ? isoTimestamp(r.answered_at) : null,
    joined: person(r, 'joined'),
    joinedRole: r.joined_team_role,
    declineReason: r.decline_reason,
  };
}

export async function listForChild(q: Queryable, childId: string): Promise<AssistanceRequest[]> {
  const st = sql(requestsText('r.child_id = :child_id'), { child_id: childId });
  return (await q.query<Row>(st.text, st.values)).rows.map(toRequest);
}

export async function loadRequest(q: Queryable, id: string): Promise<AssistanceRequest | null> {
  const st = sql(requestsText('r.id = :id'), { id });
  const r = (await q.query<Row>(st.text, st.values)).rows[0];
  return r ? toRequest(r) : null;
}

/** The request's row, locked for an answer. */
export async function lockRequest(
  q: Queryable,
  id: string,
): Promise<{ childId: string; toUnitId: string; status: string; fromDomain: string | null; basis: Basis } | null> {
  const r = (await q.query<Row>('SELECT * FROM assistance_request WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!r) return null;
  const basis: Basis =
    r.basis_kind === 'consent'
      ? { kind: 'consent', consentId: r.consent_id }
      : { kind: 'legal_basis', legalBasisId: r.legal_basis_id };
  return { childId: r.child_id, toUnitId: r.to_unit_id, status: r.status, fromDomain: r.from_domain, basis };
}

export interface TargetUnit {
  id: string;
  name: string;
  kind: string;
  secrecyDomain: string;
  organisationId: string;
}

export async function targetUnit(q: Queryable, unitId: string, today: string): Promise<TargetUnit | null> {
  const r = await q.query<{ id: string; name: string; kind: string; secrecy_domain: string; organisation_id: string }>(
    `SELECT id, name, kind, secrecy_domain, organisation_id FROM unit
      WHERE id = $1 AND (valid_to IS NULL OR valid_to >= $2::date) AND kind NOT IN ('administration', 'analysis')`,
    [unitId, today],
  );
  const x = r.rows[0];
  return x
    ? { id: x.id, name: x.name, kind: x.kind, secrecyDomain: x.secrecy_domain, organisationId: x.organisation_id }
    : null;
}

export type Basis = AssistanceCreateRequest['basis'];

const consentCoversText = textOf(
  () => `SELECT 1 FROM consent cs
          WHERE cs.id = :consent_id AND cs.child_id = :child_id AND cs.given
            AND (cs.withdrawn_at IS NULL OR cs.withdrawn_at > :now::timestamptz)
            AND cs.valid_from <= :today::date AND cs.valid_to >= :today::date
            AND :unit_id::uuid = ANY(cs.recipient_unit_ids)
            AND ${consentRestsOnPartySql('cs', ':today::date')}`,
);

const basisAllowsText = textOf(
  () => `SELECT 1 FROM legal_basis lb
          WHERE lb.id = :basis_id AND lb.retired_at IS NULL
            AND lb.valid_from <= :today::date AND (lb.valid_to IS NULL OR lb.valid_to >= :today::date)
            AND :pair::text = ANY(lb.allowed_pairs)`,
);

/** Does the basis hold today for asking `unit` about the child, from `fromDomain`? */
export async function basisHolds(
  q: Queryable,
  b: { basis: Basis; childId: string; unit: TargetUnit; fromDomain: string | null; now: Date; today: string },
): Promise<boolean> {
  const st =
    b.basis.kind === 'consent'
      ? sql(consentCoversText(), {
          consent_id: b.basis.consentId,
          child_id: b.childId,
          unit_id: b.unit.id,
          now: b.now.toISOString(),
          today: b.today,
        })
      : sql(basisAllowsText(), {
          basis_id: b.basis.legalBasisId,
          today: b.today,
          pair: `${b.fromDomain ?? 'other'}>${b.unit.secrecyDomain}`,
        });
  return (await q.query(st.text, st.values)).rows.length > 0;
}

export interface NewRequest {
  childId: string;
  from: { personId: string; assignmentId: string; unitId: string | null; domain: string | null };
  toUnitId: string;
  basis: Basis;
  message: string;
  now: string;
}

export async function insertRequest(q: Queryable, n: NewRequest): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO assistance_request (id, child_id, from_person_id, from_assignment_id, from_unit_id, from_domain, to_unit_id,
                                     basis_kind, consent_id, legal_basis_id, message, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12::timestamptz)`,
    [
      id,
      n.childId,
      n.from.personId,
      n.from.assignmentId,
      n.from.unitId,
      n.from.domain,
      n.toUnitId,
      n.basis.kind,
      n.basis.kind === 'consent' ? n.basis.consentId : null,
      n.basis.kind === 'legal_basis' ? n.basis.legalBasisId : null,
      n.message,
      n.now,
    ],
  );
  return id;
}

export async function pendingExists(q: Queryable, childId: string, unitId: string): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM assistance_request WHERE child_id = $1 AND to_unit_id = $2 AND status = 'pending'`,
    [childId, unitId],
  );
  return r.rows.length > 0;
}

export async function answer(
  q: Queryable,
  id: string,
  a: {
    status: 'accepted' | 'declined' | 'withdrawn';
    by: { personId: string; assignmentId: string };
    now: string;
    joined?: { personId: string; assignmentId: string; role: string; membershipId: string };
    declineReason?: string;
  },
): Promise<void> {
  await q.query(
    `UPDATE assistance_request SET status = $2, answered_by_person_id = $3, answered_by_assignment_id = $4, answered_at = $5::timestamptz,
            joined_person_id = $6, joined_assignment_id = $7, joined_team_role = $8, team_membership_id = $9, decline_reason = $10
      WHERE id = $1 AND status = 'pending'`,
    [
      id,
      a.status,
      a.by.personId,
      a.by.assignmentId,
      a.now,
      a.joined?.personId ?? null,
      a.joined?.assignmentId ?? null,
      a.joined?.role ?? null,
      a.joined?.membershipId ?? null,
      a.declineReason ?? null,
    ],
  );
}

/** Units a request can go to: every unit of a service except administration and analysis, and not the asker's own. */
export async function unitOptions(q: Queryable, ownUnitId: string | null, today: string) {
  const r = await q.query<Row>(
    `SELECT u.id, u.name, u.kind, u.secrecy_domain, o.name AS organisation_name FROM unit u JOIN organisation o ON o.id = u.organisation_id
      WHERE u.kind NOT IN ('administration', 'analysis') AND (u.valid_to IS NULL OR u.valid_to >= $2::date)
        AND u.id IS DISTINCT FROM $1::uuid
      ORDER BY o.name, u.name`,
    [ownUnitId, today],
  );
  return r.rows.map((x) => ({
    id: x.id,
    name: x.name,
    kind: x.kind,
    organisationName: x.organisation_name,
    secrecyDomain: x.secrecy_domain,
  }));
}

export async function consentOptions(
  q: Queryable,
  childId: string,
  now: Date,
  today: string,
): Promise<AssistanceOptions['consents']> {
  const r = await q.query<Row>(
    `SELECT cs.id, cs.purpose, cs.recipient_unit_ids, cs.valid_to::text AS valid_to FROM consent cs
      WHERE cs.child_id = $1 AND cs.given AND (cs.withdrawn_at IS NULL OR cs.withdrawn_at > $2::timestamptz)
        AND cs.valid_from <= $3::date AND cs.valid_to >= $3::date AND ${consentRestsOnPartySql('cs', '$3::date')}
      ORDER BY cs.valid_to DESC`,
    [childId, now.toISOString(), today],
  );
  return r.rows.map((x) => ({
    id: x.id,
    purpose: x.purpose,
    recipientUnitIds: x.recipient_unit_ids,
    validTo: x.valid_to,
  }));
}

export async function legalBasisOptions(
  q: Queryable,
  fromDomain: string | null,
  today: string,
): Promise<AssistanceOptions['legalBases']> {
  const r = await q.query<Row>(
    `SELECT id, title, statute_reference, allowed_pairs FROM legal_basis
      WHERE retired_at IS NULL AND valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date)
      ORDER BY title`,
    [today],
  );
  const prefix = `${fromDomain ?? 'other'}>`;
  return r.rows
    .map((x) => ({
      id: x.id,
      title: x.title,
      statuteReference: x.statute_reference,
      toDomains: (x.allowed_pairs as string[]).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)),
    }))
    .filter((x) => x.toDomains.length > 0);
}

const inboxText = textOf(
  () => `SELECT r.id, r.child_id, ch.given_name || ' ' || ch.family_name AS child_name, r.status, r.message, r.created_at,
            u.id AS to_unit_id, u.name AS to_unit_name, u.kind AS to_unit_kind, o.name AS to_org_name,
            fu.name AS from_unit_name, ${who('sent', 'r.from_assignment_id')}
       FROM assistance_request r
       JOIN child ch ON ch.id = r.child_id
       JOIN unit u ON u.id = r.to_unit_id JOIN organisation o ON o.id = u.organisation_id
       LEFT JOIN unit fu ON fu.id = r.from_unit_id
      WHERE r.to_unit_id = ANY(:units::uuid[]) AND r.status = 'pending'
      ORDER BY r.created_at, r.id`,
);

export async function inbox(q: Queryable, unitIds: string[], today: string): Promise<AssistanceInbox['requests']> {
  if (unitIds.length === 0) return [];
  const st = sql(inboxText(), { units: unitIds });
  const rows = (await q.query<Row>(st.text, st.values)).rows;
  const candidates = new Map<string, Awaited<ReturnType<typeof professionalsAt>>>();
  for (const u of new Set(rows.map((r) => r.to_unit_id as string)))
    candidates.set(u, await professionalsAt(q, u, today));
  return rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    childName: r.child_name,
    status: r.status,
    toUnit: { id: r.to_unit_id, name: r.to_unit_name, kind: r.to_unit_kind, organisationName: r.to_org_name },
    fromUnitName: r.from_unit_name,
    sentBy: person(r, 'sent')!,
    sentAt: isoTimestamp(r.created_at),
    message: r.message,
    candidates: candidates.get(r.to_unit_id) ?? [],
  }));
}

/** Case roles with an active assignment at the unit (who can join a child's team from it). */
export async function professionalsAt(q: Queryable, unitId: string, today: string) {
  const r = await q.query<Row>(
    `SELECT a.id AS assignment_id, p.id AS person_id, p.given_name || ' ' || p.family_name AS name, a.title
       FROM assignment a JOIN person p ON p.id = a.person_id AND p.enabled
      WHERE a.unit_id = $1 AND a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
        AND a.role NOT IN ('analyst', 'manager', 'unit_admin', 'system_admin', 'log_reviewer')
      ORDER BY p.family_name, p.given_name, a.id`,
    [unitId, today],
  );
  return r.rows.map((x) => ({ assignmentId: x.assignment_id, personId: x.person_id, name: x.name, title: x.title }));
}
