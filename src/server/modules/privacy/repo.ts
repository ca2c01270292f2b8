import { consentRestsOnPartySql } from '../../access/record-access.js';
import type { SecrecyDomain } from '../../access/actor.js';
import type { Queryable } from '../../db/client.js';
import { isoTimestamp } from '../../../core/time.js';
import type { Consent, Disclosure, LegalBasis } from '../../../contract/privacy.js';

// biome-ignore lint/suspicious/noExplicitAny: rows from the driver are read field by field below
export type Row = Record<string, any>;
export const ts = (v: unknown): string => isoTimestamp(v);
export const tsOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : isoTimestamp(v));
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

// ---------------------------------------------------------------------------------------------
// Consent

/** `todayParam`: the parameter holding the request's day (whether the consent still rests on a custodial guardian). */
const consentSelect = (todayParam: string) => `
  SELECT ${consentRestsOnPartySql('cs', `${todayParam}::date`)} AS rests_on_party, cs.id, cs.child_id, cs.purpose, cs.recipient_unit_ids, cs.source_domains, cs.data_categories, cs.method, cs.method_note,
         cs.valid_from::text AS valid_from, cs.valid_to::text AS valid_to, cs.given, cs.recorded_at, cs.version,
         cs.recorded_by_person_id, rp.given_name || ' ' || rp.family_name AS recorded_by_name,
         cs.withdrawn_at, cs.withdrawn_by_party, cs.withdrawal_note, cs.withdrawn_by_person_id, cs.withdrawn_in_portal,
         wp.given_name || ' ' || wp.family_name AS withdrawn_by_name, wg.given_name || ' ' || wg.family_name AS withdrawn_guardian_name,
         COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'secrecyDomain', u.secrecy_domain) ORDER BY u.name)
                     FROM unit u WHERE u.id = ANY(cs.recipient_unit_ids)), '[]'::json) AS recipients,
         COALESCE((SELECT json_agg(json_build_object('kind', p.party_kind, 'guardianId', p.guardian_id,
                     'name', CASE WHEN g.id IS NULL THEN NULL ELSE g.given_name || ' ' || g.family_name END,
                     'position', p.position, 'notAskedReason', p.not_asked_reason, 'maturityJudgement', p.maturity_judgement,
                     'childDecides', p.child_decides) ORDER BY p.party_kind DESC, g.family_name, g.given_name)
                     FROM consent_party p LEFT JOIN guardian g ON g.id = p.guardian_id WHERE p.consent_id = cs.id), '[]'::json) AS parties
    FROM consent cs
    JOIN person rp ON rp.id = cs.recorded_by_person_id
    LEFT JOIN person wp ON wp.id = cs.withdrawn_by_person_id
    LEFT JOIN guardian wg ON wg.id = cs.withdrawn_by_guardian_id`;

function toConsent(r: Row, now: Date, today: string): Consent {
  const withdrawn = r.withdrawn_at !== null && new Date(r.withdrawn_at).getTime() <= now.getTime();
  const status: Consent['status'] = !r.given
    ? 'not_given'
    : withdrawn
      ? 'withdrawn'
      : r.valid_to < today
        ? 'expired'
        : !r.rests_on_party
          ? 'custody_ended'
          : r.valid_from > today
            ? 'not_yet_valid'
            : 'active';
  return {
    id: r.id,
    childId: r.child_id,
    purpose: r.purpose,
    recipients: parse(r.recipients),
    sourceDomains: r.source_domains,
    dataCategories: r.data_categories,
    method: r.method,
    methodNote: r.method_note,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    given: r.given,
    status,
    parties: parse(r.parties),
    recordedBy: { personId: r.recorded_by_person_id, name: r.recorded_by_name },
    recordedAt: ts(r.recorded_at),
    withdrawal:
      r.withdrawn_at !== null
        ? {
            at: ts(r.withdrawn_at),
            byParty: r.withdrawn_by_party,
            guardianName: r.withdrawn_guardian_name ?? null,
            recordedBy: r.withdrawn_by_person_id
              ? { personId: r.withdrawn_by_person_id, name: r.withdrawn_by_name }
              : null,
            inFamilyPortal: r.withdrawn_in_portal === true,
            note: r.withdrawal_note,
          }
        : null,
    version: Number(r.version),
  };
}

