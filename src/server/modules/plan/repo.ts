import type { Queryable } from '../../db/client.js';
import { BEST_INTEREST_LEAD_ROLES, TRANSITION_HORIZON_DAYS } from '../../../core/best-interest-lead.js';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../../core/wheel.js';
import type { InlineGate } from '../../access/child-data.js';
import { childAccessCheckedSql, type ChildAccessRow } from '../../access/gate.js';
import type {
  HandoverRole,
  Plan,
  PlanAction,
  PlanActionStatus,
  PlanDisagreement,
  PlanGoal,
  PlanGuardian,
  PlanGuardianView,
  PlanHandover,
  PlanNeed,
  PlanService,
  PlanSummary,
  PlanTeamMember,
  PlanVoice,
  HandoverCandidate,
  TeamRoleHolder,
} from '../../../contract/plan/index.js';

/**
 * Parametrised SQL for the child's plan and role handovers. Only the plan and handover services call
 * these, inside readChildData / writeChildData / auditedTransaction (gate and audit). The plan and its
 * items are read in ONE statement (items aggregated as JSON), the team around it in another.
 */

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const name = (alias: string) => `(${alias}.given_name || ' ' || ${alias}.family_name)`;
const who = (alias: string) => `json_build_object('personId', ${alias}.id, 'name', ${name(alias)})`;
const personRef = (p: string, a: string, u: string) =>
  `json_build_object('personId', ${p}.id, 'name', ${name(p)}, 'title', ${a}.title, 'unitName', ${u}.name)`;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const INDICATOR_ORDER = `ARRAY[${WHEEL_INDICATORS.map((i) => `'${i}'`).join(', ')}]::text[]`;

/** An active team membership on `today` (`:today` is replaced by a parameter). */
const activeOn = (t: string) => `${t}.valid_from <= :today AND (${t}.valid_to IS NULL OR ${t}.valid_to >= :today)`;

/** Replaces `:today` with the parameter `$n::date`. */
const withToday = (sql: string, n: number) => sql.replaceAll(':today', `$${n}::date`);

// ---------------------------------------------------------------------------------------------
// Item selects. PostgreSQL builds each item as the API shows it: `j` is row_to_json of the `api`
// columns (named as the API's keys, in the schema's order), beside the columns it is sorted by.
// The plan view sends the plan's JSON on as PostgreSQL wrote it (no parse and re-serialise in
// Node: bench plan-read), so these selects ARE the wire format of schemas.ts `Plan` — the test
// suite checks every plan it reads against the schema (plan-wire.ts). `child` is the SQL
// expression of the child's id; `:today` a parameter.

/** Open (planned or in progress) with a due date before today (`:today`). */
const OVERDUE = (a: string) =>
  `(${a}.status IN ('planned', 'in_progress') AND ${a}.due_date IS NOT NULL AND ${a}.due_date < :today)`;

const SERVICE_SELECT = (child: string) => `
  SELECT row_to_json(api) AS j, s.created_at AS sort_at, s.id AS sort_id
    FROM plan_service s
    JOIN unit u ON u.id = s.unit_id
    JOIN organisation o ON o.id = s.organisation_id
    JOIN person cp ON cp.id = s.contact_person_id
    JOIN assignment ca ON ca.id = s.contact_assignment_id
    JOIN person up ON up.id = s.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT s.id, json_build_object('id', u.id, 'name', u.name, 'kind', u.kind) AS unit, json_build_object('id', o.id, 'name', o.name) AS organisation,
             json_build_object('personId', cp.id, 'name', ${name('cp')}, 'assignmentId', ca.id, 'title', ca.title) AS contact,
             EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = ${child} AND t.assignment_id = s.contact_assignment_id AND ${activeOn('t')}) AS "contactOnTeam",
             s.contribution, s.ended_on::text AS "endedOn", ${ts('s.created_at')} AS "createdAt", ${ts('s.updated_at')} AS "updatedAt",
             ${who('up')} AS "updatedBy", s.version) api`;

const NEED_SELECT = () => `
  SELECT row_to_json(api) AS j, array_position(${INDICATOR_ORDER}, n.indicator) AS sort_indicator, n.created_at AS sort_at, n.id AS sort_id
    FROM plan_need n
    JOIN person cp ON cp.id = n.created_by_person_id
    JOIN person up ON up.id = n.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT n.id, n.indicator, n.description, ${ts('n.created_at')} AS "createdAt", ${who('cp')} AS "createdBy",
             ${ts('n.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", n.version) api`;

const GOAL_SELECT = () => `
  SELECT row_to_json(api) AS j, g.created_at AS sort_at, g.id AS sort_id
    FROM plan_goal g
    JOIN person cp ON cp.id = g.created_by_person_id
    JOIN person up ON up.id = g.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT g.id, g.description, g.need_id AS "needId",
             -- In wheel order, each once.
             to_json(ARRAY(SELECT w FROM unnest(${INDICATOR_ORDER}) WITH ORDINALITY o(w, k) WHERE w = ANY(g.indicators) ORDER BY k)) AS indicators,
             g.target_date::text AS "targetDate", ${ts('g.created_at')} AS "createdAt", ${who('cp')} AS "createdBy",
             ${ts('g.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", g.version) api`;

const ACTION_SELECT = () => `
  SELECT row_to_json(api) AS j, a.due_date AS sort_due, a.created_at AS sort_at, a.id AS sort_id
    FROM plan_action a
    LEFT JOIN person rp ON rp.id = a.responsible_person_id
    LEFT JOIN assignment ra ON ra.id = a.responsible_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    LEFT JOIN guardian rg ON rg.id = a.responsible_guardian_id
    JOIN person cp ON cp.id = a.created_by_person_id
    JOIN person up ON up.id = a.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT a.id, a.what, a.goal_id AS "goalId", a.service_id AS "serviceId",
             CASE a.responsible_kind
               WHEN 'professional' THEN json_build_object('kind', 'professional', 'personId', rp.id, 'name', ${name('rp')}, 'assignmentId', ra.id, 'title', ra.title, 'unitName', ru.name)
               WHEN 'guardian' THEN json_build_object('kind', 'guardian', 'guardianId', rg.id, 'name', ${name('rg')})
               WHEN 'child' THEN json_build_object('kind', 'child')
             END AS responsible,
             a.due_date::text AS "dueDate", a.status, ${OVERDUE('a')} AS overdue,
             ${ts('a.created_at')} AS "createdAt", ${who('cp')} AS "createdBy", ${ts('a.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", a.version) api`;

