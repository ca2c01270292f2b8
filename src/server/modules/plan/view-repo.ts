import type { Queryable } from '../../db/client.js';
import { sql, textOf, type SqlFragment } from '../../db/sql.js';
import type { InlineGate } from '../../access/child-data.js';
import { childAccessCheckedSql, type ChildAccessRow } from '../../access/gate.js';
import type { Plan, PlanSummary } from '../../../contract/plan/index.js';
import {
  ACTION_SELECT,
  activeOn,
  agg,
  DISAGREEMENT_SELECT,
  GOAL_SELECT,
  GUARDIAN_VIEW_SELECT,
  LEVEL_SELECT,
  NEED_SELECT,
  parse,
  personRef,
  SERVICE_SELECT,
  STATUS_SELECT,
  ts,
  VOICE_SELECT,
  who,
} from './plan-sql.js';
import {
  type ContextRow,
  ENROLMENTS_AGG,
  GUARDIANS_AGG,
  HANDOVERS_AGG,
  type PlanContext,
  TEAM_AGG,
  toContext,
} from './team-repo.js';

/**
 * The plan as the page shows it: the plan select (live, or its long lists from the read model), the
 * read model's rendering, the plan summaries and the one-statement plan view (bench plan-read: its
 * prepared statement names and SQL are what the benchmark measures).
 */

/** SIP minimum content (schemas.ts SipReadiness) over the plan `p`. */
const SIP_READINESS = `
  (SELECT json_build_object('actionsPresent', k.present, 'everyActionHasResponsibleAndDue', k.every, 'overallResponsible', k.coordinator,
                            'followUp', p.next_review_date IS NOT NULL,
                            'complete', k.present AND k.every AND k.coordinator AND p.next_review_date IS NOT NULL)
     FROM (SELECT count(*) FILTER (WHERE a.status <> 'cancelled') > 0 AS present,
                  coalesce(bool_and(a.responsible_kind IS NOT NULL AND a.due_date IS NOT NULL) FILTER (WHERE a.status <> 'cancelled'), true) AS every,
                  EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = p.child_id AND t.team_role = 'coordinator' AND ${activeOn('t')}) AS coordinator
             FROM plan_action a WHERE a.plan_id = p.id) k)`;

/**
 * The plan's long lists: the read model keeps them rendered (plan_read_model, migration 0014),
 * each under `column`; `key` is the API's key; `agg` renders the list from its tables for the plan
 * `p`. Their tables and the directory columns they show are what the model's triggers watch.
 */
const MODEL_LISTS = [
  {
    key: 'needs',
    column: 'needs',
    agg: agg(NEED_SELECT(), 'n.plan_id = p.id', 'x.sort_indicator, x.sort_at, x.sort_id'),
  },
  { key: 'goals', column: 'goals', agg: agg(GOAL_SELECT(), 'g.plan_id = p.id', 'x.sort_at, x.sort_id') },
  {
    key: 'actions',
    column: 'actions',
    agg: agg(ACTION_SELECT(), 'a.plan_id = p.id', 'x.sort_due NULLS LAST, x.sort_at, x.sort_id'),
  },
  { key: 'voice', column: 'voice', agg: agg(VOICE_SELECT(), 'v.plan_id = p.id', 'x.sort_on, x.sort_at, x.sort_id') },
  {
    key: 'guardianViews',
    column: 'guardian_views',
    agg: agg(GUARDIAN_VIEW_SELECT(), 'w.plan_id = p.id', 'x.sort_name, x.sort_id'),
  },
  {
    key: 'disagreements',
    column: 'disagreements',
    agg: agg(DISAGREEMENT_SELECT(), 'd.plan_id = p.id', 'x.sort_at, x.sort_id'),
  },
  {
    key: 'levelHistory',
    column: 'level_history',
    agg: agg(LEVEL_SELECT(), 'l.plan_id = p.id', 'x.sort_at, x.sort_id'),
  },
  {
    key: 'statusHistory',
    column: 'status_history',
    agg: agg(STATUS_SELECT(), 'sc.plan_id = p.id', 'x.sort_at, x.sort_id'),
  },
] as const;

/** The read model's row `m` of the plan `p` still holds: nothing it shows has changed since, and it is of today. */
const MODEL_FRESH = `m.plan_id = p.id AND m.content_generation = p.content_generation AND m.rendered_for = :today::date
  AND m.directory_generation = (SELECT dg.generation FROM directory_generation dg)`;

/**
 * A plan with everything in it: `j` is the plan as the API shows it (schemas.ts `Plan`), beside
 * the facts the services need without parsing it (id, version, secrecy domain, sort columns).
 * `lists`: 'live' renders the long lists from their tables; 'model' takes them from the plan's read
 * model and yields no row when the model is not fresh (the services, the SIP check and the plan's
 * own fields are always read live: they are small, and depend on the team of the day).
 */
