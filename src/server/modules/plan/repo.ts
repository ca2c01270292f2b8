import type { Queryable } from '../../db/client.js';
import { WHEEL_INDICATORS, type WheelIndicator } from '../../../core/wheel.js';
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
  PlanLevelChange,
  PlanNeed,
  PlanService,
  PlanStatusChange,
  PlanSummary,
  PlanTeamMember,
  PlanVoice,
  HandoverCandidate,
  TeamRoleHolder,
} from './schemas.js';

/**
 * Parametrised SQL for the child's plan and role handovers. Only the plan and handover services call
 * these, inside readChildData / writeChildData / auditedWrite (gate and audit). The plan and its
 * items are read in ONE statement (items aggregated as JSON), the team around it in another.
 */

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const name = (alias: string) => `(${alias}.given_name || ' ' || ${alias}.family_name)`;
const who = (alias: string) => `json_build_object('personId', ${alias}.id, 'name', ${name(alias)})`;
const personRef = (p: string, a: string, u: string) => `json_build_object('personId', ${p}.id, 'name', ${name(p)}, 'title', ${a}.title, 'unitName', ${u}.name)`;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const INDICATOR_ORDER = `ARRAY[${WHEEL_INDICATORS.map((i) => `'${i}'`).join(', ')}]::text[]`;

/** An active team membership on `today` (`:today` is replaced by a parameter). */
const activeOn = (t: string) => `${t}.valid_from <= :today AND (${t}.valid_to IS NULL OR ${t}.valid_to >= :today)`;

/** Replaces `:today` with the parameter `$n::date`. */
const withToday = (sql: string, n: number) => sql.replaceAll(':today', `$${n}::date`);

// ---------------------------------------------------------------------------------------------
// Item selects: each yields rows whose columns are the API's keys.

const SERVICE_SELECT = `
  SELECT s.id, json_build_object('id', u.id, 'name', u.name, 'kind', u.kind) AS unit,
         json_build_object('id', o.id, 'name', o.name) AS organisation,
         json_build_object('personId', cp.id, 'name', ${name('cp')}, 'assignmentId', ca.id, 'title', ca.title) AS contact,
         EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = pl.child_id AND t.assignment_id = s.contact_assignment_id AND ${activeOn('t')}) AS "contactOnTeam",
         s.contribution, s.ended_on::text AS "endedOn", ${ts('s.created_at')} AS "createdAt", ${ts('s.updated_at')} AS "updatedAt",
         ${who('up')} AS "updatedBy", s.version, s.created_at AS sort_at
    FROM plan_service s
    JOIN plan pl ON pl.id = s.plan_id
    JOIN unit u ON u.id = s.unit_id
    JOIN organisation o ON o.id = s.organisation_id
    JOIN person cp ON cp.id = s.contact_person_id
    JOIN assignment ca ON ca.id = s.contact_assignment_id
    JOIN person up ON up.id = s.updated_by_person_id`;

const NEED_SELECT = `
  SELECT n.id, n.indicator, n.description, ${ts('n.created_at')} AS "createdAt", ${who('cp')} AS "createdBy",
         ${ts('n.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", n.version,
         array_position(${INDICATOR_ORDER}, n.indicator) AS sort_indicator, n.created_at AS sort_at
    FROM plan_need n
    JOIN plan pl ON pl.id = n.plan_id
    JOIN person cp ON cp.id = n.created_by_person_id
    JOIN person up ON up.id = n.updated_by_person_id`;

const GOAL_SELECT = `
  SELECT g.id, g.description, g.need_id AS "needId", g.indicators, g.target_date::text AS "targetDate",
         ${ts('g.created_at')} AS "createdAt", ${who('cp')} AS "createdBy", ${ts('g.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", g.version,
         g.created_at AS sort_at
    FROM plan_goal g
    JOIN plan pl ON pl.id = g.plan_id
    JOIN person cp ON cp.id = g.created_by_person_id
    JOIN person up ON up.id = g.updated_by_person_id`;

const ACTION_SELECT = `
  SELECT a.id, a.what, a.goal_id AS "goalId", a.service_id AS "serviceId",
         CASE a.responsible_kind
           WHEN 'professional' THEN json_build_object('kind', 'professional', 'personId', rp.id, 'name', ${name('rp')}, 'assignmentId', ra.id, 'title', ra.title, 'unitName', ru.name)
           WHEN 'guardian' THEN json_build_object('kind', 'guardian', 'guardianId', rg.id, 'name', ${name('rg')})
           WHEN 'child' THEN json_build_object('kind', 'child')
         END AS responsible,
         a.due_date::text AS "dueDate", a.status,
         ${ts('a.created_at')} AS "createdAt", ${who('cp')} AS "createdBy", ${ts('a.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", a.version,
         a.due_date::text AS sort_due, a.created_at AS sort_at
    FROM plan_action a
    JOIN plan pl ON pl.id = a.plan_id
    LEFT JOIN person rp ON rp.id = a.responsible_person_id
    LEFT JOIN assignment ra ON ra.id = a.responsible_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    LEFT JOIN guardian rg ON rg.id = a.responsible_guardian_id
    JOIN person cp ON cp.id = a.created_by_person_id
    JOIN person up ON up.id = a.updated_by_person_id`;