const VOICE_SELECT = () => `
  SELECT row_to_json(api) AS j, v.recorded_on AS sort_on, v.created_at AS sort_at, v.id AS sort_id
    FROM plan_voice v
    JOIN person rp ON rp.id = v.recorded_by_person_id
    JOIN assignment ra ON ra.id = v.recorded_by_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    JOIN person up ON up.id = v.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT v.id, v.text, v.recorded_on::text AS "recordedOn", v.written_by_child AS "writtenByChild", ${personRef('rp', 'ra', 'ru')} AS "recordedBy",
             ${ts('v.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", v.version) api`;

const GUARDIAN_VIEW_SELECT = () => `
  SELECT row_to_json(api) AS j, ${name('g')} AS sort_name, w.id AS sort_id
    FROM plan_guardian_view w
    JOIN guardian g ON g.id = w.guardian_id
    JOIN person rp ON rp.id = w.recorded_by_person_id
    JOIN assignment ra ON ra.id = w.recorded_by_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    JOIN person up ON up.id = w.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT w.id, w.guardian_id AS "guardianId", ${name('g')} AS "guardianName", w.text, w.recorded_on::text AS "recordedOn",
             w.written_by_guardian AS "writtenByGuardian", ${personRef('rp', 'ra', 'ru')} AS "recordedBy",
             ${ts('w.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", w.version) api`;

const DISAGREEMENT_SELECT = () => `
  SELECT row_to_json(api) AS j, d.created_at AS sort_at, d.id AS sort_id
    FROM plan_disagreement d
    LEFT JOIN guardian pg ON pg.id = d.party_guardian_id
    LEFT JOIN person pp ON pp.id = d.party_person_id
    LEFT JOIN assignment pa ON pa.id = d.party_assignment_id
    JOIN person rp ON rp.id = d.recorded_by_person_id
    JOIN assignment ra ON ra.id = d.recorded_by_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    CROSS JOIN LATERAL (
      SELECT d.id,
             CASE d.party_kind
               WHEN 'child' THEN json_build_object('kind', 'child')
               WHEN 'guardian' THEN json_build_object('kind', 'guardian', 'guardianId', pg.id, 'name', ${name('pg')})
               ELSE json_build_object('kind', 'professional', 'personId', pp.id, 'assignmentId', pa.id, 'name', ${name('pp')}, 'title', pa.title)
             END AS party,
             d.about, d.text, d.recorded_on::text AS "recordedOn", ${personRef('rp', 'ra', 'ru')} AS "recordedBy", ${ts('d.created_at')} AS "createdAt") api`;

const LEVEL_SELECT = () => `
  SELECT row_to_json(api) AS j, l.changed_at AS sort_at, l.id AS sort_id
    FROM plan_level_change l
    JOIN person cp ON cp.id = l.changed_by_person_id
    JOIN assignment ca ON ca.id = l.changed_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id
    CROSS JOIN LATERAL (
      SELECT l.id, l.level_before AS "levelBefore", l.level_after AS "levelAfter", l.reason, ${ts('l.changed_at')} AS "changedAt",
             ${personRef('cp', 'ca', 'cu')} AS "changedBy") api`;

const STATUS_SELECT = () => `
  SELECT row_to_json(api) AS j, sc.changed_at AS sort_at, sc.id AS sort_id
    FROM plan_status_change sc
    JOIN person cp ON cp.id = sc.changed_by_person_id
    JOIN assignment ca ON ca.id = sc.changed_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id
    CROSS JOIN LATERAL (
      SELECT sc.id, sc.status_after AS "statusAfter", sc.reason_code AS "reasonCode", sc.reason_text AS "reasonText", ${ts('sc.changed_at')} AS "changedAt",
             ${personRef('cp', 'ca', 'cu')} AS "changedBy") api`;

const HANDOVER_SELECT = `
  SELECT h.id, h.child_id AS "childId", h.team_role AS role, h.status,
         CASE WHEN h.from_person_id IS NULL THEN NULL ELSE ${personRef('fp', 'fa', 'fu')} END AS "from",
         json_build_object('personId', tp.id, 'assignmentId', ta.id, 'name', ${name('tp')}, 'title', ta.title, 'unitName', tu.name, 'organisationName', tor.name) AS "to",
         ${ts('h.offered_at')} AS "offeredAt", ${personRef('op', 'oa', 'ou')} AS "offeredBy", h.respond_by::text AS "respondBy",
         ${ts('h.responded_at')} AS "respondedAt", h.response_note AS "responseNote", h.offered_at AS sort_at
    FROM role_handover h
    LEFT JOIN person fp ON fp.id = h.from_person_id
    LEFT JOIN assignment fa ON fa.id = h.from_assignment_id
    LEFT JOIN unit fu ON fu.id = fa.unit_id
    JOIN person tp ON tp.id = h.to_person_id
    JOIN assignment ta ON ta.id = h.to_assignment_id
    LEFT JOIN unit tu ON tu.id = ta.unit_id
    JOIN organisation tor ON tor.id = ta.organisation_id
    JOIN person op ON op.id = h.offered_by_person_id
    JOIN assignment oa ON oa.id = h.offered_by_assignment_id
    LEFT JOIN unit ou ON ou.id = oa.unit_id`;

/** A JSON array of an item select's `j`, in the given order (json_agg of json values: compact). */
const agg = (select: string, where: string, order: string) =>
  `(SELECT coalesce(json_agg(x.j ORDER BY ${order}), '[]'::json) FROM (${select} WHERE ${where}) x)`;

export type PlanItemKind =
  | 'plan_service'
  | 'plan_need'
  | 'plan_goal'
  | 'plan_action'
  | 'plan_voice'
  | 'plan_guardian_view';

const ITEM: Record<PlanItemKind, { select: (child: string) => string; alias: string; table: string }> = {
  plan_service: { select: SERVICE_SELECT, alias: 's', table: 'plan_service' },
  plan_need: { select: NEED_SELECT, alias: 'n', table: 'plan_need' },
  plan_goal: { select: GOAL_SELECT, alias: 'g', table: 'plan_goal' },
  plan_action: { select: ACTION_SELECT, alias: 'a', table: 'plan_action' },
  plan_voice: { select: VOICE_SELECT, alias: 'v', table: 'plan_voice' },
  plan_guardian_view: { select: GUARDIAN_VIEW_SELECT, alias: 'w', table: 'plan_guardian_view' },
};

export type PlanItem = PlanService | PlanNeed | PlanGoal | PlanAction | PlanVoice | PlanGuardianView;

