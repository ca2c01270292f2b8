import type { ChildListGate } from '../../access/child-list.js';
import type { Queryable } from '../../db/client.js';
import { sql, textOf } from '../../db/sql.js';
import type { TodoItem } from '../../../contract/todo.js';

const alertsText = textOf(
  (
    gate: string,
  ) => `SELECT a.id, a.child_id, ch.given_name || ' ' || ch.family_name AS child_name, a.review_due::text AS review_due,
            GREATEST(:today::date - a.review_due, 0) AS days_overdue, lead.yes AS lead
       FROM attendance_alert a
       JOIN child ch ON ch.id = a.child_id
       CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM team_membership t
                                           WHERE t.child_id = a.child_id AND t.assignment_id = :assignment AND t.person_id = :person AND t.team_role = 'best_interest_lead'
                                             AND t.valid_from <= :today::date AND (t.valid_to IS NULL OR t.valid_to >= :today::date)) AS yes) lead
      WHERE a.status = 'open'
        AND a.child_id IN (${gate})
        AND (lead.yes
             OR (:role::text = 'principal' AND a.unit_id = :unit::uuid
                 AND NOT EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = a.child_id AND t.team_role = 'best_interest_lead'
                                    AND t.valid_from <= :today::date AND (t.valid_to IS NULL OR t.valid_to >= :today::date))))`,
);

/**
 * Open attendance alerts for "Att göra": every open alert (not only those due soon — a new alert
 * is something to look at now) on children the gate lets me see today, that are mine to review:
 * I am the child's barnets bästa-ansvarig, or the child has none and I act as a principal of the
 * alert's school (and, by the gate, am on the child's team). The same rule decides, at import,
 * whether an alert has anybody to review it (attendance/repo.ts childrenWithoutReviewer).
 */
export async function attendanceAlertsToReview(q: Queryable, list: ChildListGate): Promise<TodoItem[]> {
  const { actor, today } = list.scope;
  const gate = list.visibleChildrenSql();
  const st = sql(
    alertsText(gate.text),
    { today, assignment: actor.assignmentId, person: actor.personId, role: actor.role, unit: actor.unitId },
    gate.params,
  );
  const r = await q.query<{
    id: string;
    child_id: string;
    child_name: string;
    review_due: string;
    days_overdue: number;
    lead: boolean;
  }>(st.text, st.values);
  return r.rows.map((x) => ({
    kind: 'attendance_alert' as const,
    childId: x.child_id,
    childName: x.child_name,
    dueDate: x.review_due,
    overdue: x.review_due < today,
    daysOverdue: Number(x.days_overdue),
    resourceType: 'attendance_alert' as const,
    resourceId: x.id,
    why: [x.lead ? ('best_interest_lead' as const) : ('principal' as const)],
  }));
}
