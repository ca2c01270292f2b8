import type { ChildListGate } from '../../access/child-list.js';
import { recordVisibleSql } from '../../access/record-access.js';
import type { Queryable } from '../../db/client.js';
import { sql, textOf } from '../../db/sql.js';
import type { TodoItem } from '../../../contract/todo.js';

interface Row {
  concern_id: string;
  child_id: string;
  child_name: string;
  decision_due: string;
  days_overdue: number;
  mine: boolean;
  coordinator: boolean;
}

const concernsDueText = textOf(
  (
    gate: string,
    rv: string,
  ) => `SELECT c.id AS concern_id, c.child_id, ch.given_name || ' ' || ch.family_name AS child_name, c.decision_due::text AS decision_due,
            GREATEST(:today::date - c.decision_due, 0) AS days_overdue,
            (c.created_by_person_id = :person) AS mine,
            EXISTS (SELECT 1 FROM team_membership t
                     WHERE t.child_id = c.child_id AND t.assignment_id = :assignment AND t.person_id = :person AND t.team_role = 'coordinator'
                       AND t.valid_from <= :today::date AND (t.valid_to IS NULL OR t.valid_to >= :today::date)) AS coordinator
       FROM concern c
       JOIN child ch ON ch.id = c.child_id
      WHERE c.decision IS NULL
        AND c.decision_due <= :today::date + :upcoming_days::int
        AND c.child_id IN (${gate})
        AND ${rv}`,
);

/**
 * Undecided concerns due within `upcomingDays` (or overdue) that I raised, or on children I
 * coordinate in the assignment I act in — and only on children the gate lets me see today (its SQL
 * is part of the statement).
 */
export async function concernDecisionsDue(
  q: Queryable,
  list: ChildListGate,
  upcomingDays: number,
): Promise<TodoItem[]> {
  const { actor, today, now } = list.scope;
  const gate = list.visibleChildrenSql();
  // Only concerns of secrecy domains I may see (consent, disclosure, break-glass): access/record-access.ts.
  const rv = recordVisibleSql(
    actor,
    { childExpr: 'c.child_id', domainExpr: 'c.secrecy_domain', category: 'concern' },
    now,
    today,
  );
  const st = sql(
    concernsDueText(gate.text, rv.text),
    { today, upcoming_days: upcomingDays, person: actor.personId, assignment: actor.assignmentId },
    gate.params,
    rv.params,
  );
  const r = await q.query<Row>(st.text, st.values);
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

const actionsDueText = textOf(
  (
    gate: string,
  ) => `SELECT a.id, p.child_id, ch.given_name || ' ' || ch.family_name AS child_name, a.due_date::text AS due_date,
            GREATEST(:today::date - a.due_date, 0) AS days_overdue, a.what
       FROM plan_action a
       JOIN plan p ON p.id = a.plan_id AND p.status = 'active'
       JOIN child ch ON ch.id = p.child_id
      WHERE a.responsible_assignment_id = :assignment AND a.responsible_person_id = :person
        AND a.status IN ('planned', 'in_progress')
        AND a.due_date <= :today::date + :upcoming_days::int
        AND p.child_id IN (${gate})`,
);

/**
 * Open actions in children's active plans that I am responsible for (person and the assignment I
 * act in), overdue or due within `upcomingDays`, on children the gate lets me see today.
 */
export async function planActionsDue(q: Queryable, list: ChildListGate, upcomingDays: number): Promise<TodoItem[]> {
  const { actor, today } = list.scope;
  const gate = list.visibleChildrenSql();
  const st = sql(
    actionsDueText(gate.text),
    { today, upcoming_days: upcomingDays, assignment: actor.assignmentId, person: actor.personId },
    gate.params,
  );
  const r = await q.query<{
    id: string;
    child_id: string;
    child_name: string;
    due_date: string;
    days_overdue: number;
    what: string;
  }>(st.text, st.values);
  return r.rows.map((x) => ({
    kind: 'action' as const,
    childId: x.child_id,
    childName: x.child_name,
    dueDate: x.due_date,
    overdue: x.due_date < today,
    daysOverdue: Number(x.days_overdue),
    resourceType: 'plan_action' as const,
    resourceId: x.id,
    detail: x.what,
    why: ['responsible' as const],
  }));
}

const handoversText = textOf(
  (
    gate: string,
  ) => `SELECT h.id, h.child_id, CASE WHEN h.child_id IN (${gate}) THEN ch.given_name || ' ' || ch.family_name END AS child_name,
            h.respond_by::text AS respond_by, GREATEST(:today::date - h.respond_by, 0) AS days_overdue
       FROM role_handover h
       JOIN child ch ON ch.id = h.child_id
      WHERE h.status = 'pending' AND h.to_assignment_id = :assignment AND h.to_person_id = :person`,
);

/**
 * Offers of a role waiting for my answer (to me, in the assignment I act in). The receiver may not
 * be on the team yet: the child's name is given only when the gate already lets me see the child.
 */
export async function handoversToAnswer(q: Queryable, list: ChildListGate): Promise<TodoItem[]> {
  const { actor, today } = list.scope;
  const gate = list.visibleChildrenSql();
  const st = sql(
    handoversText(gate.text),
    { today, assignment: actor.assignmentId, person: actor.personId },
    gate.params,
  );
  const r = await q.query<{
    id: string;
    child_id: string;
    child_name: string | null;
    respond_by: string;
    days_overdue: number;
  }>(st.text, st.values);
  return r.rows.map((x) => ({
    kind: 'handover' as const,
    childId: x.child_id,
    childName: x.child_name,
    dueDate: x.respond_by,
    overdue: x.respond_by < today,
    daysOverdue: Number(x.days_overdue),
    resourceType: 'handover' as const,
    resourceId: x.id,
    why: ['receiver' as const],
  }));
}