const VOICE_SELECT = `
  SELECT v.id, v.text, v.recorded_on::text AS "recordedOn", v.written_by_child AS "writtenByChild", ${personRef('rp', 'ra', 'ru')} AS "recordedBy",
         ${ts('v.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", v.version, v.recorded_on::text AS sort_on, v.created_at AS sort_at
    FROM plan_voice v
    JOIN plan pl ON pl.id = v.plan_id
    JOIN person rp ON rp.id = v.recorded_by_person_id
    JOIN assignment ra ON ra.id = v.recorded_by_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    JOIN person up ON up.id = v.updated_by_person_id`;

const GUARDIAN_VIEW_SELECT = `
  SELECT w.id, w.guardian_id AS "guardianId", ${name('g')} AS "guardianName", w.text, w.recorded_on::text AS "recordedOn",
         w.written_by_guardian AS "writtenByGuardian", ${personRef('rp', 'ra', 'ru')} AS "recordedBy",
         ${ts('w.updated_at')} AS "updatedAt", ${who('up')} AS "updatedBy", w.version, w.created_at AS sort_at
    FROM plan_guardian_view w
    JOIN plan pl ON pl.id = w.plan_id
    JOIN guardian g ON g.id = w.guardian_id
    JOIN person rp ON rp.id = w.recorded_by_person_id
    JOIN assignment ra ON ra.id = w.recorded_by_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id
    JOIN person up ON up.id = w.updated_by_person_id`;

const DISAGREEMENT_SELECT = `
  SELECT d.id,
         CASE d.party_kind
           WHEN 'child' THEN json_build_object('kind', 'child')
           WHEN 'guardian' THEN json_build_object('kind', 'guardian', 'guardianId', pg.id, 'name', ${name('pg')})
           ELSE json_build_object('kind', 'professional', 'personId', pp.id, 'assignmentId', pa.id, 'name', ${name('pp')}, 'title', pa.title)
         END AS party,
         d.about, d.text, d.recorded_on::text AS "recordedOn", ${personRef('rp', 'ra', 'ru')} AS "recordedBy", ${ts('d.created_at')} AS "createdAt", d.created_at AS sort_at
    FROM plan_disagreement d
    JOIN plan pl ON pl.id = d.plan_id
    LEFT JOIN guardian pg ON pg.id = d.party_guardian_id
    LEFT JOIN person pp ON pp.id = d.party_person_id
    LEFT JOIN assignment pa ON pa.id = d.party_assignment_id
    JOIN person rp ON rp.id = d.recorded_by_person_id
    JOIN assignment ra ON ra.id = d.recorded_by_assignment_id
    LEFT JOIN unit ru ON ru.id = ra.unit_id`;

const LEVEL_SELECT = `
  SELECT l.id, l.level_before AS "levelBefore", l.level_after AS "levelAfter", l.reason, ${ts('l.changed_at')} AS "changedAt",
         ${personRef('cp', 'ca', 'cu')} AS "changedBy", l.changed_at AS sort_at
    FROM plan_level_change l
    JOIN plan pl ON pl.id = l.plan_id
    JOIN person cp ON cp.id = l.changed_by_person_id
    JOIN assignment ca ON ca.id = l.changed_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id`;

const STATUS_SELECT = `
  SELECT sc.id, sc.status_after AS "statusAfter", sc.reason_code AS "reasonCode", sc.reason_text AS "reasonText", ${ts('sc.changed_at')} AS "changedAt",
         ${personRef('cp', 'ca', 'cu')} AS "changedBy", sc.changed_at AS sort_at
    FROM plan_status_change sc
    JOIN person cp ON cp.id = sc.changed_by_person_id
    JOIN assignment ca ON ca.id = sc.changed_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id`;

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

// Rows go out as plain row_to_json (json_agg(x)); their sort_* columns are dropped in Node by
// `items()`. Removing them in SQL (to_jsonb(x) - 'sort_at' - …) converted every row to jsonb and back,
// which made the plan read ~40 % slower on PostgreSQL (bench plan-read).
const agg = (select: string, where: string, order: string) => `(SELECT coalesce(json_agg(x ORDER BY ${order}), '[]'::json) FROM (${select} WHERE ${where}) x)`;

export type PlanItemKind = 'plan_service' | 'plan_need' | 'plan_goal' | 'plan_action' | 'plan_voice' | 'plan_guardian_view';