function strip<T>(row: Record<string, unknown>): T {
  const { sort_at: _a, ...rest } = row;
  return rest as T;
}

/** A json_agg(x) column of rows (the context's handovers), without their sort_at column. */
function items<T>(v: unknown): T[] {
  return (parse<Record<string, unknown>[] | null>(v) ?? []).map((row) => strip<T>(row));
}

/** Open (planned or in progress) with a due date before today — as OVERDUE says in SQL. */
export function isOverdue(a: { status: PlanActionStatus; dueDate: string | null }, today: string): boolean {
  return (a.status === 'planned' || a.status === 'in_progress') && a.dueDate !== null && a.dueDate < today;
}

/** One item of one kind in one of this child's plans (any status); null when there is none. */
export async function loadItem(
  q: Queryable,
  kind: PlanItemKind,
  childId: string,
  id: string,
  today: string,
): Promise<PlanItem | null> {
  const { select, alias } = ITEM[kind];
  const sql = `${select('$1')} WHERE ${alias}.id = $2 AND ${alias}.plan_id IN (SELECT pl.id FROM plan pl WHERE pl.child_id = $1)`;
  const usesToday = sql.includes(':today');
  const r = await q.query<{ j: unknown }>(withToday(sql, 3), usesToday ? [childId, id, today] : [childId, id]);
  return r.rows[0] ? parse<PlanItem>(r.rows[0].j) : null;
}

export async function loadDisagreement(q: Queryable, childId: string, id: string): Promise<PlanDisagreement | null> {
  const r = await q.query<{ j: unknown }>(
    `${DISAGREEMENT_SELECT()} WHERE d.id = $2 AND d.plan_id IN (SELECT pl.id FROM plan pl WHERE pl.child_id = $1)`,
    [childId, id],
  );
  return r.rows[0] ? parse<PlanDisagreement>(r.rows[0].j) : null;
}

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
const MODEL_FRESH = `m.plan_id = p.id AND m.content_generation = p.content_generation AND m.rendered_for = :today
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
  await q.query(
    withToday(
      `INSERT INTO plan_read_model (plan_id, content_generation, directory_generation, rendered_for, rendered_at, ${columns.join(', ')})
       SELECT p.id, p.content_generation, (SELECT dg.generation FROM directory_generation dg), :today, now(), ${MODEL_LISTS.map((l) => l.agg).join(', ')}
         FROM plan p WHERE p.id = $1
       ON CONFLICT (plan_id) DO UPDATE SET content_generation = EXCLUDED.content_generation, directory_generation = EXCLUDED.directory_generation,
         rendered_for = EXCLUDED.rendered_for, rendered_at = EXCLUDED.rendered_at, ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
      2,
    ),
    [planId, today],
    'plan.render_model',
  );
}

/** A plan with the secrecy domain of the unit that drew it up (for the record filter; not sent out). */
export interface DomainPlan {
  plan: Plan;
  secrecyDomain: string | null;
}

