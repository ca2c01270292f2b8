import type { AssignedActor } from '../../access/actor.js';
import type { Queryable } from '../../db/client.js';
import { isoTimestamp } from '../../../core/time.js';
import { wheelOrder } from '../../../core/wheel.js';
import type { ConsultationCase, ConsultationOptions, ParticipantRole } from '../../../contract/consultation.js';

/**
 * Who sees a consultation case: its author, in the assignment the case was written in, and the
 * members of the case's consultation team, in the assignment they sit in the team with, on the
 * days their membership is valid. One SQL fragment, used by every read and write below.
 * Parameters: $1 assignment id, $2 person id, $3 today.
 */
const VISIBLE = `(
  (c.author_assignment_id = $1 AND c.author_person_id = $2)
  OR EXISTS (SELECT 1 FROM consultation_team_member m
              WHERE m.team_id = c.team_id AND m.assignment_id = $1 AND m.person_id = $2
                AND m.valid_from <= $3::date AND (m.valid_to IS NULL OR m.valid_to >= $3::date)))`;

const IS_MEMBER = `EXISTS (SELECT 1 FROM consultation_team_member m
              WHERE m.team_id = c.team_id AND m.assignment_id = $1 AND m.person_id = $2
                AND m.valid_from <= $3::date AND (m.valid_to IS NULL OR m.valid_to >= $3::date))`;

interface CaseRow {
  id: string;
  team_id: string;
  team_name: string;
  age_band: ConsultationCase['ageBand'];
  school_stage: ConsultationCase['schoolStage'];
  municipality_code: string;
  municipality_name: string | null;
  indicators: string[];
  description: string;
  question: string | null;
  advice: string | null;
  consulted_on: string | null;
  participant_roles: string[];
  mandatory_report_advised: boolean;
  advised_at: unknown;
  advised_by_person_id: string | null;
  advised_by_name: string | null;
  advised_by_title: string | null;
  advised_by_unit: string | null;
  linked_at: unknown;
  linked_by_person_id: string | null;
  linked_by_name: string | null;
  linked_by_title: string | null;
  linked_by_unit: string | null;
  author_person_id: string;
  author_assignment_id: string;
  author_name: string;
  author_title: string | null;
  author_unit: string | null;
  is_member: boolean;
  created_at: unknown;
  updated_at: unknown;
  version: number;
}

const SELECT = `
  SELECT c.id, c.team_id, t.name AS team_name, c.age_band, c.school_stage, c.municipality_code, mo.name AS municipality_name,
         c.indicators, c.description, c.question, c.advice, c.consulted_on::text AS consulted_on, c.participant_roles, c.mandatory_report_advised,
         c.advised_at, c.advised_by_person_id, ap.given_name || ' ' || ap.family_name AS advised_by_name, aa.title AS advised_by_title, au.name AS advised_by_unit,
         c.linked_at, c.linked_by_person_id, lp.given_name || ' ' || lp.family_name AS linked_by_name, la.title AS linked_by_title, lu.name AS linked_by_unit,
         c.author_person_id, c.author_assignment_id, p.given_name || ' ' || p.family_name AS author_name, a.title AS author_title, u.name AS author_unit,
         ${IS_MEMBER} AS is_member, c.created_at, c.updated_at, c.version
    FROM consultation_case c
    JOIN consultation_team t ON t.id = c.team_id
    LEFT JOIN organisation mo ON mo.municipality_code = c.municipality_code AND mo.kind = 'municipality'
    JOIN person p ON p.id = c.author_person_id
    JOIN assignment a ON a.id = c.author_assignment_id
    LEFT JOIN unit u ON u.id = a.unit_id
    LEFT JOIN person ap ON ap.id = c.advised_by_person_id
    LEFT JOIN assignment aa ON aa.id = c.advised_by_assignment_id
    LEFT JOIN unit au ON au.id = aa.unit_id
    LEFT JOIN person lp ON lp.id = c.linked_by_person_id
    LEFT JOIN assignment la ON la.id = c.linked_by_assignment_id
    LEFT JOIN unit lu ON lu.id = la.unit_id`;