const ITEM: Record<PlanItemKind, { select: string; alias: string; table: string }> = {
  plan_service: { select: SERVICE_SELECT, alias: 's', table: 'plan_service' },
  plan_need: { select: NEED_SELECT, alias: 'n', table: 'plan_need' },
  plan_goal: { select: GOAL_SELECT, alias: 'g', table: 'plan_goal' },
  plan_action: { select: ACTION_SELECT, alias: 'a', table: 'plan_action' },
  plan_voice: { select: VOICE_SELECT, alias: 'v', table: 'plan_voice' },
  plan_guardian_view: { select: GUARDIAN_VIEW_SELECT, alias: 'w', table: 'plan_guardian_view' },
};

export type PlanItem = PlanService | PlanNeed | PlanGoal | PlanAction | PlanVoice | PlanGuardianView;

function strip<T>(row: Record<string, unknown>): T {
  const { sort_at: _a, sort_due: _b, sort_on: _c, sort_indicator: _d, ...rest } = row;
  return rest as T;
}

/** A json_agg(x) column of item rows, without their sort_* columns. */
function items<T>(v: unknown): T[] {
  return (parse<Record<string, unknown>[] | null>(v) ?? []).map((row) => strip<T>(row));
}

/** Open (planned or in progress) with a due date before today. */
export function isOverdue(a: { status: PlanActionStatus; dueDate: string | null }, today: string): boolean {
  return (a.status === 'planned' || a.status === 'in_progress') && a.dueDate !== null && a.dueDate < today;
}

function finishAction(a: Omit<PlanAction, 'overdue'> & { overdue?: boolean }, today: string): PlanAction {
  return { ...a, overdue: isOverdue(a, today) };
}

function finishGoal(g: PlanGoal): PlanGoal {
  const set = new Set(g.indicators ?? []);
  return { ...g, indicators: WHEEL_INDICATORS.filter((i) => set.has(i)) };
}

/** One item of one kind in one of this child's plans (any status); null when there is none. */
export async function loadItem(q: Queryable, kind: PlanItemKind, childId: string, id: string, today: string): Promise<PlanItem | null> {
  const { select, alias } = ITEM[kind];
  const usesToday = select.includes(':today');
  const r = await q.query<Record<string, unknown>>(withToday(`${select} WHERE ${alias}.id = $2 AND pl.child_id = $1`, 3), usesToday ? [childId, id, today] : [childId, id]);
  const row = r.rows[0];
  if (!row) return null;
  const item = strip<PlanItem>(row);
  if (kind === 'plan_action') return finishAction(item as PlanAction, today);
  if (kind === 'plan_goal') return finishGoal(item as PlanGoal);
  return item;
}

export async function loadDisagreement(q: Queryable, childId: string, id: string): Promise<PlanDisagreement | null> {
  const r = await q.query<Record<string, unknown>>(`${DISAGREEMENT_SELECT} WHERE d.id = $2 AND pl.child_id = $1`, [childId, id]);
  return r.rows[0] ? strip<PlanDisagreement>(r.rows[0]) : null;
}

interface PlanRow {
  id: string;
  child_id: string;
  status: 'active' | 'closed';
  level: number;
  background: string | null;
  next_review_date: string | null;
  is_sip: boolean;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: unknown;
  updated_by: unknown;
  coordinator_today: boolean;
  services: unknown;
  needs: unknown;
  goals: unknown;
  actions: unknown;
  voice: unknown;
  guardian_views: unknown;
  disagreements: unknown;
  level_history: unknown;
  status_history: unknown;
}

const PLAN_SELECT = `
  SELECT p.id, p.child_id, p.status, p.level, p.background, p.next_review_date::text AS next_review_date, p.is_sip, p.version,
         ${ts('p.created_at')} AS created_at, ${ts('p.updated_at')} AS updated_at,
         ${personRef('cp', 'ca', 'cu')} AS created_by, ${who('up')} AS updated_by,
         EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = p.child_id AND t.team_role = 'coordinator' AND ${activeOn('t')}) AS coordinator_today,
         ${agg(SERVICE_SELECT, 's.plan_id = p.id', 'x.sort_at, x.id')} AS services,
         ${agg(NEED_SELECT, 'n.plan_id = p.id', 'x.sort_indicator, x.sort_at, x.id')} AS needs,
         ${agg(GOAL_SELECT, 'g.plan_id = p.id', 'x.sort_at, x.id')} AS goals,
         ${agg(ACTION_SELECT, 'a.plan_id = p.id', 'x.sort_due NULLS LAST, x.sort_at, x.id')} AS actions,
         ${agg(VOICE_SELECT, 'v.plan_id = p.id', 'x.sort_on, x.sort_at, x.id')} AS voice,
         ${agg(GUARDIAN_VIEW_SELECT, 'w.plan_id = p.id', 'x."guardianName", x.id')} AS guardian_views,
         ${agg(DISAGREEMENT_SELECT, 'd.plan_id = p.id', 'x.sort_at, x.id')} AS disagreements,
         ${agg(LEVEL_SELECT, 'l.plan_id = p.id', 'x.sort_at, x.id')} AS level_history,
         ${agg(STATUS_SELECT, 'sc.plan_id = p.id', 'x.sort_at, x.id')} AS status_history
    FROM plan p
    JOIN person cp ON cp.id = p.created_by_person_id
    JOIN assignment ca ON ca.id = p.created_by_assignment_id
    LEFT JOIN unit cu ON cu.id = ca.unit_id
    JOIN person up ON up.id = p.updated_by_person_id`;