/** One plan of the child by id (any status), with its domain; null when there is none. */
export async function loadPlan(
  q: Queryable,
  childId: string,
  planId: string,
  today: string,
): Promise<DomainPlan | null> {
  const r = await q.query<{ j: unknown; secrecy_domain: string | null }>(
    withToday(`${PLAN_SELECT} WHERE p.child_id = $1 AND p.id = $3`, 2),
    [childId, today, planId],
    'plan.by_id',
  );
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

// ---------------------------------------------------------------------------------------------
// The team, guardians, schooling and open handovers around the plan (one statement)

export interface TeamRow {
  membershipId: string;
  personId: string;
  name: string;
  assignmentId: string;
  role: string;
  title: string | null;
  unitId: string | null;
  unitName: string | null;
  unitKind: string | null;
  organisationId: string;
  organisationName: string;
  teamRole: 'coordinator' | 'best_interest_lead' | 'contact_person' | 'member';
  validFrom: string;
}

export interface PlanContext {
  childId: string;
  birthDate: string;
  municipalityCode: string;
  supportLevel: number;
  team: TeamRow[];
  guardians: PlanGuardian[];
  enrolments: { unitId: string; unitKind: string; validFrom: string; validTo: string | null }[];
  handovers: PlanHandover[];
}

// The context's parts as SQL over a child row `c` (`:today` is a parameter): one definition for
// the handover checks (loadContext) and the plan view (loadPlanView).
const TEAM_AGG = `
  (SELECT coalesce(json_agg(x ORDER BY x.sort_role, x.name, x."assignmentId"), '[]'::json) FROM (
     SELECT t.id AS "membershipId", p.id AS "personId", ${name('p')} AS name, a.id AS "assignmentId", a.role, a.title,
            u.id AS "unitId", u.name AS "unitName", u.kind AS "unitKind", o.id AS "organisationId", o.name AS "organisationName",
            t.team_role AS "teamRole", t.valid_from::text AS "validFrom",
            CASE t.team_role WHEN 'coordinator' THEN 0 WHEN 'best_interest_lead' THEN 1 WHEN 'contact_person' THEN 2 ELSE 3 END AS sort_role
       FROM team_membership t
       JOIN person p ON p.id = t.person_id
       JOIN assignment a ON a.id = t.assignment_id
       LEFT JOIN unit u ON u.id = a.unit_id
       JOIN organisation o ON o.id = a.organisation_id
      WHERE t.child_id = c.id AND ${activeOn('t')}) x)`;
const GUARDIANS_AGG = `
  (SELECT coalesce(json_agg(x ORDER BY x."hasCustody" DESC, x.name), '[]'::json) FROM (
     SELECT g.id AS "guardianId", ${name('g')} AS name, cu.relation, cu.has_custody AS "hasCustody"
       FROM custody cu JOIN guardian g ON g.id = cu.guardian_id
      WHERE cu.child_id = c.id AND cu.valid_from <= :today AND (cu.valid_to IS NULL OR cu.valid_to >= :today)) x)`;
const ENROLMENTS_AGG = `
  (SELECT coalesce(json_agg(json_build_object('unitId', u.id, 'unitKind', u.kind, 'validFrom', e.valid_from, 'validTo', e.valid_to)), '[]'::json)
     FROM enrolment e JOIN unit u ON u.id = e.unit_id WHERE e.child_id = c.id)`;
const HANDOVERS_AGG = `(SELECT coalesce(json_agg(x ORDER BY x.sort_at, x.id), '[]'::json) FROM (${HANDOVER_SELECT} WHERE h.child_id = c.id AND h.status = 'pending') x)`;

interface ContextRow {
  id: string;
  birth_date: string;
  municipality_code: string;
  support_level: number;
  team: unknown;
  guardians: unknown;
  enrolments: unknown;
  handovers: unknown;
}

function toContext(row: ContextRow): PlanContext {
  return {
    childId: row.id,
    birthDate: row.birth_date,
    municipalityCode: row.municipality_code,
    supportLevel: Number(row.support_level),
    team: parse<(TeamRow & { sort_role?: number })[]>(row.team).map(({ sort_role: _s, ...t }) => t),
    guardians: parse<PlanGuardian[]>(row.guardians),
    enrolments: parse<PlanContext['enrolments']>(row.enrolments),
    handovers: items<PlanHandover>(row.handovers),
  };
}

export async function loadContext(q: Queryable, childId: string, today: string): Promise<PlanContext | null> {
  const r = await q.query<ContextRow>(
    withToday(
      `SELECT c.id, c.birth_date::text AS birth_date, c.municipality_code, c.support_level,
              ${TEAM_AGG} AS team, ${GUARDIANS_AGG} AS guardians, ${ENROLMENTS_AGG} AS enrolments, ${HANDOVERS_AGG} AS handovers
         FROM child c WHERE c.id = $1`,
      2,
    ),
    [childId, today],
    'plan.context',
  );
  return r.rows[0] ? toContext(r.rows[0]) : null;
}

/** Who may hold the barnets bästa-ansvarig role at all (core/best-interest-lead.ts). */
const LEAD_ROLES = `ARRAY[${BEST_INTEREST_LEAD_ROLES.map((r) => `'${r}'`).join(', ')}]::text[]`;

/**
 * Who may receive each role, by the offer's rules (handover-service.ts checkReceiver): coordinator
 * — anyone on the team, or in a unit taking part in the child's active plan; barnets
 * bästa-ansvarig — a principal of the child's school now or within the transition horizon
 * (`child_schools`; of any school in the child's municipality when there is none), a BVC nurse or
 * the KAA of the child's municipality. Active assignments of enabled people only. Which lead roles
 * fit the child (by age and schooling) is core logic: `leadEligible` rows are narrowed to the
 * proposal's acceptable roles in `planCandidates`. The assignments are found through indexes (the
 * team, the services' units, the schools, the municipality's units), not by reading them all.
 */
const CANDIDATES_AGG = `
  (SELECT coalesce(json_agg(x ORDER BY x.sort_family, x.sort_given, x."assignmentId"), '[]'::json) FROM (
     SELECT a.id AS "assignmentId", p.id AS "personId", ${name('p')} AS name, a.role, a.title, u.name AS "unitName", o.name AS "organisationName",
            k.on_team AS "onTeam", (k.on_team OR k.in_service) AS "forCoordinator", k.lead_eligible AS "leadEligible",
            p.family_name AS sort_family, p.given_name AS sort_given
       FROM (SELECT t.assignment_id AS id FROM team_membership t WHERE t.child_id = c.id AND ${activeOn('t')}
             UNION
             SELECT sa.id FROM plan ap JOIN plan_service s ON s.plan_id = ap.id AND s.ended_on IS NULL JOIN assignment sa ON sa.unit_id = s.unit_id
              WHERE ap.child_id = c.id AND ap.status = 'active'
             UNION
             SELECT pa.id FROM child_schools su JOIN assignment pa ON pa.unit_id = su.unit_id AND pa.role = 'principal'
             UNION
             SELECT ma.id FROM unit mu JOIN assignment ma ON ma.unit_id = mu.id AND ma.role = ANY(${LEAD_ROLES})
              WHERE mu.municipality_code = c.municipality_code) ids
       JOIN assignment a ON a.id = ids.id
       JOIN person p ON p.id = a.person_id AND p.enabled
       JOIN organisation o ON o.id = a.organisation_id
       LEFT JOIN unit u ON u.id = a.unit_id
       CROSS JOIN LATERAL (
         SELECT EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = c.id AND t.assignment_id = a.id AND ${activeOn('t')}) AS on_team,
                EXISTS (SELECT 1 FROM plan_service s JOIN plan ap ON ap.id = s.plan_id AND ap.child_id = c.id AND ap.status = 'active'
                         WHERE s.unit_id = a.unit_id AND s.ended_on IS NULL) AS in_service,
                (a.role = ANY(${LEAD_ROLES}) AND (
                   (a.role = 'principal' AND (a.unit_id IN (SELECT su.unit_id FROM child_schools su)
                                              OR (NOT EXISTS (SELECT 1 FROM child_schools) AND u.municipality_code = c.municipality_code)))
                   OR (a.role <> 'principal' AND u.municipality_code = c.municipality_code))) AS lead_eligible
       ) k
      WHERE a.valid_from <= :today AND (a.valid_to IS NULL OR a.valid_to >= :today)
        AND a.role NOT IN ('unit_admin', 'system_admin', 'analyst', 'manager')
        AND (k.on_team OR k.in_service OR k.lead_eligible)) x)`;

/** The handover candidates of the child (rows of CANDIDATES_AGG); null when the child does not exist. */
export async function loadCandidates(q: Queryable, childId: string, today: string): Promise<CandidateRow[] | null> {
  const horizon = addDaysIso(today, TRANSITION_HORIZON_DAYS);
  const r = await q.query<{ candidates: unknown }>(
    withToday(`WITH ${CHILD_SCHOOLS} SELECT ${CANDIDATES_AGG} AS candidates FROM child c WHERE c.id = $1`, 2),
    [childId, today, horizon],
    'plan.candidates',
  );
  const row = r.rows[0];
  if (!row) return null;
  return parse<(CandidateRow & { sort_family?: string; sort_given?: string })[]>(row.candidates).map(
    ({ sort_family: _f, sort_given: _g, ...x }) => x,
  );
}

const addDaysIso = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The child's school units now or within the transition horizon ($3), for the principal rule. */
const CHILD_SCHOOLS = `
  child_schools AS (
    SELECT e.unit_id FROM enrolment e JOIN unit eu ON eu.id = e.unit_id
     WHERE e.child_id = $1 AND eu.kind IN ('compulsory_school', 'upper_secondary_school')
       AND e.valid_from <= $3::date AND (e.valid_to IS NULL OR e.valid_to >= :today))`;

/** A candidate row of CANDIDATES_AGG. */
export type CandidateRow = HandoverCandidate & { forCoordinator: boolean; leadEligible: boolean };

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
  return withToday(
    `SELECT c.*, curp.id AS current_plan_id, cur.plan_json, cur.plan_id, cur.plan_version, cur.plan_domain,
            ${when(TEAM_AGG)} AS team, ${when(GUARDIANS_AGG)} AS guardians, ${when(ENROLMENTS_AGG)} AS enrolments, ${when(HANDOVERS_AGG)} AS handovers,
            ${when(PLAN_SUMMARIES('c.id'))} AS plans
       FROM (SELECT c.id, c.birth_date::text AS birth_date, c.municipality_code, c.support_level, c.protected_identity, ${gateColumns}
               FROM child c WHERE c.id = $1 OFFSET 0) c
       -- The current plan: the active one, else the most recent closed one.
       LEFT JOIN LATERAL (
         SELECT p.id FROM plan p WHERE p.child_id = c.id AND ${permitted} ORDER BY (p.status = 'active') DESC, p.created_at DESC LIMIT 1) curp ON true
       LEFT JOIN LATERAL (
         SELECT cp0.j::text AS plan_json, cp0.id AS plan_id, cp0.version AS plan_version, cp0.secrecy_domain AS plan_domain
           FROM (${planSelect(lists)} WHERE p.id = curp.id) cp0) cur ON true`,
    2,
  );
}

