import type { Queryable } from '../../db/client.js';
import type { AssignedActor } from '../../access/actor.js';
import { excludeProtectedSql } from '../../access/record-access.js';
import { formatIdentityNumber } from '../../../core/personnummer.js';
import type { InboxReport, MyReport, ReportOptions } from '../../../contract/reports.js';

/** Roles in a social services unit that receive reports (the inbox). */
export const INBOX_ROLES = ['social_worker', 'social_services_manager'] as const;

interface ReportRow {
  id: string;
  child_id: string | null;
  child_personnummer: string;
  child_name: string;
  municipality_code: string;
  municipality_name: string | null;
  legal_basis_id: string;
  statute_reference: string;
  legal_description: string;
  source: 'child_page' | 'from_scratch';
  concern_text: string;
  immediate_danger: boolean;
  guardians_informed: 'yes' | 'no' | 'not_appropriate';
  reporter_person_id: string;
  reporter_name: string;
  reporter_title: string | null;
  reporter_unit_name: string | null;
  reporter_org_name: string;
  reporter_phone: string | null;
  reporter_email: string | null;
  created_at: Date | string;
  acknowledged_at: Date | string | null;
  ack_person_id: string | null;
  ack_name: string | null;
  ack_title: string | null;
  ack_unit_name: string | null;
  version: number;
  feedback: unknown;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const SELECT = `
  SELECT r.id, r.child_id, r.child_personnummer, r.child_name, r.municipality_code, mo.name AS municipality_name,
         r.legal_basis_id, lb.statute_reference, lb.description AS legal_description, r.source, r.concern_text,
         r.immediate_danger, r.guardians_informed, r.reporter_person_id,
         rp.given_name || ' ' || rp.family_name AS reporter_name, ra.title AS reporter_title, ru.name AS reporter_unit_name,
         ro.name AS reporter_org_name, r.reporter_phone, rp.email AS reporter_email, r.created_at, r.acknowledged_at,
         r.acknowledged_by_person_id AS ack_person_id, ap.given_name || ' ' || ap.family_name AS ack_name, aa.title AS ack_title,
         au.name AS ack_unit_name, r.version,
         coalesce((SELECT json_agg(json_build_object('id', f.id, 'kind', f.kind, 'text', f.text, 'createdAt', f.created_at,
                                                    'unitName', fu.name, 'organisationName', fo.name) ORDER BY f.created_at)
                     FROM report_feedback f JOIN assignment fa ON fa.id = f.created_by_assignment_id
                     JOIN organisation fo ON fo.id = fa.organisation_id LEFT JOIN unit fu ON fu.id = fa.unit_id
                    WHERE f.report_id = r.id), '[]'::json) AS feedback
    FROM report_of_concern r
    JOIN report_legal_basis lb ON lb.id = r.legal_basis_id
    JOIN person rp ON rp.id = r.reporter_person_id
    JOIN assignment ra ON ra.id = r.reporter_assignment_id
    JOIN organisation ro ON ro.id = ra.organisation_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    LEFT JOIN organisation mo ON mo.kind = 'municipality' AND mo.municipality_code = r.municipality_code
    LEFT JOIN person ap ON ap.id = r.acknowledged_by_person_id
    LEFT JOIN assignment aa ON aa.id = r.acknowledged_by_assignment_id
    LEFT JOIN unit au ON au.id = aa.unit_id`;

function feedbackOf(r: ReportRow): MyReport['feedback'] {
  return parse<
    {
      id: string;
      kind: MyReport['feedback'][number]['kind'];
      text: string;
      createdAt: string;
      unitName: string | null;
      organisationName: string;
    }[]
  >(r.feedback).map((f) => ({
    id: f.id,
    kind: f.kind,
    text: f.text,
    createdAt: iso(f.createdAt),
    from: { unitName: f.unitName, organisationName: f.organisationName },
  }));
}

function toMine(r: ReportRow): MyReport {
  const p = r.child_personnummer;
  return {
    id: r.id,
    source: r.source,
    childName: r.child_name,
    childBirthDate: `${p.slice(0, 4)}-${p.slice(4, 6)}-${String(Number(p.slice(6, 8)) > 60 ? Number(p.slice(6, 8)) - 60 : Number(p.slice(6, 8))).padStart(2, '0')}`,
    childId: r.source === 'child_page' ? r.child_id : null,
    municipality: { code: r.municipality_code, name: r.municipality_name },
    legalBasis: { id: r.legal_basis_id, statuteReference: r.statute_reference, description: r.legal_description },
    concern: r.concern_text,
    immediateDanger: r.immediate_danger,
    guardiansInformed: r.guardians_informed,
    createdAt: iso(r.created_at),
    acknowledgedAt: r.acknowledged_at ? iso(r.acknowledged_at) : null,
    feedback: feedbackOf(r),
  };
}

function toInbox(r: ReportRow): InboxReport {
  return {
    id: r.id,
    source: r.source,
    childName: r.child_name,
    childPersonnummer: formatIdentityNumber(r.child_personnummer),
    municipality: { code: r.municipality_code, name: r.municipality_name },
    legalBasis: { id: r.legal_basis_id, statuteReference: r.statute_reference, description: r.legal_description },
    concern: r.concern_text,
    immediateDanger: r.immediate_danger,
    guardiansInformed: r.guardians_informed,
    reporter: {
      personId: r.reporter_person_id,
      name: r.reporter_name,
      title: r.reporter_title,
      unitName: r.reporter_unit_name,
      organisationName: r.reporter_org_name,
      phone: r.reporter_phone,
      email: r.reporter_email,
    },
    createdAt: iso(r.created_at),
    acknowledgedAt: r.acknowledged_at ? iso(r.acknowledged_at) : null,
    acknowledgedBy: r.ack_person_id
      ? { personId: r.ack_person_id, name: r.ack_name ?? '', title: r.ack_title, unitName: r.ack_unit_name }
      : null,
    feedback: feedbackOf(r),
    version: r.version,
  };
}

/** The municipality whose reports the actor's assignment receives, or null (not social services). */
export async function inboxMunicipality(q: Queryable, actor: AssignedActor): Promise<string | null> {
  const r = await q.query<{ code: string | null }>(
    `SELECT coalesce(u.municipality_code, o.municipality_code) AS code
       FROM assignment a JOIN organisation o ON o.id = a.organisation_id JOIN unit u ON u.id = a.unit_id
      WHERE a.id = $1 AND a.role = ANY($2::text[]) AND u.secrecy_domain = 'social_services' AND u.kind = 'social_services'`,
    [actor.assignmentId, INBOX_ROLES],
    'reports.inbox_municipality',
  );
  return r.rows[0]?.code ?? null;
}

/** The legal basis in force on a day. */
export async function legalBasisOn(
  q: Queryable,
  day: string,
): Promise<{ id: string; statuteReference: string; description: string } | null> {
  const r = await q.query<{ id: string; statute_reference: string; description: string }>(
    `SELECT id, statute_reference, description FROM report_legal_basis
      WHERE valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date) ORDER BY valid_from DESC LIMIT 1`,
    [day],
  );
  const row = r.rows[0];
  return row ? { id: row.id, statuteReference: row.statute_reference, description: row.description } : null;
}

export async function options(
  q: Queryable,
  actor: AssignedActor,
): Promise<Omit<ReportOptions, 'legalBasis' | 'mayFile' | 'receivesReports'>> {
  const munis = await q.query<{ code: string; name: string; social: boolean }>(
    `SELECT o.municipality_code AS code, o.name,
            EXISTS (SELECT 1 FROM unit u WHERE u.kind = 'social_services' AND u.municipality_code = o.municipality_code) AS social
       FROM organisation o WHERE o.kind = 'municipality' AND o.municipality_code IS NOT NULL ORDER BY o.name`,
  );
  const own = await q.query<{ code: string | null }>(
    `SELECT coalesce(u.municipality_code, o.municipality_code) AS code FROM assignment a JOIN organisation o ON o.id = a.organisation_id LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [actor.assignmentId],
  );
  return {
    municipalities: munis.rows.map((m) => ({ code: m.code, name: m.name, socialServices: m.social })),
    defaultMunicipalityCode: own.rows[0]?.code ?? null,
  };
}

export async function municipalityExists(q: Queryable, code: string): Promise<boolean> {
  return (
    (await q.query(`SELECT 1 FROM organisation WHERE kind = 'municipality' AND municipality_code = $1`, [code])).rows
      .length > 0
  );
}

export async function childByPersonnummer(q: Queryable, personnummer: string): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    'SELECT id FROM child WHERE personnummer = $1',
    [personnummer],
    'reports.child_by_pnr',
  );
  return r.rows[0]?.id ?? null;
}

export async function childForReport(
  q: Queryable,
  childId: string,
): Promise<{ personnummer: string; name: string; municipalityCode: string } | null> {
  const r = await q.query<{ personnummer: string; given_name: string; family_name: string; municipality_code: string }>(
    'SELECT personnummer, given_name, family_name, municipality_code FROM child WHERE id = $1',
    [childId],
  );
  const c = r.rows[0];
  return c
    ? { personnummer: c.personnummer, name: `${c.given_name} ${c.family_name}`, municipalityCode: c.municipality_code }
    : null;
}

export interface NewReport {
  id: string;
  childId: string | null;
  personnummer: string;
  childName: string;
  municipalityCode: string;
  legalBasisId: string;
  source: 'child_page' | 'from_scratch';
  concern: string;
  immediateDanger: boolean;
  guardiansInformed: string;
  reporterPhone: string | null;
  actor: AssignedActor;
  now: string;
}

export async function insertReport(q: Queryable, r: NewReport): Promise<void> {
  await q.query(
    `INSERT INTO report_of_concern (id, child_id, child_personnummer, child_name, municipality_code, legal_basis_id, source, concern_text,
                                    immediate_danger, guardians_informed, reporter_person_id, reporter_assignment_id, reporter_unit_id,
                                    reporter_phone, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      r.id,
      r.childId,
      r.personnummer,
      r.childName,
      r.municipalityCode,
      r.legalBasisId,
      r.source,
      r.concern,
      r.immediateDanger,
      r.guardiansInformed,
      r.actor.personId,
      r.actor.assignmentId,
      r.actor.unitId,
      r.reporterPhone,
      r.now,
    ],
  );
}

export async function loadMine(q: Queryable, personId: string, reportId?: string): Promise<MyReport[]> {
  const r = await q.query<ReportRow>(
    `${SELECT} WHERE r.reporter_person_id = $1 AND ($2::uuid IS NULL OR r.id = $2::uuid) ORDER BY r.created_at DESC, r.id`,
    [personId, reportId ?? null],
    'reports.mine',
  );
  return r.rows.map(toMine);
}

export async function loadInbox(
  q: Queryable,
  municipalityCode: string,
  reportId?: string,
): Promise<{ report: InboxReport; childId: string | null }[]> {
  const r = await q.query<ReportRow>(
    `${SELECT} WHERE r.municipality_code = $1 AND ($2::uuid IS NULL OR r.id = $2::uuid)
      ORDER BY (r.acknowledged_at IS NULL) DESC, r.created_at DESC, r.id`,
    [municipalityCode, reportId ?? null],
    'reports.inbox',
  );
  return r.rows.map((row) => ({ report: toInbox(row), childId: row.child_id }));
}

export async function lockReport(
  q: Queryable,
  reportId: string,
): Promise<{ municipalityCode: string; childId: string | null; version: number; acknowledged: boolean } | null> {
  const r = await q.query<{
    municipality_code: string;
    child_id: string | null;
    version: number;
    acknowledged_at: unknown;
  }>('SELECT municipality_code, child_id, version, acknowledged_at FROM report_of_concern WHERE id = $1 FOR UPDATE', [
    reportId,
  ]);
  const row = r.rows[0];
  return row
    ? {
        municipalityCode: row.municipality_code,
        childId: row.child_id,
        version: row.version,
        acknowledged: row.acknowledged_at !== null,
      }
    : null;
}

export async function acknowledge(q: Queryable, reportId: string, actor: AssignedActor, now: string): Promise<void> {
  await q.query(
    'UPDATE report_of_concern SET acknowledged_at = $2, acknowledged_by_person_id = $3, acknowledged_by_assignment_id = $4, version = version + 1 WHERE id = $1',
    [reportId, now, actor.personId, actor.assignmentId],
  );
}

export async function insertFeedback(
  q: Queryable,
  f: { id: string; reportId: string; kind: string; text: string; actor: AssignedActor; now: string },
): Promise<void> {
  await q.query(
    'INSERT INTO report_feedback (id, report_id, kind, text, created_at, created_by_person_id, created_by_assignment_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [f.id, f.reportId, f.kind, f.text, f.now, f.actor.personId, f.actor.assignmentId],
  );
  await q.query('UPDATE report_of_concern SET version = version + 1 WHERE id = $1', [f.reportId]);
}

/**
 * Reports per municipality and calendar month (Swedish time), for the follow-up of local
 * operational data. Aggregate only: no ids, no children, no reporters — callers apply their own
 * small-cell suppression before publishing. Reports about a child with protected identity are not
 * counted (protected identity stays out of statistics; a count per municipality and month
 * would point at the municipality the child lives in).
 */
export async function countReportsByMunicipalityMonth(
  q: Queryable,
  from: string,
  to: string,
): Promise<{ municipalityCode: string; month: string; count: number }[]> {
  const r = await q.query<{ municipality_code: string; month: string; n: string | number }>(
    `SELECT r.municipality_code, to_char(r.created_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*) AS n
       FROM report_of_concern r LEFT JOIN child c ON c.id = r.child_id
      WHERE (r.created_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $1::date AND $2::date
        AND (c.id IS NULL OR ${excludeProtectedSql('c')})
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [from, to],
    'reports.count_by_municipality_month',
  );
  return r.rows.map((x) => ({ municipalityCode: x.municipality_code, month: x.month, count: Number(x.n) }));
}