function toPlan(r: PlanRow, today: string): Plan {
  const actions = items<Omit<PlanAction, 'overdue'>>(r.actions).map((a) => finishAction(a, today));
  const open = actions.filter((a) => a.status !== 'cancelled');
  const sip = {
    actionsPresent: open.length > 0,
    everyActionHasResponsibleAndDue: open.every((a) => a.responsible !== null && a.dueDate !== null),
    overallResponsible: r.coordinator_today,
    followUp: r.next_review_date !== null,
  };
  return {
    id: r.id,
    childId: r.child_id,
    status: r.status,
    level: Number(r.level),
    background: r.background,
    nextReviewDate: r.next_review_date,
    isSip: r.is_sip,
    sipReadiness: { ...sip, complete: Object.values(sip).every(Boolean) },
    services: items<PlanService>(r.services),
    needs: items<PlanNeed>(r.needs),
    goals: items<PlanGoal>(r.goals).map(finishGoal),
    actions,
    voice: items<PlanVoice>(r.voice),
    guardianViews: items<PlanGuardianView>(r.guardian_views),
    disagreements: items<PlanDisagreement>(r.disagreements),
    levelHistory: items<PlanLevelChange>(r.level_history),
    statusHistory: items<PlanStatusChange>(r.status_history),
    createdAt: r.created_at,
    createdBy: parse(r.created_by),
    updatedAt: r.updated_at,
    updatedBy: parse(r.updated_by),
    version: Number(r.version),
  };
}

/** The child's current plan: the active one, else the most recent closed one; null if none. */
export async function loadCurrentPlan(q: Queryable, childId: string, today: string): Promise<Plan | null> {
  const r = await q.query<PlanRow>(withToday(`${PLAN_SELECT} WHERE p.child_id = $1 ORDER BY (p.status = 'active') DESC, p.created_at DESC LIMIT 1`, 2), [childId, today], 'plan.current');
  return r.rows[0] ? toPlan(r.rows[0], today) : null;
}

/** A short line per plan of the child (newest first), with the domain for the visibility filter. */
export async function listPlanSummaries(q: Queryable, childId: string): Promise<(PlanSummary & { secrecyDomain: string | null })[]> {
  const r = await q.query<{ id: string; status: 'active' | 'closed'; level: number; created_at: string; secrecy_domain: string | null; closed_at: string | null; reason_code: PlanSummary['closeReason'] }>(
    `SELECT p.id, p.status, p.level, ${ts('p.created_at')} AS created_at, p.secrecy_domain, ${ts('sc.changed_at')} AS closed_at, sc.reason_code
       FROM plan p
       LEFT JOIN LATERAL (SELECT changed_at, reason_code FROM plan_status_change s WHERE s.plan_id = p.id AND s.status_after = 'closed' ORDER BY changed_at DESC LIMIT 1) sc ON p.status = 'closed'
      WHERE p.child_id = $1
      ORDER BY (p.status = 'active') DESC, p.created_at DESC`,
    [childId],
  );
  return r.rows.map((x) => ({
    id: x.id,
    status: x.status,
    level: Number(x.level),
    createdAt: x.created_at,
    closedAt: x.closed_at ?? null,
    closeReason: x.reason_code ?? null,
    secrecyDomain: x.secrecy_domain,
  }));
}

