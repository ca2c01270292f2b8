import type { AbsenceTrigger, AttendanceMeasure } from '../../../core/attendance.js';
import type { Queryable } from '../../db/client.js';
import { isoTimestamp } from '../../../core/time.js';
import type { AttendanceAlert, AttendanceImportSummary, AttendanceThresholds } from '../../../contract/attendance.js';

// ---- thresholds ----

export async function loadThresholds(
  q: Queryable,
  organisationId: string,
  defaults: { totalAbsencePct: number; invalidAbsencePct: number },
): Promise<AttendanceThresholds> {
  const r = await q.query<{
    name: string;
    total: string | null;
    invalid: string | null;
    version: number | null;
    updated_at: unknown;
    person_id: string | null;
    person_name: string | null;
  }>(
    `SELECT o.name, t.total_absence_pct::text AS total, t.invalid_absence_pct::text AS invalid, t.version, t.updated_at,
            p.id AS person_id, p.given_name || ' ' || p.family_name AS person_name
       FROM organisation o
       LEFT JOIN attendance_threshold t ON t.organisation_id = o.id
       LEFT JOIN person p ON p.id = t.updated_by_person_id
      WHERE o.id = $1`,
    [organisationId],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`organisation ${organisationId} not found`);
  if (row.total === null || row.invalid === null) {
    return {
      organisationId,
      organisationName: row.name,
      ...defaults,
      source: 'default',
      updatedAt: null,
      updatedBy: null,
      version: 0,
    };
  }
  return {
    organisationId,
    organisationName: row.name,
    totalAbsencePct: Number(row.total),
    invalidAbsencePct: Number(row.invalid),
    source: 'organisation',
    updatedAt: isoTimestamp(row.updated_at),
    updatedBy: row.person_id ? { personId: row.person_id, name: row.person_name ?? '' } : null,
    version: Number(row.version),
  };
}

/** Saves the thresholds if the stored version is still `expectedVersion` (0 = none saved yet). */
export async function saveThresholds(
  q: Queryable,
  t: {
    organisationId: string;
    expectedVersion: number;
    totalAbsencePct: number;
    invalidAbsencePct: number;
    personId: string;
    assignmentId: string;
    now: string;
  },
): Promise<boolean> {
  if (t.expectedVersion === 0) {
    const r = await q.query(
      `INSERT INTO attendance_threshold (organisation_id, total_absence_pct, invalid_absence_pct, version, updated_at, updated_by_person_id, updated_by_assignment_id)
       VALUES ($1, $2, $3, 1, $4::timestamptz, $5, $6) ON CONFLICT (organisation_id) DO NOTHING`,
      [t.organisationId, t.totalAbsencePct, t.invalidAbsencePct, t.now, t.personId, t.assignmentId],
    );
    return r.rowCount === 1;
  }
  const r = await q.query(
    `UPDATE attendance_threshold SET total_absence_pct = $3, invalid_absence_pct = $4, version = version + 1, updated_at = $5::timestamptz,
            updated_by_person_id = $6, updated_by_assignment_id = $7
      WHERE organisation_id = $1 AND version = $2`,
    [t.organisationId, t.expectedVersion, t.totalAbsencePct, t.invalidAbsencePct, t.now, t.personId, t.assignmentId],
  );
  return r.rowCount === 1;
}

// ---- imports ----

interface ImportRow {
  id: string;
  unit_id: string;
  unit_name: string;
  period_start: string;
  period_end: string;
  measure: AttendanceMeasure;
  rows_total: number;
  rows_imported: number;
  not_enrolled_lines: number[];
  children: number;
  alerts_raised: number;
  alerts_without_reviewer_lines: number[];
  total_threshold_pct: string;
  invalid_threshold_pct: string;
  imported_at: unknown;
  person_id: string;
  person_name: string;
}

const IMPORT_SELECT = `
  SELECT i.id, i.unit_id, u.name AS unit_name, i.period_start::text AS period_start, i.period_end::text AS period_end, i.measure,
         i.rows_total, i.rows_imported, i.not_enrolled_lines, i.children, i.alerts_raised, i.alerts_without_reviewer_lines,
         i.total_threshold_pct::text AS total_threshold_pct, i.invalid_threshold_pct::text AS invalid_threshold_pct, i.imported_at,
         p.id AS person_id, p.given_name || ' ' || p.family_name AS person_name
    FROM attendance_import i JOIN unit u ON u.id = i.unit_id JOIN person p ON p.id = i.imported_by_person_id`;

