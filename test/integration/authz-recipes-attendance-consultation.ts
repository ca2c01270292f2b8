/**
 * The authorization matrix's call recipes for the child routes of attendance alerts and of linking
 * an anonymous consultation to a child, and the rows they need (written straight into the tables,
 * not through the code under test). Kept beside the matrix so that the matrix file only spreads
 * them in.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../src/server/db/client.js';
import { testToday } from '../helpers/clock.js';
import type { ChildRef } from '../helpers/fixtures.js';

/** Per child: two open alerts (one to read, one to review) and one advised consultation case. */
const alertsOf = new Map<string, { read: string; review: string }>();
const consultationOf = new Map<string, string>();
const noAlertData = (b: any) => b.error === 'not_found' && !/validAbsence|scheduled|triggered/.test(JSON.stringify(b));
const noLinkData = (b: any) => b.error === 'not_found' && !/chronologyEntryId|consentId/.test(JSON.stringify(b));

export const ATTENDANCE_CONSULTATION_CALLS = {
  'GET /api/children/:childId/attendance-alerts': {
    call: (c: ChildRef) => ({ method: 'GET' as const, url: `/api/children/${c.id}/attendance-alerts` }),
    allowed: (b: any, c: ChildRef) =>
      b.alerts.some((a: { id: string; childId: string }) => a.id === alertsOf.get(c.id)!.read && a.childId === c.id),
    deniedStatus: 404,
    denied: noAlertData,
  },
  'GET /api/children/:childId/attendance-alerts/:alertId': {
    call: (c: ChildRef) => ({
      method: 'GET' as const,
      url: `/api/children/${c.id}/attendance-alerts/${alertsOf.get(c.id)!.read}`,
    }),
    allowed: (b: any, c: ChildRef) => b.id === alertsOf.get(c.id)!.read && b.childId === c.id,
    deniedStatus: 404,
    denied: noAlertData,
  },
  'POST /api/children/:childId/attendance-alerts/:alertId/review': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: `/api/children/${c.id}/attendance-alerts/${alertsOf.get(c.id)!.review}/review`,
      headers: { 'if-match': '"v1"' },
      payload: { outcome: 'dismissed', reason: 'Matrisens bedömning' },
    }),
    allowed: (b: any, c: ChildRef) =>
      b.alert.id === alertsOf.get(c.id)!.review && b.alert.status === 'dismissed' && b.concern === null,
    deniedStatus: 404,
    denied: noAlertData,
  },
  'POST /api/consultation-cases/:caseId/link': {
    call: (c: ChildRef) => ({
      method: 'POST' as const,
      url: `/api/consultation-cases/${consultationOf.get(c.id)!}/link`,
      payload: {
        childId: c.id,
        consent: { givenBy: ['guardian_1', 'guardian_2'], method: 'signed_paper', givenOn: testToday() },
      },
    }),
    allowed: (b: any, c: ChildRef) => b.childId === c.id && b.caseId === consultationOf.get(c.id),
    allowedStatus: 201,
    deniedStatus: 404,
    denied: noLinkData,
  },
};

export interface RecipeCase {
  child: ChildRef;
  relation: string;
  /** The assignment (and person) that is allowed for this child in the matrix. */
  author?: { personId: string; assignmentId: string; organisationId: string };
}

/**
 * Writes, for every child: an attendance import with two open alerts, and an advised consultation
 * case authored by the actor who is allowed for that child (so linking it is theirs to do).
 */
export async function seedAttendanceConsultation(
  db: Db,
  cases: RecipeCase[],
  fallback: { personId: string; assignmentId: string; organisationId: string },
): Promise<void> {
  alertsOf.clear();
  consultationOf.clear();
  const today = testToday();
  const unit = (
    await db.query<{ unit_id: string }>('SELECT unit_id FROM assignment WHERE id = $1', [fallback.assignmentId])
  ).rows[0]!.unit_id;
  const team = (await db.query<{ id: string }>('SELECT id FROM consultation_team ORDER BY name LIMIT 1')).rows[0]!.id;
  // Two imports: a record is one child in one import, and each child gets two alerts.
  const importIds = [randomUUID(), randomUUID()];
  for (const importId of importIds) {
    await db.query(
      `INSERT INTO attendance_import (id, unit_id, file_sha256, period_start, period_end, measure, rows_total, rows_imported, children, alerts_raised,
                                      total_threshold_pct, invalid_threshold_pct, imported_by_person_id, imported_by_assignment_id, imported_at)
       VALUES ($1, $2, $3, $4::date - 30, $4::date - 1, 'minutes', 0, 0, 0, 0, 15, 5, $5, $6, now())`,
      [
        importId,
        unit,
        createHash('sha256').update(importId).digest('hex'),
        today,
        fallback.personId,
        fallback.assignmentId,
      ],
    );
  }
  const authorOf = new Map<string, RecipeCase['author']>();
  for (const c of cases) if (c.relation === 'on_team' && c.author) authorOf.set(c.child.id, c.author);
  let n = 0;
  for (const c of cases) {
    if (alertsOf.has(c.child.id)) continue;
    const ids = { read: randomUUID(), review: randomUUID() };
    alertsOf.set(c.child.id, ids);
    const caseId = randomUUID();
    consultationOf.set(c.child.id, caseId);
    if (!(await db.query('SELECT 1 FROM child WHERE id = $1', [c.child.id])).rows.length) continue;
    for (const [i, id] of [ids.read, ids.review].entries()) {
      const recordId = randomUUID();
      // Each alert its own period (one alert per child, unit and period).
      await db.query(
        `INSERT INTO attendance_record (id, import_id, child_id, unit_id, period_start, period_end, measure, scheduled, valid_absence, invalid_absence, source_lines)
         VALUES ($1, $2, $3, $4, $5::date - 400 - $6::int, $5::date - 400 - $6::int, 'minutes', 300, 60, 30, 1)`,
        [recordId, importIds[i], c.child.id, unit, today, n * 2 + i],
      );
      await db.query(
        `INSERT INTO attendance_alert (id, child_id, unit_id, import_id, record_id, period_start, period_end, measure, scheduled, valid_absence, invalid_absence,
                                       total_absence_pct, invalid_absence_pct, total_threshold_pct, invalid_threshold_pct, triggered, review_due, created_at)
         SELECT $1, child_id, unit_id, import_id, id, period_start, period_end, 'minutes', 300, 60, 30, 30, 10, 15, 5, '{total,invalid}', $3::date + 7, now()
           FROM attendance_record WHERE id = $2`,
        [id, recordId, today],
      );
    }
    n += 1;
    const author = authorOf.get(c.child.id) ?? fallback;
    await db.query(
      `INSERT INTO consultation_case (id, team_id, age_band, school_stage, municipality_code, indicators, description, question, advice, consulted_on, participant_roles,
                                      advised_at, advised_by_person_id, advised_by_assignment_id, author_person_id, author_assignment_id, author_organisation_id,
                                      version, created_at, updated_at, updated_by_person_id)
       VALUES ($1, $2, '10_12', 'grades_4_6', '0780', '{safe}', 'Matrisens anonyma ärende', NULL, 'Matrisens råd', $3::date - 1, '{school_counsellor}',
               now(), $4, $5, $4, $5, $6, 2, now(), now(), $4)`,
      [caseId, team, today, author.personId, author.assignmentId, author.organisationId],
    );
  }
}