export async function listConsents(q: Queryable, childId: string, now: Date, today: string): Promise<Consent[]> {
  const r = await q.query<Row>(`${consentSelect('$2')} WHERE cs.child_id = $1 ORDER BY cs.recorded_at DESC, cs.id`, [
    childId,
    today,
  ]);
  return r.rows.map((x) => toConsent(x, now, today));
}

export async function loadConsent(
  q: Queryable,
  childId: string,
  id: string,
  now: Date,
  today: string,
): Promise<Consent | null> {
  const r = await q.query<Row>(`${consentSelect('$3')} WHERE cs.child_id = $1 AND cs.id = $2`, [childId, id, today]);
  return r.rows[0] ? toConsent(r.rows[0], now, today) : null;
}

export interface NewConsent {
  id: string;
  childId: string;
  purpose: string;
  recipientUnitIds: string[];
  sourceDomains: string[];
  dataCategories: string[];
  method: string;
  methodNote: string | null;
  validFrom: string;
  validTo: string;
  given: boolean;
  personId: string;
  assignmentId: string;
  now: string;
}

export async function insertConsent(q: Queryable, c: NewConsent): Promise<void> {
  await q.query(
    `INSERT INTO consent (id, child_id, purpose, recipient_unit_ids, source_domains, data_categories, method, method_note, valid_from, valid_to, given,
                          recorded_by_person_id, recorded_by_assignment_id, recorded_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4::uuid[], $5::text[], $6::text[], $7, $8, $9::date, $10::date, $11, $12, $13, $14::timestamptz, $14::timestamptz, $12)`,
    [
      c.id,
      c.childId,
      c.purpose,
      c.recipientUnitIds,
      c.sourceDomains,
      c.dataCategories,
      c.method,
      c.methodNote,
      c.validFrom,
      c.validTo,
      c.given,
      c.personId,
      c.assignmentId,
      c.now,
    ],
  );
}

export async function insertConsentParty(
  q: Queryable,
  p: {
    id: string;
    consentId: string;
    kind: 'guardian' | 'child';
    guardianId: string | null;
    position: string;
    notAskedReason: string | null;
    maturityJudgement: string | null;
    childDecides: boolean;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO consent_party (id, consent_id, party_kind, guardian_id, position, not_asked_reason, maturity_judgement, child_decides) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [p.id, p.consentId, p.kind, p.guardianId, p.position, p.notAskedReason, p.maturityJudgement, p.childDecides],
  );
}

export async function lockConsent(
  q: Queryable,
  childId: string,
  id: string,
): Promise<{ version: number; withdrawn: boolean } | null> {
  const r = await q.query<{ version: number; withdrawn_at: unknown }>(
    'SELECT version, withdrawn_at FROM consent WHERE child_id = $1 AND id = $2 FOR UPDATE',
    [childId, id],
  );
  const row = r.rows[0];
  return row ? { version: Number(row.version), withdrawn: row.withdrawn_at !== null } : null;
}

export async function withdrawConsent(
  q: Queryable,
  w: {
    id: string;
    expectedVersion: number;
    byParty: 'guardian' | 'child';
    guardianId: string | null;
    note: string | null;
    personId: string;
    assignmentId: string;
    now: string;
  },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE consent SET withdrawn_at = $3::timestamptz, withdrawn_by_party = $4, withdrawn_by_guardian_id = $5, withdrawal_note = $6,
            withdrawn_by_person_id = $7, withdrawn_by_assignment_id = $8, version = version + 1, updated_at = $3::timestamptz, updated_by_person_id = $7
      WHERE id = $1 AND version = $2 AND withdrawn_at IS NULL`,
    [w.id, w.expectedVersion, w.now, w.byParty, w.guardianId, w.note, w.personId, w.assignmentId],
  );
  return r.rowCount === 1;
}

/**
 * A withdrawal by the family themself (the guardian, or the child), in their Barnkompass: no
 * professional recorded it. False when the consent is already withdrawn (or gone).
 */
export async function withdrawConsentByFamily(
  q: Queryable,
  w: { id: string; childId: string; byParty: 'guardian' | 'child'; guardianId: string | null; now: string },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE consent SET withdrawn_at = $3::timestamptz, withdrawn_by_party = $4, withdrawn_by_guardian_id = $5,
            withdrawn_in_portal = true, version = version + 1, updated_at = $3::timestamptz
      WHERE id = $1 AND child_id = $2 AND withdrawn_at IS NULL`,
    [w.id, w.childId, w.now, w.byParty, w.guardianId],
  );
  return r.rowCount === 1;
}

