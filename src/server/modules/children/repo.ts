import type { Queryable } from '../../db/client.js';
import type { AssignedActor } from '../../access/actor.js';
import type { ChildListGate } from '../../access/child-list.js';
import type { InlineGate } from '../../access/child-data.js';
import type { ChildAccessRow } from '../../access/gate.js';
import { needsProtectedDetails } from '../../access/record-access.js';

import { formatIdentityNumber } from '../../../core/personnummer.js';
import type { ChildOverview, ChildSummary } from '../../../contract/children.js';
import { ageOn } from '../../../core/calendar.js';
import { sql, textOf } from '../../db/sql.js';

/** Units whose name tells where a child goes to school or preschool (withheld for protected identity). */
const SCHOOL_UNIT_KINDS: ReadonlySet<string> = new Set([
  'preschool',
  'compulsory_school',
  'upper_secondary_school',
  'student_health_medical',
  'student_health_psychosocial',
  'leisure_centre',
]);

interface SummaryRow {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  municipality_name: string | null;
  support_level: number;
  coordinator_id: string | null;
  coordinator_name: string | null;
  my_team_role: ChildSummary['myTeamRole'];
}

const SUMMARY_SELECT = `
  SELECT c.id, c.given_name, c.family_name, c.birth_date::text AS birth_date, m.name AS municipality_name, c.support_level,
         co.person_id AS coordinator_id, co.name AS coordinator_name, mine.team_role AS my_team_role
    FROM child c
    LEFT JOIN organisation m ON m.kind = 'municipality' AND m.municipality_code = c.municipality_code
    LEFT JOIN LATERAL (
      SELECT t.person_id, p.given_name || ' ' || p.family_name AS name FROM team_membership t JOIN person p ON p.id = t.person_id
       WHERE t.child_id = c.id AND t.team_role = 'coordinator' AND t.valid_from <= :today::date AND (t.valid_to IS NULL OR t.valid_to >= :today::date)
       ORDER BY t.valid_from DESC LIMIT 1) co ON true
    LEFT JOIN LATERAL (
      SELECT t.team_role FROM team_membership t
       WHERE t.child_id = c.id AND t.assignment_id = :assignment AND t.valid_from <= :today::date AND (t.valid_to IS NULL OR t.valid_to >= :today::date)
       ORDER BY CASE t.team_role WHEN 'coordinator' THEN 0 WHEN 'best_interest_lead' THEN 1 WHEN 'contact_person' THEN 2 ELSE 3 END LIMIT 1) mine ON true`;

function toSummary(r: SummaryRow, today: string): ChildSummary {
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    ageYears: ageOn(r.birth_date, today),
    municipalityName: r.municipality_name,
    supportLevel: Number(r.support_level),
    coordinator:
      r.coordinator_id && r.coordinator_name ? { personId: r.coordinator_id, name: r.coordinator_name } : null,
    myTeamRole: r.my_team_role ?? null,
  };
}

const listText = textOf(
  (vis: string) => `${SUMMARY_SELECT} WHERE c.id IN (${vis}) ORDER BY c.family_name, c.given_name, c.id`,
);

/** Children on the actor's team today. The gate's own SQL decides who is in the list. */
export async function listVisibleChildren(q: Queryable, gate: ChildListGate): Promise<ChildSummary[]> {
  const { actor, today } = gate.scope;
  const vis = gate.visibleChildrenSql();
  const st = sql(listText(vis.text), { today, assignment: actor.assignmentId }, vis.params);
  const r = await q.query<SummaryRow>(st.text, st.values);
  return r.rows.map((x) => toSummary(x, today));
}

const summariesText = textOf(() => `${SUMMARY_SELECT} WHERE c.id = ANY(:ids::uuid[])`);

export async function childSummaries(
  q: Queryable,
  actor: AssignedActor,
  ids: string[],
  today: string,
): Promise<ChildSummary[]> {
  const st = sql(summariesText(), { today, assignment: actor.assignmentId, ids });
  const r = await q.query<SummaryRow>(st.text, st.values);
  return r.rows.map((x) => toSummary(x, today));
}

export async function findChildIdByPersonnummer(q: Queryable, personnummer: string): Promise<string | null> {
  const r = await q.query<{ id: string }>('SELECT id FROM child WHERE personnummer = $1', [personnummer]);
  return r.rows[0]?.id ?? null;
}

export interface OverviewRow {
  id: string;
  personnummer: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  gender: ChildOverview['gender'];
  municipality_code: string;
  municipality_name: string | null;
  protected_identity: boolean;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  support_level: number;
  is_test_data: boolean;
  version: number;
  guardians: unknown;
  team: unknown;
  enrolments: unknown;
}