function toSummary(r: ImportRow, alreadyImported: boolean): AttendanceImportSummary {
  return {
    importId: r.id,
    alreadyImported,
    unit: { id: r.unit_id, name: r.unit_name },
    periodStart: r.period_start,
    periodEnd: r.period_end,
    measure: r.measure,
    rowsTotal: Number(r.rows_total),
    rowsImported: Number(r.rows_imported),
    notEnrolledLines: (r.not_enrolled_lines ?? []).map(Number),
    children: Number(r.children),
    alertsRaised: Number(r.alerts_raised),
    alertsWithoutReviewerLines: (r.alerts_without_reviewer_lines ?? []).map(Number),
    thresholds: { totalAbsencePct: Number(r.total_threshold_pct), invalidAbsencePct: Number(r.invalid_threshold_pct) },
    importedAt: isoTimestamp(r.imported_at),
    importedBy: { personId: r.person_id, name: r.person_name },
  };
}

export async function findImportByHash(
  q: Queryable,
  unitId: string,
  sha256: string,
): Promise<AttendanceImportSummary | null> {
  const r = await q.query<ImportRow>(`${IMPORT_SELECT} WHERE i.unit_id = $1 AND i.file_sha256 = $2`, [unitId, sha256]);
  return r.rows[0] ? toSummary(r.rows[0], true) : null;
}

export async function loadImport(
  q: Queryable,
  unitId: string,
  importId: string,
): Promise<AttendanceImportSummary | null> {
  const r = await q.query<ImportRow>(`${IMPORT_SELECT} WHERE i.unit_id = $1 AND i.id = $2`, [unitId, importId]);
  return r.rows[0] ? toSummary(r.rows[0], false) : null;
}

export async function listImports(q: Queryable, unitId: string): Promise<AttendanceImportSummary[]> {
  const r = await q.query<ImportRow>(
    `${IMPORT_SELECT} WHERE i.unit_id = $1 ORDER BY i.imported_at DESC, i.id LIMIT 100`,
    [unitId],
  );
  return r.rows.map((x) => toSummary(x, false));
}

export interface NewImport {
  id: string;
  unitId: string;
  sha256: string;
  periodStart: string;
  periodEnd: string;
  measure: AttendanceMeasure;
  rowsTotal: number;
  rowsImported: number;
  notEnrolledLines: number[];
  children: number;
  alertsRaised: number;
  alertsWithoutReviewerLines: number[];
  totalThresholdPct: number;
  invalidThresholdPct: number;
  personId: string;
  assignmentId: string;
  now: string;
}

export async function insertImport(q: Queryable, i: NewImport): Promise<void> {
  await q.query(
    `INSERT INTO attendance_import (id, unit_id, file_sha256, period_start, period_end, measure, rows_total, rows_imported, not_enrolled_lines, children,
                                    alerts_raised, alerts_without_reviewer_lines, total_threshold_pct, invalid_threshold_pct,
                                    imported_by_person_id, imported_by_assignment_id, imported_at)
     VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8, $9::int[], $10, $11, $12::int[], $13, $14, $15, $16, $17::timestamptz)`,
    [
      i.id,
      i.unitId,
      i.sha256,
      i.periodStart,
      i.periodEnd,
      i.measure,
      i.rowsTotal,
      i.rowsImported,
      i.notEnrolledLines,
      i.children,
      i.alertsRaised,
      i.alertsWithoutReviewerLines,
      i.totalThresholdPct,
      i.invalidThresholdPct,
      i.personId,
      i.assignmentId,
      i.now,
    ],
  );
}

export interface NewRecord {
  id: string;
  childId: string;
  scheduled: number;
  validAbsence: number;
  invalidAbsence: number;
  sourceLines: number;
}