/** The child's guardians today: custodial ones must take a position on a consent. */
export async function guardiansOf(
  q: Queryable,
  childId: string,
  today: string,
): Promise<{ id: string; name: string; hasCustody: boolean }[]> {
  const r = await q.query<{ id: string; name: string; has_custody: boolean }>(
    `SELECT g.id, g.given_name || ' ' || g.family_name AS name, cu.has_custody
       FROM custody cu JOIN guardian g ON g.id = cu.guardian_id
      WHERE cu.child_id = $1 AND cu.valid_from <= $2::date AND (cu.valid_to IS NULL OR cu.valid_to >= $2::date)
      ORDER BY cu.has_custody DESC, g.family_name, g.given_name`,
    [childId, today],
  );
  return r.rows.map((x) => ({ id: x.id, name: x.name, hasCustody: x.has_custody }));
}

/** Units of the child's active team, and any other unit named (consent/disclosure recipients). */
export async function teamUnits(
  q: Queryable,
  childId: string,
  today: string,
): Promise<{ id: string; name: string; secrecyDomain: SecrecyDomain }[]> {
  const r = await q.query<{ id: string; name: string; secrecy_domain: SecrecyDomain }>(
    `SELECT DISTINCT u.id, u.name, u.secrecy_domain FROM team_membership t JOIN assignment a ON a.id = t.assignment_id JOIN unit u ON u.id = a.unit_id
      WHERE t.child_id = $1 AND t.valid_from <= $2::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date) ORDER BY u.name`,
    [childId, today],
  );
  return r.rows.map((x) => ({ id: x.id, name: x.name, secrecyDomain: x.secrecy_domain }));
}