const planSelect = (lists: 'live' | 'model') => `
  SELECT row_to_json(api) AS j, p.id, p.version, p.secrecy_domain, p.status, p.created_at
    FROM plan p
    ${lists === 'model' ? `JOIN plan_read_model m ON ${MODEL_FRESH}` : ''}
    JOIN person cp ON cp.id = p.created_by_person_id
    JOIN assignment ca ON ca.id = p.created_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id
    JOIN person up ON up.id = p.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT p.id, p.child_id AS "childId", p.status, p.level, p.background, p.next_review_date::text AS "nextReviewDate", p.is_sip AS "isSip",
             ${SIP_READINESS} AS "sipReadiness",
             ${agg(SERVICE_SELECT('p.child_id'), 's.plan_id = p.id', 'x.sort_at, x.sort_id')} AS services,
             ${MODEL_LISTS.map((l) => `${lists === 'model' ? `m.${l.column}` : l.agg} AS "${l.key}"`).join(', ')},
             ${ts('p.created_at')} AS "createdAt", ${personRef('cp', 'ca', 'cu')} AS "createdBy", ${ts('p.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy",
             p.version) api`;
const PLAN_SELECT = planSelect('live');

/**
 * Renders the plan's long lists from their tables into its read model (replacing the row). The
 * keys are read in the same statement, so the row holds exactly what they say it does; a write
 * that commits meanwhile bumps the plan's generation and the row is simply not used.
 */
