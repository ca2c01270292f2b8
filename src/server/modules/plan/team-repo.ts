import type { Queryable } from '../../db/client.js';
import { BEST_INTEREST_LEAD_ROLES, TRANSITION_HORIZON_DAYS } from '../../../core/best-interest-lead.js';
import type {
  PlanGuardian,
  PlanHandover,
  PlanTeamMember,
  HandoverCandidate,
  TeamRoleHolder,
} from '../../../contract/plan/index.js';
import { activeOn, HANDOVER_SELECT, items, name, parse, strip } from './plan-sql.js';
import { sql } from '../../db/sql.js';
import { addDays } from '../../../core/calendar.js';

/** The team, guardians, schooling and open handovers around the plan, and who may receive a role. */

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
export const TEAM_AGG = `
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
export const GUARDIANS_AGG = `
  (SELECT coalesce(json_agg(x ORDER BY x."hasCustody" DESC, x.name), '[]'::json) FROM (
     SELECT g.id AS "guardianId", ${name('g')} AS name, cu.relation, cu.has_custody AS "hasCustody"
       FROM custody cu JOIN guardian g ON g.id = cu.guardian_id
      WHERE cu.child_id = c.id AND cu.valid_from <= :today::date AND (cu.valid_to IS NULL OR cu.valid_to >= :today::date)) x)`;
export const ENROLMENTS_AGG = `
  (SELECT coalesce(json_agg(json_build_object('unitId', u.id, 'unitKind', u.kind, 'validFrom', e.valid_from, 'validTo', e.valid_to)), '[]'::json)
     FROM enrolment e JOIN unit u ON u.id = e.unit_id WHERE e.child_id = c.id)`;
export const HANDOVERS_AGG = `(SELECT coalesce(json_agg(x ORDER BY x.sort_at, x.id), '[]'::json) FROM (${HANDOVER_SELECT} WHERE h.child_id = c.id AND h.status = 'pending') x)`;

export interface ContextRow {
  id: string;
  birth_date: string;
  municipality_code: string;
  support_level: number;
  team: unknown;
  guardians: unknown;
  enrolments: unknown;
  handovers: unknown;
}

export function toContext(row: ContextRow): PlanContext {
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
  const st = sql(
    `SELECT c.id, c.birth_date::text AS birth_date, c.municipality_code, c.support_level,
            ${TEAM_AGG} AS team, ${GUARDIANS_AGG} AS guardians, ${ENROLMENTS_AGG} AS enrolments, ${HANDOVERS_AGG} AS handovers
       FROM child c WHERE c.id = :child_id`,
    { child_id: childId, today },
  );
  const r = await q.query<ContextRow>(st.text, st.values, 'plan.context');
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
      WHERE a.valid_from <= :today::date AND (a.valid_to IS NULL OR a.valid_to >= :today::date)
        AND a.role NOT IN ('unit_admin', 'system_admin', 'analyst', 'manager')
        AND (k.on_team OR k.in_service OR k.lead_eligible)) x)`;

/** The handover candidates of the child (rows of CANDIDATES_AGG); null when the child does not exist. */
export async function loadCandidates(q: Queryable, childId: string, today: string): Promise<CandidateRow[] | null> {
  const horizon = addDays(today, TRANSITION_HORIZON_DAYS);
  const st = sql(`WITH ${CHILD_SCHOOLS} SELECT ${CANDIDATES_AGG} AS candidates FROM child c WHERE c.id = :child_id`, {
    child_id: childId,
    today,
    horizon,
  });
  const r = await q.query<{ candidates: unknown }>(st.text, st.values, 'plan.candidates');
  const row = r.rows[0];
  if (!row) return null;
  return parse<(CandidateRow & { sort_family?: string; sort_given?: string })[]>(row.candidates).map(
    ({ sort_family: _f, sort_given: _g, ...x }) => x,
  );
}

/** The child's school units now or within the transition horizon (`:horizon`), for the principal rule. */
const CHILD_SCHOOLS = `
  child_schools AS (
    SELECT e.unit_id FROM enrolment e JOIN unit eu ON eu.id = e.unit_id
     WHERE e.child_id = :child_id AND eu.kind IN ('compulsory_school', 'upper_secondary_school')
       AND e.valid_from <= :horizon::date AND (e.valid_to IS NULL OR e.valid_to >= :today::date))`;

/** A candidate row of CANDIDATES_AGG. */
export type CandidateRow = HandoverCandidate & { forCoordinator: boolean; leadEligible: boolean };

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