export async function loadPlan(q: Queryable, childId: string, planId: string, today: string): Promise<Plan | null> {
  const r = await q.query<PlanRow>(withToday(`${PLAN_SELECT} WHERE p.child_id = $1 AND p.id = $3`, 2), [childId, today, planId]);
  return r.rows[0] ? toPlan(r.rows[0], today) : null;
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

export async function loadContext(q: Queryable, childId: string, today: string): Promise<PlanContext | null> {
  const r = await q.query<{ id: string; birth_date: string; municipality_code: string; support_level: number; team: unknown; guardians: unknown; enrolments: unknown; handovers: unknown }>(
    withToday(
      `SELECT c.id, c.birth_date::text AS birth_date, c.municipality_code, c.support_level,
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
                  WHERE t.child_id = c.id AND ${activeOn('t')}) x) AS team,
              (SELECT coalesce(json_agg(x ORDER BY x."hasCustody" DESC, x.name), '[]'::json) FROM (
                 SELECT g.id AS "guardianId", ${name('g')} AS name, cu.relation, cu.has_custody AS "hasCustody"
                   FROM custody cu JOIN guardian g ON g.id = cu.guardian_id
                  WHERE cu.child_id = c.id AND cu.valid_from <= :today AND (cu.valid_to IS NULL OR cu.valid_to >= :today)) x) AS guardians,
              (SELECT coalesce(json_agg(json_build_object('unitId', u.id, 'unitKind', u.kind, 'validFrom', e.valid_from, 'validTo', e.valid_to)), '[]'::json)
                 FROM enrolment e JOIN unit u ON u.id = e.unit_id WHERE e.child_id = c.id) AS enrolments,
              ${agg(HANDOVER_SELECT, "h.child_id = c.id AND h.status = 'pending'", 'x.sort_at, x.id')} AS handovers
         FROM child c WHERE c.id = $1`,
      2,
    ),
    [childId, today],
    'plan.context',
  );
  const row = r.rows[0];
  if (!row) return null;
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
    ? { membershipId: h.membershipId, personId: h.personId, name: h.name, assignmentId: h.assignmentId, role: h.role, title: h.title, unitName: h.unitName, organisationName: h.organisationName, since: h.validFrom }
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
  const r = await q.query<LockedPlan>("SELECT id, level, version, status FROM plan WHERE child_id = $1 AND status = 'active' FOR UPDATE", [childId]);
  const row = r.rows[0];
  return row ? { ...row, level: Number(row.level), version: Number(row.version) } : null;
}

/** Locks the plan an item belongs to (this child's), and the item; null when either is missing. */
export async function lockItem(q: Queryable, kind: PlanItemKind | 'plan_disagreement', childId: string, id: string): Promise<{ plan: LockedPlan; version: number } | null> {
  const table = kind === 'plan_disagreement' ? 'plan_disagreement' : ITEM[kind].table;
  const r = await q.query<{ plan_id: string }>(`SELECT x.plan_id FROM ${table} x JOIN plan p ON p.id = x.plan_id WHERE x.id = $1 AND p.child_id = $2`, [id, childId]);
  const planId = r.rows[0]?.plan_id;
  if (!planId) return null;
  // Plan first, then the item: every plan write takes the locks in this order.
  const p = await q.query<LockedPlan>('SELECT id, level, version, status FROM plan WHERE id = $1 FOR UPDATE', [planId]);
  const plan = p.rows[0];
  if (!plan) return null;
  const versionCol = kind === 'plan_disagreement' ? '1 AS version' : 'version';
  const it = await q.query<{ version: number }>(`SELECT ${versionCol} FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!it.rows[0]) return null;
  return { plan: { ...plan, level: Number(plan.level), version: Number(plan.version) }, version: Number(it.rows[0].version) };
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

export async function assignmentFacts(q: Queryable, assignmentId: string, today: string): Promise<AssignmentFacts | null> {
  const r = await q.query<AssignmentFacts>(
    `SELECT a.person_id AS "personId", a.id AS "assignmentId", a.role, a.unit_id AS "unitId", u.kind AS "unitKind", u.municipality_code AS "unitMunicipality",
            a.organisation_id AS "organisationId", (a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date) AND p.enabled) AS active
       FROM assignment a JOIN person p ON p.id = a.person_id LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [assignmentId, today],
  );
  return r.rows[0] ?? null;
}

/** The active team rows of one assignment for the child today. */
export async function activeTeamRows(q: Queryable, childId: string, assignmentId: string, today: string): Promise<{ id: string; teamRole: string; personId: string; validFrom: string }[]> {
  const r = await q.query<{ id: string; teamRole: string; personId: string; validFrom: string }>(
    withToday(`SELECT t.id, t.team_role AS "teamRole", t.person_id AS "personId", t.valid_from::text AS "validFrom" FROM team_membership t WHERE t.child_id = $1 AND t.assignment_id = $2 AND ${activeOn('t')}`, 3),
    [childId, assignmentId, today],
  );
  return r.rows;
}

/** The active holder of a role (row locked: a handover and a change of the team cannot interleave). */
export async function lockRoleHolder(q: Queryable, childId: string, role: HandoverRole, today: string): Promise<{ id: string; personId: string; assignmentId: string; validFrom: string } | null> {
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
  const r = await q.query(withToday(`SELECT 1 FROM team_membership t WHERE t.child_id = $1 AND t.team_role = 'coordinator' AND ${activeOn('t')}`, 2), [childId, today]);
  return r.rows.length > 0;
}