const overviewText = textOf(
  (
    gateColumns: string,
    permitted: string,
  ) => `SELECT ga.gate_protected_identity, ga.gate_on_team, ga.gate_break_glass_id, c.id AS child_id,
            c.id, c.personnummer, c.given_name, c.family_name, c.birth_date::text AS birth_date, c.gender, c.municipality_code,
            m.name AS municipality_name, c.protected_identity, c.address_line, c.postal_code, c.city, c.support_level,
            c.is_test_data, c.version,
            COALESCE((SELECT json_agg(json_build_object('id', g.id, 'givenName', g.given_name, 'familyName', g.family_name,
                       'relation', cu.relation, 'hasCustody', cu.has_custody, 'livesWithChild', cu.lives_with_child,
                       'phone', g.phone, 'email', g.email) ORDER BY cu.has_custody DESC, g.family_name, g.given_name)
                FROM custody cu JOIN guardian g ON g.id = cu.guardian_id
               WHERE cu.child_id = c.id AND (cu.valid_to IS NULL OR cu.valid_to >= :today::date)), '[]'::json) AS guardians,
            COALESCE((SELECT json_agg(json_build_object('membershipId', t.id, 'personId', p.id, 'name', p.given_name || ' ' || p.family_name,
                       'teamRole', t.team_role, 'assignmentRole', a.role, 'title', a.title, 'unitName', u.name, 'unitKind', u.kind,
                       'organisationName', o.name, 'secrecyDomain', u.secrecy_domain, 'validFrom', t.valid_from::text,
                       'validTo', t.valid_to::text, 'active', (t.valid_from <= :today::date AND (t.valid_to IS NULL OR t.valid_to >= :today::date)))
                       ORDER BY CASE t.team_role WHEN 'coordinator' THEN 0 WHEN 'best_interest_lead' THEN 1 WHEN 'contact_person' THEN 2 ELSE 3 END, p.family_name)
                FROM team_membership t JOIN person p ON p.id = t.person_id JOIN assignment a ON a.id = t.assignment_id
                JOIN organisation o ON o.id = a.organisation_id LEFT JOIN unit u ON u.id = a.unit_id
               WHERE t.child_id = c.id), '[]'::json) AS team,
            COALESCE((SELECT json_agg(json_build_object('unitName', u.name, 'unitKind', u.kind, 'grade', e.grade,
                       'validFrom', e.valid_from::text, 'validTo', e.valid_to::text) ORDER BY e.valid_from DESC)
                FROM enrolment e JOIN unit u ON u.id = e.unit_id WHERE e.child_id = c.id), '[]'::json) AS enrolments
       -- The gate's columns first (OFFSET 0 keeps the subquery apart); the child's row only when they say yes.
       FROM (SELECT gc.id, ${gateColumns} FROM child gc WHERE gc.id = :child_id OFFSET 0) ga
       LEFT JOIN child c ON c.id = ga.id AND ${permitted}
       LEFT JOIN organisation m ON m.kind = 'municipality' AND m.municipality_code = c.municipality_code`,
);

/**
 * One round trip: the gate's answer for the child and, only when it says yes, the child with
 * guardians, team and enrolments as JSON arrays. `gate` null: no such child; `data` null: no such
 * child or no access.
 */
export async function loadOverview(
  q: Queryable,
  childId: string,
  today: string,
  gate: InlineGate,
): Promise<{ gate: ChildAccessRow | null; data: OverviewRow | null }> {
  const g = gate.sql('gc');
  const st = sql(overviewText(g.text, gate.permitted), { child_id: childId, today }, g.params);
  const r = await q.query<ChildAccessRow & { child_id: string | null } & OverviewRow>(
    st.text,
    st.values,
    'child.overview',
  );
  const row = r.rows[0];
  if (!row) return { gate: null, data: null };
  const { gate_protected_identity, gate_on_team, gate_break_glass_id, child_id, ...data } = row;
  return {
    gate: { gate_protected_identity, gate_on_team, gate_break_glass_id },
    data: child_id === null ? null : data,
  };
}

/** The overview the actor may see: protected identity withholds what only some of the team need. */
export async function toOverview(
  q: Queryable,
  actor: AssignedActor,
  row: OverviewRow,
  today: string,
): Promise<ChildOverview> {
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  // Protected identity (skyddade personuppgifter): address, school location and contact details only
  // for those who need them — the coordinator and barnets bästa-ansvarig (access/record-access.ts).
  const withhold = row.protected_identity && !(await needsProtectedDetails(q, actor, row.id, today));
  const address = withhold ? null : { line: row.address_line, postalCode: row.postal_code, city: row.city };
  const guardians = parse<ChildOverview['guardians']>(row.guardians).map((g) =>
    withhold ? { ...g, phone: null, email: null } : g,
  );
  const team = parse<(ChildOverview['team'][number] & { unitKind?: string | null })[]>(row.team).map(
    ({ unitKind, ...m }) => (withhold && SCHOOL_UNIT_KINDS.has(unitKind ?? '') ? { ...m, unitName: null } : m),
  );
  return {
    id: row.id,
    personnummer: formatIdentityNumber(row.personnummer),
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    ageYears: ageOn(row.birth_date, today),
    gender: row.gender,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    protectedIdentity: row.protected_identity,
    address,
    supportLevel: Number(row.support_level),
    guardians,
    team,
    enrolments: withhold ? [] : parse<ChildOverview['enrolments']>(row.enrolments),
    isTestData: row.is_test_data,
    version: Number(row.version),
  };
}