/** All of one import's records in one statement. */
export async function insertRecords(
  q: Queryable,
  importId: string,
  unitId: string,
  period: { start: string; end: string },
  measure: AttendanceMeasure,
  rows: NewRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO attendance_record (id, import_id, child_id, unit_id, period_start, period_end, measure, scheduled, valid_absence, invalid_absence, source_lines)
     SELECT u.id, $1, u.child_id, $2, $3::date, $4::date, $5, u.scheduled, u.valid_absence, u.invalid_absence, u.source_lines
       FROM unnest($6::uuid[], $7::uuid[], $8::int[], $9::int[], $10::int[], $11::int[]) AS u(id, child_id, scheduled, valid_absence, invalid_absence, source_lines)`,
    [
      importId,
      unitId,
      period.start,
      period.end,
      measure,
      rows.map((r) => r.id),
      rows.map((r) => r.childId),
      rows.map((r) => r.scheduled),
      rows.map((r) => r.validAbsence),
      rows.map((r) => r.invalidAbsence),
      rows.map((r) => r.sourceLines),
    ],
  );
}

/** Children of the list that already have an alert for this unit and period (any status). */
export async function childrenWithAlert(
  q: Queryable,
  unitId: string,
  period: { start: string; end: string },
  childIds: readonly string[],
): Promise<Set<string>> {
  if (childIds.length === 0) return new Set();
  const r = await q.query<{ child_id: string }>(
    'SELECT child_id FROM attendance_alert WHERE unit_id = $1 AND period_start = $2::date AND period_end = $3::date AND child_id = ANY($4::uuid[])',
    [unitId, period.start, period.end, childIds],
  );
  return new Set(r.rows.map((x) => x.child_id));
}

/**
 * Who reviews a child's attendance alert: the child's barnets bästa-ansvarig (an active
 * best_interest_lead membership); when the child has none, a principal of the alert's unit who is on
 * the child's team. Both pass the gate, so the alert can be read and acted on. The same rule is the
 * to-do list's (todo/repo.ts). Returns the children of the list that have nobody.
 */
export async function childrenWithoutReviewer(
  q: Queryable,
  unitId: string,
  childIds: readonly string[],
  today: string,
): Promise<Set<string>> {
  if (childIds.length === 0) return new Set();
  const r = await q.query<{ child_id: string }>(
    `SELECT c.id AS child_id FROM unnest($1::uuid[]) AS c(id)
      WHERE NOT EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = c.id AND t.team_role = 'best_interest_lead'
                          AND t.valid_from <= $3::date AND (t.valid_to IS NULL OR t.valid_to >= $3::date))
        AND NOT EXISTS (SELECT 1 FROM team_membership t JOIN assignment a ON a.id = t.assignment_id
                         WHERE t.child_id = c.id AND a.role = 'principal' AND a.unit_id = $2
                           AND t.valid_from <= $3::date AND (t.valid_to IS NULL OR t.valid_to >= $3::date))`,
    [childIds, unitId, today],
  );
  return new Set(r.rows.map((x) => x.child_id));
}

export interface NewAlert {
  id: string;
  childId: string;
  recordId: string;
  scheduled: number;
  validAbsence: number;
  invalidAbsence: number;
  totalAbsencePct: number;
  invalidAbsencePct: number;
  triggered: AbsenceTrigger[];
}

export async function insertAlerts(
  q: Queryable,
  a: {
    importId: string;
    unitId: string;
    period: { start: string; end: string };
    measure: AttendanceMeasure;
    thresholds: { totalAbsencePct: number; invalidAbsencePct: number };
    reviewDue: string;
    now: string;
  },
  rows: NewAlert[],
): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO attendance_alert (id, child_id, unit_id, import_id, record_id, period_start, period_end, measure, scheduled, valid_absence, invalid_absence,
                                   total_absence_pct, invalid_absence_pct, total_threshold_pct, invalid_threshold_pct, triggered, review_due, created_at)
     SELECT u.id, u.child_id, $1, $2, u.record_id, $3::date, $4::date, $5, u.scheduled, u.valid_absence, u.invalid_absence,
            u.total_pct, u.invalid_pct, $6, $7, string_to_array(u.triggered, ','), $8::date, $9::timestamptz
       FROM unnest($10::uuid[], $11::uuid[], $12::uuid[], $13::int[], $14::int[], $15::int[], $16::numeric[], $17::numeric[], $18::text[])
         AS u(id, child_id, record_id, scheduled, valid_absence, invalid_absence, total_pct, invalid_pct, triggered)`,
    [
      a.unitId,
      a.importId,
      a.period.start,
      a.period.end,
      a.measure,
      a.thresholds.totalAbsencePct,
      a.thresholds.invalidAbsencePct,
      a.reviewDue,
      a.now,
      rows.map((r) => r.id),
      rows.map((r) => r.childId),
      rows.map((r) => r.recordId),
      rows.map((r) => r.scheduled),
      rows.map((r) => r.validAbsence),
      rows.map((r) => r.invalidAbsence),
      rows.map((r) => r.totalAbsencePct),
      rows.map((r) => r.invalidAbsencePct),
      rows.map((r) => r.triggered.join(',')),
    ],
  );
}

// ---- alerts ----

interface AlertRow {
  id: string;
  child_id: string;
  unit_id: string;
  unit_name: string;
  period_start: string;
  period_end: string;
  measure: AttendanceMeasure;
  scheduled: number;
  valid_absence: number;
  invalid_absence: number;
  total_absence_pct: string;
  invalid_absence_pct: string;
  total_threshold_pct: string;
  invalid_threshold_pct: string;
  triggered: string[];
  status: AttendanceAlert['status'];
  review_due: string;
  dismiss_reason: string | null;
  concern_id: string | null;
  reviewed_at: unknown;
  reviewed_by_person_id: string | null;
  reviewed_by_name: string | null;
  reviewed_by_title: string | null;
  reviewed_by_unit: string | null;
  created_at: unknown;
  version: number;
}

