import type { PortalChildPage } from '../../../contract/portal.js';
import type { Queryable } from '../../db/client.js';

type PortalPlan = NonNullable<PortalChildPage['plan']>;

/**
 * The child's plan in force, as the family reads it: why (background and needs), the goals, what is
 * done and by whom (cancelled actions left out), the services taking part and the next follow-up.
 * The plan is written with the family; notes and records of other kinds are never part of it.
 */
export async function activePlan(q: Queryable, childId: string): Promise<PortalPlan | null> {
  const p = await q.query<{ id: string; background: string | null; next_review_date: string | null }>(
    `SELECT id, background, next_review_date::text FROM plan WHERE child_id = $1 AND status = 'active'
      ORDER BY created_at DESC LIMIT 1`,
    [childId],
  );
  const plan = p.rows[0];
  if (!plan) return null;
  const [needs, goals, actions, services] = await Promise.all([
    q.query<{ indicator: PortalPlan['needs'][number]['indicator']; description: string }>(
      'SELECT indicator, description FROM plan_need WHERE plan_id = $1 ORDER BY created_at',
      [plan.id],
    ),
    q.query<{ description: string; target_date: string | null; indicators: PortalPlan['goals'][number]['indicators'] }>(
      'SELECT description, target_date::text, indicators FROM plan_goal WHERE plan_id = $1 ORDER BY created_at',
      [plan.id],
    ),
    q.query<{
      what: string;
      status: PortalPlan['actions'][number]['status'];
      due_date: string | null;
      responsible_kind: 'professional' | 'guardian' | 'child' | null;
      person_name: string | null;
      guardian_name: string | null;
    }>(
      `SELECT a.what, a.status, a.due_date::text, a.responsible_kind,
              p.given_name || ' ' || p.family_name AS person_name, g.given_name AS guardian_name
         FROM plan_action a LEFT JOIN person p ON p.id = a.responsible_person_id
         LEFT JOIN guardian g ON g.id = a.responsible_guardian_id
        WHERE a.plan_id = $1 AND a.status <> 'cancelled'
        ORDER BY (a.status = 'done'), a.due_date NULLS LAST, a.created_at`,
      [plan.id],
    ),
    q.query<{ unit_name: string; contribution: string | null }>(
      `SELECT u.name AS unit_name, s.contribution FROM plan_service s JOIN unit u ON u.id = s.unit_id
        WHERE s.plan_id = $1 AND s.ended_on IS NULL ORDER BY u.name`,
      [plan.id],
    ),
  ]);
  return {
    background: plan.background,
    needs: needs.rows,
    goals: goals.rows.map((g) => ({ description: g.description, targetDate: g.target_date, indicators: g.indicators })),
    actions: actions.rows.map((a) => ({
      what: a.what,
      status: a.status,
      dueDate: a.due_date,
      who: a.responsible_kind
        ? {
            kind: a.responsible_kind,
            name:
              a.responsible_kind === 'professional'
                ? a.person_name
                : a.responsible_kind === 'guardian'
                  ? a.guardian_name
                  : null,
          }
        : null,
    })),
    services: services.rows.map((s) => ({ unitName: s.unit_name, contribution: s.contribution })),
    nextReviewDate: plan.next_review_date,
  };
}