/** A guardian of the child today; `custodial` narrows to those with custody. */
export async function guardianOfChild(q: Queryable, childId: string, guardianId: string, today: string, custodial: boolean): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM custody WHERE child_id = $1 AND guardian_id = $2 AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date) ${custodial ? 'AND has_custody' : ''}`,
    [childId, guardianId, today],
  );
  return r.rows.length > 0;
}

export async function childFacts(q: Queryable, childId: string): Promise<{ birthDate: string; supportLevel: number } | null> {
  const r = await q.query<{ birth_date: string; support_level: number }>('SELECT birth_date::text AS birth_date, support_level FROM child WHERE id = $1', [childId]);
  return r.rows[0] ? { birthDate: r.rows[0].birth_date, supportLevel: Number(r.rows[0].support_level) } : null;
}

/** The plan's open actions lacking a responsible person or a due date (for level 3). */
export async function actionsMissingOwnerOrDue(q: Queryable, planId: string): Promise<{ id: string; what: string; missing: ('responsible' | 'dueDate')[] }[]> {
  const r = await q.query<{ id: string; what: string; no_owner: boolean; no_due: boolean }>(
    `SELECT id, what, responsible_kind IS NULL AS no_owner, due_date IS NULL AS no_due FROM plan_action
      WHERE plan_id = $1 AND status <> 'cancelled' AND (responsible_kind IS NULL OR due_date IS NULL) ORDER BY created_at, id`,
    [planId],
  );
  return r.rows.map((x) => ({ id: x.id, what: x.what, missing: [...(x.no_owner ? (['responsible'] as const) : []), ...(x.no_due ? (['dueDate'] as const) : [])] }));
}

export async function itemBelongsToPlan(q: Queryable, table: 'plan_need' | 'plan_goal' | 'plan_service', id: string, planId: string): Promise<{ endedOn?: string | null } | null> {
  const r = await q.query<{ ended_on?: string | null }>(`SELECT ${table === 'plan_service' ? 'ended_on::text AS ended_on' : '1 AS one'} FROM ${table} WHERE id = $1 AND plan_id = $2`, [id, planId]);
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
  p: { id: string; childId: string; level: number; background: string | null; nextReviewDate: string | null; owningUnitId: string | null; secrecyDomain: string | null },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan (id, child_id, status, level, background, next_review_date, created_by_person_id, created_by_assignment_id, owning_unit_id, secrecy_domain,
                       created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, 'active', $3, $4, $5::date, $6, $7, $8, $9, $10::timestamptz, $10::timestamptz, $6)`,
    [p.id, p.childId, p.level, p.background, p.nextReviewDate, by.personId, by.assignmentId, p.owningUnitId, p.secrecyDomain, by.now],
  );
}

export async function insertLevelChange(q: Queryable, c: { id: string; planId: string; childId: string; before: number | null; after: number; reason: string }, by: Author): Promise<void> {
  await q.query(
    `INSERT INTO plan_level_change (id, plan_id, child_id, level_before, level_after, reason, changed_by_person_id, changed_by_assignment_id, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
    [c.id, c.planId, c.childId, c.before, c.after, c.reason, by.personId, by.assignmentId, by.now],
  );
}

/** Sets the child's support level (up or down); the child's version moves only when it changes. */
export async function setSupportLevel(q: Queryable, childId: string, level: number, now: string): Promise<{ before: number; after: number }> {
  const r = await q.query<{ support_level: number }>('SELECT support_level FROM child WHERE id = $1 FOR UPDATE', [childId]);
  const before = Number(r.rows[0]?.support_level ?? 1);
  if (before !== level) await q.query('UPDATE child SET support_level = $2, version = version + 1, updated_at = $3::timestamptz WHERE id = $1', [childId, level, now]);
  return { before, after: level };
}

const PLAN_COLUMNS: Record<string, string> = { background: 'background', nextReviewDate: 'next_review_date::date', isSip: 'is_sip', level: 'level' };
const SERVICE_COLUMNS: Record<string, string> = { contactPersonId: 'contact_person_id', contactAssignmentId: 'contact_assignment_id', contribution: 'contribution', endedOn: 'ended_on::date' };
const NEED_COLUMNS: Record<string, string> = { indicator: 'indicator', description: 'description' };
const GOAL_COLUMNS: Record<string, string> = { description: 'description', needId: 'need_id', indicators: 'indicators::text[]', targetDate: 'target_date::date' };
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
const VOICE_COLUMNS: Record<string, string> = { text: 'text', recordedOn: 'recorded_on::date', writtenByChild: 'written_by_child' };
const GUARDIAN_VIEW_COLUMNS: Record<string, string> = { text: 'text', recordedOn: 'recorded_on::date', writtenByGuardian: 'written_by_guardian' };

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
export async function updateVersioned(q: Queryable, kind: 'plan' | PlanItemKind, id: string, expectedVersion: number, changes: Record<string, unknown>, by: Author): Promise<boolean> {
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

export async function insertService(q: Queryable, s: { id: string; planId: string; unitId: string; organisationId: string; contactPersonId: string; contactAssignmentId: string; contribution: string | null }, by: Author): Promise<void> {
  await q.query(
    `INSERT INTO plan_service (id, plan_id, unit_id, organisation_id, contact_person_id, contact_assignment_id, contribution, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $8::timestamptz, $9)`,
    [s.id, s.planId, s.unitId, s.organisationId, s.contactPersonId, s.contactAssignmentId, s.contribution, by.now, by.personId],
  );
}

export async function activeServiceForUnit(q: Queryable, planId: string, unitId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM plan_service WHERE plan_id = $1 AND unit_id = $2 AND ended_on IS NULL', [planId, unitId]);
  return r.rows.length > 0;
}

export async function unitFacts(q: Queryable, unitId: string): Promise<{ id: string; organisationId: string } | null> {
  const r = await q.query<{ id: string; organisation_id: string }>('SELECT id, organisation_id FROM unit WHERE id = $1', [unitId]);
  return r.rows[0] ? { id: r.rows[0].id, organisationId: r.rows[0].organisation_id } : null;
}

export async function insertNeed(q: Queryable, n: { id: string; planId: string; indicator: WheelIndicator; description: string }, by: Author): Promise<void> {
  await q.query(
    `INSERT INTO plan_need (id, plan_id, indicator, description, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $5::timestamptz, $6)`,
    [n.id, n.planId, n.indicator, n.description, by.now, by.personId],
  );
}

export async function insertGoal(q: Queryable, g: { id: string; planId: string; description: string; needId: string | null; indicators: WheelIndicator[]; targetDate: string | null }, by: Author): Promise<void> {
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
  a: { id: string; planId: string; what: string; goalId: string | null; serviceId: string | null; dueDate: string | null; status: PlanActionStatus } & ResponsibleColumns,
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_action (id, plan_id, what, goal_id, service_id, responsible_kind, responsible_person_id, responsible_assignment_id, responsible_guardian_id,
                              due_date, status, created_at, created_by_person_id, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11, $12::timestamptz, $13, $12::timestamptz, $13)`,
    [a.id, a.planId, a.what, a.goalId, a.serviceId, a.responsibleKind, a.responsiblePersonId, a.responsibleAssignmentId, a.responsibleGuardianId, a.dueDate, a.status, by.now, by.personId],
  );
}