const ALERT_SELECT = `
  SELECT a.id, a.child_id, a.unit_id, u.name AS unit_name, a.period_start::text AS period_start, a.period_end::text AS period_end, a.measure,
         a.scheduled, a.valid_absence, a.invalid_absence, a.total_absence_pct::text AS total_absence_pct, a.invalid_absence_pct::text AS invalid_absence_pct,
         a.total_threshold_pct::text AS total_threshold_pct, a.invalid_threshold_pct::text AS invalid_threshold_pct, a.triggered, a.status,
         a.review_due::text AS review_due, a.dismiss_reason, a.concern_id, a.reviewed_at, a.reviewed_by_person_id,
         rp.given_name || ' ' || rp.family_name AS reviewed_by_name, ra.title AS reviewed_by_title, ru.name AS reviewed_by_unit, a.created_at, a.version
    FROM attendance_alert a
    JOIN unit u ON u.id = a.unit_id
    LEFT JOIN person rp ON rp.id = a.reviewed_by_person_id
    LEFT JOIN assignment ra ON ra.id = a.reviewed_by_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id`;

function toAlert(r: AlertRow, today: string): AttendanceAlert {
  return {
    id: r.id,
    childId: r.child_id,
    unit: { id: r.unit_id, name: r.unit_name },
    periodStart: r.period_start,
    periodEnd: r.period_end,
    measure: r.measure,
    scheduled: Number(r.scheduled),
    validAbsence: Number(r.valid_absence),
    invalidAbsence: Number(r.invalid_absence),
    totalAbsencePct: Number(r.total_absence_pct),
    invalidAbsencePct: Number(r.invalid_absence_pct),
    thresholds: { totalAbsencePct: Number(r.total_threshold_pct), invalidAbsencePct: Number(r.invalid_threshold_pct) },
    triggered: (['total', 'invalid'] as const).filter((k) => (r.triggered ?? []).includes(k)),
    status: r.status,
    reviewDue: r.review_due,
    overdue: r.status === 'open' && r.review_due < today,
    review:
      r.status !== 'open' && r.reviewed_by_person_id
        ? {
            reviewedAt: isoTimestamp(r.reviewed_at),
            reviewedBy: {
              personId: r.reviewed_by_person_id,
              name: r.reviewed_by_name ?? '',
              title: r.reviewed_by_title,
              unitName: r.reviewed_by_unit,
            },
            dismissReason: r.dismiss_reason,
            concernId: r.concern_id,
          }
        : null,
    createdAt: isoTimestamp(r.created_at),
    version: Number(r.version),
  };
}

export async function listAlerts(q: Queryable, childId: string, today: string): Promise<AttendanceAlert[]> {
  const r = await q.query<AlertRow>(
    `${ALERT_SELECT} WHERE a.child_id = $1 ORDER BY a.period_end DESC, a.created_at DESC, a.id`,
    [childId],
  );
  return r.rows.map((x) => toAlert(x, today));
}

export async function loadAlert(
  q: Queryable,
  childId: string,
  alertId: string,
  today: string,
): Promise<AttendanceAlert | null> {
  const r = await q.query<AlertRow>(`${ALERT_SELECT} WHERE a.child_id = $1 AND a.id = $2`, [childId, alertId]);
  return r.rows[0] ? toAlert(r.rows[0], today) : null;
}

export async function lockAlert(
  q: Queryable,
  childId: string,
  alertId: string,
): Promise<{ version: number; status: string } | null> {
  const r = await q.query<{ version: number; status: string }>(
    'SELECT version, status FROM attendance_alert WHERE child_id = $1 AND id = $2 FOR UPDATE',
    [childId, alertId],
  );
  return r.rows[0] ? { version: Number(r.rows[0].version), status: r.rows[0].status } : null;
}

export async function reviewAlert(
  q: Queryable,
  r: {
    alertId: string;
    expectedVersion: number;
    status: 'dismissed' | 'concern_created';
    dismissReason: string | null;
    concernId: string | null;
    personId: string;
    assignmentId: string;
    now: string;
  },
): Promise<boolean> {
  const res = await q.query(
    `UPDATE attendance_alert SET status = $3, dismiss_reason = $4, concern_id = $5, reviewed_at = $8::timestamptz, reviewed_by_person_id = $6,
            reviewed_by_assignment_id = $7, version = version + 1
      WHERE id = $1 AND version = $2 AND status = 'open'`,
    [r.alertId, r.expectedVersion, r.status, r.dismissReason, r.concernId, r.personId, r.assignmentId, r.now],
  );
  return res.rowCount === 1;
}