/** The gate's parameters follow the child ($1) and today ($2). */
const GATED_PARAMS_FROM = 3;

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
  const g = gate ? gate.sql('c', GATED_PARAMS_FROM) : childAccessCheckedSql('c');
  const run = async (lists: 'live' | 'model') =>
    (
      await q.query<PlanViewRow>(
        planViewSql(g.columns, gate ? gate.permitted : 'true', lists),
        [childId, today, ...g.params],
        gate ? `plan.view_${lists}` : 'plan.view_in_write',
      )
    ).rows[0];
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

/** The candidates for each role: the coordinator's as the SQL says, barnets bästa-ansvarig's narrowed to the roles that fit the child. */
export function planCandidates(
  rows: readonly CandidateRow[],
  acceptableRoles: readonly string[],
): { coordinator: HandoverCandidate[]; best_interest_lead: HandoverCandidate[] } {
  const out = ({ forCoordinator: _c, leadEligible: _l, ...x }: CandidateRow): HandoverCandidate => x;
  return {
    coordinator: rows.filter((x) => x.forCoordinator).map(out),
    best_interest_lead: rows.filter((x) => x.leadEligible && acceptableRoles.includes(x.role)).map(out),
  };
}

/** One entry per assignment, with its active team roles. */
export function teamMembers(rows: TeamRow[]): PlanTeamMember[] {
  const by = new Map<string, PlanTeamMember>();
  for (const r of rows) {
    const m = by.get(r.assignmentId);
    if (m) {
      if (!m.teamRoles.includes(r.teamRole)) m.teamRoles.push(r.teamRole);
      continue;
    }
    by.set(r.assignmentId, {
      personId: r.personId,
      name: r.name,
      assignmentId: r.assignmentId,
      role: r.role,
      title: r.title,
      unitId: r.unitId,
      unitName: r.unitName,
      unitKind: r.unitKind,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      teamRoles: [r.teamRole],
    });
  }
  return [...by.values()];
}

/** Who holds a role today (the most recently started row when rows overlap). */
export function holderOf(rows: TeamRow[], role: 'coordinator' | 'best_interest_lead'): TeamRoleHolder | null {
  const h = rows.filter((r) => r.teamRole === role).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  return h
    ? {
        membershipId: h.membershipId,
        personId: h.personId,
        name: h.name,
        assignmentId: h.assignmentId,
        role: h.role,
        title: h.title,
        unitName: h.unitName,
        organisationName: h.organisationName,
        since: h.validFrom,
      }
    : null;
}

export async function loadHandover(q: Queryable, id: string): Promise<PlanHandover | null> {
  const r = await q.query<Record<string, unknown>>(`${HANDOVER_SELECT} WHERE h.id = $1`, [id]);
  return r.rows[0] ? strip<PlanHandover>(r.rows[0]) : null;
}

// ---------------------------------------------------------------------------------------------
// Locks and facts for writes

export interface LockedPlan {
  id: string;
  level: number;
  version: number;
  status: 'active' | 'closed';
}

/** The active plan of the child, locked for the rest of the transaction (plan writes serialise). */
export async function lockActivePlan(q: Queryable, childId: string): Promise<LockedPlan | null> {
  const r = await q.query<LockedPlan>(
    "SELECT id, level, version, status FROM plan WHERE child_id = $1 AND status = 'active' FOR UPDATE",
    [childId],
  );
  const row = r.rows[0];
  return row ? { ...row, level: Number(row.level), version: Number(row.version) } : null;
}

/** Locks the plan an item belongs to (this child's), and the item; null when either is missing. */
export async function lockItem(
  q: Queryable,
  kind: PlanItemKind | 'plan_disagreement',
  childId: string,
  id: string,
): Promise<{ plan: LockedPlan; version: number } | null> {
  const table = kind === 'plan_disagreement' ? 'plan_disagreement' : ITEM[kind].table;
  const r = await q.query<{ plan_id: string }>(
    `SELECT x.plan_id FROM ${table} x JOIN plan p ON p.id = x.plan_id WHERE x.id = $1 AND p.child_id = $2`,
    [id, childId],
  );
  const planId = r.rows[0]?.plan_id;
  if (!planId) return null;
  // Plan first, then the item: every plan write takes the locks in this order.
  const p = await q.query<LockedPlan>('SELECT id, level, version, status FROM plan WHERE id = $1 FOR UPDATE', [planId]);
  const plan = p.rows[0];
  if (!plan) return null;
  const versionCol = kind === 'plan_disagreement' ? '1 AS version' : 'version';
  const it = await q.query<{ version: number }>(`SELECT ${versionCol} FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!it.rows[0]) return null;
  return {
    plan: { ...plan, level: Number(plan.level), version: Number(plan.version) },
    version: Number(it.rows[0].version),
  };
}

export interface AssignmentFacts {
  personId: string;
  assignmentId: string;
  role: string;
  unitId: string | null;
  unitKind: string | null;
  unitMunicipality: string | null;
  organisationId: string;
  active: boolean;
}

export async function assignmentFacts(
  q: Queryable,
  assignmentId: string,
  today: string,
): Promise<AssignmentFacts | null> {
  const r = await q.query<AssignmentFacts>(
    `SELECT a.person_id AS "personId", a.id AS "assignmentId", a.role, a.unit_id AS "unitId", u.kind AS "unitKind", u.municipality_code AS "unitMunicipality",
            a.organisation_id AS "organisationId", (a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date) AND p.enabled) AS active
       FROM assignment a JOIN person p ON p.id = a.person_id LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [assignmentId, today],
  );
  return r.rows[0] ?? null;
}