export async function insertVoice(q: Queryable, v: { id: string; planId: string; text: string; recordedOn: string; writtenByChild: boolean }, by: Author): Promise<void> {
  await q.query(
    `INSERT INTO plan_voice (id, plan_id, text, recorded_on, written_by_child, recorded_by_person_id, recorded_by_assignment_id, created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8::timestamptz, $8::timestamptz, $6)`,
    [v.id, v.planId, v.text, v.recordedOn, v.writtenByChild, by.personId, by.assignmentId, by.now],
  );
}

export async function guardianViewExists(q: Queryable, planId: string, guardianId: string): Promise<string | null> {
  const r = await q.query<{ id: string }>('SELECT id FROM plan_guardian_view WHERE plan_id = $1 AND guardian_id = $2', [planId, guardianId]);
  return r.rows[0]?.id ?? null;
}

export async function insertGuardianView(q: Queryable, v: { id: string; planId: string; guardianId: string; text: string; recordedOn: string; writtenByGuardian: boolean }, by: Author): Promise<void> {
  await q.query(
    `INSERT INTO plan_guardian_view (id, plan_id, guardian_id, text, recorded_on, written_by_guardian, recorded_by_person_id, recorded_by_assignment_id, created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9::timestamptz, $9::timestamptz, $7)`,
    [v.id, v.planId, v.guardianId, v.text, v.recordedOn, v.writtenByGuardian, by.personId, by.assignmentId, by.now],
  );
}

