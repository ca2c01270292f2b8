import type { AssignedActor } from '../../access/actor.js';
import { visibleChildrenSql } from '../../access/gate.js';
import type { Queryable } from '../../db/client.js';
import type { TodoItem } from './schemas.js';

interface Row {
  concern_id: string;
  child_id: string;
  child_name: string;
  decision_due: string;
  days_overdue: number;
  mine: boolean;
  coordinator: boolean;
}

/**
 * Undecided concerns due within `upcomingDays` (or overdue) that I raised, or on children I
 * coordinate in the assignment I act in — and only on children the gate lets me see today (its SQL
 * is part of the statement).
 */
export async function concernDecisionsDue(q: Queryable, actor: AssignedActor, today: string, upcomingDays: number): Promise<TodoItem[]> {
  const gate = visibleChildrenSql(actor, 5, today);
  const r = await q.query<Row>(
    `SELECT c.id AS concern_id, c.child_id, ch.given_name || ' ' || ch.family_name AS child_name, c.decision_due::text AS decision_due,
            GREATEST($1::date - c.decision_due, 0) AS days_overdue,
            (c.created_by_person_id = $3) AS mine,
            EXISTS (SELECT 1 FROM team_membership t
                     WHERE t.child_id = c.child_id AND t.assignment_id = $4 AND t.person_id = $3 AND t.team_role = 'coordinator'
                       AND t.valid_from <= $1::date AND (t.valid_to IS NULL OR t.valid_to >= $1::date)) AS coordinator
       FROM concern c
       JOIN child ch ON ch.id = c.child_id
      WHERE c.decision IS NULL
        AND c.decision_due <= $1::date + $2::int
        AND c.child_id IN (${gate.sql})`,
    [today, upcomingDays, actor.personId, actor.assignmentId, ...gate.params],
  );
  return r.rows
    .filter((x) => x.mine || x.coordinator)
    .map((x) => ({
      kind: 'concern_decision' as const,
      childId: x.child_id,
      childName: x.child_name,
      dueDate: x.decision_due,
      overdue: x.decision_due < today,
      daysOverdue: Number(x.days_overdue),
      resourceType: 'concern' as const,
      resourceId: x.concern_id,
      why: [...(x.mine ? (['author'] as const) : []), ...(x.coordinator ? (['coordinator'] as const) : [])],
    }));
}