/** The active team rows of one assignment for the child today. */
export async function activeTeamRows(
  q: Queryable,
  childId: string,
  assignmentId: string,
  today: string,
): Promise<{ id: string; teamRole: string; personId: string; validFrom: string }[]> {
  const r = await q.query<{ id: string; teamRole: string; personId: string; validFrom: string }>(
    withToday(
      `SELECT t.id, t.team_role AS "teamRole", t.person_id AS "personId", t.valid_from::text AS "validFrom" FROM team_membership t WHERE t.child_id = $1 AND t.assignment_id = $2 AND ${activeOn('t')}`,
      3,
    ),
    [childId, assignmentId, today],
  );
  return r.rows;
}

/** The active holder of a role (row locked: a handover and a change of the team cannot interleave). */
export async function lockRoleHolder(
  q: Queryable,
  childId: string,
  role: HandoverRole,
  today: string,
): Promise<{ id: string; personId: string; assignmentId: string; validFrom: string } | null> {
  const r = await q.query<{ id: string; personId: string; assignmentId: string; validFrom: string }>(
    withToday(
      `SELECT t.id, t.person_id AS "personId", t.assignment_id AS "assignmentId", t.valid_from::text AS "validFrom" FROM team_membership t
        WHERE t.child_id = $1 AND t.team_role = $2 AND ${activeOn('t')} ORDER BY t.valid_from DESC, t.created_at DESC LIMIT 1 FOR UPDATE`,
      3,
    ),
    [childId, role, today],
  );
  return r.rows[0] ?? null;
}

export async function hasCoordinator(q: Queryable, childId: string, today: string): Promise<boolean> {
  const r = await q.query(
    withToday(
      `SELECT 1 FROM team_membership t WHERE t.child_id = $1 AND t.team_role = 'coordinator' AND ${activeOn('t')}`,
      2,
    ),
    [childId, today],
  );
  return r.rows.length > 0;
}

/** A guardian of the child today; `custodial` narrows to those with custody. */
export async function guardianOfChild(
  q: Queryable,
  childId: string,
  guardianId: string,
  today: string,
  custodial: boolean,
): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM custody WHERE child_id = $1 AND guardian_id = $2 AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date) ${custodial ? 'AND has_custody' : ''}`,
    [childId, guardianId, today],
  );
  return r.rows.length > 0;
}

export async function childFacts(
  q: Queryable,
  childId: string,
): Promise<{ birthDate: string; supportLevel: number } | null> {
  const r = await q.query<{ birth_date: string; support_level: number }>(
    'SELECT birth_date::text AS birth_date, support_level FROM child WHERE id = $1',
    [childId],
  );
  return r.rows[0] ? { birthDate: r.rows[0].birth_date, supportLevel: Number(r.rows[0].support_level) } : null;
}

/** The plan's open actions lacking a responsible person or a due date (for level 3). */
export async function actionsMissingOwnerOrDue(
  q: Queryable,
  planId: string,
): Promise<{ id: string; what: string; missing: ('responsible' | 'dueDate')[] }[]> {
  const r = await q.query<{ id: string; what: string; no_owner: boolean; no_due: boolean }>(
    `SELECT id, what, responsible_kind IS NULL AS no_owner, due_date IS NULL AS no_due FROM plan_action
      WHERE plan_id = $1 AND status <> 'cancelled' AND (responsible_kind IS NULL OR due_date IS NULL) ORDER BY created_at, id`,
    [planId],
  );
  return r.rows.map((x) => ({
    id: x.id,
    what: x.what,
    missing: [...(x.no_owner ? (['responsible'] as const) : []), ...(x.no_due ? (['dueDate'] as const) : [])],
  }));
}

export async function itemBelongsToPlan(
  q: Queryable,
  table: 'plan_need' | 'plan_goal' | 'plan_service',
  id: string,
  planId: string,
): Promise<{ endedOn?: string | null } | null> {
  const r = await q.query<{ ended_on?: string | null }>(
    `SELECT ${table === 'plan_service' ? 'ended_on::text AS ended_on' : '1 AS one'} FROM ${table} WHERE id = $1 AND plan_id = $2`,
    [id, planId],
  );
  const row = r.rows[0];
  if (!row) return null;
  return table === 'plan_service' ? { endedOn: row.ended_on ?? null } : {};
}

// ---------------------------------------------------------------------------------------------
// Writes

export interface Author {
  personId: string;
  assignmentId: string;
  now: string;
}

export async function insertPlan(
  q: Queryable,
  p: {
    id: string;
    childId: string;
    level: number;
    background: string | null;
    nextReviewDate: string | null;
    owningUnitId: string | null;
    secrecyDomain: string | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan (id, child_id, status, level, background, next_review_date, created_by_person_id, created_by_assignment_id, owning_unit_id, secrecy_domain,
                       created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, 'active', $3, $4, $5::date, $6, $7, $8, $9, $10::timestamptz, $10::timestamptz, $6)`,
    [
      p.id,
      p.childId,
      p.level,
      p.background,
      p.nextReviewDate,
      by.personId,
      by.assignmentId,
      p.owningUnitId,
      p.secrecyDomain,
      by.now,
    ],
  );
}

export async function insertLevelChange(
  q: Queryable,
  c: { id: string; planId: string; childId: string; before: number | null; after: number; reason: string },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_level_change (id, plan_id, child_id, level_before, level_after, reason, changed_by_person_id, changed_by_assignment_id, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
    [c.id, c.planId, c.childId, c.before, c.after, c.reason, by.personId, by.assignmentId, by.now],
  );
}

