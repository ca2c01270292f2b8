import { AppError } from '../../core/errors.js';
import type { Queryable } from '../db/client.js';
import type { AssignedActor, AssignmentRole } from './actor.js';

/**
 * The second way into child data, beside the team gate (gate.ts), and deliberately a narrow one:
 * attendance import. A school's principal or school administrator sends the attendance of the
 * pupils ENROLLED at their own school unit. They are usually not on those pupils' teams, so the
 * team gate cannot be the rule; instead:
 *  - the actor acts as principal or unit_admin of a school unit (compulsory or upper secondary);
 *  - the import is for that unit only (another unit → 403, whatever else they hold);
 *  - a personnummer in the file reaches a child only if that child is enrolled at the unit during
 *    the period (`enrolledChildren`); anyone else is "not enrolled here" and never written;
 *  - the import WRITES only: its answer carries line numbers and counts, never child data, so an
 *    importer learns nothing they did not send. Each child written is audited (attendance.import).
 * Reading attendance alerts afterwards is ordinary child data behind the team gate.
 */
export const ATTENDANCE_IMPORT_ROLES: ReadonlySet<AssignmentRole> = new Set(['principal', 'unit_admin']);
/** Who may change an organisation's absence thresholds (a setting, not child data). */
export const ATTENDANCE_THRESHOLD_ROLES: ReadonlySet<AssignmentRole> = new Set([
  'principal',
  'unit_admin',
  'system_admin',
]);
const SCHOOL_UNIT_KINDS = ['compulsory_school', 'upper_secondary_school'];

export interface SchoolUnit {
  id: string;
  name: string;
  organisationId: string;
}

/** The school unit the actor administers attendance for; 403 (with a reason) when there is none. */
export async function requireAttendanceUnit(q: Queryable, actor: AssignedActor, unitId?: string): Promise<SchoolUnit> {
  if (!ATTENDANCE_IMPORT_ROLES.has(actor.role)) {
    throw new AppError(
      'forbidden',
      'Attendance is imported by the principal or a school administrator of the school.',
      { reason: 'role' },
    );
  }
  const r = actor.unitId
    ? await q.query<{ id: string; name: string; organisation_id: string; kind: string }>(
        'SELECT id, name, organisation_id, kind FROM unit WHERE id = $1',
        [actor.unitId],
      )
    : null;
  const u = r?.rows[0];
  if (!u || !SCHOOL_UNIT_KINDS.includes(u.kind))
    throw new AppError('forbidden', 'Your assignment is not at a school unit.', { reason: 'not_a_school' });
  if (unitId !== undefined && unitId !== u.id) {
    throw new AppError(
      'forbidden',
      'You can import attendance only for the school you act for now. Switch assignment to import for another school.',
      { reason: 'other_unit' },
    );
  }
  return { id: u.id, name: u.name, organisationId: u.organisation_id };
}

/**
 * personnummer → child id, for the children enrolled at the unit on some day of the period. Any
 * personnummer not in the answer is "not enrolled here" (whether or not such a child exists).
 */
export async function enrolledChildren(
  q: Queryable,
  unitId: string,
  period: { start: string; end: string },
  personnummer: readonly string[],
): Promise<Map<string, string>> {
  if (personnummer.length === 0) return new Map();
  const r = await q.query<{ id: string; personnummer: string }>(
    `SELECT c.id, c.personnummer FROM child c
      WHERE c.personnummer = ANY($1::text[])
        AND EXISTS (SELECT 1 FROM enrolment e WHERE e.child_id = c.id AND e.unit_id = $2
                     AND e.valid_from <= $4::date AND (e.valid_to IS NULL OR e.valid_to >= $3::date))`,
    [personnummer, unitId, period.start, period.end],
  );
  return new Map(r.rows.map((x) => [x.personnummer, x.id]));
}
