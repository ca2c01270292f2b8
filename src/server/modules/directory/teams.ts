import type { Queryable } from '../../db/client.js';
import { sql, textOf } from '../../db/sql.js';

/**
 * The teams the sources form, as rules in data. While an enrolment lasts, a pupil's team holds
 *  - the principal of the school (the barnets bästa-ansvarig of a school child; at a preschool a
 *    member: an infant's and a preschool child's barnets bästa-ansvarig is the BVC nurse),
 *  - the mentor of any of the pupil's groups, and the teacher of the pupil's class (at a preschool,
 *    of the child's department), while the pupil
 *    is enrolled at the group's school (a group list the source has not yet cleaned up gives no access),
 *  - the school's elevhälsa: counsellor, school nurse and psychologist at the elevhälsa units that
 *    belong to the school (`unit.parent_unit_id`);
 * and while a BVC listing lasts, the nurse it names (barnets bästa-ansvarig until the child starts
 * school). Each row is valid for the overlap of what formed it, so a duty, enrolment or group
 * membership that ends ends the membership that day.
 *
 * A child with a barnets bästa-ansvarig appointed by hand (a handover) keeps that one: the source's
 * would-be lead joins as a member. The reconciliation touches only rows of origin 'directory' that
 * are current or future; the past is history and stays as it is.
 */
export async function reconcileDirectoryTeams(
  tx: Queryable,
  today: string,
): Promise<{ created: number; updated: number; ended: number }> {
  const st = sql(RECONCILE(), { today });
  const r = await tx.query<{ created: string; updated: string; ended: string }>(
    st.text,
    st.values,
    'directory.reconcile_teams',
  );
  const row = r.rows[0]!;
  return { created: Number(row.created), updated: Number(row.updated), ended: Number(row.ended) };
}

/** LEAST over end dates where NULL means "open": NULL only when every one is open. */
function endOf(...ends: string[]): string {
  return `CASE WHEN ${ends.map((e) => `${e} IS NULL`).join(' AND ')} THEN NULL ELSE LEAST(${ends.join(', ')}) END`;
}

const SCHOOL_KINDS = `('compulsory_school', 'upper_secondary_school')`;
const STUDENT_HEALTH_ROLES = `('school_counsellor', 'school_nurse', 'school_psychologist')`;

/** Every (child, assignment, role, period) the sources call for, before merging duplicates. */
const FORMED = `
  SELECT e.child_id, a.id AS assignment_id,
         CASE WHEN u.kind IN ${SCHOOL_KINDS} AND NOT EXISTS (
                SELECT 1 FROM team_membership m WHERE m.child_id = e.child_id AND m.origin = 'manual'
                   AND m.team_role = 'best_interest_lead' AND m.valid_from <= :today::date
                   AND (m.valid_to IS NULL OR m.valid_to >= :today::date))
              THEN 'best_interest_lead' ELSE 'member' END AS team_role,
         GREATEST(e.valid_from, a.valid_from) AS valid_from, ${endOf('e.valid_to', 'a.valid_to')} AS valid_to
    FROM enrolment e JOIN unit u ON u.id = e.unit_id
    JOIN assignment a ON a.unit_id = e.unit_id AND a.role = 'principal'
  UNION ALL
  SELECT gm.child_id, a.id, 'member',
         GREATEST(gm.valid_from, g.valid_from, gs.valid_from, a.valid_from, e.valid_from),
         ${endOf('gm.valid_to', 'g.valid_to', 'gs.valid_to', 'a.valid_to', 'e.valid_to')}
    FROM pupil_group_member gm JOIN pupil_group g ON g.id = gm.group_id
    JOIN enrolment e ON e.child_id = gm.child_id AND e.unit_id = g.unit_id
    JOIN pupil_group_staff gs ON gs.group_id = g.id
    JOIN assignment a ON a.id = gs.assignment_id
   WHERE gs.staff_role = 'mentor' OR (gs.staff_role = 'teacher' AND g.group_type IN ('Klass', 'Avdelning'))
  UNION ALL
  SELECT e.child_id, a.id, 'member', GREATEST(e.valid_from, a.valid_from), ${endOf('e.valid_to', 'a.valid_to')}
    FROM enrolment e JOIN unit h ON h.parent_unit_id = e.unit_id
    JOIN assignment a ON a.unit_id = h.id AND a.role IN ${STUDENT_HEALTH_ROLES}
  UNION ALL
  SELECT l.child_id, a.id, 'best_interest_lead', GREATEST(l.valid_from, a.valid_from),
         ${endOf('l.valid_to', 'a.valid_to', 'school.starts')}
    FROM health_listing l JOIN assignment a ON a.id = l.nurse_assignment_id
    LEFT JOIN LATERAL (
      SELECT min(e.valid_from) - 1 AS starts FROM enrolment e JOIN unit u ON u.id = e.unit_id
       WHERE e.child_id = l.child_id AND u.kind IN ${SCHOOL_KINDS}) school ON true`;