export async function renderPlanModel(q: Queryable, planId: string, today: string): Promise<void> {
  const columns = MODEL_LISTS.map((l) => l.column);
  const st = sql(
    `INSERT INTO plan_read_model (plan_id, content_generation, directory_generation, rendered_for, rendered_at, ${columns.join(', ')})
     SELECT p.id, p.content_generation, (SELECT dg.generation FROM directory_generation dg), :today::date, now(), ${MODEL_LISTS.map((l) => l.agg).join(', ')}
       FROM plan p WHERE p.id = :plan_id
     ON CONFLICT (plan_id) DO UPDATE SET content_generation = EXCLUDED.content_generation, directory_generation = EXCLUDED.directory_generation,
       rendered_for = EXCLUDED.rendered_for, rendered_at = EXCLUDED.rendered_at, ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
    { plan_id: planId, today },
  );
  await q.query(st.text, st.values, 'plan.render_model');
}

/** A plan with the secrecy domain of the unit that drew it up (for the record filter; not sent out). */
export interface DomainPlan {
  plan: Plan;
  secrecyDomain: string | null;
}

const planByIdText = textOf(() => `${PLAN_SELECT} WHERE p.child_id = :child_id AND p.id = :plan_id`);

/** One plan of the child by id (any status), with its domain; null when there is none. */
export async function loadPlan(
  q: Queryable,
  childId: string,
  planId: string,
  today: string,
): Promise<DomainPlan | null> {
  const st = sql(planByIdText(), {
    child_id: childId,
    today,
    plan_id: planId,
  });
  const r = await q.query<{ j: unknown; secrecy_domain: string | null }>(st.text, st.values, 'plan.by_id');
  const row = r.rows[0];
  return row ? { plan: parse<Plan>(row.j), secrecyDomain: row.secrecy_domain } : null;
}

/** A short line per plan of the child (newest first, the active one first), with its domain. */
const PLAN_SUMMARIES = (child: string) => `
  (SELECT coalesce(json_agg(x ORDER BY x.sort_active DESC, x.sort_at DESC), '[]'::json) FROM (
     SELECT p.id, p.status, p.level, ${ts('p.created_at')} AS "createdAt", ${ts('sc.changed_at')} AS "closedAt", sc.reason_code AS "closeReason",
            p.secrecy_domain AS "secrecyDomain", (p.status = 'active') AS sort_active, p.created_at AS sort_at
       FROM plan p
       LEFT JOIN LATERAL (SELECT changed_at, reason_code FROM plan_status_change s WHERE s.plan_id = p.id AND s.status_after = 'closed' ORDER BY changed_at DESC LIMIT 1) sc ON p.status = 'closed'
      WHERE p.child_id = ${child}) x)`;

type PlanSummaryRow = PlanSummary & { secrecyDomain: string | null; sort_active?: boolean; sort_at?: string };

function toSummaries(v: unknown): (PlanSummary & { secrecyDomain: string | null })[] {
  return parse<PlanSummaryRow[]>(v).map(({ sort_active: _a, sort_at: _b, ...x }) => ({
    ...x,
    level: Number(x.level),
    closedAt: x.closedAt ?? null,
    closeReason: x.closeReason ?? null,
  }));
}

/** The child's current plan as PostgreSQL wrote it (`json`: schemas.ts `Plan`), with the facts the services need. */
export interface CurrentPlanJson {
  id: string;
  version: number;
  secrecyDomain: string | null;
  json: string;
}

/** Everything the plan page shows, as one statement returned it (see loadPlanView). */
export interface PlanViewData {
  context: PlanContext;
  current: CurrentPlanJson | null;
  summaries: (PlanSummary & { secrecyDomain: string | null })[];
}

function planViewSql(gateColumns: string, permitted: string, lists: 'live' | 'model'): string {
  const when = (sql: string) => `CASE WHEN ${permitted} THEN ${sql} END`;
  return `SELECT c.*, curp.id AS current_plan_id, cur.plan_json, cur.plan_id, cur.plan_version, cur.plan_domain,
            ${when(TEAM_AGG)} AS team, ${when(GUARDIANS_AGG)} AS guardians, ${when(ENROLMENTS_AGG)} AS enrolments, ${when(HANDOVERS_AGG)} AS handovers,
            ${when(PLAN_SUMMARIES('c.id'))} AS plans
       FROM (SELECT c.id, c.birth_date::text AS birth_date, c.municipality_code, c.support_level, c.protected_identity, ${gateColumns}
               FROM child c WHERE c.id = :child_id OFFSET 0) c
       -- The current plan: the active one, else the most recent closed one.
       LEFT JOIN LATERAL (
         SELECT p.id FROM plan p WHERE p.child_id = c.id AND ${permitted} ORDER BY (p.status = 'active') DESC, p.created_at DESC LIMIT 1) curp ON true
       LEFT JOIN LATERAL (
         SELECT cp0.j::text AS plan_json, cp0.id AS plan_id, cp0.version AS plan_version, cp0.secrecy_domain AS plan_domain
           FROM (${planSelect(lists)} WHERE p.id = curp.id) cp0) cur ON true`;
}

const planViewText = textOf(planViewSql);

type PlanViewRow = ContextRow &
  ChildAccessRow & {
    current_plan_id: string | null;
    plan_json: string | null;
    plan_id: string | null;
    plan_version: number | null;
    plan_domain: string | null;
    plans: unknown;
  };

/**
 * The plan page in ONE statement (bench plan-read): the gate's answer (when `gate` is given; its
 * columns are computed first and the rest only when it says yes), the child's context (team,
 * guardians, schooling, open handovers), the current plan with all its items as the API's JSON and
 * a line per plan of the child. `data` is null when the child does not exist or the gate said no.
 * (Who may receive a handover is asked for separately, when someone opens the offer form:
 * loadCandidates.)
 *
 * A gated read takes the plan's long lists from its read model (migration 0014). When the model is
 * not fresh (the first read after a change, or of the day) the lists are rendered into it and the
 * statement runs again; should a write slip in between once more, the lists are read live. Inside a
 * write (`gate` null) they are always read live — the write has just made the model stale.
 */
export async function loadPlanView(
  q: Queryable,
  childId: string,
  today: string,
  gate: InlineGate | null,
): Promise<{ gate: ChildAccessRow | null; data: PlanViewData | null }> {
  const g: SqlFragment = gate ? gate.sql('c') : childAccessCheckedSql('c');
  const run = async (lists: 'live' | 'model') => {
    const st = sql(planViewText(g.text, gate ? gate.permitted : 'true', lists), { child_id: childId, today }, g.params);
    return (await q.query<PlanViewRow>(st.text, st.values, gate ? `plan.view_${lists}` : 'plan.view_in_write')).rows[0];
  };
  let row = await run(gate ? 'model' : 'live');
  if (gate && row && row.current_plan_id !== null && row.plan_json === null) {
    await renderPlanModel(q, row.current_plan_id, today);
    row = await run('model');
    if (row && row.current_plan_id !== null && row.plan_json === null) row = await run('live');
  }
  if (!row) return { gate: null, data: null };
  const gateRow: ChildAccessRow = {
    gate_on_team: row.gate_on_team,
    gate_break_glass_id: row.gate_break_glass_id,
    gate_protected_identity: row.gate_protected_identity,
  };
  if (row.team === null || row.team === undefined) return { gate: gateRow, data: null };
  return {
    gate: gateRow,
    data: {
      context: toContext(row),
      current:
        row.plan_json === null || row.plan_id === null
          ? null
          : { id: row.plan_id, version: Number(row.plan_version), secrecyDomain: row.plan_domain, json: row.plan_json },
      summaries: toSummaries(row.plans),
    },
  };
}