export async function insertDisagreement(
  q: Queryable,
  d: { id: string; planId: string; partyKind: 'child' | 'guardian' | 'professional'; guardianId: string | null; personId: string | null; assignmentId: string | null; about: string; text: string; recordedOn: string },
  by: Author,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_disagreement (id, plan_id, party_kind, party_guardian_id, party_person_id, party_assignment_id, about, text, recorded_on, recorded_by_person_id, recorded_by_assignment_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11, $12::timestamptz)`,
    [d.id, d.planId, d.partyKind, d.guardianId, d.personId, d.assignmentId, d.about, d.text, d.recordedOn, by.personId, by.assignmentId, by.now],
  );
}

// ---------------------------------------------------------------------------------------------
// Handovers

export async function pendingHandover(q: Queryable, childId: string, role: HandoverRole): Promise<string | null> {
  const r = await q.query<{ id: string }>("SELECT id FROM role_handover WHERE child_id = $1 AND team_role = $2 AND status = 'pending'", [childId, role]);
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
    [h.id, h.childId, h.planId, h.role, h.from?.membershipId ?? null, h.from?.personId ?? null, h.from?.assignmentId ?? null, h.toPersonId, h.toAssignmentId, h.respondBy, by.now, by.personId, by.assignmentId],
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

export async function answerHandover(q: Queryable, id: string, status: 'accepted' | 'declined' | 'withdrawn', note: string | null, now: string): Promise<void> {
  await q.query("UPDATE role_handover SET status = $2, response_note = $3, responded_at = $4::timestamptz WHERE id = $1 AND status = 'pending'", [id, status, note, now]);
}

/** Ends a team row the day before `today` (a row that began today is left as an empty period). */
export async function endTeamRow(q: Queryable, membershipId: string, today: string): Promise<void> {
  await q.query('UPDATE team_membership SET valid_to = $2::date - 1 WHERE id = $1', [membershipId, today]);
}

export async function insertTeamRow(q: Queryable, t: { id: string; childId: string; personId: string; assignmentId: string; role: 'coordinator' | 'best_interest_lead' | 'member'; validFrom: string }): Promise<void> {
  await q.query('INSERT INTO team_membership (id, child_id, person_id, assignment_id, team_role, valid_from) VALUES ($1, $2, $3, $4, $5, $6::date)', [
    t.id, t.childId, t.personId, t.assignmentId, t.role, t.validFrom,
  ]);
}

/** Is the assignment's unit one of the services taking part in the plan (not ended)? */
export async function unitTakesPart(q: Queryable, planId: string, unitId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM plan_service WHERE plan_id = $1 AND unit_id = $2 AND ended_on IS NULL', [planId, unitId]);
  return r.rows.length > 0;
}

/** Offers to this receiver (person + assignment) and offers this person made, still pending. */
export async function listHandoversFor(q: Queryable, personId: string, assignmentId: string): Promise<{ incoming: PlanHandover[]; outgoing: PlanHandover[] }> {
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
  const r = await q.query<{ id: string; name: string }>(`SELECT c.id, ${name('c')} AS name FROM child c WHERE c.id = ANY($1::uuid[])`, [ids]);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

/** The plan given as $2, else the child's ($1) active plan. */
const ACTIVE_PLAN = `coalesce($2::uuid, (SELECT ap.id FROM plan ap WHERE ap.child_id = $1 AND ap.status = 'active'))`;

/**
 * Who may receive each role, by the offer's rules: coordinator — anyone on the team, or in a unit
 * taking part in the active plan; barnets bästa-ansvarig — the acceptable roles for the child: the
 * principal of the child's school (of any school in the municipality when the child has none yet),
 * a BVC nurse or the KAA of the child's municipality. Active assignments of enabled people only.
 */
export async function loadCandidates(
  q: Queryable,
  c: { childId: string; planId: string | null; municipalityCode: string; schoolUnitIds: string[]; acceptableRoles: string[] },
  today: string,
): Promise<{ coordinator: HandoverCandidate[]; best_interest_lead: HandoverCandidate[] }> {
  const r = await q.query<HandoverCandidate & { forCoordinator: boolean; forLead: boolean }>(
    withToday(
      `SELECT a.id AS "assignmentId", p.id AS "personId", ${name('p')} AS name, a.role, a.title, u.name AS "unitName", o.name AS "organisationName",
              EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = $1 AND t.assignment_id = a.id AND ${activeOn('t')}) AS "onTeam",
              (EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = $1 AND t.assignment_id = a.id AND ${activeOn('t')})
                OR EXISTS (SELECT 1 FROM plan_service s WHERE s.plan_id = ${ACTIVE_PLAN} AND s.unit_id = a.unit_id AND s.ended_on IS NULL)) AS "forCoordinator",
              (a.role = ANY($5::text[]) AND (
                 (a.role = 'principal' AND (a.unit_id = ANY($4::uuid[]) OR (cardinality($4::uuid[]) = 0 AND u.municipality_code = $3)))
                 OR (a.role IN ('child_health_nurse', 'youth_follow_up_officer') AND u.municipality_code = $3))) AS "forLead"
         FROM assignment a
         JOIN person p ON p.id = a.person_id AND p.enabled
         JOIN organisation o ON o.id = a.organisation_id
         LEFT JOIN unit u ON u.id = a.unit_id
        WHERE a.valid_from <= :today AND (a.valid_to IS NULL OR a.valid_to >= :today)
          AND a.role NOT IN ('unit_admin', 'system_admin', 'analyst', 'manager')
          AND (EXISTS (SELECT 1 FROM team_membership t WHERE t.child_id = $1 AND t.assignment_id = a.id AND ${activeOn('t')})
               OR EXISTS (SELECT 1 FROM plan_service s WHERE s.plan_id = ${ACTIVE_PLAN} AND s.unit_id = a.unit_id AND s.ended_on IS NULL)
               OR a.role = ANY($5::text[]))
        ORDER BY p.family_name, p.given_name, a.id`,
      6,
    ),
    [c.childId, c.planId, c.municipalityCode, c.schoolUnitIds, c.acceptableRoles, today],
    // Prepared: planning this statement cost more than running it, on every plan read.
    'plan.candidates',
  );
  const strip = ({ forCoordinator: _c, forLead: _l, ...x }: HandoverCandidate & { forCoordinator: boolean; forLead: boolean }) => x;
  return { coordinator: r.rows.filter((x) => x.forCoordinator).map(strip), best_interest_lead: r.rows.filter((x) => x.forLead).map(strip) };
}