const PLAN_COLUMNS: Record<string, string> = {
  background: 'background',
  nextReviewDate: 'next_review_date::date',
  isSip: 'is_sip',
  level: 'level',
};
const SERVICE_COLUMNS: Record<string, string> = {
  contactPersonId: 'contact_person_id',
  contactAssignmentId: 'contact_assignment_id',
  contribution: 'contribution',
  endedOn: 'ended_on::date',
};
const NEED_COLUMNS: Record<string, string> = { indicator: 'indicator', description: 'description' };
const GOAL_COLUMNS: Record<string, string> = {
  description: 'description',
  needId: 'need_id',
  indicators: 'indicators::text[]',
  targetDate: 'target_date::date',
};
const ACTION_COLUMNS: Record<string, string> = {
  what: 'what',
  goalId: 'goal_id',
  serviceId: 'service_id',
  responsibleKind: 'responsible_kind',
  responsiblePersonId: 'responsible_person_id',
  responsibleAssignmentId: 'responsible_assignment_id',
  responsibleGuardianId: 'responsible_guardian_id',
  dueDate: 'due_date::date',
  status: 'status',
};
const VOICE_COLUMNS: Record<string, string> = {
  text: 'text',
  recordedOn: 'recorded_on::date',
  writtenByChild: 'written_by_child',
};
const GUARDIAN_VIEW_COLUMNS: Record<string, string> = {
  text: 'text',
  recordedOn: 'recorded_on::date',
  writtenByGuardian: 'written_by_guardian',
};

const UPDATABLE: Record<'plan' | PlanItemKind, { table: string; columns: Record<string, string> }> = {
  plan: { table: 'plan', columns: PLAN_COLUMNS },
  plan_service: { table: 'plan_service', columns: SERVICE_COLUMNS },
  plan_need: { table: 'plan_need', columns: NEED_COLUMNS },
  plan_goal: { table: 'plan_goal', columns: GOAL_COLUMNS },
  plan_action: { table: 'plan_action', columns: ACTION_COLUMNS },
  plan_voice: { table: 'plan_voice', columns: VOICE_COLUMNS },
  plan_guardian_view: { table: 'plan_guardian_view', columns: GUARDIAN_VIEW_COLUMNS },
};

/**
 * Changes the given fields (keys of a fixed column list, never user text, go into the SQL) and bumps
 * the version, only if it is still `expectedVersion`. false = someone else was first.
 */
export async function updateVersioned(
  q: Queryable,
  kind: 'plan' | PlanItemKind,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
  by: Author,
): Promise<boolean> {
  const { table, columns } = UPDATABLE[kind];
  const sets: string[] = [];
  const params: unknown[] = [id, expectedVersion, by.now, by.personId];
  for (const [key, value] of Object.entries(changes)) {
    const spec = columns[key];
    if (!spec) throw new Error(`updateVersioned(${kind}): unknown field ${key}`);
    const [col, cast] = spec.split('::') as [string, string | undefined];
    params.push(value);
    sets.push(`${col} = $${params.length}${cast ? `::${cast}` : ''}`);
  }
  const r = await q.query(
    `UPDATE ${table} SET ${[...sets, 'version = version + 1', 'updated_at = $3::timestamptz', 'updated_by_person_id = $4'].join(', ')} WHERE id = $1 AND version = $2`,
    params,
  );
  return r.rowCount === 1;
}

export async function insertService(
  q: Queryable,
  s: {
    id: string;
    planId: string;
    unitId: string;
    organisationId: string;
    contactPersonId: string;
    contactAssignmentId: string;
    contribution: string | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_service (id, plan_id, unit_id, organisation_id, contact_person_id, contact_assignment_id, contribution, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $8::timestamptz, $9)`,
    [
      s.id,
      s.planId,
      s.unitId,
      s.organisationId,
      s.contactPersonId,
      s.contactAssignmentId,
      s.contribution,
      by.now,
      by.personId,
    ],
  );
}

export async function activeServiceForUnit(q: Queryable, planId: string, unitId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM plan_service WHERE plan_id = $1 AND unit_id = $2 AND ended_on IS NULL', [
    planId,
    unitId,
  ]);
  return r.rows.length > 0;
}

export async function unitFacts(q: Queryable, unitId: string): Promise<{ id: string; organisationId: string } | null> {
  const r = await q.query<{ id: string; organisation_id: string }>(
    'SELECT id, organisation_id FROM unit WHERE id = $1',
    [unitId],
  );
  return r.rows[0] ? { id: r.rows[0].id, organisationId: r.rows[0].organisation_id } : null;
}

export async function insertNeed(
  q: Queryable,
  n: { id: string; planId: string; indicator: WheelIndicator; description: string },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_need (id, plan_id, indicator, description, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $5::timestamptz, $6)`,
    [n.id, n.planId, n.indicator, n.description, by.now, by.personId],
  );
}

export async function insertGoal(
  q: Queryable,
  g: {
    id: string;
    planId: string;
    description: string;
    needId: string | null;
    indicators: WheelIndicator[];
    targetDate: string | null;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_goal (id, plan_id, description, need_id, indicators, target_date, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5::text[], $6::date, $7::timestamptz, $8, $7::timestamptz, $8)`,
    [g.id, g.planId, g.description, g.needId, g.indicators, g.targetDate, by.now, by.personId],
  );
}

export interface ResponsibleColumns {
  responsibleKind: 'professional' | 'guardian' | 'child' | null;
  responsiblePersonId: string | null;
  responsibleAssignmentId: string | null;
  responsibleGuardianId: string | null;
}

export async function insertAction(
  q: Queryable,
  a: {
    id: string;
    planId: string;
    what: string;
    goalId: string | null;
    serviceId: string | null;
    dueDate: string | null;
    status: PlanActionStatus;
  } & ResponsibleColumns,
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_action (id, plan_id, what, goal_id, service_id, responsible_kind, responsible_person_id, responsible_assignment_id, responsible_guardian_id,
                              due_date, status, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11, $12::timestamptz, $13, $12::timestamptz, $13)`,
    [
      a.id,
      a.planId,
      a.what,
      a.goalId,
      a.serviceId,
      a.responsibleKind,
      a.responsiblePersonId,
      a.responsibleAssignmentId,
      a.responsibleGuardianId,
      a.dueDate,
      a.status,
      by.now,
      by.personId,
    ],
  );
}

export async function insertVoice(
  q: Queryable,
  v: { id: string; planId: string; text: string; recordedOn: string; writtenByChild: boolean },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_voice (id, plan_id, text, recorded_on, written_by_child, recorded_by_person_id, recorded_by_assignment_id, created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8::timestamptz, $8::timestamptz, $6)`,
    [v.id, v.planId, v.text, v.recordedOn, v.writtenByChild, by.personId, by.assignmentId, by.now],
  );
}

export async function guardianViewExists(q: Queryable, planId: string, guardianId: string): Promise<string | null> {
  const r = await q.query<{ id: string }>('SELECT id FROM plan_guardian_view WHERE plan_id = $1 AND guardian_id = $2', [
    planId,
    guardianId,
  ]);
  return r.rows[0]?.id ?? null;
}

export async function insertGuardianView(
  q: Queryable,
  v: { id: string; planId: string; guardianId: string; text: string; recordedOn: string; writtenByGuardian: boolean },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_guardian_view (id, plan_id, guardian_id, text, recorded_on, written_by_guardian, recorded_by_person_id, recorded_by_assignment_id, created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9::timestamptz, $9::timestamptz, $7)`,
    [v.id, v.planId, v.guardianId, v.text, v.recordedOn, v.writtenByGuardian, by.personId, by.assignmentId, by.now],
  );
}