function toCase(r: CaseRow, actor: AssignedActor): ConsultationCase {
  const isAuthor = r.author_assignment_id === actor.assignmentId && r.author_person_id === actor.personId;
  const linked = r.linked_at !== null && r.linked_at !== undefined;
  const advised = r.advice !== null;
  return {
    id: r.id,
    team: { id: r.team_id, name: r.team_name },
    ageBand: r.age_band,
    schoolStage: r.school_stage,
    municipality: { code: r.municipality_code, name: r.municipality_name },
    indicators: wheelOrder(r.indicators ?? []),
    description: r.description,
    question: r.question,
    status: linked ? 'linked' : advised ? 'advised' : 'awaiting_advice',
    advice:
      advised && r.advised_by_person_id
        ? {
            text: r.advice ?? '',
            consultedOn: r.consulted_on ?? '',
            participantRoles: (r.participant_roles ?? []) as ParticipantRole[],
            mandatoryReportAdvised: r.mandatory_report_advised,
            recordedAt: isoTimestamp(r.advised_at),
            recordedBy: {
              personId: r.advised_by_person_id,
              name: r.advised_by_name ?? '',
              title: r.advised_by_title,
              unitName: r.advised_by_unit,
            },
          }
        : null,
    link:
      linked && r.linked_by_person_id
        ? {
            linkedAt: isoTimestamp(r.linked_at),
            linkedBy: {
              personId: r.linked_by_person_id,
              name: r.linked_by_name ?? '',
              title: r.linked_by_title,
              unitName: r.linked_by_unit,
            },
          }
        : null,
    author: { personId: r.author_person_id, name: r.author_name, title: r.author_title, unitName: r.author_unit },
    viewer: { isAuthor, isTeamMember: r.is_member, mayAdvise: r.is_member && !linked, mayLink: advised && !linked },
    createdAt: isoTimestamp(r.created_at),
    updatedAt: isoTimestamp(r.updated_at),
    version: Number(r.version),
  };
}

const who = (actor: AssignedActor, today: string) => [actor.assignmentId, actor.personId, today];

/** Cases I brought and cases of the teams I am a member of, newest first. */
export async function listCases(q: Queryable, actor: AssignedActor, today: string): Promise<ConsultationCase[]> {
  const r = await q.query<CaseRow>(
    `${SELECT} WHERE ${VISIBLE} ORDER BY c.created_at DESC, c.id LIMIT 500`,
    who(actor, today),
  );
  return r.rows.map((x) => toCase(x, actor));
}

/** One case, or null when it does not exist or the actor may not see it (the same answer). */
export async function loadCase(
  q: Queryable,
  actor: AssignedActor,
  caseId: string,
  today: string,
): Promise<ConsultationCase | null> {
  const r = await q.query<CaseRow>(`${SELECT} WHERE c.id = $4 AND ${VISIBLE}`, [...who(actor, today), caseId]);
  return r.rows[0] ? toCase(r.rows[0], actor) : null;
}

/** Locks a visible case for the rest of the transaction. */
export async function lockCase(
  q: Queryable,
  actor: AssignedActor,
  caseId: string,
  today: string,
): Promise<{
  version: number;
  advised: boolean;
  linked: boolean;
  isMember: boolean;
  advice: string | null;
  consultedOn: string | null;
} | null> {
  const r = await q.query<{
    version: number;
    advice: string | null;
    consulted_on: string | null;
    linked_at: unknown;
    is_member: boolean;
  }>(
    `SELECT c.version, c.advice, c.consulted_on::text AS consulted_on, c.linked_at, ${IS_MEMBER} AS is_member
       FROM consultation_case c WHERE c.id = $4 AND ${VISIBLE} FOR UPDATE OF c`,
    [...who(actor, today), caseId],
  );
  const row = r.rows[0];
  if (!row) return null;
  return {
    version: Number(row.version),
    advised: row.advice !== null,
    linked: row.linked_at !== null,
    isMember: row.is_member,
    advice: row.advice,
    consultedOn: row.consulted_on,
  };
}

/** Teams and municipalities for the new-case form. */
export async function options(q: Queryable, actor: AssignedActor, today: string): Promise<ConsultationOptions> {
  const teams = await q.query<{
    id: string;
    name: string;
    organisation_name: string;
    municipality_codes: string[] | null;
    member: boolean;
  }>(
    `SELECT t.id, t.name, o.name AS organisation_name, t.municipality_codes,
            EXISTS (SELECT 1 FROM consultation_team_member m WHERE m.team_id = t.id AND m.assignment_id = $1 AND m.person_id = $2
                     AND m.valid_from <= $3::date AND (m.valid_to IS NULL OR m.valid_to >= $3::date)) AS member
       FROM consultation_team t JOIN organisation o ON o.id = t.organisation_id
      ORDER BY t.name, t.id`,
    who(actor, today),
  );
  const munis = await q.query<{ code: string; name: string }>(
    `SELECT municipality_code AS code, name FROM organisation WHERE kind = 'municipality' AND municipality_code IS NOT NULL ORDER BY name`,
  );
  const own = await q.query<{ code: string | null }>(
    `SELECT coalesce(u.municipality_code, o.municipality_code) AS code FROM assignment a JOIN organisation o ON o.id = a.organisation_id LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`,
    [actor.assignmentId],
  );
  return {
    teams: teams.rows.map((t) => ({
      id: t.id,
      name: t.name,
      organisationName: t.organisation_name,
      municipalityCodes: t.municipality_codes,
      member: t.member,
    })),
    municipalities: munis.rows,
    defaultMunicipalityCode: own.rows[0]?.code ?? null,
  };
}