export async function unitsById(
  q: Queryable,
  ids: string[],
): Promise<Map<string, { id: string; name: string; secrecyDomain: string }>> {
  const r = await q.query<{ id: string; name: string; secrecy_domain: string }>(
    'SELECT id, name, secrecy_domain FROM unit WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, { id: x.id, name: x.name, secrecyDomain: x.secrecy_domain }]));
}

// ---------------------------------------------------------------------------------------------
// Legal basis

const BASIS_SELECT = `SELECT id, code, edition, title, description, statute_reference, valid_from::text AS valid_from, valid_to::text AS valid_to,
                             allowed_pairs, retired_at, retirement_reason, version FROM legal_basis`;

function toBasis(r: Row, today: string): LegalBasis {
  const pairs = (r.allowed_pairs as string[]).map((p) => {
    const [from, to] = p.split('>') as [string, string];
    return { from, to } as LegalBasis['allowedPairs'][number];
  });
  return {
    id: r.id,
    code: r.code,
    edition: Number(r.edition),
    title: r.title,
    description: r.description,
    statuteReference: r.statute_reference,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    allowedPairs: pairs,
    retiredAt: tsOrNull(r.retired_at),
    retirementReason: r.retirement_reason,
    usable: r.retired_at === null && r.valid_from <= today && (r.valid_to === null || r.valid_to >= today),
    version: Number(r.version),
  };
}

export async function listBases(q: Queryable, today: string): Promise<LegalBasis[]> {
  const r = await q.query<Row>(`${BASIS_SELECT} ORDER BY (retired_at IS NULL) DESC, title, edition DESC`);
  return r.rows.map((x) => toBasis(x, today));
}

export async function loadBasis(q: Queryable, id: string, today: string, lock = false): Promise<LegalBasis | null> {
  const r = await q.query<Row>(`${BASIS_SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ? toBasis(r.rows[0], today) : null;
}

export async function insertBasis(
  q: Queryable,
  b: {
    id: string;
    code: string;
    title: string;
    description: string;
    statuteReference: string;
    validFrom: string;
    validTo: string | null;
    pairs: string[];
    personId: string;
    now: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO legal_basis (id, code, edition, title, description, statute_reference, valid_from, valid_to, allowed_pairs, created_at, created_by_person_id)
     VALUES ($1, $2, (SELECT COALESCE(max(edition), 0) + 1 FROM legal_basis WHERE code = $2), $3, $4, $5, $6::date, $7::date, $8::text[], $9::timestamptz, $10)`,
    [b.id, b.code, b.title, b.description, b.statuteReference, b.validFrom, b.validTo, b.pairs, b.now, b.personId],
  );
}

export async function retireBasis(
  q: Queryable,
  id: string,
  expectedVersion: number,
  reason: string,
  personId: string,
  now: string,
): Promise<boolean> {
  const r = await q.query(
    `UPDATE legal_basis SET retired_at = $3::timestamptz, retirement_reason = $4, retired_by_person_id = $5, version = version + 1
      WHERE id = $1 AND version = $2 AND retired_at IS NULL`,
    [id, expectedVersion, now, reason, personId],
  );
  return r.rowCount === 1;
}

// ---------------------------------------------------------------------------------------------
// Disclosures

const DISCLOSURE_SELECT = `
  SELECT d.id, d.child_id, d.justification, d.from_domain, d.data_categories, d.valid_from::text AS valid_from, d.valid_to::text AS valid_to, d.created_at,
         lb.id AS basis_id, lb.code AS basis_code, lb.edition AS basis_edition, lb.title AS basis_title, lb.statute_reference AS basis_ref, lb.retired_at AS basis_retired_at,
         u.id AS unit_id, u.name AS unit_name, u.secrecy_domain AS unit_domain,
         d.disclosed_by_person_id, p.given_name || ' ' || p.family_name AS disclosed_by_name
    FROM disclosure d
    JOIN legal_basis lb ON lb.id = d.legal_basis_id
    JOIN unit u ON u.id = d.recipient_unit_id
    JOIN person p ON p.id = d.disclosed_by_person_id`;

function toDisclosure(r: Row, now: Date, today: string): Disclosure {
  return {
    id: r.id,
    childId: r.child_id,
    legalBasis: {
      id: r.basis_id,
      code: r.basis_code,
      edition: Number(r.basis_edition),
      title: r.basis_title,
      statuteReference: r.basis_ref,
      retired: r.basis_retired_at !== null,
    },
    justification: r.justification,
    fromDomain: r.from_domain,
    recipient: { id: r.unit_id, name: r.unit_name, secrecyDomain: r.unit_domain },
    dataCategories: r.data_categories,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    active: r.valid_from <= today && r.valid_to >= today && new Date(r.created_at).getTime() <= now.getTime(),
    disclosedBy: { personId: r.disclosed_by_person_id, name: r.disclosed_by_name },
    createdAt: ts(r.created_at),
  };
}

export async function listDisclosures(q: Queryable, childId: string, now: Date, today: string): Promise<Disclosure[]> {
  const r = await q.query<Row>(`${DISCLOSURE_SELECT} WHERE d.child_id = $1 ORDER BY d.created_at DESC, d.id`, [
    childId,
  ]);
  return r.rows.map((x) => toDisclosure(x, now, today));
}

export async function loadDisclosure(
  q: Queryable,
  childId: string,
  id: string,
  now: Date,
  today: string,
): Promise<Disclosure | null> {
  const r = await q.query<Row>(`${DISCLOSURE_SELECT} WHERE d.child_id = $1 AND d.id = $2`, [childId, id]);
  return r.rows[0] ? toDisclosure(r.rows[0], now, today) : null;
}

export async function insertDisclosure(
  q: Queryable,
  d: {
    id: string;
    childId: string;
    basisId: string;
    justification: string;
    fromDomain: string;
    fromUnitId: string | null;
    recipientUnitId: string;
    recipientDomain: string;
    categories: string[];
    validFrom: string;
    validTo: string;
    personId: string;
    assignmentId: string;
    now: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO disclosure (id, child_id, legal_basis_id, justification, from_domain, from_unit_id, recipient_unit_id, recipient_domain, data_categories, valid_from, valid_to,
                             disclosed_by_person_id, disclosed_by_assignment_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::date, $11::date, $12, $13, $14::timestamptz)`,
    [
      d.id,
      d.childId,
      d.basisId,
      d.justification,
      d.fromDomain,
      d.fromUnitId,
      d.recipientUnitId,
      d.recipientDomain,
      d.categories,
      d.validFrom,
      d.validTo,
      d.personId,
      d.assignmentId,
      d.now,
    ],
  );
}