/**
 * One row per (child, assignment, team role) that is current or future. A current row keeps the day
 * it began (that is history); its end follows the sources. A row the sources no longer call for ends
 * yesterday (or never took effect, when it had not begun). A new row begins after any earlier,
 * ended row for the same seat, so the history never overlaps.
 */
const RECONCILE = textOf(
  () => `
  WITH formed AS (${FORMED}),
  desired AS (
    SELECT f.child_id, a.person_id, f.assignment_id, f.team_role, min(f.valid_from) AS valid_from,
           CASE WHEN bool_or(f.valid_to IS NULL) THEN NULL ELSE max(f.valid_to) END AS valid_to
      FROM formed f JOIN assignment a ON a.id = f.assignment_id
     WHERE f.valid_to IS NULL OR f.valid_to >= f.valid_from
     GROUP BY f.child_id, a.person_id, f.assignment_id, f.team_role),
  current AS (
    SELECT t.id, t.child_id, t.assignment_id, t.team_role, t.valid_from AS old_from, t.valid_to AS old_to,
           d.child_id IS NOT NULL AS wanted,
           CASE WHEN t.valid_from > :today::date THEN d.valid_from ELSE t.valid_from END AS new_from,
           d.valid_to AS new_to
      FROM team_membership t LEFT JOIN desired d USING (child_id, assignment_id, team_role)
     WHERE t.origin = 'directory' AND (t.valid_to IS NULL OR t.valid_to >= :today::date)),
  updated AS (
    UPDATE team_membership t
       SET valid_from = c.new_from,
           valid_to = CASE WHEN c.new_to IS NULL THEN NULL ELSE GREATEST(c.new_to, c.new_from - 1) END
      FROM current c
     WHERE t.id = c.id AND c.wanted AND (c.old_to IS DISTINCT FROM c.new_to OR c.old_from <> c.new_from) RETURNING t.id),
  ended AS (
    UPDATE team_membership t SET valid_to = GREATEST(:today::date - 1, t.valid_from - 1) FROM current c
     WHERE t.id = c.id AND NOT c.wanted RETURNING t.id),
  created AS (
    INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from, valid_to, origin)
    SELECT gen_random_uuid(), d.child_id, d.person_id, d.assignment_id, d.team_role,
           GREATEST(d.valid_from, (SELECT max(p.valid_to) + 1 FROM team_membership p
                                    WHERE p.origin = 'directory' AND p.child_id = d.child_id
                                      AND p.assignment_id = d.assignment_id AND p.team_role = d.team_role)),
           d.valid_to, 'directory'
      FROM desired d
     WHERE (d.valid_to IS NULL OR d.valid_to >= :today::date)
       AND NOT EXISTS (SELECT 1 FROM current c WHERE c.child_id = d.child_id
                          AND c.assignment_id = d.assignment_id AND c.team_role = d.team_role)
    RETURNING id)
  SELECT (SELECT count(*) FROM created) AS created, (SELECT count(*) FROM updated) AS updated,
         (SELECT count(*) FROM ended) AS ended`,
);