export async function insertDisagreement(
  q: Queryable,
  d: {
    id: string;
    planId: string;
    partyKind: 'child' | 'guardian' | 'professional';
    guardianId: string | null;
    personId: string | null;
    assignmentId: string | null;
    about: string;
    text: string;
    recordedOn: string;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_disagreement (id, plan_id, party_kind, party_guardian_id, party_person_id, party_assignment_id, about, text, recorded_on, recorded_by_person_id, recorded_by_assignment_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11, $12::timestamptz)`,
    [
      d.id,
      d.planId,
      d.partyKind,
      d.guardianId,
      d.personId,
      d.assignmentId,
      d.about,
      d.text,
      d.recordedOn,
      by.personId,
      by.assignmentId,
      by.now,
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// Handovers

export async function pendingHandover(q: Queryable, childId: string, role: HandoverRole): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    "SELECT id FROM role_handover WHERE child_id = $1 AND team_role = $2 AND status = 'pending'",
    [childId, role],
  );
  return r.rows[0]?.id ?? null;
}

export async function insertHandover(
  q: Queryable,
  h: {
    id: string;
    childId: string;
    planId: string | null;
    role: HandoverRole;
    from: { membershipId: string; personId: string; assignmentId: string } | null;
    toPersonId: string;
    toAssignmentId: string;
    respondBy: string;
  },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO role_handover (id, child_id, plan_id, team_role, from_membership_id, from_person_id, from_assignment_id, to_person_id, to_assignment_id, status, respond_by,
                                offered_at, offered_by_person_id, offered_by_assignment_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10::date, $11::timestamptz, $12, $13)`,
    [
      h.id,
      h.childId,
      h.planId,
      h.role,
      h.from?.membershipId ?? null,
      h.from?.personId ?? null,
      h.from?.assignmentId ?? null,
      h.toPersonId,
      h.toAssignmentId,
      h.respondBy,
      by.now,
      by.personId,
      by.assignmentId,
    ],
  );
}

export interface HandoverRow {
  id: string;
  childId: string;
  role: HandoverRole;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  fromMembershipId: string | null;
  fromPersonId: string | null;
  fromAssignmentId: string | null;
  toPersonId: string;
  toAssignmentId: string;
  offeredByPersonId: string;
}

export async function lockHandover(q: Queryable, id: string): Promise<HandoverRow | null> {
  const r = await q.query<HandoverRow>(
    `SELECT id, child_id AS "childId", team_role AS role, status, from_membership_id AS "fromMembershipId", from_person_id AS "fromPersonId",
            from_assignment_id AS "fromAssignmentId", to_person_id AS "toPersonId", to_assignment_id AS "toAssignmentId", offered_by_person_id AS "offeredByPersonId"
       FROM role_handover WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function answerHandover(
  q: Queryable,
  id: string,
  status: 'accepted' | 'declined' | 'withdrawn',
  note: string | null,
  now: string,
): Promise<void> {
  await q.query(
    "UPDATE role_handover SET status = $2, response_note = $3, responded_at = $4::timestamptz WHERE id = $1 AND status = 'pending'",
    [id, status, note, now],
  );
}

/** Ends a team row the day before `today` (a row that began today is left as an empty period). */
export async function endTeamRow(q: Queryable, membershipId: string, today: string): Promise<void> {
  await q.query('UPDATE team_membership SET valid_to = $2::date - 1 WHERE id = $1', [membershipId, today]);
}

export async function insertTeamRow(
  q: Queryable,
  t: {
    id: string;
    childId: string;
    personId: string;
    assignmentId: string;
    role: 'coordinator' | 'best_interest_lead' | 'member';
    validFrom: string;
  },
): Promise<void> {
  await q.query(
    'INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) VALUES ($1, $2, $3, $4, $5, $6::date)',
    [t.id, t.childId, t.personId, t.assignmentId, t.role, t.validFrom],
  );
}

/** Is the assignment's unit one of the services taking part in the plan (not ended)? */
export async function unitTakesPart(q: Queryable, planId: string, unitId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM plan_service WHERE plan_id = $1 AND unit_id = $2 AND ended_on IS NULL', [
    planId,
    unitId,
  ]);
  return r.rows.length > 0;
}

/** Offers to this receiver (person + assignment) and offers this person made, still pending. */
export async function listHandoversFor(
  q: Queryable,
  personId: string,
  assignmentId: string,
): Promise<{ incoming: PlanHandover[]; outgoing: PlanHandover[] }> {
  const r = await q.query<Record<string, unknown> & { incoming: boolean }>(
    `SELECT x.*, (h.to_person_id = $1 AND h.to_assignment_id = $2) AS incoming
       FROM (${HANDOVER_SELECT} WHERE h.status = 'pending' AND ((h.to_person_id = $1 AND h.to_assignment_id = $2) OR (h.offered_by_person_id = $1 AND h.offered_by_assignment_id = $2))) x
       JOIN role_handover h ON h.id = x.id
      ORDER BY x.sort_at, x.id`,
    [personId, assignmentId],
  );
  const incoming: PlanHandover[] = [];
  const outgoing: PlanHandover[] = [];
  for (const row of r.rows) {
    const { incoming: isIncoming, ...rest } = row;
    (isIncoming ? incoming : outgoing).push(strip<PlanHandover>(rest));
  }
  return { incoming, outgoing };
}

export async function childNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<{ id: string; name: string }>(
    `SELECT c.id, ${name('c')} AS name FROM child c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

/**
 * The child as the printed plan names them: names and the birth date (for the age). No personnummer,
 * no address: the printout may leave the building.
 */
export async function childHeader(
  q: Queryable,
  childId: string,
): Promise<{ givenName: string; familyName: string; birthDate: string } | null> {
  const r = await q.query<{ given_name: string; family_name: string; birth_date: string }>(
    'SELECT given_name, family_name, birth_date::text AS birth_date FROM child WHERE id = $1',
    [childId],
    'print.child',
  );
  const row = r.rows[0];
  return row ? { givenName: row.given_name, familyName: row.family_name, birthDate: row.birth_date } : null;
}
