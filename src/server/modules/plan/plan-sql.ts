import { WHEEL_INDICATORS } from '../../../core/wheel.js';
import type {
  PlanAction,
  PlanGoal,
  PlanGuardianView,
  PlanNeed,
  PlanService,
  PlanVoice,
} from '../../../contract/plan/index.js';

// SQL fragments the plan's repository files share: how a person, a timestamp and each plan item
// are written as the API shows them.

export const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
export const name = (alias: string) => `(${alias}.given_name || ' ' || ${alias}.family_name)`;
export const who = (alias: string) => `json_build_object('personId', ${alias}.id, 'name', ${name(alias)})`;
export const personRef = (p: string, a: string, u: string) =>
  `json_build_object('personId', ${p}.id, 'name', ${name(p)}, 'title', ${a}.title, 'unitName', ${u}.name)`;
export const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const INDICATOR_ORDER = `ARRAY[${WHEEL_INDICATORS.map((i) => `'${i}'`).join(', ')}]::text[]`;

/** An active team membership on `today` (the named parameter `:today`, db/sql.ts). */
export const activeOn = (t: string) =>
  `${t}.valid_from <= :today::date AND (${t}.valid_to IS NULL OR ${t}.valid_to >= :today::date)`;

// ---------------------------------------------------------------------------------------------
// Item selects. PostgreSQL builds each item as the API shows it: `j` is row_to_json of the `api`
// columns (named as the API's keys, in the schema's order), beside the columns it is sorted by.
// The plan view sends the plan's JSON on as PostgreSQL wrote it (no parse and re-serialise in
// Node: bench plan-read), so these selects ARE the wire format of schemas.ts `Plan` — the test
// suite checks every plan it reads against the schema (plan-wire.ts). `child` is the SQL
// expression of the child's id; `:today` a parameter.

/** Open (planned or in progress) with a due date before today (`:today`). */
export const OVERDUE = (a: string) =>
  `(${a}.status IN ('planned', 'in_progress') AND ${a}.due_date IS NOT NULL AND ${a}.due_date < :today::date)`;

export const SERVICE_SELECT = (child: string) => `
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

export const NEED_SELECT = () => `
  SELECT row_to_json(api) AS j, array_position(${INDICATOR_ORDER}, n.indicator) AS sort_indicator, n.created_at AS sort_at, n.id AS sort_id
    FROM plan_need n
    JOIN person cp ON cp.id = n.created_by_person_id
    JOIN person up ON up.id = n.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT n.id, n.indicator, n.description, ${ts('n.created_at')} AS "createdAt", ${who('cp')} AS "createdBy",
             ${ts('n.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", n.version) api`;

export const GOAL_SELECT = () => `
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

export const ACTION_SELECT = () => `
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

export const VOICE_SELECT = () => `
  SELECT row_to_json(api) AS j, v.recorded_on AS sort_on, v.created_at AS sort_at, v.id AS sort_id
    FROM plan_voice v
    JOIN person rp ON rp.id = v.recorded_by_person_id
    JOIN assignment ra ON ra.id = v.recorded_by_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    JOIN person up ON up.id = v.updated_by_person_id
    CROSS JOIN LATERAL (
      SELECT v.id, v.text, v.recorded_on::text AS "recordedOn", v.written_by_child AS "writtenByChild", ${personRef('rp', 'ra', 'ru')} AS "recordedBy",
             ${ts('v.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", v.version) api`;

export const GUARDIAN_VIEW_SELECT = () => `
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

export const DISAGREEMENT_SELECT = () => `
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

export const LEVEL_SELECT = () => `
  SELECT row_to_json(api) AS j, l.changed_at AS sort_at, l.id AS sort_id
    FROM plan_level_change l
    JOIN person cp ON cp.id = l.changed_by_person_id
    JOIN assignment ca ON ca.id = l.changed_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id
    CROSS JOIN LATERAL (
      SELECT l.id, l.level_before AS "levelBefore", l.level_after AS "levelAfter", l.reason, ${ts('l.changed_at')} AS "changedAt",
             ${personRef('cp', 'ca', 'cu')} AS "changedBy") api`;

export const STATUS_SELECT = () => `
  SELECT row_to_json(api) AS j, sc.changed_at AS sort_at, sc.id AS sort_id
    FROM plan_status_change sc
    JOIN person cp ON cp.id = sc.changed_by_person_id
    JOIN assignment ca ON ca.id = sc.changed_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id
    CROSS JOIN LATERAL (
      SELECT sc.id, sc.status_after AS "statusAfter", sc.reason_code AS "reasonCode", sc.reason_text AS "reasonText", ${ts('sc.changed_at')} AS "changedAt",
             ${personRef('cp', 'ca', 'cu')} AS "changedBy") api`;

export const HANDOVER_SELECT = `
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
export const agg = (select: string, where: string, order: string) =>
  `(SELECT coalesce(json_agg(x.j ORDER BY ${order}), '[]'::json) FROM (${select} WHERE ${where}) x)`;

export type PlanItemKind =
  | 'plan_service'
  | 'plan_need'
  | 'plan_goal'
  | 'plan_action'
  | 'plan_voice'
  | 'plan_guardian_view';

export const ITEM: Record<PlanItemKind, { select: (child: string) => string; alias: string; table: string }> = {
  plan_service: { select: SERVICE_SELECT, alias: 's', table: 'plan_service' },
  plan_need: { select: NEED_SELECT, alias: 'n', table: 'plan_need' },
  plan_goal: { select: GOAL_SELECT, alias: 'g', table: 'plan_goal' },
  plan_action: { select: ACTION_SELECT, alias: 'a', table: 'plan_action' },
  plan_voice: { select: VOICE_SELECT, alias: 'v', table: 'plan_voice' },
  plan_guardian_view: { select: GUARDIAN_VIEW_SELECT, alias: 'w', table: 'plan_guardian_view' },
};

export type PlanItem = PlanService | PlanNeed | PlanGoal | PlanAction | PlanVoice | PlanGuardianView;

export function strip<T>(row: Record<string, unknown>): T {
  const { sort_at: _a, ...rest } = row;
  return rest as T;
}

/** A json_agg(x) column of rows (the context's handovers), without their sort_at column. */
export function items<T>(v: unknown): T[] {
  return (parse<Record<string, unknown>[] | null>(v) ?? []).map((row) => strip<T>(row));
}