export async function teamServes(
  q: Queryable,
  teamId: string,
  municipalityCode: string,
): Promise<'ok' | 'no_team' | 'not_served'> {
  const r = await q.query<{ serves: boolean }>(
    'SELECT (municipality_codes IS NULL OR $2 = ANY(municipality_codes)) AS serves FROM consultation_team WHERE id = $1',
    [teamId, municipalityCode],
  );
  if (!r.rows[0]) return 'no_team';
  return r.rows[0].serves ? 'ok' : 'not_served';
}

export async function municipalityExists(q: Queryable, code: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM organisation WHERE kind = 'municipality' AND municipality_code = $1`, [code]);
  return r.rows.length > 0;
}

export interface NewCase {
  id: string;
  teamId: string;
  ageBand: string;
  schoolStage: string;
  municipalityCode: string;
  indicators: string[];
  description: string;
  question: string | null;
  actor: AssignedActor;
  now: string;
}

export async function insertCase(q: Queryable, c: NewCase): Promise<void> {
  await q.query(
    `INSERT INTO consultation_case (id, team_id, age_band, school_stage, municipality_code, indicators, description, question,
                                    author_person_id, author_assignment_id, author_organisation_id, author_unit_id, created_at, updated_at, updated_by_person_id)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12, $13::timestamptz, $13::timestamptz, $9)`,
    [
      c.id,
      c.teamId,
      c.ageBand,
      c.schoolStage,
      c.municipalityCode,
      c.indicators,
      c.description,
      c.question,
      c.actor.personId,
      c.actor.assignmentId,
      c.actor.organisationId,
      c.actor.unitId,
      c.now,
    ],
  );
}

export async function recordAdvice(
  q: Queryable,
  a: {
    caseId: string;
    expectedVersion: number;
    advice: string;
    consultedOn: string;
    participantRoles: string[];
    mandatoryReportAdvised: boolean;
    actor: AssignedActor;
    now: string;
  },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE consultation_case
        SET advice = $3, consulted_on = $4::date, participant_roles = $5::text[], mandatory_report_advised = $6,
            advised_at = $9::timestamptz, advised_by_person_id = $7, advised_by_assignment_id = $8,
            version = version + 1, updated_at = $9::timestamptz, updated_by_person_id = $7
      WHERE id = $1 AND version = $2 AND linked_at IS NULL`,
    [
      a.caseId,
      a.expectedVersion,
      a.advice,
      a.consultedOn,
      a.participantRoles,
      a.mandatoryReportAdvised,
      a.actor.personId,
      a.actor.assignmentId,
      a.now,
    ],
  );
  return r.rowCount === 1;
}

export async function markLinked(q: Queryable, caseId: string, actor: AssignedActor, now: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE consultation_case SET linked_at = $2::timestamptz, linked_by_person_id = $3, linked_by_assignment_id = $4,
            version = version + 1, updated_at = $2::timestamptz, updated_by_person_id = $3
      WHERE id = $1 AND linked_at IS NULL AND advice IS NOT NULL`,
    [caseId, now, actor.personId, actor.assignmentId],
  );
  return r.rowCount === 1;
}

export async function insertConsent(
  q: Queryable,
  c: {
    id: string;
    caseId: string;
    childId: string;
    givenBy: string[];
    method: string;
    givenOn: string;
    actor: AssignedActor;
    now: string;
    chronologyEntryId: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO consultation_link_consent (id, consultation_case_id, child_id, given_by, method, given_on, recorded_by_person_id, recorded_by_assignment_id, recorded_at, chronology_entry_id)
     VALUES ($1, $2, $3, $4::text[], $5, $6::date, $7, $8, $9::timestamptz, $10)`,
    [
      c.id,
      c.caseId,
      c.childId,
      c.givenBy,
      c.method,
      c.givenOn,
      c.actor.personId,
      c.actor.assignmentId,
      c.now,
      c.chronologyEntryId,
    ],
  );
}

/** Whether a case with this id exists at all (for the audit: denied vs not found). */
export async function caseExists(q: Queryable, caseId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM consultation_case WHERE id = $1', [caseId])).rows.length > 0;
}
