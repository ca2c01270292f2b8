import type { ChildListGate } from '../../access/child-list.js';
import { recordVisibleSql } from '../../access/record-access.js';
import type { Queryable } from '../../db/client.js';
import { sql, textOf, type SqlParams } from '../../db/sql.js';
import type { TodoItem } from '../../../contract/todo.js';

/** Reviews and meetings are booked ahead: they show up this many days before their date. */
export const MEETING_UPCOMING_DAYS = 14;

const gatedWhere = textOf((gate: string, rv: string) => `p.child_id IN (${gate}) AND ${rv}`);

/**
 * The gate and the plan's record filter (only plans of secrecy domains I may see,
 * access/record-access.ts) as SQL over `p`, with the parameters every statement here shares.
 */
function gatedPlans(list: ChildListGate, days: number): { where: string; params: SqlParams[] } {
  const { actor, today, now } = list.scope;
  const gate = list.visibleChildrenSql();
  const rv = recordVisibleSql(
    actor,
    { childExpr: 'p.child_id', domainExpr: 'p.secrecy_domain', category: 'plan' },
    now,
    today,
  );
  return {
    where: gatedWhere(gate.text, rv.text),
    params: [{ today, days, assignment: actor.assignmentId, person: actor.personId }, gate.params, rv.params],
  };
}

const reviewsDueText = textOf(
  (
    g: string,
  ) => `SELECT p.id, p.child_id, ch.given_name || ' ' || ch.family_name AS child_name, p.next_review_date::text AS due,
            GREATEST(:today::date - p.next_review_date, 0) AS days_overdue
       FROM plan p
       JOIN child ch ON ch.id = p.child_id
      WHERE p.status = 'active' AND p.next_review_date <= :today::date + :days::int
        AND EXISTS (SELECT 1 FROM team_membership t
                     WHERE t.child_id = p.child_id AND t.assignment_id = :assignment AND t.person_id = :person AND t.team_role = 'coordinator'
                       AND t.valid_from <= :today::date AND (t.valid_to IS NULL OR t.valid_to >= :today::date))
        AND ${g}`,
);

/**
 * Reviews due (within MEETING_UPCOMING_DAYS) or overdue on active plans of children I coordinate
 * (in the assignment I act in), on children the gate lets me see today.
 */
export async function reviewsDue(q: Queryable, list: ChildListGate, days = MEETING_UPCOMING_DAYS): Promise<TodoItem[]> {
  const { today } = list.scope;
  const g = gatedPlans(list, days);
  const st = sql(reviewsDueText(g.where), ...g.params);
  const r = await q.query<{ id: string; child_id: string; child_name: string; due: string; days_overdue: number }>(
    st.text,
    st.values,
  );
  return r.rows.map((x) => ({
    kind: 'plan_review' as const,
    childId: x.child_id,
    childName: x.child_name,
    dueDate: x.due,
    overdue: x.due < today,
    daysOverdue: Number(x.days_overdue),
    resourceType: 'plan' as const,
    resourceId: x.id,
    why: ['coordinator' as const],
  }));
}

const meetingsText = textOf(
  (
    g: string,
  ) => `SELECT m.id, m.child_id, ch.given_name || ' ' || ch.family_name AS child_name, m.meeting_date::text AS day, to_char(m.start_time, 'HH24:MI') AS start, m.purpose
       FROM plan_meeting m
       JOIN plan p ON p.id = m.plan_id AND p.status = 'active'
       JOIN child ch ON ch.id = m.child_id
      WHERE m.status = 'planned' AND m.meeting_date BETWEEN :today::date AND :today::date + :days::int
        AND EXISTS (SELECT 1 FROM plan_meeting_invitee i WHERE i.meeting_id = m.id AND i.assignment_id = :assignment AND i.person_id = :person)
        AND ${g}`,
);

/** Planned meetings from today to MEETING_UPCOMING_DAYS ahead that I am invited to (in the assignment I act in). */
export async function meetingsUpcoming(
  q: Queryable,
  list: ChildListGate,
  days = MEETING_UPCOMING_DAYS,
): Promise<TodoItem[]> {
  const g = gatedPlans(list, days);
  const st = sql(meetingsText(g.where), ...g.params);
  const r = await q.query<{
    id: string;
    child_id: string;
    child_name: string;
    day: string;
    start: string;
    purpose: string;
  }>(st.text, st.values);
  return r.rows.map((x) => ({
    kind: 'meeting' as const,
    childId: x.child_id,
    childName: x.child_name,
    dueDate: x.day,
    overdue: false,
    daysOverdue: 0,
    resourceType: 'plan_meeting' as const,
    resourceId: x.id,
    detail: `${x.start} ${x.purpose}`,
    why: ['invited' as const],
  }));
}
